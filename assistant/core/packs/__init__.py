"""Phrase packs: the pack file format, built-in packs, 千牛 tables, import and export."""
