"""DataFrames: quantities as numbers, and a frame comes back as the plan it was
written from, or is refused, never read with something left out."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings

import okrkit
from okrkit import at_most, increase, objective, reduce
from okrkit import strategies as okst
from okrkit.exceptions import InvalidTypeError, InvalidValueError
from strategies import raw_plans


ROOT = Path(__file__).resolve().parent.parent
SALES = ROOT / "examples" / "es" / "meta-de-ventas.yaml"


def _kr_frame(*items: okrkit.KeyResult) -> pd.DataFrame:
    plan = okrkit.plan("p", period="2026-Q1").with_objectives(
        objective("o", id="o").measured_by(*items)
    )
    return plan.to_frame()


def _ids_shared(plan: okrkit.Plan) -> bool:
    """Whether objectives share a key, or key results with check-ins share one."""
    keys = [o.key for o in plan.objectives]
    if len(set(keys)) < len(keys):
        return True
    for item in plan.objectives:
        kr_keys = item.key_result_keys()
        checked = {k for k, kr in zip(kr_keys, item.key_results, strict=True) if kr.checkins}
        if any(kr_keys.count(key) > 1 for key in checked):
            return True
    return False


def _round_trip(plan: okrkit.Plan) -> okrkit.Plan:
    return okrkit.from_frame(
        plan.to_frame(),
        checkins=plan.to_frame(rows="checkins"),
        links=plan.to_frame(rows="links"),
    )


class TestFrameColumns:
    def test_quantities_are_numbers_with_their_units_apart(self) -> None:
        frame = _kr_frame(reduce("ciclo", from_="35 day", to="26 day", id="ciclo"))

        assert frame.loc[0, "baseline"] == 35
        assert frame.loc[0, "target"] == 26
        assert frame.loc[0, "baseline_unit"] == frame.loc[0, "target_unit"] == "day"
        for column in ("baseline", "target", "change", "share", "resolved_target"):
            assert pd.api.types.is_float_dtype(frame[column]), column

    @pytest.mark.parametrize(
        ("item", "target", "unit"),
        [
            (increase("pipeline", by="75%", from_="2000000 USD"), 3_500_000, "USD"),
            (reduce("ciclo", by="20%", from_="35 day"), 28, "day"),
            (increase("conversión", by="4 percentage_point", from_="20%"), 24, "percent"),
            (increase("ventas", by="5000 USD", from_="10000 USD"), 15_000, "USD"),
            (increase("leads", to="170 lead"), 170, "lead"),
        ],
    )
    def test_the_target_scored_against_is_a_column(
        self, item: okrkit.KeyResult, target: float, unit: str
    ) -> None:
        """A change becomes a target as scoring.md says, and the frame shows it."""
        frame = _kr_frame(item)

        assert frame.loc[0, "resolved_target"] == pytest.approx(target)
        assert frame.loc[0, "unit"] == unit

    def test_a_change_without_baseline_has_no_target(self) -> None:
        frame = _kr_frame(increase("pipeline", by="75%"))

        assert pd.isna(frame.loc[0, "resolved_target"])

    def test_what_is_not_a_plan_is_refused(self) -> None:
        with pytest.raises(InvalidTypeError, match=r"to_frame\(plan\)"):
            okrkit.to_frame({"objectives": []})


def _rich_plan() -> okrkit.Plan:
    """A plan using every field a frame must carry."""
    first = (
        objective("Crecer en el norte", owner="ana")
        .during("2026-Q1")
        .ignoring("too-few-key-results")
        .measured_by(
            increase("leads", to="100 lead")
            .with_initiatives("Contratar SDR", okrkit.Initiative("Feria", owner="bo", done=True))
            .ignoring("kr-is-task"),
            increase("leads", by="20%", from_="50 lead")
            .checked_in_every("monthly")
            .of_type(okrkit.metrics.metric_type("nps"))
            .checked_in("2026-01-10", "55 lead", note="ok", source="crm"),
            at_most("tiempo", "5 min", share="90%", strict=True).due("2026-02-28"),
        )
    )
    return (
        okrkit.plan("Rico", period="2026-Q2", lang="es", currency="EUR")
        .with_calendar(okrkit.Calendar(fiscal_year_start=4))
        .checked_in_every(okrkit.Cadence("weekly", weekday="friday"))
        .with_policy(okrkit.Policy(severities={"missing-owner": "warning"}))
        .with_objectives(
            first,
            objective("Vacío", id="vacio").aspirational().aligned_to("crecer-en-el-norte"),
            objective("Tipado", id="tipado").measured_by(
                increase("ces", to="3", id="ces").of_type(
                    okrkit.metrics.MetricType("ces-propio", "score", minimum=1, maximum=7)
                )
            ),
        )
        .linked(okrkit.link("leads", "crecer-en-el-norte", because="x"))
    )


class TestRoundTrip:
    @settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(okst.plans(min_objectives=0, min_key_results=0, max_key_results=4))
    def test_generated_plans_come_back_equal(self, plan: okrkit.Plan) -> None:
        assert _round_trip(plan) == plan

    @settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(raw_plans())
    def test_any_plan_comes_back_equal_or_is_refused(self, plan: okrkit.Plan) -> None:
        """Every calendar, cadence and initiative comes back; objectives or key results
        (with check-ins) that share an id cannot be told apart, and are refused."""
        if _ids_shared(plan):
            with pytest.raises(InvalidValueError, match="duplicate-id"):
                _round_trip(plan)
        else:
            assert _round_trip(plan) == plan

    def test_links_and_language_come_back(self) -> None:
        plan = okrkit.load(SALES)

        again = _round_trip(plan)

        assert len(again.links) == 2
        assert again.links == plan.links
        assert again.lang == "es"
        assert again == plan

    def test_every_field_comes_back(self) -> None:
        """Calendar, cadence, policy, initiatives, metric types, ignored rules, ids
        derived or given, and an objective with no key results."""
        plan = _rich_plan()

        assert _round_trip(plan) == plan

    def test_a_frame_holds_plain_data(self) -> None:
        """What a frame keeps for the plan is JSON, as a plan file's header."""
        frame = _rich_plan().to_frame()

        assert json.loads(json.dumps(frame.attrs))["okrkit"]["plan"]["calendar"] == {
            "fiscal_year_start": 4
        }
        json.loads(frame.to_json())

    def test_a_title_given_wins(self) -> None:
        plan = okrkit.load(SALES)

        again = okrkit.from_frame(
            plan.to_frame(),
            checkins=plan.to_frame(rows="checkins"),
            links=plan.to_frame(rows="links"),
            title="Otra",
        )

        assert again.title == "Otra"


class TestNothingDropped:
    def test_check_ins_left_behind_are_refused(self) -> None:
        plan = okrkit.load(SALES)

        with pytest.raises(InvalidValueError, match=r"to_frame\(rows='checkins'\).*2 check-ins"):
            okrkit.from_frame(plan.to_frame())

    def test_links_left_behind_are_refused(self) -> None:
        plan = okrkit.load(SALES)

        with pytest.raises(InvalidValueError, match=r"to_frame\(rows='links'\).*2 links"):
            okrkit.from_frame(plan.to_frame(), checkins=plan.to_frame(rows="checkins"))

    def test_an_empty_frame_leaves_them_out_on_purpose(self) -> None:
        plan = okrkit.load(SALES)

        again = okrkit.from_frame(plan.to_frame(), checkins=pd.DataFrame(), links=pd.DataFrame())

        assert again.links == ()
        assert not any(item.checkins for _o, item in again.iter_key_results())

    def test_an_unknown_column_is_refused(self) -> None:
        frame = _rich_plan().to_frame().rename(columns={"owner": "ownr"})

        with pytest.raises(InvalidValueError, match="did you mean 'owner'"):
            okrkit.from_frame(frame, checkins=pd.DataFrame(), links=pd.DataFrame())

    @pytest.mark.parametrize(
        ("column", "value", "error"),
        [
            ("resolved_target", 101.0, "resolved_target"),
            ("unit", "kg", "unit"),
            ("done", "maybe", "done"),  # text is read as a plan file's: "False" is false
            ("target", "lots", "target"),  # and "100" is 100
            ("deadline", pd.Timestamp("2026-02-01 13:00"), "deadline.*without a time"),
        ],
    )
    def test_a_cell_read_wrongly_is_refused(self, column: str, value: object, error: str) -> None:
        """A derived column edited, or a cell of the wrong type, names its row and column."""
        plan = okrkit.plan("p", period="2026-Q1").with_objectives(
            objective("o", id="o").measured_by(increase("leads", to="100 lead", id="leads"))
        )
        frame = plan.to_frame()
        frame[column] = [value]

        with pytest.raises((InvalidValueError, InvalidTypeError), match=f"row 0.*{error}"):
            okrkit.from_frame(frame)

    def test_a_check_in_of_no_key_result_is_refused(self) -> None:
        plan = okrkit.load(SALES)
        checkins = plan.to_frame(rows="checkins").assign(key_result="otra")

        with pytest.raises(InvalidValueError, match="meta-q1/otra"):
            okrkit.from_frame(plan.to_frame(), checkins=checkins, links=pd.DataFrame())

    def test_an_objective_said_two_ways_is_refused(self) -> None:
        plan = okrkit.load(SALES)
        frame = plan.to_frame()
        frame.loc[1, "owner"] = "marketing"

        with pytest.raises(InvalidValueError, match="row 1, owner"):
            okrkit.from_frame(frame, checkins=pd.DataFrame(), links=pd.DataFrame())

    def test_objectives_sharing_an_id_are_refused(self) -> None:
        """Two objectives with one id would come back as one: refused instead."""
        twin = objective("Otra", id="meta-q1", owner="x").measured_by(increase("a", to="1 lead"))
        plan = okrkit.load(SALES).with_objectives(twin)

        with pytest.raises(InvalidValueError, match="duplicate-id"):
            _round_trip(plan)

    def test_check_ins_of_key_results_sharing_an_id_are_refused(self) -> None:
        twins = objective("o", id="o").measured_by(
            increase("a", to="10 lead", id="k").checked_in("2026-01-05", "1 lead"),
            increase("b", to="20 lead", id="k"),
        )
        plan = okrkit.plan("p", period="2026-Q1").with_objectives(twins)

        with pytest.raises(InvalidValueError, match=r"row 0, key_result.*duplicate-id"):
            _round_trip(plan)


# --- frames read back from CSV: every cell text ---------------------------------------------


def from_csv(frame: pd.DataFrame, **options: object) -> pd.DataFrame:
    """*frame* written as CSV and read back (pandas keeps no attrs in CSV: put back)."""
    back = pd.read_csv(io.StringIO(frame.to_csv(index=False)), **options)  # type: ignore[call-overload]
    back.attrs = frame.attrs
    return back


def sales_frames(**options: object) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    plan = okrkit.load(SALES)
    return (
        from_csv(plan.to_frame(), **options),
        from_csv(plan.to_frame(rows="checkins"), **options),
        from_csv(plan.to_frame(rows="links"), **options),
    )


@pytest.mark.parametrize(
    "options", [{}, {"dtype": str}, {"dtype": str, "keep_default_na": False}], ids=str
)
def test_frames_read_back_from_csv_give_the_plan(options: dict[str, object]) -> None:
    """Dates as ISO text, numbers and flags as text, blank cells as empty text: each
    read as a plan file reads the same text."""
    frame, checkins, links = sales_frames(**options)

    assert okrkit.from_frame(frame, checkins=checkins, links=links) == okrkit.load(SALES)


def test_a_number_written_as_text_is_a_number() -> None:
    frame, checkins, links = sales_frames(dtype=str)
    frame.loc[0, "weight"] = " 35 "

    plan = okrkit.from_frame(frame, checkins=checkins, links=links)

    assert plan.objectives[0].key_results[0].weight == 35


@pytest.mark.parametrize(
    ("rows", "column", "text", "expected"),
    [
        ("checkins", "date", "2026-02-30", "a date that exists"),
        ("checkins", "date", "01/02/2026", "a date like 2026-03-31"),
        ("checkins", "value", "lots", "a number"),
        ("checkins", "value", "0x10", "write the number in decimal: 16"),
        ("frame", "weight", "heavy", "a number"),
        ("frame", "deadline", "soon", "a date like 2026-03-31"),
        ("frame", "done", "yes", "true or false"),
    ],
)
def test_a_cell_that_is_not_what_its_column_holds_is_named_by_row_and_column(
    rows: str, column: str, text: str, expected: str
) -> None:
    frames = dict(zip(("frame", "checkins", "links"), sales_frames(dtype=str), strict=True))
    frames[rows].loc[1, column] = text

    with pytest.raises(InvalidValueError) as caught:
        okrkit.from_frame(frames["frame"], checkins=frames["checkins"], links=frames["links"])

    assert str(caught.value).startswith(f"from_frame({rows}) row 1, {column}: expected ")
    assert expected in str(caught.value)


def test_without_the_plan_header_the_message_says_what_is_missing() -> None:
    """CSV keeps no attrs: the objective's period cannot be told from the plan's."""
    frame, checkins, links = sales_frames()
    frame.attrs = {}

    with pytest.raises(InvalidValueError, match=r"row 0, own_period: .*a CSV file does not keep"):
        okrkit.from_frame(frame, checkins=checkins, links=links)


def test_a_refused_header_setting_quotes_that_setting_not_the_header() -> None:
    plan = okrkit.loads(
        "okrkit: 1\nperiod: 2026-Q1\nobjectives:\n  - id: o\n    title: G\n    key_results:\n"
        "      - Increase leads from 10 lead to 20 lead\n"
    )
    frame = plan.to_frame()
    header = frame.attrs["okrkit"]["plan"]
    header["policy"] = {"plugins": ["team.rules"]}
    with pytest.raises(okrkit.InvalidValueError) as info:
        okrkit.from_frame(frame)
    assert info.value.value == ["team.rules"]
    assert str(info.value).endswith("got ['team.rules']")
