"""Progress as weekly changes: the series a link's two ends are compared by.

A key result's progress is what scoring calls its raw progress, (value − start)
/ (target − start), for a key result that increases or decreases toward a
target; a threshold (at least, at most), a milestone or a key result without a
target has no graded progress, hence no series. An objective's progress is the
weighted mean of its key results' (those with a series; the key result at the
link's other end left out, so a part is never compared with a whole that holds
it).

Each series is read on a weekly grid: the last day of each week of the period
(from its first day), linearly interpolated between the check-ins around it,
only between the first and the last check-in made by ``as_of`` inside the key
result's window (never extrapolated). Its weekly changes are then detrended:
the straight line through them, week against change, is taken away, so a trend
that runs through the period (a push at the end of every quarter) is not read
as one series leading the other.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import math
from collections.abc import Sequence

from okrkit._model import Direction, KeyResult, Objective, Plan, key_result_window
from okrkit._resolve import resolve
from okrkit._score import decrease_start, raw_progress


__all__ = [
    "Series", "Weekly", "detrended", "grid", "key_result_progress", "objective_progress",
    "on_grid", "weekly",
]  # fmt: skip

Series = list[tuple[dt.date, float]]
"""Progress at dates, in date order."""

Weekly = list[float | None]
"""A value (or a change) for each week of the grid; ``None`` where there is none."""

WEEK = 7

_GRADED = (Direction.INCREASE, Direction.DECREASE)


def key_result_progress(
    plan: Plan, objective: Objective, item: KeyResult, as_of: dt.date
) -> Series:
    """The key result's raw progress at each check-in by *as_of* inside its
    window; empty when it has no graded progress."""
    resolved = resolve(item)
    direction, target = resolved.direction, resolved.target
    if direction not in _GRADED or target is None or not resolved.values:
        return []
    period = plan.period_of(objective)
    first, last = key_result_window(item, period) if period is not None else (dt.date.min, as_of)
    last = min(last, as_of)
    start = resolved.baseline
    if direction is Direction.DECREASE and start is None:
        start = decrease_start(resolved.values[0], target)
    if (0.0 if start is None else start) == target:
        return []  # no distance to cover: progress is all or nothing
    out: Series = []
    for day, value in zip(resolved.days, resolved.values, strict=True):
        if first <= day <= last:
            progress = raw_progress(direction, start, target, value)
            if out and out[-1][0] == day:
                out[-1] = (day, progress)  # the last one written on a day is the day's value
            else:
                out.append((day, progress))
    return out


def objective_progress(
    plan: Plan, objective: Objective, as_of: dt.date, dates: Sequence[dt.date], *, leave: int
) -> Weekly:
    """The objective's progress on *dates*: the weighted mean of its key results'
    (the one at index *leave* left out), where every one with a series has a value."""
    parts = [
        (item.weight, on_grid(series, dates))
        for index, item in enumerate(objective.key_results)
        if index != leave and item.weight > 0
        for series in [key_result_progress(plan, objective, item, as_of)]
        if series
    ]
    total = math.fsum(weight for weight, _values in parts)
    if not parts or total <= 0:
        return [None] * len(dates)
    out: Weekly = []
    for week in range(len(dates)):
        values = [values[week] for _weight, values in parts]
        if any(value is None for value in values):
            out.append(None)
            continue
        out.append(
            math.fsum(w * v for (w, _), v in zip(parts, values, strict=True) if v is not None)
            / total
        )
    return out


def grid(start: dt.date, end: dt.date) -> list[dt.date]:
    """The last day of each week from *start* (its first day) up to *end*."""
    count = ((end - start).days + 1) // WEEK
    return [start + dt.timedelta(days=WEEK * week - 1) for week in range(1, count + 1)]


def on_grid(series: Series, dates: Sequence[dt.date]) -> Weekly:
    """*series* at each of *dates*: interpolated between the check-ins around a
    date, ``None`` before the first or after the last."""
    days = [day for day, _value in series]
    out: Weekly = []
    for date in dates:
        if not days or date < days[0] or date > days[-1]:
            out.append(None)
            continue
        after = bisect.bisect_left(days, date)
        day, value = series[after]
        if day == date:
            out.append(value)
            continue
        before, earlier = series[after - 1]
        share = (date - before).days / (day - before).days
        out.append(earlier + (value - earlier) * share)
    return out


def weekly(values: Weekly) -> Weekly:
    """The change from each week to the next (``None`` where either is missing):
    the first week has no change."""
    return [None] + [
        None if before is None or after is None else after - before
        for before, after in itertools.pairwise(values)
    ]


MIN_CHANGES = 4
"""Fewer changes than this leave too little once a line is taken away (two figures)."""


_STILL = 1e-9
"""Changes that stray from their line by less than this share of their size do
not stray at all: what is left is rounding."""


def detrended(changes: Weekly) -> Weekly:
    """*changes* less the least-squares line through them (week against change);
    all ``None`` when fewer than :data:`MIN_CHANGES` are known, or when the changes
    are their line."""
    known = [(week, change) for week, change in enumerate(changes) if change is not None]
    if len(known) < MIN_CHANGES:
        return [None] * len(changes)
    mean_week = math.fsum(week for week, _c in known) / len(known)
    mean = math.fsum(change for _w, change in known) / len(known)
    spread = math.fsum((week - mean_week) ** 2 for week, _c in known)
    slope = math.fsum((week - mean_week) * (change - mean) for week, change in known) / spread
    out: Weekly = [None] * len(changes)
    left = [change - mean - slope * (week - mean_week) for week, change in known]
    if max(map(abs, left)) <= _STILL * max(abs(change) for _w, change in known):
        return out  # the changes are their line (a straight run between two check-ins)
    for (week, _change), value in zip(known, left, strict=True):
        out[week] = value
    return out
