"""Buyer notes: the model, the book, the ten-group scheme, remarks, export and order reports."""
