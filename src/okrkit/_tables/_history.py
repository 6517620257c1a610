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
from okrkit._forecast import Chances, chance_resolved
from okrkit._history._backtest import (
    Backtest,
    BacktestCase,
    backtest_settings,
    scored_rows,
)
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
from okrkit._history._pooled import Earlier, earlier_windows
from okrkit._history._predictive import (
    DEFAULT_RESAMPLES,
    ForecastMethod,
    ProbabilityStatus,
)
from okrkit._model import Direction
from okrkit._period_words import check_lang
from okrkit._resolve import Resolved
from okrkit._tables import _history_query as h
from okrkit._tables._arrow import pyarrow
from okrkit._tables._engine import Engine, engine_for, input_tables, is_spark_session
from okrkit._tables._query import key_result_scores_sql
from okrkit._tables._scoring import NEEDED as SCORING
from okrkit._tables._scoring import thresholds_table
from okrkit._tables._valid import refuse_invalid
from okrkit.exceptions import InvalidTypeError


__all__ = ["backtest_tables", "calibration_tables", "evidence_tables"]


def _needed(**more: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """The columns scoring reads, and *more* of some tables."""
    found = dict(SCORING)
    for name, columns in more.items():
        found[name] = tuple(dict.fromkeys(found.get(name, ()) + columns))
    return found


CALIBRATION = _needed(plans=("lang",), objectives=("owner",), key_results=("owner",))
"""The tables and columns :func:`calibration_tables` reads."""


def _engine(engine: object, name: str) -> Engine:
    """The DuckDB engine an ``engine=`` argument names: None for DuckDB in process,
    or a DuckDB connection (the queries are DuckDB's: Spark is refused)."""
    if is_spark_session(engine):
        raise InvalidTypeError(
            f"{name}(engine)", engine, "None (DuckDB in process) or a DuckDB connection"
        )
    return engine_for(engine, f"{name}(engine)")


def _run(
    tables: object, needed: dict[str, tuple[str, ...]], name: str, engine: object,
    work: Callable[[Engine], Any], *, thresholds: bool = True,
) -> Any:  # fmt: skip
    """*work* on an engine holding *tables* (and each plan's thresholds, for
    scoring), once no value in the columns read is one the model refuses."""
    sources = input_tables(tables, needed, f"{name}(tables)")
    run = _engine(engine, name)
    try:
        for table, source in sources.items():
            run.register(table, source)
        refuse_invalid(run, needed, name)
        if thresholds:
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
    return _run(  # type: ignore[no-any-return]
        tables, EVIDENCE, "evidence_tables", engine,
        lambda run: _evidence(run, day, settings, lang), thresholds=False,
    )  # fmt: skip


def _evidence(
    run: Engine, day: dt.date, settings: EvidenceSettings, lang: object
) -> CausalityEvidence:
    names = run.names
    keys, language = _plans(run, lang)
    groups, segments = _link_groups(run, keys, settings.match)
    pa = pyarrow()
    whole = pa.int64()
    kinds = [pa.string(), whole, whole, whole, whole, whole, whole]
    schema = pa.schema(list(zip(segments, kinds, strict=True)))
    run.register("segments", pa.table(segments, schema=schema))
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


BACKTEST = _needed(
    plans=("lang",),
    objectives=("owner",),
    key_results=("owner", "id"),
)
"""The tables and columns :func:`backtest_tables` reads."""


def backtest_tables(
    tables: object,
    *,
    as_of: dt.date | str,
    cut: float = 0.5,
    method: ForecastMethod | str = ForecastMethod.POOLED,
    seed: int = 0,
    resamples: int = DEFAULT_RESAMPLES,
    min_key_results: int = 10,
    lang: str | None = None,
    engine: object = None,
) -> Backtest:
    """:func:`okrkit.history.backtest` of every plan in *tables*, in the order of
    the ``plans`` table: the same cases, rows and figures. The cut, pacing, the
    pace's share, the owners' confidence and the outcomes are queries; each key
    result's forecast is worked out from its rows (Arrow batches, in order), by
    the function the object path uses.

    Args:
        tables: :class:`PlanTables`, a folder of Parquet files, or a mapping of
            table name to a table (as :func:`score_tables` takes).
        engine: None for DuckDB in process, or a DuckDB connection.
        as_of, cut, method, seed, resamples, min_key_results, lang: as
            :func:`okrkit.history.backtest` takes them.
    """
    day, share, chances, least = backtest_settings(
        "backtest_tables", as_of, cut, method, seed, resamples, min_key_results
    )
    if lang is not None:
        check_lang(lang)
    return _run(  # type: ignore[no-any-return]
        tables, BACKTEST, "backtest_tables", engine,
        lambda run: _backtest(run, day, share, chances, least, lang),
    )  # fmt: skip


def _backtest(
    run: Engine, day: dt.date, share: float, chances: Chances, least: int, lang: object
) -> Backtest:
    names = run.names
    keys, language = _plans(run, lang)
    pa = pyarrow()
    run.register("order", pa.table({"plan": list(keys), "position": list(range(len(keys)))}))
    still_open, no_period = run.rows(h.windows_count_sql(names, day))[0]
    run.keep("windows", h.cut_windows_sql(names, day, share))
    windows = names("windows")
    run.keep("cut_days", f"SELECT {', '.join(h.KEY)}, cut - 1 AS day FROM {windows}")
    run.keep("end_days", f"SELECT {', '.join(h.KEY)}, window_end AS day FROM {windows}")
    run.keep("at_cut", key_result_scores_sql(names, names("cut_days")))
    run.keep("at_end", key_result_scores_sql(names, names("end_days")))
    said = run.rows(
        f"""SELECT n.position, s.* FROM ({h.said_sql(names, windows, names("at_cut"),
        names("at_end"))}) AS s JOIN {names("order")} AS n ON n.plan = s.plan
        ORDER BY n.position, s.objective_index, s.key_result_index"""
    )  # fmt: skip
    foreseen = _forecasts(run, chances, share)
    cases = []
    for row in said:
        position, _plan, objective_index, key_result_index, objective, key, owner = row[:7]
        cutting, seen, pacing, pace_share, confidence, achieved = row[7:]
        status, probability = foreseen[int(position), int(objective_index), int(key_result_index)]
        case = BacktestCase(
            int(position), objective, key, owner, cutting, int(seen), status, probability,
            pacing, pace_share, confidence, bool(achieved),
        )  # fmt: skip
        cases.append(case)
    rows = scored_rows(cases, least, chances.seed, chances.resamples)
    return Backtest(
        day, share, chances.method, chances.seed, chances.resamples, least, rows, tuple(cases),
        len(cases), int(still_open), int(no_period), language,
    )  # fmt: skip


_Key = tuple[int, int, int]
_Window = tuple[dt.date, dt.date]


def _forecasts(
    run: Engine, chances: Chances, share: float
) -> dict[_Key, tuple[ProbabilityStatus, float | None]]:
    """Each ended key result's forecast at its cut (status, probability), from its
    check-ins, read as Arrow batches in order; the ``pooled`` method learns from
    the earlier windows of the key results of its id."""
    pa = pyarrow()
    schema = pa.schema([
        ("position", pa.int64()), ("objective_index", pa.int32()),
        ("key_result_index", pa.int32()), ("id", pa.string()), ("direction", pa.string()),
        ("baseline", pa.float64()), ("target", pa.float64()), ("share", pa.float64()),
        ("rate_unit", pa.string()), ("done", pa.bool_()), ("strict", pa.bool_()),
        ("window_start", pa.date32()), ("window_end", pa.date32()), ("date", pa.date32()),
        ("value", pa.float64()), ("measured_share", pa.bool_()),
    ])  # fmt: skip
    table = run.answer(h.series_sql(run.names, run.names("order")), schema)
    series: list[tuple[_Key, str | None, Resolved, _Window, tuple[bool, bool]]] = []
    days: dict[int, dt.date] = {}
    for batch in table.to_batches():
        columns = {name: batch.column(name) for name in batch.schema.names}
        read = {
            name: _days(column, days) if name in _DATES else column.to_pylist()
            for name, column in columns.items()
        }
        _read_series(read, series)
    windows: Earlier = {}
    if chances.method is ForecastMethod.POOLED:
        for _key, found_id, resolved, window, _flags in series:
            if found_id is not None:
                windows.setdefault(found_id, []).append((resolved, window))
    found = {}
    as_of_cut = run.rows(f"SELECT {', '.join(h.KEY)}, day FROM {run.names('cut_days')}")
    ended = {(str(plan), int(o), int(k)): last for plan, o, k, last in as_of_cut}
    plans = dict(run.rows(f"SELECT position, plan FROM {run.names('order')}"))
    for key, found_id, resolved, window, (done, strict) in series:
        last = ended.get((plans[key[0]], key[1], key[2]))
        if last is None:
            continue
        probability, status = chance_resolved(
            resolved, done=done, strict=strict, window=window, as_of=last, chances=chances,
            past=earlier_windows(windows, found_id, window, last),
        )  # fmt: skip
        found[key] = (status, probability)
    return found


_DATES = ("window_start", "window_end", "date")
_EPOCH = dt.date(1970, 1, 1).toordinal()


def _days(column: Any, known: dict[int, dt.date]) -> list[dt.date | None]:
    """A date32 column as dates, each distinct day made once (check-ins share few
    days), which is several times faster than pyarrow's date per row."""
    out: list[dt.date | None] = []
    for number in column.cast(pyarrow().int32()).to_pylist():
        if number is None:
            out.append(None)
            continue
        day = known.get(number)
        if day is None:
            day = known[number] = dt.date.fromordinal(_EPOCH + number)
        out.append(day)
    return out


def _read_series(
    columns: dict[str, list[Any]],
    into: list[tuple[_Key, str | None, Resolved, _Window, tuple[bool, bool]]],
) -> None:
    """The key results of one batch of :func:`~okrkit._tables._history_query.series_sql`
    resolved to floats, added to *into* (a key result cut between two batches goes
    on where the last batch left it)."""
    rows = zip(
        columns["position"], columns["objective_index"], columns["key_result_index"],
        columns["date"], columns["value"], columns["measured_share"], strict=True,
    )  # fmt: skip
    for index, (position, objective, key_result, day, value, measured) in enumerate(rows):
        key = (position, objective, key_result)
        if not into or into[-1][0] != key:
            resolved = Resolved()
            direction = columns["direction"][index]
            resolved.direction = None if direction is None else Direction(direction)
            resolved.baseline = columns["baseline"][index]
            resolved.target = columns["target"][index]
            resolved.share = columns["share"][index]
            resolved.unit = columns["rate_unit"][index]
            window = (columns["window_start"][index], columns["window_end"][index])
            flags = (bool(columns["done"][index]), bool(columns["strict"][index]))
            into.append((key, columns["id"][index], resolved, window, flags))
        if day is None:
            continue
        resolved = into[-1][2]
        if measured:
            resolved.share_days.append(day)
            resolved.share_values.append(value)
        else:
            resolved.days.append(day)
            resolved.values.append(value)
