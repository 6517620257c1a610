"""Forecasts: where a key result's check-ins point by its deadline, and the chance
they get there.

A straight line is fitted by least squares to the values in the key result's
window up to the as-of date — the baseline counts as the value on the window's
first day. With fewer than two points there is no trend, and the forecast says
so instead of guessing. From the line: the value projected at the deadline, the
score it would give, and the date the target would be reached at this pace.

From the same points (at least four), a predictive distribution of the value
at the deadline (:mod:`okrkit._history._predictive`): the probability of
reaching the target, the median and an interval. A share measured in percent
(a check-in in percent on a key result about a population's share) is
forecast from the measured shares when the latest check-in is one, as the
score reads it.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import math
from collections.abc import Callable, Sequence
from typing import Any

import attrs

from okrkit._amount import Amount, trusted_amount
from okrkit._history._predictive import (
    DEFAULT_LEVEL,
    DEFAULT_RESAMPLES,
    ForecastMethod,
    ProbabilityStatus,
    predictive,
)
from okrkit._history._predictive import (
    MIN_POINTS as MIN_PROBABILITY_POINTS,
)
from okrkit._model import Direction, KeyResult
from okrkit._repr import fields_repr
from okrkit._resolve import Resolved, resolve
from okrkit._score import decrease_start, raw_progress


__all__ = ["Chances", "Forecast", "chance_resolved", "forecast", "forecast_resolved"]

MIN_POINTS = 2
_MET = 1.0 - 1e-9
"""Progress this close to 1 counts as the target reached, as scoring counts it."""


@attrs.frozen(repr=False)
class Forecast:
    """A key result's trend: ``projected`` at the deadline, its ``projected_score``,
    and the date the target would be ``reached`` (``None`` when it would not be,
    at this pace). ``note`` says why a figure of the trend is missing.

    And its chances: the ``probability`` of reaching the target by the deadline,
    the ``median`` value there and an ``interval`` (low, high) holding it with
    probability ``level``, by ``method``; ``probability_status`` says whether a
    probability was estimated, and if not, why not."""

    points: int
    projected: Amount | None = None
    projected_progress: float | None = None
    projected_score: float | None = None
    reached: dt.date | None = None
    slope_per_day: float | None = None
    note: str | None = None
    probability: float | None = None
    interval: tuple[Amount, Amount] | None = None
    median: Amount | None = None
    level: float | None = None
    method: ForecastMethod | None = None
    probability_status: ProbabilityStatus | None = None

    def __repr__(self) -> str:
        return fields_repr(self)

    def to_dict(self) -> dict[str, Any]:
        """The forecast as ``okrkit score --forecast --format json`` writes it."""
        return {
            "points": self.points,
            "projected": _amount_dict(self.projected),
            "projected_progress": self.projected_progress,
            "projected_score": self.projected_score,
            "reached": None if self.reached is None else self.reached.isoformat(),
            "note": self.note,
            "probability": self.probability,
            "probability_status": None
            if self.probability_status is None
            else self.probability_status.value,
            "method": None if self.method is None else self.method.value,
            "median": _amount_dict(self.median),
            "interval": None
            if self.interval is None
            else {
                "low": self.interval[0].value,
                "high": self.interval[1].value,
                "unit": self.interval[0].unit or "",
                "level": self.level,
            },
        }


def _amount_dict(amount: Amount | None) -> dict[str, Any] | None:
    return None if amount is None else {"value": amount.value, "unit": amount.unit or ""}


def _fit(points: list[tuple[float, float]]) -> tuple[float, float]:
    """Least-squares slope and intercept of value over day."""
    count = len(points)
    mean_x = sum(x for x, _ in points) / count
    mean_y = sum(y for _, y in points) / count
    spread = sum((x - mean_x) ** 2 for x, _ in points)
    if spread == 0:
        return 0.0, mean_y
    slope = sum((x - mean_x) * (y - mean_y) for x, y in points) / spread
    return slope, mean_y - slope * mean_x


@attrs.frozen
class Chances:
    """How a forecast's probability is worked out: the method, the interval's
    level, and for the bootstrap its seed and number of resamples."""

    method: ForecastMethod = ForecastMethod.INCREMENTS
    level: float = DEFAULT_LEVEL
    seed: int = 0
    resamples: int = DEFAULT_RESAMPLES


def forecast(
    item: KeyResult,
    *,
    window: tuple[dt.date, dt.date],
    as_of: dt.date,
    ureg: Any = None,
    chances: Chances | None = None,
) -> Forecast:
    """The trend of *item*'s check-ins in *window* up to *as_of*, and its chances."""
    return forecast_resolved(item, resolve(item, ureg), window=window, as_of=as_of, chances=chances)


def forecast_resolved(
    item: KeyResult,
    resolved: Resolved,
    *,
    window: tuple[dt.date, dt.date],
    as_of: dt.date,
    chances: Chances | None = None,
    past: Sequence[tuple[Resolved, tuple[dt.date, dt.date]]] = (),
) -> Forecast:
    """:func:`forecast` for a key result already resolved to floats; *past*, the
    same key result's earlier windows (each resolved, with its window), is what
    the ``pooled`` method learns from."""
    start, end = window
    points = _values(resolved, start, min(end, as_of))
    flags = (item.done, item.strict)
    chance = _chances_of(flags, resolved, window, as_of, chances or Chances(), points, past)
    return Forecast(**_trend_of(item, resolved, window, points), **chance)


def chance_resolved(
    resolved: Resolved,
    *,
    done: bool,
    strict: bool,
    window: tuple[dt.date, dt.date],
    as_of: dt.date,
    chances: Chances,
    past: Sequence[tuple[Resolved, tuple[dt.date, dt.date]]] = (),
) -> tuple[float | None, ProbabilityStatus]:
    """The probability of :func:`forecast_resolved` and its status, from the
    numbers alone (*done* and *strict*: the key result's flags): what a backtest
    needs, whether the key result is an object or rows of a table."""
    start, end = window
    points = _values(resolved, start, min(end, as_of))
    found = _chances_of((done, strict), resolved, window, as_of, chances, points, past)
    return found.get("probability"), found["probability_status"]


def _values(resolved: Resolved, start: dt.date, last: dt.date) -> list[tuple[float, float]]:
    """The values dated from *start* to *last*, the baseline first (on day 0)."""
    points = _points(resolved.days, resolved.values, start, last)
    if resolved.baseline is not None and not (points and points[0][0] == 0):
        points.insert(0, (0.0, resolved.baseline))
    return points


def _points(
    days: list[dt.date], values: list[float], start: dt.date, last: dt.date
) -> list[tuple[float, float]]:
    """The values dated from *start* to *last* (*days* in order), each with its day
    counted from *start*."""
    low, high = bisect.bisect_left(days, start), bisect.bisect_right(days, last)
    return [
        (float((day - start).days), value)
        for day, value in zip(days[low:high], values[low:high], strict=True)
    ]


def _trend_of(
    item: KeyResult,
    resolved: Resolved,
    window: tuple[dt.date, dt.date],
    points: list[tuple[float, float]],
) -> dict[str, Any]:
    """The trend's fields of a :class:`Forecast`, from the values in the window
    (the baseline first)."""
    direction = resolved.direction
    if direction is Direction.ACHIEVE or direction is None:
        return {"points": 0, "note": "a milestone has no trend: it is done or not"}
    count = len(points)
    if count < MIN_POINTS:
        return {
            "points": count,
            "note": f"too few points for a trend: {count} (needs {MIN_POINTS})",
        }
    start, end = window
    slope, intercept = _fit(points)
    horizon = float((end - start).days)
    projected = intercept + slope * horizon
    if not math.isfinite(projected):
        return {"points": count, "note": "the check-ins give no finite trend"}
    baseline = resolved.baseline
    if direction is Direction.DECREASE and baseline is None:
        baseline = decrease_start(points[0][1], resolved.target)
    progress = raw_progress(
        direction, baseline, resolved.target, projected, done=item.done, strict=item.strict
    )
    reached, note = _reached(direction, resolved.target, slope, intercept, start, points)
    return {
        "points": count,
        "projected": trusted_amount(projected, resolved.rate_unit),
        "projected_progress": progress,
        "projected_score": min(1.0, max(0.0, progress)),
        "reached": reached,
        "slope_per_day": slope,
        "note": note,
    }


def _reached(
    direction: Direction,
    target: float | None,
    slope: float,
    intercept: float,
    start: dt.date,
    points: list[tuple[float, float]],
) -> tuple[dt.date | None, str | None]:
    if target is None:
        return None, "no target to reach"
    rising = direction in (Direction.INCREASE, Direction.AT_LEAST)
    latest = points[-1][1]
    if (latest >= target) if rising else (latest <= target):
        return start + dt.timedelta(days=int(points[-1][0])), None
    if slope == 0 or (slope > 0) != rising:
        return None, "not at this pace: the trend moves away from the target"
    day = (target - intercept) / slope
    if not math.isfinite(day) or day > 36_500:
        return None, "not within a hundred years at this pace"
    return start + dt.timedelta(days=math.ceil(max(day, points[-1][0]))), None


# --- the chances ---------------------------------------------------------------------------


@attrs.frozen
class _Goal:
    """What the series must reach: a threshold, on which side, the exact test,
    and the unit its values are in."""

    points: list[tuple[float, float]]
    threshold: float
    rising: bool
    met: Callable[[float], bool]
    unit: str | None
    share: bool = False


def _last_per_day(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """One point a day (*points* in day order): the one written last, as scoring
    reads a day's value."""
    if all(a[0] < b[0] for a, b in itertools.pairwise(points)):
        return points
    kept: dict[float, float] = {}
    for x, y in points:
        kept[x] = y
    return sorted(kept.items())


def _goal(
    flags: tuple[bool, bool],
    resolved: Resolved,
    start: dt.date,
    last: dt.date,
    values: list[tuple[float, float]],
) -> _Goal | ProbabilityStatus:
    direction, target = resolved.direction, resolved.target
    if direction is Direction.ACHIEVE:
        return ProbabilityStatus.MILESTONE
    shares = _points(resolved.share_days, resolved.share_values, start, last)
    if shares and (not values or shares[-1][0] > values[-1][0]):
        wanted = resolved.share if resolved.share is not None else 100.0
        return _Goal(shares, wanted, True, lambda share: share >= wanted - 1e-9, "percent", True)
    if direction is None or target is None:
        return ProbabilityStatus.NO_TARGET
    baseline = resolved.baseline
    if direction is Direction.DECREASE and baseline is None and resolved.values:
        baseline = decrease_start(resolved.values[0], target)
    start_value = 0.0 if baseline is None else baseline
    if direction is Direction.AT_LEAST:
        rising = True
    elif direction is Direction.AT_MOST:
        rising = False
    elif start_value == target:
        rising = direction is Direction.INCREASE
    else:
        rising = target > start_value

    def met(value: float) -> bool:
        progress = raw_progress(direction, baseline, target, value, done=flags[0], strict=flags[1])
        return progress >= _MET

    return _Goal(values, target, rising, met, resolved.rate_unit)


def _earlier(
    goal: _Goal, resolved: Resolved, past: Sequence[tuple[Resolved, tuple[dt.date, dt.date]]]
) -> list[list[tuple[float, float]]]:
    """The earlier windows' series of the kind *goal* reads (values or measured
    shares), those in the same unit with :data:`MIN_PROBABILITY_POINTS` points."""
    found = []
    for earlier, (start, end) in past:
        if goal.share:
            points = _points(earlier.share_days, earlier.share_values, start, end)
        elif earlier.rate_unit == resolved.rate_unit:
            points = _values(earlier, start, end)
        else:
            continue
        points = _last_per_day(points)
        if len(points) >= MIN_PROBABILITY_POINTS:
            found.append(points)
    return found


def _chances_of(
    flags: tuple[bool, bool],
    resolved: Resolved,
    window: tuple[dt.date, dt.date],
    as_of: dt.date,
    chances: Chances,
    values: list[tuple[float, float]],
    past: Sequence[tuple[Resolved, tuple[dt.date, dt.date]]],
) -> dict[str, Any]:
    """The probability's fields of a :class:`Forecast`, from *values*, the points
    of the trend (and for the ``pooled`` method, the earlier windows *past*);
    *flags* are the key result's ``done`` and ``strict``."""
    start, end = window
    goal = _goal(flags, resolved, start, min(end, as_of), values)
    told: dict[str, Any] = {"method": chances.method}
    if isinstance(goal, ProbabilityStatus):
        return {**told, "probability_status": goal}
    points = _last_per_day(goal.points)
    if len(points) < MIN_PROBABILITY_POINTS:
        return {**told, "probability_status": ProbabilityStatus.NOT_ENOUGH_DATA}
    deadline = float((end - start).days) if as_of < end else points[-1][0]
    found = predictive(
        points, deadline, threshold=goal.threshold, rising=goal.rising, met=goal.met,
        method=chances.method, level=chances.level, seed=chances.seed,
        resamples=chances.resamples,
        past=_earlier(goal, resolved, past) if chances.method is ForecastMethod.POOLED else (),
    )  # fmt: skip
    if found is None:
        return {**told, "probability_status": ProbabilityStatus.NOT_FINITE}
    low, median, high = found.low, found.median, found.high
    if goal.share:  # a share lies from 0 to 100 %: so do its quantiles
        low, median, high = (min(100.0, max(0.0, v)) for v in (low, median, high))
    return {
        **told,
        "probability_status": ProbabilityStatus.ESTIMATED,
        "probability": found.probability,
        "median": trusted_amount(median, goal.unit),
        "interval": (trusted_amount(low, goal.unit), trusted_amount(high, goal.unit)),
        "level": chances.level,
    }
