"""Database access: models, engine and sessions, migrations, repositories, the embedded server."""
