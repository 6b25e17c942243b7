"""Pages of the members app: a module per topic."""
