"""Pure decisions: fact check, requirements, scoring, refinement targets, diffs, edit fields.

Nothing here imports the database, the model client or the network.
"""
