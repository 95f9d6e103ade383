#!/usr/bin/env python
"""The `llm_triage` alert action (alert_actions.conf): splunkd runs `llm_triage_alert.py --execute` with
the JSON payload on standard input; everything else is llm_triage.routing.alert_action."""

import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))

from llm_triage.routing.alert_action import run  # noqa: E402

if __name__ == "__main__":
    sys.exit(run())
