"""LLM Triage: curated evidence bundles, model verdicts and their validation, for Splunk searches.

Pure Python, no splunklib: Splunk's entry points in `bin/` call into this package.
"""

__version__ = "0.1.0"
