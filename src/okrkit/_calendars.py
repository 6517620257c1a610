"""Every kind of calendar a plan can use, as one type.

A plan names its periods with one calendar: Gregorian and fiscal
(:class:`Calendar`), retail 4-5-4 (:class:`RetailCalendar`) or cycles
(:class:`CycleCalendar`). The plan file format knows these three, so the type is
closed rather than a protocol anyone could implement.
"""

from __future__ import annotations

from typing import Any, TypeAlias

import attrs

from okrkit._cycle import CycleCalendar
from okrkit._period import Calendar
from okrkit._retail import RetailCalendar
from okrkit.exceptions import InvalidTypeError


__all__ = ["CALENDARS", "AnyCalendar", "is_calendar"]

AnyCalendar: TypeAlias = Calendar | RetailCalendar | CycleCalendar

CALENDARS = (Calendar, RetailCalendar, CycleCalendar)
"""The calendar classes, for ``isinstance`` checks."""


def is_calendar(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """An attrs validator: *value* must be one of the calendars."""
    if not isinstance(value, CALENDARS):
        field = f"{type(instance).__name__}.{attribute.name}"
        raise InvalidTypeError(field, value, "a Calendar, RetailCalendar or CycleCalendar")
