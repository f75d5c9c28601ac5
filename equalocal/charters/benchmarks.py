"""Benchmark of the Charter page."""

from django.test import Client


def bench_charter_page(bench):
    median, queries = bench.time_page(Client(), "/charter/2022/")
    bench.record("Charter page (39 articles): server time", median, "ms", articles=39)
    bench.record("Charter page (39 articles): queries", queries, "queries", articles=39)
