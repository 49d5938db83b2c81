"""Turning what a person types (`due=6mo`, `status=achieved`, `addresses=n1,n2`) into typed field values."""

from __future__ import annotations

import datetime as dt
from typing import Any

from casefile.dates import parse_date, parse_datetime, parse_duration
from casefile.errors import InvalidValue
from casefile.model import Field


def did_you_mean(word: str, choices) -> str | None:
    import difflib  # only on the error path

    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"did you mean {close[0]}?" if close else None


def number(text: str) -> Any:
    """An int or float where the text is one, else the text: `3` -> 3, `2.5` -> 2.5, `ten` -> "ten"."""
    try:
        return int(text)
    except ValueError:
        try:
            return float(text)
        except ValueError:
            return text


def coerce(spec: Field, raw: str, today: dt.date | None = None) -> Any:
    """The value of `raw` for field `spec`, checked against its type and choices."""
    text = raw.strip()
    if spec.choices and text not in spec.choices:
        hint = did_you_mean(text, spec.choices) or "use " + " | ".join(spec.choices)
        raise InvalidValue(f"{spec.name} cannot be {text!r}", hint)
    if spec.type == "date":
        return parse_date(text, today, what=f"date for {spec.name}")
    if spec.type == "datetime":
        return parse_datetime(text, what=f"date and time for {spec.name}")
    if spec.type == "duration":
        parse_duration(text)
        return text
    if spec.type == "list":
        return [p.strip() for p in text.split(",") if p.strip()]
    if spec.type == "int":
        return int(text)
    if spec.type == "map":
        raise InvalidValue(f"{spec.name} has parts: set them one by one, such as {spec.name}.target=1")
    return text


def parse_assignment(item: str, fields: dict[str, Field], today: dt.date | None = None) -> tuple[list[str], Any]:
    """`field=value` or `field.part=value` -> (path, value)."""
    if "=" not in item:
        raise InvalidValue(f"{item!r} is not field=value", "for example status=achieved or due=2027-05-01")
    key, raw = item.split("=", 1)
    path = key.strip().split(".")
    spec = fields.get(path[0])
    if spec is None:
        hint = did_you_mean(path[0], fields) or "fields: " + ", ".join(fields)
        raise InvalidValue(f"unknown field {path[0]!r}", hint)
    if path[0] in ("kind", "id", "client"):
        raise InvalidValue(f"{path[0]} cannot be changed")
    if len(path) > 1:
        if spec.type != "map":
            raise InvalidValue(f"{path[0]} has no parts")
        return path, number(raw.strip())
    return path, coerce(spec, raw, today)
