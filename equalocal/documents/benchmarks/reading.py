"""Benchmarks: reading."""
