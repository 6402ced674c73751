"""A resume as the canvas draws it: the export's sections in the export's order, each role's
bullets carrying their origin (source lines, word diff, status, fact-check repairs)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from documents.model import Resume
from documents.render.layout import (
    Section,
    language_line,
    numeric_span,
    section_items,
    section_order,
    skill_line,
)
from documents.render.options import ExportOptions
from engine.diff_words import word_pieces
from engine.factcheck.report import Finding, rule_label
from engine.provenance import BulletOrigin


def _join(*parts: str | None) -> str:
    return " · ".join(p for p in parts if p)


def repair_of(finding: Finding) -> dict[str, str]:
    why = rule_label(finding.rule) + (f": {finding.detail}" if finding.detail else "")
    return {"removed": finding.generated_line, "kept": finding.source_line or "", "why": why,
            "action": finding.action}


def bullet_view(role: int, index: int, origin: BulletOrigin,
                findings: Sequence[Finding]) -> dict[str, Any]:
    repairs = [repair_of(f) for f in findings
               if f.source_line == origin.text and f.generated_line
               and f.generated_line != origin.text]
    source = " ".join(origin.sources)
    return {
        "id": f"r{role}b{index}", "role": role, "index": index, "text": origin.text,
        "status": origin.status, "sources": list(origin.sources),
        "diff": word_pieces(source, origin.text) if origin.sources else [],
        "repairs": repairs,
    }


def _role_items(resume: Resume, origins: Sequence[Sequence[BulletOrigin]],
                findings: Sequence[Finding]) -> list[dict[str, Any]]:
    items = []
    for r, (role, role_origins) in enumerate(zip(resume.roles, origins, strict=True)):
        items.append({
            "heading": role.title, "subheading": _join(role.company, role.location),
            "dates": numeric_span(role.start, role.end),
            "lines": [*role.summary, *role.situation],
            "bullets": [bullet_view(r, b, o, findings) for b, o in enumerate(role_origins)],
            "skills": ", ".join(role.skills),
        })
    return items


def _plain_items(resume: Resume, section: Section) -> list[dict[str, Any]]:
    items = []
    for item in section_items(resume, section):
        if section is Section.EDUCATION:
            items.append({"heading": item.school,
                          "subheading": _join(item.degree, item.major, item.gpa and
                                              f"GPA {item.gpa}"),
                          "dates": numeric_span(item.start, item.end), "lines": []})
        elif section is Section.CERTIFICATIONS:
            items.append({"heading": item.name, "subheading": _join(item.issuer),
                          "dates": numeric_span(item.issued, item.expires), "lines": []})
        elif section is Section.PROJECTS:
            items.append({"heading": item.title, "subheading": _join(item.url),
                          "dates": numeric_span(item.start, item.end),
                          "lines": list(item.description), "skills": ", ".join(item.skills)})
        elif section is Section.SKILLS:
            label, line = skill_line(item.name, item.items)
            items.append({"heading": label or "", "lines": [line]})
        elif section is Section.LANGUAGES:
            items.append({"heading": "", "lines": [language_line(item.name, item.level)]})
        elif section is Section.INTERESTS:
            items.append({"heading": "", "lines": [", ".join(item)]})
        elif section is Section.VOLUNTEERING:
            items.append({"heading": item.role or item.organization,
                          "subheading": _join(item.organization if item.role else None,
                                              item.location),
                          "dates": numeric_span(item.start, item.end),
                          "lines": [*item.summary, *item.tasks]})
        else:  # awards, publications
            issuer = getattr(item, "issuer", None) or getattr(item, "publisher", None)
            items.append({"heading": item.title, "subheading": _join(issuer),
                          "dates": numeric_span(None, item.date),
                          "lines": list(item.description)})
    return items


def resume_sections(resume: Resume, origins: Sequence[Sequence[BulletOrigin]],
                    findings: Sequence[Finding]) -> list[dict[str, Any]]:
    """Non-empty sections in the order the export prints them."""
    sections = []
    for section in section_order(resume, ExportOptions()):
        items = (_role_items(resume, origins, findings) if section is Section.WORK
                 else _plain_items(resume, section))
        sections.append({"title": section.value, "items": items})
    return sections


def header(resume: Resume, master: Resume | None) -> dict[str, Any]:
    personal = resume.personal
    contact = personal.contact if personal else None
    banner = list(personal.banner) if personal else []
    source = list(master.personal.banner) if master and master.personal else []
    return {
        "name": contact.name if contact else "",
        "contact": _join(*(getattr(contact, f) for f in ("email", "phone", "location")))
        if contact else "",
        "banner": banner,
        "banner_changed": bool(banner) and banner != source,
        "banner_diff": word_pieces(" ".join(source), " ".join(banner)) if source else [],
    }
