"""Tests of the tailoring engine (workflows/generation, engine/) against the scripted model."""
