"""The headings people give the sections we added (docs/resume-format.md), by section.

Shared by the Markdown parser (lenient on input) and any reader that meets headings in the wild.
Only the added sections have synonyms: `# Personal`, `# Education`, `# Certifications` and
`# Experience` keep the exact names the upstream format uses, because their inner structure
(`## Degrees`, `## Roles`) is what a reader relies on.
"""

from __future__ import annotations

import re

SKILLS = "skills"
LANGUAGES = "languages"
AWARDS = "awards"
VOLUNTEERING = "volunteering"
PUBLICATIONS = "publications"
INTERESTS = "interests"

# Canonical heading first; every entry is compared after `heading_key`.
HEADINGS: dict[str, tuple[str, ...]] = {
    SKILLS: ("Skills", "Technical Skills", "Core Skills", "Key Skills", "Skill Set", "Skillset",
             "Skills and Tools", "Tools and Technologies", "Technologies", "Tech Stack",
             "Core Competencies", "Competencies", "Areas of Expertise", "Expertise",
             "Technical Expertise", "Skills and Technologies", "Technical Proficiencies",
             "Professional Skills", "Skills Summary", "Summary of Skills"),
    LANGUAGES: ("Languages", "Language", "Language Skills", "Spoken Languages",
                "Foreign Languages"),
    AWARDS: ("Awards", "Honors", "Honours", "Honors and Awards", "Honours and Awards",
             "Awards and Honors", "Awards and Honours", "Achievements", "Awards and Achievements",
             "Honors and Achievements", "Competitions", "Competition Results", "Distinctions",
             "Recognition", "Awards and Recognition", "Scholarships", "Scholarships and Awards",
             "Prizes"),
    VOLUNTEERING: ("Volunteering", "Volunteer", "Volunteer Experience", "Volunteer Work",
                   "Volunteering Experience", "Community", "Community Involvement",
                   "Community Service", "Community Engagement", "Community Work",
                   "Volunteering and Community", "Community and Volunteering", "Civic Engagement",
                   "Pro Bono", "Pro Bono Work", "Service"),
    PUBLICATIONS: ("Publications", "Selected Publications", "Papers", "Research Papers",
                   "Articles", "Publications and Talks", "Talks and Publications",
                   "Publications and Presentations", "Patents and Publications",
                   "Books and Articles"),
    INTERESTS: ("Interests", "Hobbies", "Hobbies and Interests", "Interests and Hobbies",
                "Personal Interests", "Other Interests", "Outside Interests", "Pastimes"),
}

_NOT_WORD = re.compile(r"[^\w]+")


def heading_key(title: str) -> str:
    """A heading compared loosely: case, `&`/`and`, punctuation and spacing do not matter."""
    text = title.casefold().replace("&", " and ")
    return " ".join(_NOT_WORD.sub(" ", text).split())


_BY_KEY = {heading_key(title): section for section, titles in HEADINGS.items()
           for title in titles}


def added_section(title: str) -> str | None:
    """Which added section a heading names (`skills`, `awards`, ...), or None."""
    return _BY_KEY.get(heading_key(title))


def canonical_heading(section: str) -> str:
    """The heading the writer uses for an added section."""
    return HEADINGS[section][0]
