"""The one exception whose message is shown to the person verbatim.

Raise it for failures the person must see and can act on (the model server is down, a file is
refused, an id is not theirs). Its message says what happened and what to do. Mistakes the
language model can fix go back to it as tool-result text instead; bugs are not caught at all.
"""

from __future__ import annotations


class UserFacingError(Exception):
    """A failure to show to the person as is."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class Mistake(Exception):  # noqa: N818 - it is a mistake to correct, not an error to report
    """A mistake the caller can fix (unknown id, missing argument, no resume yet).

    Tools return the message to the model as text; commands show it to the person.
    """

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
