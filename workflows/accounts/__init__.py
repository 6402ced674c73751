"""A person's own account settings: model settings, one-time reveals."""
