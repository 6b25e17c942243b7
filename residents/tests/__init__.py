"""Tests of the residents app (helpers are in residents/tests/support/)."""
