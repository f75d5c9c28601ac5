"""National-scale data for measuring the product: ``equalocal scale-data``.

Builds, reproducibly from a seed, what a national association or a large network would hold
after years of use: organisations in networks (with their consent), commitments at every stage,
plans with goals, activities and progress histories, indicators and figures, extracted and
indexed documents, good practices, events and reports. It sits above every domain app (it
imports them all, none imports it) and writes with bulk inserts the rows the services would
leave, derived rows included: audit-trail history, search index rows, network consents.
"""
