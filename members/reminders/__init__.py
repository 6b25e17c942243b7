"""Reminder rules of the members app, registered from members/apps.py ``ready()``: a module per topic."""
