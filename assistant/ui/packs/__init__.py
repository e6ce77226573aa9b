"""Packs and sync windows."""
