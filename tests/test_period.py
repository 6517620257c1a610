"""Periods and the calendar that names them, in English and Spanish."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from okrkit import Calendar, Period, PeriodError


D = dt.date
GREGORIAN = Calendar()


@pytest.mark.parametrize(
    ("text", "start", "end", "label"),
    [
        ("2026", D(2026, 1, 1), D(2026, 12, 31), "2026"),
        ("2026-H2", D(2026, 7, 1), D(2026, 12, 31), "2026-H2"),
        ("2026-Q1", D(2026, 1, 1), D(2026, 3, 31), "2026-Q1"),
        ("2026-03", D(2026, 3, 1), D(2026, 3, 31), "2026-03"),
        ("2026-W05", D(2026, 1, 26), D(2026, 2, 1), "2026-W05"),
        ("2026-01-15..2026-04-14", D(2026, 1, 15), D(2026, 4, 14), None),
        ("Q1 2026", D(2026, 1, 1), D(2026, 3, 31), "2026-Q1"),
        ("primer trimestre 2026", D(2026, 1, 1), D(2026, 3, 31), "2026-Q1"),
        ("Primer Trimestre del 2026", D(2026, 1, 1), D(2026, 3, 31), "2026-Q1"),
        ("T3 2026", D(2026, 7, 1), D(2026, 9, 30), "2026-Q3"),
        ("3T 2026", D(2026, 7, 1), D(2026, 9, 30), "2026-Q3"),
        ("segundo semestre 2026", D(2026, 7, 1), D(2026, 12, 31), "2026-H2"),
        ("second half of 2026", D(2026, 7, 1), D(2026, 12, 31), "2026-H2"),
        ("third quarter 2026", D(2026, 7, 1), D(2026, 9, 30), "2026-Q3"),
        ("marzo de 2026", D(2026, 3, 1), D(2026, 3, 31), "2026-03"),
        ("February 2028", D(2028, 2, 1), D(2028, 2, 29), "2028-02"),
        ("semana 5 de 2026", D(2026, 1, 26), D(2026, 2, 1), "2026-W05"),
        ("año 2026", D(2026, 1, 1), D(2026, 12, 31), "2026"),
        ("FY2027", D(2027, 1, 1), D(2027, 12, 31), "FY2027"),
    ],
)
def test_gregorian_labels(text: str, start: dt.date, end: dt.date, label: str | None) -> None:
    """English and Spanish labels name the same date ranges, with a canonical label."""
    period = GREGORIAN.period(text)

    assert (start, end) == (period.start, period.end)
    assert label == period.label


@pytest.mark.parametrize(
    ("calendar", "text", "start", "end"),
    [
        (Calendar(fiscal_year_start=4), "FY2027", D(2026, 4, 1), D(2027, 3, 31)),
        (Calendar(fiscal_year_start=4), "FY2027-Q2", D(2026, 7, 1), D(2026, 9, 30)),
        (Calendar(fiscal_year_start=4), "Q4 FY27", D(2027, 1, 1), D(2027, 3, 31)),
        (Calendar(fiscal_year_start=10), "FY2017", D(2016, 10, 1), D(2017, 9, 30)),
        (
            Calendar(fiscal_year_start=4, fiscal_year_named_by="start"),
            "FY2026",
            D(2026, 4, 1),
            D(2027, 3, 31),
        ),
        (Calendar(fiscal_year_start=7), "año fiscal 2027 H1", D(2026, 7, 1), D(2026, 12, 31)),
    ],
)
def test_fiscal_labels(calendar: Calendar, text: str, start: dt.date, end: dt.date) -> None:
    """Fiscal years start in the configured month and are named by their end (or start) year."""
    period = calendar.period(text)

    assert (start, end) == (period.start, period.end)


@pytest.mark.parametrize("text", ["Q5 2026", "2026-13", "2026-W60", "next quarter", "", "H3 2026"])
def test_unknown_labels(text: str) -> None:
    """Text that names no period raises a PeriodError that lists the accepted forms."""
    with pytest.raises(PeriodError):
        GREGORIAN.period(text)


def test_a_year_with_53_iso_weeks() -> None:
    """2026 has an ISO week 53; 2025 does not."""
    assert GREGORIAN.period("2026-W53").end == D(2027, 1, 3)
    with pytest.raises(PeriodError, match="no ISO week 53"):
        GREGORIAN.period("2025-W53")


def test_containment_and_overlap() -> None:
    """A quarter lies inside its year; neighbouring quarters do not overlap."""
    year, q1, q2 = GREGORIAN.year(2026), GREGORIAN.quarter(2026, 1), GREGORIAN.quarter(2026, 2)

    assert q1 in year
    assert year.contains(D(2026, 6, 30))
    assert not q1.overlaps(q2)
    assert q1.overlaps(GREGORIAN.period("2026-03-15..2026-04-15"))
    assert q1.days == 90
    assert q1.stop == D(2026, 4, 1)


def test_equality_is_by_dates() -> None:
    """Two periods with the same dates are equal whatever they are called."""
    assert GREGORIAN.period("2026-Q1") == Period(D(2026, 1, 1), D(2026, 3, 31))


@given(st.integers(1, 12), st.sampled_from(["end", "start"]), st.integers(1950, 2100))
def test_fiscal_quarters_tile_the_fiscal_year(month: int, named_by: str, year: int) -> None:
    """The four fiscal quarters are contiguous and cover their fiscal year exactly."""
    calendar = Calendar(fiscal_year_start=month, fiscal_year_named_by=named_by)
    whole = calendar.fiscal_year(year)
    quarters = [calendar.fiscal_quarter(year, q) for q in range(1, 5)]

    assert quarters[0].start == whole.start
    assert quarters[-1].end == whole.end
    for before, after in itertools.pairwise(quarters):
        assert before.stop == after.start
    assert sum(q.days for q in quarters) == whole.days


def test_calendar_refuses_a_thirteenth_month() -> None:
    """The fiscal year starts in a month from 1 to 12."""
    with pytest.raises(ValueError, match="from 1 to 12"):
        Calendar(fiscal_year_start=13)


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("9999", dt.date(9999, 1, 1), dt.date(9999, 12, 31)),
        ("9999-H2", dt.date(9999, 7, 1), dt.date(9999, 12, 31)),
        ("9999-Q4", dt.date(9999, 10, 1), dt.date(9999, 12, 31)),
        ("diciembre de 9999", dt.date(9999, 12, 1), dt.date(9999, 12, 31)),
        ("FY9999", dt.date(9999, 1, 1), dt.date(9999, 12, 31)),
        ("9999-W51", dt.date(9999, 12, 20), dt.date(9999, 12, 26)),
    ],
)
def test_the_last_year_has_every_period_that_ends_in_it(
    text: str, start: dt.date, end: dt.date
) -> None:
    """A period that ends by 9999-12-31 exists, though the day after it does not."""
    period = Calendar().period(text)

    assert (period.start, period.end) == (start, end)
    assert Calendar().period(Calendar().describe(period)) == period


@pytest.mark.parametrize(
    ("calendar", "text"),
    [
        (Calendar(), "9999-W52"),  # its Sunday is 10000-01-02
        (Calendar(fiscal_year_start=4, fiscal_year_named_by="start"), "FY9999"),
        (Calendar(fiscal_year_start=4), "FY0001-Q1"),  # it would start in the year 0
    ],
)
def test_a_period_past_the_dates_there_are_says_so(calendar: Calendar, text: str) -> None:
    with pytest.raises(
        PeriodError,
        match=r": its days would run outside 0001-01-01\.\.9999-12-31, the dates a calendar holds$",
    ):
        calendar.period(text)
