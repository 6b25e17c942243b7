"""Helpers of the dashboards tests (not collected)."""
