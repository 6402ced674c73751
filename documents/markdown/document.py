"""The whole document: top-level sections, what each yields, and the public entry points."""

from __future__ import annotations

from typing import Any

from documents.markdown.comments import strip_html_comments
from documents.markdown.parser import SECTION_HINTS, SECTIONS, SectionParser
from documents.markdown.parser_added import AddedSections
from documents.markdown.tree import Block, build_tree
from documents.model import Resume
from documents.problems import ParseResult, result_of
from documents.section_names import added_section

_EMPTY_DOCUMENT = ("no resume found: the text has no `# Personal`, `# Education`, "
                   "`# Certifications`, `# Experience`, `# Skills`, `# Awards` or other section "
                   "with content; start from the template or see the format description")


def _section_key(block: Block) -> str | None:
    if block.key in {name.casefold() for name in SECTIONS}:
        return block.key
    return added_section(block.title)


def _top_sections(roots: list[Block], parser: SectionParser) -> dict[str, Block]:
    found: dict[str, Block] = {}
    for block in roots:
        key = _section_key(block)
        if key is not None and key in found:
            first = found[key]
            if first.key == block.key:
                parser.out.error(block.line, f"`{block.heading}` appears twice (first at line "
                                             f"{first.line}); merge them into one")
            else:
                parser.out.error(block.line, f"`{block.heading}` is the same section as "
                                             f"`{first.heading}` (line {first.line}); merge "
                                             "them into one")
        elif key is not None:
            found[key] = block
        else:
            hint = SECTION_HINTS.get(block.key)
            suffix = f"; {hint}" if hint else ""
            parser.out.warn(block.line, f"unknown section `{block.heading}` ignored{suffix}")
    return found


def parse_resume(text: str) -> ParseResult:
    """Read structured Markdown. Never raises: problems come back in the result by line."""
    text, comment_lines = strip_html_comments(text)
    roots = build_tree(text)
    parser = SectionParser()
    for line in comment_lines:
        parser.out.warn(line, "an HTML comment (invisible in a Markdown preview) was left out")
    sections = _top_sections(roots, parser)
    added = AddedSections(parser)
    readers = {
        "personal": lambda block: {"personal": parser.personal(block)},
        "education": lambda block: {"degrees": parser.education(block)},
        "certifications": lambda block: {"certifications": parser.certifications(block)},
        "experience": lambda block: dict(zip(("projects", "roles"), parser.experience(block),
                                             strict=True)),
        "skills": lambda block: {"skills": added.skills(block)},
        "languages": lambda block: {"languages": added.languages(block)},
        "awards": lambda block: {"awards": added.awards(block)},
        "volunteering": lambda block: {"volunteering": added.volunteering(block)},
        "publications": lambda block: {"publications": added.publications(block)},
        "interests": lambda block: {"interests": added.interests(block)},
    }
    fields: dict[str, Any] = {}
    for key, block in sections.items():
        errors_before = parser.out.error_count
        read = readers[key](block)
        fields.update(read)
        yielded = any(read.values())
        if yielded or parser.out.error_count > errors_before:
            continue
        if block.has_content:
            parser.out.error(block.line, f"`{block.heading}` has content but nothing in it "
                                         "could be read; see the warnings for what was ignored")
        else:
            parser.out.warn(block.line, f"`{block.heading}` is empty; ignored")

    if parser.out.error_count:
        return result_of(None, parser.out.problems)
    if not any(fields.values()):
        parser.out.error(None, _EMPTY_DOCUMENT)
        return result_of(None, parser.out.problems)
    resume = parser.build(lambda: Resume(**{k: v for k, v in fields.items() if v is not None}),
                          1, "the resume")
    return result_of(resume, parser.out.problems)


def load_resume(text: str) -> Resume:
    """Read structured Markdown or raise `ResumeFormatError` listing every problem by line."""
    return parse_resume(text).unwrap()
