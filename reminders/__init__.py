"""Reminders: the registry where apps register their rules, the daily sweep that creates
and closes reminders, their e-mail, and each user's inbox.

Imports accounts, policies, grid and organizations (its own rule on committee terms lives
in reminders.rules); members and activities register their rules from their ready()."""
