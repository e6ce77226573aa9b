"""Reading and writing CSV/XLSX once: encodings, limits, the formula guard."""
