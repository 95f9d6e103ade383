"""Evidence: what a row becomes before a model sees it (canonical form, bundles, profiles, entities)."""
