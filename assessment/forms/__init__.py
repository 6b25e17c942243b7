"""The page forms of the assessment app, a module per topic."""
