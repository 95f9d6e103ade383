"""From verdict to action: the `llm_triage` alert action's routing to Splunk SOAR or a JSON webhook, the
approval queue a reviewer works, and the dead letters an admin replays. Pure logic; no splunklib."""
