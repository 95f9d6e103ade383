"""The README's images, drawn from the app's own definitions (no Splunk runs here, so no screenshots):

- a wireframe of each dashboard (package/default/data/ui/views/*.xml): its inputs, and each panel where
  the layout puts it, with its title, its chart type and, for tables, the columns its search keeps
  (dashboards.py);
- the setup page (globalConfig.json): its tabs, and the fields of the Providers and Settings tabs
  (setup_page.py);
- the architecture, its names read from commands.conf, restmap.app.conf, alert_actions.conf,
  collections.conf, indexes.conf and the Providers tab's types (architecture.py).

    python -m tools.images           # rewrite docs/images/*.svg
    python -m tools.images --check   # exit 1, naming each image that no longer matches its source

Each image says what it was drawn from. Output is deterministic (same definitions, same bytes), so a
test re-draws every image and compares it with the committed one. Standard library only.
"""
