"""Run the app's custom search commands without a Splunk server.

The harness speaks the chunked search command protocol (SCP v2) exactly as splunkd does, stands in for
the few splunkd REST services the app reads, and streams rows from a .csv or .jsonl file through a
pipeline of commands. `tools/search` is its command line; `tools.harness.pipeline` its Python API.
"""
