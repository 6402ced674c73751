"""What a file really is, from its first bytes (never from the name or the claimed MIME type)."""

from __future__ import annotations

from typing import Literal

Sniffed = Literal["pdf", "zip", "empty-zip", "ole", "image", "binary", "text"]

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"II*\x00", b"MM\x00*")
# PDF readers accept a header that starts within the first kilobyte (some mailers prepend junk).
PDF_HEADER_WINDOW = 1024

DESCRIPTIONS: dict[Sniffed, str] = {
    "pdf": "a PDF",
    "zip": "a ZIP archive (such as a Word .docx file)",
    "empty-zip": "an empty ZIP archive",
    "ole": "an old-format Office file (such as a Word .doc) or a password-protected Office file",
    "image": "an image",
    "binary": "a binary file",
    "text": "plain text",
}


def sniff(data: bytes) -> Sniffed:
    if b"%PDF-" in data[:PDF_HEADER_WINDOW]:
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return "zip"
    if data.startswith(b"PK\x05\x06"):
        return "empty-zip"
    if data.startswith(OLE_MAGIC):
        return "ole"
    if data.startswith(_IMAGE_MAGIC):
        return "image"
    if _looks_binary(data[:4096]):
        return "binary"
    return "text"


def _looks_binary(head: bytes) -> bool:
    """NUL bytes mean binary, except in UTF-16/32 text, which announces itself with a BOM."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False
    return b"\x00" in head
