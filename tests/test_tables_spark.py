"""okrkit.tables on Spark in local mode: scoring equals okrkit.score, and checking
grouped by plan equals check_tables. Run with ``pytest -m spark`` (CI runs them in
a step of their own); skipped without pyspark or Java."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st


pytest.importorskip("pyarrow")
pytest.importorskip("pyspark")

import okrkit
from okrkit import increase
from okrkit.exceptions import InvalidValueError
from okrkit.tables import (
    TableScores,
    arrow_schema,
    check_tables,
    score_tables,
    to_tables,
    write_parquet,
)
from scored_plans import (
    READ,
    as_of_dates,
    assert_scores_equal,
    bad_tables,
    place,
    plan_sets,
    policies,
    sample_tables,
    scored_or_refused_alike,
)


pytestmark = pytest.mark.spark

SLOW = settings(
    max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def arrow(scores: TableScores) -> TableScores:
    """The answers of Spark (DataFrames) as Arrow tables of the documented schema
    (Spark has its own idea of which columns may be null)."""
    return TableScores(
        key_results=scores.key_results.toArrow().cast(arrow_schema("key_result_scores")),
        objectives=scores.objectives.toArrow().cast(arrow_schema("objective_scores")),
        plans=scores.plans.toArrow().cast(arrow_schema("plan_scores")),
        as_of=scores.as_of,
    )


@given(plans=plan_sets, data=st.data(), rollup=st.booleans())
@SLOW
def test_spark_scores_equal_okrkit_score(spark, plans, data, rollup: bool) -> None:
    """Every figure to 1e-9 and every status and grade, as on DuckDB."""
    as_of = data.draw(as_of_dates(plans), label="as_of")
    policy = data.draw(policies, label="policy")
    scores = scored_or_refused_alike(
        lambda: score_tables(
            to_tables(plans), as_of=as_of, rollup=rollup, policy=policy, engine=spark
        ),
        plans, as_of, policy=policy,
    )  # fmt: skip

    if scores is not None:
        assert_scores_equal(arrow(scores), plans, as_of, rollup=rollup, policy=policy)


def test_spark_answers_dataframes_of_the_documented_schema(spark, tmp_path) -> None:
    item = increase("leads", to="100 lead").with_id("a").checked_in("2026-02-01", "20 lead")
    plan = okrkit.plan("p", period="2026-Q1").with_objectives(
        okrkit.objective("Crecer", id="o").owned_by("v").measured_by(item)
    )
    tables = to_tables({"p": plan}, tenant="acme")
    write_parquet(tables, tmp_path / "okrs")
    on_duckdb = score_tables(tables, as_of="2026-02-15", rollup=True)

    from_files = score_tables(tmp_path / "okrs", as_of="2026-02-15", rollup=True, engine=spark)
    frames = {
        name: spark.read.parquet(str(tmp_path / "okrs" / f"{name}.parquet"))
        for name in ("plans", "objectives", "key_results", "checkins")
    }
    from_frames = score_tables(frames, as_of="2026-02-15", engine=spark, rollup=True)

    for found in (from_files, from_frames):
        assert repr(found) == (
            "<TableScores as of 2026-02-15: plans=DataFrame, objectives=DataFrame, "
            "key_results=DataFrame>"
        )
        for name, table in arrow(found).items():
            assert table.equals(getattr(on_duckdb, name)), name


def sorted_findings(table):
    return sorted(tuple(row.values()) for row in table.to_pylist())


@given(plans=plan_sets, as_of=st.dates(dt.date(2000, 1, 1), dt.date(2061, 1, 1)))
@SLOW
def test_grouped_checking_on_spark_equals_check_tables(spark, plans, as_of) -> None:
    """The findings of a grouped map on Spark are those of check_tables, plan by plan."""
    tables = to_tables(plans, tenant="acme")

    on_spark = check_tables(tables, as_of=as_of, engine=spark)

    expected = check_tables(tables, as_of=as_of, processes=1)
    assert sorted_findings(on_spark.toArrow()) == sorted_findings(expected)


SPARK_BAD = [
    ("checkins", "value", float("-inf"), "value: expected a finite number"),
    ("checkins", "value", float("nan"), "value: expected a finite number"),
    ("checkins", "confidence", 7.0, "confidence: expected a number from 0 to 1, got 7.0"),
    ("key_results", "direction", "sideways", "direction: expected one of increase"),
    ("key_results", "window_end", None, "window_start: expected a first day"),
    ("objectives", "weight", float("nan"), "weight: expected a finite number ≥ 0"),
    ("plans", "yellow_from", 0.9, "yellow_from: expected a score ≤ green_from"),
]  # fmt: skip


@pytest.mark.parametrize(("table", "column", "value", "message"), SPARK_BAD)
def test_spark_refuses_what_the_model_refuses(
    spark, tmp_path, table: str, column: str, value: object, message: str
) -> None:
    """The checks before scoring run on Spark as on DuckDB: on DataFrames of a
    Parquet folder, and on the folder read by Spark itself."""
    write_parquet(bad_tables(table, column, value), tmp_path / "okrs")
    frames = {name: spark.read.parquet(str(tmp_path / "okrs" / f"{name}.parquet")) for name in READ}
    expected = re.escape(f"score_tables: {place(table, column)}, {message}")

    for source in (frames, tmp_path / "okrs"):
        with pytest.raises(InvalidValueError, match=expected):
            score_tables(source, as_of="2026-02-15", engine=spark)


def test_spark_refuses_a_column_of_another_type_and_a_repeated_key(spark) -> None:
    tables = sample_tables()
    frames = {name: spark.createDataFrame(tables.table(name)) for name in READ}
    as_text = {**frames, "checkins": frames["checkins"].withColumn(
        "value", frames["checkins"]["value"].cast("string"))}  # fmt: skip
    repeated = {**frames, "key_results": frames["key_results"].unionByName(frames["key_results"])}

    with pytest.raises(InvalidValueError, match=r"checkins\.value: expected a column of float64"):
        score_tables(as_text, as_of="2026-02-15", engine=spark)
    with pytest.raises(
        InvalidValueError, match=r"key_result_index: expected each key_result_index"
    ):
        score_tables(repeated, as_of="2026-02-15", engine=spark)
