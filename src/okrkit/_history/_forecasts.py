"""One key result's chance of reaching its target by its deadline, as a public
function (the methods are in :mod:`okrkit._history._predictive`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from okrkit._fields import member, number, of_type, to_date, whole
from okrkit._forecast import Chances, Forecast, forecast_resolved
from okrkit._history._calibration import history_plans
from okrkit._history._pooled import earlier_windows, windows_by_id
from okrkit._history._predictive import DEFAULT_LEVEL, DEFAULT_RESAMPLES, ForecastMethod
from okrkit._history._simulate import MAX_SEED
from okrkit._model import KeyResult, Plan, key_result_window
from okrkit._period import Period
from okrkit._resolve import resolve


__all__ = ["checked_chances", "forecast"]


def checked_chances(
    name: str, method: object, level: object, seed: object, resamples: object
) -> Chances:
    """A forecast's options, each checked and named after the function *name*."""
    return Chances(
        member(f"{name}(method)", method, ForecastMethod),
        number(f"{name}(level)", level, minimum=0.01, maximum=0.99),
        whole(f"{name}(seed)", seed, minimum=0, maximum=MAX_SEED),
        whole(f"{name}(resamples)", resamples, minimum=100, maximum=100_000),
    )


def forecast(
    item: KeyResult,
    *,
    period: Period | str,
    as_of: dt.date | str,
    method: ForecastMethod | str = ForecastMethod.INCREMENTS,
    level: float = DEFAULT_LEVEL,
    seed: int = 0,
    resamples: int = DEFAULT_RESAMPLES,
    history: Plan | Iterable[Plan] | None = None,
    ureg: Any = None,
) -> Forecast:
    """*item*'s trend and its chance of reaching its target by its deadline, from
    its check-ins in its window (*period*, ended by its deadline if it has one)
    up to *as_of*.

    Args:
        period: The period the key result runs in (its objective's or its
            plan's), or its label (``"2026-Q1"``).
        as_of: The date "today" is (or ISO date text): later check-ins are not seen.
        method: ``increments`` (the default), ``trend``, ``bootstrap`` or
            ``pooled`` (the increments, learning from *history* too).
        level: The chance the interval holds the value at the deadline (0.8).
        seed: The seed of the bootstrap's draws (the other methods draw nothing).
        resamples: How many draws the bootstrap makes.
        history: Plans of earlier periods (or all of them, in order) where
            ``pooled`` finds *item*'s earlier windows: the key results with its
            id whose windows ended before its own starts and by *as_of*.
        ureg: A pint UnitRegistry (the application registry by default).
    """
    of_type("forecast(item)", item, KeyResult, "a KeyResult")
    if isinstance(period, str):
        period = Period.parse(period)
    of_type("forecast(period)", period, Period, 'a Period or its label, like "2026-Q1"')
    day = to_date("forecast(as_of)", as_of)
    chances = checked_chances("forecast", method, level, seed, resamples)
    plans = () if history is None else history_plans("forecast(history)", history)
    window = key_result_window(item, period)
    past = earlier_windows(windows_by_id(plans), item.id, window, day)
    return forecast_resolved(
        item, resolve(item, ureg), window=window, as_of=day, chances=chances, past=past
    )
