"""The tables of a plan: their columns, as a contract (docs/tables.md).

Every table has one row per item and starts with ``plan`` (the plan's key) and
``tenant``. Items carry their position (``objective_index``, ...) and their key
(``objective``, ``key_result``, as okrkit names them). Key results carry the
fields as written (``written_*`` where a scoring column has the plain name) and
the columns scoring works from: one unit, floats in it, the direction, the window.

The columns are plain data here, so ``import okrkit.tables`` loads no pyarrow;
:func:`arrow_schema` builds the Arrow schema when a function needs it.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any, NamedTuple

from okrkit._model import CONFIDENCE_RANGE, WEIGHT_MINIMUM, Commitment, Direction
from okrkit._policy import GAP_RANGE, SCORE_RANGE


__all__ = [
    "COLUMNS",
    "FINDINGS",
    "ORDERED",
    "SCORES",
    "TABLES",
    "Column",
    "arrow_schema",
    "column",
    "columns",
]


class Column(NamedTuple):
    """One column: its name, Arrow type, whether it may be null, what it holds, and
    the values it may hold beyond its type, as the model bounds the field (a
    ``float64`` is always finite)."""

    name: str
    type: str
    """``string``, ``float64``, ``int32``, ``date32``, ``bool`` or ``list<string>``."""
    nullable: bool
    about: str
    low: float | None = None
    """The least value (None: no bound but the type's)."""
    high: float | None = None
    """The greatest value (None: no bound but the type's)."""
    choices: tuple[str, ...] = ()
    """The texts it may hold (empty: any text)."""


def _c(
    name: str,
    kind: str,
    about: str,
    *,
    null: bool = True,
    within: tuple[float | None, float | None] = (None, None),
    choices: tuple[str, ...] = (),
) -> Column:
    return Column(name, kind, null, about, within[0], within[1], choices)


def _texts(choice: type[StrEnum]) -> tuple[str, ...]:
    return tuple(member.value for member in choice)


_POSITION = (0, None)
_WEIGHT = (WEIGHT_MINIMUM, None)


_KEYS = (
    _c("plan", "string", "the plan's key", null=False),
    _c("tenant", "string", "who the plan belongs to (null: no tenant)"),
)
_OBJECTIVE_KEYS = (
    _c("objective_index", "int32", "the objective's position in its plan, from 0", null=False,
       within=_POSITION),
    _c("objective", "string", "the objective's key: its id, or one made from its title",
       null=False),
)  # fmt: skip
_KEY_RESULT_KEYS = (
    *_OBJECTIVE_KEYS,
    _c("key_result_index", "int32", "the key result's position in its objective, from 0",
       null=False, within=_POSITION),
    _c("key_result", "string", "the key result's key, as findings name it", null=False),
)  # fmt: skip
_CADENCE = (
    _c("cadence", "string", "weekly | biweekly | monthly (null: none)"),
    _c("cadence_weekday", "string", "monday … sunday, the cadence's weekday"),
    _c("cadence_day", "int32", "1 … 31, a monthly cadence's day of the month"),
)

PLANS = (
    *_KEYS,
    _c("title", "string", "the plan's title"),
    _c("period_label", "string", "the plan's period as named (2026-Q1)"),
    _c("period_start", "date32", "the plan's period: first day"),
    _c("period_end", "date32", "the plan's period: last day"),
    _c("currency", "string", "what $ means in statements (ISO 4217)", null=False),
    _c("lang", "string", "en | es"),
    _c("calendar", "string", "the calendar as a plan file's calendar: mapping, in JSON "
       "(null: Gregorian)"),
    *_CADENCE,
    _c("policy", "string", "the plan's policy: mapping, in JSON (null: none)"),
    _c("at_risk_gap", "float64", "scoring: the pacing gap below which a key result is at risk",
       null=False, within=GAP_RANGE),
    _c("off_track_gap", "float64", "scoring: the pacing gap below which it is off track",
       null=False, within=GAP_RANGE),
    _c("yellow_from", "float64", "scoring: the lowest yellow score", null=False,
       within=SCORE_RANGE),
    _c("green_from", "float64", "scoring: the lowest green score", null=False,
       within=SCORE_RANGE),
)  # fmt: skip
"""One row per plan. The thresholds are those ``okrkit.score(plan)`` uses with no
policy passed: the defaults with the plan's own policy laid on top."""

OBJECTIVES = (
    *_KEYS,
    *_OBJECTIVE_KEYS,
    _c("id", "string", "the objective's id as written (null: none)"),
    _c("title", "string", "the objective's title", null=False),
    _c("owner", "string", "who owns it"),
    _c("period_label", "string", "its own period as named (null: the plan's)"),
    _c("period_start", "date32", "its own period: first day (null: the plan's)"),
    _c("period_end", "date32", "its own period: last day (null: the plan's)"),
    _c("commitment", "string", "committed | aspirational", null=False, choices=_texts(Commitment)),
    _c("parent", "string", "the id of the objective it is aligned to"),
    _c("weight", "float64", "its weight in the plan's score", null=False, within=_WEIGHT),
    _c("ignore", "list<string>", "rule ids silenced for it", null=False),
)
"""One row per objective."""

KEY_RESULTS = (
    *_KEYS,
    *_KEY_RESULT_KEYS,
    _c("id", "string", "the key result's id as written (null: none)"),
    _c("statement", "string", "the statement as written"),
    _c("metric", "string", "what it measures, as written"),
    _c("metric_type", "string", "the name of its metric type"),
    _c("metric_type_definition", "string", "the metric type as a plan file's type: mapping, "
       "in JSON (null: the registered type of that name)"),
    _c("written_direction", "string", "the direction as written (null: none written)"),
    _c("nature", "string", "outcome | activity"),
    _c("written_baseline", "float64", "the baseline as written: its number"),
    _c("written_baseline_unit", "string", "the baseline as written: its unit"),
    _c("written_target", "float64", "the target as written: its number"),
    _c("written_target_unit", "string", "the target as written: its unit"),
    _c("change", "float64", "the change as written: its number"),
    _c("change_unit", "string", "the change as written: its unit (percent: relative; "
       "percentage_point: points)"),
    _c("written_share", "float64", "the population share as written: its number"),
    _c("written_share_unit", "string", "the population share as written: its unit"),
    _c("per", "string", "the period a rate counts over, as written: day | week | month | "
       "quarter | year"),
    _c("deadline", "date32", "its deadline"),
    _c("weight", "float64", "its weight in its objective's score", null=False,
       within=_WEIGHT),
    _c("owner", "string", "who owns it"),
    _c("done", "bool", "a milestone reached", null=False),
    _c("strict", "bool", "a bound that must be passed, not only met", null=False),
    *_CADENCE,
    _c("ignore", "list<string>", "rule ids silenced for it", null=False),
    # -- what scoring works from (okrkit._resolve) --
    _c("unit", "string", "scoring: the key result's unit, that baseline, target and "
       "check-in values are in"),
    _c("rate_unit", "string", "scoring: the unit people read values in (call/week for "
       "20 calls per week)"),
    _c("direction", "string", "scoring: increase | decrease | at_least | at_most | achieve "
       "(written, else worked out from baseline and target; null: none)",
       choices=_texts(Direction)),
    _c("baseline", "float64", "scoring: the baseline in unit"),
    _c("target", "float64", "scoring: the target in unit, a change already applied"),
    _c("share", "float64", "scoring: the population share asked, in percent"),
    _c("window_start", "date32", "scoring: the first day it is measured over (its "
       "objective's period start)"),
    _c("window_end", "date32", "scoring: the last day it is measured over (the deadline, or "
       "the period's end)"),
    # -- what the statement reader found (okrkit.read_statement) --
    _c("reading_lang", "string", "reading: the statement's language"),
    _c("reading_kind", "string", "reading: metric | milestone | vague"),
    _c("reading_nature", "string", "reading: outcome | activity"),
    _c("reading_direction", "string", "reading: the direction the statement says"),
    _c("reading_metric", "string", "reading: the metric the statement names"),
    _c("reading_baseline", "float64", "reading: the baseline's number"),
    _c("reading_baseline_unit", "string", "reading: the baseline's unit"),
    _c("reading_target", "float64", "reading: the target's number"),
    _c("reading_target_unit", "string", "reading: the target's unit"),
    _c("reading_change", "float64", "reading: the change's number"),
    _c("reading_change_unit", "string", "reading: the change's unit"),
    _c("reading_per", "string", "reading: the period of a rate"),
    _c("reading_share", "float64", "reading: the population share's number"),
    _c("reading_share_unit", "string", "reading: the population share's unit"),
    _c("reading_ambiguous_percent", "bool", "reading: a % that may be relative or points"),
    _c("reading_attainment", "bool", "reading: its percentages are of a plan or quota"),
    _c("reading_baseline_ref", "string", "reading: a baseline named in words"),
    _c("reading_issues", "list<string>", "reading: rule ids found in the statement alone"),
)  # fmt: skip
"""One row per key result. ``reading_*`` are null for a key result without a statement."""

CHECKINS = (
    *_KEYS,
    *_KEY_RESULT_KEYS,
    _c("checkin_index", "int32", "the check-in's position in its key result, as written, "
       "from 0", null=False, within=_POSITION),
    _c("date", "date32", "the day it was measured", null=False),
    _c("written_value", "float64", "the value as written: its number", null=False),
    _c("written_unit", "string", "the value as written: its unit"),
    _c("value", "float64", "scoring: the value in the key result's unit (a measured share: "
       "in percent); null when its unit does not convert"),
    _c("measured_share", "bool", "scoring: the value is the share of the population "
       "measured, in percent", null=False),
    _c("confidence", "float64", "how sure the owner is of reaching the target, 0 … 1",
       within=CONFIDENCE_RANGE),
    _c("note", "string", "a note"),
    _c("source", "string", "where the value came from"),
)  # fmt: skip
"""One row per check-in."""

LINKS = (
    *_KEYS,
    _c(
        "link_index",
        "int32",
        "the link's position in its plan, from 0",
        null=False,
        within=_POSITION,
    ),
    _c("link_from", "string", "the id (or objective-id/kr-id) that drives", null=False),
    _c("link_to", "string", "the id (or objective-id/kr-id) it moves", null=False),
    _c("because", "string", "why"),
)
"""One row per causality link."""

INITIATIVES = (
    *_KEYS,
    *_KEY_RESULT_KEYS,
    _c("initiative_index", "int32", "the initiative's position in its key result, from 0",
       null=False, within=_POSITION),
    _c("title", "string", "the work planned", null=False),
    _c("owner", "string", "who does it"),
    _c("done", "bool", "finished", null=False),
)  # fmt: skip
"""One row per initiative."""

FINDINGS = (
    *_KEYS,
    _c("rule", "string", "the rule's id", null=False),
    _c("severity", "string", "error | warning | info", null=False),
    _c("where", "string", "objective-id, objective-id/kr-id, links[3], or \"\" for the plan",
       null=False),
    _c("message", "string", "what the rule found", null=False),
    _c("hint", "string", "how to fix it", null=False),
)  # fmt: skip
"""One row per finding of :func:`okrkit.tables.check_tables`, in plan order."""

KEY_RESULT_SCORES = (
    *_KEYS,
    *_KEY_RESULT_KEYS,
    _c("progress", "float64", "how far it has come: 1 at the target; may pass 1 or fall "
       "below 0 (never past ±10¹²)", null=False),
    _c("score", "float64", "progress clamped to 0 … 1", null=False),
    _c("expected", "float64", "the share of its window gone by (null: no period)"),
    _c("status", "string", "on_track | at_risk | off_track | not_started | achieved | missed",
       null=False),
    _c("grade", "string", "red | yellow | green: the grade of its score", null=False),
    _c("value", "float64", "the latest value it was scored on, in unit (null: none, a "
       "milestone or a measured share)"),
    _c("unit", "string", "the unit of value, as people read it (call/week)"),
    _c("confidence", "float64", "the latest confidence stated (null: none)"),
    _c("window_start", "date32", "the first day it is measured over (null: no period)"),
    _c("window_end", "date32", "the last day it is measured over (null: no period)"),
)  # fmt: skip
"""One row per key result of :func:`okrkit.tables.score_tables`."""

OBJECTIVE_SCORES = (
    *_KEYS,
    *_OBJECTIVE_KEYS,
    _c("score", "float64", "the weighted mean of its key results' scores (rolled up: and "
       "of its aligned objectives')", null=False),
    _c("grade", "string", "red | yellow | green", null=False),
    _c("status", "string", "the status its key results share, else the worst", null=False),
    _c("expected", "float64", "the weighted mean of its key results' expected progress"),
    _c("commitment", "string", "committed | aspirational", null=False),
)  # fmt: skip
"""One row per objective of :func:`okrkit.tables.score_tables`."""

PLAN_SCORES = (
    *_KEYS,
    _c("as_of", "date32", "the day it was scored as of", null=False),
    _c("score", "float64", "the weighted mean of its objectives' scores (rolled up: of "
       "those with no parent in the plan)", null=False),
    _c("grade", "string", "red | yellow | green", null=False),
)  # fmt: skip
"""One row per plan of :func:`okrkit.tables.score_tables`."""

SCORES: dict[str, tuple[Column, ...]] = {
    "key_result_scores": KEY_RESULT_SCORES,
    "objective_scores": OBJECTIVE_SCORES,
    "plan_scores": PLAN_SCORES,
}
"""The tables :func:`okrkit.tables.score_tables` answers with."""

TABLES: dict[str, tuple[Column, ...]] = {
    "plans": PLANS,
    "objectives": OBJECTIVES,
    "key_results": KEY_RESULTS,
    "checkins": CHECKINS,
    "links": LINKS,
    "initiatives": INITIATIVES,
}
"""Every table, by name, in the order they are written."""


COLUMNS: dict[str, tuple[str, ...]] = {
    name: tuple(column.name for column in found) for name, found in TABLES.items()
}
"""The column names of each table, in order."""


def columns(table: str) -> tuple[str, ...]:
    """The column names of *table*, in order."""
    return COLUMNS[table]


def column(table: str, name: str) -> Column:
    """The column *name* of *table*."""
    return next(found for found in TABLES[table] if found.name == name)


ORDERED: dict[str, tuple[tuple[str, str, str], ...]] = {
    "plans": (
        ("off_track_gap", "at_risk_gap", "a gap ≤ at_risk_gap"),
        ("yellow_from", "green_from", "a score ≤ green_from"),
    ),
    "key_results": (("window_start", "window_end", "a first day ≤ window_end, both or neither"),),
}
"""Pairs of columns of a row whose first is at most its second (and dates: both
null or neither), as the model orders the fields: what each first one may be."""


_ALL = {**TABLES, "findings": FINDINGS, **SCORES}


def _arrow_type(pa: Any, kind: str) -> Any:
    if kind == "list<string>":
        return pa.list_(pa.string())
    return getattr(pa, "bool_" if kind == "bool" else kind)()


def arrow_schema(table: str) -> Any:
    """The ``pyarrow.Schema`` of *table* (or of ``findings`` or a score table); pyarrow
    loads here."""
    from okrkit._tables._arrow import pyarrow  # noqa: PLC0415 - an optional extra

    pa = pyarrow()
    return pa.schema(
        [
            pa.field(column.name, _arrow_type(pa, column.type), nullable=column.nullable)
            for column in _ALL[table]
        ]
    )
