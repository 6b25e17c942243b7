"""Tests of the activities app, a module per topic and layer (test_<topic>_<layer>.py)."""
