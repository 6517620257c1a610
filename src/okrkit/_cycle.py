"""Custom cycles: time boxes of a fixed length (six weeks, 30 days) from a start date.

Teams that plan in cycles rather than quarters name them ``C1``, ``C2``, …;
cycle *n* runs from ``start + (n - 1) · length`` for ``length`` days, so the
cycles follow one another with no gap. Other labels are read as Gregorian ones.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, ClassVar

import attrs
from dateutil.relativedelta import relativedelta

from okrkit._fields import number, to_date
from okrkit._period import GREGORIAN, CalendarBase, Period, numbered, within_dates
from okrkit._period_words import Name
from okrkit._repr import fields_repr
from okrkit.exceptions import InvalidValueError, PeriodError


__all__ = ["CycleCalendar"]

_CYCLE = re.compile(r"^(?:c|cycle|ciclo)\s?(\d{1,6})$")

FORMS = "C3, cycle 3, ciclo 3, or a Gregorian label like 2026-Q1, 2026-03 or 2026-01-15..2026-04-14"


def _length(field: str, value: Any) -> int | None:
    """A whole number of days or weeks, at least 1 (or None)."""
    if value is None:
        return None
    days = number(field, value, minimum=1)
    if not days.is_integer():
        raise InvalidValueError(field, value, "a whole number ≥ 1")
    return int(days)


def _weeks(value: Any) -> int | None:
    return _length("CycleCalendar.weeks", value)


def _days(value: Any) -> int | None:
    return _length("CycleCalendar.days", value)


def _cyclecalendar_start(value: object) -> dt.date:
    return to_date("CycleCalendar.start", value)


@attrs.frozen(repr=False)
class CycleCalendar(CalendarBase):
    """Cycles of ``weeks`` weeks or ``days`` days (give one), the first from ``start``.

    ``CycleCalendar(datetime.date(2026, 1, 5), weeks=6).cycle(3)`` runs from
    2026-03-30 to 2026-05-10; its label is ``C3``, said "cycle 3" or "ciclo 3".
    """

    start: dt.date = attrs.field(converter=_cyclecalendar_start)
    weeks: int | None = attrs.field(default=None, converter=_weeks, kw_only=True)
    days: int | None = attrs.field(default=None, converter=_days, kw_only=True)

    _FORMS: ClassVar[str] = FORMS

    def __attrs_post_init__(self) -> None:
        if self.weeks is None and self.days is None:
            raise InvalidValueError("CycleCalendar.weeks", None, "a cycle length: weeks= or days=")
        if self.weeks is not None and self.days is not None:
            raise InvalidValueError(
                "CycleCalendar.days", self.days, "no days when weeks= is given (one length)"
            )

    def __repr__(self) -> str:
        return fields_repr(self, positional=("start",))

    @property
    def length(self) -> int:
        """How many days each cycle lasts."""
        if self.days is not None:
            return self.days
        return 7 * (self.weeks or 0)  # one of the two is always given

    @numbered
    def cycle(self, number: int) -> Period:
        """Cycle *number* (from 1): ``length`` days from ``start + (number - 1) · length``."""
        label = f"C{number}"
        if number < 1:
            raise PeriodError(label, "cycles are numbered from 1")

        def make() -> Period:
            begin = self.start + relativedelta(days=(number - 1) * self.length)
            return Period(begin, begin + relativedelta(days=self.length - 1), label=label)

        return within_dates(label, make)

    def cycle_of(self, day: dt.date | str) -> Period:
        """The cycle that holds *day* (a date or ISO date text), which must not come
        before ``start``."""
        day = to_date("CycleCalendar.cycle_of(day)", day)
        if day < self.start:
            raise PeriodError(day.isoformat(), f"cycles start on {self.start.isoformat()}")
        return self.cycle((day - self.start).days // self.length + 1)

    # -- listing and reading ------------------------------------------------------

    @property
    def units(self) -> tuple[str, ...]:
        """``cycle``, and the Gregorian ``year``, ``half``, ``quarter``, ``month``, ``week``."""
        return ("cycle", *GREGORIAN.units)

    @numbered
    def periods(self, year: int, unit: str) -> tuple[Period, ...]:
        """For ``cycle``: the cycles that start in calendar year *year*, in order
        (none before ``start``); they follow on from those of the year before.
        Other units are Gregorian (see :meth:`Calendar.periods`)."""
        unit = self._unit(unit)
        if unit != "cycle":
            return GREGORIAN.periods(year, unit)
        first_day = dt.date(year, 1, 1)
        number = (
            1 if first_day <= self.start else -(-(first_day - self.start).days // self.length) + 1
        )
        found: list[Period] = []
        while True:
            try:
                cycle = self.cycle(number)
            except PeriodError:  # past year 9999
                return tuple(found)
            if cycle.start.year > year:
                return tuple(found)
            found.append(cycle)
            number += 1

    def _name(self, compact: str, words: list[str]) -> Name | None:
        if match := _CYCLE.match(compact):
            return Name("cycle", 0, int(match.group(1)))
        return GREGORIAN._name(compact, words)

    def _build(self, name: Name) -> Period:
        if name.unit == "cycle":
            return self.cycle(name.number)
        return GREGORIAN._build(name)
