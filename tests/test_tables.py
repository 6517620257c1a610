"""Plans as Arrow tables and Parquet files: round trips, the schema as a contract,
refusals that name the row, bounded reads, and checking at scale."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest


pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

import okrkit  # noqa: E402
from okrkit import CheckIn, Initiative, KeyResult, Link, Objective, Plan  # noqa: E402
from okrkit import strategies as okst  # noqa: E402
from okrkit.exceptions import InvalidTypeError, InvalidValueError, PlanFileError  # noqa: E402
from okrkit.metrics import NPS, MetricType, Polarity  # noqa: E402
from okrkit.tables import (  # noqa: E402
    COLUMNS,
    PlanTables,
    arrow_schema,
    check_batches,
    check_tables,
    from_tables,
    read_parquet,
    to_tables,
    write_parquet,
)
from strategies import plans as wide_plans  # noqa: E402
from strategies import raw_plans, tricky_ids, tricky_texts  # noqa: E402


ROOT = Path(__file__).resolve().parent.parent


def _policies() -> st.SearchStrategy[okrkit.Policy | None]:
    return st.none() | st.builds(
        okrkit.Policy.from_mapping,
        st.fixed_dictionaries(
            {},
            optional={
                "preset": st.sampled_from(["default", "strict"]),
                "ignore": st.lists(
                    st.sampled_from(["missing-owner", "stale-checkins"]), max_size=2
                ),
                "severities": st.dictionaries(
                    st.sampled_from(["missing-owner", "too-many-key-results"]),
                    st.sampled_from(["error", "warning", "info", "off"]),
                    max_size=2,
                ),
                "thresholds": st.fixed_dictionaries(
                    {},
                    optional={"at_risk_gap": st.floats(-0.2, 0), "green_from": st.floats(0.7, 1)},
                ),
            },
        ),
    )


_TYPES = (
    st.none()
    | st.just(NPS)
    | st.builds(
        MetricType,
        st.sampled_from(["ces", "tiempo de respuesta", "Ñ"]),
        minimum=st.none() | st.just(0.0),
        maximum=st.none() | st.just(7.0),
        polarity=st.none() | st.sampled_from(Polarity),
    )
)


@st.composite
def _with_extras(draw: st.DrawFn, plan: Plan) -> Plan:
    """*plan* with a policy and metric types on some key results (which the plan
    strategies leave out)."""
    objectives = tuple(
        Objective(
            o.title, id=o.id, owner=o.owner, period=o.period, commitment=o.commitment,
            parent=o.parent, weight=o.weight, ignore=o.ignore,
            key_results=tuple(
                KeyResult(
                    k.statement, id=k.id, metric=k.metric, direction=k.direction,
                    baseline=k.baseline, target=k.target, change=k.change, per=k.per,
                    share=k.share, nature=k.nature, deadline=k.deadline, weight=k.weight,
                    owner=k.owner, done=k.done, strict=k.strict, checkins=k.checkins,
                    initiatives=k.initiatives, ignore=k.ignore, cadence=k.cadence,
                    metric_type=draw(_TYPES),
                )
                for k in o.key_results
            ),
        )
        for o in plan.objectives
    )  # fmt: skip
    return Plan(
        plan.title, period=plan.period, currency=plan.currency, lang=plan.lang,
        calendar=plan.calendar, cadence=plan.cadence, links=plan.links,
        policy=draw(_policies()), objectives=objectives,
    )  # fmt: skip


def _tenanted(
    strategy: st.SearchStrategy[Plan],
) -> st.SearchStrategy[tuple[dict[str, Plan], dict[str, str | None]]]:
    keys = st.sampled_from(["acme/ventas", "acme/q1", "Zürich 東京", "plan", "x"])
    return st.dictionaries(keys, strategy, min_size=1, max_size=3).flatmap(
        lambda found: st.tuples(
            st.just(found),
            st.fixed_dictionaries(
                {key: st.none() | st.sampled_from(["acme", "globex", "ñ"]) for key in found}
            ),
        )
    )


# --- round trips ------------------------------------------------------------------------


class TestRoundTrip:
    @given(okst.plans())
    def test_a_generated_plan_comes_back_equal(self, plan: Plan) -> None:
        """from_tables(to_tables(plan)) is the plan, under the key its title gives."""
        tables = to_tables(plan)
        back = from_tables(tables)

        assert list(back.values()) == [plan]
        assert tables.plan_keys == tuple(back)

    @given(_tenanted(okst.plans(max_objectives=3)))
    def test_several_plans_with_tenants_come_back_equal(self, drawn) -> None:  # type: ignore[no-untyped-def]
        plans, tenants = drawn
        tables = to_tables(plans, tenant=tenants)

        assert from_tables(tables) == plans
        assert (
            dict(
                zip(*(tables.plans.column(c).to_pylist() for c in ("plan", "tenant")), strict=True)
            )
            == tenants
        )
        for name, table in tables.items():
            if table.num_rows:
                keys = table.column("plan").to_pylist()
                assert table.column("tenant").to_pylist() == [tenants[k] for k in keys], name

    @given(wide_plans(tricky_texts(), tricky_ids).flatmap(_with_extras))
    def test_every_field_and_any_text_comes_back(self, plan: Plan) -> None:
        """Calendars, cadences, policies, metric types, shares, rates, deadlines,
        initiatives, ignore lists, links and any text (control characters, number-like
        words, emoji) come back equal."""
        assert from_tables(to_tables({"p": plan})) == {"p": plan}

    @given(raw_plans())
    def test_a_plan_whose_statements_are_not_read_comes_back(self, plan: Plan) -> None:
        """Fields a statement says but nobody filled in stay empty: the tables keep
        the fields as written, and the readings beside them."""
        assert from_tables(to_tables({"p": plan})) == {"p": plan}

    @settings(max_examples=15)
    @given(_tenanted(wide_plans().flatmap(_with_extras)))
    def test_parquet_gives_back_equal_tables(self, drawn) -> None:  # type: ignore[no-untyped-def]
        plans, tenants = drawn
        tables = to_tables(plans, tenant=tenants)
        with tempfile.TemporaryDirectory() as folder:
            write_parquet(tables, folder)
            again = read_parquet(folder)

        assert again == tables
        assert from_tables(again) == plans

    def test_rows_in_any_order_give_the_same_plans(self) -> None:
        """A query's answer comes in any order: positions put the items back in theirs."""
        plan = okrkit.load(ROOT / "examples/es/cuenta-clave-kam.yaml")
        tables = to_tables(
            {"kam": plan, "otro": okrkit.load(ROOT / "examples/en/saas-growth.yaml")}
        )
        shuffled = PlanTables(
            **{
                name: table.take(pa.array(reversed(range(table.num_rows)), pa.int64()))
                for name, table in tables.items()
            }
        )

        assert from_tables(shuffled) == from_tables(tables)
        assert list(from_tables(shuffled)) == ["otro", "kam"]

    def test_duckdb_answers_are_read(self) -> None:
        """Tables a DuckDB query gives back (int64 positions where the schema says
        int32) are cast to okrkit's schema and read."""
        duckdb = pytest.importorskip("duckdb")
        plan = okrkit.load(ROOT / "examples/es/meta-de-ventas.yaml")
        tables = to_tables({"m": plan}, tenant="acme")
        con = duckdb.connect()
        answered = {}
        for name, table in tables.items():
            con.register(name, table)
            answered[name] = con.sql(
                f"select * replace (cast(plan as varchar) as plan) from {name} order by random()"
            ).arrow()
            if hasattr(answered[name], "read_all"):
                answered[name] = answered[name].read_all()

        assert from_tables(answered) == {"m": plan}


class TestEveryField:
    def test_a_plan_with_every_field(self) -> None:
        fiscal = okrkit.Calendar(fiscal_year_start=4)
        item = (
            KeyResult("Responder en menos de 5 minutos al 90% de los prospectos", id="respuesta")
            .measuring("tiempo de respuesta")
            .of_type(
                MetricType("tiempo", unit="minute", minimum=0, polarity=Polarity.LOWER_IS_BETTER)
            )
        )
        item = KeyResult(
            item.statement, id="respuesta", metric="tiempo de respuesta", direction="at_most",
            target="5 minute", share="90 percent", nature="outcome", deadline="2026-06-30",
            weight=2.5, owner="preventa", strict=True, cadence=okrkit.Cadence("monthly", day=31),
            metric_type=item.metric_type, ignore=("stale-checkins",),
            checkins=(
                CheckIn(
                    "2026-04-10", "7 minute", confidence=0.4, note="sin guardias 🚨", source="crm"
                ),
                CheckIn("2026-04-17", "85 percent", confidence=0.5),
                CheckIn("2026-04-24", "300 second"),
                CheckIn("2026-04-24", "12 lead"),
            ),
            initiatives=(
                Initiative("Guardias rotativas", owner="ana", done=True), Initiative("Bot")
            ),
        )  # fmt: skip
        milestone = KeyResult(
            "Lanzar el portal de socios", id="portal", direction="achieve", done=True
        )
        rate = KeyResult(
            id="llamadas", metric="llamadas", target="20 call", per="week", nature="activity"
        )
        relative = KeyResult(id="pipeline", baseline="2000000 USD", change="75 percent")
        points = KeyResult(id="conversion", baseline="20 percent", change="4 percentage_point")
        plan = Plan(
            "Preventa — año fiscal 2027",
            period=fiscal.period("FY2027-Q1"),
            currency="EUR",
            lang="es",
            calendar=fiscal,
            cadence=okrkit.Cadence("weekly", weekday="friday"),
            policy=okrkit.Policy.from_mapping(
                {"preset": "strict", "thresholds": {"green_from": 0.8}}
            ),
            objectives=(
                Objective(
                    "Hacer más eficaz la preventa", id="preventa", owner="equipo ñ",
                    commitment="aspirational", weight=3, ignore=("objective-has-number",),
                    key_results=(item, milestone, rate),
                ),
                Objective(
                    "Crecer", id="crecer", parent="preventa", period=fiscal.period("FY2027-H1"),
                    key_results=(relative, points),
                ),
                Objective("Sin resultados clave todavía"),
            ),
            links=(
                Link("llamadas", "preventa/respuesta", because="más llamadas, más prospectos"),
                Link("portal", "crecer"),
            ),
        )  # fmt: skip
        tables = to_tables({"preventa": plan}, tenant="acme")

        assert from_tables(tables) == {"preventa": plan}
        with tempfile.TemporaryDirectory() as folder:
            write_parquet(tables, folder)
            assert from_tables(read_parquet(folder)) == {"preventa": plan}

        head = tables.plans.to_pylist()[0]
        assert head["calendar"] is not None
        assert head["policy"] is not None
        assert (head["cadence"], head["cadence_weekday"], head["green_from"]) == (
            "weekly",
            "friday",
            0.8,
        )
        rows = {row["key_result"]: row for row in tables.key_results.to_pylist()}
        assert rows["respuesta"]["share"] == 90.0
        assert rows["respuesta"]["window_end"] == dt.date(2026, 6, 30)
        assert (rows["respuesta"]["cadence"], rows["respuesta"]["cadence_day"]) == ("monthly", 31)
        assert rows["respuesta"]["metric_type"] == "tiempo"
        assert rows["respuesta"]["reading_kind"] == "metric"
        assert rows["llamadas"]["rate_unit"] == "call/week"
        assert rows["llamadas"]["reading_kind"] is None
        assert (rows["pipeline"]["direction"], rows["pipeline"]["target"]) == (
            "increase",
            3500000.0,
        )
        assert rows["conversion"]["target"] == 24.0
        assert rows["portal"]["done"]
        assert rows["portal"]["direction"] == "achieve"
        assert rows["pipeline"]["window_start"] == dt.date(2026, 4, 1)
        values = [(r["value"], r["measured_share"]) for r in tables.checkins.to_pylist()]
        assert values == [(7.0, False), (85.0, True), (5.0, False), (None, False)]
        assert [r["title"] for r in tables.initiatives.to_pylist()] == ["Guardias rotativas", "Bot"]
        assert tables.links.column("because").to_pylist() == ["más llamadas, más prospectos", None]
        assert tables.objectives.column("ignore").to_pylist() == [["objective-has-number"], [], []]

    @pytest.mark.parametrize(
        "calendar",
        [
            okrkit.Calendar(),
            okrkit.Calendar(fiscal_year_start=7, fiscal_year_named_by="start"),
            okrkit.RetailCalendar(week_ends_on="saturday"),
            okrkit.CycleCalendar(dt.date(2026, 1, 5), weeks=6),
        ],
        ids=["gregorian", "fiscal", "retail", "cycles"],
    )
    def test_every_kind_of_calendar(self, calendar: okrkit.Calendar) -> None:
        """The calendar, and periods named by it, come back; the plain Gregorian
        calendar is a null cell."""
        period = calendar.periods(2026, calendar.units[0])[0] if calendar.units else None
        plan = Plan("p", calendar=calendar, period=period).with_objectives(
            Objective("Crecer", id="o", period=period).measured_by(
                KeyResult(id="k", target="10 deal")
            )
        )
        tables = to_tables({"p": plan})

        assert from_tables(tables)["p"].calendar == calendar
        assert from_tables(tables) == {"p": plan}
        assert (tables.plans.column("calendar")[0].as_py() is None) == (
            calendar == okrkit.Calendar()
        )


# --- the schema ---------------------------------------------------------------------------


class TestSchema:
    def test_the_docs_list_every_column_of_every_table(self) -> None:
        """docs/tables.md is the contract: each table's columns, in order, with type
        and nullability, as the schema has them."""
        from okrkit._tables._schema import FINDINGS, SCORES, TABLES

        text = (ROOT / "docs" / "tables.md").read_text(encoding="utf-8")
        for name, columns in {**TABLES, "findings": FINDINGS, **SCORES}.items():
            section = text.split(f"### `{name}`", 1)[1].split("###", 1)[0]
            rows = [line.split("|")[1:4] for line in section.splitlines() if line.startswith("| `")]
            written = [
                (
                    a.strip().strip("`"),
                    b.strip().replace("&lt;", "<").replace("&gt;", ">"),
                    c.strip(),
                )
                for a, b, c in rows
            ]
            assert written == [(c.name, c.type, "yes" if c.nullable else "no") for c in columns], (
                name
            )

    def test_tables_have_the_schema(self) -> None:
        tables = to_tables(okrkit.load(ROOT / "examples/es/preventa.yaml"))
        for name, table in tables.items():
            assert table.schema == arrow_schema(name)
            assert tuple(table.column_names) == COLUMNS[name]

    def test_repr_shows_row_counts(self) -> None:
        tables = to_tables(okrkit.load(ROOT / "examples/es/meta-de-ventas.yaml"))
        assert repr(tables) == (
            "<PlanTables rows: plans=1, objectives=1, key_results=4, checkins=2, links=2, "
            "initiatives=0>"
        )
        assert repr(PlanTables()).startswith("<PlanTables rows: plans=0,")

    def test_concat_joins_tenants_and_refuses_a_key_twice(self) -> None:
        plan = okrkit.load(ROOT / "examples/es/preventa.yaml")
        joined = PlanTables.concat(
            to_tables({"a": plan}, tenant="t1"), to_tables({"b": plan}, tenant="t2")
        )
        assert joined.plan_keys == ("a", "b")
        assert from_tables(joined) == {"a": plan, "b": plan}
        with pytest.raises(InvalidValueError, match="plan keys found in one of the tables only"):
            PlanTables.concat(joined, to_tables({"a": plan}))


# --- what is refused -------------------------------------------------------------------------


def _example() -> PlanTables:
    """Tables of two plans; check-in row 0 is of the second."""
    plans = {
        "kam": okrkit.load(ROOT / "examples/es/cuenta-clave-kam.yaml"),
        "meta": okrkit.load(ROOT / "examples/es/meta-de-ventas.yaml"),
    }
    return to_tables(plans, tenant="acme")


def _with(tables: PlanTables, name: str, column: str, row: int, value: object) -> PlanTables:
    table = tables.table(name)
    cells = table.column(column).to_pylist()
    cells[row] = value
    index = table.column_names.index(column)
    changed = table.set_column(
        index, table.schema.field(index), pa.array(cells, type=table.schema.field(index).type)
    )
    return PlanTables(**{**dict(tables.items()), name: changed})


class TestRefused:
    @pytest.mark.parametrize(
        ("name", "column", "value", "message"),
        [
            ("key_results", "weight", float("nan"), "weight"),
            ("key_results", "weight", float("inf"), "weight"),
            ("key_results", "weight", -1.0, "KeyResult.weight"),
            ("checkins", "written_value", float("nan"), "key_results|checkins row 0"),
            ("checkins", "confidence", 1.5, "CheckIn.confidence"),
            ("checkins", "confidence", float("nan"), "CheckIn.confidence"),
            ("key_results", "target", 1.0, "a scoring column is derived"),
            ("key_results", "direction", "decrease", "a scoring column is derived"),
            ("checkins", "value", 99.0, "a scoring column is derived"),
            ("checkins", "measured_share", True, "a scoring column is derived"),
            ("plans", "green_from", 0.5, "a scoring column is derived"),
            ("key_results", "key_result", "otro", "the key result's key"),
            ("objectives", "objective", "otro", "the objective's key"),
            ("checkins", "tenant", "globex", "the tenant of its plan"),
            ("key_results", "written_target_unit", "day", "written_target_unit"),
            ("plans", "calendar", "{", "a JSON mapping"),
            ("plans", "calendar", '{"kind": "lunar"}', "calendar"),
            ("plans", "policy", '{"plugins": ["os"]}', "plugins"),
            ("plans", "policy", '{"thresholds": {"green_from": NaN}}', "a JSON mapping"),
            ("plans", "policy", "[" * 100_000, "a JSON mapping"),
            ("key_results", "metric_type", "no-such-type", "metric_type"),
            ("key_results", "cadence_weekday", "friday", "null without a cadence"),
            ("objectives", "period_label", "2026-Q1", "no label without period_start"),
            ("key_results", "objective_index", 7, "positions run 0, 1, 2"),
            ("key_results", "ignore", [" "], "KeyResult.ignore"),
        ],
    )
    def test_a_wrong_cell_is_refused_naming_its_row(
        self, name: str, column: str, value: object, message: str
    ) -> None:
        with pytest.raises((InvalidValueError, InvalidTypeError), match=message) as info:
            from_tables(_with(_example(), name, column, 0, value))
        assert "from_tables: " in str(info.value)

    def test_an_orphan_row_is_refused(self) -> None:
        tables = _example()
        orphan = _with(tables, "checkins", "plan", 0, "otro")
        with pytest.raises(InvalidValueError, match="a row of the key_results table"):
            from_tables(orphan)

    def test_a_plan_key_twice_is_refused(self) -> None:
        tables = _example()
        twice = PlanTables(
            **{**dict(tables.items()), "plans": pa.concat_tables([tables.plans, tables.plans])}
        )
        with pytest.raises(InvalidValueError, match="each plan key once"):
            from_tables(twice)

    def test_columns_are_checked_when_the_tables_are_made(self) -> None:
        tables = _example()
        with pytest.raises(InvalidValueError, match=r"a column of the links table.*link_from"):
            PlanTables(
                links=tables.links.rename_columns([*tables.links.column_names[:-1], "becaus"])
            )
        with pytest.raises(InvalidValueError, match="a column named because"):
            PlanTables(links=tables.links.drop_columns(["because"]))
        with pytest.raises(InvalidValueError, match="link_index: expected a column of int32"):
            PlanTables(
                links=tables.links.set_column(
                    2, "link_index", pa.array(["0"] * tables.links.num_rows)
                )
            )
        with pytest.raises(InvalidValueError, match="values that fit"):
            PlanTables(
                links=tables.links.set_column(
                    2, "link_index", pa.array([2**40] * tables.links.num_rows)
                )
            )
        with pytest.raises(InvalidValueError, match="no null"):
            PlanTables(
                links=tables.links.set_column(
                    3, "link_from", pa.nulls(tables.links.num_rows, pa.string())
                )
            )
        with pytest.raises(InvalidTypeError, match=r"pyarrow\.Table"):
            PlanTables(links={"link_from": ["a"]})
        with pytest.raises(InvalidValueError, match="one of plans, objectives"):
            tables.table("people")

    @pytest.mark.parametrize(
        "given",
        [
            None,
            "plan.yaml",
            3,
            [("k", "not a plan")],
            [("", Plan())],
            [("a", Plan()), ("a", Plan())],
            {"k": 1},
        ],
    )
    def test_to_tables_refuses_what_is_no_plan(self, given: object) -> None:
        with pytest.raises((InvalidTypeError, InvalidValueError), match="to_tables"):
            to_tables(given)

    def test_to_tables_refuses_a_wrong_tenant(self) -> None:
        with pytest.raises(InvalidTypeError, match=r"to_tables\(tenant\)"):
            to_tables(Plan(), tenant=3)

    def test_a_registry_that_is_none_is_refused_before_any_work(self) -> None:
        """Even a plan whose units need no pint: the argument is wrong either way."""
        plan = okrkit.load(ROOT / "examples/es/meta-de-ventas.yaml")
        with pytest.raises(InvalidTypeError, match="a pint UnitRegistry"):
            to_tables(plan, ureg="x")
        with pytest.raises(InvalidTypeError, match="a pint UnitRegistry"):
            from_tables(to_tables(plan), ureg=3)

    def test_overwrite_is_a_flag(self, tmp_path: Path) -> None:
        with pytest.raises(InvalidTypeError, match=r"write_parquet\(overwrite\)"):
            write_parquet(_example(), tmp_path, overwrite="yes")

    def test_from_tables_refuses_what_is_no_tables(self) -> None:
        with pytest.raises(InvalidTypeError, match="from_tables"):
            from_tables([1, 2])
        with pytest.raises(InvalidValueError, match="tables named"):
            from_tables({"people": pa.table({})})


# --- Parquet ---------------------------------------------------------------------------------


class TestParquet:
    def test_a_folder_missing_a_file_or_holding_another_is_refused(self, tmp_path: Path) -> None:
        write_parquet(_example(), tmp_path / "t")
        (tmp_path / "t" / "notes.txt").write_text("x")
        with pytest.raises(PlanFileError, match=r"'notes\.txt' is not okrkit's"):
            read_parquet(tmp_path / "t")
        (tmp_path / "t" / "notes.txt").unlink()
        (tmp_path / "t" / "links.parquet").unlink()
        with pytest.raises(
            PlanFileError,
            match=r"expected a folder holding plans\.parquet.*'links\.parquet' is missing",
        ):
            read_parquet(tmp_path / "t")
        with pytest.raises(PlanFileError, match="found nothing there"):
            read_parquet(tmp_path / "none")

    def test_writing_never_mixes_with_other_files(self, tmp_path: Path) -> None:
        tables = _example()
        (tmp_path / "mine.csv").write_text("x")
        with pytest.raises(PlanFileError, match=r"'mine\.csv', which okrkit did not write"):
            write_parquet(tables, tmp_path)
        write_parquet(tables, tmp_path / "t")
        with pytest.raises(PlanFileError, match="overwrite=True"):
            write_parquet(tables, tmp_path / "t")
        write_parquet(to_tables(Plan("otro")), tmp_path / "t", overwrite=True)
        assert read_parquet(tmp_path / "t").plan_keys == ("otro",)
        assert sorted(os.listdir(tmp_path / "t")) == sorted(f"{n}.parquet" for n in COLUMNS)

    def test_reads_are_bounded(self, tmp_path: Path) -> None:
        tables = _example()
        write_parquet(tables, tmp_path)
        with pytest.raises(PlanFileError, match="at most 100 bytes"):
            read_parquet(tmp_path, max_bytes=100)
        with pytest.raises(PlanFileError, match="decoded"):
            read_parquet(tmp_path, max_table_bytes=1000)
        with pytest.raises(InvalidValueError, match="max_bytes"):
            read_parquet(tmp_path, max_bytes=0)

    def test_a_file_that_expands_past_the_limit_is_refused_before_it_is_all_read(
        self, tmp_path: Path
    ) -> None:
        """A column of one repeated long text compresses to almost nothing."""
        write_parquet(_example(), tmp_path)
        note = "x" * 1_000_000
        rows = 200
        big = pa.table(
            {
                name: pa.nulls(rows, field.type)
                if field.nullable
                else pa.array([0] * rows, field.type)
                if pa.types.is_integer(field.type)
                else pa.array([False] * rows)
                if pa.types.is_boolean(field.type)
                else pa.array([dt.date(2026, 1, 1)] * rows)
                if pa.types.is_date(field.type)
                else pa.array([1.0] * rows)
                if pa.types.is_floating(field.type)
                else pa.array(["kam"] * rows)
                for name, field in zip(
                    arrow_schema("checkins").names, arrow_schema("checkins"), strict=True
                )
            }
        ).set_column(arrow_schema("checkins").names.index("note"), "note", pa.array([note] * rows))
        pq.write_table(big, tmp_path / "checkins.parquet", compression="zstd", row_group_size=10)
        assert (tmp_path / "checkins.parquet").stat().st_size < 1_000_000
        with pytest.raises(PlanFileError, match="decoded"):
            read_parquet(tmp_path, max_table_bytes=50_000_000)

    def test_a_file_that_is_no_parquet_or_has_foreign_columns_is_refused(
        self, tmp_path: Path
    ) -> None:
        write_parquet(_example(), tmp_path)
        (tmp_path / "links.parquet").write_bytes(b"PAR1 not really")
        with pytest.raises(PlanFileError, match=r"links\.parquet: cannot read the file as Parquet"):
            read_parquet(tmp_path)
        pq.write_table(
            _example().links.append_column("secret", pa.nulls(4, pa.string())),
            tmp_path / "links.parquet",
        )
        with pytest.raises(PlanFileError, match="'secret' is no column of the links table"):
            read_parquet(tmp_path)
        pq.write_table(_example().links.drop_columns(["because"]), tmp_path / "links.parquet")
        with pytest.raises(PlanFileError, match="a column named because"):
            read_parquet(tmp_path)

    @pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes")
    def test_a_fifo_in_place_of_a_table_is_refused_without_waiting(self, tmp_path: Path) -> None:
        write_parquet(_example(), tmp_path)
        (tmp_path / "plans.parquet").unlink()
        os.mkfifo(tmp_path / "plans.parquet")
        with pytest.raises(PlanFileError, match="named pipe"):
            read_parquet(tmp_path)
        with pytest.raises(PlanFileError, match="regular file"):
            write_parquet(_example(), tmp_path, overwrite=True)

    def test_files_written_by_duckdb_are_read(self, tmp_path: Path) -> None:
        duckdb = pytest.importorskip("duckdb")
        tables = _example()
        con = duckdb.connect()
        for name, table in tables.items():
            con.register(f"t_{name}", table)
            con.execute(
                f"copy (select * from t_{name}) to '{tmp_path / name}.parquet' (format parquet)"
            )
        assert from_tables(read_parquet(tmp_path)) == from_tables(tables)


# --- checking at scale ---------------------------------------------------------------------


def _org() -> dict[str, Plan]:
    found = {}
    for path in sorted((ROOT / "examples").rglob("*.yaml")):
        found[path.stem] = okrkit.load(path)
    return found


class TestCheckTables:
    def test_findings_are_those_of_check_plan_by_plan(self) -> None:
        plans = _org()
        tables = to_tables(plans, tenant="acme")
        found = check_tables(tables, as_of="2026-02-15", processes=1).to_pylist()
        expected = [
            {"plan": key, "tenant": "acme", "rule": f.rule, "severity": f.severity.value,
             "where": f.where, "message": f.message, "hint": f.hint}
            for key, plan in plans.items()
            for f in okrkit.check(plan, as_of="2026-02-15")
        ]  # fmt: skip
        assert found == expected
        assert found

    def test_processes_give_what_a_serial_loop_gives(self) -> None:
        plans = _org()
        tables = to_tables({f"{k}-{n}": p for n in range(3) for k, p in plans.items()})
        serial = check_tables(tables, as_of="2026-02-15", policy="strict", lang="en", processes=1)
        parallel = check_tables(tables, as_of="2026-02-15", policy="strict", lang="en", processes=2)
        by_default = check_tables(tables, as_of="2026-02-15", policy="strict", lang="en")

        assert parallel.equals(serial)
        assert by_default.equals(serial)
        assert serial.schema == arrow_schema("findings")

    def test_check_batches_takes_one_plans_record_batches(self) -> None:
        """What an engine's grouped map hands over: record batches of one plan."""
        plans = _org()
        tables = to_tables(plans)
        key = "preventa"
        batches = {
            name: table.filter(pa.compute.equal(table.column("plan"), key)).to_batches()
            for name, table in tables.items()
        }
        found = check_batches(
            batches, as_of="2026-02-15", select=["missing-owner", "stale-checkins"]
        )
        assert found.column("plan").to_pylist() == [key] * found.num_rows
        assert found.column("rule").to_pylist() == [
            f.rule
            for f in okrkit.check(
                plans[key], as_of="2026-02-15", select=["missing-owner", "stale-checkins"]
            )
        ]

    def test_no_plans_no_findings(self) -> None:
        assert check_tables(PlanTables(), as_of=None).num_rows == 0

    def test_wrong_arguments_are_refused_before_any_work(self) -> None:
        tables = _example()
        with pytest.raises(InvalidValueError, match="processes"):
            check_tables(tables, as_of=None, processes=0)
        with pytest.raises(InvalidValueError, match="as_of"):
            check_tables(tables, as_of="yesterday")
        with pytest.raises(InvalidValueError, match="policy"):
            check_tables(tables, as_of=None, policy="lenient")

    def test_rows_of_a_plan_the_plans_table_lacks_are_refused(self) -> None:
        tables = to_tables(_org())
        stray = _with(tables, "checkins", "plan", 0, "nadie")
        with pytest.raises(InvalidValueError, match="nadie"):
            check_tables(stray, as_of=None, processes=2)


# --- the command line ----------------------------------------------------------------------


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    from okrkit._cli import main

    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


class TestCommands:
    def test_export_then_import_gives_the_plan_back(self, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
        paths = [
            str(ROOT / "examples/es/preventa.yaml"),
            str(ROOT / "examples/en/saas-growth.yaml"),
        ]
        status, out, err = run(
            capsys,
            "export",
            *paths,
            "--to",
            "parquet",
            "-o",
            str(tmp_path / "t"),
            "--tenant",
            "acme",
        )
        assert (status, out, err) == (0, "", "")
        keys = read_parquet(tmp_path / "t").plan_keys
        assert keys == tuple(p.removesuffix(".yaml") for p in paths)

        status, out, err = run(
            capsys, "import", str(tmp_path / "t"), "--plan", keys[1], "-o", str(tmp_path / "p.json")
        )
        assert status == 0, err
        assert okrkit.load(tmp_path / "p.json") == okrkit.load(paths[1])

        status, out, err = run(capsys, "import", str(tmp_path / "t"))
        assert status == 2
        assert "holds 2 plans" in err
        assert "--plan KEY" in err
        assert "Traceback" not in err

    def test_import_writes_yaml_to_standard_output(self, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
        path = ROOT / "examples/es/meta-de-ventas.yaml"
        assert run(capsys, "export", str(path), "-o", str(tmp_path))[0] == 0
        status, out, _err = run(capsys, "import", str(tmp_path))
        assert status == 0
        assert okrkit.loads(out) == okrkit.load(path)

    def test_export_writes_nothing_when_a_plan_cannot_be_read(self, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
        bad = tmp_path / "bad.yaml"
        bad.write_text("okrkit: 1\nobjectives: 3\n")
        status, _out, err = run(
            capsys,
            "export",
            str(ROOT / "examples/es/preventa.yaml"),
            str(bad),
            "-o",
            str(tmp_path / "t"),
        )
        assert status == 2
        assert "nothing written" in err
        assert not (tmp_path / "t").exists()

    def test_export_refuses_two_plans_of_one_key(self, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
        (tmp_path / "a").mkdir()
        plan = (ROOT / "examples/es/preventa.yaml").read_text(encoding="utf-8")
        (tmp_path / "a" / "p.yaml").write_text(plan, encoding="utf-8")
        (tmp_path / "a" / "p.json").write_text(
            okrkit.dumps(okrkit.loads(plan), format="json"), encoding="utf-8"
        )
        status, _out, err = run(
            capsys,
            "export",
            str(tmp_path / "a/p.yaml"),
            str(tmp_path / "a/p.json"),
            "-o",
            str(tmp_path / "t"),
        )
        assert status == 2
        assert "two plans have the key" in err

    @pytest.mark.parametrize(
        ("args", "message"),
        [
            (("import", "{tmp}/none"), "found nothing there"),
            (("import", "{tmp}/t", "--plan", "x"), "holds no plan 'x'"),
            (("import", "{tmp}/t", "-o", "{tmp}/p.txt"), "expected a .yaml"),
            (("export", "{root}/examples/es/preventa.yaml", "-o", "{tmp}/t"), "overwrite"),
            (("export", "{root}/examples/es/preventa.yaml"), "required: -o"),
            (
                ("export", "{root}/examples/es/preventa.yaml", "--to", "csv", "-o", "{tmp}/x"),
                "invalid choice",
            ),
        ],
    )
    def test_errors_are_for_people(
        self, tmp_path: Path, capsys, args: tuple[str, ...], message: str
    ) -> None:  # type: ignore[no-untyped-def]
        run(capsys, "export", str(ROOT / "examples/es/preventa.yaml"), "-o", str(tmp_path / "t"))
        filled = [a.format(tmp=tmp_path, root=ROOT) for a in args]
        status, _out, err = run(capsys, *filled)
        assert status == 2
        assert message in err
        assert "Traceback" not in err

    def test_a_missing_extra_names_what_to_install(self, tmp_path: Path) -> None:
        """Without pyarrow, export and the API say which extra to install, and
        import okrkit.tables still works."""
        code = (
            "import sys; sys.modules['pyarrow'] = None\n"
            "import okrkit.tables\n"
            "try:\n    okrkit.tables.to_tables(okrkit.Plan())\n"
            "except ImportError as exc:\n    print(type(exc).__name__, exc)\n"
            "from okrkit._cli import main\n"
            f"plan = {str(ROOT / 'examples/es/preventa.yaml')!r}\n"
            f"sys.exit(main(['export', plan, '-o', {str(tmp_path / 't')!r}]))\n"
        )
        done = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=False
        )
        assert done.returncode == 2
        assert "OptionalDependencyError" in done.stdout
        assert "pip install 'okrkit[tables]'" in done.stderr
        assert "Traceback" not in done.stderr


def test_the_cli_bounds_are_the_readers() -> None:
    """okrkit import's defaults are read_parquet's (the command line does not load it to know)."""
    from okrkit._cli import build_parser
    from okrkit._tables._parquet import MAX_PARQUET_BYTES, MAX_TABLE_BYTES

    args = build_parser().parse_args(["import", "x"])
    assert (args.max_bytes, args.max_table_bytes) == (MAX_PARQUET_BYTES, MAX_TABLE_BYTES)


class _Planted:
    """Unpickling this writes a file: proof that code ran."""

    def __init__(self, path: str) -> None:
        self.path = path

    def __reduce__(self):  # type: ignore[no-untyped-def]
        return (Path.write_text, (Path(self.path), "ran"))


def test_a_file_pyarrow_warns_would_unpickle_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """pyarrow 17 to 20 warn when a file's column has a pickled type (and read on
    with its storage type): okrkit refuses such a file rather than print pyarrow's
    warning and load it."""
    import warnings

    write_parquet(_example(), tmp_path / "t")
    opened = pq.ParquetFile

    def warning_open(source: object) -> object:
        warnings.warn(
            "pickle-based deserialization of pyarrow.PyExtensionType", RuntimeWarning, stacklevel=2
        )
        return opened(source)

    monkeypatch.setattr(pq, "ParquetFile", warning_open)
    with pytest.raises(PlanFileError, match="pickled Python object"):
        read_parquet(tmp_path / "t")


def test_a_pickled_extension_type_in_a_file_is_never_unpickled(tmp_path: Path) -> None:
    """Parquet can carry an Arrow extension type whose parameters are pickled
    (pyarrow's old ``arrow.py_extension_type``): reading okrkit's tables never
    unpickles it, and the column is refused as no column of okrkit's types."""
    import pickle

    write_parquet(_example(), tmp_path / "t")
    proof = tmp_path / "proof"
    links = _example().links
    index = links.column_names.index("because")
    field = links.schema.field(index).with_metadata(
        {
            b"ARROW:extension:name": b"arrow.py_extension_type",
            b"ARROW:extension:metadata": pickle.dumps(_Planted(str(proof))),
        }
    )
    planted = links.set_column(index, field, links.column(index))
    pq.write_table(planted, tmp_path / "t" / "links.parquet")

    try:
        again = read_parquet(tmp_path / "t")
    except PlanFileError:
        again = None
    assert not proof.exists()
    if again is not None:
        assert again.links.column("because").to_pylist() == links.column("because").to_pylist()
