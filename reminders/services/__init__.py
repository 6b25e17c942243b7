"""Writes of the reminders app: the sweep, e-mail delivery and the inbox, a module each."""
