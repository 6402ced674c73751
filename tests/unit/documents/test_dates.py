"""Month dates as people write them (RESUME_FORMAT.md section 5)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from documents.dates import parse_month, read_iso_month, read_month
from documents.model import Month, ends_before

APRIL_2020 = Month(year=2020, month=4)


@pytest.mark.parametrize("text", ["04/2020", "4/2020", "2020-04", "April 2020", "april 2020",
                                  "Apr 2020", "APR. 2020", "April, 2020", " 04 / 2020 "])
def test_accepted_forms_read_as_the_same_month(text: str) -> None:
    assert read_month(text, source=f"`Start date: {text}`", line=3) == (APRIL_2020, [])


def test_september_has_its_common_four_letter_abbreviation() -> None:
    assert parse_month("Sept 2018") == Month(year=2018, month=9)


@pytest.mark.parametrize("word", ["Present", "current", "NOW"])
def test_present_words_mean_no_end(word: str) -> None:
    assert read_month(word, source="`End date`", line=9, allow_present=True) == (None, [])
    assert parse_month(word) is None


def test_present_is_refused_where_an_end_makes_no_sense() -> None:
    month, problems = read_month("Present", source="`Start date: Present`", line=5)
    assert month is None
    assert str(problems[0]) == ("line 5: `Start date: Present`: only an end date may be "
                                "Present; use MM/YYYY")


def test_a_year_alone_stays_a_year_with_no_month_invented() -> None:
    start, start_problems = read_month("2014", source="`Start date: 2014`", line=4)
    end, end_problems = read_month("2014", source="`End date: 2014`", line=5, year_only="end")
    assert start == end == Month(year=2014)
    assert (start_problems, end_problems) == ([], [])
    assert (str(start), start.label, start.iso) == ("2014", "2014", "2014")
    assert parse_month("2014") == Month(year=2014)
    assert read_iso_month("2014", source="certificates[0].date") == (Month(year=2014), [])


def test_a_year_alone_spans_its_year_when_checking_order() -> None:
    year = Month(year=2020)
    assert not ends_before(year, year)
    assert not ends_before(Month(year=2020, month=3), year)  # "2020 - 03/2020" is fine
    assert not ends_before(year, Month(year=2020, month=11))  # "11/2020 - 2020" is fine
    assert ends_before(Month(year=2019, month=12), year)
    assert ends_before(year, Month(year=2021, month=1))
    # Sorting: the year first, then its months.
    assert sorted([Month(year=2020, month=2), year, Month(year=2019)]) == [
        Month(year=2019), year, Month(year=2020, month=2)]


@pytest.mark.parametrize("text", ["13/2020", "00/2020", "2020/04", "Smarch 2020", "04/20",
                                  "04/1850", "2020-13", "next year", "", "٠٤/٢٠٢٠"])
def test_anything_else_is_an_error_naming_the_line_and_the_fix(text: str) -> None:
    month, problems = read_month(text, source=f"`End date: {text}`", line=57, year_only="end")
    assert month is None
    assert [str(p) for p in problems] == [f"line 57: `End date: {text}` is not a month; "
                                          "use MM/YYYY"]
    with pytest.raises(ValueError, match="is not a month"):
        parse_month(text)


@pytest.mark.parametrize(("text", "expected"), [("2020-04-30", APRIL_2020), ("2020-04", APRIL_2020),
                                                ("Apr 2020", APRIL_2020)])
def test_json_resume_dates_drop_the_day(text: str, expected: Month) -> None:
    assert read_iso_month(text, source="work[0].startDate") == (expected, [])


def test_json_resume_bad_date_names_its_path() -> None:
    month, problems = read_iso_month("2020-02-31x", source="work[2].endDate `2020-02-31x`")
    assert month is None
    assert str(problems[0]) == "work[2].endDate `2020-02-31x` is not a date; use YYYY-MM"


@given(st.integers(1900, 2200), st.integers(1, 12))
def test_canonical_form_reads_back(year: int, month: int) -> None:
    written = str(Month(year=year, month=month))
    assert parse_month(written) == Month(year=year, month=month)
