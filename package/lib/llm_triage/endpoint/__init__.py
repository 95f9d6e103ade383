"""The app's REST endpoint: the service that holds the keys and its client in searches."""
