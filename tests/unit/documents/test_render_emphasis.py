"""Which words of a bullet are bold: the role's skills, matched as whole words in any case."""

from __future__ import annotations

from documents.render.emphasis import Piece, inline_markdown, mark_skills


def _bold(text: str, skills: list[str]) -> list[str]:
    return [piece.text for piece in mark_skills(text, skills) if piece.bold]


def test_whole_words_only_and_any_case() -> None:
    skills = ["SQL", "Java", "go"]
    text = "Tuned PostgreSQL and sql queries; wrote JavaScript and Java; Go services"
    assert _bold(text, skills) == ["sql", "Java", "Go"]


def test_symbol_skills_and_multi_word_skills_prefer_the_longest() -> None:
    skills = ["C++", "C#", ".NET", "Spark", "Apache Spark", "machine learning"]
    text = "Ported C++ and C# code to .NET, ran Apache  Spark jobs and Spark SQL, Machine\tLearning"
    assert _bold(text, skills) == [
        "C++", "C#", ".NET", "Apache  Spark", "Spark", "Machine\tLearning"]
    assert _bold("Uses ASP.NET and C#9", skills) == []


def test_pieces_rebuild_the_line_exactly() -> None:
    text = "Built a dbt model layer on PostgreSQL (dbt!)"
    pieces = mark_skills(text, ["dbt", "PostgreSQL", "regex(chars"])
    assert "".join(piece.text for piece in pieces) == text
    assert mark_skills(text, []) == [Piece(text)]


def test_inline_markdown_keeps_other_characters_literal() -> None:
    assert inline_markdown("5 * 3 = 15 and a*b") == [Piece("5 * 3 = 15 and a*b")]
    assert inline_markdown("**Bold** then *it*") == [
        Piece("Bold", bold=True), Piece(" then "), Piece("it", italic=True)]
