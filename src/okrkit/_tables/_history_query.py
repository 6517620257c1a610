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
from okrkit._tables._query import (
    Names,
    bounded_sql,
    date_literal,
    float_literal,
    span_fraction_sql,
)


__all__ = [
    "autocorrelation_sql",
    "calibration_bins_sql",
    "calibration_keys_sql",
    "calibration_totals_sql",
    "cut_windows_sql",
    "detrended_sql",
    "end_changes_sql",
    "end_members_sql",
    "ended_sql",
    "forecasts_sql",
    "grid_sql",
    "lag_totals_sql",
    "link_places_sql",
    "progress_points_sql",
    "said_sql",
    "segment_frames_sql",
    "series_sql",
    "stated_counts_sql",
    "stated_sql",
    "windows_count_sql",
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


# --- causality evidence ----------------------------------------------------------------------


def link_places_sql(names: Names) -> str:
    """Each link whose two ends name two different things of its plan, with its
    ends' places and what they are named by. An end is found as
    :class:`okrkit._rules.References` finds it: an objective's key (the first
    objective of that key), else ``objective/kr`` (the first), else a key
    result's bare key when no other key result of the plan has it."""
    key_results, objectives = names("key_results"), names("objectives")
    return f"""
        WITH paths AS (
            SELECT plan, objective || '/' || key_result AS name, objective_index,
                key_result_index,
                row_number() OVER (PARTITION BY plan, objective || '/' || key_result
                    ORDER BY objective_index, key_result_index) AS n
            FROM {key_results}),
        bare AS (
            SELECT plan, key_result AS name, min(objective_index) AS objective_index,
                min(key_result_index) AS key_result_index, count(*) AS n
            FROM {key_results} GROUP BY plan, key_result),
        targets AS (
            SELECT plan, objective AS name, min(objective_index) AS objective_index,
                CAST(NULL AS INT) AS key_result_index, 0 AS rank
            FROM {objectives} GROUP BY plan, objective
            UNION ALL SELECT plan, name, objective_index, key_result_index, 1 AS rank
            FROM paths WHERE n = 1
            UNION ALL SELECT plan, name, objective_index, key_result_index, 2 AS rank
            FROM bare WHERE n = 1),
        ranked AS (
            SELECT *, row_number() OVER (PARTITION BY plan, name ORDER BY rank) AS pick
            FROM targets),
        found AS (
            SELECT plan, name, objective_index, key_result_index,
                objective_index * 2147483648 + coalesce(key_result_index + 1, 0) AS place
            FROM ranked WHERE pick = 1),
        starts AS (
            SELECT l.plan, l.link_index, l.link_to, f.objective_index AS from_objective,
                f.key_result_index AS from_key_result, f.place
            FROM {names("links")} AS l
            JOIN found AS f ON f.plan = l.plan AND f.name = l.link_from),
        ends AS (
            SELECT s.plan, s.link_index, s.from_objective, s.from_key_result,
                t.objective_index AS to_objective, t.key_result_index AS to_key_result
            FROM starts AS s JOIN found AS t ON t.plan = s.plan AND t.name = s.link_to
            WHERE t.place <> s.place)
        SELECT e.plan, e.link_index, e.from_objective, e.from_key_result, e.to_objective,
            e.to_key_result, fo.objective, fk.key_result, coalesce(fk.metric, fk.reading_metric),
            tobj.objective, tk.key_result, coalesce(tk.metric, tk.reading_metric)
        FROM ends AS e
        JOIN {objectives} AS fo ON fo.plan = e.plan AND fo.objective_index = e.from_objective
        JOIN {objectives} AS tobj ON tobj.plan = e.plan AND tobj.objective_index = e.to_objective
        LEFT JOIN {key_results} AS fk ON fk.plan = e.plan
            AND fk.objective_index = e.from_objective AND fk.key_result_index = e.from_key_result
        LEFT JOIN {key_results} AS tk ON tk.plan = e.plan
            AND tk.objective_index = e.to_objective AND tk.key_result_index = e.to_key_result"""


def segment_frames_sql(names: Names, segments: str, as_of: dt.date) -> str:
    """Each segment (a link in a plan, from the table *segments*: ``plan``,
    ``link_index``, ``link``, the ends' places) with its team, the period it counts
    for (``period``: the from's objective's, else its plan's; without one, the
    plan) and its weekly grid: ``grid_start`` and ``weeks``. Without a period the
    grid runs over the check-ins, by *as_of*, of both ends' objectives."""
    day = date_literal(as_of)
    checkins = names("checkins")
    return f"""
        WITH framed AS (
            SELECT s.*, coalesce(o.owner, o.objective) AS team,
                coalesce(o.period_start, p.period_start) AS period_start,
                coalesce(o.period_end, p.period_end) AS period_end
            FROM {segments} AS s
            JOIN {names("objectives")} AS o
                ON o.plan = s.plan AND o.objective_index = s.from_objective
            JOIN {names("plans")} AS p ON p.plan = s.plan),
        spans AS (
            SELECT f.plan, f.link_index, min(c.date) - 6 AS first_day, max(c.date) AS last_day
            FROM framed AS f JOIN {checkins} AS c ON c.plan = f.plan
                AND c.objective_index IN (f.from_objective, f.to_objective)
            WHERE f.period_start IS NULL AND c.date <= {day}
            GROUP BY f.plan, f.link_index),
        gridded AS (
            SELECT f.*,
                CASE WHEN f.period_start IS NULL THEN 'plan ' || f.plan
                    ELSE CAST(f.period_start AS VARCHAR) || ' ' || CAST(f.period_end AS VARCHAR)
                    END AS period,
                coalesce(f.period_start, s.first_day) AS grid_start,
                CASE WHEN f.period_start IS NULL THEN s.last_day
                    ELSE least(f.period_end, {day}) END AS grid_end
            FROM framed AS f LEFT JOIN spans AS s
                ON s.plan = f.plan AND s.link_index = f.link_index)
        SELECT *, CASE WHEN grid_start IS NULL THEN 0 ELSE
            greatest(0, CAST(floor((date_diff('day', grid_start, grid_end) + 1) / 7) AS INT))
            END AS weeks
        FROM gridded"""


def grid_sql(frames: str) -> str:
    """Each segment's weekly grid: the last day (``day``) of each week (``week``
    from 0) of its grid."""
    return f"""
        SELECT plan, link_index, w - 1 AS week, grid_start + CAST(7 * w - 1 AS INT) AS day
        FROM (SELECT plan, link_index, grid_start, unnest(range(1, weeks + 1)) AS w
            FROM {frames} WHERE weeks > 0) AS weeks"""


def progress_points_sql(names: Names, as_of: dt.date) -> str:
    """Each key result's raw progress at each day it was checked in, by *as_of* and
    inside its window (the last one written on a day), for the key results that
    increase or decrease toward a target and have a distance to cover; with the
    next point of its series (``next_day``, ``next_progress``)."""
    regular = "c.value IS NOT NULL AND NOT c.measured_share"
    start = """CASE WHEN k.direction = 'decrease' AND k.baseline IS NULL
            THEN CASE WHEN f.first_value > k.target THEN f.first_value ELSE k.target END
            ELSE coalesce(k.baseline, 0e0) END"""
    order = "(date_diff('day', DATE '1970-01-01', c.date) * 2147483648 + c.checkin_index)"
    return f"""
        WITH firsts AS (
            SELECT c.plan, c.objective_index, c.key_result_index,
                min_by(c.value, {order}) AS first_value
            FROM {names("checkins")} AS c WHERE {regular}
            GROUP BY c.plan, c.objective_index, c.key_result_index),
        graded AS (
            SELECT k.plan, k.objective_index, k.key_result_index, k.target, k.window_start,
                k.window_end, {start} AS start
            FROM {names("key_results")} AS k JOIN firsts AS f ON {joined("f", "k")}
            WHERE k.direction IN ('increase', 'decrease') AND k.target IS NOT NULL),
        daily AS (
            SELECT g.plan, g.objective_index, g.key_result_index, c.date AS day,
                max_by({bounded_sql(span_fraction_sql("c.value", "g.start", "g.target"))},
                    c.checkin_index) AS progress
            FROM graded AS g JOIN {names("checkins")} AS c ON {joined("c", "g")}
            WHERE {regular} AND g.start <> g.target AND c.date <= {date_literal(as_of)}
                AND (g.window_start IS NULL OR c.date BETWEEN g.window_start AND g.window_end)
            GROUP BY g.plan, g.objective_index, g.key_result_index, c.date)
        SELECT *,
            lead(day) OVER (PARTITION BY {", ".join(KEY)} ORDER BY day) AS next_day,
            lead(progress) OVER (PARTITION BY {", ".join(KEY)} ORDER BY day) AS next_progress
        FROM daily"""


def end_members_sql(names: Names, frames: str, points: str) -> str:
    """The key results each end (``side`` 0: the from, 1: the to) of each segment
    reads, with their weight: a key result end, itself; an objective end, its key
    results of a positive weight with a series, but the one at the other end."""
    sides = f"""
        SELECT plan, link_index, 0 AS side, from_objective AS objective_index,
            from_key_result AS key_result_index,
            CASE WHEN to_objective = from_objective THEN to_key_result END AS leave
        FROM {frames}
        UNION ALL
        SELECT plan, link_index, 1 AS side, to_objective, to_key_result,
            CASE WHEN to_objective = from_objective THEN from_key_result END
        FROM {frames}"""
    return f"""
        WITH sides AS ({sides}),
        serial AS (SELECT DISTINCT {", ".join(KEY)} FROM {points})
        SELECT s.plan, s.link_index, s.side, s.objective_index, s.key_result_index AS member,
            1e0 AS weight
        FROM sides AS s WHERE s.key_result_index IS NOT NULL
        UNION ALL
        SELECT s.plan, s.link_index, s.side, s.objective_index, k.key_result_index, k.weight
        FROM sides AS s
        JOIN {names("key_results")} AS k
            ON k.plan = s.plan AND k.objective_index = s.objective_index
        JOIN serial AS r ON {joined("r", "k")}
        WHERE s.key_result_index IS NULL AND k.weight > 0
            AND k.key_result_index <> coalesce(s.leave, -1)"""


def end_changes_sql(grid: str, members: str, points: str) -> str:
    """Each end's progress on its segment's grid (a key result's interpolated
    between its check-ins, never outside them; an objective's the weighted mean
    of its members', where all have one) and its weekly ``change``."""
    segment = "plan, link_index"
    interpolated = """CASE WHEN p.day = g.day THEN p.progress
            ELSE p.progress + (p.next_progress - p.progress)
                * (CAST(date_diff('day', p.day, g.day) AS DOUBLE)
                    / date_diff('day', p.day, p.next_day)) END"""
    return f"""
        WITH counted AS (
            SELECT {segment}, side, count(*) AS members, sum(weight) AS total
            FROM {members} GROUP BY {segment}, side),
        read AS (
            SELECT g.plan, g.link_index, m.side, g.week, m.weight, {interpolated} AS value
            FROM {grid} AS g
            JOIN {members} AS m ON m.plan = g.plan AND m.link_index = g.link_index
            JOIN {points} AS p ON p.plan = m.plan AND p.objective_index = m.objective_index
                AND p.key_result_index = m.member
            WHERE p.day <= g.day AND (p.day = g.day OR g.day < p.next_day)),
        weekly AS (
            SELECT {segment}, side, week, count(*) AS known, sum(weight * value) AS weighed
            FROM read GROUP BY {segment}, side, week),
        sided AS (
            SELECT g.plan, g.link_index, s.side, g.week
            FROM {grid} AS g CROSS JOIN (SELECT 0 AS side UNION ALL SELECT 1 AS side) AS s),
        valued AS (
            SELECT s.plan, s.link_index, s.side, s.week,
                CASE WHEN w.known = c.members AND c.total > 0 THEN w.weighed / c.total
                    END AS value
            FROM sided AS s
            LEFT JOIN counted AS c ON c.plan = s.plan AND c.link_index = s.link_index
                AND c.side = s.side
            LEFT JOIN weekly AS w ON w.plan = s.plan AND w.link_index = s.link_index
                AND w.side = s.side AND w.week = s.week)
        SELECT {segment}, side, week,
            value - lag(value) OVER (PARTITION BY {segment}, side ORDER BY week) AS change
        FROM valued"""


def detrended_sql(changes: str) -> str:
    """Each end's weekly changes less their least-squares line (week against
    change): none where fewer than four are known or where the changes are
    their line (what strays from it is under 1e-9 of their size)."""
    series = "plan, link_index, side"
    on = "s.plan = c.plan AND s.link_index = c.link_index AND s.side = c.side"
    return f"""
        WITH means AS (
            SELECT {series}, count(change) AS n, avg(week) AS mean_week, avg(change) AS mean
            FROM {changes} WHERE change IS NOT NULL GROUP BY {series}),
        lines AS (
            SELECT s.plan, s.link_index, s.side, s.mean_week, s.mean,
                sum((c.week - s.mean_week) * (c.change - s.mean))
                    / sum((c.week - s.mean_week) * (c.week - s.mean_week)) AS slope
            FROM means AS s JOIN {changes} AS c ON {on}
            WHERE c.change IS NOT NULL AND s.n >= 4
            GROUP BY s.plan, s.link_index, s.side, s.mean_week, s.mean),
        left_over AS (
            SELECT c.plan, c.link_index, c.side, c.week, c.change,
                c.change - s.mean - s.slope * (c.week - s.mean_week) AS value
            FROM lines AS s JOIN {changes} AS c ON {on}
            WHERE c.change IS NOT NULL),
        moving AS (
            SELECT {series} FROM left_over GROUP BY {series}
            HAVING max(abs(value)) > {float_literal(1e-9)} * max(abs(change)))
        SELECT c.plan, c.link_index, c.side, c.week, c.value
        FROM left_over AS c JOIN moving AS s ON {on}"""


def lag_totals_sql(frames: str, detrended: str, max_lag: int) -> str:
    """Per link and lag: Σ x·y of the pooled pairs (the from's detrended change in
    week t, the to's in week t + lag; each segment's centred and scaled on its
    own, a segment with fewer than three pairs or a side that never moves left
    out), the pairs, the segments, and their distinct periods and teams."""
    segment = "plan, link_index"
    return f"""
        WITH pairs AS (
            SELECT x.plan, x.link_index, l.lag, x.value AS x, y.value AS y
            FROM {detrended} AS x
            CROSS JOIN (SELECT unnest(range(1, {int(max_lag) + 1})) AS lag) AS l
            JOIN {detrended} AS y ON y.plan = x.plan AND y.link_index = x.link_index
                AND y.side = 1 AND y.week = x.week + l.lag
            WHERE x.side = 0),
        centred AS (
            SELECT {segment}, lag, x - avg(x) OVER w AS dx, y - avg(y) OVER w AS dy,
                count(*) OVER w AS n
            FROM pairs WINDOW w AS (PARTITION BY {segment}, lag)),
        spread AS (
            SELECT {segment}, lag, dx, dy, n,
                sqrt(sum(dx * dx) OVER w / n) AS sx, sqrt(sum(dy * dy) OVER w / n) AS sy
            FROM centred WHERE n >= 3 WINDOW w AS (PARTITION BY {segment}, lag)),
        segments AS (
            SELECT {segment}, lag, sum((dx / sx) * (dy / sy)) AS products, count(*) AS pairs
            FROM spread WHERE sx > 0 AND sy > 0 GROUP BY {segment}, lag)
        SELECT f.link, s.lag, sum(s.products), CAST(sum(s.pairs) AS BIGINT), count(*),
            count(DISTINCT f.period), count(DISTINCT f.team)
        FROM segments AS s
        JOIN {frames} AS f ON f.plan = s.plan AND f.link_index = s.link_index
        GROUP BY f.link, s.lag"""


def autocorrelation_sql(frames: str, detrended: str, lags: int) -> str:
    """Per link, side and lag k (1 to *lags*): the sums of a pooled autocorrelation
    of the detrended series (:func:`okrkit._history._evidence._autocorrelation`):
    Σ e_t e_(t+k) plus what detrending alone makes, and Σ e²."""
    series = "plan, link_index, side"
    return f"""
        WITH shapes AS (
            SELECT {series}, count(*) AS n, sum(value * value) AS squares,
                avg(week) AS mean_week
            FROM {detrended} GROUP BY {series}),
        shaped AS (
            SELECT s.*, sum((e.week - s.mean_week) * (e.week - s.mean_week)) AS spread
            FROM shapes AS s JOIN {detrended} AS e
                ON e.plan = s.plan AND e.link_index = s.link_index AND e.side = s.side
            GROUP BY s.plan, s.link_index, s.side, s.n, s.squares, s.mean_week),
        above AS (
            SELECT e.plan, e.link_index, e.side, l.k,
                sum(e.value * a.value + s.squares / (s.n - 2)
                    * (1e0 / s.n + (e.week - s.mean_week) * (e.week + l.k - s.mean_week)
                        / s.spread)) AS above
            FROM {detrended} AS e
            CROSS JOIN (SELECT unnest(range(1, {int(lags) + 1})) AS k) AS l
            JOIN {detrended} AS a ON a.plan = e.plan AND a.link_index = e.link_index
                AND a.side = e.side AND a.week = e.week + l.k
            JOIN shaped AS s
                ON s.plan = e.plan AND s.link_index = e.link_index AND s.side = e.side
            GROUP BY e.plan, e.link_index, e.side, l.k),
        below AS (
            SELECT f.link, s.side, sum(s.squares) AS below
            FROM shaped AS s
            JOIN {frames} AS f ON f.plan = s.plan AND f.link_index = s.link_index
            GROUP BY f.link, s.side)
        SELECT b.link, b.side, l.k, coalesce(sum(a.above), 0e0), b.below
        FROM below AS b
        CROSS JOIN (SELECT unnest(range(1, {int(lags) + 1})) AS k) AS l
        LEFT JOIN {frames} AS f ON f.link = b.link
        LEFT JOIN above AS a ON a.plan = f.plan AND a.link_index = f.link_index
            AND a.side = b.side AND a.k = l.k
        GROUP BY b.link, b.side, l.k, b.below"""


# --- the backtest ----------------------------------------------------------------------------


def windows_count_sql(names: Names, as_of: dt.date) -> str:
    """How many key results had a window that had not ended by *as_of*, and how
    many had no window."""
    day = date_literal(as_of)
    return f"""
        SELECT count(CASE WHEN window_end >= {day} THEN 1 END),
            count(CASE WHEN window_end IS NULL THEN 1 END)
        FROM {names("key_results")}"""


def cut_windows_sql(names: Names, as_of: dt.date, cut: float) -> str:
    """Each key result whose window ended before *as_of*, with its owner (its own,
    else its objective's) and the first day the cut hides (``cut``: the window's
    first day plus ⌊*cut* · its days⌋)."""
    return f"""
        SELECT k.plan, k.objective_index, k.key_result_index, k.objective, k.key_result,
            coalesce(k.owner, o.owner) AS owner, k.window_start, k.window_end,
            k.window_start + CAST(floor({float_literal(cut)}
                * (date_diff('day', k.window_start, k.window_end) + 1)) AS INT) AS cut
        FROM {names("key_results")} AS k
        JOIN {names("objectives")} AS o
            ON o.plan = k.plan AND o.objective_index = k.objective_index
        WHERE k.window_end < {date_literal(as_of)}"""


def said_sql(names: Names, windows: str, at_cut: str, at_end: str) -> str:
    """What pacing, the pace's share and the owner's confidence said of each key
    result of *windows* at its cut (from its scores the day before, *at_cut*), how
    many check-ins were seen, and whether it was achieved (*at_end*)."""
    on_pace = float_literal(1e-9)
    expected = """least(1e0, greatest(0e0,
            CAST(date_diff('day', w.window_start, a.latest_date + 1) AS DOUBLE)
            / (date_diff('day', w.window_start, w.window_end) + 1)))"""
    return f"""
        WITH seen AS (
            SELECT w.plan, w.objective_index, w.key_result_index, count(*) AS seen
            FROM {windows} AS w JOIN {names("checkins")} AS c ON {joined("c", "w")}
            WHERE c.date >= w.window_start AND c.date < w.cut
            GROUP BY w.plan, w.objective_index, w.key_result_index),
        paced AS (
            SELECT w.*, a.progress, a.latest_date, a.confidence, a.confidence_date,
                {expected} AS expected, r.score AS final
            FROM {windows} AS w
            JOIN {at_cut} AS a ON {joined("a", "w")}
            JOIN {at_end} AS r ON {joined("r", "w")})
        SELECT p.plan, p.objective_index, p.key_result_index, p.objective, p.key_result,
            p.owner, p.cut, coalesce(s.seen, 0),
            CASE WHEN p.latest_date >= p.window_start THEN
                CASE WHEN p.progress >= p.expected - {on_pace} THEN 1e0 ELSE 0e0 END END,
            CASE WHEN p.latest_date >= p.window_start THEN
                least(1e0, greatest(0e0, p.progress / p.expected)) END,
            CASE WHEN p.confidence_date >= p.window_start THEN p.confidence END,
            p.final >= 1 - {_EPS}
        FROM paced AS p LEFT JOIN seen AS s ON {joined("s", "p")}"""


def series_sql(names: Names, order: str) -> str:
    """Every key result with a window and its check-ins with a value (one row
    each; a key result without one: a row of nulls), in the order of the plans
    (*order*: ``plan``, ``position``), objectives, key results, and check-ins by
    date as written: what a forecast reads."""
    return f"""
        SELECT n.position, k.objective_index, k.key_result_index, k.id, k.direction,
            k.baseline, k.target, k.share, k.rate_unit, k.done, k.strict, k.window_start,
            k.window_end, c.date, c.value, c.measured_share
        FROM {names("key_results")} AS k
        JOIN {order} AS n ON n.plan = k.plan
        LEFT JOIN {names("checkins")} AS c ON {joined("c", "k")} AND c.value IS NOT NULL
        WHERE k.window_end IS NOT NULL
        ORDER BY n.position, k.objective_index, k.key_result_index, c.date, c.checkin_index"""
