"""Plans that reach every branch of scoring, and a check that table scores equal
okrkit.score's: shared by the DuckDB and the Spark tests of okrkit.tables.

The plans are okrkit.strategies.plans, then varied where scoring branches:
decreases without a baseline, strict bounds, population shares measured in
percent, milestones done or not, deadlines, check-ins on one day in several
units (and in units that do not convert), weights of 0 and near the float
limits, targets and directions left out, objectives without key results,
parents missing, pointing at themselves or in cycles, plans without a period,
and policies of their own.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

import attrs
from hypothesis import strategies as st

import okrkit
from okrkit import Amount, CheckIn, Direction, KeyResult, Objective, Plan, increase
from okrkit import strategies as okst
from okrkit.exceptions import InvalidValueError
from okrkit.tables import PlanTables, to_tables


WEIGHTS = st.sampled_from([0.0, 0.5, 1.0, 2.0, 3.0, 1e-300, 5e-324, 1e300, 1.7e308])
CONFIDENCES = st.none() | st.sampled_from([0.0, 0.3, 0.4, 0.5, 0.69, 0.7, 1.0])
OTHER_UNITS = st.sampled_from([None, "week", "hour", "percent", "EUR", "lead", "kg"])


def _day(draw: st.DrawFn, start: dt.date, end: dt.date) -> dt.date:
    return draw(st.dates(min_value=start - dt.timedelta(days=20), max_value=end))


@st.composite
def _weights(draw: st.DrawFn, count: int) -> list[float | None]:
    """Weights for *count* items: as drawn (None), one weight for all (0 among them),
    or each its own."""
    how = draw(st.sampled_from(["kept", "same", "each"]))
    if how == "kept":
        return [None] * count
    if how == "same":
        return [draw(WEIGHTS)] * count
    return [draw(st.none() | WEIGHTS) for _ in range(count)]


def _weighted(item: Any, weight: float | None) -> Any:
    return item if weight is None else attrs.evolve(item, weight=weight)


@st.composite
def _varied_key_result(
    draw: st.DrawFn, kr: KeyResult, window: tuple[dt.date, dt.date]
) -> KeyResult:
    start, end = window
    changes: dict[str, Any] = {}
    direction = kr.direction
    if direction is Direction.DECREASE and draw(st.booleans()):
        changes["baseline"] = None
    if direction in (Direction.AT_LEAST, Direction.AT_MOST) and draw(st.booleans()):
        changes["strict"] = True
    if direction is Direction.ACHIEVE:
        changes["done"] = draw(st.booleans())
    if draw(st.integers(0, 4)) == 0:
        changes["deadline"] = _day(draw, start, end + dt.timedelta(days=20))
    unit = kr.target.unit if kr.target is not None else None
    checkins = list(kr.checkins)
    if kr.target is not None and unit != "percent" and draw(st.integers(0, 3)) == 0:
        changes["share"] = Amount(draw(st.sampled_from([0.0, 50.0, 90.0, 100.0])), "percent")
        checkins += [
            CheckIn(_day(draw, start, end), Amount(draw(st.integers(0, 100)), "percent"),
                    confidence=draw(CONFIDENCES))
            for _ in range(draw(st.integers(0, 3)))
        ]  # fmt: skip
    if checkins and draw(st.booleans()):  # more check-ins on a day already checked in
        for _ in range(draw(st.integers(1, 3))):
            day = draw(st.sampled_from(checkins)).date
            value = float(draw(st.integers(-50, 3000)))
            other = draw(OTHER_UNITS) if draw(st.booleans()) else unit
            checkins.append(CheckIn(day, Amount(value, other), confidence=draw(CONFIDENCES)))
    if checkins and draw(st.booleans()):
        checkins = draw(st.permutations(checkins))
    changes["checkins"] = tuple(checkins)
    if kr.target is not None:
        what = draw(st.integers(0, 12))
        if what == 0:
            changes["target"] = None
        elif what == 1:
            changes["direction"] = None
        elif what == 2 and kr.baseline is not None:  # a relative change instead of a target
            changes["target"] = None
            changes["change"] = Amount(draw(st.sampled_from([-30.0, 25.0, 75.0])), "percent")
        elif what == 3:  # spans past the largest float
            changes["baseline"] = Amount(-1.5e308, unit)
            changes["target"] = Amount(1.5e308, unit)
        elif what == 4 and kr.baseline is not None:  # nothing to cover
            changes["target"] = kr.baseline
    return attrs.evolve(kr, **changes)


@st.composite
def varied_plans(draw: st.DrawFn) -> Plan:
    """One plan of okrkit.strategies.plans, varied where scoring branches."""
    plan = draw(okst.plans(max_objectives=4, max_key_results=4, max_checkins=5, links=False))
    assert plan.period is not None
    window = (plan.period.start, plan.period.end)
    made: list[Objective] = []
    ids = [objective.key for objective in plan.objectives]
    weights = draw(_weights(len(plan.objectives)))
    for objective, weight in zip(plan.objectives, weights, strict=True):
        items = tuple(draw(_varied_key_result(kr, window)) for kr in objective.key_results)
        items = tuple(map(_weighted, items, draw(_weights(len(items)))))
        if draw(st.integers(0, 6)) == 0:
            items = ()
        changes: dict[str, Any] = {"key_results": items}
        if weight is not None:
            changes["weight"] = weight
        if draw(st.integers(0, 3)) == 0:  # any parent: itself, a later one, none in the plan
            changes["parent"] = draw(st.none() | st.sampled_from([*ids, "nowhere"]))
        if draw(st.integers(0, 5)) == 0:
            changes["period"] = draw(okst.periods(kinds=("month", "quarter")))
        made.append(attrs.evolve(objective, **changes))
    if made and draw(st.integers(0, 6)) == 0:  # a key shared by two objectives
        made.append(attrs.evolve(made[0], title="Again"))
    changes = {"objectives": tuple(made)}
    if draw(st.integers(0, 5)) == 0:
        changes["period"] = None
    if draw(st.integers(0, 3)) == 0:
        changes["policy"] = okrkit.Policy(thresholds=draw(_thresholds()))
    return attrs.evolve(plan, **changes)


@st.composite
def _thresholds(draw: st.DrawFn) -> okrkit.Thresholds:
    at_risk = draw(st.sampled_from([-0.05, -0.1, -0.2]))
    yellow = draw(st.sampled_from([0.3, 0.4, 0.5]))
    return okrkit.Thresholds(
        at_risk_gap=at_risk,
        off_track_gap=at_risk - draw(st.sampled_from([0.0, 0.1, 0.2])),
        yellow_from=yellow,
        green_from=yellow + draw(st.sampled_from([0.0, 0.2, 0.3])),
    )


def as_of_dates(plans: dict[str, Plan]) -> st.SearchStrategy[dt.date]:
    """Days across the plans' periods and well outside them."""
    periods = [plan.period for plan in plans.values() if plan.period is not None]
    if not periods:
        return st.dates(min_value=dt.date(1999, 1, 1), max_value=dt.date(2061, 12, 31))
    start = min(period.start for period in periods) - dt.timedelta(days=60)
    end = max(period.end for period in periods) + dt.timedelta(days=60)
    return st.dates(min_value=start, max_value=end)


policies = st.none() | st.just("strict") | _thresholds().map(lambda t: okrkit.Policy(thresholds=t))
"""What a caller passes as policy=: none, a preset, or thresholds of its own."""

plan_sets = st.lists(varied_plans(), min_size=1, max_size=3).map(
    lambda plans: {f"plan-{index}": plan for index, plan in enumerate(plans)}
)
"""Several plans, as to_tables takes them."""


def close(found: float | None, expected: float | None) -> bool:
    if found is None or expected is None:
        return found is expected
    return math.isclose(found, expected, rel_tol=1e-9, abs_tol=1e-9)


def scored_or_refused_alike(
    call: Any, plans: dict[str, Plan], as_of: dt.date, *, policy: Any = None
) -> Any:
    """*call*'s answer (score_tables), or None when it refuses what okrkit.score
    refuses too, with the same message: a plan's own policy laid on the one passed
    can put the thresholds out of order. Anything else it refuses fails the test."""
    try:
        return call()
    except InvalidValueError as error:
        refused = str(error)
    expected = None
    for plan in plans.values():
        try:
            okrkit.score(plan, as_of=as_of, policy=policy)
        except InvalidValueError as error:
            expected = str(error)
            break
    assert refused == expected
    return None


def assert_scores_equal(
    scores: Any, plans: dict[str, Plan], as_of: dt.date, *, rollup: bool, policy: Any = None
) -> None:
    """Every figure, status and grade of the score tables (Arrow) is okrkit.score's."""
    plan_rows = {row["plan"]: row for row in scores.plans.to_pylist()}
    objective_rows = {
        (row["plan"], row["objective_index"]): row for row in scores.objectives.to_pylist()
    }
    kr_rows = {
        (row["plan"], row["objective_index"], row["key_result_index"]): row
        for row in scores.key_results.to_pylist()
    }
    assert set(plan_rows) == set(plans)
    assert len(objective_rows) == sum(len(p.objectives) for p in plans.values())
    assert len(kr_rows) == sum(len(o.key_results) for p in plans.values() for o in p.objectives)
    for key, plan in plans.items():
        card = okrkit.score(plan, as_of=as_of, rollup=rollup, policy=policy)
        thresholds = okrkit._api._with_plan_policy(
            plan, None if policy is None else okrkit.Policy.coerce(policy)
        ).thresholds
        row = plan_rows[key]
        assert close(row["score"], card.score), (key, row, card.score)
        assert row["grade"] == card.grade.value, (key, row, card)
        assert row["as_of"] == as_of
        for index, objective in enumerate(card.objectives):
            found = objective_rows[(key, index)]
            where = (key, index, found, objective)
            assert found["objective"] == objective.id, where
            assert close(found["score"], objective.score), where
            assert found["grade"] == objective.grade.value, where
            assert found["status"] == objective.status.value, where
            assert close(found["expected"], objective.expected), where
            assert found["commitment"] == objective.commitment.value, where
            for number, kr in enumerate(objective.key_results):
                got = kr_rows[(key, index, number)]
                at = (key, index, number, got, kr)
                assert got["key_result"] == kr.id, at
                assert close(got["progress"], kr.progress), at
                assert close(got["score"], kr.score), at
                assert close(got["expected"], kr.expected), at
                assert got["status"] == kr.status.value, at
                grade = okrkit._score.grade_of(kr.score, thresholds)
                assert got["grade"] == grade.value, at
                assert close(got["value"], None if kr.value is None else kr.value.value), at
                if kr.value is not None:
                    assert got["unit"] == kr.value.unit, at
                assert close(got["confidence"], kr.confidence), at
                window = (got["window_start"], got["window_end"])
                assert window == (kr.window or (None, None)), at


# --- tables with one cell the model refuses (score_tables' checks) ------------------------

READ = ("plans", "objectives", "key_results", "checkins")


def sample_tables() -> PlanTables:
    """Two plans: the second ("q") has two key results, the second of three check-ins."""
    first = increase("leads", to="100 lead").with_id("a").checked_in("2026-02-01", "20 lead")
    history = [("2026-01-10", "1 deal"), ("2026-01-20", "2 deal"), ("2026-02-01", "4 deal")]
    second = increase("deals", to="10 deal").with_id("b")
    for day, amount in history:
        second = second.checked_in(day, amount, confidence=0.6)
    plans = {
        "p": okrkit.plan("p", period="2026-Q1").with_objectives(_objective(first)),
        "q": okrkit.plan("q", period="2026-Q1").with_objectives(_objective(first, second)),
    }
    return to_tables(plans, tenant="acme")


def with_cell(table: Any, column: str, row: int, value: object) -> Any:
    """*table* (a ``pyarrow.Table``) with *value* in *column* at *row*."""
    import pyarrow as pa

    at = table.schema.get_field_index(column)
    cells = table.column(column).to_pylist()
    cells[row] = value
    return table.set_column(
        at, table.schema.field(at), pa.array(cells, table.schema.field(at).type)
    )


def last_row(table: Any) -> int:
    return table.num_rows - 1


PLACES: dict[object, str] = {
    "checkins": "checkins row (plan 'q', objective_index 0, key_result_index 1, checkin_index 2)",
    "key_results": "key_results row (plan 'q', objective_index 0, objective 'o', "
    "key_result_index 1, key_result 'b')",
    "objectives": "objectives row (plan 'q', objective_index 0, objective 'o')",
    "plans": "plans row (plan 'q')",
    ("checkins", "checkin_index"): "checkins row (plan 'q', objective_index 0, "
    "key_result_index 1, checkin_index -1)",
}
"""Where each table's last row is: the bad value goes there, and the message names it
(by the bad value itself, for a position)."""


def place(table: str, column: str) -> str:
    return PLACES.get((table, column), PLACES[table])


def bad_tables(table: str, column: str, value: object) -> PlanTables:
    tables = sample_tables()
    changed = with_cell(tables.table(table), column, last_row(tables.table(table)), value)
    return attrs.evolve(tables, **{table: changed})


def _objective(*items: KeyResult) -> Objective:
    return okrkit.objective("Cumplir o", id="o").owned_by("v").measured_by(*items)
