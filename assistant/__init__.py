"""客服快捷助手 (kefu-assistant): quick phrases, buyer notes and team phrase packs."""

__version__ = "0.1.0"
