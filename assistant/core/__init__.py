"""The domain: pure Python, no Qt, no knowledge of windows or commands."""
