"""Tests of the tailoring engine (assistant/workflows) against the scripted model server."""
