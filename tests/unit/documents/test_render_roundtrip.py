"""Every export, read back: each name, company, title, date and bullet is there, in order.

Word files are reopened with python-docx and PDFs read with pypdf, the way an applicant tracking
system or a recruiter's copy and paste would see them.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable

import docx
import pytest
from pypdf import PdfReader

from documents.inclusion import NOT_RELEVANT_PLACEHOLDER, item_key
from documents.model import Certification, Degree, Inclusion, Month, Project, Resume, Role
from documents.render import ExportOptions, render_docx, render_pdf
from documents.render.layout import numeric_span, worded_span
from documents.render.samples import sample_resume, two_page_resume


def docx_text(data: bytes) -> str:
    return "\n".join(paragraph.text for paragraph in docx.Document(io.BytesIO(data)).paragraphs)


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def assert_in_order(text: str, expected: list[str]) -> None:
    flat = _flat(text)
    position = 0
    for item in expected:
        found = flat.find(_flat(item), position)
        assert found >= 0, f"{item!r} missing after position {position}: ...{flat[position:][:300]}"
        position = found + len(_flat(item))


def _role_ats(role: Role) -> list[str]:
    # Company<TAB>dates, then title | type<TAB>location.
    fields = [role.company, numeric_span(role.start, role.end), role.title]
    return fields + [f for f in (role.employment_type, role.location) if f] + list(role.tasks)


def _role_people(role: Role) -> list[str]:
    # PLAIN and PDF: **Title** (type) ... Company, then dates ... location.
    fields = [role.title, role.company, worded_span(role.start, role.end)]
    return fields + ([role.location] if role.location else []) + list(role.tasks)


def expected_sequence(
    resume: Resume, role_fields: Callable[[Role], list[str]], span: Callable
) -> list[str]:
    contact = resume.personal.contact
    sequence = [contact.name, contact.email, contact.phone, contact.location]
    sequence += list(resume.personal.banner)
    # The default order follows the person: with roles, work history leads and education follows.
    for role in resume.roles:
        sequence += role_fields(role)
    for project in resume.projects:
        sequence += [project.title, span(project.start, project.end), *project.description]
    for degree in resume.degrees:
        sequence += [degree.school, degree.degree, degree.major]
    for certification in resume.certifications:
        sequence += [certification.name, certification.issuer]
    return sequence


def _reader(kind: str, layout_field: str, value: str) -> Callable[[Resume, ExportOptions], str]:
    def read(resume: Resume, options: ExportOptions) -> str:
        chosen = options.model_copy(update={layout_field: value})
        if kind == "docx":
            return docx_text(render_docx(resume, chosen))
        return pdf_text(render_pdf(resume, chosen))

    return read


RENDERERS = {
    "docx-ats": (_reader("docx", "word_layout", "ats"), _role_ats, numeric_span),
    "docx-plain": (_reader("docx", "word_layout", "plain"), _role_people, worded_span),
    "pdf-classic": (_reader("pdf", "pdf_look", "classic"), _role_people, worded_span),
    "pdf-modern": (_reader("pdf", "pdf_look", "modern"), _role_people, worded_span),
}


@pytest.fixture(params=sorted(RENDERERS))
def export(request: pytest.FixtureRequest):
    return RENDERERS[request.param]


@pytest.mark.parametrize("resume", [sample_resume(), two_page_resume()], ids=["short", "two-page"])
def test_every_fact_comes_back_in_order(export, resume: Resume) -> None:
    read, role_fields, span = export
    text = read(resume, ExportOptions())
    assert_in_order(text, expected_sequence(resume, role_fields, span))


def test_present_and_month_formats(export) -> None:
    read, role_fields, _span = export
    text = _flat(read(sample_resume(), ExportOptions()))
    if role_fields is _role_ats:
        assert "04/2020 - Present" in text and "06/2014 - 03/2020" in text
    else:
        assert "April 2020 - Present" in text and "June 2014 - March 2020" in text


def test_section_order_options(export) -> None:
    read, role_fields, _span = export
    resume = sample_resume()
    school, company, project = "Ohio Valley University", "Lakeview Health Network", "Open Transit"

    default = _flat(read(resume, ExportOptions()))
    assert default.index(company) < default.index(project) < default.index(school)

    education_first = _flat(read(resume, ExportOptions(education_at_end=False)))
    assert education_first.index(school) < education_first.index(company)

    reordered = _flat(read(resume, ExportOptions(projects_first=True, education_at_end=True)))
    assert reordered.index(project) < reordered.index(company) < reordered.index(school)

    without_projects = _flat(read(resume, ExportOptions(include_projects=False)))
    assert project not in without_projects and company in without_projects


def test_hidden_personal_blocks_stay_hidden(export) -> None:
    read, _fields, _span = export
    text = _flat(read(sample_resume(), ExportOptions(personal_blocks=frozenset())))
    assert "Priya Natarajan" in text  # the name always shows
    for hidden in ("priya.natarajan@example.org", "+1 555 010 4477", "linkedin.com",
                   "Permanent Resident", "messy operational data", "Open to hybrid roles"):
        assert hidden not in text


def test_inclusion_and_date_range_show_in_the_output(export) -> None:
    read, _fields, _span = export
    resume = two_page_resume()
    omitted, not_relevant = resume.roles[1], resume.roles[2]
    options = ExportOptions(
        inclusion={
            item_key(omitted): Inclusion.OMIT,
            item_key(not_relevant): Inclusion.NOT_RELEVANT,
        },
        date_range=(Month(year=2012, month=6), None),
    )
    text = _flat(read(resume, options))

    assert omitted.company not in text
    assert not_relevant.company in text and NOT_RELEVANT_PLACEHOLDER in text
    # The not-relevant role's bullets are gone; the placeholder sits right after its basics.
    after = text[text.index(not_relevant.company):]
    assert after.index(NOT_RELEVANT_PLACEHOLDER) < after.index(resume.roles[3].company)
    # 02/2007-01/2010 lies before a range that starts 06/2012; 02/2010-01/2013 overlaps it.
    assert resume.roles[5].company not in text
    assert resume.roles[4].company in text


def test_sparse_resume_without_personal_section(export) -> None:
    read, role_fields, _span = export
    resume = Resume(
        roles=(Role(company="Solo Co", title="Engineer", start=Month(year=2021, month=5)),),
        projects=(Project(title="Bare Project", description=("Just a line.",)),),
        degrees=(Degree(school="Night School"),),
        certifications=(Certification(name="Bare Cert"),),
    )
    text = _flat(read(resume, ExportOptions()))
    assert_in_order(text, [*role_fields(resume.roles[0]), "Bare Project", "Just a line.",
                           "Night School", "Bare Cert"])
