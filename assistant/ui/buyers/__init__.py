"""Buyer windows: the manager and the editor."""
