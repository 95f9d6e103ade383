"""What leaves the boundary: pseudonyms for identifiers, and the audit trail of every inference."""
