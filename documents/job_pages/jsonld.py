"""schema.org ``JobPosting`` data embedded in a page (``<script type="application/ld+json">``).

Job boards publish it for search engines, so it is the posting as the employer entered it:
details in named fields, the description as HTML. Pages wrap it in many shapes (a list, an
``@graph``, a type given as a list, entity-escaped HTML); all of them are read here.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from lxml import etree

from documents.job_pages.html_text import fragment_text
from documents.job_pages.model import PagePosting, one_line

READ_FROM = "the page's schema.org JobPosting data"
_MAX_DEPTH = 6
_UNITS = {"HOUR": "an hour", "DAY": "a day", "WEEK": "a week", "MONTH": "a month",
          "YEAR": "a year"}


def jsonld_posting(tree: etree._Element) -> PagePosting | None:
    """The first JobPosting with a description on the page, or None."""
    for script in tree.iterfind(".//script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        try:
            data = json.loads(script.text or "", strict=False)
        except ValueError:
            continue  # a broken block is common and says nothing about the others
        for item in _objects(data, 0):
            if _is_job_posting(item):
                posting = _posting(item)
                if posting is not None:
                    return posting
    return None


def _objects(data: Any, depth: int) -> Iterator[dict[str, Any]]:
    if depth > _MAX_DEPTH:
        return
    if isinstance(data, list):
        for item in data:
            yield from _objects(item, depth + 1)
    elif isinstance(data, dict):
        yield data
        graph = data.get("@graph")
        if graph is not None:
            yield from _objects(graph, depth + 1)


def _is_job_posting(item: dict[str, Any]) -> bool:
    kind = item.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return any(isinstance(k, str) and k.rsplit("/", 1)[-1] == "JobPosting" for k in kinds)


def _posting(item: dict[str, Any]) -> PagePosting | None:
    description = item.get("description")
    text = fragment_text(description) if isinstance(description, str) else ""
    if not text:
        return None
    return PagePosting(
        description=text,
        title=one_line(item.get("title")),
        company=_name(item.get("hiringOrganization")),
        location=_location(item),
        date_posted=one_line(item.get("datePosted"), 40),
        employment_type=_employment(item.get("employmentType")),
        salary=_salary(item.get("baseSalary")),
        reference=_reference(item.get("identifier")),
        read_from=READ_FROM,
    )


def _first(value: Any) -> Any:
    return value[0] if isinstance(value, list) and value else value


def _name(value: Any) -> str | None:
    value = _first(value)
    return one_line(value.get("name")) if isinstance(value, dict) else one_line(value)


def _place(value: Any) -> str | None:
    if not isinstance(value, dict):
        return one_line(value)
    address = value.get("address")
    if isinstance(address, dict):
        country = address.get("addressCountry")
        parts = [address.get("addressLocality"), address.get("addressRegion"),
                 _name(country) if isinstance(country, dict) else country]
        found = [p for p in (one_line(part) for part in parts) if p]
        if found:
            return ", ".join(dict.fromkeys(found))
    return one_line(address) or one_line(value.get("name"))


def _location(item: dict[str, Any]) -> str | None:
    places = item.get("jobLocation")
    places = places if isinstance(places, list) else [places]
    found = [p for p in (_place(place) for place in places[:5]) if p]
    remote = str(item.get("jobLocationType") or "").upper() == "TELECOMMUTE"
    if remote:
        found.append("Remote")
    return one_line("; ".join(dict.fromkeys(found))) if found else None


def _employment(value: Any) -> str | None:
    values = value if isinstance(value, list) else [value]
    words = [one_line(v) for v in values]
    shown = [w.replace("_", " ").lower().capitalize() if w.isupper() else w
             for w in words if w]
    return ", ".join(shown) or None


def _amount(value: Any) -> str | None:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"{value:,}" if isinstance(value, int) else one_line(value, 40)


def _salary(value: Any) -> str | None:
    value = _first(value)
    if not isinstance(value, dict):
        return one_line(value)
    currency = one_line(value.get("currency"), 10) or ""
    amount = value.get("value")
    unit = ""
    if isinstance(amount, dict):
        unit = _UNITS.get(str(amount.get("unitText") or "").upper(), "")
        low, high = _amount(amount.get("minValue")), _amount(amount.get("maxValue"))
        single = _amount(amount.get("value"))
        shown = f"{low} to {high}" if low and high else (low or high or single)
    else:
        shown = _amount(amount)
    if not shown:
        return None
    return " ".join(part for part in (currency, shown, unit) if part)


def _reference(value: Any) -> str | None:
    value = _first(value)
    return one_line(value.get("value"), 80) if isinstance(value, dict) else one_line(value, 80)
