"""Alembic migrations: Tailor's tables, Chainlit's data-layer tables, LangGraph's checkpoints."""
