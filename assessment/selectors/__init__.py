"""Read queries of the assessment app, a module per topic, already scoped."""
