"""The Qt tray app. The only package that imports Qt; it owns no domain rules."""
