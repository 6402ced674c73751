"""`tailor requirements FILE` and `tailor match RESUME_FILE POSTING_FILE`: the deterministic
requirement reading and match score on files, with no database, settings or model.

The resume is our structured Markdown or a JSON Resume (a .json file); the posting is plain text
(a PDF or Word posting goes through the same text extraction as uploads).
"""

from __future__ import annotations

import json
from pathlib import Path

from documents.model import Resume
from engine.requirements import Requirement, extract_requirements
from engine.scoring import score_match


class InputError(Exception):
    """A file cannot be read; the message says which and what to do."""


def _read_bytes(path: str) -> bytes:
    file = Path(path)
    if not file.is_file():
        raise InputError(f"{path}: no such file. Check the path and try again.")
    return file.read_bytes()


def read_posting(path: str) -> str:
    data = _read_bytes(path)
    if Path(path).suffix.lower() in (".pdf", ".docx"):
        from documents.importers.dispatch import extract_text
        from documents.importers.errors import ImportRefused

        try:
            return extract_text(Path(path).name, data).text
        except ImportRefused as exc:
            raise InputError(f"{path}: {exc}") from exc
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"{path} is not UTF-8 text; save the posting as UTF-8 text.") from exc


def read_resume(path: str) -> Resume:
    text = read_posting(path)
    if Path(path).suffix.lower() == ".json" or text.lstrip().startswith("{"):
        from documents.jsonresume.reader import from_json_resume

        result = from_json_resume(text)
    else:
        from documents.markdown.document import parse_resume

        result = parse_resume(text)
    if result.resume is None:
        problems = "; ".join(str(p) for p in result.errors[:5])
        raise InputError(f"{path} is not a resume in our Markdown or JSON Resume format: "
                         f"{problems}")
    return result.resume


def _requirement_line(r: Requirement, posting: str) -> str:
    tag = "preferred" if not r.required else (
        "from responsibilities" if r.part == "duties" else "required")
    cited = "; ".join(f"{a}-{b} “{' '.join(posting[a:b].split())}”" for a, b in r.spans[:2])
    either = f" (any one of: {', '.join(r.alternatives)})" if r.alternatives else ""
    return f"- [{r.kind}] {r.text}{either} — {tag} — at {cited}"


def requirements_command(path: str, as_json: bool) -> str:
    posting = read_posting(path)
    found = extract_requirements(posting)
    if as_json:
        return json.dumps({"requirements": [r.to_dict() for r in found]}, ensure_ascii=False,
                          indent=2)
    if not found:
        return "No requirements found in the posting."
    return "\n".join([f"{len(found)} requirements read from {path}:",
                      *(_requirement_line(r, posting) for r in found)])


def match_command(resume_path: str, posting_path: str, as_json: bool) -> str:
    resume = read_resume(resume_path)
    report = score_match(resume, extract_requirements(read_posting(posting_path)))
    if as_json:
        return json.dumps(report.to_dict(), ensure_ascii=False, indent=2)
    return report.to_markdown(max_evidence=1)
