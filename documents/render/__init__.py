"""Exporters: the resume and cover-letter models rendered to Word and PDF by code."""

from documents.inclusion import ExportFilterError
from documents.render.options import ExportOptions, PdfLook, PersonalBlock, WordLayout
from documents.render.pdf import PDF_MEDIA_TYPE, render_cover_letter_pdf, render_pdf
from documents.render.word import DOCX_MEDIA_TYPE, render_cover_letter_docx, render_docx

__all__ = [
    "DOCX_MEDIA_TYPE",
    "PDF_MEDIA_TYPE",
    "ExportFilterError",
    "ExportOptions",
    "PdfLook",
    "PersonalBlock",
    "WordLayout",
    "render_cover_letter_docx",
    "render_cover_letter_pdf",
    "render_docx",
    "render_pdf",
]
