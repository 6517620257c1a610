"""Check-in histories and cadences: what was known when, and when the next check-in is due."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

import okrkit
from okrkit._cadence import Cadence, Every


D = dt.date


def test_history_is_in_date_order_and_cut_at_a_date() -> None:
    """Check-ins come back in date order, and as known on any date."""
    item = (
        okrkit.increase("leads", to="100 lead")
        .checked_in("2026-02-10", "40 lead")
        .checked_in("2026-01-10", "10 lead", note="primer mes")
        .checked_in("2026-03-10", "80 lead")
    )

    assert [c.date for c in item.history()] == [D(2026, 1, 10), D(2026, 2, 10), D(2026, 3, 10)]
    assert [c.date for c in item.history(until=D(2026, 2, 10))] == [D(2026, 1, 10), D(2026, 2, 10)]
    assert item.checkin_as_of(D(2026, 2, 9)).note == "primer mes"
    assert item.checkin_as_of(D(2025, 12, 31)) is None


def test_checkins_keep_their_source() -> None:
    """A check-in can say where its value came from."""
    item = okrkit.increase("leads", to="100 lead").checked_in(
        "2026-02-10", "40 lead", source="https://crm.example/report/7"
    )

    assert item.checkins[0].source == "https://crm.example/report/7"


def test_weekly_on_a_weekday() -> None:
    """A weekly cadence on Fridays gives every Friday of the window."""
    dates = Cadence("weekly", weekday="viernes").due_dates(D(2026, 1, 1), D(2026, 1, 31))

    assert dates == (D(2026, 1, 2), D(2026, 1, 9), D(2026, 1, 16), D(2026, 1, 23), D(2026, 1, 30))


def test_biweekly_follows_the_window_start() -> None:
    """Every two weeks, from the window's first day's weekday."""
    dates = Cadence("biweekly").due_dates(D(2026, 1, 1), D(2026, 2, 28))

    assert dates == (D(2026, 1, 1), D(2026, 1, 15), D(2026, 1, 29), D(2026, 2, 12), D(2026, 2, 26))


def test_monthly_clamps_to_the_month_end() -> None:
    """Monthly on the 31st falls on the last day of shorter months."""
    dates = Cadence("monthly", day=31).due_dates(D(2026, 1, 1), D(2026, 4, 30))

    assert dates == (D(2026, 1, 31), D(2026, 2, 28), D(2026, 3, 31), D(2026, 4, 30))


def test_next_due() -> None:
    """The next check-in is the first promised date after the last one given."""
    weekly = Cadence(Every.WEEK, weekday="monday")
    window = {"start": D(2026, 1, 1), "end": D(2026, 3, 31)}

    assert weekly.next_due(**window) == D(2026, 1, 5)
    assert weekly.next_due(**window, last=D(2026, 1, 5)) == D(2026, 1, 12)
    assert weekly.next_due(**window, last=D(2026, 3, 30)) is None


@pytest.mark.parametrize(
    ("every", "weekday", "day"),
    [("yearly", None, None), ("weekly", "someday", None), ("monthly", None, 32)],
)
def test_bad_cadences(every: str, weekday: str | None, day: int | None) -> None:
    """A cadence that cannot exist says which field and what it accepts."""
    with pytest.raises(okrkit.InvalidValueError, match="Cadence"):
        Cadence(every, weekday=weekday, day=day)


@given(st.sampled_from(list(Every)), st.dates(D(2000, 1, 1), D(2090, 1, 1)), st.integers(0, 400))
def test_due_dates_lie_in_the_window_in_order(every: Every, start: dt.date, days: int) -> None:
    """Promised dates are inside the window, strictly increasing."""
    end = start + dt.timedelta(days=days)

    dates = Cadence(every).due_dates(start, end)

    assert all(start <= d <= end for d in dates)
    assert list(dates) == sorted(set(dates))


def test_scores_say_when_the_next_checkin_is_due() -> None:
    """With a cadence, each key result's score says when its next check-in is due."""
    item = okrkit.increase("leads", to="100 lead").checked_in("2026-02-06", "40 lead")
    weekly = (
        okrkit.objective("Crecer", id="o")
        .owned_by("v")
        .during("2026-Q1")
        .measured_by(item, item.with_id("mensual").checked_in_every("monthly"))
    )
    plan = (
        okrkit.plan("p")
        .with_objectives(weekly)
        .checked_in_every(Cadence("weekly", weekday="friday"))
    )

    card = okrkit.score(plan, as_of="2026-02-10")

    assert card.key_result("leads").next_checkin == D(2026, 2, 13)
    assert card.key_result("mensual").next_checkin == D(2026, 3, 1)
    assert card.to_dict()["objectives"][0]["key_results"][0]["next_checkin"] == "2026-02-13"
