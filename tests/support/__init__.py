"""Test helpers shared by the suites. Import as `support.*` (tests/ is on sys.path under pytest)."""
