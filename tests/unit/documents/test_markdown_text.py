"""Names and other text from people, placed into the app's Markdown, show as exactly that text.

Rendered with a CommonMark renderer: whatever the text, the page shows it literally and it makes
no image (a remote image is a request to someone else's server), no link and no markup.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from hypothesis import assume, given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from documents.markdown_text import md_code, md_code_block, md_link, md_text

RENDER = MarkdownIt("commonmark").enable("table")
MARKUP = ("<img", "<a ", "<em", "<strong><strong", "<code", "<h", "<ul", "<ol", "<table",
          "<pre", "<blockquote", "<hr", "<br", "<script", "<del")
BREAKS = re.compile(r"[\n\r\x0b\x0c\u0085\u2028\u2029]+")
CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
HOSTILE = [
    "![s](http://127.0.0.1:9/?d=secret)", "![x](http://evil.example/a.png)@x.org",
    "[click](javascript:alert(1))", "<img src=http://evil.example/x>", "**bold** _it_ `code`",
    "# heading", "- item", "1. item", "> quote", "```", "| a | b |", "&lt;b&gt; &#x21;",
    "http://evil.example/?q=1", "www.evil.example", "mallory@evil.example", "a\\", "\\*",
    "line one\n\n# two", "<http://evil.example>", "[ref]: http://evil.example", "~~gone~~",
    "![s]\n(http://evil.example)", "x  ", "==mark==", "<!-- hidden -->",
]
text_values = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=80),
                        st.text(alphabet="![]()<>*_`#-|\\:/.@&;~ \nhttpwx", max_size=40))


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def shown_text(rendered: str) -> str:
    parser = _Text()
    parser.feed(rendered)
    parser.close()
    return "".join(parser.parts).strip("\n")


def flat(value: str) -> str:
    """What a one-line field shows: line breaks as spaces, without control characters."""
    return CONTROLS.sub("", BREAKS.sub(" ", value))


@given(text_values)
def test_escaped_text_renders_as_the_same_literal_text(value: str) -> None:
    rendered = RENDER.render(f"Name: {md_text(value)} (end)")
    assert not any(tag in rendered for tag in MARKUP), rendered
    assert shown_text(rendered) == f"Name: {flat(value)} (end)"


@given(text_values)
def test_escaped_text_stays_itself_inside_a_listings_bold_item(value: str) -> None:
    assume(flat(value).strip() == flat(value) and flat(value))
    rendered = RENDER.render(f"Your resumes:\n- **{md_text(value)}** (primary)\n- next")
    assert "<img" not in rendered and "<a " not in rendered
    assert rendered.count("<li>") == 2 and rendered.count("<strong>") == 1, rendered
    assert shown_text(rendered) == f"Your resumes:\n\n{flat(value)} (primary)\nnext"


@given(text_values)
def test_code_span_and_block_show_the_text_verbatim(value: str) -> None:
    span = RENDER.render(f"Use {md_code(value)} here")
    assert "<img" not in span and "<a " not in span
    assume(flat(value).strip(" ") == flat(value) or not flat(value).strip(" "))
    assert html.unescape(re.search(r"<code>(.*)</code>", span, re.S).group(1)) == flat(value) \
        or not flat(value).strip()
    block = RENDER.render(md_code_block(value, "markdown") + "\n\nafter")
    assert block.count("<pre>") == 1 and "<img" not in block and block.endswith("<p>after</p>\n")
    body = re.search(r"<code[^>]*>(.*)</code></pre>", block, re.S).group(1)
    shown = CONTROLS.sub("", value).replace("\r\n", "\n").replace("\r", "\n")
    assert html.unescape(body) == shown + "\n"


def test_links_go_only_to_this_site() -> None:
    assert RENDER.render(md_link("v2 (PDF)", "/files/abc")).count('href="/files/abc"') == 1
    for href in ("http://evil.example/", "//evil.example/x", "javascript:alert(1)",
                 "/\\evil.example", " /files/x", "mailto:a@b.org"):
        rendered = RENDER.render(md_link("[label](http://evil.example)", href))
        assert "<a " not in rendered, href
        assert shown_text(rendered) == "[label](http://evil.example)"


def test_a_lone_carriage_return_stays_a_line_of_the_code_block() -> None:
    block = RENDER.render(md_code_block("\r", "markdown") + "\n\nafter")
    body = re.search(r"<code[^>]*>(.*)</code></pre>", block, re.S).group(1)
    assert body == "\n\n"
