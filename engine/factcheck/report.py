"""The fact check's report: every finding with its rule, the source line it was held to, the
generated line, and whether it was repaired or flagged; plus the text the person reads.

Stored with each version as JSON. Rows saved before findings existed have only the text lists
and still load and display.
"""

from __future__ import annotations

from dataclasses import dataclass, field

CHECKS = (
    "identity fields match the source",
    "no role, degree or certification added or removed",
    "every skill supported by the source or a confirmed fact",
    "every number, technology and name found in the source",
    "bullets within the length bound",
    "no line raises your part in the work over its source",
    "no tool in a role that ended before it existed, nothing moved between roles",
    "every years-of-experience claim follows from your dated roles",
)
# Which finding rules break which check (the text keywords cover reports without findings).
_CHECK_RULES = {
    "identity": {"identity_changed", "changed_title", "invented_employer"},
    "no role": {"role_removed", "invented_degree", "invented_certification"},
    "every skill": {"invented_skill"},
    "every number": {"number_changed", "unit_changed", "letter_claim_unsourced", "placeholder"},
    "bullets": {"too_long"},
    "no line raises": {"scope_raised"},
    "no tool": {"anachronism", "moved_achievement"},
    "every years": {"years_inflated"},
}

@dataclass(frozen=True)
class Finding:
    """One thing the check found: which rule, the source line it was held to (None: nothing in
    the source gives it), the generated line, and whether it was repaired or only flagged."""

    rule: str
    generated_line: str
    source_line: str | None
    action: str  # "repaired" | "flagged"
    detail: str = ""

    def to_dict(self) -> dict[str, str | None]:
        return {"rule": self.rule, "generated_line": self.generated_line,
                "source_line": self.source_line, "action": self.action, "detail": self.detail}

    @classmethod
    def from_dict(cls, data: dict) -> Finding:
        return cls(str(data.get("rule", "")), str(data.get("generated_line", "")),
                   data.get("source_line"), str(data.get("action", "flagged")),
                   str(data.get("detail", "")))


@dataclass
class FactCheckReport:
    repaired: list[str] = field(default_factory=list)
    flagged: list[str] = field(default_factory=list)
    passed: list[str] = field(default_factory=list)
    # Structured twin of repaired/flagged. Reports stored before findings existed have none and
    # still display from their text lists.
    findings: list[Finding] = field(default_factory=list)

    def to_dict(self) -> dict[str, list]:
        return {"repaired": self.repaired, "flagged": self.flagged, "passed": self.passed,
                "findings": [f.to_dict() for f in self.findings]}

    @classmethod
    def from_dict(cls, data: dict[str, list]) -> FactCheckReport:
        return cls(list(data.get("repaired", [])), list(data.get("flagged", [])),
                   list(data.get("passed", [])),
                   [Finding.from_dict(f) for f in data.get("findings", []) or []
                    if isinstance(f, dict)])

    def add(self, finding: Finding, message: str) -> None:
        """Record a finding with the sentence the person reads for it."""
        self.findings.append(finding)
        (self.repaired if finding.action == "repaired" else self.flagged).append(message)

    def merge(self, other: FactCheckReport) -> None:
        self.repaired += [r for r in other.repaired if r not in self.repaired]
        self.flagged += [f for f in other.flagged if f not in self.flagged]
        self.findings += [f for f in other.findings if f not in self.findings]

    def summary(self) -> str:
        if not self.repaired and not self.flagged:
            return "Fact check passed: every claim is backed by your resume or confirmed facts."
        parts = [f"Fact check: {len(self.repaired)} repaired, {len(self.flagged)} flagged."]
        parts += [f"- repaired: {r}" for r in self.repaired[:8]]
        parts += [f"- flagged: {f}" for f in self.flagged[:8]]
        hidden = max(0, len(self.repaired) - 8) + max(0, len(self.flagged) - 8)
        if hidden:
            parts.append(f"- … and {hidden} more in the version's report")
        return "\n".join(parts)

    def finish(self) -> FactCheckReport:
        self.passed = list(CHECKS) if not (self.repaired or self.flagged) else [
            c for c in CHECKS if not self._touches(c)
        ]
        return self

    def _touches(self, check: str) -> bool:
        keyword = {"identity": "restored", "no role": "role", "every skill": "skill",
                   "every number": "claimed", "bullets": "long"}
        for prefix, rules in _CHECK_RULES.items():
            if check.startswith(prefix) and any(f.rule in rules for f in self.findings):
                return True
        for prefix, word in keyword.items():
            if check.startswith(prefix) and not self.findings:
                return any(word in r for r in self.repaired + self.flagged)
        return False


RULE_LABELS = {
    "invented_skill": "skill not in your resume", "invented_employer": "employer not yours",
    "changed_title": "title changed", "invented_degree": "degree not yours",
    "invented_certification": "certification not yours", "number_changed": "number changed",
    "unit_changed": "unit changed", "scope_raised": "your part in the work raised",
    "anachronism": "tool from after the role", "moved_achievement": "moved from another role",
    "years_inflated": "years of experience inflated",
    "letter_claim_unsourced": "claim with no source", "too_long": "too long",
}


def rule_label(rule: str) -> str:
    return RULE_LABELS.get(rule, rule.replace("_", " "))
