"""Hypothesis strategies that build valid plans directly (no filtering)."""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

import okrkit
from okrkit import (
    Amount,
    Calendar,
    CheckIn,
    CycleCalendar,
    Initiative,
    KeyResult,
    Link,
    Objective,
    Period,
    Plan,
    RetailCalendar,
)
from okrkit._calendars import AnyCalendar
from okrkit._retail import PATTERNS, WEEKDAYS
from okrkit._text import read_key_result, read_plan


UNITS = (None, "day", "hour", "USD", "EUR", "call/week", "lead", "percent", "minute", "ticket")

ids = st.from_regex(r"[a-z][a-z0-9-]{0,15}", fullmatch=True)
days = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2090, 12, 31))


@st.composite
def texts(draw: st.DrawFn, *, min_size: int = 1, max_size: int = 60) -> str:
    """Any text a person might type, including accents, quotes and symbols, stripped."""
    raw = draw(
        st.text(
            st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp")),
            min_size=min_size,
            max_size=max_size,
        )
    )
    stripped = raw.strip()
    return stripped or draw(st.sampled_from(["x", "Ñandú", "meta: 100%", "#1 'q'"]))


def optional_texts() -> st.SearchStrategy[str | None]:
    return st.none() | texts()


numbers = st.floats(allow_nan=False, allow_infinity=False, min_value=-1e18, max_value=1e18)


def amounts() -> st.SearchStrategy[Amount]:
    return st.builds(Amount, numbers, st.sampled_from(UNITS))


def gregorian_calendars() -> st.SearchStrategy[Calendar]:
    """Gregorian calendars with a fiscal year that starts in any month."""
    return st.builds(
        Calendar,
        fiscal_year_start=st.integers(1, 12),
        fiscal_year_named_by=st.sampled_from(["end", "start"]),
    )


def retail_calendars() -> st.SearchStrategy[RetailCalendar]:
    """Retail calendars with every pattern, year end, week end, rule, naming and week 53."""
    return st.builds(
        RetailCalendar,
        pattern=st.sampled_from(PATTERNS),
        year_end_month=st.integers(1, 12),
        week_ends_on=st.sampled_from(WEEKDAYS),
        rule=st.sampled_from(["nearest", "last"]),
        named_by=st.sampled_from(["start", "end"]),
        week53=st.integers(1, 12),
    )


def cycle_calendars() -> st.SearchStrategy[CycleCalendar]:
    """Cycles of 1 to 13 weeks or 1 to 120 days from any start."""
    return st.builds(CycleCalendar, days, weeks=st.integers(1, 13)) | st.builds(
        CycleCalendar, days, days=st.integers(1, 120)
    )


def calendars() -> st.SearchStrategy[AnyCalendar]:
    """Any calendar a plan can use."""
    return st.one_of(gregorian_calendars(), retail_calendars(), cycle_calendars())


@st.composite
def periods(draw: st.DrawFn, calendar: AnyCalendar | None = None) -> Period:
    calendar = calendar or Calendar()
    if not isinstance(calendar, Calendar):
        return draw(_named_periods(calendar))
    year = draw(st.integers(1995, 2085))
    kind = draw(st.sampled_from(["year", "half", "quarter", "month", "week", "fy", "fq", "range"]))
    if kind == "year":
        return calendar.year(year)
    if kind == "half":
        return calendar.half(year, draw(st.integers(1, 2)))
    if kind == "quarter":
        return calendar.quarter(year, draw(st.integers(1, 4)))
    if kind == "month":
        return calendar.month(year, draw(st.integers(1, 12)))
    if kind == "week":
        return calendar.iso_week(year, draw(st.integers(1, 52)))
    if kind == "fy":
        return calendar.fiscal_year(year)
    if kind == "fq":
        return calendar.fiscal_quarter(year, draw(st.integers(1, 4)))
    start = draw(days)
    return Period(start, start + dt.timedelta(days=draw(st.integers(0, 400))))


@st.composite
def _named_periods(draw: st.DrawFn, calendar: RetailCalendar | CycleCalendar) -> Period:
    """A period the calendar lists for some year and unit, or an explicit range."""
    unit = draw(st.sampled_from([*calendar.units, "range"]))
    named = () if unit == "range" else calendar.periods(draw(st.integers(1995, 2085)), unit)
    if named:
        return draw(st.sampled_from(named))
    start = draw(days)
    return Period(start, start + dt.timedelta(days=draw(st.integers(0, 400))))


def cadences() -> st.SearchStrategy[okrkit.Cadence]:
    return st.builds(
        okrkit.Cadence,
        st.sampled_from(["weekly", "biweekly", "monthly"]),
        weekday=st.none() | st.integers(0, 6),
        day=st.none() | st.integers(1, 31),
    )


def checkins() -> st.SearchStrategy[CheckIn]:
    return st.builds(
        CheckIn,
        days,
        amounts(),
        confidence=st.none() | st.floats(0, 1),
        note=optional_texts(),
        source=st.none() | st.just("https://example.com/dashboard"),
    )


def initiatives() -> st.SearchStrategy[Initiative]:
    return st.builds(Initiative, texts(), owner=st.none() | ids, done=st.booleans())


def key_results() -> st.SearchStrategy[KeyResult]:
    """Key results as the DSL and the loaders make them: statements already read."""
    return raw_key_results().map(read_key_result)


def raw_key_results() -> st.SearchStrategy[KeyResult]:
    """Key results built with the plain constructor: statements not read yet."""
    return st.builds(
        KeyResult,
        optional_texts(),
        id=st.none() | ids,
        metric=optional_texts(),
        direction=st.none() | st.sampled_from(okrkit.Direction),
        baseline=st.none() | amounts(),
        target=st.none() | amounts(),
        change=st.none() | amounts(),
        per=st.none() | st.sampled_from(okrkit.Per),
        share=st.none() | st.builds(Amount, st.floats(0, 100), st.just("percent")),
        nature=st.none() | st.sampled_from(okrkit.Nature),
        deadline=st.none() | days,
        weight=st.floats(0, 100),
        owner=st.none() | ids,
        done=st.booleans(),
        strict=st.booleans(),
        checkins=st.lists(checkins(), max_size=3).map(tuple),
        initiatives=st.lists(initiatives(), max_size=2).map(tuple),
        ignore=st.lists(ids, max_size=2).map(tuple),
        cadence=st.none() | cadences(),
    )


@st.composite
def objectives(draw: st.DrawFn, calendar: AnyCalendar | None = None) -> Objective:
    return Objective(
        draw(texts()),
        id=draw(st.none() | ids),
        owner=draw(optional_texts()),
        period=draw(st.none() | periods(calendar)),
        commitment=draw(st.sampled_from(okrkit.Commitment)),
        parent=draw(st.none() | ids),
        weight=draw(st.floats(0, 10)),
        key_results=tuple(draw(st.lists(key_results(), max_size=3))),
        ignore=tuple(draw(st.lists(ids, max_size=2))),
    )


def plans() -> st.SearchStrategy[Plan]:
    """Plans as the DSL and the loaders make them: statements read in the plan's
    language and currency."""
    return raw_plans().map(read_plan)


@st.composite
def raw_plans(draw: st.DrawFn) -> Plan:
    calendar = draw(calendars())
    return Plan(
        draw(optional_texts()),
        period=draw(st.none() | periods(calendar)),
        currency=draw(st.sampled_from(["USD", "EUR", "MXN"])),
        lang=draw(st.sampled_from([None, "en", "es"])),
        cadence=draw(st.none() | cadences()),
        calendar=calendar,
        objectives=tuple(draw(st.lists(objectives(calendar), max_size=3))),
        links=tuple(
            draw(st.lists(st.builds(Link, ids, ids, because=optional_texts()), max_size=3))
        ),
    )
