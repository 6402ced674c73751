"""Word .docx bytes to text: body paragraphs and tables in order, text boxes, headers, footers.

The XML is walked directly rather than through python-docx: python-docx lists neither text
boxes nor content inside tracked insertions in order, and raises on Strict OOXML, whose parts
use other namespace URIs for the same elements. Matching elements by local name within the
known WordprocessingML namespaces reads both flavours with one walker.
"""

from __future__ import annotations

import posixpath

from lxml import etree

from documents.importers.errors import ImportRefused
from documents.importers.result import ExtractedText, normalise_text
from documents.importers.safezip import SafeZip

_WORD_NAMESPACES = frozenset({
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "http://purl.oclc.org/ooxml/wordprocessingml/main",
})
_MARKUP_COMPATIBILITY = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_PACKAGE_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
# Parts of a paragraph that hold no visible text, or text that is no longer there.
_SKIPPED = frozenset({"pPr", "rPr", "del", "delText", "moveFrom", "instrText", "delInstrText",
                      "commentReference", "footnoteReference", "endnoteReference", "fldData"})
_CONTAINERS = frozenset({"body", "sdt", "sdtContent", "customXml", "ins", "moveTo", "smartTag",
                         "txbxContent", "hdr", "ftr", "document"})

_NOT_WORD = ("This file is named .docx but holds no Word document ({detail}). Open it in Word, "
             "LibreOffice or Google Docs, save it as .docx, and upload that file.")
_BAD_XML = ("This Word file is damaged and cannot be read ({detail}). Open it in your word "
            "processor, save it again as .docx, and upload the new copy.")


def extract_docx(data: bytes) -> ExtractedText:
    package = SafeZip(data, "Word")
    main_part = _main_document_part(package)
    document = _parse(package, main_part)
    relations = _relationships(package, main_part)
    headers = _unique_blocks(package, [t for kind, t in relations if kind == "header"])
    footers = _unique_blocks(package, [t for kind, t in relations if kind == "footer"])
    body: list[str] = []
    _walk(document, body)
    text = normalise_text("\n".join(headers + body + footers))
    styles = {" ".join(line.split()): line.style for line in body if isinstance(line, _Styled)}
    if not text:
        raise ImportRefused(
            "This Word document is empty: it has no text in its body, tables, text boxes, "
            "headers or footers. Check that you chose the right file."
        )
    return ExtractedText(text=text, kind="docx", line_styles=styles)


def _main_document_part(package: SafeZip) -> str:
    rels = package.read("_rels/.rels")
    if rels is None:
        detail = "no package relationships" if package.names() else "the archive is empty"
        raise ImportRefused(_NOT_WORD.format(detail=detail))
    for relation in _xml(rels, "_rels/.rels").iter(f"{{{_PACKAGE_RELS}}}Relationship"):
        if relation.get("Type", "").endswith("/officeDocument"):
            target = relation.get("Target", "").lstrip("/")
            if package.read(target) is not None:
                return target
    raise ImportRefused(_NOT_WORD.format(detail="no main document part"))


def _relationships(package: SafeZip, part: str) -> list[tuple[str, str]]:
    """(kind, part name) of the parts the main document refers to, e.g. ("header", ...)."""
    folder, name = posixpath.split(part)
    rels = package.read(posixpath.join(folder, "_rels", name + ".rels"))
    if rels is None:
        return []
    out: list[tuple[str, str]] = []
    for relation in _xml(rels, name + ".rels").iter(f"{{{_PACKAGE_RELS}}}Relationship"):
        if relation.get("TargetMode") == "External":
            continue
        kind = relation.get("Type", "").rsplit("/", 1)[-1]
        target = posixpath.normpath(posixpath.join(folder, relation.get("Target", "")))
        out.append((kind, target.lstrip("/")))
    return out


def _unique_blocks(package: SafeZip, parts: list[str]) -> list[str]:
    """Text of header (or footer) parts, each distinct text once: sections repeat them."""
    seen: set[str] = set()
    blocks: list[str] = []
    for part in sorted(parts):
        lines: list[str] = []
        _walk(_parse(package, part), lines)
        text = "\n".join(lines).strip()
        if text and text not in seen:
            seen.add(text)
            blocks.append(text)
    return blocks


def _parse(package: SafeZip, part: str) -> etree._Element:
    data = package.read(part)
    if data is None:
        raise ImportRefused(_NOT_WORD.format(detail=f"missing part {part}"))
    return _xml(data, part)


def _xml(data: bytes, part: str) -> etree._Element:
    # No entity expansion, no DTD, no network, no huge trees: the file is untrusted.
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             huge_tree=False, remove_comments=True, remove_pis=True)
    try:
        return etree.fromstring(data, parser=parser)
    except etree.XMLSyntaxError as error:
        raise ImportRefused(_BAD_XML.format(detail=f"{part}: {error}")) from error


def _name(element: etree._Element) -> str | None:
    """Local name of a WordprocessingML element; "AlternateContent" too; else None."""
    if not isinstance(element.tag, str):
        return None
    qname = etree.QName(element)
    if qname.namespace in _WORD_NAMESPACES:
        return qname.localname
    if qname.namespace == _MARKUP_COMPATIBILITY:
        return qname.localname
    return None


def _chosen(alternate: etree._Element) -> etree._Element | None:
    """One branch of mc:AlternateContent: both hold the same text (DrawingML and VML)."""
    for child in alternate:
        if _name(child) in ("Choice", "Fallback"):
            return child
    return None


def _walk(element: etree._Element, out: list[str]) -> None:
    for child in element:
        name = _name(child)
        if name == "p":
            _paragraph(child, out)
        elif name == "tbl":
            _table(child, out)
        elif name == "AlternateContent":
            branch = _chosen(child)
            if branch is not None:
                _walk(branch, out)
        elif name in _CONTAINERS or name is None:
            _walk(child, out)


def _paragraph(paragraph: etree._Element, out: list[str]) -> None:
    pieces: list[str] = []
    boxes: list[str] = []

    def visit(element: etree._Element) -> None:
        for child in element:
            name = _name(child)
            if name in _SKIPPED:
                continue
            if name == "t":
                # Unexpanded entity references are child nodes; keep the text around them.
                pieces.append((child.text or "") + "".join(node.tail or "" for node in child))
            elif name == "tab":
                pieces.append("\t")
            elif name in ("br", "cr"):
                pieces.append("\n")
            elif name == "noBreakHyphen":
                pieces.append("-")
            elif name == "txbxContent":
                _walk(child, boxes)  # a text box is its own block, not part of this line
            elif name == "AlternateContent":
                branch = _chosen(child)
                if branch is not None:
                    visit(branch)
            else:
                visit(child)

    visit(paragraph)
    text = "".join(pieces).strip()
    if text:
        style = _style_of(paragraph)
        out.append(_Styled(text, style) if style else text)
    out.extend(boxes)


class _Styled(str):
    """A paragraph's text that remembers its paragraph style, for the structurer's hints."""

    style: str

    def __new__(cls, text: str, style: str) -> _Styled:
        made = super().__new__(cls, text)
        made.style = style
        return made


def _style_of(paragraph: etree._Element) -> str | None:
    """The paragraph's style id ("Heading1", "ListBullet"); a numbered or bulleted paragraph
    of any style is a list item."""
    for properties in paragraph:
        if _name(properties) != "pPr":
            continue
        style = next((child for child in properties if _name(child) == "pStyle"), None)
        value = None
        if style is not None:
            value = next((v for k, v in style.attrib.items() if k.endswith("}val")), None)
        if any(_name(child) == "numPr" for child in properties):
            return f"List ({value})" if value else "List"
        return value
    return None


def _table(table: etree._Element, out: list[str]) -> None:
    """Row by row; a row of one-line cells stays one line, taller cells follow each other."""
    for row in table.iter():
        if _name(row) != "tr" or _enclosing_table(row) is not table:
            continue
        cells: list[list[str]] = []
        for cell in row:
            if _name(cell) == "tc":
                lines: list[str] = []
                _walk(cell, lines)
                if lines:
                    cells.append(lines)
            elif _name(cell) in ("sdt", "customXml"):
                for inner in cell.iter():
                    if _name(inner) == "tc" and _enclosing_table(inner) is table:
                        lines = []
                        _walk(inner, lines)
                        if lines:
                            cells.append(lines)
        if all(len(lines) == 1 for lines in cells):
            out.append(" | ".join(lines[0] for lines in cells))
        else:
            for lines in cells:
                out.extend(lines)
                out.append("")


def _enclosing_table(element: etree._Element) -> etree._Element | None:
    parent = element.getparent()
    while parent is not None and _name(parent) != "tbl":
        parent = parent.getparent()
    return parent
