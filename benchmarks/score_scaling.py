"""Scoring at org scale, against a plain-Python loop doing the same arithmetic.

Run: python benchmarks/score_scaling.py

Plans of 7,500 to 30,000 key results with twelve weekly check-ins each. The
baseline works on data already reduced to floats (it does no unit work and builds
no objects): for each key result it picks the latest check-in at or before the
as-of date, computes progress, score, expected progress and status, then the
weighted mean per objective. The ratio is okrkit's time over the baseline's.
"""

from __future__ import annotations

import datetime as dt
import time

from orgplan import org_plan

import okrkit
from okrkit._resolve import resolve


AS_OF = dt.date(2026, 2, 15)


def plain_rows(
    plan: okrkit.Plan,
) -> list[list[tuple[float, float, float, int, list[tuple[dt.date, float]]]]]:
    """Each objective's key results as (baseline, target, weight, sign, check-ins) floats."""
    rows = []
    for objective in plan.objectives:
        items = []
        for item in objective.key_results:
            done = resolve(item)
            sign = -1 if done.direction is okrkit.Direction.DECREASE else 1
            items.append(
                (done.baseline or 0.0, done.target or 0.0, item.weight, sign, done.checkins)
            )
        rows.append(items)
    return rows


def plain_score(rows, start: dt.date, end: dt.date, as_of: dt.date) -> float:
    """The same arithmetic on plain floats: the baseline."""
    total_days = (end - start).days + 1
    expected = min(1.0, max(0.0, (as_of - start).days / total_days))
    objective_scores = []
    for items in rows:
        weighted = weights = 0.0
        for baseline, target, weight, sign, checkins in items:
            actual = None
            for day, value in checkins:
                if day <= as_of:
                    actual = value
            if actual is None:
                progress = 0.0
            elif sign > 0:
                progress = (actual - baseline) / (target - baseline)
            else:
                progress = (baseline - actual) / (baseline - target)
            score = min(1.0, max(0.0, progress))
            gap = progress - expected
            _status = "on_track" if gap >= -0.1 else ("at_risk" if gap >= -0.25 else "off_track")
            weighted += score * weight
            weights += weight
        objective_scores.append(weighted / weights if weights else 0.0)
    return sum(objective_scores) / len(objective_scores)


def best_of(count: int, action) -> float:
    best = float("inf")
    for _ in range(count):
        start = time.perf_counter()
        action()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    print(f"{'key results':>11} {'check-ins':>10} {'okrkit s':>9} {'plain s':>8} {'ratio':>6}")
    for teams in (2_500, 5_000, 10_000):
        plan = org_plan(teams)
        rows = plain_rows(plan)
        period = plan.period
        assert period is not None
        ours = best_of(3, lambda plan=plan: okrkit.score(plan, as_of=AS_OF))
        start, end = period.start, period.end
        theirs = best_of(3, lambda rows=rows, s=start, e=end: plain_score(rows, s, e, AS_OF))
        krs = sum(len(o.key_results) for o in plan.objectives)
        checks = sum(len(k.checkins) for _, k in plan.iter_key_results())
        print(f"{krs:>11,} {checks:>10,} {ours:>9.2f} {theirs:>8.3f} {ours / theirs:>6.1f}")


if __name__ == "__main__":
    main()
