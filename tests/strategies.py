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
from okrkit.rules import registered_rules


UNITS = (None, "day", "hour", "USD", "EUR", "call/week", "lead", "percent", "minute", "ticket")

ids = st.from_regex(r"[a-z][a-z0-9-]{0,15}", fullmatch=True)
days = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2090, 12, 31))
rule_ids = st.sampled_from(sorted(made.id for made in registered_rules()))
"""Ids an ignore: list may name: a rule's (an unknown one is refused at check time)."""


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


# The builders below draw their free text and their ids from *text* and *ident*:
# people's text and slugs by default, `tricky_texts()` and `tricky_ids` to attack
# the file formats.
Text = st.SearchStrategy[str]
PEOPLE_TEXT = texts()


def optional_texts(text: Text = PEOPLE_TEXT) -> st.SearchStrategy[str | None]:
    return st.none() | text


# Words a YAML 1.1 or 1.2 reader, a TOML or JSON reader, or a terminal takes for
# something other than text, and characters that are line breaks to some readers only.
TRICKY_WORDS = (
    "yes", "Yes", "NO", "no", "on", "Off", "y", "n", "~", "null", "Null", "NULL", "true",
    "False", "1.10", "12:30", "1:20:30", "0o17", "0x1F", "0b101", "017", "1e5", "-1E-5",
    "+12", ".5", "5.", "1_000", ".inf", "-.Inf", ".NaN", "nan", "inf", "2026-01-05",
    "2026-01-05T10:00:00Z", "<<", "=", "-", "---", "...", "- x", "? x", "a: b", "a :b",
    "x #y", "#x", "&a", "*a", "!x", "!!str", "|", ">", "%TAG", "@x", "`x", "'", '"',
    "{a: 1}", "[1, 2]", ",", "\\", "\\n", "\\u2028", '"""', "'''", "[[objectives]]",
    "key = 1", "\x1b[31mred", "Ñandú", "😀", "\U0010fffd",
)  # fmt: skip
TRICKY_CHARACTERS = (
    "\t\n\r\x0b\x0c\x00\x01\x1b\x1f\x7f\x80\x85\x9f\xa0"
    "\u2028\u2029\u200b\u200e\u3000\ufeff\ufffe\uffff"
)


@st.composite
def tricky_texts(draw: st.DrawFn, *, min_size: int = 1) -> str:
    """Text made of words that read as numbers, booleans, nulls, dates or YAML
    syntax, joined by spaces, line breaks and control characters, as a model
    field keeps it (stripped, never empty)."""
    pieces = draw(
        st.lists(
            st.sampled_from(TRICKY_WORDS)
            | st.sampled_from(TRICKY_CHARACTERS)
            | st.just(" ")
            | st.text(st.characters(codec="utf-8"), max_size=3),
            min_size=min_size,
            max_size=8,
        )
    )
    text = "".join(pieces).strip()
    return text or draw(st.sampled_from(TRICKY_WORDS))


tricky_ids = st.sampled_from([w for w in TRICKY_WORDS if " " not in w and "/" not in w]) | ids


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


def checkins(text: Text = PEOPLE_TEXT) -> st.SearchStrategy[CheckIn]:
    return st.builds(
        CheckIn,
        days,
        amounts(),
        confidence=st.none() | st.floats(0, 1),
        note=optional_texts(text),
        source=st.none() | st.just("https://example.com/dashboard") | text,
    )


def initiatives(text: Text = PEOPLE_TEXT, ident: Text = ids) -> st.SearchStrategy[Initiative]:
    return st.builds(Initiative, text, owner=st.none() | ident, done=st.booleans())


def key_results(text: Text = PEOPLE_TEXT, ident: Text = ids) -> st.SearchStrategy[KeyResult]:
    """Key results as the DSL and the loaders make them: statements already read."""
    return raw_key_results(text, ident).map(read_key_result)


def raw_key_results(text: Text = PEOPLE_TEXT, ident: Text = ids) -> st.SearchStrategy[KeyResult]:
    """Key results built with the plain constructor: statements not read yet."""
    return st.builds(
        KeyResult,
        optional_texts(text),
        id=st.none() | ident,
        metric=optional_texts(text),
        direction=st.none() | st.sampled_from(okrkit.Direction),
        baseline=st.none() | amounts(),
        target=st.none() | amounts(),
        change=st.none() | amounts(),
        per=st.none() | st.sampled_from(okrkit.Per),
        share=st.none() | st.builds(Amount, st.floats(0, 100), st.just("percent")),
        nature=st.none() | st.sampled_from(okrkit.Nature),
        deadline=st.none() | days,
        weight=st.floats(0, 100),
        owner=st.none() | ident,
        done=st.booleans(),
        strict=st.booleans(),
        checkins=st.lists(checkins(text), max_size=3).map(tuple),
        initiatives=st.lists(initiatives(text, ident), max_size=2).map(tuple),
        ignore=st.lists(rule_ids, max_size=2).map(tuple),
        cadence=st.none() | cadences(),
    )


@st.composite
def objectives(
    draw: st.DrawFn,
    calendar: AnyCalendar | None = None,
    text: Text = PEOPLE_TEXT,
    ident: Text = ids,
) -> Objective:
    return Objective(
        draw(text),
        id=draw(st.none() | ident),
        owner=draw(optional_texts(text)),
        period=draw(st.none() | periods(calendar)),
        commitment=draw(st.sampled_from(okrkit.Commitment)),
        parent=draw(st.none() | ident),
        weight=draw(st.floats(0, 10)),
        key_results=tuple(draw(st.lists(key_results(text, ident), max_size=3))),
        ignore=tuple(draw(st.lists(rule_ids, max_size=2))),
    )


def plans(text: Text = PEOPLE_TEXT, ident: Text = ids) -> st.SearchStrategy[Plan]:
    """Plans as the DSL and the loaders make them: statements read in the plan's
    language and currency."""
    return raw_plans(text, ident).map(read_plan)


@st.composite
def raw_plans(draw: st.DrawFn, text: Text = PEOPLE_TEXT, ident: Text = ids) -> Plan:
    calendar = draw(calendars())
    return Plan(
        draw(optional_texts(text)),
        period=draw(st.none() | periods(calendar)),
        currency=draw(st.sampled_from(["USD", "EUR", "MXN"])),
        lang=draw(st.sampled_from([None, "en", "es"])),
        cadence=draw(st.none() | cadences()),
        calendar=calendar,
        objectives=tuple(draw(st.lists(objectives(calendar, text, ident), max_size=3))),
        links=tuple(
            draw(
                st.lists(
                    st.builds(Link, ident, ident, because=optional_texts(text)),
                    max_size=3,
                )
            )
        ),
    )
