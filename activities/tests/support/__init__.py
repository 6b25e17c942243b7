"""Helpers of the activities tests, a module per topic (not collected: no test_ prefix)."""
