"""Tests of the dashboards app."""
