"""Reminder rules of the assessment app, registered from assessment/apps.py: a module per topic."""
