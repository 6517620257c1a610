"""Periods: explicit date ranges, and the calendar that names them.

A period is always a pair of dates (both inclusive). Labels such as
``2026-Q1``, ``FY2027-Q2`` or ``primer trimestre 2026`` are read by a
:class:`Calendar`, which knows when the fiscal year starts. Arithmetic is done
on dates with :mod:`dateutil.relativedelta`, never with durations.

:class:`CalendarBase` is what every calendar shares (this one, the retail one
and the cycle one): reading a label into a :class:`~okrkit._period_words.Name`,
building its dates, and saying it in English or Spanish.
"""

from __future__ import annotations

import datetime as dt
import functools
import inspect
import re
import unicodedata
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar, Concatenate, Literal, ParamSpec, TypeVar

import attrs
from dateutil.relativedelta import relativedelta

from okrkit._fields import field_of, number, of_type, optional_of_type, to_date, whole
from okrkit._period_words import Name, check_lang, phrase, span
from okrkit.exceptions import (
    InvalidTypeError,
    InvalidValueError,
    OkrkitError,
    PeriodError,
    _shown,
)


if TYPE_CHECKING:
    from okrkit._calendars import AnyCalendar


__all__ = [
    "GREGORIAN",
    "Calendar",
    "CalendarBase",
    "Period",
    "calendar_of",
    "numbered",
    "within_dates",
]

P = ParamSpec("P")
R = TypeVar("R")
C = TypeVar("C", bound="CalendarBase")

FORMS = (
    "2026, 2026-H2, 2026-Q1, 2026-03, 2026-W05, FY2027, FY2027-Q2, "
    "2026-01-15..2026-04-14, Q1 2026, primer trimestre 2026, T1 2026, segundo semestre 2026"
)


def _end_after_start(instance: Period, attribute: attrs.Attribute[dt.date], value: dt.date) -> None:
    if value < instance.start:
        raise InvalidValueError(
            "Period.end", value, f"a date on or after the start {instance.start.isoformat()}"
        )


def _period_start(value: object) -> dt.date:
    return to_date("Period.start", value)


def _period_end(value: object) -> dt.date:
    return to_date("Period.end", value)


@attrs.frozen(repr=False)
class Period:
    """A time box: every date from ``start`` to ``end``, both included.

    Two periods are equal when their dates are; the label is how it was named.
    """

    start: dt.date = attrs.field(converter=_period_start)
    end: dt.date = attrs.field(converter=_period_end, validator=_end_after_start)
    label: str | None = attrs.field(
        default=None, eq=False, validator=attrs.validators.optional(field_of(str, "text"))
    )

    @property
    def days(self) -> int:
        """How many days the period holds."""
        return (self.end - self.start).days + 1

    @property
    def stop(self) -> dt.date:
        """The first day after the period (the period is ``[start, stop)``)."""
        return self.end + dt.timedelta(days=1)

    def contains(self, other: dt.date | Period | str) -> bool:
        """Whether a date (or ISO date text), or a whole period, lies inside this one."""
        if isinstance(other, Period):
            return self.start <= other.start and other.end <= self.end
        return self.start <= to_date("Period.contains(other)", other) <= self.end

    def __contains__(self, other: object) -> bool:
        if isinstance(other, (dt.date, Period)):
            return self.contains(other)
        return False

    def overlaps(self, other: Period) -> bool:
        """Whether the two periods share at least one day."""
        of_type("Period.overlaps(other)", other, Period, "a Period")
        return self.start <= other.end and other.start <= self.end

    @classmethod
    def parse(cls, text: str, *, calendar: AnyCalendar | None = None) -> Period:
        """Read a period label with *calendar* (the Gregorian one by default)."""
        return calendar_of("Period.parse(calendar)", calendar).period(text)

    def describe(self, *, lang: str = "en", calendar: AnyCalendar | None = None) -> str:
        """The period in words (``Q1 2026``, ``1.er trimestre de 2026``), as *calendar*
        names it (the Gregorian one by default); see :meth:`CalendarBase.describe`."""
        return calendar_of("Period.describe(calendar)", calendar).describe(self, lang=lang)

    def __str__(self) -> str:
        return self.label or f"{self.start.isoformat()}..{self.end.isoformat()}"

    def __repr__(self) -> str:
        if self.label and _gregorian_reads(self.label, self):
            return f"Period.parse({self.label!r})"
        dates = f"Period({self.start!r}, {self.end!r}"
        # A label only another calendar reads (FY2026-P05, C3) is kept as it is.
        return f"{dates}, label={self.label!r})" if self.label else f"{dates})"


def calendar_of(name: str, value: object) -> CalendarBase:
    """The calendar an argument names: a calendar, or the Gregorian one for None."""
    found = optional_of_type(
        name, value, CalendarBase, "a Calendar, RetailCalendar or CycleCalendar"
    )
    return GREGORIAN if found is None else found


def _gregorian_reads(label: str, period: Period) -> bool:
    """Whether ``Period.parse(label)`` gives *period* back."""
    try:
        return Calendar().period(label) == period
    except ValueError:
        return False


# --- reading labels ---------------------------------------------------------

_MONTHS = {
    "january": 1, "jan": 1, "enero": 1, "ene": 1,
    "february": 2, "feb": 2, "febrero": 2,
    "march": 3, "mar": 3, "marzo": 3,
    "april": 4, "apr": 4, "abril": 4, "abr": 4,
    "may": 5, "mayo": 5,
    "june": 6, "jun": 6, "junio": 6,
    "july": 7, "jul": 7, "julio": 7,
    "august": 8, "aug": 8, "agosto": 8, "ago": 8,
    "september": 9, "sep": 9, "sept": 9, "septiembre": 9, "setiembre": 9,
    "october": 10, "oct": 10, "octubre": 10,
    "november": 11, "nov": 11, "noviembre": 11,
    "december": 12, "dec": 12, "diciembre": 12, "dic": 12,
}  # fmt: skip

_ORDINALS = {
    "first": 1, "1st": 1, "primer": 1, "primero": 1, "primera": 1, "1er": 1, "1o": 1, "1a": 1,
    "second": 2, "2nd": 2, "segundo": 2, "segunda": 2, "2do": 2, "2o": 2, "2a": 2,
    "third": 3, "3rd": 3, "tercer": 3, "tercero": 3, "tercera": 3, "3er": 3, "3o": 3,
    "fourth": 4, "4th": 4, "cuarto": 4, "cuarta": 4, "4to": 4, "4o": 4,
    "1.er": 1, "1.o": 1, "1.a": 1, "2.o": 2, "2.a": 2, "3.er": 3, "3.o": 3, "3.a": 3,
    "4.o": 4, "4.a": 4,
}  # fmt: skip

_QUARTER_WORDS = {"quarter", "trimestre"}
_HALF_WORDS = {"half", "semester", "semestre"}
_FILLER = {"the", "of", "de", "del", "el", "la", "in", "en", "ano", "year"}

# Compiled by re on first use (and kept): most plans name one kind of period.
_RANGE = r"^(\d{4}-\d{2}-\d{2})\s*(?:\.\.|–)\s*(\d{4}-\d{2}-\d{2})$"
_YEAR = r"^(\d{4})$"
_ISO_MONTH = r"^(\d{4})-(\d{2})$"
_ISO_WEEK = r"^(\d{4})-?w(\d{1,2})$"
_FISCAL = r"^(?:fy|af)\s?(\d{4}|\d{2})(?:[ -]?(q|t|h|s)([1-4]))?$"
_FISCAL_PREFIX = r"^(q|t|h|s)([1-4])[ -]?(?:fy|af)\s?(\d{4}|\d{2})$"
_PART_AFTER = r"^(\d{4})[ -]?(q|t|h|s)([1-4])$"
_PART_BEFORE = r"^(q|t|h|s)([1-4])[ -]?(\d{4})$"
_PART_NUMBER_FIRST = r"^([1-4])(q|t|h|s)[ -]?(\d{4})$"
_WEEK_WORDS = r"^(?:week|semana|w)\s?(\d{1,2})\s(\d{4})$"


def _fold(text: str) -> str:
    """Lower case, no accents, single spaces; ``º`` and ``ª`` as ``o`` and ``a``."""
    text = text.replace("º", "o").replace("ª", "a")
    decomposed = unicodedata.normalize("NFKD", text.strip().lower())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.sub(r"\s+", " ", plain.replace(",", " ")).strip()


def _part_kind(letter: str) -> Literal["quarter", "half"]:
    return "quarter" if letter in ("q", "t") else "half"


def split(text: str) -> tuple[str, list[str]]:
    """A label folded, without filler words: as one text and as words."""
    words = [w for w in _fold(text).split(" ") if w not in _FILLER]
    return " ".join(words), words


def fiscal_words(compact: str) -> str:
    """``fiscal year``, ``año fiscal`` and ``fiscal`` as the codes ``fy`` and ``af``."""
    compact = compact.replace("fiscal year", "fy").replace("ano fiscal", "af")
    return compact.replace("fiscal", "fy")


def fiscal_parts(compact: str) -> tuple[int, Literal["quarter", "half"] | None, int] | None:
    """The year, part and number of a fiscal label (``FY2027-Q2``, ``T2 del año fiscal
    2027``); every calendar with a fiscal year reads these the same way."""
    compact = fiscal_words(compact)
    if match := re.match(_FISCAL, compact):
        year = full_year(match.group(1))
        if match.group(2) is None:
            return year, None, 1
        return year, _part_kind(match.group(2)), int(match.group(3))
    if match := re.match(_FISCAL_PREFIX, compact):
        return full_year(match.group(3)), _part_kind(match.group(1)), int(match.group(2))
    return None


def part_name(year: int, kind: Literal["quarter", "half"], number: int, *, fiscal: bool) -> Name:
    """A quarter or half by number, refusing numbers a year does not have."""
    has_part(year, kind, number)
    return Name(f"fiscal_{kind}" if fiscal else kind, year, number)


def has_part(year: int, kind: Literal["quarter", "half"], number: int) -> None:
    """Refuse a quarter or half a year does not have (a fifth quarter)."""
    limit = 4 if kind == "quarter" else 2
    if not 1 <= number <= limit:
        raise PeriodError(f"{year} {kind} {number}", f"a year has {limit} {kind}s")


OUT_OF_DATES = "its days would run outside 0001-01-01..9999-12-31, the dates a calendar holds"
"""Why a period whose first or last day no date can hold does not exist: ISO
week 52 of 9999 ends in 10000; fiscal year 1 that ends in March starts in year 0."""


def within_dates(label: str, make: Callable[[], R]) -> R:
    """``make()``, with a date past the years 1 to 9999 turned into a PeriodError."""
    try:
        return make()
    except OkrkitError:
        raise
    except (ValueError, OverflowError):
        raise PeriodError(label, OUT_OF_DATES) from None


_LARGEST = 1_000_000
"""The largest number of a part of a year (a quarter, a week, a cycle) a calendar
is asked for: larger ones name no date, and would not even print."""


def numbered(method: Callable[Concatenate[C, P], R]) -> Callable[Concatenate[C, P], R]:
    """A calendar method whose arguments are numbers (and a ``unit``): each must be
    a whole number, ``year`` from 1 to 9999, any other from 0 to 1,000,000, so the
    method itself only has to say which numbers its calendar has."""
    names = list(inspect.signature(method).parameters)[1:]
    bounds = {name: (1, 9999) if name == "year" else (0, _LARGEST) for name in names}
    bounds.pop("unit", None)
    in_order = [(name, *bounds[name]) if name in bounds else None for name in names]

    def refuse(self: C, name: str, value: object) -> None:
        if name in bounds:
            low, high = bounds[name]
            whole(
                f"{type(self).__name__}.{method.__name__}({name})", value, minimum=low, maximum=high
            )

    def checked(self: C, /, *args: P.args, **kwargs: P.kwargs) -> R:
        for spec, value in zip(in_order, args, strict=False):
            if spec is not None and (type(value) is not int or not spec[1] <= value <= spec[2]):
                refuse(self, spec[0], value)
        for name, value in kwargs.items():
            refuse(self, name, value)
        return method(self, *args, **kwargs)

    functools.update_wrapper(checked, method)
    return checked


class CalendarBase:
    """What every calendar offers, so a plan can use any of them: read a label
    (:meth:`period`), say a period in words (:meth:`describe`) and list the
    periods that tile a year (:meth:`periods`)."""

    __slots__ = ()

    _FORMS: ClassVar[str] = FORMS

    @property
    def units(self) -> tuple[str, ...]:
        """The units :meth:`periods` lists."""
        raise NotImplementedError

    def periods(self, year: int, unit: str) -> tuple[Period, ...]:
        """The periods of *unit* that tile year *year* of this calendar, in order."""
        raise NotImplementedError

    def period(self, text: str | int) -> Period:
        """Read a period label in English or Spanish (a year may be an int)."""
        if isinstance(text, int) and not isinstance(text, bool) and 0 <= text <= 9999:
            text = str(text)  # a year, as a YAML or JSON file may hold it
        if not isinstance(text, str):
            raise PeriodError(_shown(text), f"expected a period like {self._FORMS}")
        try:
            found = self._read(text)
        except OverflowError:
            raise PeriodError(text, OUT_OF_DATES) from None
        except ValueError as exc:
            if isinstance(exc, PeriodError):
                raise
            raise PeriodError(text, str(exc)) from None
        if found is None:
            raise PeriodError(text, f"expected a period like {self._FORMS}")
        return found

    def describe(self, period: Period, *, lang: str = "en") -> str:
        """*period* in words: ``Q1 2026`` or ``1.er trimestre de 2026``.

        A period this calendar named (its label reads back to the same dates) is
        said by name; any other period as its dates, ``2026-01-15 – 2026-04-14``.
        Each phrase is also a label this calendar reads.
        """
        check_lang(lang)
        if not isinstance(period, Period):
            raise InvalidTypeError("period", period, "a Period")
        name = self._name_of(period)
        return span(period.start, period.end) if name is None else phrase(name, lang)

    def _name_of(self, period: Period) -> Name | None:
        if not period.label:
            return None
        try:
            name = self._name(*split(period.label))
            if name is not None and self._build(name) == period:
                return name
        except (ValueError, OverflowError):
            pass
        return None

    def _read(self, text: str) -> Period | None:
        raw = text.strip()
        match = re.match(_RANGE, raw)
        if match:
            start = to_date("Period.start", match.group(1))
            end = to_date("Period.end", match.group(2))
            if end < start:
                raise PeriodError(text, "the range ends before it starts")
            return Period(start, end)
        name = self._name(*split(raw))
        return None if name is None else self._build(name)

    def _name(self, compact: str, words: list[str]) -> Name | None:
        raise NotImplementedError

    def _build(self, name: Name) -> Period:
        raise NotImplementedError

    def _unit(self, unit: object) -> str:
        if unit not in self.units:
            raise InvalidValueError(
                f"{type(self).__name__}.periods unit", unit, " | ".join(self.units)
            )
        return str(unit)


def _calendar_fiscal_year_start(value: Any) -> int:
    month = number("Calendar.fiscal_year_start", value, minimum=1, maximum=12)
    if not month.is_integer():
        raise InvalidValueError("Calendar.fiscal_year_start", value, "a month number from 1 to 12")
    return int(month)


@attrs.frozen(repr=False)
class Calendar(CalendarBase):
    """Names periods: Gregorian years, halves, quarters, months, ISO weeks, and
    fiscal years that start in ``fiscal_year_start`` (1 = January).

    A fiscal year is named by the calendar year it ends in (``"end"``, so with an
    April start FY2027 runs from 2026-04-01 to 2027-03-31) or starts in
    (``"start"``).
    """

    fiscal_year_start: int = attrs.field(
        default=1,
        converter=_calendar_fiscal_year_start,
    )
    fiscal_year_named_by: Literal["end", "start"] = attrs.field(default="end")

    def __attrs_post_init__(self) -> None:
        if self.fiscal_year_named_by not in ("end", "start"):
            raise InvalidValueError(
                "Calendar.fiscal_year_named_by", self.fiscal_year_named_by, "'end' or 'start'"
            )

    def __repr__(self) -> str:
        parts = []
        if self.fiscal_year_start != 1:
            parts.append(f"fiscal_year_start={self.fiscal_year_start}")
        if self.fiscal_year_named_by != "end":
            parts.append(f"fiscal_year_named_by={self.fiscal_year_named_by!r}")
        return f"Calendar({', '.join(parts)})"

    # -- building periods ---------------------------------------------------

    @numbered
    def year(self, year: int) -> Period:
        """Calendar year *year*."""
        return _months(f"{year}", lambda: dt.date(year, 1, 1), 12)

    @numbered
    def half(self, year: int, half: int) -> Period:
        """Half 1 (January to June) or 2 of *year*."""
        has_part(year, "half", half)
        return _months(f"{year}-H{half}", lambda: dt.date(year, 6 * half - 5, 1), 6)

    @numbered
    def quarter(self, year: int, quarter: int) -> Period:
        """Quarter 1 to 4 of *year*."""
        has_part(year, "quarter", quarter)
        return _months(f"{year}-Q{quarter}", lambda: dt.date(year, 3 * quarter - 2, 1), 3)

    @numbered
    def month(self, year: int, month: int) -> Period:
        """Month 1 to 12 of *year*."""
        if not 1 <= month <= 12:
            raise PeriodError(f"{year}-{month:02d}", f"there is no month {month}")
        return _months(f"{year}-{month:02d}", lambda: dt.date(year, month, 1), 1)

    @numbered
    def iso_week(self, year: int, week: int) -> Period:
        """ISO week *week* of ISO year *year*, Monday to Sunday."""
        try:
            start = dt.date.fromisocalendar(year, week, 1)
        except ValueError:
            raise PeriodError(f"{year}-W{week:02d}", f"{year} has no ISO week {week}") from None
        label = f"{year}-W{week:02d}"
        return within_dates(label, lambda: Period(start, start + dt.timedelta(days=6), label=label))

    @numbered
    def fiscal_year(self, year: int) -> Period:
        """The fiscal year named *year* (by its end or start, as configured)."""
        return _months(f"FY{year}", lambda: self._fiscal_start(year), 12)

    @numbered
    def fiscal_quarter(self, year: int, quarter: int) -> Period:
        """Quarter 1 to 4 of fiscal year *year*."""
        has_part(year, "quarter", quarter)
        return _months(
            f"FY{year}-Q{quarter}",
            lambda: self._fiscal_start(year) + relativedelta(months=3 * (quarter - 1)),
            3,
        )

    @numbered
    def fiscal_half(self, year: int, half: int) -> Period:
        """Half 1 or 2 of fiscal year *year*."""
        has_part(year, "half", half)
        return _months(
            f"FY{year}-H{half}",
            lambda: self._fiscal_start(year) + relativedelta(months=6 * (half - 1)),
            6,
        )

    def _fiscal_start(self, year: int) -> dt.date:
        if self.fiscal_year_start == 1:
            return dt.date(year, 1, 1)
        first_year = year - 1 if self.fiscal_year_named_by == "end" else year
        return dt.date(first_year, self.fiscal_year_start, 1)

    # -- listing periods ----------------------------------------------------

    @property
    def units(self) -> tuple[str, ...]:
        """``year``, ``half``, ``quarter``, ``month``, and ``week`` when the fiscal year
        is the calendar year (ISO weeks do not tile a year that starts in April)."""
        if self.fiscal_year_start == 1:
            return ("year", "half", "quarter", "month", "week")
        return ("year", "half", "quarter", "month")

    @numbered
    def periods(self, year: int, unit: str) -> tuple[Period, ...]:
        """The periods of *unit* that tile year *year*, in order.

        The year is the calendar year, or fiscal year FY*year* when the fiscal year
        starts after January. Weeks are ISO weeks: they tile ISO year *year*, from
        the Monday of its week 1 to the Sunday of its week 52 or 53.
        """
        unit = self._unit(unit)
        fiscal = self.fiscal_year_start != 1
        if unit == "year":
            return (self.fiscal_year(year) if fiscal else self.year(year),)
        if unit == "half":
            half = self.fiscal_half if fiscal else self.half
            return tuple(half(year, number) for number in (1, 2))
        if unit == "quarter":
            quarter = self.fiscal_quarter if fiscal else self.quarter
            return tuple(quarter(year, number) for number in (1, 2, 3, 4))
        if unit == "month":
            first = within_dates(f"FY{year}", lambda: self._fiscal_start(year))
            starts = (first + relativedelta(months=step) for step in range(12))
            return tuple(self.month(day.year, day.month) for day in starts)
        weeks = dt.date(year, 12, 28).isocalendar().week
        return tuple(self.iso_week(year, number) for number in range(1, weeks + 1))

    # -- reading labels -----------------------------------------------------

    def _name(self, compact: str, words: list[str]) -> Name | None:
        for reader in (
            self._read_codes,
            self._read_fiscal,
            self._read_ordinal,
            self._read_month_name,
        ):
            found = reader(compact, words)
            if found is not None:
                return found
        return None

    def _build(self, name: Name) -> Period:
        unit, year, number = name
        if unit == "year":
            return self.year(year)
        if unit == "fiscal_year":
            return self.fiscal_year(year)
        builders = {
            "half": self.half,
            "quarter": self.quarter,
            "month": self.month,
            "week": self.iso_week,
            "fiscal_half": self.fiscal_half,
            "fiscal_quarter": self.fiscal_quarter,
        }
        if unit not in builders:
            raise PeriodError(f"{unit} {number} of {year}", "this calendar has no such unit")
        return builders[unit](year, number)

    def _read_codes(self, compact: str, words: list[str]) -> Name | None:
        if match := re.match(_YEAR, compact):
            return Name("year", int(match.group(1)))
        if match := re.match(_ISO_MONTH, compact):
            month = int(match.group(2))
            if not 1 <= month <= 12:
                raise PeriodError(compact, f"there is no month {month}")
            return Name("month", int(match.group(1)), month)
        if match := re.match(_ISO_WEEK, compact):
            return Name("week", int(match.group(1)), int(match.group(2)))
        if match := re.match(_WEEK_WORDS, compact):
            return Name("week", int(match.group(2)), int(match.group(1)))
        for pattern, order in (
            (_PART_AFTER, (1, 2, 3)),
            (_PART_BEFORE, (3, 1, 2)),
            (_PART_NUMBER_FIRST, (3, 2, 1)),
        ):
            if match := re.match(pattern, compact):
                year = int(match.group(order[0]))
                letter = match.group(order[1])
                number = int(match.group(order[2]))
                return part_name(year, _part_kind(letter), number, fiscal=False)
        return None

    def _read_fiscal(self, compact: str, words: list[str]) -> Name | None:
        found = fiscal_parts(compact)
        if found is None:
            return None
        year, kind, number = found
        if kind is None:
            return Name("fiscal_year", year)
        return part_name(year, kind, number, fiscal=True)

    def _read_ordinal(self, compact: str, words: list[str]) -> Name | None:
        if len(words) != 3 or words[0] not in _ORDINALS or not re.match(_YEAR, words[2]):
            return None
        number, unit, year = _ORDINALS[words[0]], words[1], int(words[2])
        if unit in _QUARTER_WORDS:
            return part_name(year, "quarter", number, fiscal=False)
        if unit in _HALF_WORDS:
            return part_name(year, "half", number, fiscal=False)
        return None

    def _read_month_name(self, compact: str, words: list[str]) -> Name | None:
        if len(words) == 2 and words[0] in _MONTHS and re.match(_YEAR, words[1]):
            return Name("month", int(words[1]), _MONTHS[words[0]])
        return None


def _months(label: str, first: Callable[[], dt.date], months: int) -> Period:
    """The period of *months* months from the first of the month ``first()`` gives.

    It ends on the last day of its last month, found without the day after it
    (which does not exist for a period that ends on 9999-12-31)."""

    def make() -> Period:
        start = first()
        return Period(start, start + relativedelta(months=months - 1, day=31), label=label)

    return within_dates(label, make)


GREGORIAN = Calendar()
"""The Gregorian calendar, which the other calendars fall back on for labels
such as ``2026-Q1`` or ``marzo de 2026``."""


def full_year(digits: str) -> int:
    """A year from four digits, or from two meaning this century (``FY27``)."""
    return int(digits) if len(digits) == 4 else 2000 + int(digits)
