"""The one exception every importer raises when it will not turn a file into text."""

from __future__ import annotations


class ImportRefused(Exception):  # noqa: N818 - the name says what the person sees: a refusal
    """A file we will not import; the message is shown to the person verbatim.

    Each message says what happened and what to do about it.
    """

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
