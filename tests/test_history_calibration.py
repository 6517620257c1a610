"""Confidence calibration: figures worked out by hand, the decomposition's
identity, the groups, and what it recovers from simulated histories."""

from __future__ import annotations

import datetime as dt
import json
import re
import statistics
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import okrkit
from okrkit._history._calibration import _figures
from okrkit.exceptions import InvalidTypeError, InvalidValueError, NotFoundError
from okrkit.history import GroupStatus, OwnerCalibration, calibration, simulate


AFTER = "2026-04-01"  # the day after 2026-Q1


def _kr(key: str, reached: bool, *confidences: float, owner: str | None = None) -> okrkit.KeyResult:
    """A count of calls toward 10: one check-in a week with each confidence, then
    the value at the window's end (10 if *reached*, else 5)."""
    item = okrkit.increase("calls", to="10 call", id=key, owner=owner)
    for week, confidence in enumerate(confidences):
        day = dt.date(2026, 1, 7) + dt.timedelta(days=7 * week)
        item = item.checked_in(day, f"{week} call", confidence=confidence)
    return item.checked_in("2026-03-31", "10 call" if reached else "5 call")


def _plan(*items: okrkit.KeyResult, owner: str = "sales", title: str = "Q1") -> okrkit.Plan:
    return okrkit.plan(title, period="2026-Q1").with_objectives(
        okrkit.objective("Grow", id="grow", owner=owner).measured_by(*items)
    )


def _close(value: float | None, exact: Fraction) -> bool:
    return value is not None and abs(Fraction(value) - exact) < Fraction(1, 10**12)


ANY = {"min_forecasts": 1, "min_key_results": 1}


# --- three cases worked out by hand --------------------------------------------------------


def test_case_one_two_confident_forecasts_one_wrong() -> None:
    """Forecasts 0.8, 0.8, 0.2; outcomes 1, 0, 0.

    Brier = (0.2² + 0.8² + 0.2²) / 3 = (0.04 + 0.64 + 0.04) / 3 = 0.24. The bins of
    0.8 (2 forecasts, achieved 1 of 2: ō = 1/2) and 0.2 (1 forecast, ō = 0); base
    rate ō = 1/3. Reliability = (2·(0.8 − 0.5)² + 1·(0.2 − 0)²) / 3 = 0.22 / 3;
    resolution = (2·(1/2 − 1/3)² + 1·(0 − 1/3)²) / 3 = 1/18; uncertainty =
    1/3 · 2/3 = 2/9; 0.22/3 − 1/18 + 2/9 = 0.24.
    """
    plan = _plan(_kr("a", True, 0.8), _kr("b", False, 0.8), _kr("c", False, 0.2))

    for bins in (10, "distinct"):
        found = calibration(plan, as_of=AFTER, by="plan", bins=bins, **ANY).overall
        assert found.forecasts == 3
        assert found.key_results == 3
        assert _close(found.brier, Fraction(24, 100))
        assert _close(found.reliability, Fraction(22, 300))
        assert _close(found.resolution, Fraction(1, 18))
        assert _close(found.uncertainty, Fraction(2, 9))
        assert _close(found.base_rate, Fraction(1, 3))
        assert found.within_bins == 0
    curve = calibration(plan, as_of=AFTER, bins="distinct", **ANY).overall.curve
    assert [(b.lower, b.count, b.mean_forecast, b.observed) for b in curve] == [
        (0.2, 1, 0.2, 0.0), (0.8, 2, 0.8, 0.5),
    ]  # fmt: skip


def test_case_two_a_fixed_bin_hides_a_spread_the_within_term_shows() -> None:
    """Forecasts 0.61 (missed), 0.69 (achieved), 0.05 (missed).

    Brier = (0.61² + 0.31² + 0.05²) / 3 = (0.3721 + 0.0961 + 0.0025) / 3 = 0.1569.
    Ten bins: 0.61 and 0.69 share [0.6, 0.7): f̄ = 0.65, ō = 1/2; 0.05 is alone in
    [0, 0.1). Reliability = (2·0.15² + 0.05²) / 3 = 0.0475 / 3; resolution = 1/18;
    uncertainty = 2/9; within bins = ((0.04² + 0.04²) − 2·(−0.04·−0.5 + 0.04·0.5)) / 3
    = (0.0032 − 0.08) / 3 = −0.0256; and 0.0475/3 − 1/18 + 2/9 − 0.0256 = 0.1569.
    One bin per distinct value: each forecast alone, so reliability = Brier =
    0.1569, resolution = uncertainty = 2/9, within bins 0.
    """
    plan = _plan(_kr("a", False, 0.61), _kr("b", True, 0.69), _kr("c", False, 0.05))

    fixed = calibration(plan, as_of=AFTER, **ANY).overall
    assert _close(fixed.brier, Fraction(1569, 10000))
    assert _close(fixed.reliability, Fraction(475, 30000))
    assert _close(fixed.resolution, Fraction(1, 18))
    assert _close(fixed.uncertainty, Fraction(2, 9))
    assert _close(fixed.within_bins, Fraction(-256, 10000))
    held = [(b.lower, b.upper, b.count) for b in fixed.curve if b.count]
    assert held == [(0.0, 0.1, 1), (0.6, 0.7, 2)]
    assert [b.count for b in fixed.curve] == [1, 0, 0, 0, 0, 0, 2, 0, 0, 0]
    assert _close(fixed.curve[6].mean_forecast, Fraction(65, 100))
    assert fixed.curve[6].observed == 0.5
    assert fixed.curve[3].mean_forecast is None
    assert fixed.curve[3].observed is None

    distinct = calibration(plan, as_of=AFTER, bins="distinct", **ANY).overall
    assert _close(distinct.reliability, Fraction(1569, 10000))
    assert _close(distinct.resolution, Fraction(2, 9))
    assert distinct.within_bins == 0


def test_case_three_owners_sure_and_right_and_one_too_few() -> None:
    """ana said 1.0 twice for a key result that was achieved and 0.0 for one that
    was missed: Brier 0, reliability 0, and resolution = uncertainty = 2/3 · 1/3
    = 2/9 (ō = 2/3). ben stated one confidence: below the minimum, not measured.
    The objective's owner stands in for a key result that names none."""
    plan = _plan(
        _kr("a", True, 1.0, 1.0, owner="ana"),
        _kr("b", False, 0.0, owner="ana"),
        _kr("c", True, 0.9, owner="ben"),
        _kr("d", True, 0.5, 0.7),
        owner="sales",
    )

    found = calibration(plan, as_of=AFTER, min_forecasts=2, min_key_results=1)
    assert [g.name for g in found.groups] == ["ana", "ben", "sales"]
    ana = found.group("ana")
    assert (ana.status, ana.forecasts, ana.key_results) == (GroupStatus.MEASURED, 3, 2)
    assert ana.brier == 0
    assert ana.reliability == 0
    assert _close(ana.resolution, Fraction(2, 9))
    assert _close(ana.uncertainty, Fraction(2, 9))
    ben = found.group("ben")
    assert (ben.status, ben.forecasts, ben.key_results) == (GroupStatus.NOT_ENOUGH_DATA, 1, 1)
    assert ben.brier is None
    assert ben.curve == ()
    assert found.group("sales").forecasts == 2
    assert found.overall.forecasts == 6


# --- the identity ---------------------------------------------------------------------------


PAIRS = st.lists(
    st.tuples(st.floats(min_value=0, max_value=1), st.booleans()), min_size=1, max_size=60
)


@settings(max_examples=200)
@given(pairs=PAIRS, bins=st.one_of(st.integers(min_value=1, max_value=25), st.just("distinct")))
def test_brier_is_reliability_minus_resolution_plus_uncertainty_and_the_within_term(
    pairs: list[tuple[float, bool]], bins: int | str
) -> None:
    figures = _figures(pairs, bins)

    rebuilt = (
        figures["reliability"] - figures["resolution"] + figures["uncertainty"]
        + figures["within_bins"]
    )  # fmt: skip
    assert rebuilt == pytest.approx(figures["brier"], abs=1e-12)
    assert sum(b.count for b in figures["curve"]) == len(pairs)
    if bins == "distinct":
        assert figures["within_bins"] == 0


@settings(max_examples=100)
@given(pairs=PAIRS)
def test_a_forecast_on_a_bin_edge_is_in_the_bin_above(pairs: list[tuple[float, bool]]) -> None:
    edges = [(k / 10, True) for k in range(11)]

    curve = _figures(edges + pairs, 10)["curve"]
    for piece in curve:
        lowest = min(f for f, _o in edges + pairs if piece.lower <= f)
        assert piece.count >= 1
        assert lowest >= piece.lower
    assert curve[-1].upper == 1.0


# --- what counts as a forecast ------------------------------------------------------------


def test_only_ended_windows_count_and_the_rest_is_said() -> None:
    early = _kr("early", True, 0.9).due("2026-02-28")  # its window ends on its deadline
    plain = _kr("plain", False, 0.3)
    quiet = okrkit.increase("calls", to="10 call", id="quiet").checked_in("2026-01-07", "1 call")
    late = _kr("late", True).checked_in("2026-04-05", "12 call", confidence=1.0)
    q1 = _plan(early, plain, quiet, late, title="Q1")
    q2 = (
        okrkit.plan("Q2", period="2026-Q2")
        .with_objectives(okrkit.objective("Grow", id="grow", owner="sales").measured_by(
            okrkit.increase("calls", to="10 call", id="next").checked_in(
                "2026-04-07", "2 call", confidence=0.6)))
    )  # fmt: skip
    undated = okrkit.Plan(objectives=q2.objectives)

    mid = calibration([q1, q2, undated], as_of="2026-03-15", **ANY)
    assert [(f.key_result, f.confidence) for f in mid.forecasts] == [("early", 0.9)]
    assert (mid.ended, mid.open, mid.no_period) == (1, 3, 1)
    after = calibration([q1, q2, undated], as_of=AFTER, **ANY)
    assert [(f.key_result, f.confidence, f.achieved) for f in after.forecasts] == [
        ("early", 0.9, False),  # 0 calls by its deadline: missed
        ("plain", 0.3, False),
    ]  # the confidence after the window's end is no forecast; "late" stated none inside
    assert (after.ended, after.open, after.no_period) == (2, 1, 1)


def test_a_milestone_is_achieved_when_done() -> None:
    won = okrkit.achieve("Win the tender", id="tender", done=True).checked_in(
        "2026-02-01", "0", confidence=0.4
    )
    found = calibration(_plan(won), as_of=AFTER, **ANY)

    assert [(f.key_result, f.achieved) for f in found.forecasts] == [("tender", True)]
    assert _close(found.overall.brier, Fraction(36, 100))


def test_a_window_that_ends_on_as_of_has_not_ended() -> None:
    plan = _plan(_kr("a", True, 0.8))

    assert calibration(plan, as_of="2026-03-31", **ANY).overall.forecasts == 0
    assert calibration(plan, as_of="2026-04-01", **ANY).overall.forecasts == 1


def test_groups_by_team_and_plan() -> None:
    q1 = _plan(_kr("a", True, 0.8), owner="north", title="Sales")
    q2 = _plan(_kr("b", False, 0.8, owner="ana"), owner="south", title="Sales")

    by_team = calibration([q1, q2], as_of=AFTER, by="team", **ANY)
    assert [g.name for g in by_team.groups] == ["north", "south"]
    by_plan = calibration([q1, q2], as_of=AFTER, by="plan", **ANY)
    assert [g.name for g in by_plan.groups] == ["Sales #1", "Sales #2"]
    named = calibration([q1, q2], as_of=AFTER, by="plan", names=["q1.yaml", "q2.yaml"], **ANY)
    assert [g.name for g in named.groups] == ["q1.yaml", "q2.yaml"]


def test_the_json_document_holds_every_figure() -> None:
    plan = _plan(_kr("a", True, 0.8), _kr("b", False, 0.8), _kr("c", False, 0.2))
    found = calibration(plan, as_of=AFTER, **ANY)

    document = json.loads(found.to_json())
    assert document["as_of"] == "2026-04-01"
    assert document["by"] == "owner"
    assert document["bins"] == 10
    assert document["key_results"] == {"ended": 3, "open": 0, "no_period": 0}
    assert document["overall"]["brier"] == pytest.approx(0.24)
    assert document["groups"][0]["name"] == "sales"
    assert len(document["groups"][0]["curve"]) == 10
    assert set(document["overall"]) == {
        "name", "status", "forecasts", "key_results", "base_rate", "mean_forecast", "brier",
        "reliability", "resolution", "uncertainty", "within_bins", "curve",
    }  # fmt: skip


# --- wrong arguments ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("keywords", "error", "named"),
    [({"by": "person"}, InvalidValueError, "calibration(by)"),
     ({"bins": 0}, InvalidValueError, "calibration(bins)"),
     ({"bins": "fixed"}, InvalidValueError, "calibration(bins)"),
     ({"bins": 2.5}, InvalidTypeError, "calibration(bins)"),
     ({"as_of": "2026-13-01"}, InvalidValueError, "calibration(as_of)"),
     ({"min_forecasts": 0}, InvalidValueError, "calibration(min_forecasts)"),
     ({"names": ["one", "two"]}, InvalidValueError, "calibration(names)"),
     ({"lang": "fr"}, InvalidValueError, "lang")],
)  # fmt: skip
def test_a_wrong_argument_is_refused_by_name(
    keywords: dict[str, object], error: type[Exception], named: str
) -> None:
    arguments: dict[str, object] = {"as_of": AFTER, **keywords}
    with pytest.raises(error, match=re.escape(named)):
        calibration(_plan(_kr("a", True, 0.5)), **arguments)  # type: ignore[arg-type]


def test_plans_must_be_plans() -> None:
    with pytest.raises(InvalidTypeError, match=r"calibration\(plans\)\[1\]"):
        calibration([_plan(), "q2.yaml"], as_of=AFTER)  # type: ignore[list-item]
    with pytest.raises(InvalidTypeError, match=r"calibration\(plans\)"):
        calibration("q1.yaml", as_of=AFTER)  # type: ignore[arg-type]


def test_a_group_that_is_not_there_is_not_found() -> None:
    found = calibration(_plan(_kr("a", True, 0.5)), as_of=AFTER)

    with pytest.raises(NotFoundError):
        found.group("nobody")


# --- simulated histories -------------------------------------------------------------------


def test_the_forecasts_are_the_simulation_s_confidences_and_outcomes() -> None:
    made = simulate(teams=2, quarters=2, seed=5)
    found = calibration(made.plans, as_of="2026-07-01", **ANY)

    assert sorted(
        (f.plan, f.key_result, f.owner, f.date, f.confidence, f.achieved) for f in found.forecasts
    ) == sorted(
        (c.plan, c.key_result, c.owner, c.date, c.confidence, c.achieved)
        for c in made.truth.confidences
    )


SEEDS = range(20)


def test_calibrated_owners_are_more_reliable_than_over_confident_ones() -> None:
    """Over 20 histories (4 teams, 4 quarters, half the 8 owners over-confident by
    0.5): in every history the calibrated owners' mean reliability is lower; and
    comparing each calibrated owner with each over-confident one, the calibrated
    one is lower in most pairs (the docs give the rate over 200 histories)."""
    wins = pairs = 0
    for seed in SEEDS:
        made = simulate(seed=seed)
        found = calibration(made.plans, as_of="2027-01-01")
        good, bad = [], []
        for group in found.groups:
            assert group.status is GroupStatus.MEASURED
            assert group.reliability is not None
            kind = made.truth.owner(group.name or "").calibration
            (good if kind is OwnerCalibration.CALIBRATED else bad).append(group.reliability)
        assert statistics.mean(good) < statistics.mean(bad)
        wins += sum(g < b for g in good for b in bad)
        pairs += len(good) * len(bad)
    assert wins / pairs > 0.8


def test_each_key_result_is_scored_once_whatever_its_deadline(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Key results with 50 different deadlines cost 50 scorings, not 50 of the whole
    plan each (2,500): a plan of many deadlines stays linear."""
    from okrkit import _score

    items = [
        _kr(f"k{day}", day % 2 == 0, 0.5).due(dt.date(2026, 2, 1) + dt.timedelta(days=day))
        for day in range(50)
    ]
    counted = 0
    progress = _score._progress

    def counting(*args: object) -> tuple[float, float | None, bool]:
        nonlocal counted
        counted += 1
        return progress(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(_score, "_progress", counting)
    found = calibration(_plan(*items), as_of=AFTER, **ANY)

    assert found.overall.forecasts == 50
    assert counted == 50
