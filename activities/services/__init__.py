"""Writes of activities, a module or package per topic: every change of state goes through one."""
