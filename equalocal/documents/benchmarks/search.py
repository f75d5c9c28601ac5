"""Benchmarks: search."""
