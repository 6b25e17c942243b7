"""The views of the residents app, a module per topic."""
