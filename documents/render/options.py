"""What an export shows and how it looks; one object shared by the Word and PDF renderers."""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict

from documents.locale import PaperChoice
from documents.model import Inclusion, Month


class PersonalBlock(StrEnum):
    """Blocks of the Personal section a person may hide. The name is always shown."""

    CONTACT = "contact"
    WEBSITES = "websites"
    VISA = "visa"
    BANNER = "banner"
    NOTE = "note"


WordLayout = Literal["ats", "plain"]
PdfLook = Literal["classic", "modern"]


class ExportOptions(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    include_projects: bool = True
    projects_first: bool = False
    # None follows the person: education after work history once they have roles, first
    # otherwise (a student's resume leads with the degree). True or False is the person's choice.
    education_at_end: bool | None = None
    personal_blocks: frozenset[PersonalBlock] = frozenset(PersonalBlock)
    # Checked when rendering (documents.inclusion.apply_export_filter), not here, so a reversed
    # range reaches the person as an ExportFilterError rather than a pydantic error.
    date_range: tuple[Month | None, Month | None] | None = None
    # Keys are documents.inclusion.item_key() values; items not listed are included.
    inclusion: dict[str, Inclusion] = {}
    word_layout: WordLayout = "ats"
    pdf_look: PdfLook = "classic"
    # "auto" follows the job's country or language, else the person's (layout.resume_paper).
    paper: PaperChoice = "auto"

    def shows(self, block: PersonalBlock) -> bool:
        return block in self.personal_blocks
