"""Use cases by area: database transactions + engine + model calls, no Chainlit.

They never import Chainlit or the tools package; the person, the database and progress reporting
reach them as arguments.
"""
