"""The fidelity check finds each kind of transcription error, and passes a faithful read."""

from __future__ import annotations

from documents.model import Month, Role, SkillGroup
from documents.structure import structure_text
from documents.structure.fidelity import BULLET_COVERAGE, check_fidelity

FILE = """\
Dana Whitfield
dana@example.com | (312) 555-0142 | Austin, TX

Experience
Software Engineer – Globex Systems LLC
Jul 2023 - Present
• Owned the billing platform serving 2M monthly transactions
• Cut p99 checkout latency 35 percent via a caching rewrite

Data Analyst – Initech Analytics
2021 - 2023
• Built the executive KPI dashboard adopted org-wide

Skills
Python, SQL
"""


def _faithful():
    resume = structure_text(FILE).resume
    assert resume is not None
    return resume


def test_a_faithful_read_has_no_findings_and_carries_the_file() -> None:
    report = check_fidelity(_faithful(), FILE)
    assert report.unsupported == []
    assert report.not_imported == []
    assert report.word_share == 1.0


def test_a_changed_date_is_flagged_with_what_the_file_says() -> None:
    resume = _faithful()
    second = resume.roles[1].model_copy(update={"start": Month(year=2021, month=6)})
    changed = resume.model_copy(update={"roles": (resume.roles[0], second)})
    findings = check_fidelity(changed, FILE).unsupported
    precision = [f for f in findings if f.kind == "date_precision"]
    assert [(f.wrote, f.file_says) for f in precision] == [("June 2021", "2021")]
    assert "the model has 'June 2021'; the file says '2021'" in precision[0].sentence("the model")


def test_a_dropped_bullet_is_a_file_line_not_imported() -> None:
    resume = _faithful()
    first = resume.roles[0].model_copy(update={"tasks": resume.roles[0].tasks[:1]})
    dropped = resume.model_copy(update={"roles": (first, resume.roles[1])})
    report = check_fidelity(dropped, FILE)
    assert report.not_imported == ["• Cut p99 checkout latency 35 percent via a caching rewrite"]
    assert report.word_share < 1.0


def test_an_added_skill_and_a_reworded_bullet_are_not_in_the_file() -> None:
    resume = _faithful()
    role = resume.roles[0].model_copy(update={"tasks": (
        "Owned the billing platform serving 2M monthly transactions",
        "Spearheaded a strategic caching initiative that cut latency dramatically",
    )})
    added = resume.model_copy(update={
        "roles": (role, resume.roles[1]),
        "skills": (SkillGroup(items=("Python", "SQL", "Kubernetes")),),
    })
    wrote = {f.wrote for f in check_fidelity(added, FILE).unsupported}
    assert wrote == {"Kubernetes",
                     "Spearheaded a strategic caching initiative that cut latency dramatically"}


def test_a_bullet_broken_across_lines_is_still_found() -> None:
    # One word pair of eight lost to a line break stays above the threshold.
    assert BULLET_COVERAGE <= 7 / 8
    wrapped = FILE.replace("serving 2M monthly", "serving 2M\nmonthly")
    assert check_fidelity(_faithful(), wrapped).unsupported == []


def test_a_merged_role_is_flagged() -> None:
    resume = _faithful()
    first, second = resume.roles
    merged_role = Role(company=first.company, title=first.title, start=second.start, end=None,
                       tasks=first.tasks + second.tasks)
    merged = resume.model_copy(update={"roles": (merged_role,)})
    kinds = {f.kind for f in check_fidelity(merged, FILE).unsupported}
    assert "range_not_in_file" in kinds


def test_the_files_version_undoes_each_kind_of_error() -> None:
    from documents.structure.file_version import file_version

    faithful = _faithful()
    first, second = faithful.roles
    wrong = faithful.model_copy(update={
        "roles": (
            first.model_copy(update={"tasks": first.tasks[:1]}),  # a dropped bullet
            second.model_copy(update={"start": Month(year=2021, month=6)}),  # a changed date
        ),
        "skills": (SkillGroup(items=("Python", "SQL", "Kubernetes")),),  # an added skill
    })
    fixed = file_version(wrong, check_fidelity(wrong, FILE), faithful)
    assert fixed is not None
    assert fixed.roles[1].start == Month(year=2021)
    assert fixed.roles[0].tasks == first.tasks
    assert fixed.skills[0].items == ("Python", "SQL")
    assert check_fidelity(fixed, FILE).unsupported == []


def test_the_files_version_of_a_merged_role_is_the_files_roles() -> None:
    from documents.structure.file_version import file_version

    faithful = _faithful()
    first, second = faithful.roles
    merged = faithful.model_copy(update={"roles": (Role(
        company=first.company, title=first.title, start=second.start, end=None,
        tasks=first.tasks + second.tasks),)})
    fixed = file_version(merged, check_fidelity(merged, FILE), faithful)
    assert [(role.title, role.company) for role in fixed.roles] == [
        (first.title, first.company), (second.title, second.company)]
