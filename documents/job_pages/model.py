"""What a page or feed yields: the posting's details and its text, as Tailor stores a job."""

from __future__ import annotations

from dataclasses import dataclass

from documents.text import clean_text

PASTE_INSTEAD = "Please open the posting in your browser, copy its text and paste it here instead."


class PageUnreadable(Exception):  # noqa: N818 - the person sees it: the page could not be read
    """The page holds no posting Tailor can read (sign-in wall, JavaScript-only, empty)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class PagePosting:
    description: str
    title: str | None = None
    company: str | None = None
    location: str | None = None
    date_posted: str | None = None
    employment_type: str | None = None
    salary: str | None = None
    reference: str | None = None
    # How it was read, for the person: "schema.org JobPosting data", "the page's main text", ...
    read_from: str = "the page's main text"

    def text(self) -> str:
        """The posting as stored: its details first (the analysis reads them), then the text."""
        head = [self.title or "", self.company or ""]
        for label, value in (("Location", self.location), ("Employment type",
                             self.employment_type), ("Salary", self.salary),
                             ("Date posted", self.date_posted), ("Reference", self.reference)):
            if value:
                head.append(f"{label}: {value}")
        lines = [line for line in head if line]
        body = self.description.strip()
        # A page's main text often starts with the title already.
        if self.title and body.startswith(self.title):
            lines = lines[1:]
        return clean_text("\n".join([*lines, "", body]).strip())


def one_line(value: object, limit: int = 200) -> str | None:
    """A short detail as one clean line, or None when empty or not text."""
    if not isinstance(value, str | int | float) or isinstance(value, bool):
        return None
    text = " ".join(clean_text(str(value)).split())
    return text[:limit] or None
