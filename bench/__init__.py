"""The performance bench of issue #8: `make bench` (see README and BENCHMARKS.md).

Builds national-scale datasets in dedicated PostgreSQL databases (casework_bench_*), measures the pages
and endpoints through a real gunicorn server with concurrent clients on loopback, counts SQL queries,
compares list endpoints with their raw-SQL floor and the Django admin, times the PDF reports, and writes
bench/results.json and BENCHMARKS.md. Not part of `make test`.
"""
