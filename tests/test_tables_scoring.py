"""okrkit.tables.score_tables on DuckDB: the figures okrkit.score gives, for every plan."""

from __future__ import annotations

import datetime as dt
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st


pytest.importorskip("pyarrow")
pytest.importorskip("duckdb")

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
from scored_plans import as_of_dates, assert_scores_equal, plan_sets, policies


Q1 = "2026-Q1"
MID = dt.date(2026, 2, 15)


@given(plans=plan_sets, data=st.data(), rollup=st.booleans())
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_duckdb_scores_equal_okrkit_score(plans, data, rollup: bool) -> None:
    """For every key result, objective and plan: progress, score, expected, value,
    confidence and window to 1e-9, and every status and grade."""
    as_of = data.draw(as_of_dates(plans), label="as_of")
    policy = data.draw(policies, label="policy")
    scores = score_tables(to_tables(plans), as_of=as_of, rollup=rollup, policy=policy)

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
