"""Structured edits of a resume and the confirm/undo around them."""
