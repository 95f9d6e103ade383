"""Outbound HTTP: one client for every call the app makes (providers, SOAR, webhooks)."""
