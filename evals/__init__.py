"""Evaluation harness: golden cases scored by deterministic scorers (`make eval`)."""
