"""What the person is shown about an imported draft: per section what was read, every file line
left out, every field the file does not support, and the file's version when there is one.

Pure text from the fidelity report; the import workflow stores and sends it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from documents.model import Resume
from documents.structure.fidelity import FidelityReport, check_fidelity
from documents.structure.file_version import file_version
from documents.structure.read import FileRead

MAX_LISTED = 40


@dataclass(frozen=True)
class Checked:
    """A draft with its check: what to store, and the lines to show."""

    fidelity: dict[str, Any]
    file_resume: Resume | None  # the file's version of a model read, when it differs
    lines: list[str]


def check_model_read(model_resume: Resume, read: FileRead) -> Checked:
    """The model's read against the file's text, with the deterministic read as the cross-check."""
    report = check_fidelity(model_resume, read.extracted.text)
    fixed = None
    if not report.clean:
        fixed = file_version(model_resume, report, read.structured.resume)
        if fixed == model_resume:
            fixed = None
    fidelity: dict[str, Any] = {"read_by": "model", "draft": report.to_json()}
    lines = _report_lines(report, who="the model")
    lines += _cross_check(model_resume, read.structured.resume)
    if fixed is not None:
        fixed_report = check_fidelity(fixed, read.extracted.text)
        fidelity["file_version"] = fixed_report.to_json()
        lines.append(
            "The file's version is ready: the file's dates, without what the file does not say, "
            "with the roles and bullets the file has. If the person prefers it, call "
            "import_resume with draft_id, name and keep_file_version=true."
        )
    return Checked(fidelity, fixed, lines)


def check_file_read(read: FileRead) -> Checked:
    """The deterministic read needs no cross-check: list what it could not place."""
    assert read.fidelity is not None
    report = read.fidelity
    fidelity = {"read_by": "file", "draft": report.to_json(),
                "unplaced": list(read.structured.unplaced)}
    lines = _listed("Not imported (lines of the file that were not placed; tell the person, "
                    "they can add them by hand):", read.structured.unplaced, "not imported: ")
    lines += _report_lines(report, who="the draft", with_missing=False)
    return Checked(fidelity, None, lines)


def _report_lines(report: FidelityReport, *, who: str, with_missing: bool = True) -> list[str]:
    lines = [f"Checked against the file: {report.checked} fields; the draft carries "
             f"{report.word_share:.0%} of the file's words."]
    if with_missing:
        lines += _listed("Not imported (lines of the file missing from the draft; show each):",
                         report.not_imported, "not imported: ")
    lines += _listed("Not supported by the file (show each; the file's version is offered "
                     "below when there is one):",
                     [finding.sentence(who) for finding in report.unsupported], "")
    return lines


def _cross_check(model_resume: Resume, own: Resume | None) -> list[str]:
    """Roles the file's own read found that the model's read lacks, by organisation."""
    if own is None:
        return []
    companies = {role.company.casefold() for role in model_resume.roles}
    missing = [f"{role.title} at {role.company}" for role in own.roles
               if role.company.casefold() not in companies]
    return _listed("Read from the file without a model but missing from the model's read:",
                   missing, "")


def _listed(title: str, items: list[str], prefix: str) -> list[str]:
    if not items:
        return []
    shown = [f"- {prefix}'{item}'" if prefix else f"- {item}" for item in items[:MAX_LISTED]]
    if len(items) > MAX_LISTED:
        shown.append(f"- ... and {len(items) - MAX_LISTED} more")
    return [title, *shown]


def section_counts(resume: Resume) -> list[str]:
    """The summary, which the per-item lines of the draft do not mention."""
    summary = resume.personal.banner if resume.personal else ()
    return [f"Summary: {len(summary)} paragraph(s)"] if summary else []
