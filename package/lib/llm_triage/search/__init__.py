"""The search commands' row loops."""
