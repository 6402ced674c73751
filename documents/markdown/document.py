"""The whole document: top-level sections, what each yields, and the public entry points."""

from __future__ import annotations

from documents.markdown.comments import strip_html_comments
from documents.markdown.parser import SECTION_HINTS, SECTIONS, SectionParser
from documents.markdown.tree import Block, build_tree
from documents.model import Certification, Degree, Personal, Project, Resume, Role
from documents.problems import ParseResult, result_of

_EMPTY_DOCUMENT = ("no resume found: the text has no `# Personal`, `# Education`, "
                   "`# Certifications` or `# Experience` section with content; start from the "
                   "template or see the format description")


def _top_sections(roots: list[Block], parser: SectionParser) -> dict[str, Block]:
    wanted = {name.casefold() for name in SECTIONS}
    found: dict[str, Block] = {}
    for block in roots:
        if block.key in found:
            parser.out.error(block.line, f"`{block.heading}` appears twice (first at line "
                                         f"{found[block.key].line}); merge them into one")
        elif block.key in wanted:
            found[block.key] = block
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
    personal: Personal | None = None
    degrees: tuple[Degree, ...] = ()
    certifications: tuple[Certification, ...] = ()
    projects: tuple[Project, ...] = ()
    roles: tuple[Role, ...] = ()
    for key, block in sections.items():
        errors_before = parser.out.error_count
        if key == "personal":
            personal = parser.personal(block)
            yielded = personal is not None
        elif key == "education":
            degrees = parser.education(block)
            yielded = bool(degrees)
        elif key == "certifications":
            certifications = parser.certifications(block)
            yielded = bool(certifications)
        else:
            projects, roles = parser.experience(block)
            yielded = bool(projects or roles)
        if yielded or parser.out.error_count > errors_before:
            continue
        if block.has_content:
            parser.out.error(block.line, f"`{block.heading}` has content but nothing in it "
                                         "could be read; see the warnings for what was ignored")
        else:
            parser.out.warn(block.line, f"`{block.heading}` is empty; ignored")

    if parser.out.error_count:
        return result_of(None, parser.out.problems)
    if not (personal or degrees or certifications or projects or roles):
        parser.out.error(None, _EMPTY_DOCUMENT)
        return result_of(None, parser.out.problems)
    resume = parser.build(lambda: Resume(personal=personal, degrees=degrees,
                                         certifications=certifications, projects=projects,
                                         roles=roles), 1, "the resume")
    return result_of(resume, parser.out.problems)


def load_resume(text: str) -> Resume:
    """Read structured Markdown or raise `ResumeFormatError` listing every problem by line."""
    return parse_resume(text).unwrap()
