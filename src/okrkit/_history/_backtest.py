"""Probabilistic forecasts backtested on a history.

:func:`forecast` gives one key result's chance of reaching its target by its
deadline (see :mod:`okrkit._history._predictive` for the methods).

:func:`backtest` asks how such forecasts would have fared. For every key result
whose window had ended, it cuts the history at a share of the window (``cut``):
the first ⌊cut · D⌋ of its D days are seen, and nothing after. From what was
seen, four forecasters say how likely the key result is to be achieved:

- ``forecast``: the probability of the chosen method;
- ``pacing``: 1 if the key result was on pace at its latest check-in before the
  cut (progress at least the share of the window gone by the end of that
  check-in's day; a bound: holding), else 0;
- ``pace_share``: the progress at that check-in divided by that share, clipped
  to [0, 1]: on pace or ahead is 1, half the pace is 0.5;
- ``confidence``: the owner's latest confidence stated in the window before the
  cut (none stated: left out of that forecaster's comparison).

Each is compared with what happened (1 when the key result scored 1 at its
window's end, as :mod:`okrkit._history._calibration` counts it): the Brier
score, and for each other forecaster, the forecast's Brier score minus its own on
the same key results, with a 95 % interval from a paired bootstrap over key
results (``resamples`` draws from ``random.Random(seed)``).
"""

from __future__ import annotations

import bisect
import datetime as dt
import math
import random
from collections.abc import Iterable, Sequence
from enum import StrEnum
from typing import Any

import attrs

from okrkit._escape import json_dumps
from okrkit._fields import json_indent, member, number, to_date, whole
from okrkit._forecast import Chances, chance_resolved
from okrkit._history._calibration import GroupStatus, history_plans
from okrkit._history._forecasts import checked_chances
from okrkit._history._pooled import Earlier, earlier_windows, windows_by_id
from okrkit._history._predictive import (
    DEFAULT_LEVEL,
    DEFAULT_RESAMPLES,
    ForecastMethod,
    ProbabilityStatus,
    quantile,
)
from okrkit._model import KeyResult, Plan, key_result_window
from okrkit._period_words import check_lang
from okrkit._repr import fields_repr, value_repr
from okrkit._resolve import Resolved, resolve
from okrkit._score import achieved_on, expected_progress, progress_as_of


__all__ = ["Backtest", "BacktestCase", "BacktestRow", "Forecaster", "backtest"]

_ON_PACE = 1e-9
"""Progress this close below the pace counts as on it."""
_INTERVAL = 0.95
"""The level of the paired bootstrap's interval of a difference."""


class Forecaster(StrEnum):
    """Who foretells whether a key result will be achieved, in a backtest."""

    FORECAST = "forecast"
    PACING = "pacing"
    PACE_SHARE = "pace_share"
    CONFIDENCE = "confidence"

    def __repr__(self) -> str:
        return value_repr(self)


# --- the result ------------------------------------------------------------------------------


@attrs.frozen(repr=False)
class BacktestCase:
    """One key result in a backtest: what each forecaster said at the cut (``None``:
    it said nothing) and whether the key result was achieved.

    ``plan`` is the plan's index in the history; ``seen`` counts the check-ins
    dated in the window before ``cut``; ``status`` says whether the forecast has
    a probability, and if not, why not."""

    plan: int
    objective: str
    key_result: str
    owner: str | None
    cut: dt.date
    seen: int
    status: ProbabilityStatus
    forecast: float | None
    pacing: float | None
    pace_share: float | None
    confidence: float | None
    achieved: bool

    def __repr__(self) -> str:
        return fields_repr(self)

    def said(self, forecaster: Forecaster | str) -> float | None:
        """What *forecaster* (``"pacing"``, say) said of this key result."""
        wanted = member("BacktestCase.said(forecaster)", forecaster, Forecaster)
        return {
            Forecaster.FORECAST: self.forecast,
            Forecaster.PACING: self.pacing,
            Forecaster.PACE_SHARE: self.pace_share,
            Forecaster.CONFIDENCE: self.confidence,
        }[wanted]

    def to_dict(self) -> dict[str, Any]:
        return {"plan": self.plan, "objective": self.objective, "key_result": self.key_result,
                "owner": self.owner, "cut": self.cut.isoformat(), "seen": self.seen,
                "status": self.status.value, "forecast": self.forecast, "pacing": self.pacing,
                "pace_share": self.pace_share, "confidence": self.confidence,
                "achieved": self.achieved}  # fmt: skip


@attrs.frozen(repr=False)
class BacktestRow:
    """One forecaster's figures over the key results the forecast and it both
    foretold: its Brier score, the forecast's on the same key results, and the
    forecast's minus its own (below 0, the forecast did better), with a 95 %
    interval (``low``, ``high``). The forecast's own row has no difference.

    Below the minimum count the row is ``not_enough_data``: its count is kept,
    its figures are ``None``."""

    forecaster: Forecaster
    status: GroupStatus
    key_results: int
    brier: float | None = None
    forecast_brier: float | None = None
    difference: float | None = None
    low: float | None = None
    high: float | None = None

    def __repr__(self) -> str:
        return fields_repr(self, positional=("forecaster", "status"))

    def to_dict(self) -> dict[str, Any]:
        return {"forecaster": self.forecaster.value, "status": self.status.value,
                "key_results": self.key_results, "brier": self.brier,
                "forecast_brier": self.forecast_brier, "difference": self.difference,
                "low": self.low, "high": self.high}  # fmt: skip


@attrs.frozen(repr=False)
class Backtest:
    """Forecasts made at a cut of each ended key result's window, beside pacing and
    the owners' confidence, scored against what happened (see :func:`backtest`).

    ``ended`` counts the key results whose window had ended by ``as_of``; the
    ``cases`` are those, each with what every forecaster said. ``open`` counts
    the key results whose window had not ended, ``no_period`` those without a
    period (both left out)."""

    as_of: dt.date
    cut: float
    method: ForecastMethod
    seed: int
    resamples: int
    min_key_results: int
    rows: tuple[BacktestRow, ...]
    cases: tuple[BacktestCase, ...] = attrs.field(repr=False)
    ended: int = 0
    open: int = 0
    no_period: int = 0
    lang: str = "en"
    """The language of its views (text, Markdown)."""

    def __repr__(self) -> str:
        return (
            f"<Backtest as of {self.as_of.isoformat()} at {self.cut:g} of each window by "
            f"{self.method.value}: {self.compared} of {self.ended} key results forecast>"
        )

    @property
    def compared(self) -> int:
        """How many key results the forecast gave a probability for."""
        return sum(case.forecast is not None for case in self.cases)

    @property
    def left_out(self) -> dict[ProbabilityStatus, int]:
        """How many ended key results the forecast gave no probability for, and why."""
        counts: dict[ProbabilityStatus, int] = {}
        for case in self.cases:
            if case.forecast is None:
                counts[case.status] = counts.get(case.status, 0) + 1
        return counts

    def row(self, forecaster: Forecaster | str) -> BacktestRow:
        """The row of *forecaster* (``"pacing"``, say)."""
        wanted = member("Backtest.row(forecaster)", forecaster, Forecaster)
        return next(found for found in self.rows if found.forecaster is wanted)

    def to_dict(self) -> dict[str, Any]:
        """The backtest as ``okrkit backtest --format json`` writes it."""
        return {
            "as_of": self.as_of.isoformat(), "cut": self.cut, "method": self.method.value,
            "seed": self.seed, "resamples": self.resamples,
            "min_key_results": self.min_key_results, "interval": _INTERVAL,
            "key_results": {"ended": self.ended, "forecast": self.compared,
                            "open": self.open, "no_period": self.no_period,
                            "left_out": {s.value: n for s, n in self.left_out.items()}},
            "rows": [row.to_dict() for row in self.rows],
            "cases": [case.to_dict() for case in self.cases],
        }  # fmt: skip

    def to_json(self, *, indent: int | None = None) -> str:
        """:meth:`to_dict` as one JSON document (*indent*: None, or 0 to 8 spaces)."""
        return json_dumps(self.to_dict(), indent=json_indent("Backtest.to_json(indent)", indent))

    def to_text(self) -> str:
        """The backtest as ``okrkit backtest`` prints it, in its language."""
        from okrkit._backtest_views import backtest_text  # noqa: PLC0415 - views sit outside

        return backtest_text(self)

    def to_markdown(self, *, level: int = 1) -> str:
        """The backtest as a Markdown section headed at *level* (1 to 6)."""
        from okrkit._backtest_views import backtest_markdown  # noqa: PLC0415

        depth = whole("Backtest.to_markdown(level)", level, minimum=1, maximum=6)
        return backtest_markdown(self, level=depth)


# --- the figures -------------------------------------------------------------------------------


def _brier(pairs: Sequence[tuple[float, bool]]) -> float:
    return math.fsum((said - happened) ** 2 for said, happened in pairs) / len(pairs)


def _row(
    forecaster: Forecaster,
    cases: Sequence[BacktestCase],
    least: int,
    seed: int,
    resamples: int,
) -> BacktestRow:
    both = [
        (case.forecast, other, case.achieved)
        for case in cases
        if case.forecast is not None and (other := case.said(forecaster)) is not None
    ]
    if len(both) < least or not both:
        return BacktestRow(forecaster, GroupStatus.NOT_ENOUGH_DATA, len(both))
    ours = _brier([(f, happened) for f, _o, happened in both])
    theirs = _brier([(o, happened) for _f, o, happened in both])
    if forecaster is Forecaster.FORECAST:
        return BacktestRow(forecaster, GroupStatus.MEASURED, len(both), ours)
    gaps = [(f - happened) ** 2 - (o - happened) ** 2 for f, o, happened in both]
    rng = random.Random(seed)
    count = len(gaps)
    means = sorted(math.fsum(rng.choices(gaps, k=count)) / count for _ in range(resamples))
    tail = (1.0 - _INTERVAL) / 2.0
    return BacktestRow(
        forecaster, GroupStatus.MEASURED, count, theirs, ours, math.fsum(gaps) / count,
        quantile(means, tail), quantile(means, 1.0 - tail),
    )  # fmt: skip


def scored_rows(
    cases: Sequence[BacktestCase], least: int, seed: int, resamples: int
) -> tuple[BacktestRow, ...]:
    """A row for each forecaster, in order, from *cases*."""
    return tuple(_row(forecaster, cases, least, seed, resamples) for forecaster in Forecaster)


# --- reading the history ---------------------------------------------------------------------


def _latest_day(resolved: Resolved, day: dt.date) -> dt.date | None:
    """The date of the latest value or measured share at or before *day*."""
    found = None
    for days in (resolved.days, resolved.share_days):
        index = bisect.bisect_right(days, day) - 1
        if index >= 0 and (found is None or days[index] > found):
            found = days[index]
    return found


def _stated(resolved: Resolved, start: dt.date, day: dt.date) -> float | None:
    """The latest confidence stated from *start* to *day*."""
    days = resolved.confidence_days
    index = bisect.bisect_right(days, day) - 1
    return resolved.confidences[index] if index >= 0 and days[index] >= start else None


def _case(
    index: int, objective: str, key: str, owner: str | None, item: KeyResult,
    window: tuple[dt.date, dt.date], cut: float, chances: Chances, windows: Earlier,
) -> BacktestCase:  # fmt: skip
    """What each forecaster said of *item* at the cut of its *window*, and what happened."""
    start, end = window
    cutting = cut_of(window, cut)
    last = cutting - dt.timedelta(days=1)
    resolved = resolve(item)
    past = earlier_windows(windows, item.id, window, last)
    probability, status = chance_resolved(
        resolved, done=item.done, strict=item.strict, window=window, as_of=last,
        chances=chances, past=past,
    )  # fmt: skip
    seen = sum(start <= checkin.date <= last for checkin in item.checkins)
    pacing = share = None
    latest = _latest_day(resolved, last)
    if latest is not None and latest >= start:
        progress = progress_as_of(item, resolved, last)
        expected = expected_progress(latest + dt.timedelta(days=1), start, end)
        pacing = 1.0 if progress >= expected - _ON_PACE else 0.0
        share = min(1.0, max(0.0, progress / expected))
    return BacktestCase(
        index, objective, key, owner, cutting, seen, status, probability, pacing,
        share, _stated(resolved, start, last), achieved_on(item, end),
    )  # fmt: skip


def cut_of(window: tuple[dt.date, dt.date], cut: float) -> dt.date:
    """The first day of *window* hidden at the cut: a share *cut* of its days are seen."""
    start, end = window
    return start + dt.timedelta(days=math.floor(cut * ((end - start).days + 1)))


def _cases(
    plans: Sequence[Plan], as_of: dt.date, cut: float, chances: Chances
) -> tuple[list[BacktestCase], int, int]:
    """A case for every key result of *plans* whose window ended before *as_of*,
    in plan order; and how many were still open, and how many had no period."""
    cases: list[BacktestCase] = []
    still_open = no_period = 0
    windows = windows_by_id(plans) if chances.method is ForecastMethod.POOLED else {}
    for index, plan in enumerate(plans):
        for objective in plan.objectives:
            period = plan.period_of(objective)
            keys = objective.key_result_keys()
            for item, key in zip(objective.key_results, keys, strict=True):
                if period is None:
                    no_period += 1
                    continue
                window = key_result_window(item, period)
                if window[1] >= as_of:
                    still_open += 1
                    continue
                owner = item.owner or objective.owner
                cases.append(
                    _case(index, objective.key, key, owner, item, window, cut, chances, windows)
                )
    return cases, still_open, no_period


def backtest_settings(
    name: str, as_of: object, cut: object, method: object, seed: object, resamples: object,
    min_key_results: object,
) -> tuple[dt.date, float, Chances, int]:  # fmt: skip
    """A backtest's arguments, each checked and named after the function *name*:
    the as-of date, the cut, the forecast's options and the fewest key results."""
    return (
        to_date(f"{name}(as_of)", as_of),
        number(f"{name}(cut)", cut, minimum=0.05, maximum=0.95),
        checked_chances(name, method, DEFAULT_LEVEL, seed, resamples),
        whole(f"{name}(min_key_results)", min_key_results, minimum=1, maximum=10**9),
    )


def backtest(
    plans: Plan | Iterable[Plan],
    *,
    as_of: dt.date | str,
    cut: float = 0.5,
    method: ForecastMethod | str = ForecastMethod.POOLED,
    seed: int = 0,
    resamples: int = DEFAULT_RESAMPLES,
    min_key_results: int = 10,
    lang: str | None = None,
) -> Backtest:
    """How well forecasts made at a cut of each window foretold which key results
    were achieved, beside pacing and the owners' confidence, over a history of
    *plans*, as of a date.

    Args:
        as_of: The date "today" is (or ISO date text): key results whose window
            ended before it count.
        cut: The share of each window seen, from 0.05 to 0.95 (half by default):
            check-ins dated on or after the cut are hidden from every forecaster.
        method: The forecast's method: ``increments``, ``trend``, ``bootstrap``
            or ``pooled`` (which learns from each key result's earlier windows in
            *plans*, matched by id, that ended before the cut).
        seed: The seed of every random draw (the paired bootstrap's, and the
            bootstrap method's), so the same arguments give the same result.
        resamples: How many draws each bootstrap makes.
        min_key_results: A forecaster compared on fewer key results is
            ``not_enough_data``: its count is shown, its figures are not.
        lang: ``en`` or ``es`` for the result's views; by default the first
            plan's ``lang``, else English.
    """
    history = history_plans("backtest(plans)", plans)
    day, share, chances, least = backtest_settings(
        "backtest", as_of, cut, method, seed, resamples, min_key_results
    )
    language = check_lang((history[0].lang if history else None) or "en" if lang is None else lang)
    cases, still_open, no_period = _cases(history, day, share, chances)
    rows = scored_rows(cases, least, chances.seed, chances.resamples)
    return Backtest(
        day, share, chances.method, chances.seed, chances.resamples, least, rows, tuple(cases),
        len(cases), still_open, no_period, language,
    )  # fmt: skip
