"""Helpers of the assessment tests: fixtures of the metrics, a fake metric, schemes built by hand."""
