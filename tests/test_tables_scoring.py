"""okrkit.tables.score_tables on DuckDB: the figures okrkit.score gives, for every plan."""

from __future__ import annotations

import datetime as dt
import math
import pickle
import re
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st


pytest.importorskip("pyarrow")
pytest.importorskip("duckdb")

import attrs
import duckdb
import pyarrow as pa

import okrkit
from okrkit import Amount, achieve, at_least, increase, reduce
from okrkit.exceptions import (
    InvalidTypeError,
    InvalidValueError,
    OptionalDependencyError,
    PlanFileError,
)
from okrkit.tables import TableScores, score_tables, to_tables, write_parquet
from scored_plans import (
    READ,
    as_of_dates,
    assert_scores_equal,
    bad_tables,
    last_row,
    place,
    plan_sets,
    policies,
    sample_tables,
    scored_or_refused_alike,
    with_cell,
)


Q1 = "2026-Q1"
MID = dt.date(2026, 2, 15)


@given(plans=plan_sets, data=st.data(), rollup=st.booleans())
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_duckdb_scores_equal_okrkit_score(plans, data, rollup: bool) -> None:
    """For every key result, objective and plan: progress, score, expected, value,
    confidence and window to 1e-9, and every status and grade. Tables made by
    to_tables (weights of 0 and near the largest float among them) are never refused
    by the checks that run before scoring; a plan policy laid on the one passed that
    puts the thresholds out of order is refused as okrkit.score refuses it."""
    as_of = data.draw(as_of_dates(plans), label="as_of")
    policy = data.draw(policies, label="policy")
    scores = scored_or_refused_alike(
        lambda: score_tables(to_tables(plans), as_of=as_of, rollup=rollup, policy=policy),
        plans, as_of, policy=policy,
    )  # fmt: skip

    if scores is not None:
        assert_scores_equal(scores, plans, as_of, rollup=rollup, policy=policy)


def plan_of(*objectives: okrkit.Objective, period: str | None = Q1) -> okrkit.Plan:
    return okrkit.plan("p", period=period).with_objectives(*objectives)


def objective(key: str, *items: okrkit.KeyResult, **fields) -> okrkit.Objective:
    made = okrkit.objective(f"Cumplir {key}", id=key).owned_by("v").measured_by(*items)
    return made.__class__(**{**{f: getattr(made, f) for f in ("title", "id", "owner")},
                             "key_results": made.key_results, **fields})  # fmt: skip


def same(plan: okrkit.Plan, *, as_of: dt.date = MID, rollup: bool = False) -> TableScores:
    plans = {"p": plan}
    scores = score_tables(to_tables(plans), as_of=as_of, rollup=rollup)
    assert_scores_equal(scores, plans, as_of, rollup=rollup)
    return scores


class TestBranches:
    """Each branch of scoring on a plan made for it (the property draws them all)."""

    def test_decrease_without_a_baseline_starts_at_its_first_checkin(self) -> None:
        item = (
            reduce("ciclo", to="20 day").with_id("c")
            .checked_in("2026-01-10", "40 day").checked_in("2026-02-01", "30 day")
        )  # fmt: skip
        scores = same(plan_of(objective("o", item)))

        assert scores.key_results.column("progress").to_pylist() == [0.5]

    def test_a_day_checked_in_twice_in_two_units_counts_the_last_written(self) -> None:
        item = (
            reduce("ciclo", from_="40 day", to="20 day").with_id("c")
            .checked_in("2026-02-01", "3 week").checked_in("2026-02-01", "35 day")
        )  # fmt: skip
        scores = same(plan_of(objective("o", item)))

        assert scores.key_results.column("value").to_pylist() == [35.0]

    def test_a_measured_share_later_than_the_value_counts(self) -> None:
        item = okrkit.KeyResult(
            "p90 response time at most 200 ms", id="p90", direction="at_most",
            target=Amount(200, "millisecond"), share=Amount(90, "percent"),
            checkins=(okrkit.CheckIn("2026-02-01", Amount(250, "millisecond")),
                      okrkit.CheckIn("2026-02-02", Amount(93, "percent"))),
        )  # fmt: skip
        scores = same(plan_of(objective("o", item)))

        assert scores.key_results.column("status").to_pylist() == ["on_track"]

    def test_a_milestone_is_paced_by_its_confidence(self) -> None:
        item = (
            achieve("Abrir la oficina").with_id("m").checked_in("2026-02-01", "0", confidence=0.5)
        )
        scores = same(plan_of(objective("o", item)))

        assert scores.key_results.column("status").to_pylist() == ["at_risk"]

    def test_extreme_and_zero_weights(self) -> None:
        a = increase("leads", to="100 lead").with_id("a").checked_in("2026-02-01", "50 lead")
        b = increase("calls", to="10 call").with_id("b").checked_in("2026-02-01", "10 call")
        same(plan_of(objective("o", a.weighted(1e-320), b.weighted(5e-324))))
        same(plan_of(objective("o", a.weighted(1.7e308), b.weighted(1.6e308))))
        scores = same(plan_of(objective("o", a.weighted(0), b.weighted(0))))

        assert scores.objectives.column("score").to_pylist() == [0.75]

    def test_a_cycle_of_parents_is_cut_above_its_first_objective(self) -> None:
        a = increase("leads", to="100 lead").with_id("a").checked_in("2026-02-01", "20 lead")
        b = increase("calls", to="10 call").with_id("b").checked_in("2026-02-01", "10 call")
        c = at_least("nps", "50 point").with_id("c").checked_in("2026-02-01", "10 point")
        plan = plan_of(
            objective("x", a, parent="z"),
            objective("y", b, parent="x"),
            objective("z", c, parent="y"),
            objective("w", b, parent="w"),  # its own parent: a root
            objective("v", a, parent="y"),
        )
        scores = same(plan, rollup=True)

        assert len(scores.objectives) == 5

    def test_no_period_no_pace(self) -> None:
        item = increase("leads", to="100 lead").with_id("a").checked_in("2026-02-01", "20 lead")
        scores = same(plan_of(objective("o", item), objective("e"), period=None))

        assert scores.key_results.column("expected").to_pylist() == [None]
        assert scores.objectives.column("status").to_pylist() == ["on_track", "not_started"]

    def test_a_plan_without_objectives_scores_zero(self) -> None:
        scores = same(plan_of())

        assert scores.plans.column("score").to_pylist() == [0.0]


class TestArguments:
    def tables(self) -> okrkit.tables.PlanTables:
        item = increase("leads", to="100 lead").with_id("a").checked_in("2026-02-01", "20 lead")
        return to_tables({"p": plan_of(objective("o", item))}, tenant="acme")

    def test_the_answer_is_arrow_tables_of_the_documented_schema(self) -> None:
        scores = score_tables(self.tables(), as_of="2026-02-15")

        for name, table in scores.items():
            assert table.schema == okrkit.tables.arrow_schema(f"{name[:-1]}_scores"
                                                             if name != "key_results"
                                                             else "key_result_scores")  # fmt: skip
        assert repr(scores) == (
            "<TableScores as of 2026-02-15: plans=1, objectives=1, key_results=1>"
        )

    def test_a_connection_passed_is_used_and_left_clean(self) -> None:
        connection = duckdb.connect()

        def count(sql: str) -> list[tuple[int, ...]]:
            return connection.execute(sql).fetchall()

        before = count("SELECT count(*) FROM duckdb_tables()")
        score_tables(self.tables(), as_of=MID, engine=connection)

        assert count("SELECT count(*) FROM duckdb_tables()") == before
        assert count("SELECT count(*) FROM duckdb_views() WHERE NOT internal") == [(0,)]

    def test_a_file_duckdb_cannot_read_is_refused_by_name(self, tmp_path) -> None:
        write_parquet(self.tables(), tmp_path / "okrs")
        (tmp_path / "okrs" / "checkins.parquet").write_bytes(b"PAR1 not a table")

        with pytest.raises(PlanFileError, match=r"checkins\.parquet: expected okrkit's Parquet"):
            score_tables(tmp_path / "okrs", as_of=MID)

    def test_a_uri_needs_a_connection_that_reads_it(self) -> None:
        """okrkit's own connection fetches and loads no DuckDB extension (httpfs for
        s3://): reading tables never downloads code; the error says what to pass."""
        with pytest.raises(PlanFileError, match="pass as engine= a connection"):
            score_tables("s3://bucket/okrs", as_of=MID)

    def test_parquet_folder_and_relations(self, tmp_path) -> None:
        tables = self.tables()
        write_parquet(tables, tmp_path / "okrs")
        expected = score_tables(tables, as_of=MID)

        from_files = score_tables(tmp_path / "okrs", as_of=MID)
        connection = duckdb.connect()
        relations = {
            name: connection.read_parquet(str(tmp_path / "okrs" / f"{name}.parquet"))
            for name in ("plans", "objectives", "key_results", "checkins")
        }
        from_relations = score_tables(relations, as_of=MID, engine=connection)

        for found in (from_files, from_relations):
            for name, table in expected.items():
                assert getattr(found, name).equals(table)

    def test_relations_of_another_connection_are_refused(self, tmp_path) -> None:
        write_parquet(self.tables(), tmp_path / "okrs")
        other = duckdb.connect()
        relations = {
            name: other.read_parquet(str(tmp_path / "okrs" / f"{name}.parquet"))
            for name in ("plans", "objectives", "key_results", "checkins")
        }

        with pytest.raises(InvalidValueError, match="another connection"):
            score_tables(relations, as_of=MID, engine=duckdb.connect())

    @pytest.mark.parametrize(
        ("call", "error", "names"),
        [
            (lambda t: score_tables(t, as_of="mañana"), InvalidValueError, "score_tables(as_of)"),
            (lambda t: score_tables(t, as_of=None), InvalidValueError, "score_tables(as_of)"),
            (lambda t: score_tables(t, as_of=MID, policy=3), InvalidTypeError, "policy"),
            (lambda t: score_tables(t, as_of=MID, rollup="yes"), InvalidTypeError, "rollup"),
            (lambda t: score_tables(t, as_of=MID, engine="spark"), InvalidTypeError, "engine"),
            (lambda t: score_tables([t], as_of=MID), InvalidTypeError, "score_tables(tables)"),
            (lambda t: score_tables({"plans": t.plans}, as_of=MID), InvalidValueError,
             "objectives"),
            (lambda t: score_tables({**dict(t.items()), "checkins": pa.table({"x": [1]})},
                                    as_of=MID), InvalidValueError, "plan"),
            (lambda t: score_tables("/nonexistent/okrs", as_of=MID), PlanFileError,
             "plans.parquet"),
        ],
    )  # fmt: skip
    def test_wrong_arguments_are_named(self, call, error, names: str) -> None:
        with pytest.raises(error, match=names.replace("(", r"\(").replace(")", r"\)")):
            call(self.tables())

    def test_check_tables_takes_a_spark_session_or_nothing(self) -> None:
        with pytest.raises(InvalidTypeError, match=r"check_tables\(engine\)"):
            okrkit.tables.check_tables(self.tables(), as_of=MID, engine=duckdb.connect())

    def test_spark_without_sqlglot_names_the_extra(self, monkeypatch) -> None:
        from okrkit._tables._engine import spark_sql

        monkeypatch.setitem(sys.modules, "sqlglot", None)
        spark_sql.cache_clear()

        with pytest.raises(OptionalDependencyError, match=r"okrkit\[spark\]"):
            spark_sql("SELECT 1")


# --- what score_tables refuses before it scores --------------------------------------------

BAD = [
    # table, column, value, what the message names
    ("checkins", "value", float("-inf"), "value: expected a finite number"),
    ("checkins", "value", float("inf"), "value: expected a finite number"),
    ("checkins", "value", float("nan"), "value: expected a finite number"),
    ("checkins", "confidence", 7.0, "confidence: expected a number from 0 to 1, got 7.0"),
    ("checkins", "confidence", -0.1, "confidence: expected a number from 0 to 1"),
    ("checkins", "confidence", float("nan"), "confidence: expected a number from 0 to 1"),
    ("checkins", "checkin_index", -1, "checkin_index: expected a whole number ≥ 0"),
    ("key_results", "weight", -1.0, "weight: expected a finite number ≥ 0"),
    ("key_results", "weight", float("inf"), "weight: expected a finite number ≥ 0"),
    ("key_results", "target", float("nan"), "target: expected a finite number"),
    ("key_results", "baseline", float("-inf"), "baseline: expected a finite number"),
    ("key_results", "share", float("inf"), "share: expected a finite number"),
    ("key_results", "direction", "sideways", "direction: expected one of increase | decrease"),
    ("key_results", "direction", "Increase", "direction: expected one of increase"),
    ("key_results", "window_end", dt.date(2025, 12, 31), "window_start: expected a first day"),
    ("key_results", "window_end", None, "window_start: expected a first day ≤ window_end, both"),
    ("objectives", "weight", float("nan"), "weight: expected a finite number ≥ 0"),
    ("objectives", "commitment", "maybe", "commitment: expected one of committed | aspirational"),
    ("plans", "green_from", 1.5, "green_from: expected a number from 0 to 1"),
    ("plans", "yellow_from", 0.9, "yellow_from: expected a score ≤ green_from (green_from is 0.7)"),
    ("plans", "at_risk_gap", 0.2, "at_risk_gap: expected a number from -1 to 0"),
    ("plans", "off_track_gap", -0.05, "off_track_gap: expected a gap ≤ at_risk_gap"),
]  # fmt: skip


def relations_replacing(connection: object, table: str, replace: str) -> dict[str, object]:
    """The sample tables as relations of *connection*, *table*'s with ``REPLACE (replace)``."""
    relations = {}
    for name in READ:
        connection.register(f"given_{name}", sample_tables().table(name))
        replaced = f" REPLACE ({replace})" if name == table else ""
        relations[name] = connection.sql(f"SELECT *{replaced} FROM given_{name}")
    return relations


class TestRefused:
    """A value the model refuses never reaches scoring: score_tables names the table,
    the row's plan and positions, the column, the value and what was expected."""

    @pytest.mark.parametrize(("table", "column", "value", "message"), BAD)
    def test_plan_tables(self, table: str, column: str, value: object, message: str) -> None:
        with pytest.raises(InvalidValueError, match=re.escape(message)) as caught:
            score_tables(bad_tables(table, column, value), as_of=MID)

        assert str(caught.value).startswith(f"score_tables: {place(table, column)}, ")
        assert caught.value.hint_es

    @pytest.mark.parametrize(("table", "column", "value", "message"), BAD)
    def test_a_parquet_folder_read_by_the_engine(
        self, tmp_path, table: str, column: str, value: object, message: str
    ) -> None:
        write_parquet(bad_tables(table, column, value), tmp_path / "okrs")

        with pytest.raises(
            InvalidValueError, match=re.escape(f"{place(table, column)}, {message}")
        ):
            score_tables(tmp_path / "okrs", as_of=MID)

    @pytest.mark.parametrize(("table", "column", "value", "message"), BAD)
    def test_duckdb_relations(self, tmp_path, table: str, column: str, value: object,
                              message: str) -> None:  # fmt: skip
        write_parquet(bad_tables(table, column, value), tmp_path / "okrs")
        connection = duckdb.connect()
        relations = {
            name: connection.read_parquet(str(tmp_path / "okrs" / f"{name}.parquet"))
            for name in READ
        }

        with pytest.raises(
            InvalidValueError, match=re.escape(f"{place(table, column)}, {message}")
        ):
            score_tables(relations, as_of=MID, engine=connection)
        assert connection.execute(
            "SELECT count(*) FROM duckdb_views() WHERE NOT internal"
        ).fetchall() == [(0,)]

    def test_the_value_that_changed_a_grade_silently(self) -> None:
        """-inf as a check-in's value once took a plan from yellow to red."""
        tables = sample_tables()
        scores = score_tables(tables, as_of=MID)
        assert all(math.isfinite(score) for score in scores.plans.column("score").to_pylist())
        checkins = with_cell(tables.checkins, "value", 0, float("-inf"))

        with pytest.raises(InvalidValueError, match=r"checkins row \(plan 'p'.*value.*-inf"):
            score_tables(attrs.evolve(tables, checkins=checkins), as_of=MID)

    def test_the_first_offending_row_in_plan_order_is_named(self) -> None:
        tables = sample_tables()
        checkins = with_cell(tables.checkins, "confidence", last_row(tables.checkins), 2.0)
        checkins = with_cell(checkins, "confidence", 1, 3.0)
        reordered = checkins.take(list(reversed(range(checkins.num_rows))))

        with pytest.raises(InvalidValueError, match=r"checkin_index 0\), confidence.*got 3\.0"):
            score_tables(attrs.evolve(tables, checkins=reordered), as_of=MID)

    @pytest.mark.parametrize(
        ("table", "rows", "message"),
        [
            ("plans", [0, 0], "plans row (plan 'p'), plan: expected each plan once in the table"),
            ("objectives", [0, 1, 1], "objectives row (plan 'q', objective_index 0), "
             "objective_index: expected each objective_index once in its plan"),
            ("key_results", [0, 1, 2, 2], "key_results row (plan 'q', objective_index 0, "
             "key_result_index 1), key_result_index: expected each key_result_index once in its "
             "objective"),
            ("plans", [1], "objectives row (plan 'p', objective_index 0), plan: expected a key "
             "found in the plans table (plan)"),
            ("objectives", [1], "key_results row (plan 'p', objective_index 0, "
             "key_result_index 0), objective_index: expected a key found in the objectives "
             "table (plan, objective_index)"),
        ],
    )  # fmt: skip
    def test_a_row_repeated_or_without_its_parent(
        self, table: str, rows: list[int], message: str
    ) -> None:
        tables = sample_tables()
        changed = attrs.evolve(tables, **{table: tables.table(table).take(rows)})

        with pytest.raises(InvalidValueError, match=re.escape(message)):
            score_tables(changed, as_of=MID)

    @pytest.mark.parametrize(
        ("table", "column", "sql", "found"),
        [
            ("checkins", "value", "CAST(value AS VARCHAR)", "VARCHAR"),
            ("checkins", "date", "CAST(date AS VARCHAR)", "VARCHAR"),
            ("checkins", "checkin_index", "CAST(checkin_index AS DOUBLE)", "DOUBLE"),
            ("key_results", "done", "CASE WHEN done THEN 'yes' ELSE 'no' END", "VARCHAR"),
            ("key_results", "target", "CAST(target AS DECIMAL(18, 3))", "DECIMAL(18,3)"),
            ("plans", "green_from", "CAST(green_from AS VARCHAR)", "VARCHAR"),
            ("objectives", "weight", "CAST(weight AS VARCHAR)", "VARCHAR"),
            ("key_results", "window_start", "epoch(window_start)", "DOUBLE"),
        ],
    )
    def test_a_column_of_another_type(self, table: str, column: str, sql: str, found: str) -> None:
        connection = duckdb.connect()
        relations = relations_replacing(connection, table, f"{sql} AS {column}")

        expected = f"score_tables: {table}.{column}: expected a column of "
        with pytest.raises(InvalidValueError, match=re.escape(expected)) as caught:
            score_tables(relations, as_of=MID, engine=connection)
        assert caught.value.value == found

    def test_a_column_of_nulls_only_is_taken(self) -> None:
        connection = duckdb.connect()
        relations = relations_replacing(connection, "checkins", "NULL AS confidence")

        scores = score_tables(relations, as_of=MID, engine=connection)

        assert set(scores.key_results.column("confidence").to_pylist()) == {None}

    def test_a_connection_passed_keeps_its_parquet_setting(self, tmp_path) -> None:
        """DuckDB is told a file's floats may hold NaN while a run lasts (its Parquet
        statistics leave NaN out), then the caller's setting is put back."""
        write_parquet(bad_tables("objectives", "weight", float("nan")), tmp_path / "okrs")
        connection = duckdb.connect()
        relations = {
            name: connection.read_parquet(str(tmp_path / "okrs" / f"{name}.parquet"))
            for name in READ
        }
        setting = "SELECT current_setting('parquet_can_have_nan')"
        before = connection.execute(setting).fetchall()

        with pytest.raises(InvalidValueError, match=r"objectives row .*weight.*got nan"):
            score_tables(relations, as_of=MID, engine=connection)
        assert connection.execute(setting).fetchall() == before

    def test_the_refusal_pickles(self) -> None:
        with pytest.raises(InvalidValueError) as caught:
            score_tables(bad_tables("checkins", "value", float("nan")), as_of=MID)

        again = pickle.loads(pickle.dumps(caught.value))
        assert str(again) == str(caught.value)
        assert isinstance(again, ValueError)
