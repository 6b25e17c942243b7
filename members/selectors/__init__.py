"""Read queries of the members app, scoped and prefetch-complete: a module per topic."""
