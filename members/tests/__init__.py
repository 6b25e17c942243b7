"""Tests of the members app, one module per topic and layer (test_<topic>_<layer>.py); the
builders they share are in support/, the fixtures in conftest.py."""
