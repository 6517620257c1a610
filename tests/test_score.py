"""Scoring: the contract's formulas pinned, pacing and status, roll-ups, forecasts, laws."""

from __future__ import annotations

import datetime as dt
import json
import math
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

import okrkit
from okrkit import Amount, Direction, Grade, Status, achieve, at_least, at_most, increase, reduce
from okrkit._score import expected_progress, raw_progress


D = dt.date
Q1 = "2026-Q1"
MID = D(2026, 2, 15)  # 45 of Q1's 90 days gone: expected 0.5


def card(*key_results: okrkit.KeyResult, as_of: dt.date = MID, **options) -> okrkit.Scorecard:
    objective = okrkit.objective("Cumplir la meta", id="meta").owned_by("v").during(Q1)
    plan = okrkit.plan("p").with_objectives(objective.measured_by(*key_results))
    return okrkit.score(plan, as_of=as_of, **options)


def only(*key_results: okrkit.KeyResult, **options) -> okrkit.KeyResultScore:
    return card(*key_results, **options).objectives[0].key_results[0]


class TestFormulas:
    @pytest.mark.parametrize(
        ("direction", "s", "t", "a", "expected"),
        [
            (Direction.INCREASE, 100, 200, 150, 0.5),
            (Direction.INCREASE, None, 170, 85, 0.5),  # no baseline: s = 0
            (Direction.INCREASE, 100, 200, 250, 1.5),  # over-achievement kept raw
            (Direction.INCREASE, 100, 200, 50, -0.5),
            (Direction.DECREASE, 35, 26, 30.5, 0.5),
            (Direction.AT_LEAST, None, 4.5, 4.5, 1.0),
            (Direction.AT_LEAST, None, 4.5, 4.4, 0.0),
            (Direction.AT_MOST, None, 2, 2, 1.0),
            (Direction.AT_MOST, None, 2, 2.1, 0.0),
        ],
    )
    def test_progress(self, direction, s, t, a, expected) -> None:
        """Each direction's progress is the contract's formula."""
        assert expected == pytest.approx(raw_progress(direction, s, t, a))

    def test_strict_bounds(self) -> None:
        """A strict bound excludes the bound itself."""
        assert raw_progress(Direction.AT_LEAST, None, 5, 5, strict=True) == 0.0
        assert raw_progress(Direction.AT_MOST, None, 5, 5, strict=True) == 0.0

    def test_milestones(self) -> None:
        """achieve is 1 when done, 0 otherwise."""
        assert raw_progress(Direction.ACHIEVE, None, None, None, done=True) == 1.0
        assert raw_progress(Direction.ACHIEVE, None, None, None) == 0.0

    def test_expected_progress(self) -> None:
        """Q1 2026 is 90 days; as of 15 February, 45 have passed: expected 0.5."""
        assert expected_progress(MID, D(2026, 1, 1), D(2026, 3, 31)) == 0.5
        assert expected_progress(D(2025, 12, 1), D(2026, 1, 1), D(2026, 3, 31)) == 0.0
        assert expected_progress(D(2026, 5, 1), D(2026, 1, 1), D(2026, 3, 31)) == 1.0


class TestKeyResults:
    def test_relative_change_becomes_a_target(self) -> None:
        """by 75 % from 2,000,000 is a target of 3,500,000."""
        item = increase("pipeline", by="75%", from_="2000000 USD").checked_in(
            "2026-02-01", "2750000 USD"
        )

        assert only(item).progress == pytest.approx(0.5)

    def test_points_and_absolute_changes(self) -> None:
        """by 4 points adds 4; by $5,000 adds 5,000."""
        points = increase("margen", by="4 percentage_point", from_="30 %").checked_in(
            "2026-02-01", "32 %"
        )
        money = increase("ventas", by="5000 USD", from_="10000 USD").checked_in(
            "2026-02-01", "12500 USD"
        )

        assert only(points).progress == pytest.approx(0.5)
        assert only(money).progress == pytest.approx(0.5)

    def test_no_checkin_is_zero_and_not_started(self) -> None:
        """Before any check-in, progress is 0 and the key result has not started."""
        result = only(reduce("ciclo", from_="35 day", to="26 day"))

        assert (result.progress, result.score, result.status) == (0.0, 0.0, Status.NOT_STARTED)
        assert result.value is None

    def test_score_is_clamped_and_progress_is_not(self) -> None:
        """Over-achievement shows in progress; the score stops at 1."""
        result = only(increase("leads", to="100 lead").checked_in("2026-02-01", "130 lead"))

        assert (result.progress, result.score, result.status) == (1.3, 1.0, Status.ACHIEVED)

    def test_values_in_other_units_are_converted(self) -> None:
        """A check-in recorded in hours counts for a key result in days."""
        result = only(
            reduce("ciclo", from_="35 day", to="26 day").checked_in("2026-02-01", "732 hour")
        )

        assert result.value == Amount(30.5, "day")
        assert result.progress == pytest.approx(0.5)

    def test_rates_use_the_latest_period(self) -> None:
        """A rate is scored on the latest period's value (15 of 20 calls this week)."""
        item = (
            increase("llamadas", to="20 call", per="week")
            .checked_in("2026-02-06", "22 call")
            .checked_in("2026-02-13", "15 call")
        )

        assert only(item).progress == pytest.approx(0.75)

    def test_shares_measured_as_a_percent(self) -> None:
        """For a bound held for 90 % of a population, a measured 92 % meets it; 85 % does not."""
        item = at_most("respuesta", "5 min", share="90%")

        assert only(item.checked_in("2026-02-10", "92 %")).score == 1.0
        assert only(item.checked_in("2026-02-10", "85 %")).score == 0.0
        assert only(item.checked_in("2026-02-10", "4 min")).score == 1.0

    def test_later_checkins_are_ignored(self) -> None:
        """Scoring as of a date uses only check-ins at or before it."""
        item = (
            increase("leads", to="100 lead")
            .checked_in("2026-02-01", "40 lead")
            .checked_in("2026-03-01", "90 lead")
        )

        assert only(item).value == Amount(40, "lead")

    def test_decrease_without_baseline_starts_from_the_first_checkin(self) -> None:
        """With no baseline, a decrease is measured from its first check-in."""
        item = (
            reduce("errores", to="10 error")
            .checked_in("2026-01-10", "50 error")
            .checked_in("2026-02-10", "30 error")
        )

        assert only(item).progress == pytest.approx(0.5)

    @pytest.mark.parametrize(
        ("values", "progress", "status"),
        [
            (["7 EUR"], 1.0, Status.ACHIEVED),  # the first value already meets it
            (["8 EUR"], 1.0, Status.ACHIEVED),
            (["7 EUR", "6 EUR"], 1.0, Status.ACHIEVED),
            (["7 EUR", "9 EUR"], 0.0, Status.OFF_TRACK),  # back above: not met
            (["10 EUR", "9 EUR"], 0.5, Status.ON_TRACK),  # from the first value
            (["10 EUR", "7 EUR"], 1.5, Status.ACHIEVED),  # past the target, kept raw
        ],
    )
    def test_a_decrease_without_baseline_that_reaches_its_target_scores_one(
        self, values: list[str], progress: float, status: Status
    ) -> None:
        """Reaching or passing the target of a decrease scores 1 even when the first
        check-in was already at or below it (there is then no distance to cover)."""
        item = reduce("handling cost", to="8 EUR")
        for day, value in enumerate(values, start=1):
            item = item.checked_in(D(2026, 2, day), value)

        result = only(item)

        assert result.progress == pytest.approx(progress)
        assert result.score == min(1.0, progress)
        assert result.status is status

    def test_a_forecast_of_such_a_decrease_agrees(self) -> None:
        """Its forecast starts where the score does: staying below the target is 1."""
        item = (
            reduce("handling cost", to="8 EUR")
            .checked_in("2026-02-01", "7 EUR")
            .checked_in("2026-02-08", "7 EUR")
        )

        assert only(item, forecasts=True).forecast.projected_score == 1.0

    def test_the_last_checkin_written_on_a_day_is_that_days_value(self) -> None:
        """Two check-ins on one day: the one written last counts, as checkin_as_of says."""
        item = (
            increase("leads", to="100 lead")
            .checked_in("2026-02-01", "70 lead", confidence=0.9)
            .checked_in("2026-02-01", "40 lead", confidence=0.3)
        )
        scored = only(item)

        assert scored.value == Amount(40, "lead")
        assert scored.confidence == 0.3
        assert item.checkin_as_of(MID).value == scored.value

    @pytest.mark.parametrize(
        ("first", "last", "value"),
        [
            ("3 week", "35 day", 35),  # converted, then in the key result's unit
            ("35 day", "3 week", 21),  # in the key result's unit, then converted
            ("2 week", "3 week", 21),  # both converted
        ],
    )
    def test_the_last_written_on_a_day_counts_whatever_its_unit(
        self, first: str, last: str, value: float
    ) -> None:
        """A value in another unit than the key result's is no later than one in its
        own unit on the same day: the one written last is the day's value."""
        item = (
            reduce("sales cycle", from_="40 day", to="20 day")
            .checked_in("2026-02-01", first)
            .checked_in("2026-02-01", last)
        )
        scored = only(item)

        assert scored.value == Amount(value, "day")
        assert scored.progress == pytest.approx((40 - value) / 20)
        assert item.checkin_as_of(MID).value == Amount.parse(last)

    def test_a_conversion_past_the_largest_float_is_a_mismatch(self) -> None:
        """1e308 km in metres overflows: the check-in is left out and reported, not a crash."""
        item = increase("distancia", from_="0 m", to="100 m").checked_in("2026-02-01", "1e308 km")
        plan = okrkit.plan("p", period=Q1).with_objectives(
            okrkit.objective("Llegar lejos", id="o").owned_by("v").measured_by(item)
        )

        assert only(item).value is None
        assert "unit-mismatch" in {f.rule for f in okrkit.check(plan)}


class TestScorecard:
    def plan(self) -> okrkit.Plan:
        items = [
            increase("leads", to="100 lead").checked_in("2026-02-01", "40 lead"),
            achieve("Lanzar el portal").checked_in("2026-02-01", "0", confidence=0.8),
        ]
        objective = okrkit.objective("Cumplir la meta", id="meta").owned_by("v").during(Q1)
        return okrkit.plan("p").with_objectives(objective.measured_by(*items))

    def test_objects_made_on_first_read_equal_objects_made_at_once(self) -> None:
        """The scorecard's objects, made when first read, are those a plain Scorecard holds."""
        card = okrkit.score(self.plan(), as_of=MID)
        eager = okrkit.Scorecard(card.as_of, card.score, card.grade, card.objectives)

        assert eager == card
        assert hash(eager) == hash(card)
        assert card.objectives is card.objectives

    def test_pickles_and_stays_frozen(self) -> None:
        import pickle

        from attrs.exceptions import FrozenInstanceError

        card = okrkit.score(self.plan(), as_of=MID)

        assert pickle.loads(pickle.dumps(card)) == card
        with pytest.raises(FrozenInstanceError):
            card.score = 1.0  # type: ignore[misc]

    def test_plan_score_without_objects(self) -> None:
        """The plan's score and grade are there before any objective score is made."""
        card = okrkit.score(self.plan(), as_of=MID)

        assert card.score == pytest.approx(0.2)
        assert card.grade is Grade.RED


class TestStatus:
    @pytest.mark.parametrize(
        ("value", "status"),
        [("150 lead", Status.ON_TRACK), ("140 lead", Status.ON_TRACK),
         ("139 lead", Status.AT_RISK), ("125 lead", Status.AT_RISK),
         ("124 lead", Status.OFF_TRACK), ("200 lead", Status.ACHIEVED)],
    )  # fmt: skip
    def test_gap_bands(self, value: str, status: Status) -> None:
        """The gap between progress and expected picks the status (±0.10, 0.25)."""
        item = increase("leads", from_="100 lead", to="200 lead").checked_in("2026-02-10", value)

        assert status == only(item).status

    def test_bounds_are_on_or_off_track(self) -> None:
        """A bound is on track while it holds and off track while it does not."""
        item = at_least("nps", 40)

        assert only(item.checked_in("2026-02-01", 41)).status is Status.ON_TRACK
        assert only(item.checked_in("2026-02-01", 39)).status is Status.OFF_TRACK

    def test_milestones_are_paced_by_confidence(self) -> None:
        """An open milestone with check-ins is paced by the confidence stated in them."""
        item = achieve("Ganar el concurso")

        assert only(item).status is Status.NOT_STARTED
        assert only(item.checked_in("2026-02-01", 0, confidence=0.8)).status is Status.ON_TRACK
        assert only(item.checked_in("2026-02-01", 0, confidence=0.5)).status is Status.AT_RISK
        assert only(item.checked_in("2026-02-01", 0, confidence=0.2)).status is Status.OFF_TRACK
        assert only(item.completed()).status is Status.ACHIEVED

    def test_before_and_after_the_window(self) -> None:
        """Before its window a key result has not started; after it, it was achieved or missed."""
        item = increase("leads", to="100 lead").checked_in("2026-03-01", "100 lead")
        short = increase("leads", to="100 lead").checked_in("2026-03-01", "60 lead")

        assert only(item, as_of=D(2025, 12, 1)).status is Status.NOT_STARTED
        assert only(item, as_of=D(2026, 4, 2)).status is Status.ACHIEVED
        assert only(short, as_of=D(2026, 4, 2)).status is Status.MISSED

    def test_deadline_ends_the_window(self) -> None:
        """A deadline ends the window: pacing runs to it."""
        result = only(increase("leads", to="100 lead").due("2026-02-14"))

        assert result.expected == 1.0
        assert result.window == (D(2026, 1, 1), D(2026, 2, 14))


class TestRollUp:
    def test_objective_and_plan_scores_are_weighted_means(self) -> None:
        """An objective's score weighs its key results; the plan's, its objectives."""
        heavy = increase("a", to="100 lead").weighted(3).checked_in("2026-02-01", "100 lead")
        light = increase("b", to="100 lead").checked_in("2026-02-01", "0 lead")

        result = card(heavy, light)

        assert result.objectives[0].score == pytest.approx(0.75)
        assert result.score == pytest.approx(0.75)
        assert result.objectives[0].grade is Grade.GREEN

    @pytest.mark.parametrize(
        ("score", "grade"),
        [(0.39, Grade.RED), (0.4, Grade.YELLOW), (0.69, Grade.YELLOW), (0.7, Grade.GREEN)],
    )
    def test_grades(self, score: float, grade: Grade) -> None:
        """Red below 0.4, yellow from 0.4 to below 0.7, green from 0.7."""
        item = increase("a", to="100 lead").checked_in("2026-02-01", f"{score * 100} lead")

        assert grade == card(item).objectives[0].grade

    def test_objective_status_is_the_worst(self) -> None:
        """An objective is as late as its latest key result; achieved counts as on track."""
        done = increase("a", to="10 lead").checked_in("2026-02-01", "10 lead")
        late = increase("b", to="10 lead").checked_in("2026-02-01", "1 lead")

        assert card(done, late).objectives[0].status is Status.OFF_TRACK
        assert card(done, done).objectives[0].status is Status.ACHIEVED

    def test_aligned_children_roll_up_when_asked(self) -> None:
        """With rollup, a parent's score weighs in its children's; the plan counts roots."""
        parent = (
            okrkit.objective("Crecer", id="crecer")
            .owned_by("d")
            .during(Q1)
            .measured_by(increase("a", to="10 lead").checked_in("2026-02-01", "10 lead"))
        )
        child = (
            okrkit.objective("Abrir Perú", id="peru", parent="crecer")
            .owned_by("e")
            .during(Q1)
            .measured_by(increase("b", to="10 lead").checked_in("2026-02-01", "0 lead"))
        )
        plan = okrkit.plan("p").with_objectives(parent, child)

        flat = okrkit.score(plan, as_of=MID)
        rolled = okrkit.score(plan, as_of=MID, rollup=True)

        assert flat.objective("crecer").score == 1.0
        assert rolled.objective("crecer").score == pytest.approx(0.5)
        assert rolled.score == pytest.approx(0.5)

    def test_aspirational_objectives_read_well_from_point_six(self) -> None:
        """A committed objective reads well only at 1.0; an aspirational one from 0.6."""
        item = increase("a", to="10 lead").checked_in("2026-02-01", "6.5 lead")
        objective = okrkit.objective("Crecer", id="o").owned_by("d").during(Q1).measured_by(item)

        committed = okrkit.score(okrkit.plan("p").with_objectives(objective), as_of=MID)
        stretch = okrkit.score(
            okrkit.plan("p").with_objectives(objective.aspirational()), as_of=MID
        )

        assert not committed.objectives[0].reads_well
        assert stretch.objectives[0].reads_well

    def test_json_shape(self) -> None:
        """The JSON has the contract's keys for the plan, objectives and key results."""
        data = json.loads(
            card(increase("a", to="10 lead").checked_in("2026-02-01", "5 lead")).to_json()
        )

        assert {"as_of", "score", "objectives"} <= set(data)
        objective = data["objectives"][0]
        assert {"id", "score", "grade", "status", "expected", "key_results"} <= set(objective)
        assert set(objective["key_results"][0]) >= {
            "id", "progress", "score", "expected", "status", "value",
        }  # fmt: skip
        assert objective["key_results"][0]["value"] == {"value": 5, "unit": "lead"}


class TestForecast:
    def test_too_few_points(self) -> None:
        """One point is no trend, and the forecast says so."""
        result = only(
            increase("a", to="100 lead").checked_in("2026-02-01", "40 lead"), forecasts=True
        )

        assert result.forecast.projected is None
        assert "too few points" in result.forecast.note

    def test_a_straight_line(self) -> None:
        """Ten leads a week from zero reach 100 on day 70, and 127.1 by 31 March (day 89)."""
        item = (
            increase("a", from_="0 lead", to="100 lead")
            .checked_in("2026-01-08", "10 lead")
            .checked_in("2026-01-15", "20 lead")
        )

        trend = only(item, forecasts=True).forecast

        assert trend.reached == D(2026, 3, 12)
        assert trend.projected.value == pytest.approx(89 * 10 / 7)
        assert trend.projected_score == 1.0

    def test_moving_away(self) -> None:
        """A trend going the wrong way never reaches the target."""
        item = reduce("ciclo", from_="35 day", to="26 day").checked_in("2026-02-01", "37 day")

        trend = only(item, forecasts=True).forecast

        assert trend.reached is None
        assert "not at this pace" in trend.note


values = st.floats(-1e6, 1e6, allow_nan=False)


class TestLaws:
    @given(values, values, values)
    def test_score_is_between_zero_and_one(self, s: float, t: float, a: float) -> None:
        """Whatever the numbers, the score lies in 0..1."""
        for direction in Direction:
            progress = raw_progress(direction, s, t, a)
            assert 0.0 <= min(1.0, max(0.0, progress)) <= 1.0

    @given(values, values, values, values)
    def test_progress_is_monotonic_in_the_value(self, s, t, a, b) -> None:
        """More is never worse for an increase, nor less for a decrease."""
        low, high = sorted((a, b))
        if t > s:
            assert raw_progress(Direction.INCREASE, s, t, low) <= raw_progress(
                Direction.INCREASE, s, t, high
            )
        if t < s:
            assert raw_progress(Direction.DECREASE, s, t, high) <= raw_progress(
                Direction.DECREASE, s, t, low
            )

    @given(st.integers(1, 60), st.integers(1, 60), st.integers(0, 80))
    def test_days_and_hours_score_the_same(self, start: int, end: int, now: int) -> None:
        """The same key result written in days or in hours gets the same score."""
        if start == end:
            return
        days = reduce("ciclo", from_=f"{start} day", to=f"{end} day").checked_in(
            "2026-02-01", f"{now} day"
        )
        hours = reduce("ciclo", from_=f"{start * 24} hour", to=f"{end * 24} hour").checked_in(
            "2026-02-01", f"{now * 24} hour"
        )
        if start < end:
            days = days.measuring("x")
            hours = hours.measuring("x")

        assert only(days).score == pytest.approx(only(hours).score)

    @given(st.lists(st.tuples(st.integers(0, 89), st.floats(0, 200)), min_size=1, max_size=8),
           st.integers(0, 89))  # fmt: skip
    def test_as_of_ignores_later_checkins(self, entries, cut: int) -> None:
        """Check-ins after the as-of date change nothing."""
        as_of = D(2026, 1, 1) + dt.timedelta(days=cut)
        item = increase("a", to="100 lead")
        kept = item
        for day, value in entries:
            date = D(2026, 1, 1) + dt.timedelta(days=day)
            item = item.checked_in(date, Amount(value, "lead"))
            if date <= as_of:
                kept = kept.checked_in(date, Amount(value, "lead"))

        assert only(item, as_of=as_of) == only(kept, as_of=as_of)


finite = st.floats(allow_nan=False, allow_infinity=False)
weights = st.floats(0, allow_nan=False, allow_infinity=False)


class TestTheWholeFloatRange:
    """Amounts may be any finite float: figures stay finite, right, and in bounds."""

    @pytest.mark.parametrize(
        ("direction", "s", "t", "a", "expected"),
        [
            (Direction.INCREASE, -1e308, 1e308, 0.0, 0.5),
            (Direction.INCREASE, -1.7e308, 1.7e308, 1.7e308, 1.0),
            (Direction.INCREASE, -1.7e308, 1.7e308, -1.7e308, 0.0),
            (Direction.DECREASE, 1e308, -1e308, -1e308, 1.0),
            (Direction.DECREASE, 1e308, -1e308, 5e307, 0.25),
            (Direction.INCREASE, 0.0, 1e308, -1.7e308, -1.7),
        ],
    )
    def test_a_span_wider_than_the_largest_float(self, direction, s, t, a, expected) -> None:
        """−1e308 to 1e308 at 0 is half way (the span overflowed: progress was 0 or NaN)."""
        assert raw_progress(direction, s, t, a) == pytest.approx(expected)

    def test_scores_of_huge_ranges_through_the_scorer(self) -> None:
        """The same through score(): statuses and the objective's mean follow."""
        items = (
            increase("a", from_=Amount(-1e308), to=Amount(1e308)).checked_in(
                "2026-02-01", Amount(0)
            ),
            reduce("b", from_=Amount(1e308), to=Amount(-1e308)).checked_in(
                "2026-02-01", Amount(-1e308)
            ),
        )

        result = card(*items).objectives[0]

        assert [k.progress for k in result.key_results] == pytest.approx([0.5, 1.0])
        assert [k.status for k in result.key_results] == [Status.ON_TRACK, Status.ACHIEVED]
        assert result.score == pytest.approx(0.75)

    @given(finite, finite, finite)
    def test_progress_is_finite_and_score_in_bounds(self, s: float, t: float, a: float) -> None:
        """Any finite baseline, target and value give a finite progress within ±1e12."""
        for direction in Direction:
            progress = raw_progress(direction, s, t, a)
            assert abs(progress) <= 1e12
            score = only(
                okrkit.KeyResult(metric="x", direction=direction, baseline=Amount(s),
                                 target=Amount(t)).checked_in("2026-02-01", Amount(a))
            ).score  # fmt: skip
            assert 0.0 <= score <= 1.0

    @given(finite, finite, finite)
    def test_progress_agrees_with_the_formula_where_it_can_be_computed(
        self, s: float, t: float, a: float
    ) -> None:
        """Where (a − s) / (t − s) does not overflow, progress is that figure."""
        if s == t or not (math.isfinite(t - s) and math.isfinite(a - s)):
            return
        plain = (a - s) / (t - s)
        if abs(plain) <= 1e12:
            assert raw_progress(Direction.INCREASE, s, t, a) == plain

    @given(st.lists(st.tuples(st.floats(0, 1), weights), min_size=1, max_size=6))
    def test_objective_score_is_a_mean_for_any_weights(self, rows) -> None:
        """With any finite weights, near the largest float or all zero, an objective's
        score lies between its key results' lowest and highest."""
        items = [
            increase(f"k{i}", to="100 lead").with_id(f"k{i}").weighted(weight)
            .checked_in("2026-02-01", Amount(value * 100, "lead"))
            for i, (value, weight) in enumerate(rows)
        ]  # fmt: skip

        result = card(*items).objectives[0]

        scores = [k.score for k in result.key_results]
        assert min(scores) - 1e-9 <= result.score <= max(scores) + 1e-9

    def test_weights_near_the_largest_float(self) -> None:
        """Two weights of 1e308 overflow their sum; the mean is still the mean."""
        high = increase("a", to="100 lead").weighted(1e308).checked_in("2026-02-01", "100 lead")
        low = increase("b", to="100 lead").weighted(1e308).checked_in("2026-02-01", "50 lead")

        assert card(high, low).objectives[0].score == pytest.approx(0.75)

    def test_all_zero_weights_are_a_plain_mean(self) -> None:
        """When every weight is 0 nothing is weighed: the plain mean (scoring.md)."""
        items = [
            increase(name, to="100 lead").weighted(0).checked_in("2026-02-01", value)
            for name, value in (("a", "100 lead"), ("b", "20 lead"))
        ]
        objective = okrkit.objective("O", id="o").owned_by("v").during(Q1)
        plan = okrkit.plan("p").with_objectives(
            objective.measured_by(*items).weighted(0),
            objective.with_id("p").measured_by(items[1]).weighted(0),
        )

        result = okrkit.score(plan, as_of=MID)

        assert result.objectives[0].score == pytest.approx(0.6)
        assert result.score == pytest.approx((0.6 + 0.2) / 2)

    def test_the_chart_of_a_huge_range_has_no_nan(self) -> None:
        """The HTML burn-up of −1e308..1e308 places every point inside the plot."""
        item = increase("a", from_=Amount(-1e308), to=Amount(1e308)).checked_in(
            "2026-02-01", Amount(0)
        )
        objective = okrkit.objective("O", id="o").owned_by("v").during(Q1).measured_by(item)

        page = okrkit.report_html(okrkit.plan("p").with_objectives(objective), as_of=MID)

        chart = page[page.index("<svg") : page.index("</svg>")]
        assert "nan" not in chart.lower()
        ys = [float(v) for v in re.findall(r' (?:y|y1|y2|cy)="([-\d.]+)"', chart)]
        assert ys
        assert all(10 <= y <= 150 for y in ys)


class TestCommand:
    PLAN = """\
okrkit: 1
period: 2026-Q1
objectives:
  - id: meta
    title: Cumplir la meta de ventas
    owner: ventas
    key_results:
      - id: ciclo
        statement: Reducir el ciclo de venta de 35 días a 26 días
        checkins:
          - {date: 2026-02-01, value: 30.5 day}
"""

    def test_json(self, tmp_path, capsys) -> None:
        """okrkit score --format json prints the contract's document."""
        from okrkit._cli import main

        path = tmp_path / "p.yaml"
        path.write_text(self.PLAN)

        status = main(["score", str(path), "--as-of", "2026-02-15", "--format", "json"])
        data = json.loads(capsys.readouterr().out)

        assert status == 0
        assert data["as_of"] == "2026-02-15"
        assert data["objectives"][0]["key_results"][0]["progress"] == pytest.approx(0.5)
        assert data["objectives"][0]["key_results"][0]["value"] == {"value": 30.5, "unit": "day"}

    def test_text_and_bad_input(self, tmp_path, capsys) -> None:
        """The text shows each key result; an unreadable plan exits 2."""
        from okrkit._cli import main

        path = tmp_path / "p.yaml"
        path.write_text(self.PLAN)

        assert main(["score", str(path), "--as-of", "2026-02-15", "--lang", "en"]) == 0
        assert "ciclo" in capsys.readouterr().out
        path.write_text("okrkit: 1\nperiod: nope\n")
        assert main(["score", str(path)]) == 2
