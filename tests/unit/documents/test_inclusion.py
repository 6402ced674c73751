"""Per-item inclusion and the export date range, applied to a copy of the resume."""

from __future__ import annotations

import pytest

from documents.inclusion import (
    NOT_RELEVANT_PLACEHOLDER,
    ExportFilterError,
    apply_export_filter,
    item_key,
)
from documents.model import Inclusion, Month, Resume
from documents.render.samples import sample_resume, two_page_resume


def _companies(resume: Resume) -> list[str]:
    return [role.company for role in resume.roles]


def test_key_survives_reparsing_and_spacing_changes() -> None:
    resume = sample_resume()
    reparsed = Resume.model_validate(resume.model_dump())
    role = resume.roles[0]
    respaced = role.model_copy(update={"company": "  riverbend   LOGISTICS, inc. "})
    assert item_key(reparsed.roles[0]) == item_key(role) == item_key(respaced)
    assert item_key(resume.roles[0]) != item_key(resume.roles[1])
    assert item_key(resume.projects[0]).startswith("project/")


def test_omit_drops_only_that_role_and_leaves_the_input_untouched() -> None:
    resume = sample_resume()
    before = resume.model_dump()
    key = item_key(resume.roles[1])

    exported = apply_export_filter(resume, {key: Inclusion.OMIT})

    assert _companies(exported) == ["Riverbend Logistics, Inc."]
    assert resume.model_dump() == before
    assert exported.projects == resume.projects


def test_not_relevant_keeps_basics_summary_and_skills_but_not_responsibilities() -> None:
    resume = sample_resume()
    role = resume.roles[0]
    project = resume.projects[0]

    exported = apply_export_filter(resume, {
        item_key(role): Inclusion.NOT_RELEVANT,
        item_key(project): Inclusion.NOT_RELEVANT,
    })

    reduced = exported.roles[0]
    assert (reduced.company, reduced.title, reduced.start) == (role.company, role.title, role.start)
    assert reduced.summary == role.summary and reduced.skills == role.skills
    assert reduced.situation == ()
    assert reduced.tasks == (NOT_RELEVANT_PLACEHOLDER,)
    assert exported.projects[0].description == (NOT_RELEVANT_PLACEHOLDER,)
    assert exported.projects[0].skills == project.skills
    assert exported.roles[1] == resume.roles[1]


def test_date_range_keeps_overlapping_current_and_undated_items() -> None:
    resume = two_page_resume()
    undated = resume.projects[0].model_copy(update={"title": "Undated Side Project",
                                                    "start": None, "end": None})
    resume = resume.model_copy(update={"projects": (*resume.projects, undated)})
    # Roles: 02/2019-present, 02/2019-01/2022, 02/2016-01/2019, 02/2013-01/2016, ...
    exported = apply_export_filter(resume, date_range=(Month(year=2018, month=6),
                                                       Month(year=2020, month=1)))

    assert _companies(exported) == [
        "Riverbend Logistics, Inc.",  # current job: open-ended, always kept
        "Lakeview Health Network",  # 2019-2022 overlaps
        "Northgate Insurance Group",  # ended 01/2019, after the range starts
    ]
    # Projects ran in 2022 and 2023 (outside); the undated one cannot be placed, so it stays.
    assert [project.title for project in exported.projects] == ["Undated Side Project"]


def test_open_ended_range_keeps_everything_after_its_start() -> None:
    resume = two_page_resume()
    exported = apply_export_filter(resume, date_range=(Month(year=2016, month=1), None))
    assert _companies(exported) == _companies(resume)[:4]


def test_reversed_range_is_refused_with_a_message() -> None:
    with pytest.raises(ExportFilterError, match=r"ends \(01/2019\) before it starts \(01/2020\)"):
        apply_export_filter(sample_resume(), date_range=(Month(year=2020, month=1),
                                                         Month(year=2019, month=1)))


def test_filtering_out_all_experience_is_refused() -> None:
    resume = sample_resume()
    omit_all = {item_key(item): Inclusion.OMIT for item in (*resume.roles, *resume.projects)}
    with pytest.raises(ExportFilterError, match="Include at least one item"):
        apply_export_filter(resume, omit_all)


def test_unknown_keys_are_ignored() -> None:
    resume = sample_resume()
    assert apply_export_filter(resume, {"role/gone/gone/2001-01": Inclusion.OMIT}) == resume


def test_added_items_have_keys_labels_and_statuses() -> None:
    from documents.inclusion import inclusion_items, item_label
    from documents.render.samples import full_resume

    resume = full_resume()
    keys = [item_key(item) for item in inclusion_items(resume)]
    assert len(keys) == len(set(keys))
    assert item_key(resume.awards[0]) == "award/regional data challenge, 2nd place/2015"
    assert item_label(resume.volunteering[0]) == "volunteering Mentor at Columbus Code Club"
    assert item_label(resume.skills[0]) == "skills (the list without a group name)"

    exported = apply_export_filter(resume, {
        item_key(resume.awards[0]): Inclusion.NOT_RELEVANT,
        item_key(resume.volunteering[0]): Inclusion.NOT_RELEVANT,
        item_key(resume.publications[0]): Inclusion.OMIT,
        item_key(resume.skills[0]): Inclusion.NOT_RELEVANT,
    })
    assert exported.awards[0].title == resume.awards[0].title
    assert exported.awards[0].description == ()
    assert exported.volunteering[0].tasks == (NOT_RELEVANT_PLACEHOLDER,)
    assert exported.volunteering[0].summary == resume.volunteering[0].summary
    assert exported.publications == ()
    # A skill group has nothing to reduce: not relevant leaves it out; the named groups remain.
    assert [group.name for group in exported.skills] == ["Data", "Languages"]


def test_date_range_reads_a_year_alone_as_its_whole_year() -> None:
    from documents.render.samples import full_resume

    resume = full_resume()  # award 2015, volunteering 2016 - 2018, publication 09/2021
    kept = apply_export_filter(resume, date_range=(Month(year=2018, month=12), None))
    assert kept.volunteering == resume.volunteering  # 2018 reaches December
    assert kept.awards == () and kept.publications == resume.publications
    earlier = apply_export_filter(resume, date_range=(None, Month(year=2016, month=1)))
    assert earlier.volunteering == resume.volunteering  # 2016 starts in January
    assert earlier.publications == ()
    with pytest.raises(ExportFilterError, match="ends"):
        apply_export_filter(resume, date_range=(Month(year=2020, month=5), Month(year=2019)))
