"""Reading the sections Tailor adds to the format (docs/resume-format.md): Skills, Languages,
Awards, Volunteering, Publications, Interests.

Lenient on input, as for the upstream sections: a plain `* item` list is accepted wherever a
person would write one (an unnamed skill group, one award per line), and nothing is dropped
without a warning naming its line.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TypeVar

from documents.markdown.fields import (
    Collector,
    check_order,
    date_value,
    read_fields,
    read_list,
    read_responsibilities,
    read_text,
    text_value,
)
from documents.markdown.parser import SectionParser
from documents.markdown.tree import Block, BodyLine, bullet_item, normalize_key
from documents.model import Award, Language, Publication, SkillGroup, Volunteering

T = TypeVar("T")

AWARD = ("Title", "Issuer", "Date")
VOLUNTEERING = ("Organization", "Role", "Location", "Start date", "End date")
PUBLICATION = ("Title", "Publisher", "Date", "Url")

# A comma outside parentheses: "Python (pandas, NumPy), Go" is two skills.
_TOP_LEVEL_COMMA = re.compile(r",\s*(?![^()]*\))")


def _split_skills(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in _TOP_LEVEL_COMMA.split(text) if part.strip())


def _colon_pair(text: str) -> tuple[str, str | None]:
    name, _, level = text.partition(":")
    return name.strip(), level.strip() or None


_LEVEL_AFTER = re.compile(r"(?P<name>[^()]+?)\s*(?:\((?P<paren>[^()]+)\)|\s[-–—]\s(?P<dash>.+))")


def loose_language(text: str) -> tuple[str, str | None]:
    """(name, level) of "English (native)", "English - native", "English: native", "English"."""
    if ":" in text:
        return _colon_pair(text)
    if match := _LEVEL_AFTER.fullmatch(text):
        return match["name"].strip(), (match["paren"] or match["dash"]).strip()
    return text.strip(), None


def _body_block(block: Block, lines: list[BodyLine]) -> Block:
    return Block(block.level, block.title, block.line, lines, [])


class AddedSections:
    """The added sections, read with the same collector and rules as the upstream ones."""

    def __init__(self, parser: SectionParser) -> None:
        self.parser = parser
        self.out: Collector = parser.out

    # -- Skills ----------------------------------------------------------------------------

    def skills(self, block: Block) -> tuple[SkillGroup, ...]:
        """A plain list right under `# Skills` is the unnamed group; each `## Name` a group.

        Also read, because people write skills that way: `Label: a, b` lines (a group named
        Label), a `Label:` line followed by bullets, and plain comma-separated lines.
        """
        named: list[tuple[str, int, list[str]]] = []
        loose: list[str] = []
        current = loose
        for body in block.body:
            item = bullet_item(body.text)
            label, colon, value = body.text.partition(":")
            if item is not None:
                current.append(item)
            elif colon and label.strip():
                current = list(_split_skills(value))
                named.append((label.strip(), body.number, current))
            else:
                current = loose
                loose += _split_skills(body.text)
        groups: list[SkillGroup] = []
        if loose:
            groups.append(SkillGroup(items=tuple(loose)))
        for name, line, items in named:
            if items:
                self._add_group(groups, name, tuple(items), line)
            else:
                self.out.warn(line, f"`{name}:` in `{block.heading}` lists no skills; ignored")
        for child in block.children:
            if child.level != block.level + 1:
                self.out.error(child.line, f"`{child.heading}` must be inside a "
                                           f"`{'#' * (block.level + 1)} Group name` heading")
                continue
            items = read_list(child, self.out)
            if items:
                self._add_group(groups, child.title, items, child.line)
            else:
                self.out.warn(child.line, f"`{child.heading}` lists no skills; ignored")
        return tuple(groups)

    def _add_group(self, groups: list[SkillGroup], name: str, items: tuple[str, ...],
                   line: int) -> None:
        group = self.parser.build(lambda: SkillGroup(name=name, items=items), line,
                                  f"skill group `{name}`")
        if group is not None:
            groups.append(group)

    # -- Languages and interests -----------------------------------------------------------

    def languages(self, block: Block) -> tuple[Language, ...]:
        """Canonical `* Name: level` or `* Name`; plain lines may also list several languages
        ("English (native), Spanish - fluent"). Bullets are read strictly so that any name the
        writer emits reads back unchanged."""
        self.out.ignore_children(block, "`* Language: level` lines")
        found: list[Language] = []
        for body in block.body:
            item = bullet_item(body.text)
            pairs = ([_colon_pair(item)] if item is not None
                     else [loose_language(part) for part in _split_skills(body.text)])
            for name, level in pairs:
                language = self.parser.build(
                    lambda name=name, level=level: Language(name=name, level=level),
                    body.number, f"`{body.text}`")
                if language is not None:
                    found.append(language)
        return tuple(found)

    def interests(self, block: Block) -> tuple[str, ...]:
        """`* item` lines; a plain line is read as comma-separated interests."""
        self.out.ignore_children(block, "`* item` lines")
        found: list[str] = []
        for body in block.body:
            item = bullet_item(body.text)
            found += [item] if item is not None else _split_skills(body.text)
        return tuple(found)

    # -- Item sections ---------------------------------------------------------------------

    def _items(self, block: Block, item: str, labels: tuple[str, ...],
               read: Callable[[Block], T | None], from_line: Callable[[str], T]) -> tuple[T, ...]:
        """Each `## Item` heading is one item. A line right under the section (`* ` or plain)
        is one item holding only its title: people often list awards one per line."""
        known = {normalize_key(label) for label in labels}
        results: list[T] = []
        for body in block.body:
            text = bullet_item(body.text)
            if text is None and normalize_key(body.text.partition(":")[0]) in known:
                self.out.warn(body.number, f"`{body.text}` directly under `{block.heading}` "
                                           f"ignored: put the fields of an item under its own "
                                           f"`## {item}` heading")
                continue
            built = self.parser.build(lambda text=text or body.text: from_line(text),
                                      body.number, f"`{body.text}`")
            if built is not None:
                results.append(built)
        for child in block.children:
            if child.level != block.level + 1:
                self.out.error(child.line, f"`{child.heading}` must be inside a "
                                           f"`{'#' * (block.level + 1)} {item}` heading")
                continue
            value = read(child)
            if value is not None:
                results.append(value)
        return tuple(results)

    def _parts(self, block: Block, names: tuple[str, ...]) -> dict[str, Block]:
        """The `### Part` blocks of an item; its own lines are its `Label: value` fields."""
        kept = Block(block.level, block.title, block.line, [], block.children)
        return self.parser.subsections(kept, names)

    def awards(self, block: Block) -> tuple[Award, ...]:
        return self._items(block, "Award", AWARD, self.award, lambda text: Award(title=text))

    def award(self, block: Block) -> Award | None:
        errors = self.out.error_count
        fields = read_fields(_body_block(block, block.body), AWARD, self.out)
        parts = self._parts(block, ("Description",))
        title = text_value(fields, "Title")
        if title is None:
            self.out.error(block.line, f"`{block.heading}` has no `Title:` line")
        date = date_value(fields, "Date", self.out)
        description = self._text(parts, "description")
        if self.out.error_count > errors or title is None:
            return None
        return self.parser.build(lambda: Award(
            title=title, issuer=text_value(fields, "Issuer"), date=date,
            description=description), block.line, block.heading)

    def volunteering(self, block: Block) -> tuple[Volunteering, ...]:
        return self._items(block, "Volunteering", VOLUNTEERING, self.volunteer,
                           lambda text: Volunteering(organization=text))

    def volunteer(self, block: Block) -> Volunteering | None:
        errors = self.out.error_count
        fields = read_fields(_body_block(block, block.body), VOLUNTEERING, self.out)
        parts = self._parts(block, ("Summary", "Responsibilities"))
        organization = text_value(fields, "Organization")
        if organization is None:
            self.out.error(block.line, f"`{block.heading}` has no `Organization:` line")
        start = date_value(fields, "Start date", self.out)
        end = date_value(fields, "End date", self.out, allow_present=True)
        check_order(fields, start, end, ("Start date", "End date"), self.out)
        summary = self._text(parts, "summary")
        situation, tasks = (read_responsibilities(parts["responsibilities"], self.out)
                            if "responsibilities" in parts else ((), ()))
        if self.out.error_count > errors or organization is None:
            return None
        return self.parser.build(lambda: Volunteering(
            organization=organization, role=text_value(fields, "Role"), start=start, end=end,
            location=text_value(fields, "Location"), summary=summary + situation, tasks=tasks),
            block.line, block.heading)

    def publications(self, block: Block) -> tuple[Publication, ...]:
        return self._items(block, "Publication", PUBLICATION, self.publication,
                           lambda text: Publication(title=text))

    def publication(self, block: Block) -> Publication | None:
        errors = self.out.error_count
        fields = read_fields(_body_block(block, block.body), PUBLICATION, self.out)
        parts = self._parts(block, ("Description",))
        title = text_value(fields, "Title")
        if title is None:
            self.out.error(block.line, f"`{block.heading}` has no `Title:` line")
        date = date_value(fields, "Date", self.out)
        description = self._text(parts, "description")
        if self.out.error_count > errors or title is None:
            return None
        return self.parser.build(lambda: Publication(
            title=title, publisher=text_value(fields, "Publisher"), date=date,
            url=text_value(fields, "Url"), description=description), block.line, block.heading)

    def _text(self, parts: dict[str, Block], name: str) -> tuple[str, ...]:
        return read_text(parts[name], self.out) if name in parts else ()
