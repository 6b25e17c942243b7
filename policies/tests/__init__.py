"""Tests of the policies app."""
