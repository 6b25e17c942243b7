"""The reminder rules of the residents app, a module per topic."""
