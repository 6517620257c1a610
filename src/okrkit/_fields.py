"""Converters and validators for model fields.

Each factory takes the field's full name (``"KeyResult.weight"``) so that a
broken invariant names the field, the value and what was expected.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Iterable
from enum import Enum
from typing import Any, TypeVar

import attrs

from okrkit.exceptions import InvalidTypeError, InvalidValueError


E = TypeVar("E", bound=Enum)
T = TypeVar("T")

_ID = re.compile(r"^[^\s/]+$")
_SURROGATE = re.compile("[\ud800-\udfff]")


def characters(name: str, value: str) -> str:
    """*value*, if it is made of characters: a lone surrogate (what a JSON
    ``\\ud800`` escape makes) is no character, and no file or screen can hold it."""
    if _SURROGATE.search(value):
        raise InvalidValueError(
            name, value, "text made of characters, without a lone surrogate like \\ud800"
        )
    return value


def as_float(value: float) -> float:
    """*value* as a float; a whole number too large for one (JSON and TOML allow
    thousands of digits) becomes an infinity, which callers refuse as not finite,
    rather than an OverflowError."""
    try:
        return float(value)
    except OverflowError:
        return math.inf if value > 0 else -math.inf


def finite(
    name: str, *, minimum: float | None = None, maximum: float | None = None
) -> Callable[[object], float]:
    """A converter to a finite float, optionally bounded (inclusive)."""

    def convert(value: object) -> float:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise InvalidTypeError(name, value, "a number")
        number = as_float(value)
        if not math.isfinite(number):
            raise InvalidValueError(name, value, "a finite number")
        if minimum is not None and number < minimum:
            raise InvalidValueError(name, value, _range_text(minimum, maximum))
        if maximum is not None and number > maximum:
            raise InvalidValueError(name, value, _range_text(minimum, maximum))
        return number

    return convert


def checked(check: Callable[[str], Callable[[object], T]], *, default: T) -> T:
    """An attrs field whose value *check* converts, typed as what it holds.

    *check* is a converter factory (like :func:`finite`) given the field's full
    name, ``Class.field``, so the name is written once, where the field is.
    """
    made: dict[str, Callable[[object], T]] = {}

    def convert(value: object, instance: object, field: attrs.Attribute[T]) -> T:
        name = f"{type(instance).__name__}.{field.name}"
        found = made.get(name)
        if found is None:
            found = made[name] = check(name)
        return found(value)

    converter = attrs.Converter(convert, takes_self=True, takes_field=True)
    return attrs.field(default=default, converter=converter)


def optional_finite(
    name: str, *, minimum: float | None = None, maximum: float | None = None
) -> Callable[[object], float | None]:
    inner = finite(name, minimum=minimum, maximum=maximum)

    def convert(value: object) -> float | None:
        return None if value is None else inner(value)

    return convert


def _range_text(minimum: float | None, maximum: float | None) -> str:
    if minimum is not None and maximum is not None:
        return f"a number from {minimum:g} to {maximum:g}"
    if minimum is not None:
        return "a number ≥ 0" if minimum == 0 else f"a number ≥ {minimum:g}"
    return f"a number ≤ {maximum:g}"


def enum(name: str, cls: type[E]) -> Callable[[object], E]:
    """A converter that accepts an enum member or its value."""
    choices = " | ".join(str(m.value) for m in cls)

    def convert(value: object) -> E:
        if isinstance(value, cls):
            return value
        try:
            return cls(value)
        except ValueError:
            raise InvalidValueError(name, value, f"one of {choices}") from None

    return convert


def optional_enum(name: str, cls: type[E]) -> Callable[[object], E | None]:
    inner = enum(name, cls)

    def convert(value: object) -> E | None:
        return None if value is None else inner(value)

    return convert


def to_date(name: str) -> Callable[[object], dt.date]:
    """A converter to a calendar date; ISO text (``2026-03-31``) is accepted."""

    def convert(value: object) -> dt.date:
        if isinstance(value, dt.datetime):
            raise InvalidTypeError(name, value, "a date without a time; use .date()")
        if isinstance(value, dt.date):
            return value
        if isinstance(value, str):
            return parse_iso_date(name, value)
        raise InvalidTypeError(name, value, "a date like 2026-03-31")

    return convert


def optional_date(name: str) -> Callable[[object], dt.date | None]:
    inner = to_date(name)

    def convert(value: object) -> dt.date | None:
        return None if value is None else inner(value)

    return convert


_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


def parse_iso_date(name: str, text: str) -> dt.date:
    match = _ISO_DATE.match(text.strip())
    if match is None:
        raise InvalidValueError(name, text, "a date like 2026-03-31")
    year, month, day = (int(g) for g in match.groups())
    try:
        return dt.date(year, month, day)
    except ValueError as exc:
        raise InvalidValueError(name, text, f"a date that exists ({exc})") from None


def text(name: str, *, allow_empty: bool = False) -> Callable[[object], str]:
    """A converter to stripped text."""

    def convert(value: object) -> str:
        if not isinstance(value, str):
            raise InvalidTypeError(name, value, "text")
        stripped = characters(name, value).strip()
        if not stripped and not allow_empty:
            raise InvalidValueError(name, value, "non-empty text")
        return stripped

    return convert


def optional_text(name: str) -> Callable[[object], str | None]:
    inner = text(name)

    def convert(value: object) -> str | None:
        if value is None:
            return None
        if isinstance(value, str) and not value.strip():
            return None
        return inner(value)

    return convert


def identifier(name: str) -> Callable[[object], str | None]:
    """A converter for ids: text without spaces or slashes."""

    def convert(value: object) -> str | None:
        if value is None:
            return None
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            raise InvalidTypeError(name, value, "an id like meta-q1")
        stripped = characters(name, value).strip()
        if not _ID.match(stripped):
            raise InvalidValueError(name, value, "an id without spaces or '/', like meta-q1")
        return stripped

    return convert


def tuple_of(
    name: str, cls: type[T], coerce: Callable[[Any], T] | None = None
) -> Callable[[object], tuple[T, ...]]:
    """A converter from any iterable (not a string) to a tuple of ``cls``."""

    def convert(value: object) -> tuple[T, ...]:
        if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
            raise InvalidTypeError(name, value, f"a sequence of {cls.__name__}")
        items = []
        for index, item in enumerate(value):
            if isinstance(item, cls):
                items.append(item)
            elif coerce is None:
                raise InvalidTypeError(f"{name}[{index}]", item, cls.__name__)
            else:
                items.append(coerce(item))
        return tuple(items)

    return convert


def rule_ids(name: str) -> Callable[[object], tuple[str, ...]]:
    """A converter for ``ignore`` lists: rule ids as a tuple of text."""

    def convert(value: object) -> tuple[str, ...]:
        if isinstance(value, str):
            value = (value,)
        if not isinstance(value, Iterable):
            raise InvalidTypeError(name, value, "a list of rule ids")
        out = []
        for item in value:
            if not isinstance(item, str) or not item.strip():
                raise InvalidValueError(name, item, "a rule id like missing-owner")
            out.append(item.strip())
        return tuple(out)

    return convert
