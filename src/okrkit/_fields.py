"""The checks every boundary shares: model fields and public arguments.

Each check takes the name the caller knows the value by (``"KeyResult.weight"``,
``"score(as_of)"``), the value, and what it may be; it returns the value in its
one accepted form or raises :class:`~okrkit.exceptions.InvalidTypeError` or
:class:`~okrkit.exceptions.InvalidValueError` naming the field, the value and
what was expected. A model field names its check once, in a one-line converter
next to its class::

    def _keyresult_weight(value: object) -> float:
        return number("KeyResult.weight", value, minimum=0)

(mypy's attrs plugin types a converter only when it is a function defined with
``def``; a converter made by a factory, or a lambda, leaves ``__init__`` untyped.)
Such a converter is one plain call per value, and ``__init__`` takes what the
check accepts (``direction="increase"``, ``target="26 day"``). :func:`checked`
names the field from its class for settings that all have defaults (the
thresholds, a simulation's settings): mypy types their ``__init__`` by the
fields' annotations, every argument optional and positional, which a model
class's required, keyword-only and widely accepted arguments cannot be.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import os
import re
from collections.abc import Callable, Iterable, Sequence
from enum import Enum
from typing import Any, TypeVar

import attrs

from okrkit.exceptions import InvalidTypeError, InvalidValueError


E = TypeVar("E", bound=Enum)
T = TypeVar("T")

_ID = re.compile(r"^[^\s/]+$")
MAX_ID_CHARS = 128
"""The longest id: ids are repeated in every finding, score and graph about
their objective or key result, so one must not make output grow without bound."""


def characters(name: str, value: str) -> str:
    """*value*, if it is made of characters: a lone surrogate (what a JSON
    ``\\ud800`` escape makes) is no character, and no file or screen can hold it.
    UTF-8 refuses surrogates and nothing else, so its codec finds them: a pattern
    of the 2,048 surrogates took 2.3 million instructions to compile in every process."""
    if not value.isascii():
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise InvalidValueError(
                name, value, "text made of characters, without a lone surrogate like \\ud800"
            ) from None
    return value


# --- numbers ---------------------------------------------------------------------------------


def as_float(value: float) -> float:
    """*value* as a float; a whole number too large for one (JSON and TOML allow
    thousands of digits) becomes an infinity, which callers refuse as not finite,
    rather than an OverflowError."""
    try:
        return float(value)
    except OverflowError:
        return math.inf if value > 0 else -math.inf


def number(
    name: str, value: object, *, minimum: float | None = None, maximum: float | None = None
) -> float:
    """A finite float, optionally bounded (inclusive); an int too large for a float
    (``10**400``) is out of range, not an OverflowError."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise InvalidTypeError(name, value, "a number")
    figure = as_float(value)
    if not math.isfinite(figure):
        raise InvalidValueError(name, value, "a finite number")
    if (minimum is not None and figure < minimum) or (maximum is not None and figure > maximum):
        raise InvalidValueError(name, value, _range_text(minimum, maximum))
    return figure


def optional_number(
    name: str, value: object, *, minimum: float | None = None, maximum: float | None = None
) -> float | None:
    """:func:`number`, or ``None``."""
    return None if value is None else number(name, value, minimum=minimum, maximum=maximum)


def finite(
    name: str, *, minimum: float | None = None, maximum: float | None = None
) -> Callable[[object], float]:
    """:func:`number` for one field, as a one-argument converter."""
    return functools.partial(number, name, minimum=minimum, maximum=maximum)


def checked(
    check: Callable[[str], Callable[[object], T]],
    *,
    default: T,
    label: str = "{cls}.{field}",
) -> T:
    """An attrs field whose value *check* converts, typed as what it holds.

    *check* is a converter factory (like :func:`finite`) given the field's name
    as errors show it, *label* filled in (``Class.field`` by default), so the
    name is written once, where the field is. The name is worked out once for
    each class, when the first value is converted.
    """
    bound: dict[type, Callable[[object], T]] = {}

    def convert(value: object, instance: object, field: attrs.Attribute[T]) -> T:
        convert_one = bound.get(type(instance))
        if convert_one is None:
            name = label.format(cls=type(instance).__name__, field=field.name)
            convert_one = bound[type(instance)] = check(name)
        return convert_one(value)

    converter = attrs.Converter(convert, takes_self=True, takes_field=True)
    return attrs.field(default=default, converter=converter)


def whole(name: str, value: object, *, minimum: int, maximum: int) -> int:
    """An int from *minimum* to *maximum* (a year, a quarter, a count, an index)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidTypeError(name, value, "a whole number")
    if not minimum <= value <= maximum:
        raise InvalidValueError(name, value, f"a whole number from {minimum} to {maximum}")
    return value


def json_indent(name: str, value: object) -> int | None:
    """How many spaces JSON output indents by: None (one line) or 0 to 8."""
    return None if value is None else whole(name, value, minimum=0, maximum=8)


def _range_text(minimum: float | None, maximum: float | None) -> str:
    if minimum is not None and maximum is not None:
        return f"a number from {minimum:g} to {maximum:g}"
    if minimum is not None:
        return "a number ≥ 0" if minimum == 0 else f"a number ≥ {minimum:g}"
    return f"a number ≤ {maximum:g}"


# --- choices, flags and types ------------------------------------------------------------------


def member(name: str, value: object, cls: type[E]) -> E:
    """A member of the enum *cls*, or its value."""
    if isinstance(value, cls):
        return value
    try:
        return cls(value)
    except (ValueError, TypeError):
        choices = " | ".join(str(m.value) for m in cls)
        raise InvalidValueError(name, value, f"one of {choices}") from None


def optional_member(name: str, value: object, cls: type[E]) -> E | None:
    """:func:`member`, or ``None``."""
    return None if value is None else member(name, value, cls)


def flag(name: str, value: object) -> bool:
    """``True`` or ``False``, never a truthy string like ``"yes"``."""
    if not isinstance(value, bool):
        raise InvalidTypeError(name, value, "True or False")
    return value


def optional_flag(name: str, value: object) -> bool | None:
    """:func:`flag`, or ``None`` (left as it is)."""
    return None if value is None else flag(name, value)


def of_type(name: str, value: object, cls: type[T], expected: str) -> T:
    """*value*, if it is a *cls*; *expected* says what that is to a reader."""
    if not isinstance(value, cls):
        raise InvalidTypeError(name, value, expected)
    return value


def optional_of_type(name: str, value: object, cls: type[T], expected: str) -> T | None:
    """:func:`of_type`, or ``None``."""
    return None if value is None else of_type(name, value, cls, expected)


def function(name: str, value: object) -> Callable[..., Any]:
    """Something okrkit will call (a rule's check, a memo's computation)."""
    if not callable(value):
        raise InvalidTypeError(name, value, "a function")
    return value


def field_of(cls: type[T], expected: str) -> Callable[[Any, Any, T], None]:
    """An attrs validator: the field holds a *cls* (named ``Class.field`` when not)."""

    def validate(instance: Any, attribute: Any, value: T) -> None:
        if not isinstance(value, cls):
            raise InvalidTypeError(f"{type(instance).__name__}.{attribute.name}", value, expected)

    return validate


boolean = field_of(bool, "True or False")
"""An attrs validator for a field that is ``True`` or ``False``."""


# --- dates ---------------------------------------------------------------------------------


def to_date(name: str, value: object) -> dt.date:
    """A calendar date; ISO text (``2026-03-31``) is accepted."""
    if isinstance(value, dt.datetime):
        raise InvalidTypeError(name, value, "a date without a time; use .date()")
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        return parse_iso_date(name, value)
    raise InvalidTypeError(name, value, "a date like 2026-03-31")


def optional_date(name: str, value: object) -> dt.date | None:
    """:func:`to_date`, or ``None``."""
    return None if value is None else to_date(name, value)


_ISO_DATE = r"^(\d{4})-(\d{2})-(\d{2})$"


def parse_iso_date(name: str, text: str) -> dt.date:
    match = re.match(_ISO_DATE, text.strip())
    if match is None:
        raise InvalidValueError(name, text, "a date like 2026-03-31")
    year, month, day = (int(g) for g in match.groups())
    try:
        return dt.date(year, month, day)
    except ValueError as exc:
        raise InvalidValueError(name, text, f"a date that exists ({exc})") from None


# --- text ----------------------------------------------------------------------------------


def text(name: str, value: object, *, allow_empty: bool = False) -> str:
    """Stripped text."""
    if not isinstance(value, str):
        raise InvalidTypeError(name, value, "text")
    stripped = characters(name, value).strip()
    if not stripped and not allow_empty:
        raise InvalidValueError(name, value, "non-empty text")
    return stripped


def optional_text(name: str, value: object) -> str | None:
    """:func:`text`, or ``None`` for ``None`` and blank text."""
    if value is None:
        return None
    if isinstance(value, str) and not value.strip():
        return None
    return text(name, value)


def identifier(name: str, value: object) -> str | None:
    """An id (text without spaces or slashes; a whole number is read as text), or ``None``."""
    if value is None:
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        try:
            value = str(value)
        except ValueError:  # more digits than Python turns into text
            raise InvalidValueError(name, value, "an id like meta-q1") from None
    if not isinstance(value, str):
        raise InvalidTypeError(name, value, "an id like meta-q1")
    stripped = characters(name, value).strip()
    if not _ID.match(stripped):
        raise InvalidValueError(name, value, "an id without spaces or '/', like meta-q1")
    _short_ids(name, value, (stripped,), "meta-q1")
    return stripped


def id_reference(name: str, value: object) -> str:
    """What a link's end names: an id, or ``objective-id/kr-id`` where a bare key
    result id would be ambiguous; each id at most :data:`MAX_ID_CHARS` characters."""
    stripped = text(name, value)
    ids = stripped.split("/")
    example = "meta-q1/pipeline"
    if len(ids) > 2 or not all(_ID.match(part) for part in ids):
        raise InvalidValueError(
            name, value, f"an id or objective-id/kr-id without spaces, like {example}"
        )
    _short_ids(name, value, ids, example)
    return stripped


def _short_ids(name: str, value: object, ids: Sequence[str], example: str) -> None:
    """Refuse *value* if one of its *ids* is longer than :data:`MAX_ID_CHARS`."""
    longest = max(len(part) for part in ids)
    if longest > MAX_ID_CHARS:
        what, which, which_es = (
            ("an id", "this one", "este")
            if len(ids) == 1
            else ("ids", "the longer one", "el más largo")
        )
        raise InvalidValueError(
            name,
            value,
            f"{what} of at most {MAX_ID_CHARS} characters, like {example}",
            hint=f"{which} has {longest:,} characters",
            hint_es=f"{which_es} tiene {longest:,} caracteres",
        )


_CURRENCY = re.compile(r"[A-Z]{3}")


def currency_code(name: str, value: object) -> str:
    """An ISO 4217 code (``USD``, ``EUR``): what ``$`` means in a plan's statements."""
    if not isinstance(value, str) or not _CURRENCY.fullmatch(value.strip()):
        raise InvalidValueError(name, value, "an ISO 4217 code like USD or EUR")
    return value.strip()


def file_path(name: str, value: object) -> str:
    """A file's path as text, from text or a ``pathlib.Path``."""
    if isinstance(value, os.PathLike):
        value = os.fspath(value)
    if not isinstance(value, str):
        raise InvalidTypeError(name, value, "a file path (text or a pathlib.Path)")
    return value


# --- collections -------------------------------------------------------------------------------


def tuple_of(
    name: str, value: object, cls: type[T], coerce: Callable[[Any], T] | None = None
) -> tuple[T, ...]:
    """A tuple of *cls* from any iterable but text; *coerce* turns other items into
    one, or raises."""
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


def rule_ids(name: str, value: object) -> tuple[str, ...]:
    """Rule ids as a tuple of text; one id may be given alone."""
    if isinstance(value, str):
        value = (value,)
    if not isinstance(value, Iterable) or isinstance(value, bytes):
        raise InvalidTypeError(name, value, "a list of rule ids")
    out = []
    for item in value:
        if not isinstance(item, str) or not item.strip():
            raise InvalidValueError(name, item, "a rule id like missing-owner")
        out.append(item.strip())
    return tuple(out)
