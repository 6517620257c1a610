"""Check-in cadences: the rhythm a team promised, and when the next check-in is due.

A cadence is a recurrence on dates (:mod:`dateutil.rrule`), anchored on the
first day of a key result's window: weekly and every two weeks on a weekday,
monthly on a day of the month (clamped to the month's last day, so "the 31st"
falls on 28 February).
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

import attrs
from dateutil.relativedelta import relativedelta

from okrkit._fields import optional_date, to_date
from okrkit._period_words import WEEKDAYS, weekday_number
from okrkit._repr import value_repr
from okrkit.exceptions import InvalidValueError


__all__ = ["EVERY_ALIASES", "Cadence", "Every"]


class Every(StrEnum):
    """How often check-ins are promised."""

    WEEK = "weekly"
    TWO_WEEKS = "biweekly"
    MONTH = "monthly"

    def __repr__(self) -> str:
        return value_repr(self)


EVERY_ALIASES = {"semanal": "weekly", "quincenal": "biweekly", "mensual": "monthly"}
"""The Spanish words a cadence may be written with."""


def _every(value: object) -> Every:
    if isinstance(value, Every):
        return value
    if isinstance(value, str):
        try:
            return Every(EVERY_ALIASES.get(value, value))
        except ValueError:
            pass
    raise InvalidValueError("Cadence.every", value, "weekly | biweekly | monthly")


def _weekday(value: object) -> int | None:
    if value is None:
        return None
    if isinstance(value, str) and (number := weekday_number(value)) is not None:
        return number
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 6:
        return value
    raise InvalidValueError("Cadence.weekday", value, "a weekday: monday … sunday, or 0 … 6")


def _day(value: object) -> int | None:
    if value is None:
        return None
    if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 31:
        return value
    raise InvalidValueError("Cadence.day", value, "a day of the month from 1 to 31")


@attrs.frozen(repr=False)
class Cadence:
    """``Cadence("weekly", weekday="friday")``, ``Cadence("monthly", day=31)``.

    Without a weekday or day, the schedule follows the window's first day.
    """

    every: Every = attrs.field(converter=_every)
    weekday: int | None = attrs.field(default=None, converter=_weekday, kw_only=True)
    day: int | None = attrs.field(default=None, converter=_day, kw_only=True)

    def __repr__(self) -> str:
        parts = [repr(self.every.value)]
        if self.weekday is not None:
            parts.append(f"weekday={WEEKDAYS[self.weekday]!r}")
        if self.day is not None:
            parts.append(f"day={self.day}")
        return f"Cadence({', '.join(parts)})"

    def due_dates(self, start: dt.date | str, end: dt.date | str) -> tuple[dt.date, ...]:
        """Every check-in date the cadence promises from *start* to *end* (included;
        dates or ISO date text)."""
        start = to_date("Cadence.due_dates(start)", start)
        end = to_date("Cadence.due_dates(end)", end)
        if end < start:
            return ()
        if self.every is Every.MONTH:
            day = self.day or start.day
            found = []
            months = 0
            while True:
                try:
                    base = start + relativedelta(months=months, day=1)
                except ValueError:  # past December 9999: the calendar has no more months
                    break
                due = base + relativedelta(day=day)
                if due > end:
                    break
                if due >= start:
                    found.append(due)
                months += 1
            return tuple(found)
        weekday = start.weekday() if self.weekday is None else self.weekday
        interval = 2 if self.every is Every.TWO_WEEKS else 1
        from dateutil.rrule import WEEKLY, rrule  # noqa: PLC0415 - only weekly cadences use it

        rule = rrule(
            WEEKLY,
            interval=interval,
            byweekday=weekday,
            dtstart=dt.datetime.combine(start, dt.time()),
            until=dt.datetime.combine(end, dt.time()),
        )
        return tuple(moment.date() for moment in rule)

    def next_due(
        self, *, start: dt.date | str, end: dt.date | str, last: dt.date | str | None = None
    ) -> dt.date | None:
        """The first promised date after the *last* check-in (or from *start* when
        there is none); ``None`` when the window has no more."""
        start = to_date("Cadence.next_due(start)", start)
        end = to_date("Cadence.next_due(end)", end)
        last = optional_date("Cadence.next_due(last)", last)
        for due in self.due_dates(start, end):
            if last is None or due > last:
                return due
        return None
