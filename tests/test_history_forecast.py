"""Probabilistic forecasts: cases worked out by hand, every direction, rates,
shares, too few points, irregular dates, and the laws (a probability, an
interval around the median, one answer per seed, the same in any unit)."""

from __future__ import annotations

import datetime as dt
import json
import math

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import okrkit
import okrkit.history
from okrkit import Amount
from okrkit._history._student import student_cdf, student_quantile
from okrkit.exceptions import InvalidTypeError, InvalidValueError, OkrkitError
from okrkit.history import ForecastMethod, ProbabilityStatus, forecast


D = dt.date
Q1 = "2026-Q1"
ROOT_3 = math.sqrt(3)


def series(item: okrkit.KeyResult, *points: tuple[str, str | float]) -> okrkit.KeyResult:
    """*item* checked in at each (date, value)."""
    for day, value in points:
        item = item.checked_in(day, value if isinstance(value, str) else f"{value} lead")
    return item


def leads(target: float, *points: tuple[str, float], due: str = "2026-01-07") -> okrkit.KeyResult:
    """Leads from 0 toward *target*, due on *due*, checked in at each (date, value)."""
    item = okrkit.increase("leads", from_="0 lead", to=f"{target} lead", id="leads").due(due)
    return series(item, *points)


# The case worked by hand: from 0 on 1 January, then 1, 4 and 6 leads on days 1, 2
# and 3; the deadline, 7 January, is day 6, three days after the last check-in.
HAND = (("2026-01-02", 1), ("2026-01-03", 4), ("2026-01-04", 6))


# --- Student's t, against closed forms and tables -----------------------------------------


def test_the_t_distribution_with_two_degrees_of_freedom_is_its_closed_form() -> None:
    """F(t) = 1/2 + t / (2 √(2 + t²)) for 2 degrees of freedom, and its inverse
    t = a √(2 / (1 − a²)) with a = 2p − 1."""
    for t in (-7.5, -1.0, 0.0, 0.3, 1.0, 4.0, 30.0):
        assert student_cdf(t, 2) == pytest.approx(0.5 + t / (2 * math.sqrt(2 + t * t)), abs=1e-14)
    for p in (0.6, 0.9, 0.975, 0.995):
        a = 2 * p - 1
        assert student_quantile(p, 2) == pytest.approx(a * math.sqrt(2 / (1 - a * a)), rel=1e-12)


@pytest.mark.parametrize(
    ("p", "df", "table"),
    [(0.9, 1, 3.078), (0.9, 4, 1.533), (0.975, 10, 2.228), (0.95, 30, 1.697), (0.999, 3, 10.215)],
)
def test_quantiles_match_the_printed_table(p: float, df: float, table: float) -> None:
    assert round(student_quantile(p, df), 3) == table
    assert student_cdf(student_quantile(p, df), df) == pytest.approx(p, abs=1e-12)


# --- cases worked out by hand ----------------------------------------------------------------


def test_increments_by_hand() -> None:
    """Steps 1, 3, 2 over one day each: drift μ = 6 / 3 = 2 a day; residuals −1, 1, 0,
    so σ² = 2 / (3 − 1) = 1. Three days on: median 6 + 2·3 = 12, scale
    √(1·3·(1 + 3/3)) = √6, 2 degrees of freedom. A target of 12 is even odds; the
    80 % interval is 12 ± t(0.9, 2)·√6 = 12 ± 1.8856·2.4495."""
    found = forecast(leads(12, *HAND), period=Q1, as_of="2026-01-04")

    assert found.probability_status is ProbabilityStatus.ESTIMATED
    assert found.method is ForecastMethod.INCREMENTS
    assert found.probability == pytest.approx(0.5, abs=1e-12)
    assert found.median == Amount(12, "lead")
    reach = 0.8 * math.sqrt(2 / 0.36) * math.sqrt(6)
    assert found.interval is not None
    assert found.interval[0].value == pytest.approx(12 - reach, rel=1e-12)
    assert found.interval[1].value == pytest.approx(12 + reach, rel=1e-12)
    assert found.level == 0.8


def test_increments_by_hand_one_scale_above() -> None:
    """A target one scale above the median: P(T ≥ 1) = 1/2 − 1/(2√3) = 0.2113."""
    found = forecast(leads(12 + math.sqrt(6), *HAND), period=Q1, as_of="2026-01-04")

    assert found.probability == pytest.approx(0.5 - 1 / (2 * ROOT_3), abs=1e-12)


def test_irregular_dates_by_hand() -> None:
    """Check-ins on days 1, 3 and 6 (steps of 1, 2 and 3 days): values 3, 5, 12 from 0.
    Drift 12 / 6 = 2; Σ (d − μg)²/g = 1/1 + 4/2 + 1/3 = 10/3, so σ² = 5/3. The
    deadline is day 12, six days on: median 24, scale √(5/3·6·(1 + 6/6)) = √20."""
    item = leads(
        24 + math.sqrt(20),
        ("2026-01-02", 3), ("2026-01-04", 5), ("2026-01-07", 12), due="2026-01-13",
    )  # fmt: skip

    found = forecast(item, period=Q1, as_of="2026-01-08")

    assert found.median is not None
    assert found.median.value == pytest.approx(24, rel=1e-12)
    assert found.probability == pytest.approx(0.5 - 1 / (2 * ROOT_3), abs=1e-12)


def test_trend_by_hand() -> None:
    """The least-squares line through (0, 0), (1, 1), (2, 4), (3, 6): slope 10.5 / 5
    = 2.1, intercept 2.75 − 2.1·1.5 = −0.4; at day 6, 12.2. Residuals 0.4, −0.7,
    0.2, 0.1: s² = 0.7 / 2 = 0.35; scale² = 0.35·(1 + 1/4 + 4.5²/5) = 1.855.
    P(V ≥ 12) = F((12.2 − 12)/√1.855, 2)."""
    found = forecast(leads(12, *HAND), period=Q1, as_of="2026-01-04", method="trend")

    t = 0.2 / math.sqrt(1.855)
    assert found.method is ForecastMethod.TREND
    assert found.median is not None
    assert found.median.value == pytest.approx(12.2, rel=1e-12)
    assert found.probability == pytest.approx(0.5 + t / (2 * math.sqrt(2 + t * t)), abs=1e-12)
    assert found.projected is not None
    assert found.projected.value == pytest.approx(12.2)  # the trend's own line


def test_the_bootstrap_agrees_with_increments_on_a_long_steady_series() -> None:
    """Thirty weeks of 10 ± 2 leads: the resampled steps give close to what the
    normal law gives."""
    wobble = [0, 2, -2, 1, -1, 2, 0, -2, 1, -1]
    points = []
    total = 0.0
    for week in range(30):
        total += 10 + wobble[week % 10]
        points.append((D(2026, 1, 1) + dt.timedelta(days=7 * week + 6), total))
    item = okrkit.increase("leads", from_="0 lead", to="470 lead", id="leads")
    item = series(item, *((day.isoformat(), value) for day, value in points))
    analytic = forecast(item, period="2026", as_of=points[-1][0])
    drawn = forecast(item, period="2026", as_of=points[-1][0], method="bootstrap", seed=3)

    assert analytic.probability is not None
    assert drawn.probability is not None
    assert drawn.method is ForecastMethod.BOOTSTRAP
    assert abs(drawn.probability - analytic.probability) < 0.06


# --- what the brief's readers check by eye --------------------------------------------------


def weekly(
    values: list[float], target: float, start: float = 0, **options: object
) -> okrkit.Forecast:
    """A count from *start* checked in weekly in Q1 with *values*, forecast at the last one."""
    item = okrkit.increase("leads", from_=f"{start} lead", to=f"{target} lead", id="leads")
    days = [D(2026, 1, 8) + dt.timedelta(days=7 * week) for week in range(len(values))]
    item = series(
        item, *((day.isoformat(), value) for day, value in zip(days, values, strict=True))
    )
    return forecast(item, period=Q1, as_of=days[-1], **options)  # type: ignore[arg-type]


def test_a_straight_line_far_ahead_is_near_certain() -> None:
    """Ten a week for six weeks, toward 100 by the quarter's end (about 128 at this pace)."""
    steady = weekly([10, 20, 30, 40, 50, 60], 100)
    noisy = weekly([11, 19, 31, 40, 49, 61], 100)

    assert steady.probability == 1.0  # no scatter seen: nothing else is possible
    assert noisy.probability is not None
    assert noisy.probability > 0.99


def test_far_behind_is_near_hopeless() -> None:
    """Ten a week toward 300: about 128 at this pace."""
    found = weekly([11, 19, 31, 40, 49, 61], 300)

    assert found.probability is not None
    assert found.probability < 0.01


def test_flat_noise_gives_a_wide_interval() -> None:
    """A level that goes nowhere, around 10 ± 2: the interval at the quarter's end
    is wider than all the values seen, and a target just above the latest is a
    toss-up, neither sure nor hopeless."""
    flat = weekly([10, 12, 8, 11, 9, 12, 8, 10], 11, start=10)
    smooth = weekly([10, 10.5, 10, 10.5, 10, 10.5, 10, 10.5], 11, start=10)

    assert flat.interval is not None
    assert smooth.interval is not None
    low, high = flat.interval
    assert high.value - low.value > 12 - 8
    assert high.value - low.value > 3 * (smooth.interval[1].value - smooth.interval[0].value)
    assert flat.probability is not None
    assert 0.2 < flat.probability < 0.8


# --- every direction, rates and shares ---------------------------------------------------


def test_a_decrease_is_an_increase_turned_over() -> None:
    """From 35 days toward 26: the same chance as from −35 toward −26."""
    down = okrkit.decrease("cycle", from_="35 day", to="26 day", id="cycle")
    up = okrkit.increase("cycle", from_="-35 day", to="-26 day", id="cycle")
    values = [34, 34.5, 32, 31.5, 31, 30]
    for week, value in enumerate(values):
        day = D(2026, 1, 7) + dt.timedelta(days=7 * week)
        down = down.checked_in(day, f"{value} day")
        up = up.checked_in(day, f"{-value} day")

    falling = forecast(down, period=Q1, as_of="2026-02-11")
    rising = forecast(up, period=Q1, as_of="2026-02-11")

    assert falling.probability is not None
    assert 0.3 < falling.probability < 1.0
    assert falling.probability == pytest.approx(rising.probability, abs=1e-12)


def test_a_decrease_without_a_baseline_starts_at_its_first_check_in() -> None:
    item = okrkit.decrease("cycle", to="26 day", id="cycle")
    for week, value in enumerate([35, 34, 32, 31, 30]):
        item = item.checked_in(D(2026, 1, 7) + dt.timedelta(days=7 * week), f"{value} day")

    found = forecast(item, period=Q1, as_of="2026-02-15")

    assert found.probability is not None
    assert found.probability > 0.9  # a day a week down, 7 weeks left, 4 days to go


@pytest.mark.parametrize(
    ("make", "target", "method", "expected"),
    [  # a level holding around 45 ± 1, seven weeks in
        (okrkit.at_least, "30", "increments", lambda p: p > 0.95),
        (okrkit.at_most, "30", "increments", lambda p: p < 0.05),
        (okrkit.at_least, "60", "increments", lambda p: p < 0.05),
        (okrkit.at_most, "60", "increments", lambda p: p > 0.95),
        (okrkit.at_least, "45", "increments", lambda p: 0.3 < p < 0.7),
        # the increments take each wiggle as a step that stays, so a bound 5 away
        # is far from sure; a line with scatter around it is surer of a steady level
        (okrkit.at_least, "40", "increments", lambda p: 0.7 < p < 0.95),
        (okrkit.at_least, "40", "trend", lambda p: p > 0.95),
        (okrkit.at_most, "40", "trend", lambda p: p < 0.05),
    ],
)
def test_bounds_ask_where_the_level_will_be(make, target, method, expected) -> None:  # type: ignore[no-untyped-def]
    item = make("nps", target, id="nps")
    for week, value in enumerate([45, 44, 46, 45, 44, 46, 45]):
        item = item.checked_in(D(2026, 1, 7) + dt.timedelta(days=7 * week), str(value))

    found = forecast(item, period=Q1, as_of="2026-02-20", method=method)

    assert found.probability is not None
    assert expected(found.probability)


def test_a_milestone_has_no_series_and_says_so() -> None:
    """Done or not: its owner's confidence is the forecast, okrkit gives none."""
    item = okrkit.achieve("Launch the portal", id="launch")
    for week in range(5):
        item = item.checked_in(D(2026, 1, 7) + dt.timedelta(days=7 * week), "0", confidence=0.6)

    found = forecast(item, period=Q1, as_of="2026-02-15")

    assert found.probability is None
    assert found.interval is None
    assert found.probability_status is ProbabilityStatus.MILESTONE


def test_a_rate_is_forecast_in_its_own_unit() -> None:
    """Twenty calls a week: each check-in is that week's rate."""
    item = okrkit.increase("calls", to="20 call", per="week", id="calls")
    for week, value in enumerate([12, 14, 13, 16, 17, 18]):
        item = item.checked_in(D(2026, 1, 7) + dt.timedelta(days=7 * week), f"{value} call")

    found = forecast(item, period=Q1, as_of="2026-02-15")

    assert found.probability is not None
    assert found.interval is not None
    assert found.interval[0].unit == "call/week"
    assert found.median is not None
    assert found.median.value > 18  # the rate has been climbing


def test_a_share_is_forecast_from_the_measured_shares() -> None:
    """Under 5 minutes for 90 % of prospects, checked in as the share measured: the
    chance that the share reaches 90 %, and an interval that stays within 0–100 %."""
    item = okrkit.at_most("response time", "5 min", share="90%", id="response")
    for week, value in enumerate([70, 78, 84, 88, 93]):
        item = item.checked_in(D(2026, 1, 7) + dt.timedelta(days=7 * week), f"{value} %")

    found = forecast(item, period=Q1, as_of="2026-02-15")

    assert found.probability is not None
    assert found.probability > 0.5
    assert found.interval is not None
    assert found.interval[0].unit == "percent"
    assert 0 <= found.interval[0].value <= found.interval[1].value <= 100


def test_a_share_checked_in_as_the_value_at_that_share_is_forecast_from_the_values() -> None:
    """The 90th-percentile response time itself, falling toward the 5-minute bound."""
    item = okrkit.at_most("response time", "5 min", share="90%", id="response")
    for week, value in enumerate([9, 8, 7.5, 7, 6, 5.5]):
        item = item.checked_in(D(2026, 1, 7) + dt.timedelta(days=7 * week), f"{value} min")

    found = forecast(item, period=Q1, as_of="2026-02-15")

    assert found.interval is not None
    assert found.interval[0].unit == "min"
    assert found.probability is not None
    assert found.probability > 0.5


# --- too few points, and a window already over ---------------------------------------------


def test_three_points_are_not_enough_never_a_number() -> None:
    """The baseline and two check-ins: a trend, but no probability."""
    found = forecast(leads(12, *HAND[:2]), period=Q1, as_of="2026-01-04")

    assert found.projected is not None  # the trend needs two points
    assert found.probability is None
    assert found.interval is None
    assert found.median is None
    assert found.probability_status is ProbabilityStatus.NOT_ENOUGH_DATA
    assert found.to_dict()["probability"] is None


def test_no_target_is_nothing_to_reach() -> None:
    item = okrkit.KeyResult("Calls", metric="calls", direction="increase")
    found = forecast(item, period=Q1, as_of="2026-02-15")

    assert found.probability is None
    assert found.probability_status is ProbabilityStatus.NO_TARGET


def test_after_the_deadline_the_outcome_is_known() -> None:
    """Nothing is left to foresee: 1 if the latest value reached the target, else 0,
    and the interval is that value."""
    reached = forecast(leads(6, *HAND), period=Q1, as_of="2026-01-09")
    missed = forecast(leads(7, *HAND), period=Q1, as_of="2026-01-09")

    assert reached.probability == 1.0
    assert missed.probability == 0.0
    assert missed.interval == (Amount(6, "lead"), Amount(6, "lead"))


def test_two_check_ins_on_one_day_count_as_the_one_written_last() -> None:
    once = forecast(leads(12, *HAND), period=Q1, as_of="2026-01-04")
    twice = forecast(
        leads(12, HAND[0], ("2026-01-03", 99), *HAND[1:]), period=Q1, as_of="2026-01-04"
    )

    assert (twice.probability, twice.median, twice.interval) == (
        once.probability, once.median, once.interval,
    )  # fmt: skip


def test_check_ins_after_as_of_are_not_seen() -> None:
    later = leads(12, *HAND, ("2026-01-05", 50))

    assert forecast(later, period=Q1, as_of="2026-01-04") == forecast(
        leads(12, *HAND), period=Q1, as_of="2026-01-04"
    )


# --- in the scorecard ---------------------------------------------------------------------


def test_score_with_forecasts_carries_the_probability() -> None:
    plan = okrkit.plan("p", period=Q1).with_objectives(
        okrkit.objective("Grow", id="grow").measured_by(leads(12, *HAND))
    )

    found = okrkit.score(plan, as_of="2026-01-04", forecasts=True).key_result("leads")

    assert found.forecast == forecast(leads(12, *HAND), period=Q1, as_of="2026-01-04")
    written = json.loads(okrkit.score(plan, as_of="2026-01-04", forecasts=True).to_json())
    trend = written["objectives"][0]["key_results"][0]["forecast"]
    assert trend["probability"] == pytest.approx(0.5)
    assert trend["method"] == "increments"
    assert trend["probability_status"] == "estimated"
    assert trend["median"] == {"value": 12.0, "unit": "lead"}
    assert trend["interval"]["level"] == 0.8
    assert trend["interval"]["unit"] == "lead"
    assert trend["interval"]["low"] < 12 < trend["interval"]["high"]


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("en", "chance of reaching the target: 50 % (80 % interval: 7.4–16.6 lead)"),
        ("es", "probabilidad de alcanzar la meta: 50 % (intervalo del 80 %: 7,4–16,6 lead)"),
    ],
)
def test_the_text_says_the_chance_in_each_language(lang: str, words: str) -> None:
    plan = okrkit.plan("p", period=Q1).with_objectives(
        okrkit.objective("Grow", id="grow").measured_by(leads(12, *HAND))
    )

    text = okrkit.score(plan, as_of="2026-01-04", forecasts=True, lang=lang).to_text()

    assert words in text


def test_the_text_says_when_there_is_not_enough_data() -> None:
    plan = okrkit.plan("p", period=Q1).with_objectives(
        okrkit.objective("Grow", id="grow").measured_by(leads(12, *HAND[:1]))
    )

    english = okrkit.score(plan, as_of="2026-01-04", forecasts=True).to_text()
    spanish = okrkit.score(plan, as_of="2026-01-04", forecasts=True, lang="es").to_text()

    assert "chance of reaching the target: not enough data (at least 4 points)" in english
    assert "probabilidad de alcanzar la meta: datos insuficientes (al menos 4 puntos)" in spanish


# --- arguments --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("options", "error"),
    [
        ({"method": "oracle"}, InvalidValueError),
        ({"level": 1.0}, InvalidValueError),
        ({"level": "0.8"}, InvalidTypeError),
        ({"seed": True}, InvalidTypeError),
        ({"seed": 1.5}, InvalidTypeError),
        ({"seed": -1}, InvalidValueError),  # random.Random reads -1 as 1
        ({"seed": 2**64}, InvalidValueError),
        ({"resamples": 10}, InvalidValueError),
        ({"as_of": "soon"}, OkrkitError),
        ({"period": "next quarter-ish"}, OkrkitError),
        ({"period": 2026}, InvalidTypeError),
    ],
)
def test_wrong_arguments_are_refused_by_name(options: dict[str, object], error: type) -> None:
    arguments: dict[str, object] = {"period": Q1, "as_of": "2026-01-04", **options}
    with pytest.raises(error):
        forecast(leads(12, *HAND), **arguments)  # type: ignore[arg-type]


def test_a_key_result_is_needed() -> None:
    with pytest.raises(InvalidTypeError, match=r"forecast\(item\)"):
        forecast("leads", period=Q1, as_of="2026-01-04")  # type: ignore[arg-type]


# --- laws -------------------------------------------------------------------------------------

steps = st.lists(st.floats(-50, 100, allow_nan=False), min_size=3, max_size=12)
gaps = st.lists(st.integers(1, 9), min_size=12, max_size=12)
methods = st.sampled_from(list(ForecastMethod))
makers = st.sampled_from([okrkit.increase, okrkit.decrease, okrkit.at_least, okrkit.at_most])


def made(
    maker,
    moves: list[float],
    spacing: list[int],
    target: float,
    unit: str = "hour",
    scale: float = 1,
) -> okrkit.KeyResult:  # type: ignore[no-untyped-def]
    """A key result of *maker* toward *target*, checked in after each gap with a
    running total of *moves*, every figure times *scale* and written in *unit*."""
    if maker in (okrkit.increase, okrkit.decrease):
        start = Amount(50 * scale, unit)
        item = maker("time", to=Amount(target * scale, unit), from_=start, id="t")
    else:
        item = maker("time", Amount(target * scale, unit), id="t")
    day, total = D(2026, 1, 1), 50.0
    for move, gap in zip(moves, spacing, strict=False):
        day += dt.timedelta(days=gap)
        total += move
        item = item.checked_in(day, Amount(total * scale, unit))
    return item


@given(makers, steps, gaps, st.floats(-200, 600, allow_nan=False), methods, st.integers(0, 9))
def test_a_probability_an_interval_around_the_median(
    maker, moves, spacing, target, method, seed
) -> None:  # type: ignore[no-untyped-def]
    found = forecast(made(maker, moves, spacing, target), period=Q1, as_of="2026-02-15",
                     method=method, seed=seed, resamples=200)  # fmt: skip

    if found.probability is None:
        assert found.probability_status is not ProbabilityStatus.ESTIMATED
        assert found.interval is None
        return
    assert 0.0 <= found.probability <= 1.0
    assert found.interval is not None
    assert found.median is not None
    assert found.interval[0].value <= found.median.value <= found.interval[1].value
    assert all(math.isfinite(v) for v in (found.interval[0].value, found.interval[1].value))


@given(makers, steps, gaps, st.floats(-200, 600, allow_nan=False), methods, st.integers(0, 9))
def test_one_answer_per_seed(maker, moves, spacing, target, method, seed) -> None:  # type: ignore[no-untyped-def]
    item = made(maker, moves, spacing, target)
    options = {"period": Q1, "as_of": "2026-02-15", "method": method, "seed": seed,
               "resamples": 200}  # fmt: skip

    assert forecast(item, **options) == forecast(item, **options)  # type: ignore[arg-type]


@given(makers, steps, gaps, st.floats(-200, 600, allow_nan=False), methods)
def test_hours_or_days_the_same_chance(maker, moves, spacing, target, method) -> None:  # type: ignore[no-untyped-def]
    """The same durations written in days and in hours (24 times the number)."""
    options = {"period": Q1, "as_of": "2026-02-15", "method": method, "resamples": 200}
    days = forecast(made(maker, moves, spacing, target, "day"), **options)  # type: ignore[arg-type]
    hours = forecast(made(maker, moves, spacing, target, "hour", 24), **options)  # type: ignore[arg-type]

    assert days.probability_status == hours.probability_status
    if days.probability is None or hours.probability is None:
        assert days.probability is hours.probability is None
        return
    assert days.probability == pytest.approx(hours.probability, abs=1e-9)
    assert days.interval is not None
    assert hours.interval is not None
    for in_days, in_hours in zip(days.interval, hours.interval, strict=True):
        assert in_hours.value == pytest.approx(24 * in_days.value, rel=1e-9, abs=1e-6)


@given(steps, gaps, st.floats(-200, 600, allow_nan=False), st.floats(0, 300), methods)
def test_a_higher_target_is_no_likelier(moves, spacing, target, more, method) -> None:  # type: ignore[no-untyped-def]
    options = {"period": Q1, "as_of": "2026-02-15", "method": method, "resamples": 200}
    lower = forecast(made(okrkit.at_least, moves, spacing, target), **options)  # type: ignore[arg-type]
    higher = forecast(made(okrkit.at_least, moves, spacing, target + more), **options)  # type: ignore[arg-type]

    if lower.probability is not None and higher.probability is not None:
        assert higher.probability <= lower.probability + 1e-12


# --- the pooled method: learning from the key result's earlier windows -------------------------


def earlier_leads(*points: tuple[str, float], key: str | None = "leads") -> okrkit.Plan:
    """A plan of 2025-Q4 whose key result (id *key*) ran from 1 to 4 October."""
    item = okrkit.increase("leads", from_="0 lead", to="10 lead", id=key).due("2025-10-04")
    objective = okrkit.objective("Find leads").measured_by(series(item, *points))
    return okrkit.plan("Leads", period="2025-Q4").with_objectives(objective)


STEADY = (("2025-10-02", 2), ("2025-10-03", 4), ("2025-10-04", 6))


def test_pooled_by_hand() -> None:
    """The hand case (steps 1, 3, 2: drift 2, S = 2 on 2 degrees of freedom) beside
    an earlier window of steps 2, 2, 2 (drift 2, S = 0 on 2). Pooled: σ² = 2 / 4 =
    0.5 on 4 degrees of freedom. Both drifts are 2, so τ² = 0, the prior's mean is 2
    and its variance (0 + 0.5/3) / 1 = 1/6, as much as the current drift's own
    (σ²/G = 0.5/3): w = 1/2. Three days on: median 6 + 2·3 = 12, scale
    √(0.5·3 + ½·(1/6)·9) = 1.5; a target of 14 is reached with 1 − F₄(4/3)."""
    history = [earlier_leads(*STEADY)]
    found = forecast(leads(14, *HAND), period=Q1, as_of="2026-01-04", method="pooled",
                     history=history)  # fmt: skip

    assert found.method is ForecastMethod.POOLED
    assert found.median == Amount(12, "lead")
    assert found.probability == pytest.approx(1 - student_cdf(4 / 3, 4), abs=1e-12)
    assert found.interval is not None
    reach = student_quantile(0.9, 4) * 1.5
    assert found.interval[0].value == pytest.approx(12 - reach, abs=1e-9)
    assert found.interval[1].value == pytest.approx(12 + reach, abs=1e-9)


def test_pooled_without_an_earlier_window_is_the_increments() -> None:
    plain = forecast(leads(14, *HAND), period=Q1, as_of="2026-01-04")
    for history in (None, [], [earlier_leads(*STEADY, key="other")],
                    [earlier_leads(*STEADY[:2])]):  # fmt: skip
        found = forecast(leads(14, *HAND), period=Q1, as_of="2026-01-04", method="pooled",
                         history=history)  # fmt: skip
        assert found.probability == plain.probability
        assert found.interval == plain.interval


def test_pooled_reads_no_window_that_ends_after_as_of() -> None:
    """An earlier window still open on the as-of date is not read, nor is the key
    result's own window or a later one."""
    item = leads(14, *HAND)
    plain = forecast(item, period=Q1, as_of="2026-01-04")
    late = okrkit.plan("Late", period="2026-Q1").with_objectives(
        okrkit.objective("Later").measured_by(item.due("2026-01-02"))
    )
    for history in ([late], [okrkit.plan("Next", period="2026-Q2").with_objectives(
            okrkit.objective("Next").measured_by(leads(9, *HAND)))]):  # fmt: skip
        found = forecast(item, period=Q1, as_of="2026-01-04", method="pooled", history=history)
        assert found.probability == plain.probability


def test_the_pooled_backtest_uses_no_check_in_after_the_cut() -> None:
    """Every check-in of the history dated on or after the cut of the second
    quarter, in any plan, is changed wildly: the second quarter's pooled
    forecasts stay the same, and they learn from the first quarter (they differ
    from the increments')."""
    plans = okrkit.history.simulate(teams=2, quarters=3, seed=11).plans
    pooled = okrkit.history.backtest(plans, as_of="2027-01-01", method="pooled")
    second = [case for case in pooled.cases if case.plan == 1]
    cut = second[0].cut
    assert {case.cut for case in second} == {cut}

    def wild(item: okrkit.KeyResult) -> okrkit.KeyResult:
        checkins = tuple(
            c if c.date < cut else attrs.evolve(c, value=Amount(c.value.value * 1000 + 7,
                                                                 c.value.unit))
            for c in item.checkins
        )  # fmt: skip
        return attrs.evolve(item, checkins=checkins)

    changed = [
        attrs.evolve(plan, objectives=tuple(
            attrs.evolve(o, key_results=tuple(map(wild, o.key_results))) for o in plan.objectives
        ))
        for plan in plans
    ]  # fmt: skip
    again = okrkit.history.backtest(changed, as_of="2027-01-01", method="pooled")
    plain = okrkit.history.backtest(plans, as_of="2027-01-01", method="increments")

    assert [c.forecast for c in again.cases if c.plan == 1] == [c.forecast for c in second]
    assert all(c.forecast is not None for c in second)
    assert [c.forecast for c in plain.cases if c.plan == 1] != [c.forecast for c in second]
    first = [c.forecast for c in pooled.cases if c.plan == 0]
    assert first == [c.forecast for c in plain.cases if c.plan == 0]  # nothing earlier to read
