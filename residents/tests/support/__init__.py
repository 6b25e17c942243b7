"""Helpers of the residents tests."""
