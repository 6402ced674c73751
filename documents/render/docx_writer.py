"""Appends paragraphs, runs and hyperlinks to a Word body by building the XML directly.

python-docx's property setters re-scan an element's children in schema order on every call;
for a two-page resume that was most of the export time (over the 50 ms target). Fresh
elements are written here in schema order once, which python-docx reads back like its own.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from docx.document import Document as WordDocument
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml.ns import qn
from docx.oxml.parser import oxml_parser
from docx.shared import Length, RGBColor
from lxml import etree

from documents.model import Resume
from documents.render.layout import Section, section_items, section_order
from documents.render.options import ExportOptions
from documents.text import clean_text

_SPACE = qn("xml:space")
_VAL = qn("w:val")


def _sub(parent: etree._Element, tag: str, val: str | None = None) -> etree._Element:
    child = etree.SubElement(parent, qn(tag))
    if val is not None:
        child.set(_VAL, val)
    return child


class BodyWriter:
    """Writes one document's body, paragraph by paragraph, before its section settings."""

    def __init__(self, document: WordDocument, text_width: Length | None = None) -> None:
        self.document = document
        # Where a right tab stop meets the right margin (it depends on the paper size).
        self.text_width = text_width
        self._body = document.element.body
        self._section = self._body.find(qn("w:sectPr"))

    def paragraph(
        self,
        style: str | None = None,
        *,
        centred: bool = False,
        right_tab: Length | None = None,
        space_before: Length | None = None,
    ) -> etree._Element:
        """An empty paragraph; ``right_tab`` puts a right-aligned tab stop at that position."""
        paragraph = oxml_parser.makeelement(qn("w:p"))
        if style or centred or right_tab is not None or space_before is not None:
            properties = _sub(paragraph, "w:pPr")
            # Children in the order the schema requires: pStyle, tabs, spacing, jc.
            if style:
                _sub(properties, "w:pStyle", style)
            if right_tab is not None:
                tab = _sub(_sub(properties, "w:tabs"), "w:tab", "right")
                tab.set(qn("w:pos"), str(right_tab.twips))
            if space_before is not None:
                _sub(properties, "w:spacing").set(qn("w:before"), str(space_before.twips))
            if centred:
                _sub(properties, "w:jc", "center")
        if self._section is not None:
            self._section.addprevious(paragraph)
        else:
            self._body.append(paragraph)
        return paragraph

    def run(
        self,
        paragraph: etree._Element,
        text: str,
        *,
        bold: bool = False,
        italic: bool = False,
        size: Length | None = None,
        colour: RGBColor | None = None,
        underline: bool = False,
        parent: etree._Element | None = None,
    ) -> None:
        """A run of text; tab characters become real ``w:tab`` elements.

        Text is cleaned here too: lxml refuses characters XML cannot hold, and an export must
        not fail on text that reached the model some other way."""
        text = clean_text(text)
        run = _sub(parent if parent is not None else paragraph, "w:r")
        if bold or italic or size is not None or colour is not None or underline:
            properties = _sub(run, "w:rPr")
            # Schema order: b, i, color, sz, u.
            if bold:
                _sub(properties, "w:b")
            if italic:
                _sub(properties, "w:i")
            if colour is not None:
                _sub(properties, "w:color", str(colour))
            if size is not None:
                _sub(properties, "w:sz", str(round(size.pt * 2)))
            if underline:
                _sub(properties, "w:u", "single")
        for index, part in enumerate(text.split("\t")):
            if index:
                _sub(run, "w:tab")
            if part:
                element = _sub(run, "w:t")
                element.text = part
                element.set(_SPACE, "preserve")

    def hyperlink(
        self, paragraph: etree._Element, url: str, text: str, colour: RGBColor
    ) -> None:
        """A real ``w:hyperlink`` whose target is an external relationship of the document."""
        relationship_id = self.document.part.relate_to(
            clean_text(url), RELATIONSHIP_TYPE.HYPERLINK, is_external=True
        )
        link = _sub(paragraph, "w:hyperlink")
        link.set(qn("r:id"), relationship_id)
        self.run(paragraph, text, colour=colour, underline=True, parent=link)

    def line(
        self,
        text: str,
        style: str | None = None,
        *,
        centred: bool = False,
        space_before: Length | None = None,
        bold: bool = False,
        italic: bool = False,
        size: Length | None = None,
    ) -> etree._Element:
        """A paragraph holding one run."""
        paragraph = self.paragraph(style, centred=centred, space_before=space_before)
        self.run(paragraph, text, bold=bold, italic=italic, size=size)
        return paragraph


def write_sections(
    body: BodyWriter,
    resume: Resume,
    options: ExportOptions,
    writers: Mapping[Section, Callable[[BodyWriter, Any], None]],
    heading_style: str,
) -> None:
    """Each exported section in the options' order: its heading, then each item by its writer."""
    for section in section_order(resume, options):
        body.line(section.value, heading_style)
        for item in section_items(resume, section):
            writers[section](body, item)
