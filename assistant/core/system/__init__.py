"""OS integration without Qt: autostart and the single running instance."""
