"""okrkit.tables' calibration, evidence and backtest on DuckDB: the figures
okrkit.history gives on the same plans, as objects."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st


pytest.importorskip("pyarrow")
pytest.importorskip("duckdb")

import duckdb
import pyarrow as pa
import pyarrow.compute as pc

import okrkit
from okrkit.exceptions import InvalidTypeError, InvalidValueError, OkrkitError
from okrkit.history import backtest, calibration, evidence, simulate
from okrkit.tables import (
    PlanTables,
    backtest_tables,
    calibration_tables,
    evidence_tables,
    from_tables,
    read_parquet,
    to_tables,
    write_parquet,
)


END = "2027-01-05"


def assert_same(objects: Any, tables: Any, path: str = "") -> None:
    """Every figure within 1e-9, every count, status, verdict and text equal."""
    if isinstance(objects, dict):
        assert objects.keys() == tables.keys(), path
        for key in objects:
            assert_same(objects[key], tables[key], f"{path}.{key}")
    elif isinstance(objects, (list, tuple)):
        assert len(objects) == len(tables), path
        for index, (a, b) in enumerate(zip(objects, tables, strict=True)):
            assert_same(a, b, f"{path}[{index}]")
    elif isinstance(objects, float) and isinstance(tables, float):
        assert tables == pytest.approx(objects, abs=1e-9), path
    else:
        assert objects == tables, path


def history(**model: Any) -> tuple[list[okrkit.Plan], PlanTables]:
    """A simulated history, as plans and as tables keyed q0, q1, ..."""
    plans = list(simulate(**model).plans)
    return plans, to_tables({f"q{index}": plan for index, plan in enumerate(plans)})


def keys(tables: Any) -> list[str]:
    """The plans' keys, in order (of tables, or of a folder of Parquet files)."""
    given = tables if isinstance(tables, PlanTables) else read_parquet(tables)
    return given.plans.column("plan").to_pylist()


def same_calibration(
    plans: list[okrkit.Plan], tables: Any, *, engine: Any = None, **options: Any
) -> Any:
    found = calibration_tables(tables, engine=engine, **options)
    expected = calibration(plans, names=keys(tables), **options)
    assert_same(expected.to_dict(), found.to_dict())
    assert (found.plans, found.lang, found.forecasts) == (expected.plans, expected.lang, ())
    return found


def same_evidence(
    plans: list[okrkit.Plan], tables: Any, *, engine: Any = None, **options: Any
) -> Any:
    found = evidence_tables(tables, engine=engine, **options)
    expected = evidence(plans, **options)
    assert_same(expected.to_dict(), found.to_dict())
    assert [link.key for link in found] == [link.key for link in expected]
    assert found.lang == expected.lang
    return found


def same_backtest(
    plans: list[okrkit.Plan], tables: Any, *, engine: Any = None, **options: Any
) -> Any:
    found = backtest_tables(tables, engine=engine, **options)
    expected = backtest(plans, **options)
    assert_same(expected.to_dict(), found.to_dict())
    assert found.lang == expected.lang
    return found


# --- the property --------------------------------------------------------------------------

models = st.fixed_dictionaries(
    {
        "teams": st.integers(min_value=1, max_value=3),
        "quarters": st.integers(min_value=1, max_value=3),
        "seed": st.integers(min_value=0, max_value=2**64 - 1),
        "trend": st.sampled_from([0.0, 0.6]),
        "overconfidence": st.sampled_from([0.0, 0.5, 0.9]),
    }
)
as_of_dates = st.sampled_from(["2026-03-31", "2026-04-01", "2026-05-20", "2026-08-15", END])


@given(model=models, as_of=as_of_dates, data=st.data())
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_tables_on_duckdb_give_the_figures_objects_give(model, as_of, data) -> None:
    """Calibration (each grouping and binning), evidence (each matching) and the
    backtest (each method) from tables equal those from the plans: every figure
    to 1e-9, every count, status and verdict."""
    plans, tables = history(**model)
    by = data.draw(st.sampled_from(["owner", "team", "plan"]), label="by")
    bins = data.draw(st.sampled_from([10, 3, "distinct"]), label="bins")
    least = data.draw(st.integers(min_value=1, max_value=60), label="min_forecasts")
    same_calibration(plans, tables, as_of=as_of, by=by, bins=bins, min_forecasts=least)
    match = data.draw(st.sampled_from(["metric", "id"]), label="match")
    lags = data.draw(st.integers(min_value=1, max_value=6), label="max_lag")
    same_evidence(plans, tables, as_of=as_of, match=match, max_lag=lags, min_pairs=10)
    method = data.draw(st.sampled_from(["pooled", "increments", "trend"]), label="method")
    cut = data.draw(st.sampled_from([0.3, 0.5, 0.8]), label="cut")
    same_backtest(plans, tables, as_of=as_of, method=method, cut=cut, resamples=200,
                  min_key_results=3)  # fmt: skip


# --- fixed cases ---------------------------------------------------------------------------


@pytest.mark.parametrize("seed", [0, 7])
def test_calibrated_and_overconfident_owners_with_planted_and_null_links(seed: int) -> None:
    """Four teams over four quarters, half the owners over-confident, a causal and
    a null link: the defaults of every function."""
    plans, tables = history(seed=seed)

    found = same_calibration(plans, tables, as_of=END)
    assert found.overall.status.value == "measured"
    assert len(found.groups) == 8
    links = same_evidence(plans, tables, as_of=END)
    assert len(links) == 2
    assert {link.verdict.value for link in links} <= {"supported", "not_supported"}
    tested = same_backtest(plans, tables, as_of=END, resamples=300)
    assert tested.compared == tested.ended == 64


def test_bootstrap_forecasts_draw_the_same_numbers() -> None:
    plans, tables = history(teams=2, quarters=2, seed=3)

    same_backtest(plans, tables, as_of=END, method="bootstrap", resamples=200, seed=11)


def test_no_ended_key_results() -> None:
    """Before the first quarter ends: nothing to calibrate, no case to backtest,
    every link without enough data."""
    plans, tables = history(teams=2, quarters=2, seed=1)

    found = same_calibration(plans, tables, as_of="2026-02-01")
    assert (found.overall.forecasts, found.groups, found.ended) == (0, (), 0)
    assert found.open == 16
    tested = same_backtest(plans, tables, as_of="2026-02-01")
    assert (tested.ended, tested.open, tested.cases) == (0, 16, ())
    links = same_evidence(plans, tables, as_of="2026-02-01")
    assert {link.verdict.value for link in links} == {"not_enough_data"}


def test_a_group_below_the_minimum_keeps_its_counts() -> None:
    plans, tables = history(teams=2, quarters=1, seed=2)

    found = same_calibration(plans, tables, as_of=END, min_forecasts=40, min_key_results=3)
    statuses = {group.status.value for group in found.groups}
    assert statuses == {"not_enough_data"}
    assert all(group.forecasts > 0 and group.brier is None for group in found.groups)
    tested = same_backtest(plans, tables, as_of=END, min_key_results=100)
    assert {row.status.value for row in tested.rows} == {"not_enough_data"}


def _edited(tables: PlanTables, name: str, column: str, value: Any, where: Any) -> PlanTables:
    """*tables* with *column* of table *name* set to *value* where *where* holds."""
    table = tables.table(name)
    index = table.schema.get_field_index(column)
    values = pc.if_else(where(table), pa.scalar(value, table.schema.field(column).type),
                        table.column(column))  # fmt: skip
    changed = dict(tables.items())
    changed[name] = table.set_column(index, column, values)
    return PlanTables(**changed)


def test_key_results_without_confidence() -> None:
    """Team 1's owners state no confidence: they leave calibration and the
    confidence forecaster; objects rebuilt from the same tables agree."""
    _plans, tables = history(teams=2, quarters=2, seed=4)
    quiet = _edited(
        tables, "checkins", "confidence", None,
        lambda table: pc.starts_with(table.column("key_result"), "team-1-"),
    )  # fmt: skip
    plans = list(from_tables(quiet).values())

    found = same_calibration(plans, quiet, as_of=END, min_forecasts=1, min_key_results=1)
    assert all(not (group.name or "").startswith("owner-1") for group in found.groups)
    assert found.ended == 8
    tested = same_backtest(plans, quiet, as_of=END, min_key_results=1)
    assert sum(case.confidence is None for case in tested.cases) == 8


def test_a_link_with_not_enough_data() -> None:
    """One team, one quarter: about ten pairs, under the minimum of 30."""
    plans, tables = history(teams=1, quarters=1, seed=5)

    links = same_evidence(plans, tables, as_of=END)
    assert [link.verdict.value for link in links] == ["not_enough_data"] * 2
    assert all(0 < link.pairs < 30 for link in links)


def _weekly(key: str, start: dt.date, steps: list[float], **fields: Any) -> okrkit.KeyResult:
    made = okrkit.increase(key, to="100 call", id=key, **fields)
    total = 0.0
    for week, step in enumerate(steps):
        total += step
        made = made.checked_in(start + dt.timedelta(days=7 * week + 6), f"{total} call")
    return made


def test_links_to_an_objective_and_plans_without_a_period() -> None:
    """A link from a key result to its own objective (the key result left out of
    the objective's progress), one to another objective, and a plan without a
    period, whose grid runs over its check-ins; an end that names nothing, or
    two key results, names no link."""
    steps = [[3, 5, 2, 7, 4, 6, 1, 8, 2, 5, 3, 7, 4], [2, 2, 6, 3, 7, 2, 5, 4, 6, 1, 5, 3, 6],
             [1, 4, 2, 6, 3, 5, 2, 7, 1, 6, 2, 5, 3]]  # fmt: skip
    plans = []
    for index, period in enumerate(["2026-Q1", "2026-Q2", None]):
        start = dt.date(2026, 1 + 3 * index, 1)
        shift = [row[index:] + row[:index] for row in steps]
        plan = okrkit.plan(f"p{index}", period=period).with_objectives(
            okrkit.objective("Sell", id="sell", owner="ana").measured_by(
                _weekly("calls", start, shift[0]), _weekly("demos", start, shift[1], weight=2)
            ),
            okrkit.objective("Grow", id="grow", owner="ben").measured_by(
                _weekly("revenue", start, shift[2]), _weekly("demos", start, shift[0])
            ),
        )
        links = (okrkit.Link("calls", "sell", because="part"),
                 okrkit.Link("sell/demos", "grow", because="leads"),
                 okrkit.Link("nothing", "grow", because="a stray end"),
                 okrkit.Link("demos", "grow", because="two key results are demos"))  # fmt: skip
        plans.append(plan.linked(*links))
    tables = to_tables({f"p{index}": plan for index, plan in enumerate(plans)})

    for match in ("metric", "id"):
        links = same_evidence(plans, tables, as_of=END, min_pairs=4, min_periods=1, match=match)
        assert len(links) == 2
        assert all(link.pairs > 0 for link in links)


def test_parquet_files_and_a_connection_of_the_caller(tmp_path) -> None:
    plans, tables = history(teams=2, quarters=2, seed=6)
    write_parquet(tables, tmp_path / "okrs")
    connection = duckdb.connect()

    same_calibration(plans, tmp_path / "okrs", as_of=END, by="team", engine=connection)
    same_evidence(plans, str(tmp_path / "okrs"), as_of=END, engine=connection)
    same_backtest(plans, tmp_path / "okrs", as_of=END, engine=connection, min_key_results=2)
    for listing in ("duckdb_tables() WHERE table_name", "duckdb_views() WHERE view_name"):
        left = connection.execute(f"SELECT count(*) FROM {listing} LIKE 'okrkit_%'").fetchall()
        assert left == [(0,)]


# --- arguments -----------------------------------------------------------------------------


def test_the_same_arguments_are_refused_with_the_same_errors() -> None:
    _plans, tables = history(teams=1, quarters=1, seed=0)

    for function, bad in [
        (calibration_tables, {"by": "colour"}),
        (calibration_tables, {"bins": "many"}),
        (calibration_tables, {"min_forecasts": 0}),
        (evidence_tables, {"match": "name"}),
        (evidence_tables, {"max_lag": 27}),
        (evidence_tables, {"level": 2}),
        (backtest_tables, {"cut": 1.5}),
        (backtest_tables, {"method": "guess"}),
        (backtest_tables, {"resamples": 5}),
    ]:
        with pytest.raises(InvalidValueError) as raised:
            function(tables, as_of=END, **bad)
        name = function.__name__
        assert str(raised.value).startswith(f"{name}({next(iter(bad))})")
    for function in (calibration_tables, evidence_tables, backtest_tables):
        with pytest.raises(InvalidValueError, match=r"\(as_of\)"):
            function(tables, as_of="soon")
        with pytest.raises(InvalidTypeError, match=r"\(tables\)"):
            function(42, as_of=END)
        with pytest.raises(InvalidTypeError, match=r"\(engine\)"):
            function(tables, as_of=END, engine="duckdb")
        with pytest.raises(OkrkitError):
            function(tables, as_of=END, lang="fr")


def test_a_spark_session_is_refused_by_name() -> None:
    """The history queries are DuckDB's: a SparkSession is refused, not half run."""
    fake = type("SparkSession", (), {"__module__": "pyspark.sql.session"})()
    _plans, tables = history(teams=1, quarters=1, seed=0)

    for function in (calibration_tables, evidence_tables, backtest_tables):
        with pytest.raises(InvalidTypeError, match="a DuckDB connection"):
            function(tables, as_of=END, engine=fake)


_REFUSED = [
    ("value", float("nan"), "value: expected a finite number"),
    ("value", float("-inf"), "value: expected a finite number"),
    ("confidence", 7.0, "confidence: expected a number from 0 to 1"),
]


@pytest.mark.parametrize(
    ("learn", "column", "value", "expected"),
    [(learn, *case) for learn in (calibration_tables, backtest_tables) for case in _REFUSED]
    + [(evidence_tables, *case) for case in _REFUSED if case[0] == "value"],  # reads no confidence
)
def test_a_value_the_model_refuses_is_refused_before_any_figure(
    learn: Any, column: str, value: float, expected: str
) -> None:
    """A history's tables with a check-in the model would refuse give no figures
    (a NaN or an infinity would be summed into them), whatever is learnt."""
    _, tables = history(teams=2, quarters=2, seed=5)
    edited = _edited(
        tables, "checkins", column, value, lambda table: pc.equal(table["checkin_index"], 3)
    )
    with pytest.raises(InvalidValueError, match=expected):
        learn(edited, as_of=END)
