"""Helpers of the reminders tests (not collected)."""
