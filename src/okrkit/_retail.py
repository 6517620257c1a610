"""Retail calendars: 52/53-week years split 4-4-5, 4-5-4 or 5-4-4.

A retail year ends on the same weekday every year, so that weeks compare with
weeks; every five or six years it needs a 53rd week to keep up with the sun.
Years, quarters, periods and weeks are all counted in whole weeks from the
year's first day, with :mod:`dateutil.relativedelta` on dates.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, ClassVar, Literal, cast

import attrs
from dateutil.relativedelta import FR, MO, SA, SU, TH, TU, WE, relativedelta

from okrkit._fields import number, to_date
from okrkit._period import (
    GREGORIAN,
    CalendarBase,
    Period,
    fiscal_parts,
    fiscal_words,
    full_year,
    numbered,
    part_name,
    within_dates,
)
from okrkit._period_words import PATTERNS, WEEKDAYS, Name, Pattern, Weekday, weekday_number
from okrkit._repr import fields_repr
from okrkit.exceptions import InvalidValueError, PeriodError


__all__ = ["PATTERNS", "RetailCalendar"]

_RELATIVE_DAYS = (MO, TU, WE, TH, FR, SA, SU)

_RETAIL_AFTER = re.compile(r"^(?:fy|af)\s?(\d{4}|\d{2})[ -]?(p|w)\s?(\d{1,2})$")
_RETAIL_BEFORE = re.compile(r"^(p|w)\s?(\d{1,2})[ -]?(?:fy|af)\s?(\d{4}|\d{2})$")
_RETAIL_WORDS = {"period": "p", "periodo": "p", "week": "w", "semana": "w"}

FORMS = (
    "FY2026, FY2026-H1, FY2026-Q2, FY2026-P05, FY2026-W12, periodo 5 FY2026, "
    "T2 del año fiscal 2026, or a Gregorian label like 2026-03 or 2026-01-15..2026-04-14"
)


def _pattern(value: Any) -> Pattern:
    if value not in PATTERNS:
        raise InvalidValueError("RetailCalendar.pattern", value, " | ".join(PATTERNS))
    return cast("Pattern", value)


def _year_end_month(value: Any) -> int:
    month = number("RetailCalendar.year_end_month", value, minimum=1, maximum=12)
    if not month.is_integer():
        raise InvalidValueError(
            "RetailCalendar.year_end_month", value, "a month number from 1 to 12"
        )
    return int(month)


def _weekday(value: Any) -> Weekday:
    number = weekday_number(value) if isinstance(value, str) else None
    if number is not None:
        return WEEKDAYS[number]
    raise InvalidValueError(
        "RetailCalendar.week_ends_on", value, "a weekday such as saturday (or sábado)"
    )


def _rule(value: Any) -> Literal["nearest", "last"]:
    if value not in ("nearest", "last"):
        raise InvalidValueError("RetailCalendar.rule", value, "nearest | last")
    return cast("Literal['nearest', 'last']", value)


def _named_by(value: Any) -> Literal["start", "end"]:
    if value not in ("start", "end"):
        raise InvalidValueError("RetailCalendar.named_by", value, "start | end")
    return cast("Literal['start', 'end']", value)


def _week53(value: Any) -> int:
    if value == "last":
        return 12
    if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 12:
        return int(value)
    raise InvalidValueError("RetailCalendar.week53", value, "last or a period number from 1 to 12")


@attrs.frozen(repr=False)
class RetailCalendar(CalendarBase):
    """A 52/53-week retail calendar (4-5-4 by default, as the NRF publishes it).

    The year ends on ``week_ends_on`` (Saturday) nearest the end of
    ``year_end_month`` (January), or on the last such weekday of that month with
    ``rule="last"``. ``named_by="start"`` names it by the year its first full
    month falls in (NRF: FY2023 runs 2023-01-29 to 2024-02-03), ``"end"`` by the
    year of ``year_end_month``. Each quarter has 13 weeks split by ``pattern``;
    in a 53-week year the extra week ends period ``week53`` (12, the last, by
    default), so its quarter has 14.

    Labels read as retail: ``FY2026``, ``FY2026-H1``, ``FY2026-Q2``,
    ``FY2026-P05``, ``FY2026-W12``; other labels (``2026-03``, ranges) are
    Gregorian.
    """

    pattern: Pattern = attrs.field(default="4-5-4", converter=_pattern, kw_only=True)
    year_end_month: int = attrs.field(default=1, converter=_year_end_month, kw_only=True)
    week_ends_on: Weekday = attrs.field(default="saturday", converter=_weekday, kw_only=True)
    rule: Literal["nearest", "last"] = attrs.field(default="nearest", converter=_rule, kw_only=True)
    named_by: Literal["start", "end"] = attrs.field(
        default="start", converter=_named_by, kw_only=True
    )
    week53: int = attrs.field(default=12, converter=_week53, kw_only=True)

    _FORMS: ClassVar[str] = FORMS

    def __repr__(self) -> str:
        return fields_repr(self)

    # -- the year -------------------------------------------------------------

    def _last_day(self, year: int) -> dt.date:
        """The last day of the retail year that ends around ``year_end_month`` of *year*."""
        month_end = dt.date(year, self.year_end_month, 1) + relativedelta(months=1, days=-1)
        weekday = _RELATIVE_DAYS[WEEKDAYS.index(self.week_ends_on)]
        if self.rule == "last":
            return month_end + relativedelta(weekday=weekday(-1))
        # The nearest is never more than three days away, on either side.
        return month_end + relativedelta(days=-3, weekday=weekday(+1))

    def _bounds(self, year: int) -> tuple[dt.date, dt.date]:
        ends_in = year + 1 if self.named_by == "start" and self.year_end_month < 12 else year
        return self._last_day(ends_in - 1) + relativedelta(days=1), self._last_day(ends_in)

    @numbered
    def weeks_in(self, year: int) -> int:
        """52 or 53: how many weeks retail year *year* has."""
        start, end = within_dates(f"FY{year}", lambda: self._bounds(year))
        return ((end - start).days + 1) // 7

    def _period_weeks(self, year: int) -> tuple[int, ...]:
        weeks = [int(part) for part in self.pattern.split("-")] * 4
        if self.weeks_in(year) == 53:
            weeks[self.week53 - 1] += 1
        return tuple(weeks)

    def _span(self, year: int, first: int, last: int, label: str) -> Period:
        """Periods *first* to *last* (1 to 12) of *year*, as one period."""

        def make() -> Period:
            start, _ = self._bounds(year)
            weeks = self._period_weeks(year)
            begin = start + relativedelta(weeks=sum(weeks[: first - 1]))
            end = begin + relativedelta(weeks=sum(weeks[first - 1 : last]), days=-1)
            return Period(begin, end, label=label)

        return within_dates(label, make)

    # -- building periods -------------------------------------------------------

    @numbered
    def year(self, year: int) -> Period:
        """Retail year *year*: 364 or 371 days."""
        return self._span(year, 1, 12, f"FY{year}")

    @numbered
    def half(self, year: int, half: int) -> Period:
        _check(f"FY{year}-H{half}", half, 2, "a retail year has 2 halves")
        return self._span(year, 6 * half - 5, 6 * half, f"FY{year}-H{half}")

    @numbered
    def quarter(self, year: int, quarter: int) -> Period:
        """Quarter 1 to 4: 13 weeks, or 14 for the one holding a 53rd week."""
        _check(f"FY{year}-Q{quarter}", quarter, 4, "a retail year has 4 quarters")
        return self._span(year, 3 * quarter - 2, 3 * quarter, f"FY{year}-Q{quarter}")

    @numbered
    def month(self, year: int, period: int) -> Period:
        """Retail period (month) 1 to 12, four or five weeks long as the pattern says."""
        label = f"FY{year}-P{period:02d}"
        _check(label, period, 12, "a retail year has 12 periods")
        return self._span(year, period, period, label)

    @numbered
    def week(self, year: int, week: int) -> Period:
        """Retail week 1 to 52 (or 53), Sunday to Saturday with the default week end."""
        label = f"FY{year}-W{week:02d}"
        count = within_dates(label, lambda: self.year(year)).days // 7
        _check(label, week, count, f"FY{year} has {count} retail weeks")

        def make() -> Period:
            begin = self._bounds(year)[0] + relativedelta(weeks=week - 1)
            return Period(begin, begin + relativedelta(days=6), label=label)

        return within_dates(label, make)

    def year_of(self, day: dt.date | str) -> Period:
        """The retail year that holds *day* (a date or ISO date text)."""
        day = to_date("RetailCalendar.year_of(day)", day)
        for year in (y for y in (day.year - 1, day.year, day.year + 1) if 1 <= y <= 9999):
            whole = self.year(year)
            if day in whole:
                return whole
        raise PeriodError(day.isoformat(), "no retail year holds this date")  # pragma: no cover

    # -- listing and reading ------------------------------------------------------

    @property
    def units(self) -> tuple[str, ...]:
        """``year``, ``half``, ``quarter``, ``month`` (a retail period) and ``week``."""
        return ("year", "half", "quarter", "month", "week")

    @numbered
    def periods(self, year: int, unit: str) -> tuple[Period, ...]:
        """The retail periods of *unit* that tile retail year *year*, in order."""
        unit = self._unit(unit)
        if unit == "year":
            return (self.year(year),)
        if unit == "week":
            return tuple(self.week(year, n) for n in range(1, self.weeks_in(year) + 1))
        make, count = {"half": (self.half, 2), "quarter": (self.quarter, 4),
                       "month": (self.month, 12)}[unit]  # fmt: skip
        return tuple(make(year, n) for n in range(1, count + 1))

    def _name(self, compact: str, words: list[str]) -> Name | None:
        retail = [_RETAIL_WORDS.get(w, w) for w in words if w not in ("retail", "minorista")]
        text = fiscal_words(" ".join(retail))
        for pattern, order in ((_RETAIL_AFTER, (1, 2, 3)), (_RETAIL_BEFORE, (3, 1, 2))):
            if match := pattern.match(text):
                year = full_year(match.group(order[0]))
                unit = "retail_period" if match.group(order[1]) == "p" else "retail_week"
                return Name(unit, year, int(match.group(order[2])))
        found = fiscal_parts(compact)
        if found is not None:
            year, kind, number = found
            return (
                Name("fiscal_year", year)
                if kind is None
                else part_name(year, kind, number, fiscal=True)
            )
        return GREGORIAN._name(compact, words)

    def _build(self, name: Name) -> Period:
        unit, year, number = name
        if unit == "fiscal_year":
            return self.year(year)
        builders = {
            "fiscal_half": self.half,
            "fiscal_quarter": self.quarter,
            "retail_period": self.month,
            "retail_week": self.week,
        }
        if unit in builders:
            return builders[unit](year, number)
        return GREGORIAN._build(name)


def _check(label: str, number: int, limit: int, reason: str) -> None:
    if not 1 <= number <= limit:
        raise PeriodError(label, reason)
