"""Phrase windows: the manager, the editor, statistics."""
