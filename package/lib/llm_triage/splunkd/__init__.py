"""Splunk's side: the REST doorway, conf and settings, secrets, the KV store, index writers."""
