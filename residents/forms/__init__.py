"""The forms of the residents app, a module per topic."""
