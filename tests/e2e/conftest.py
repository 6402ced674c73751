from e2e.fixtures import in_database, start_server

__all__ = ["in_database", "start_server"]
