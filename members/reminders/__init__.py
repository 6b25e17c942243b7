"""Reminder rules of the members app, registered from members/apps.py: a module per topic."""
