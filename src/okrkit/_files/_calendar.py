"""The ``calendar:`` section of a plan file: Gregorian and fiscal, retail, or cycles.

``kind`` picks the calendar (``gregorian`` when left out, so older files read as
before); each kind has its own keys, and a key of another kind is reported with
the ``kind:`` it needs. Writing leaves out the section for the plain Gregorian
calendar and writes every setting of a retail one, so a reader sees its rules.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from okrkit._files._hints import did_you_mean
from okrkit._files._keys import Key, Section
from okrkit._period import Calendar
from okrkit._period_words import PATTERNS, WEEKDAYS, weekday_number
from okrkit.exceptions import excerpt


if TYPE_CHECKING:
    from okrkit._calendars import AnyCalendar
    from okrkit._cycle import CycleCalendar
    from okrkit._files._convert import Path, PlanReader
    from okrkit._retail import RetailCalendar


__all__ = ["CALENDAR", "CALENDAR_KEYS", "KINDS", "calendar_data", "read_calendar"]

KINDS = {
    "gregorian": ("kind", "fiscal_year_start", "fiscal_year_named_by"),
    "retail": ("kind", "pattern", "year_end_month", "week_ends_on", "rule", "named_by", "week53"),
    "cycle": ("kind", "start", "weeks", "days"),
}
CALENDAR_KEYS = tuple(dict.fromkeys(key for keys in KINDS.values() for key in keys))
CALENDAR = Section({
    "kind": Key("choice", "gregorian (default), retail or cycle.", choices=tuple(KINDS)),
    "fiscal_year_start": Key("whole", "The month the fiscal year starts (default 1).",
                             minimum=1, maximum=12),
    "fiscal_year_named_by": Key("choice", "FY2027 names the fiscal year that ends (default) "
                                "or starts in 2027.", choices=("end", "start")),
    "pattern": Key("choice", "Weeks in each month of a quarter.", choices=PATTERNS),
    "year_end_month": Key("whole", "The month the retail year ends in.", minimum=1, maximum=12),
    "week_ends_on": Key("weekday", "The last day of a retail week, like saturday (or sábado)."),
    "rule": Key("choice", "The year ends on the last week_ends_on of year_end_month, or the "
                "one nearest its end.", choices=("nearest", "last")),
    "named_by": Key("choice", "FY2026 names the retail year that starts or ends in 2026.",
                    choices=("start", "end")),
    "week53": Key("week53", "The period that gets the 53rd week: last, or a number 1 to 12."),
    "start": Key("date", "The first day of cycle 1, like 2026-01-05."),
    "weeks": Key("whole", "How many weeks each cycle lasts.", minimum=1),
    "days": Key("whole", "How many days each cycle lasts.", minimum=1),
})  # fmt: skip
"""How each calendar key is read (the schema is written from it too)."""
_WHAT = "a mapping like {fiscal_year_start: 4}, {kind: retail} or {kind: cycle, start: ..}"


def read_calendar(reader: PlanReader, path: Path, value: object) -> AnyCalendar:
    """The calendar a ``calendar:`` mapping describes; problems go to *reader*."""
    if value is None:
        return Calendar()
    if not isinstance(value, Mapping):
        reader.expected(path, _WHAT, value)
        return Calendar()
    kind = value.get("kind")
    if kind is None:  # left out, or null as any optional key may be
        kind = "gregorian"
    if not isinstance(kind, str) or kind not in KINDS:
        reader.expected((*path, "kind"), " | ".join(KINDS), kind)
        return Calendar()
    for key in value:
        if key not in KINDS[kind]:
            message = _misplaced(str(key), kind, "kind" in value, reader.lang)
            reader.problem((*path, key), message, at_key=True)
    readers: dict[str, Callable[[PlanReader, Path, Mapping[str, Any]], AnyCalendar | None]] = {
        "gregorian": _gregorian,
        "retail": _retail,
        "cycle": _cycle,
    }
    return readers[kind](reader, path, value) or Calendar()


def _misplaced(key: str, kind: str, named: bool, lang: str) -> str:
    """Why *key* does not belong in a calendar of *kind*, and what would fix it."""
    owner = next((k for k, keys in KINDS.items() if key in keys), None)
    if owner is not None:
        if named:
            if lang == "es":
                return f"un ajuste de un calendario {owner}, no de uno {kind}"
            return f"a setting of a {owner} calendar, not of a {kind} one"
        if lang == "es":
            return f"un ajuste de un calendario {owner}: añade kind: {owner}"
        return f"a setting of a {owner} calendar: add kind: {owner}"
    hint = did_you_mean(key, CALENDAR_KEYS, lang)
    return f"unknown key {excerpt(key)!r}{hint} (a {kind} calendar has: {', '.join(KINDS[kind])})"


def _whole(
    reader: PlanReader, path: Path, value: object, what: str, *, minimum: int, maximum: int | None
) -> int | None:
    """*value* as a whole number in the bounds, or None and a problem saying *what*."""
    number = reader.number(path, value, minimum=minimum, maximum=maximum)
    if number is None:
        return None
    if not number.is_integer():
        reader.expected(path, what, value)
        return None
    return int(number)


def _month(reader: PlanReader, path: Path, value: object) -> int | None:
    return _whole(reader, path, value, "a month number from 1 to 12", minimum=1, maximum=12)


def _one_of(reader: PlanReader, path: Path, value: object) -> Any:
    """*value* as one of the choices CALENDAR gives the key at the end of *path*."""
    return reader.choice(path, value, CALENDAR[str(path[-1])])


def _put(fields: dict[str, Any], name: str, value: object) -> None:
    if value is not None:
        fields[name] = value


def _gregorian(reader: PlanReader, path: Path, value: Mapping[str, Any]) -> Calendar | None:
    fields: dict[str, Any] = {}
    start = _month(reader, (*path, "fiscal_year_start"), value.get("fiscal_year_start"))
    _put(fields, "fiscal_year_start", start)
    named_by = value.get("fiscal_year_named_by")
    named_by = _one_of(reader, (*path, "fiscal_year_named_by"), named_by)
    _put(fields, "fiscal_year_named_by", named_by)
    return reader.build(path, lambda: Calendar(**fields))


def _retail(reader: PlanReader, path: Path, value: Mapping[str, Any]) -> RetailCalendar | None:
    from okrkit._retail import RetailCalendar  # noqa: PLC0415 - only a retail plan needs it

    fields: dict[str, Any] = {}
    _put(fields, "pattern", _one_of(reader, (*path, "pattern"), value.get("pattern")))
    month = _month(reader, (*path, "year_end_month"), value.get("year_end_month"))
    _put(fields, "year_end_month", month)
    for name in ("rule", "named_by"):
        _put(fields, name, _one_of(reader, (*path, name), value.get(name)))
    day = value.get("week_ends_on")
    if day is not None:
        number = weekday_number(day) if isinstance(day, str) else None
        if number is None:
            reader.expected((*path, "week_ends_on"), "a weekday such as saturday (or sábado)", day)
        else:
            fields["week_ends_on"] = WEEKDAYS[number]
    week53 = value.get("week53")
    if week53 is not None:
        if week53 == "last" or (
            isinstance(week53, int) and not isinstance(week53, bool) and 1 <= week53 <= 12
        ):
            fields["week53"] = week53
        else:
            reader.expected((*path, "week53"), "last or a period number from 1 to 12", week53)
    return reader.build(path, lambda: RetailCalendar(**fields))


def _cycle(reader: PlanReader, path: Path, value: Mapping[str, Any]) -> CycleCalendar | None:
    from okrkit._cycle import CycleCalendar  # noqa: PLC0415 - only a plan in cycles needs it

    start = reader.date((*path, "start"), value.get("start"))
    if value.get("start") is None:
        reader.problem(path, "required: start, the first day of cycle 1 (like 2026-01-05)")
    lengths: dict[str, int] = {}
    for name in ("weeks", "days"):
        number = _whole(
            reader, (*path, name), value.get(name), "a whole number ≥ 1", minimum=1, maximum=None
        )
        if number is not None:
            lengths[name] = number
    given = [name for name in ("weeks", "days") if value.get(name) is not None]
    if len(given) == 2:
        reader.problem((*path, "days"), "expected weeks or days, not both", at_key=True)
        return None
    if not given:
        reader.problem(path, "required: weeks or days, how long each cycle lasts")
        return None
    if start is None or not lengths:
        return None
    return reader.build(path, lambda: CycleCalendar(start, **lengths))


def calendar_data(calendar: AnyCalendar, date: Callable[[Any], Any]) -> dict[str, Any] | None:
    """The ``calendar:`` section for *calendar*, or None for the plain Gregorian one."""
    if not isinstance(calendar, Calendar):  # only then can it be one of the others
        from okrkit._cycle import CycleCalendar  # noqa: PLC0415
        from okrkit._retail import RetailCalendar  # noqa: PLC0415

        if isinstance(calendar, RetailCalendar):
            return {
                "kind": "retail",
                "pattern": calendar.pattern,
                "year_end_month": calendar.year_end_month,
                "week_ends_on": calendar.week_ends_on,
                "rule": calendar.rule,
                "named_by": calendar.named_by,
                "week53": "last" if calendar.week53 == 12 else calendar.week53,
            }
        if isinstance(calendar, CycleCalendar):
            cycle = {"kind": "cycle", "start": date(calendar.start)}
            if calendar.weeks is not None:
                return {**cycle, "weeks": calendar.weeks}
            return {**cycle, "days": calendar.days}
    if calendar == Calendar():
        return None
    data: dict[str, Any] = {"fiscal_year_start": calendar.fiscal_year_start}
    if calendar.fiscal_year_named_by != "end":
        data["fiscal_year_named_by"] = calendar.fiscal_year_named_by
    return data
