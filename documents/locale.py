"""What a document's language and place decide: how its date is written and its paper size.

A French letter is dated "4 décembre 2026", not "December 4, 2026"; a resume sent to Berlin
prints on A4, one sent to Austin on US Letter. Only the languages the cover letter is written in
are spelled out here; any other falls back to English, which is what the letter's text is in then.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Literal

Paper = Literal["a4", "letter"]
PaperChoice = Literal["auto", "a4", "letter"]

_MONTHS = {
    "en": ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"),
    "fr": ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
           "octobre", "novembre", "décembre"),
    "es": ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
           "septiembre", "octubre", "noviembre", "diciembre"),
    "de": ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September",
           "Oktober", "November", "Dezember"),
    "it": ("gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto",
           "settembre", "ottobre", "novembre", "dicembre"),
    "pt": ("janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto",
           "setembro", "outubro", "novembro", "dezembro"),
    "nl": ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
           "september", "oktober", "november", "december"),
}


# A language given by its name (a model sometimes answers "French" where a code was asked).
_NAMED_LANGUAGES = {
    "english": "en", "french": "fr", "français": "fr", "spanish": "es", "español": "es",
    "german": "de", "deutsch": "de", "italian": "it", "italiano": "it", "portuguese": "pt",
    "português": "pt", "dutch": "nl", "nederlands": "nl",
}


def language_code(language: str | None) -> str:
    """``"fr"`` from ``"fr"``, ``"fr-CA"`` or ``"French"``; ``"en"`` when unknown."""
    if not language:
        return "en"
    text = language.strip().casefold()
    code = _NAMED_LANGUAGES.get(text, _base_language(text))
    return code if code in _MONTHS else "en"


def _base_language(language: str) -> str:
    return re.split(r"[-_]", language.strip().casefold())[0]


def long_date(day: dt.date, language: str | None = None) -> str:
    """The date as a letter in that language writes it."""
    code = language_code(language)
    month = _MONTHS[code][day.month - 1]
    if code == "en":
        return f"{month} {day.day}, {day.year}"
    if code == "fr":
        return f"{'1er' if day.day == 1 else day.day} {month} {day.year}"
    if code in ("es", "pt"):
        return f"{day.day} de {month} de {day.year}"
    if code == "de":
        return f"{day.day}. {month} {day.year}"
    return f"{day.day} {month} {day.year}"


# US Letter is the paper of the United States and Canada (and a few of their neighbours); A4
# everywhere else. A place is read from its most specific part: a region code ("Austin, TX",
# "Toronto, ON", "Remote (US)") first, then a country or region name, then a few large cities.
_LETTER_CODES = frozenset({
    "US", "USA", "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA", "HI", "ID", "IL",
    "IN", "IA", "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV",
    "NH", "NJ", "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX",
    "UT", "VT", "VA", "WA", "WV", "WI", "WY", "DC", "AB", "BC", "MB", "NB", "NL", "NS", "NT",
    "NU", "ON", "PE", "QC", "SK", "YT"
})
_A4_CODES = frozenset({
    "UK", "GB", "EU", "EMEA", "APAC", "FR", "ES", "IT", "PT", "NL", "IE", "CH", "AT", "BE", "SE",
    "NO", "DK", "FI", "PL", "CZ", "AU", "NZ", "SG", "JP", "CN", "HK", "BR", "AR", "ZA", "IL",
    "AE", "LU"
})
_LETTER_NAMES = re.compile(
    r"\b(united states|america|canada|ontario|qu[ée]bec|british columbia|alberta|mexico|"
    r"m[ée]xico|philippines|chile|colombia|venezuela|puerto rico|new york|california|texas)\b",
    re.IGNORECASE)
_A4_NAMES = re.compile(
    r"\b(united kingdom|england|scotland|wales|ireland|france|germany|deutschland|spain|"
    r"espa[ñn]a|italy|italia|portugal|netherlands|nederland|belgium|belgique|switzerland|"
    r"schweiz|suisse|austria|[öo]sterreich|sweden|norway|denmark|finland|poland|india|"
    r"australia|new zealand|singapore|japan|china|brazil|brasil|argentina|south africa|"
    r"israel|europe|london|paris|berlin|munich|m[üu]nchen|hamburg|madrid|barcelona|amsterdam|"
    r"dublin|z[üu]rich|geneva|gen[èe]ve|vienna|wien|stockholm|copenhagen|oslo|helsinki|"
    r"warsaw|lisbon|lisboa|milan|milano|rome|roma|bangalore|bengaluru|sydney|melbourne)\b",
    re.IGNORECASE)


def _paper_of_place(place: str | None) -> Paper | None:
    if not place:
        return None
    # Upper case only: the German "Berlin, de" of a careless location is not Delaware.
    for code in reversed(re.findall(r"\b[A-Z]{2,4}\b", place)):
        if code in _LETTER_CODES:
            return "letter"
        if code in _A4_CODES:
            return "a4"
    if _LETTER_NAMES.search(place):
        return "letter"
    if _A4_NAMES.search(place):
        return "a4"
    return None


def paper_for(
    choice: PaperChoice = "auto", *, job_location: str | None = None,
    job_language: str | None = None, own_location: str | None = None,
) -> Paper:
    """The paper a document prints on: the person's explicit choice, else the job's country,
    else the job's language (a posting not in English is from outside North America often
    enough), else the person's own country, else US Letter as before."""
    if choice != "auto":
        return choice
    by_job = _paper_of_place(job_location)
    if by_job is not None:
        return by_job
    if job_language and _base_language(job_language) not in ("en", ""):
        return "a4"
    return _paper_of_place(own_location) or "letter"
