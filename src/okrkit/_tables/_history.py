"""Learning from history on tables: calibration, causality evidence and the
backtest of :mod:`okrkit.history`, from :class:`PlanTables` or Parquet files, as
queries (DuckDB by default).

The queries (:mod:`okrkit._tables._history_query`) do the row-level work and
hand back a few rows per group, link or forecaster; the figures are then
finished by the very functions the object path uses, so both give the same
result types with the same figures.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from okrkit._fields import to_date
from okrkit._history._calibration import (
    DISTINCT,
    BinTotals,
    Calibration,
    Grouping,
    Settings,
    bin_edges,
    figures_of,
    group_of,
    ordered_names,
)
from okrkit._history._evidence import (
    BARTLETT_LAGS,
    CausalityEvidence,
    LagTotals,
    Match,
    autocorrelation_of,
    bartlett_of,
    end_name,
    folded,
    judged,
)
from okrkit._history._evidence import Settings as EvidenceSettings
from okrkit._period_words import check_lang
from okrkit._tables import _history_query as h
from okrkit._tables._arrow import pyarrow
from okrkit._tables._engine import Engine, engine_for, input_tables
from okrkit._tables._query import key_result_scores_sql
from okrkit._tables._scoring import NEEDED as SCORING
from okrkit._tables._scoring import thresholds_table


__all__ = ["calibration_tables", "evidence_tables"]


def _needed(**more: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """The columns scoring reads, and *more* of some tables."""
    found = dict(SCORING)
    for name, columns in more.items():
        found[name] = tuple(dict.fromkeys(found.get(name, ()) + columns))
    return found


CALIBRATION = _needed(plans=("lang",), objectives=("owner",), key_results=("owner",))
"""The tables and columns :func:`calibration_tables` reads."""


def _run(
    tables: object, needed: dict[str, tuple[str, ...]], name: str, engine: object,
    work: Callable[[Engine], Any],
) -> Any:  # fmt: skip
    """*work* on an engine holding *tables* and each plan's thresholds."""
    sources = input_tables(tables, needed, f"{name}(tables)")
    run = engine_for(engine, f"{name}(engine)")
    try:
        for table, source in sources.items():
            run.register(table, source)
        thresholds_table(run, None)
        return work(run)
    finally:
        run.close()


def _plans(run: Engine, lang: object) -> tuple[tuple[str, ...], str]:
    """The plans' keys in the order of the ``plans`` table, and the language of
    the views: *lang*, else the first plan's, else English."""
    rows = run.rows(f"SELECT plan, lang FROM {run.names('plans')}")
    keys = tuple(str(row[0]) for row in rows)
    language = check_lang((rows[0][1] if rows else None) or "en" if lang is None else lang)
    return keys, language


def calibration_tables(
    tables: object,
    *,
    as_of: dt.date | str,
    by: Grouping | str = Grouping.OWNER,
    bins: int | str = 10,
    min_forecasts: int = 30,
    min_key_results: int = 5,
    lang: str | None = None,
    engine: object = None,
) -> Calibration:
    """:func:`okrkit.history.calibration` of every plan in *tables*, in the order
    of the ``plans`` table, as queries: the same figures, counts and statuses.

    The plans are named by their key (``by="plan"``). The result keeps no
    per-forecast detail: its ``forecasts`` is empty.

    Args:
        tables: :class:`PlanTables`, a folder of Parquet files, or a mapping of
            table name to a table (as :func:`score_tables` takes).
        engine: None for DuckDB in process, a DuckDB connection, or a SparkSession.
        as_of, by, bins, min_forecasts, min_key_results, lang: as
            :func:`okrkit.history.calibration` takes them.
    """
    chosen = Settings.checked("calibration_tables", as_of, by, bins, min_forecasts, min_key_results)
    if lang is not None:
        check_lang(lang)
    return _run(  # type: ignore[no-any-return]
        tables, CALIBRATION, "calibration_tables", engine,
        lambda run: _calibration(run, chosen, lang),
    )  # fmt: skip


def _calibration(run: Engine, chosen: Settings, lang: object) -> Calibration:
    names = run.names
    keys, language = _plans(run, lang)
    run.keep("stated", h.stated_sql(names))
    ended, still_open, no_period = run.rows(h.stated_counts_sql(names("stated"), chosen.as_of))[0]
    run.keep("ended", h.ended_sql(names("stated"), chosen.as_of))
    run.keep("outcomes", key_result_scores_sql(names, names("ended")))
    run.keep("forecasts", h.forecasts_sql(names, names("stated"), names("outcomes")))
    overall = _groups(run, "CAST(NULL AS VARCHAR)", chosen)
    column = {Grouping.OWNER: "owner", Grouping.TEAM: "team", Grouping.PLAN: "plan"}[chosen.by]
    groups = _groups(run, column, chosen)
    if chosen.by is Grouping.PLAN:
        order: list[str | None] = [key for key in keys if key in groups]
    else:
        order = ordered_names(groups, chosen.by)
    empty = group_of(None, (0, 0), chosen.least, dict)
    return Calibration(
        chosen.as_of, chosen.by, chosen.bins, chosen.min_forecasts, chosen.min_key_results,
        overall.get(None, empty), tuple(groups[name] for name in order), (),
        int(ended), int(still_open), int(no_period), keys, language,
    )  # fmt: skip


def _groups(run: Engine, group: str, chosen: Settings) -> dict[str | None, Any]:
    """Each group's calibration, by name, from the table ``forecasts``."""
    forecasts = run.names("forecasts")
    totals = {row[0]: row[1:] for row in run.rows(h.calibration_totals_sql(forecasts, group))}
    keyed = dict(run.rows(h.calibration_keys_sql(forecasts, group)))
    fixed = None if chosen.bins == DISTINCT else int(chosen.bins)
    held: dict[str | None, dict[Any, BinTotals]] = {}
    for name, slot, count, mean, observed, spread, covariance in run.rows(
        h.calibration_bins_sql(forecasts, group, fixed)
    ):
        lower, upper = (slot, slot) if fixed is None else bin_edges(fixed)[slot]
        held.setdefault(name, {})[slot] = BinTotals(
            lower, upper, int(count), mean, observed, spread, covariance
        )
    return {
        name: group_of(
            name, (int(count), int(keyed[name])), chosen.least,
            _finishing(held[name], fixed, int(count), int(achieved), forecast_sum, error_sum),
        )
        for name, (count, achieved, forecast_sum, error_sum) in totals.items()
    }  # fmt: skip


def _finishing(
    held: dict[Any, BinTotals], fixed: int | None, count: int, achieved: int,
    forecast_sum: float, error_sum: float,
) -> Callable[[], dict[str, Any]]:  # fmt: skip
    """The figures of a group from its bins (every bin of a fixed binning, empty
    ones too; each distinct forecast in order)."""

    def figures() -> dict[str, Any]:
        bins: Sequence[BinTotals]
        if fixed is None:
            bins = [held[slot] for slot in sorted(held)]
        else:
            bins = [
                held.get(index) or BinTotals(lower, upper, 0)
                for index, (lower, upper) in enumerate(bin_edges(fixed))
            ]
        return figures_of(
            bins, count=count, achieved=achieved, forecast_sum=forecast_sum, error_sum=error_sum
        )

    return figures


EVIDENCE = {
    "plans": ("plan", "lang", "period_start", "period_end"),
    "objectives": (
        "plan", "objective_index", "objective", "owner", "period_start", "period_end",
    ),
    "key_results": (
        "plan", "objective_index", "key_result_index", "objective", "key_result", "metric",
        "reading_metric", "direction", "baseline", "target", "weight", "window_start",
        "window_end",
    ),
    "checkins": (
        "plan", "objective_index", "key_result_index", "checkin_index", "date", "value",
        "measured_share",
    ),
    "links": ("plan", "link_index", "link_from", "link_to"),
}  # fmt: skip
"""The tables and columns :func:`evidence_tables` reads."""


def evidence_tables(
    tables: object,
    *,
    as_of: dt.date | str,
    match: Match | str = Match.METRIC,
    min_pairs: int = 30,
    min_periods: int = 2,
    max_lag: int = 4,
    level: float = 0.95,
    lang: str | None = None,
    engine: object = None,
) -> CausalityEvidence:
    """:func:`okrkit.history.evidence` of every plan in *tables*, in the order of
    the ``plans`` table, as queries: the same links, figures and verdicts.

    Args:
        tables: :class:`PlanTables`, a folder of Parquet files, or a mapping of
            table name to a table (as :func:`score_tables` takes).
        engine: None for DuckDB in process, or a DuckDB connection.
        as_of, match, min_pairs, min_periods, max_lag, level, lang: as
            :func:`okrkit.history.evidence` takes them.
    """
    day = to_date("evidence_tables(as_of)", as_of)
    settings = EvidenceSettings.checked(
        "evidence_tables", min_pairs, min_periods, max_lag, level, match
    )
    if lang is not None:
        check_lang(lang)
    sources = input_tables(tables, EVIDENCE, "evidence_tables(tables)")
    run = engine_for(engine, "evidence_tables(engine)")
    try:
        for table, source in sources.items():
            run.register(table, source)
        return _evidence(run, day, settings, lang)
    finally:
        run.close()


def _evidence(
    run: Engine, day: dt.date, settings: EvidenceSettings, lang: object
) -> CausalityEvidence:
    names = run.names
    keys, language = _plans(run, lang)
    groups, segments = _link_groups(run, keys, settings.match)
    pa = pyarrow()
    run.register("segments", pa.table(segments))
    run.keep("frames", h.segment_frames_sql(names, names("segments"), day))
    run.keep("grid", h.grid_sql(names("frames")))
    run.keep("points", h.progress_points_sql(names, day))
    run.keep("members", h.end_members_sql(names, names("frames"), names("points")))
    run.keep("changes", h.end_changes_sql(names("grid"), names("members"), names("points")))
    run.keep("detrended", h.detrended_sql(names("changes")))
    totals: dict[int, dict[int, LagTotals]] = {}
    for link, lag, products, pairs, used, periods, teams in run.rows(
        h.lag_totals_sql(names("frames"), names("detrended"), settings.max_lag)
    ):
        totals.setdefault(link, {})[lag] = LagTotals(
            lag, products, int(pairs), int(used), int(periods), int(teams)
        )
    sums: dict[tuple[int, int, int], float] = {}
    for link, side, k, above, below in run.rows(
        h.autocorrelation_sql(names("frames"), names("detrended"), BARTLETT_LAGS)
    ):
        sums[link, side, k] = autocorrelation_of(above, below)
    found = []
    for link, (shown, key, links) in enumerate(groups):
        factor = bartlett_of(
            (sums.get((link, 0, k), 0.0), sums.get((link, 1, k), 0.0))
            for k in range(1, BARTLETT_LAGS + 1)
        )
        lags = [
            totals.get(link, {}).get(lag) or LagTotals(lag, 0.0, 0, 0, 0, 0)
            for lag in range(1, settings.max_lag + 1)
        ]
        found.append(judged(shown, key, links, lags, factor, settings))
    return CausalityEvidence(
        day, settings.match, settings.min_pairs, settings.min_periods, settings.max_lag,
        settings.level, tuple(found), language,
    )  # fmt: skip


def _link_groups(
    run: Engine, keys: tuple[str, ...], match: Match
) -> tuple[list[tuple[tuple[str, str], tuple[str, str], int]], dict[str, list[Any]]]:
    """The links matched across plans, in the order they first appear (each: its
    names, its key, how many links it pools), and the table of segments: each
    link of a plan, with the number of its group and its ends' places."""
    place = {key: index for index, key in enumerate(keys)}
    rows = sorted(
        run.rows(h.link_places_sql(run.names)), key=lambda row: (place.get(row[0], -1), row[1])
    )
    columns = ("plan", "link_index", "link", "from_objective", "from_key_result",
               "to_objective", "to_key_result")  # fmt: skip
    segments: dict[str, list[Any]] = {column: [] for column in columns}
    numbers: dict[tuple[str, str], int] = {}
    groups: list[tuple[tuple[str, str], tuple[str, str], int]] = []
    for plan, index, from_o, from_k, to_o, to_k, *named in rows:
        shown = (end_name(named[0], named[1], named[2], match),
                 end_name(named[3], named[4], named[5], match))  # fmt: skip
        key = (folded(shown[0]), folded(shown[1]))
        if key not in numbers:
            numbers[key] = len(groups)
            groups.append((shown, key, 0))
        number = numbers[key]
        groups[number] = (groups[number][0], key, groups[number][2] + 1)
        for column, value in zip(columns, (plan, index, number, from_o, from_k, to_o, to_k),
                                 strict=True):  # fmt: skip
            segments[column].append(value)
    return groups, segments
