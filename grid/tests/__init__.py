"""Tests of the grid app."""
