from e2e.balancer import balanced
from e2e.fixtures import in_database, start_server

__all__ = ["balanced", "in_database", "start_server"]
