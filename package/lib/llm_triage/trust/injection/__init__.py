"""Prompt-injection defence: a deterministic detector of log text that addresses the model, and the red-team
canaries shipped with the app."""
