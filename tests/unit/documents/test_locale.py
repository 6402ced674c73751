"""Documents follow the job's language and place: a French letter is dated in French, a resume
for Berlin prints on A4 and one for Austin on US Letter; the person's explicit choice wins."""

from __future__ import annotations

import datetime as dt
import io

import docx
import pytest
from docx.shared import Inches, Mm
from hypothesis import given
from hypothesis import strategies as st
from pypdf import PdfReader

from documents import write_cover_letter_markdown
from documents.locale import long_date, paper_for
from documents.model import Contact
from documents.render import (
    ExportOptions,
    render_cover_letter_docx,
    render_cover_letter_pdf,
    render_docx,
    render_pdf,
)
from documents.render.samples import sample_cover_letter, sample_resume

LANGUAGES = ["en", "fr", "es", "de", "it", "pt", "nl"]
A4_POINTS, LETTER_POINTS = (595, 842), (612, 792)


@given(st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2100, 12, 31)),
       st.sampled_from(LANGUAGES))
def test_a_long_date_names_its_day_month_and_year(day: dt.date, language: str) -> None:
    text = long_date(day, language)
    assert str(day.year) in text and str(day.day) in text
    # Two different months never read the same in one language.
    other = day.replace(day=1, month=day.month % 12 + 1)
    assert long_date(other, language).split(str(other.year))[0] != text.split(str(day.year))[0]


@pytest.mark.parametrize(("language", "expected"), [
    ("fr", "4 décembre 2026"), ("fr-CA", "4 décembre 2026"), ("French", "4 décembre 2026"),
    ("es", "4 de diciembre de 2026"), ("de", "4. Dezember 2026"), ("en", "December 4, 2026"),
    (None, "December 4, 2026"), ("ja", "December 4, 2026"),
])
def test_letters_are_dated_the_way_their_language_writes_dates(language, expected) -> None:
    assert long_date(dt.date(2026, 12, 4), language) == expected


@pytest.mark.parametrize(("location", "paper"), [
    ("Austin, TX", "letter"), ("Toronto, ON", "letter"), ("Remote (US)", "letter"),
    ("Montréal, Québec", "letter"), ("New York, NY 10001", "letter"),
    ("London, UK", "a4"), ("Berlin, Germany", "a4"), ("Paris", "a4"), ("Berlin, de", "a4"),
    ("London, ON", "letter"), ("Madrid, España", "a4"),
])
def test_the_job_place_decides_the_paper(location: str, paper: str) -> None:
    assert paper_for(job_location=location) == paper


def test_without_a_place_the_language_then_the_person_decide() -> None:
    assert paper_for(job_language="de") == "a4"
    assert paper_for(job_language="en", own_location="Lyon, France") == "a4"
    assert paper_for() == "letter"


@given(st.sampled_from(["a4", "letter"]), st.text(max_size=40), st.sampled_from(LANGUAGES))
def test_the_persons_choice_always_wins(choice, place, language) -> None:
    assert paper_for(choice, job_location=place, job_language=language) == choice


def _near(length: int, expected: int) -> bool:
    return abs(length - expected) < Mm(0.5)  # Word stores twentieths of a point


def _pdf_size(content: bytes) -> tuple[int, int]:
    box = PdfReader(io.BytesIO(content)).pages[0].mediabox
    return round(float(box.width)), round(float(box.height))


def _berlin_resume():
    resume = sample_resume()
    contact = resume.personal.contact.model_copy(update={"location": "Berlin, Germany"})
    personal = resume.personal.model_copy(update={"contact": Contact.model_validate(
        contact.model_dump())})
    return resume.model_copy(update={"personal": personal})


@pytest.mark.parametrize("look", ["classic", "modern"])
def test_resume_pdf_paper_follows_the_person_or_the_choice(look: str) -> None:
    assert _pdf_size(render_pdf(sample_resume(), ExportOptions(pdf_look=look))) == LETTER_POINTS
    assert _pdf_size(render_pdf(_berlin_resume(), ExportOptions(pdf_look=look))) == A4_POINTS
    chosen = ExportOptions(pdf_look=look, paper="letter")
    assert _pdf_size(render_pdf(_berlin_resume(), chosen)) == LETTER_POINTS


@pytest.mark.parametrize("layout", ["ats", "plain"])
def test_word_paper_and_right_margin_tab_follow_the_paper(layout: str) -> None:
    document = docx.Document(io.BytesIO(
        render_docx(sample_resume(), ExportOptions(word_layout=layout, paper="a4"))))
    section = document.sections[0]
    assert _near(section.page_width, Mm(210)) and _near(section.page_height, Mm(297))
    stops = [stop.position for p in document.paragraphs for stop in p.paragraph_format.tab_stops]
    assert stops and all(_near(stop, Mm(210) - Inches(1)) for stop in stops)


def _french_letter():
    return sample_cover_letter().model_copy(update={
        "language": "fr", "company_location": "Lyon, France", "date": dt.date(2026, 12, 4)})


def test_a_french_letter_is_dated_in_french_on_a4_in_every_format() -> None:
    letter = _french_letter()
    pdf = render_cover_letter_pdf(letter)
    assert _pdf_size(pdf) == A4_POINTS
    assert "4 décembre 2026" in PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    for layout in ("ats", "plain"):
        document = docx.Document(io.BytesIO(render_cover_letter_docx(letter, layout)))
        assert "4 décembre 2026" in [p.text for p in document.paragraphs]
        assert _near(document.sections[0].page_width, Mm(210))
    markdown = write_cover_letter_markdown(letter)
    assert "4 décembre 2026" in markdown and "December" not in markdown


def test_a_letter_to_a_us_company_stays_on_letter_paper_unless_chosen() -> None:
    letter = sample_cover_letter().model_copy(update={"company_location": "Austin, TX"})
    assert _pdf_size(render_cover_letter_pdf(letter)) == LETTER_POINTS
    assert _pdf_size(render_cover_letter_pdf(letter, paper="a4")) == A4_POINTS
