"""Addressable pieces of a document ("role 2 bullet 3", "banner 1", "paragraph 2") and applying
replacements to them. Identity fields (names, companies, titles, dates, schools) have no target,
so no edit can reach them."""

from __future__ import annotations

from collections.abc import Sequence

from documents.model import CoverLetter, Resume

_ROLE_PARTS = {"summary": "summary", "situation": "situation", "bullet": "tasks",
               "skill": "skills"}


class TargetError(ValueError):
    """An edit cannot be applied; the message says why, for the person."""


def resume_targets(resume: Resume) -> tuple[dict[str, str], list[str]]:
    """Target -> current text, plus unlabelled context lines (identity, shown but not editable)."""
    targets: dict[str, str] = {}
    context: list[str] = []
    banner = resume.personal.banner if resume.personal else ()
    for i, line in enumerate(banner, start=1):
        targets[f"banner {i}"] = line
    for r, role in enumerate(resume.roles, start=1):
        context.append(f"Role {r}: {role.title} at {role.company} (not editable)")
        for part, field in _ROLE_PARTS.items():
            for i, line in enumerate(getattr(role, field), start=1):
                targets[f"role {r} {part} {i}"] = line
    return targets, context


def apply_resume_edits(resume: Resume, edits: Sequence[tuple[str, str]]) -> Resume:
    """Replace (or, with an empty replacement, remove) each target; indices refer to `resume`."""
    banner = list(resume.personal.banner) if resume.personal else []
    roles = [{f: list(getattr(role, f)) for f in _ROLE_PARTS.values()} for role in resume.roles]
    for target, replacement in edits:
        words = target.split()
        if words[0] == "banner" and len(words) == 2:
            banner[int(words[1]) - 1] = replacement
        elif words[0] == "role" and len(words) == 4 and words[2] in _ROLE_PARTS:
            roles[int(words[1]) - 1][_ROLE_PARTS[words[2]]][int(words[3]) - 1] = replacement
        else:
            raise TargetError(f"“{target}” is not an editable part")
    new_roles = tuple(
        role.model_copy(update={f: tuple(x for x in lines if x) for f, lines in parts.items()})
        for role, parts in zip(resume.roles, roles, strict=True)
    )
    personal = resume.personal
    if personal is not None:
        personal = personal.model_copy(update={"banner": tuple(x for x in banner if x)})
    return resume.model_copy(update={"personal": personal, "roles": new_roles})


def letter_targets(letter: CoverLetter) -> dict[str, str]:
    return {f"paragraph {i}": p for i, p in enumerate(letter.paragraphs, start=1)}


def apply_letter_edits(letter: CoverLetter, edits: Sequence[tuple[str, str]]) -> CoverLetter:
    paragraphs = list(letter.paragraphs)
    for target, replacement in edits:
        words = target.split()
        if words[0] != "paragraph" or len(words) != 2:
            raise TargetError(f"“{target}” is not an editable part")
        paragraphs[int(words[1]) - 1] = replacement
    kept = tuple(p for p in paragraphs if p)
    if not kept:
        raise TargetError("the edits would remove every paragraph of the letter")
    return letter.model_copy(update={"paragraphs": kept})
