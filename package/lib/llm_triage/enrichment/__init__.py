"""Enrichment: the catalog of admin-defined context searches a row judged needs_enrichment may get, checked
so that they only read, and each made into safe SPL for one row."""
