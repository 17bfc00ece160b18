"""Test infrastructure: servers the tests need (filled in by the test set-up work)."""
