"""Benchmarks: speed, memory and extraction quality on real corpora (see bench/README.md)."""
