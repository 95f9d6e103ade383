"""Benchmarks of the app: each `bench/bench_<name>.py` measures one thing beside its baseline, in one run.

Run them all with `python -m bench.run` (or `make bench`); one with `python -m bench.bench_<name>`.
See bench/common.py for what a benchmark returns.
"""
