"""The quick panel: search, fill-ins, the current buyer."""
