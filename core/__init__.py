"""Base of every layer: settings, the two named failures, secrets, passwords, mail."""
