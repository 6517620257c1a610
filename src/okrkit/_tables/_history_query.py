"""Learning from history as relational expressions: the row-level part of
:mod:`okrkit._history` in SQL, over the tables of docs/tables.md.

As in :mod:`okrkit._tables._query`, each function returns the text of one
``SELECT`` in DuckDB's dialect; table names come from :class:`Names` and the only
values written into the text are dates, whole numbers and okrkit's constants.
What the queries leave is small (a row per group and bin, per forecaster, per
link and lag); the finishing steps are :mod:`okrkit._history`'s own functions.
"""

from __future__ import annotations

import datetime as dt

from okrkit._score import _EPSILON
from okrkit._tables._query import Names, date_literal, float_literal


__all__ = [
    "calibration_bins_sql",
    "calibration_keys_sql",
    "calibration_totals_sql",
    "ended_sql",
    "forecasts_sql",
    "stated_counts_sql",
    "stated_sql",
]

KEY = ("plan", "objective_index", "key_result_index")
"""What names a key result in the tables."""

_EPS = float_literal(_EPSILON)
_BIN_EDGE = float_literal(1e-9)
"""A forecast this close below a bin's edge is on the edge (as the objects bin it)."""


def joined(left: str, right: str, key: tuple[str, ...] = KEY) -> str:
    """The condition joining *left* and *right* on *key*."""
    return " AND ".join(f"{left}.{column} = {right}.{column}" for column in key)


def stated_sql(names: Names) -> str:
    """One row per key result with a stated confidence: its names, window, owner
    (its own, else its objective's), team (its objective's owner) and how many
    confidences were stated inside its window (``inside``)."""
    return f"""
        SELECT k.plan, k.objective_index, k.key_result_index, k.objective, k.key_result,
            k.window_start, k.window_end, coalesce(k.owner, o.owner) AS owner, o.owner AS team,
            count(CASE WHEN c.date BETWEEN k.window_start AND k.window_end THEN 1 END) AS inside
        FROM {names("key_results")} AS k
        JOIN {names("objectives")} AS o
            ON o.plan = k.plan AND o.objective_index = k.objective_index
        JOIN {names("checkins")} AS c ON {joined("c", "k")}
        WHERE c.confidence IS NOT NULL
        GROUP BY k.plan, k.objective_index, k.key_result_index, k.objective, k.key_result,
            k.window_start, k.window_end, k.owner, o.owner"""


def stated_counts_sql(stated: str, as_of: dt.date) -> str:
    """How many key results of *stated* had ended (with a forecast inside their
    window), were still open, and had no period."""
    day = date_literal(as_of)
    return f"""
        SELECT count(CASE WHEN window_end < {day} AND inside > 0 THEN 1 END),
            count(CASE WHEN window_end >= {day} THEN 1 END),
            count(CASE WHEN window_end IS NULL THEN 1 END)
        FROM {stated}"""


def ended_sql(stated: str, as_of: dt.date) -> str:
    """The key results of *stated* whose window ended before *as_of* with a
    forecast inside it, each with the day its outcome is read (its window's end)."""
    return f"""
        SELECT plan, objective_index, key_result_index, window_end AS day
        FROM {stated} WHERE window_end < {date_literal(as_of)} AND inside > 0"""


def forecasts_sql(names: Names, stated: str, outcomes: str) -> str:
    """Every forecast of an ended key result: a confidence stated inside its window
    (``f``), its outcome (``o``: 1 when the key result scored 1 at its window's
    end, in *outcomes*), and the names it is grouped by."""
    return f"""
        SELECT s.plan, s.objective, s.key_result, s.owner, s.team, c.confidence AS f,
            CASE WHEN r.score >= 1 - {_EPS} THEN 1e0 ELSE 0e0 END AS o
        FROM {stated} AS s
        JOIN {outcomes} AS r ON {joined("r", "s")}
        JOIN {names("checkins")} AS c ON {joined("c", "s")}
        WHERE c.confidence IS NOT NULL AND c.date BETWEEN s.window_start AND s.window_end"""


def calibration_totals_sql(forecasts: str, group: str) -> str:
    """Per group (*group*: a column of *forecasts*, or NULL for all of them): how
    many forecasts, how many came true, Σ f and Σ (f − o)²."""
    return f"""
        SELECT {group} AS name, count(*) AS forecasts, CAST(sum(o) AS BIGINT) AS achieved,
            sum(f) AS forecast_sum, sum((f - o) * (f - o)) AS error_sum
        FROM {forecasts} GROUP BY {group}"""


def calibration_keys_sql(forecasts: str, group: str) -> str:
    """Per group: how many key results its forecasts are about."""
    return f"""
        SELECT name, count(*) FROM (
            SELECT DISTINCT {group} AS name, plan, objective, key_result FROM {forecasts}
        ) AS keyed GROUP BY name"""


def calibration_bins_sql(forecasts: str, group: str, bins: int | None) -> str:
    """Per group and bin (*bins* equal bins of [0, 1], or None: one per distinct
    forecast): the bin (its index, or its forecast), how many forecasts, their
    mean, how often they came true, and their spread and co-spread around those."""
    if bins is None:
        place, mean = "f", "f"
    else:
        place = f"least({bins - 1}, CAST(floor(f * {float_literal(bins)} + {_BIN_EDGE}) AS INT))"
        mean = "avg(f) OVER (PARTITION BY name, slot)"
    return f"""
        WITH binned AS (SELECT {group} AS name, {place} AS slot, f, o FROM {forecasts}),
        centred AS (
            SELECT name, slot, f, o, {mean} AS mean,
                avg(o) OVER (PARTITION BY name, slot) AS observed
            FROM binned)
        SELECT name, slot, count(*), min(mean), min(observed),
            sum((f - mean) * (f - mean)), sum((f - mean) * (o - observed))
        FROM centred GROUP BY name, slot"""
