"""The Word document every export starts from: page, fonts and styles, and saving it."""

from __future__ import annotations

import io
from functools import lru_cache

from docx import Document
from docx.document import Document as WordDocument
from docx.oxml.ns import qn
from docx.shared import Inches, Length, Pt, RGBColor

TITLE = "Title"
HEADING = "Heading1"
BULLET = "ListBullet"

BODY_FONT = "Calibri"
BODY_SIZE = Pt(10.5)
MARGIN = Inches(0.5)
PAGE_WIDTH, PAGE_HEIGHT = Inches(8.5), Inches(11)  # US Letter, set explicitly on every document
TEXT_WIDTH = Length(PAGE_WIDTH - 2 * MARGIN)
HEADING_COLOUR = RGBColor(0x1F, 0x3A, 0x5F)
LINK_COLOUR = RGBColor(0x05, 0x63, 0xC1)


def new_document(title: str, author: str | None) -> WordDocument:
    """An empty document with the house font, half-inch margins and tidy heading styles."""
    document = Document(io.BytesIO(_base_document()))
    document.core_properties.title = title
    document.core_properties.author = author or ""
    return document


@lru_cache(maxsize=1)
def _base_document() -> bytes:
    # Restyling the template costs more than reopening the finished result, so do it once.
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    section.left_margin = section.right_margin = MARGIN
    section.top_margin = section.bottom_margin = MARGIN

    normal = document.styles["Normal"]
    normal.font.name = BODY_FONT
    normal.font.size = BODY_SIZE
    # python-docx sets only the Latin font; East Asian text would otherwise fall back to the theme.
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), BODY_FONT)
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.space_after = Pt(2)

    for name, size in (("Title", 20), ("Heading 1", 12), ("Heading 2", 11)):
        style = document.styles[name]
        style.font.name = BODY_FONT
        style.font.size = Pt(size)
        style.font.bold = True
        style.font.color.rgb = HEADING_COLOUR
        style.paragraph_format.space_before = Pt(10 if name != "Title" else 0)
        style.paragraph_format.space_after = Pt(3)
        _drop_theme_overrides(style.element)
    _drop_title_border(document)
    _drop_unused_template_parts(document)
    return to_bytes(document)


_KEPT_STYLES = frozenset({
    "normal", "title", "title char", "heading 1", "heading 1 char", "heading 2",
    "heading 2 char", "list bullet", "default paragraph font", "normal table", "no list",
})
_DROPPED_RELATIONSHIPS = ("stylesWithEffects", "thumbnail")


def _drop_unused_template_parts(document: WordDocument) -> None:
    # python-docx's template carries ~800 KB of styles (160 of them, mostly table styles) and a
    # legacy copy of them all; compressing those on every save was half the export time.
    styles = document.styles.element
    for style in styles.findall(qn("w:style")):
        if style.find(qn("w:name")).get(qn("w:val")).casefold() not in _KEPT_STYLES:
            styles.remove(style)
    for latent in styles.findall(qn("w:latentStyles")):
        styles.remove(latent)
    for relationships in (document.part.rels, document.part.package.rels):
        for relationship_id, relationship in list(relationships.items()):
            if relationship.reltype.endswith(_DROPPED_RELATIONSHIPS):
                relationships.pop(relationship_id)


def _drop_theme_overrides(style_element) -> None:
    # Theme attributes win over explicit fonts and colours in Word, so the template's heading
    # styles would keep Calibri Light and theme blue unless these are removed.
    r_pr = style_element.find(qn("w:rPr"))
    if r_pr is None:
        return
    font_themes = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")
    colour_themes = ("w:themeColor", "w:themeShade", "w:themeTint")
    for child, attributes in (
        (r_pr.find(qn("w:rFonts")), font_themes),
        (r_pr.find(qn("w:color")), colour_themes),
    ):
        if child is None:
            continue
        for attribute in attributes:
            child.attrib.pop(qn(attribute), None)


def _drop_title_border(document: WordDocument) -> None:
    # The default template underlines Title with a paragraph border; a resume header needs none.
    p_pr = document.styles["Title"].element.find(qn("w:pPr"))
    if p_pr is not None:
        for border in p_pr.findall(qn("w:pBdr")):
            p_pr.remove(border)


def to_bytes(document: WordDocument) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
