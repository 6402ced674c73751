"""Section headings in the wordings people use, in any case, spaced or not."""

from __future__ import annotations

import re
from typing import Literal

from documents.structure.lines import SourceLine, collapse_letter_spacing, is_contact_line

Section = Literal[
    "summary", "experience", "education", "skills", "projects", "certifications", "awards",
    "volunteering", "publications", "languages", "interests", "other",
]

# Whole heading texts after normalising (lower case, "&" -> "and", punctuation dropped).
_WORDS: dict[Section, tuple[str, ...]] = {
    "summary": ("summary", "profile", "professional summary", "career summary", "objective",
                "career objective", "about", "about me", "professional profile", "overview",
                "highlights", "executive summary", "personal statement", "introduction"),
    "experience": ("experience", "work experience", "professional experience", "employment",
                   "employment history", "work history", "career history", "relevant experience",
                   "professional background", "experience and employment", "career",
                   "professional history", "industry experience", "job history",
                   "work and leadership experience", "positions", "internships",
                   "internship experience", "research experience", "teaching experience",
                   "leadership experience", "related experience", "qualified experience",
                   "selected experience", "technical experience"),
    "education": ("education", "academic background", "education and training", "academics",
                  "educational background", "academic history", "qualifications",
                  "academic qualifications", "education and certifications", "studies",
                  "training", "degrees"),
    "skills": ("skills", "technical skills", "core competencies", "competencies", "key skills",
               "expertise", "technologies", "tools", "skills and tools", "tech stack",
               "areas of expertise", "technical proficiencies", "proficiencies", "programs",
               "software", "programming languages", "additional skills", "skills and abilities",
               "skills and interests", "core skills", "skill set", "skillset", "abilities",
               "technical expertise", "strengths", "key competencies", "relevant skills",
               "skills summary", "tools and technologies", "languages and technologies"),
    "projects": ("projects", "personal projects", "selected projects", "key projects",
                 "academic projects", "side projects", "open source", "project experience",
                 "relevant projects", "technical projects", "portfolio"),
    "certifications": ("certifications", "certificates", "licenses and certifications",
                       "certifications and licenses", "licenses", "credentials",
                       "professional certifications", "certification", "courses",
                       "certifications and training", "professional development"),
    "awards": ("awards", "honors", "honours", "honors and awards", "awards and honors",
               "achievements", "accomplishments", "awards and achievements", "recognition",
               "competitions", "scholarships", "key achievements"),
    "volunteering": ("volunteering", "volunteer experience", "volunteer", "community",
                     "community involvement", "community service", "volunteer work",
                     "leadership and volunteering", "activities", "extracurricular activities",
                     "leadership", "leadership and activities"),
    "publications": ("publications", "papers", "selected publications", "research",
                     "presentations", "talks", "publications and talks", "invited talks",
                     "patents", "patents and publications", "conference talks"),
    "languages": ("languages", "language skills", "spoken languages", "language"),
    "interests": ("interests", "hobbies", "hobbies and interests", "personal interests",
                  "outside interests"),
    "other": ("references", "additional information", "other", "coursework",
              "relevant coursework", "memberships", "affiliations", "professional memberships"),
}
_LOOKUP = {phrase: section for section, phrases in _WORDS.items() for phrase in phrases}
_LONGEST_FIRST = [
    (re.compile(rf"\b{re.escape(phrase)}\b"), section)
    for phrase, section in sorted(_LOOKUP.items(), key=lambda item: -len(item[0]))
]
MAX_HEADING_WORDS = 6


def normalise_heading(text: str) -> str:
    text = collapse_letter_spacing(text).casefold().replace("&", " and ")
    text = re.sub(r"[^\w\s]", " ", text)
    return " ".join(text.split())


def heading_section(line: SourceLine) -> Section | None:
    """The section a line opens, or None when it is not a heading."""
    text = line.text.strip()
    if not text or len(text) > 60 or is_contact_line(text):
        return None
    if text[-1] in ".," or (text.endswith(":") and text.count(":") > 1):
        return None
    key = normalise_heading(text)
    if not key or len(key.split()) > MAX_HEADING_WORDS:
        return None
    if key in _LOOKUP:
        return _LOOKUP[key]
    unqualified = re.sub(r"^(?:selected|key|relevant|additional|other|notable|recent) ", "", key)
    if unqualified in _LOOKUP:
        return _LOOKUP[unqualified]
    # "Professional Experience at a glance", "Skills & Tools": a known phrase plus a qualifier,
    # only when the line looks like a heading (styled, bold, or all capitals).
    styled = bool(line.bold) or (line.style or "").lower().startswith(("heading", "title"))
    if (styled or text.isupper()) and len(key.split()) <= 4:
        for pattern, section in _LONGEST_FIRST:
            if pattern.search(key):
                return section
    return None
