"""A key result's earlier windows in a history, for the ``pooled`` forecast.

Key results are matched across plans by their ``id`` (``team-1-calls``), in any
objective: a key result without an id has no earlier windows. A window counts
when it ended before the key result's own window starts and on or before the
as-of date, so nothing after "today" (or a backtest's cut) is read; one in
another unit, or with fewer than four points, is passed over where the series
is read (:mod:`okrkit._forecast`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from okrkit._model import Plan, key_result_window
from okrkit._resolve import Resolved, resolve


__all__ = ["Earlier", "earlier_windows", "windows_by_id"]

Window = tuple[dt.date, dt.date]
Earlier = dict[str, list[tuple[Resolved, Window]]]
"""Each key result id's windows in a history, resolved, in plan order."""


def windows_by_id(plans: Sequence[Plan]) -> Earlier:
    """Every key result with an id in *plans*, under its id, with its window."""
    found: Earlier = {}
    for plan in plans:
        for objective in plan.objectives:
            period = plan.period_of(objective)
            if period is None:
                continue
            for item in objective.key_results:
                if item.id is not None:
                    window = key_result_window(item, period)
                    found.setdefault(item.id, []).append((resolve(item), window))
    return found


def earlier_windows(
    windows: Earlier, key_result_id: str | None, window: Window, as_of: dt.date
) -> list[tuple[Resolved, Window]]:
    """The windows in *windows* of the key results of this id that ended before
    *window* starts and by *as_of* (none without an id)."""
    if key_result_id is None:
        return []
    start = window[0]
    found = windows.get(key_result_id, ())
    return [(resolved, w) for resolved, w in found if w[1] < start and w[1] <= as_of]
