"""Helpers of the cross-app tests (not collected)."""
