"""Benchmark harness for issue 7: `python -m bench` from the project root (see bench/README.md)."""
