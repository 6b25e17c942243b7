"""Helpers of the assessment tests."""
