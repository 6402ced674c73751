"""The whole read: header (name, contact), then each section by its heading."""

from __future__ import annotations

from dataclasses import dataclass, field

from pydantic import ValidationError

from documents.model import Contact, Personal, Resume, SkillGroup, Websites
from documents.structure.blocks import Numbered, join_wrapped
from documents.structure.fields import is_location, title_score
from documents.structure.headings import Section, heading_section
from documents.structure.lines import (
    EMAIL,
    PHONE,
    URL,
    SourceLine,
    collapse_letter_spacing,
    is_contact_line,
    split_fields,
)
from documents.structure.sections import (
    Placed,
    read_certifications,
    read_degrees,
    read_projects,
    read_roles,
)
from documents.structure.sections_more import (
    read_awards,
    read_interests,
    read_languages,
    read_publications,
    read_skills,
    read_volunteering,
)

_TOP_SECTIONS = ("skills", "languages", "interests", "awards", "volunteering", "publications")


@dataclass
class Structured:
    """The deterministic read: a resume (None when nothing could be placed) and what was not."""

    resume: Resume | None
    unplaced: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    sections: dict[str, int] = field(default_factory=dict)  # section -> items read

    @property
    def recognised(self) -> bool:
        """Enough structure to import without a model: a name and some dated history."""
        resume = self.resume
        return resume is not None and resume.name is not None and bool(
            resume.roles or resume.degrees or resume.projects)


def structure_text(text: str) -> Structured:
    return structure_lines([SourceLine(line) for line in text.splitlines()])


def structure_lines(lines: list[SourceLine]) -> Structured:
    cleaned = [SourceLine(line.text.replace("\t", "   ").strip(), line.size, line.bold,
                          line.style) for line in lines if line.text.strip()]
    numbered: list[Numbered] = list(enumerate(_split_rail_labels(cleaned)))
    header, sections = _split_sections(numbered)
    used: set[int] = {number for number, _ in numbered if heading_section(_) is not None}
    used -= {number for number, _ in header}
    notes: list[str] = []
    personal_used, contact, websites = _read_header(header)
    used |= personal_used
    banner: list[str] = []
    placed: dict[str, Placed] = {}
    readers = {"experience": read_roles, "education": read_degrees, "projects": read_projects,
               "certifications": read_certifications, "skills": read_skills,
               "languages": read_languages, "interests": read_interests, "awards": read_awards,
               "volunteering": read_volunteering, "publications": read_publications}
    for section, body in sections:
        if section == "summary":
            banner += _prose(body)
            used |= {number for number, _ in body}
        elif section in readers:
            result = readers[section](body)
            merged = placed.setdefault(section, Placed())
            merged.items += result.items
            merged.used |= result.used
            merged.leftover += result.leftover
            notes += result.notes
            used |= result.used
    personal = None
    if contact or websites or banner:
        personal = Personal(contact=contact, websites=websites, banner=tuple(banner))
    try:
        resume = Resume(
            personal=personal,
            roles=tuple(placed.get("experience", Placed()).items),
            degrees=tuple(placed.get("education", Placed()).items),
            projects=tuple(placed.get("projects", Placed()).items),
            certifications=tuple(placed.get("certifications", Placed()).items),
            **{name: _merged(name, placed.get(name)) for name in _TOP_SECTIONS},
        )
    except ValidationError:
        resume = None
    unplaced = [" ".join(line.text.split()) for number, line in numbered if number not in used]
    unplaced += [text for value in placed.values() for text in value.leftover]
    counts = {name: len(value.items) for name, value in placed.items()}
    return Structured(resume, unplaced, notes, counts)


def _split_rail_labels(lines: list[SourceLine]) -> list[SourceLine]:
    """"Experience   Staff Engineer, Platform   Aug 2024 - Present": a section label set in a
    rail beside the first entry is a heading of its own."""
    out: list[SourceLine] = []
    for line in lines:
        first, _, rest = line.text.partition("   ")
        label = SourceLine(first, line.size, line.bold, line.style)
        if rest.strip() and heading_section(label) is not None:
            out += [label, SourceLine(rest.strip(), line.size, line.bold, line.style)]
        else:
            out.append(line)
    return out


def _split_sections(
    numbered: list[Numbered],
) -> tuple[list[Numbered], list[tuple[Section, list[Numbered]]]]:
    header: list[Numbered] = []
    sections: list[tuple[Section, list[Numbered]]] = []
    for number, line in numbered:
        section = heading_section(line)
        if section is not None:
            sections.append((section, []))
        elif sections:
            sections[-1][1].append((number, line))
        else:
            header.append((number, line))
    if not any(section == "experience" for section, _ in sections) and header:
        # No experience heading ("headerless" resumes): dated entries right under the contact
        # block, or under the summary, are the experience.
        _adopt_headerless(header, sections)
    return header, sections


def _adopt_headerless(header: list[Numbered], sections: list) -> None:
    from documents.structure.dates import find_span

    for index, (section, body) in enumerate(sections):
        if section != "summary":
            continue
        first_dated = next((i for i, (_, line) in enumerate(body) if find_span(line.text)), None)
        if first_dated is None:
            return
        # The summary ends at the blank-free run before the first dated header line.
        cut = first_dated
        while cut > 0 and len(body[cut - 1][1].text.split()) <= 14 \
                and not body[cut - 1][1].text.endswith("."):
            cut -= 1
        sections.insert(index + 1, ("experience", body[cut:]))
        sections[index] = (section, body[:cut])
        return


def _read_header(header: list[Numbered]) -> tuple[set[int], Contact | None, Websites | None]:
    used: set[int] = set()
    name: str | None = None
    email = phone = location = None
    links: dict[str, str] = {}
    name_lines = [item for item in header if not is_contact_line(item[1].text)]
    candidates = [item for item in name_lines if _looks_like_name(item[1])]
    if candidates:
        best = max(candidates, key=lambda item: item[1].size or 0) if any(
            item[1].size for item in candidates) else candidates[0]
        name = collapse_letter_spacing(best[1].text)
        used.add(best[0])
        following = next((item for item in header if item[0] > best[0]), None)
        if (following and len(name.split()) == 1 and _looks_like_name(following[1])
                and len(following[1].text.split()) == 1):
            # A first name and a surname set on two lines.
            name = f"{name} {collapse_letter_spacing(following[1].text)}"
            used.add(following[0])
    for number, line in header:
        for part in split_fields(line.text):
            taken = True
            if (match := EMAIL.search(part)) and email is None:
                email = match[0]
            elif (match := PHONE.search(part)) and phone is None and not URL.search(part):
                phone = match[0]
            elif match := URL.search(part):
                kind = _link_kind(match[0])
                links.setdefault(kind, match[0])
            elif location is None and (is_location(part) or _address(part)):
                location = part
            else:
                taken = False
            if taken:
                used.add(number)
    contact = Contact(name=name, email=email, phone=phone, location=location) if name else None
    websites = Websites(**links) if links else None
    return used, contact, websites


def _looks_like_name(line: SourceLine) -> bool:
    text = collapse_letter_spacing(line.text)
    tokens = text.split()
    if not 1 <= len(tokens) <= 5 or title_score(text):
        return False
    return all(token[:1].isalpha() and token[:1].isupper() or token in ("de", "van", "von", "da")
               for token in tokens) and not any(ch.isdigit() for ch in text)


def _address(part: str) -> bool:
    return "," in part and len(part.split()) <= 8 and part[:1].isalnum() and not EMAIL.search(part)


def _link_kind(url: str) -> str:
    lowered = url.lower()
    for kind in ("github", "linkedin", "twitter"):
        if kind in lowered:
            return kind
    return "x.com" in lowered and "twitter" or "website"


def _prose(body: list[Numbered]) -> list[str]:
    paragraphs: list[str] = []
    for _, line in body:
        text = " ".join(line.text.split())
        if paragraphs and not paragraphs[-1].endswith((".", "!", "?")):
            paragraphs[-1] = join_wrapped(paragraphs[-1], text)
        else:
            paragraphs.append(text)
    return paragraphs


def _merged(section: str, placed: Placed | None) -> tuple:
    if placed is None:
        return ()
    if section != "skills":
        return tuple(placed.items)
    # Two Skills sections ("Skills", "Programs") each with a plain list: one unnamed group.
    plain = [item for group in placed.items if group.name is None for item in group.items]
    named = [group for group in placed.items if group.name is not None]
    return tuple(([SkillGroup(items=tuple(plain))] if plain else []) + named)
