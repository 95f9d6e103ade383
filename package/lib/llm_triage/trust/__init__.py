"""What crosses the boundary: redaction, pseudonyms, the audit trail, prompt-injection detection."""
