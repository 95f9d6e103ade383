#!/usr/bin/env python
"""The `llm_triage` alert action (alert_actions.conf): splunkd runs `llm_triage_alert.py --execute` with
the JSON payload on standard input; everything else is llm_triage.routing.alert_action."""

import sys

import llm_triage_bin  # noqa: F401  (puts the app's lib/ on the path)

from llm_triage.routing.alert_action import run

if __name__ == "__main__":
    sys.exit(run())
