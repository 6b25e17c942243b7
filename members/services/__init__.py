"""Writes of the members app, one function per action: a module or package per topic."""
