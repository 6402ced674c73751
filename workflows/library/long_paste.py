"""A very long message (a whole job page pasted) is cut to its posting before any model sees it,
or refused with the limit: a 50 KB page once went to the model as is, every turn after."""

from __future__ import annotations

from core.errors import UserFacingError
from documents.posting_trim import MAX_POSTING_CHARS, trim_posting

MAX_MESSAGE_CHARS = MAX_POSTING_CHARS


def fit_message(text: str) -> tuple[str, str | None]:
    """The text to hand to the agent and a note for the person of what was cut (None: nothing);
    UserFacingError when it is still longer than MAX_MESSAGE_CHARS."""
    trimmed = trim_posting(text)
    if len(trimmed.text) > MAX_MESSAGE_CHARS:
        after = " after cutting the page's menus, notices and other jobs" if trimmed.changed \
            else ""
        raise UserFacingError(
            f"Your message is {len(trimmed.text):,} characters long{after}; I take up to "
            f"{MAX_MESSAGE_CHARS:,} characters at once, so I have not used it. For a job "
            "posting, paste only the job's own text (or its link); a long resume can be "
            "uploaded as a file.")
    return trimmed.text, (trimmed.note() or None)
