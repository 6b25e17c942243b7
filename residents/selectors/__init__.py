"""The selectors of the residents app, a module per topic."""
