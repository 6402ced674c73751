"""python-docx building blocks shared by both Word layouts and the cover letter."""

from __future__ import annotations

import io
from functools import lru_cache

from docx import Document
from docx.document import Document as WordDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Inches, Length, Pt, RGBColor
from docx.text.paragraph import Paragraph

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
    return to_bytes(document)


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


def styled(document: WordDocument, text: str, style_id: str) -> Paragraph:
    """A paragraph in a built-in style, addressed by its id.

    python-docx resolves a style *name* by scanning every style in the document on each call,
    which made that lookup most of the render time; the ids of the template's styles are fixed.
    """
    paragraph = document.add_paragraph(text)
    paragraph._p.style = style_id
    return paragraph


def add_right_tab(paragraph: Paragraph) -> None:
    """A right-aligned tab stop at the right margin, for ``left<TAB>right`` lines."""
    paragraph.paragraph_format.tab_stops.add_tab_stop(TEXT_WIDTH, WD_TAB_ALIGNMENT.RIGHT)


def add_hyperlink(paragraph: Paragraph, url: str, text: str) -> None:
    """A real ``w:hyperlink`` pointing at an external relationship, styled as a link."""
    relationship_id = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    hyperlink = OxmlElement("w:hyperlink")
    hyperlink.set(qn("r:id"), relationship_id)
    run = OxmlElement("w:r")
    properties = OxmlElement("w:rPr")
    colour = OxmlElement("w:color")
    colour.set(qn("w:val"), str(LINK_COLOUR))
    underline = OxmlElement("w:u")
    underline.set(qn("w:val"), "single")
    properties.append(colour)
    properties.append(underline)
    run.append(properties)
    text_element = OxmlElement("w:t")
    text_element.text = text
    text_element.set(qn("xml:space"), "preserve")
    run.append(text_element)
    hyperlink.append(run)
    paragraph._p.append(hyperlink)


def ensure_character_style(document: WordDocument, name: str, size: Pt, italic: bool) -> str:
    """A named character style (so the look is editable in Word), created once per document."""
    if name not in [style.name for style in document.styles]:
        style = document.styles.add_style(name, WD_STYLE_TYPE.CHARACTER)
        style.font.size = size
        style.font.italic = italic
    return name


def to_bytes(document: WordDocument) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
