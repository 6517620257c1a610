"""``score_tables``: every plan of some tables scored as of a date, as queries.

The queries (:mod:`okrkit._tables._query`) run on the engine the caller picks
(:mod:`okrkit._tables._engine`). Without a roll-up it takes three: key results,
objectives, plans. With one, each objective's level (children before parents,
cycles of parents cut where okrkit cuts them) is worked out by a few small
queries on the objectives, one per level, and then the objectives are scored a
level at a time, deepest first.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs

from okrkit._api import _with_plan_policy
from okrkit._fields import flag, optional_date
from okrkit._model import Plan
from okrkit._policy import Policy
from okrkit._tables import _query as q
from okrkit._tables._arrow import pyarrow
from okrkit._tables._engine import Engine, engine_for, input_tables
from okrkit._tables._read import policy_text
from okrkit._tables._schema import SCORES, arrow_schema
from okrkit._tables._valid import refuse_invalid
from okrkit.exceptions import InvalidValueError


__all__ = ["NEEDED", "TableScores", "score_tables"]

NEEDED: dict[str, tuple[str, ...]] = {
    "plans": (
        "plan", "tenant", "policy", "at_risk_gap", "off_track_gap", "yellow_from", "green_from",
    ),
    "objectives": (
        "plan", "tenant", "objective_index", "objective", "commitment", "parent", "weight",
    ),
    "key_results": (
        "plan", "tenant", "objective_index", "objective", "key_result_index", "key_result",
        "direction", "baseline", "target", "share", "strict", "done", "weight", "rate_unit",
        "window_start", "window_end",
    ),
    "checkins": (
        "plan", "objective_index", "key_result_index", "checkin_index", "date", "value",
        "measured_share", "confidence",
    ),
}  # fmt: skip
"""The tables scoring reads, and their columns it reads (docs/tables.md)."""

_THRESHOLDS = ("at_risk_gap", "off_track_gap", "yellow_from", "green_from")


@attrs.frozen(repr=False, eq=False)
class TableScores:
    """The scores of every plan in some tables as of a date: ``key_results``,
    ``objectives`` and ``plans`` (docs/tables.md's score tables), as the engine
    hands answers back: ``pyarrow.Table`` from DuckDB, DataFrames from Spark."""

    key_results: Any
    objectives: Any
    plans: Any
    as_of: dt.date

    def __repr__(self) -> str:
        counts = ", ".join(
            f"{name}={_count(getattr(self, name))}"
            for name in ("plans", "objectives", "key_results")
        )
        return f"<TableScores as of {self.as_of.isoformat()}: {counts}>"

    def items(self) -> list[tuple[str, Any]]:
        """``(name, table)`` of the three tables: plans, objectives, key results."""
        return [(name, getattr(self, name)) for name in ("plans", "objectives", "key_results")]


def _count(table: Any) -> str:
    rows = getattr(table, "num_rows", None)
    return str(rows) if isinstance(rows, int) else "DataFrame"


def score_tables(
    tables: object,
    *,
    as_of: dt.date | str,
    policy: Policy | str | None = None,
    rollup: bool = False,
    engine: object = None,
) -> TableScores:
    """Score every plan in *tables* as of *as_of*: the figures, statuses and grades
    :func:`okrkit.score` gives each plan, as three tables.

    Args:
        tables: :class:`PlanTables`; a folder of Parquet files as
            :func:`write_parquet` writes (the engine reads them itself); or a
            mapping of table name (``plans``, ``objectives``, ``key_results``,
            ``checkins``) to a ``pyarrow.Table``, a DuckDB relation (DuckDB) or a
            DataFrame (Spark) with docs/tables.md's columns.
        as_of: The date to score as of (or ISO date text).
        policy: Thresholds for pacing and grades, or a preset's name; each plan's
            own policy is laid on top, as :func:`okrkit.score` does.
        rollup: Weigh aligned child objectives into their parents' scores; a
            plan's score then counts only its objectives with no parent.
        engine: None for DuckDB in process; a DuckDB connection; or a
            SparkSession, to run on Spark (the answers are then DataFrames).
    """
    day = optional_date("score_tables(as_of)", as_of)
    if day is None:
        raise InvalidValueError(
            "score_tables(as_of)", as_of, "the date to score as of, like 2026-02-15"
        )
    given = None if policy is None else Policy.coerce(policy, field="score_tables(policy)")
    rollup = flag("score_tables(rollup)", rollup)
    sources = input_tables(tables, NEEDED, "score_tables(tables)")
    run = engine_for(engine, "score_tables(engine)")
    try:
        for name, source in sources.items():
            run.register(name, source)
        refuse_invalid(run, NEEDED, "score_tables")
        thresholds_table(run, given)
        return _score(run, day, rollup=rollup)
    finally:
        run.close()


def thresholds_table(run: Engine, given: Policy | None) -> None:
    """The table ``thresholds``: each plan's, as :func:`okrkit.score` works them out.

    With no policy passed, they are the plans table's own columns. With one, a
    plan's own policy (few plans differ: the distinct texts are read once) is laid
    on top of it.
    """
    plans = run.names("plans")
    listed = ", ".join(_THRESHOLDS)
    if given is None:
        run.view("thresholds", f"SELECT plan, {listed} FROM {plans}")
        return
    rows: dict[str, list[Any]] = {"policy": [], **{name: [] for name in _THRESHOLDS}}
    texts = [row[0] for row in run.rows(f"SELECT DISTINCT policy FROM {plans}")]
    for text in texts:
        own = None if text is None else policy_text("score_tables: plans.policy", text)
        chosen = _with_plan_policy(Plan(policy=own), given).thresholds
        rows["policy"].append("" if text is None else text)
        for name in _THRESHOLDS:
            rows[name].append(float(getattr(chosen, name)))
    pa = pyarrow()
    run.register("policies", pa.table(rows))
    run.keep(
        "thresholds",
        f"""SELECT p.plan, {", ".join(f"c.{name}" for name in _THRESHOLDS)}
        FROM {plans} AS p JOIN {run.names("policies")} AS c
            ON c.policy = coalesce(p.policy, '')""",
    )


def _score(run: Engine, day: dt.date, *, rollup: bool) -> TableScores:
    names = run.names
    run.keep("key_result_scores", q.key_result_scores_sql(names, day))
    run.view("members", q.key_result_members_sql(names("key_result_scores")))
    roots = None
    if rollup:
        roots = names("roots")
        _rolled_up(run)
    else:
        run.keep("objective_scores", q.objective_figures_sql(names, names("members")))
    plans = q.plan_scores_sql(names, names("objective_scores"), roots=roots, as_of=day)
    return TableScores(
        key_results=_answer(run, "key_result_scores", names("key_result_scores")),
        objectives=_answer(run, "objective_scores", names("objective_scores")),
        plans=_answer(run, "plan_scores", f"({plans})"),
        as_of=day,
    )


_ORDER = {
    "key_result_scores": "plan, objective_index, key_result_index",
    "objective_scores": "plan, objective_index",
    "plan_scores": "plan",
}


def _answer(run: Engine, name: str, source: str) -> Any:
    columns = ", ".join(column.name for column in SCORES[name])
    return run.answer(
        f"SELECT {columns} FROM {source} AS answer ORDER BY {_ORDER[name]}", arrow_schema(name)
    )


def _rolled_up(run: Engine) -> None:
    """The table ``objective_scores`` with the roll-up, a level at a time."""
    names = run.names
    run.keep("edges", q.edges_sql(names))
    run.keep("roots", q.roots_sql(names, names("edges")))
    _levels(run)
    top = run.rows(f"SELECT max(level) FROM {names('levels')}")[0][0]
    run.keep(
        "objective_scores",
        q.objective_figures_sql(names, names("members"), level=0, levels=names("levels")),
    )
    for level in range(1, (top or 0) + 1):
        children = q.child_members_sql(
            names("objective_scores"), names("edges"), level=level, levels=names("levels")
        )
        run.view(
            "level_members",
            q.union_sql([names("members"), f"({children})"], q.MEMBER_COLUMNS),
        )
        run.append(
            "objective_scores",
            q.objective_figures_sql(
                names, names("level_members"), level=level, levels=names("levels")
            ),
        )


def _levels(run: Engine) -> None:
    """The table ``levels``: each objective's height among its aligned objectives
    (0: none aligned to it). Cycles of parents are found when no objective can
    be added, and cut above their lowest position, as :func:`okrkit.score` does."""
    names = run.names
    run.keep(
        "levels", f"SELECT plan, objective_index, 0 AS level FROM {names('objectives')} WHERE false"
    )
    while True:
        if run.append("levels", q.next_levels_sql(names, names("edges"), names("levels"))):
            continue
        run.keep("cycles", q.cycle_start_sql(names("edges"), names("levels")))
        left = run.rows(f"SELECT count(*) FROM {names('cycles')}")[0][0]
        if not left:
            return
        span = 2
        while span < left:
            run.keep("cycles_next", q.cycle_low_sql(names("cycles")))
            run.keep("cycles", f"SELECT * FROM {names('cycles_next')}")
            span *= 2
        run.keep("edges_cut", q.cut_edges_sql(names("edges"), names("cycles")))
        run.keep("edges", f"SELECT * FROM {names('edges_cut')}")
