"""Tests of the assessment app."""
