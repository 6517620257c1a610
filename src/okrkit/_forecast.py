"""Forecasts: where a key result's check-ins point by its deadline.

A straight line is fitted by least squares to the values in the key result's
window up to the as-of date — the baseline counts as the value on the window's
first day. With fewer than two points there is no trend, and the forecast says
so instead of guessing. From the line: the value projected at the deadline, the
score it would give, and the date the target would be reached at this pace.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

import attrs

from okrkit._amount import Amount, trusted_amount
from okrkit._model import Direction, KeyResult
from okrkit._repr import fields_repr
from okrkit._resolve import Resolved, resolve
from okrkit._score import decrease_start, raw_progress


__all__ = ["Forecast", "forecast"]

MIN_POINTS = 2


@attrs.frozen(repr=False)
class Forecast:
    """A key result's trend: ``projected`` at the deadline, its ``projected_score``,
    and the date the target would be ``reached`` (``None`` when it would not be,
    at this pace). ``note`` says why a figure is missing."""

    points: int
    projected: Amount | None = None
    projected_progress: float | None = None
    projected_score: float | None = None
    reached: dt.date | None = None
    slope_per_day: float | None = None
    note: str | None = None

    def __repr__(self) -> str:
        return fields_repr(self)

    def to_dict(self) -> dict[str, Any]:
        """The forecast as ``okrkit score --forecast --format json`` writes it."""
        return {
            "points": self.points,
            "projected": None
            if self.projected is None
            else {"value": self.projected.value, "unit": self.projected.unit or ""},
            "projected_progress": self.projected_progress,
            "projected_score": self.projected_score,
            "reached": None if self.reached is None else self.reached.isoformat(),
            "note": self.note,
        }


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


def forecast(
    item: KeyResult,
    *,
    window: tuple[dt.date, dt.date],
    as_of: dt.date,
    ureg: Any = None,
) -> Forecast:
    """The trend of *item*'s check-ins in *window* up to *as_of*."""
    return forecast_resolved(item, resolve(item, ureg), window=window, as_of=as_of)


def forecast_resolved(
    item: KeyResult, resolved: Resolved, *, window: tuple[dt.date, dt.date], as_of: dt.date
) -> Forecast:
    """:func:`forecast` for a key result already resolved to floats."""
    direction = resolved.direction
    if direction is Direction.ACHIEVE or direction is None:
        return Forecast(0, note="a milestone has no trend: it is done or not")
    start, end = window
    points = [
        (float((day - start).days), value)
        for day, value in resolved.checkins
        if start <= day <= min(end, as_of)
    ]
    if resolved.baseline is not None and not any(x == 0 for x, _ in points):
        points.insert(0, (0.0, resolved.baseline))
    if len(points) < MIN_POINTS:
        return Forecast(
            len(points), note=f"too few points for a trend: {len(points)} (needs {MIN_POINTS})"
        )
    slope, intercept = _fit(points)
    horizon = float((end - start).days)
    projected = intercept + slope * horizon
    if not math.isfinite(projected):
        return Forecast(len(points), note="the check-ins give no finite trend")
    baseline = resolved.baseline
    if direction is Direction.DECREASE and baseline is None:
        baseline = decrease_start(points[0][1], resolved.target)
    progress = raw_progress(
        direction, baseline, resolved.target, projected, done=item.done, strict=item.strict
    )
    reached, note = _reached(direction, resolved.target, slope, intercept, start, points)
    return Forecast(
        len(points),
        projected=trusted_amount(projected, resolved.rate_unit),
        projected_progress=progress,
        projected_score=min(1.0, max(0.0, progress)),
        reached=reached,
        slope_per_day=slope,
        note=note,
    )


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
