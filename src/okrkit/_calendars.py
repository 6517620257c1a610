"""Every kind of calendar a plan can use, as one type.

A plan names its periods with one calendar: Gregorian and fiscal
(:class:`Calendar`), retail 4-5-4 (:class:`RetailCalendar`) or cycles
(:class:`CycleCalendar`). The plan file format knows these three, so the type is
closed rather than a protocol anyone could implement.

Most plans keep the Gregorian calendar: the retail and cycle calendars are
imported when a plan, a check or a name here first needs them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeAlias

import attrs

from okrkit._period import Calendar
from okrkit.exceptions import InvalidTypeError


if TYPE_CHECKING:
    from okrkit._cycle import CycleCalendar
    from okrkit._retail import RetailCalendar

    AnyCalendar: TypeAlias = Calendar | RetailCalendar | CycleCalendar
    CALENDARS: tuple[type[AnyCalendar], ...]


__all__ = ["CALENDARS", "AnyCalendar", "is_calendar"]


def __getattr__(name: str) -> Any:
    """``AnyCalendar`` and ``CALENDARS`` (the calendar classes, for ``isinstance``
    checks), made on first use."""
    if name not in ("AnyCalendar", "CALENDARS"):
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from okrkit._cycle import CycleCalendar  # noqa: PLC0415
    from okrkit._retail import RetailCalendar  # noqa: PLC0415

    made = {
        "AnyCalendar": Calendar | RetailCalendar | CycleCalendar,
        "CALENDARS": (Calendar, RetailCalendar, CycleCalendar),
    }
    globals().update(made)
    return made[name]


def is_calendar(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """An attrs validator: *value* must be one of the calendars."""
    if isinstance(value, Calendar):
        return  # the usual calendar, told without importing the others
    if not isinstance(value, __getattr__("CALENDARS")):
        field = f"{type(instance).__name__}.{attribute.name}"
        raise InvalidTypeError(field, value, "a Calendar, RetailCalendar or CycleCalendar")
