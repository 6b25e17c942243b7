"""The services of the residents app, a module per topic."""
