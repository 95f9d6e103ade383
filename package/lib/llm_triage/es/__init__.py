"""Splunk Enterprise Security: risk modifiers, notable write-back, adaptive response results, dispositions."""
