"""Verdicts: the answer schema, the prompts, the Judge contract and the baseline for rows no model judged."""
