"""Builders and workbooks shared by the members tests, one module per topic (not collected)."""
