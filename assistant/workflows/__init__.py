"""Workflows: what the tools and commands do, with no idea that they are tools.

They never import Chainlit or the tools package; the person, the database and progress reporting
reach them as arguments.
"""
