"""Which source lines each tailored bullet rests on, and what the person decided about it.

Stored with a version as ``{"roles": [{"company", "title", "bullets": [{"text", "sources",
"decision"}]}]}``. Tailoring records the lines the model cited; versions saved without it
(older ones, hand edits, refinements) are aligned to the master by word overlap, so every bullet
still shows where it most likely came from. A bullet is *changed* when its text is none of its
source lines; the person accepts it (the text stays, the decision is recorded in a new version)
or reverts it to its source line(s).
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from documents.model import Resume, Role

ACCEPTED = "accepted"
REVERTED = "reverted"
# Below this share of common words a master line is not taken as a bullet's source.
MIN_OVERLAP = 0.35


@dataclass(frozen=True)
class BulletOrigin:
    text: str
    sources: tuple[str, ...]
    decision: str | None = None

    @property
    def status(self) -> str:
        """"changed" (awaiting a decision), "accepted", "reverted" or "unchanged"."""
        if self.decision == ACCEPTED:
            return ACCEPTED
        if self.text in self.sources:
            return REVERTED if self.decision == REVERTED else "unchanged"
        return "changed"

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "sources": list(self.sources), "decision": self.decision}


def _words(text: str) -> list[str]:
    return text.lower().split()


def likely_sources(text: str, lines: Sequence[str]) -> tuple[str, ...]:
    """The master line the bullet most resembles (itself when it is one), or none."""
    if text in lines:
        return (text,)
    best, best_ratio = None, MIN_OVERLAP
    for line in lines:
        ratio = difflib.SequenceMatcher(a=_words(line), b=_words(text), autojunk=False).ratio()
        if ratio > best_ratio:
            best, best_ratio = line, ratio
    return (best,) if best is not None else ()


def role_lines(role: Role) -> list[str]:
    return [*role.summary, *role.situation, *role.tasks]


def _master_role(master: Resume | None, role: Role, index: int) -> Role | None:
    if master is None:
        return None
    for candidate in master.roles:
        if (candidate.company, candidate.title) == (role.company, role.title):
            return candidate
    return master.roles[index] if index < len(master.roles) else None


def _stored_role(stored: Mapping[str, Any] | None, role: Role, index: int) -> list[dict]:
    roles = (stored or {}).get("roles") or []
    for entry in roles:
        if isinstance(entry, Mapping) and (entry.get("company"), entry.get("title")) == (
                role.company, role.title):
            return [b for b in entry.get("bullets") or [] if isinstance(b, Mapping)]
    return []


def resume_origins(resume: Resume, stored: Mapping[str, Any] | None,
                   master: Resume | None) -> list[list[BulletOrigin]]:
    """Per role of ``resume``, per task bullet: its origin (stored first, else aligned)."""
    out: list[list[BulletOrigin]] = []
    for index, role in enumerate(resume.roles):
        entries = list(_stored_role(stored, role, index))
        source_role = _master_role(master, role, index)
        lines = role_lines(source_role) if source_role is not None else []
        origins = []
        for text in role.tasks:
            entry = next((e for e in entries if e.get("text") == text), None)
            if entry is not None:
                entries.remove(entry)
                sources = tuple(str(s) for s in entry.get("sources") or [] if s)
                decision = entry.get("decision")
                origins.append(BulletOrigin(text, sources or likely_sources(text, lines),
                                            decision if decision in (ACCEPTED, REVERTED)
                                            else None))
            else:
                origins.append(BulletOrigin(text, likely_sources(text, lines)))
        out.append(origins)
    return out


def to_stored(resume: Resume, origins: Sequence[Sequence[BulletOrigin]]) -> dict[str, Any]:
    return {"roles": [
        {"company": role.company, "title": role.title,
         "bullets": [o.to_dict() for o in role_origins]}
        for role, role_origins in zip(resume.roles, origins, strict=True)]}


def tailored_provenance(source: Resume, cited: Sequence[Mapping[str, Sequence[str]]],
                        checked: Resume, candidate: Resume) -> dict[str, Any]:
    """What tailoring stores: per role, the lines each bullet cited (``cited[i]`` maps the
    model's bullet text to them). A bullet the fact check rewrote keeps the citation of the
    bullet at its place; one it cannot be traced to is aligned to the source by words."""
    origins: list[list[BulletOrigin]] = []
    for index, role in enumerate(checked.roles):
        by_text = cited[index] if index < len(cited) else {}
        before = candidate.roles[index].tasks if index < len(candidate.roles) else ()
        source_role = _master_role(source, role, index)
        lines = role_lines(source_role) if source_role is not None else []
        role_origins = []
        for position, text in enumerate(role.tasks):
            sources = by_text.get(text)
            if sources is None and len(before) == len(role.tasks):
                sources = by_text.get(before[position])
            role_origins.append(BulletOrigin(
                text, tuple(sources) if sources else likely_sources(text, lines)))
        origins.append(role_origins)
    return to_stored(checked, origins)


def decide(origins: list[list[BulletOrigin]], role: int, bullet: int,
           decision: str) -> list[list[BulletOrigin]]:
    """A copy with one bullet's decision recorded (and, on revert, its text set to its source)."""
    updated = [list(r) for r in origins]
    origin = updated[role][bullet]
    if decision != REVERTED:
        updated[role][bullet] = replace(origin, decision=ACCEPTED)
        return updated
    # A bullet merged from several lines goes back to all of them, each once in the role.
    others = {o.text for i, o in enumerate(updated[role]) if i != bullet}
    restored = [BulletOrigin(line, (line,), REVERTED) for line in origin.sources
                if line not in others]
    updated[role][bullet:bullet + 1] = restored
    return updated


def with_tasks(resume: Resume, origins: Sequence[Sequence[BulletOrigin]]) -> Resume:
    """The resume whose role bullets are the origins' texts (a revert changes one of them)."""
    roles = tuple(role.model_copy(update={"tasks": tuple(o.text for o in role_origins)})
                  for role, role_origins in zip(resume.roles, origins, strict=True))
    return resume.model_copy(update={"roles": roles})
