"""Reminder rules the reminders app defines for apps above it in the import order."""
