"""Helpers of the assessment tests: a fake metric and schemes built by hand."""
