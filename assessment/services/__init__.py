"""Writes of the assessment app, a module per topic: schemes, scores, computed scores and
results. Each service owns its transaction and saves nothing when it refuses."""
