"""Desktop integration: global hotkey, paste, focus, the instance server."""
