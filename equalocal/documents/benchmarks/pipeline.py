"""Benchmarks: pipeline."""
