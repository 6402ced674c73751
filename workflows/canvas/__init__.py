"""The document canvas: a version drawn as the document with its provenance, and the person's
accept/revert decisions, each saved as a new immutable version."""
