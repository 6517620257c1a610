"""Plans to tables: one row per plan, objective, key result, check-in, link and initiative.

The fields as written are kept so :func:`okrkit.tables.from_tables` rebuilds the
very plans; beside them, each key result carries what scoring works from, as
:func:`okrkit._resolve.resolve` works it out (``okrkit.score`` uses the same),
and what the statement reader found in its statement.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping
from typing import Any

from okrkit._amount import Amount
from okrkit._api import _with_plan_policy
from okrkit._cadence import Cadence
from okrkit._collector import collector_paused
from okrkit._files._calendar import calendar_data
from okrkit._files._convert import _type_data
from okrkit._metric import MetricType
from okrkit._model import KeyResult, Plan, key_result_window, slugify
from okrkit._period import Period
from okrkit._period_words import WEEKDAYS
from okrkit._reading import Reading, current_reading
from okrkit._resolve import checkin_values, resolve
from okrkit._tables._arrow import pyarrow
from okrkit._tables._schema import COLUMNS, TABLES
from okrkit._tables._value import PlanTables
from okrkit._text import read_statement
from okrkit._units import registry
from okrkit.exceptions import InvalidTypeError, InvalidValueError


__all__ = ["plan_key", "plans_of", "scoring_cells", "to_tables"]

Row = dict[str, Any]


def plan_key(plan: Plan) -> str:
    """The key of a plan given alone: its title as an id, else ``plan``."""
    return slugify(plan.title or "") or "plan"


def plans_of(plans: object, name: str = "to_tables(plans)") -> list[tuple[str, Plan]]:
    """``(key, plan)`` of a Plan, a mapping of key to Plan, or ``(key, Plan)`` pairs."""
    if isinstance(plans, Plan):
        return [(plan_key(plans), plans)]
    expected = "a Plan, a mapping of plan key to Plan, or (key, Plan) pairs"
    if isinstance(plans, Mapping):
        pairs: Iterable[Any] = plans.items()
    elif isinstance(plans, Iterable) and not isinstance(plans, (str, bytes)):
        pairs = plans
    else:
        raise InvalidTypeError(name, plans, expected)
    out: list[tuple[str, Plan]] = []
    seen: set[str] = set()
    for pair in pairs:
        if not (isinstance(pair, tuple) and len(pair) == 2):
            raise InvalidTypeError(name, pair, expected)
        key, plan = pair
        if not isinstance(key, str) or not key.strip():
            raise InvalidTypeError(f"{name} key", key, "a plan key: text, not blank")
        if not isinstance(plan, Plan):
            raise InvalidTypeError(f"{name}[{key!r}]", plan, "a Plan")
        if key in seen:
            raise InvalidValueError(name, key, "each plan key once")
        seen.add(key)
        out.append((key, plan))
    return out


def _tenants(tenant: object, keys: list[str]) -> dict[str, str | None]:
    if tenant is None or isinstance(tenant, str):
        return dict.fromkeys(keys, tenant)
    if isinstance(tenant, Mapping):
        out = {}
        for key in keys:
            value = tenant.get(key)
            if value is not None and not isinstance(value, str):
                raise InvalidTypeError(f"to_tables(tenant)[{key!r}]", value, "text or None")
            out[key] = value
        return out
    raise InvalidTypeError(
        "to_tables(tenant)", tenant, "text, None, or a mapping of plan key to tenant"
    )


def to_tables(plans: object, *, tenant: object = None, ureg: Any = None) -> PlanTables:
    """The tables of *plans*: a :class:`~okrkit.Plan` (keyed by its title as an id,
    else ``plan``), a mapping of plan key to Plan, or ``(key, Plan)`` pairs.

    *tenant* is text (every plan's tenant), a mapping of plan key to tenant, or
    None. *ureg* is the pint registry units are converted with (pint's
    application registry by default), as in scoring.
    """
    pairs = plans_of(plans)
    tenants = _tenants(tenant, [key for key, _plan in pairs])
    if ureg is not None:
        registry(ureg)  # a pint registry, or refused here rather than deep in a conversion
    rows: dict[str, list[Row]] = {name: [] for name in TABLES if name != "checkins"}
    history: dict[str, list[Any]] = {column: [] for column in COLUMNS["checkins"]}
    with collector_paused():  # many rows and no garbage cycle
        for key, plan in pairs:
            _plan_rows(key, tenants[key], plan, rows, history, ureg)
        return tables_of(rows, checkins=history)


def tables_of(rows: dict[str, list[Row]], **columns: dict[str, list[Any]]) -> PlanTables:
    """Rows, table by table (or a table's *columns*), as :class:`PlanTables`."""
    from okrkit._tables._schema import arrow_schema  # noqa: PLC0415

    pa = pyarrow()
    made = {}
    for name, found in rows.items():  # column by column: Arrow converts a list at C speed
        cells = {column: [row[column] for row in found] for column in COLUMNS[name]}
        made[name] = pa.Table.from_pydict(cells, schema=arrow_schema(name))
    for name, cells in columns.items():
        made[name] = pa.Table.from_pydict(cells, schema=arrow_schema(name))
    return PlanTables(**made)


def _period_cells(period: Period | None) -> Row:
    if period is None:
        return {"period_label": None, "period_start": None, "period_end": None}
    return {"period_label": period.label, "period_start": period.start, "period_end": period.end}


def _cadence_cells(cadence: Cadence | None) -> Row:
    if cadence is None:
        return {"cadence": None, "cadence_weekday": None, "cadence_day": None}
    return {
        "cadence": cadence.every.value,
        "cadence_weekday": None if cadence.weekday is None else WEEKDAYS[cadence.weekday],
        "cadence_day": cadence.day,
    }


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, allow_nan=False)


def plan_cells(plan: Plan) -> Row:
    """A plan's own row, but for its key and tenant."""
    calendar = calendar_data(plan.calendar, dt.date.isoformat)
    thresholds = _with_plan_policy(plan, None).thresholds
    return {
        "title": plan.title,
        **_period_cells(plan.period),
        "currency": plan.currency,
        "lang": plan.lang,
        "calendar": None if calendar is None else _json(calendar),
        **_cadence_cells(plan.cadence),
        "policy": None if plan.policy is None else _json(plan.policy.to_mapping()),
        "at_risk_gap": thresholds.at_risk_gap,
        "off_track_gap": thresholds.off_track_gap,
        "yellow_from": thresholds.yellow_from,
        "green_from": thresholds.green_from,
    }


def _plan_rows(
    key: str,
    tenant: str | None,
    plan: Plan,
    rows: dict[str, list[Row]],
    history: dict[str, list[Any]],
    ureg: Any,
) -> None:
    keys = {"plan": key, "tenant": tenant}
    rows["plans"].append({**keys, **plan_cells(plan)})
    for index, objective in enumerate(plan.objectives):
        about = {**keys, "objective_index": index, "objective": objective.key}
        rows["objectives"].append(
            {
                **about,
                "id": objective.id,
                "title": objective.title,
                "owner": objective.owner,
                **_period_cells(objective.period),
                "commitment": objective.commitment.value,
                "parent": objective.parent,
                "weight": objective.weight,
                "ignore": list(objective.ignore),
            }
        )
        period = objective.period or plan.period
        names = objective.key_result_keys()
        for position, (item, name) in enumerate(zip(objective.key_results, names, strict=True)):
            at = {**about, "key_result_index": position, "key_result": name}
            row = {**at, **written_cells(item), **scoring_cells(item, period, ureg)}
            row.update(reading_cells(_reading(item, plan)))
            rows["key_results"].append(row)
            if item.checkins:
                _checkin_columns(history, at, item, checkin_values(item, ureg))
            for number, initiative in enumerate(item.initiatives):
                rows["initiatives"].append(
                    {
                        **at,
                        "initiative_index": number,
                        "title": initiative.title,
                        "owner": initiative.owner,
                        "done": initiative.done,
                    }
                )
    for index, link in enumerate(plan.links):
        rows["links"].append(
            {
                **keys,
                "link_index": index,
                "link_from": link.from_,
                "link_to": link.to,
                "because": link.because,
            }
        )


def _checkin_columns(
    history: dict[str, list[Any]],
    at: Row,
    item: KeyResult,
    values: list[tuple[float | None, bool]],
) -> None:
    """The check-ins of *item*, column by column (the largest table: a row per
    check-in as a dict would cost more than the rest together)."""
    checkins = item.checkins
    count = len(checkins)
    for column, cell in at.items():
        history[column].extend([cell] * count)
    history["checkin_index"].extend(range(count))
    history["date"].extend([checkin.date for checkin in checkins])
    history["written_value"].extend([checkin.value.value for checkin in checkins])
    history["written_unit"].extend([checkin.value.unit for checkin in checkins])
    history["value"].extend([value for value, _share in values])
    history["measured_share"].extend([share for _value, share in values])
    history["confidence"].extend([checkin.confidence for checkin in checkins])
    history["note"].extend([checkin.note for checkin in checkins])
    history["source"].extend([checkin.source for checkin in checkins])


def _amount_cells(prefix: str, amount: Amount | None) -> Row:
    if amount is None:
        return {prefix: None, f"{prefix}_unit": None}
    return {prefix: amount.value, f"{prefix}_unit": amount.unit}


def metric_type_cells(kind: MetricType | None) -> Row:
    """A metric type as its name, and its definition in JSON unless the name is a
    registered type's and says it all."""
    if kind is None:
        return {"metric_type": None, "metric_type_definition": None}
    data = _type_data(kind)
    return {
        "metric_type": kind.name,
        "metric_type_definition": None if isinstance(data, str) else _json(data),
    }


def written_cells(item: KeyResult) -> Row:
    """A key result's fields as written (the ``written_*`` columns and the others
    no scoring column shadows)."""
    return {
        "id": item.id,
        "statement": item.statement,
        "metric": item.metric,
        **metric_type_cells(item.metric_type),
        "written_direction": None if item.direction is None else item.direction.value,
        "nature": None if item.nature is None else item.nature.value,
        **_amount_cells("written_baseline", item.baseline),
        **_amount_cells("written_target", item.target),
        **_amount_cells("change", item.change),
        **_amount_cells("written_share", item.share),
        "per": None if item.per is None else item.per.value,
        "deadline": item.deadline,
        "weight": item.weight,
        "owner": item.owner,
        "done": item.done,
        "strict": item.strict,
        **_cadence_cells(item.cadence),
        "ignore": list(item.ignore),
    }


def scoring_cells(item: KeyResult, period: Period | None, ureg: Any = None) -> Row:
    """What scoring works from: the key result resolved to one unit and floats,
    and the dates it is measured over."""
    resolved = resolve(item, ureg)
    window = None if period is None else key_result_window(item, period)
    return {
        "unit": resolved.unit,
        "rate_unit": resolved.rate_unit,
        "direction": None if resolved.direction is None else resolved.direction.value,
        "baseline": resolved.baseline,
        "target": resolved.target,
        "share": resolved.share,
        "window_start": None if window is None else window[0],
        "window_end": None if window is None else window[1],
    }


_NO_READING: Row = dict.fromkeys(c for c in COLUMNS["key_results"] if c.startswith("reading_"))


def _reading(item: KeyResult, plan: Plan) -> Reading | None:
    """What the reader finds in *item*'s statement, in the plan's language and
    currency: the reading the key result holds when it is of this statement (as
    a loaded plan's are), else read now."""
    if item.statement is None:
        return None
    return current_reading(item) or read_statement(
        item.statement, lang=plan.lang, currency=plan.currency
    )


def reading_cells(reading: Reading | None) -> Row:
    """What the statement reader found (nothing for a key result without a statement)."""
    if reading is None:
        return _NO_READING
    return {
        "reading_lang": reading.lang,
        "reading_kind": reading.kind.value,
        "reading_nature": None if reading.nature is None else reading.nature.value,
        "reading_direction": None if reading.direction is None else reading.direction.value,
        "reading_metric": reading.metric,
        **_amount_cells("reading_baseline", reading.baseline),
        **_amount_cells("reading_target", reading.target),
        **_amount_cells("reading_change", reading.change),
        "reading_per": None if reading.per is None else reading.per.value,
        **_amount_cells("reading_share", reading.share),
        "reading_ambiguous_percent": reading.ambiguous_percent,
        "reading_attainment": reading.attainment,
        "reading_baseline_ref": reading.baseline_ref,
        "reading_issues": list(reading.issues),
    }
