"""Shared by tests/e2e and benchmarks/: see harness.browser."""
