"""Plans as pandas DataFrames, to plot and pivot in a notebook (the ``pandas`` extra).

``to_frame(plan)`` gives one row per key result (an objective without key results
gets one row of its own), ``rows="checkins"`` one row per check-in and
``rows="links"`` one row per link. Quantities are numbers, each with its unit in
a column of its own (``target`` and ``target_unit``), next to the target the key
result is scored against (``resolved_target``, in ``unit``). What belongs to the
whole plan (title, period, currency, language, calendar, cadence, policy) is kept
in ``frame.attrs["okrkit"]``, written as a plan file's header; a metric type,
cadence, initiatives and ignored rules are cells in a plan file's form too, so a
frame holds plain data only.

``from_frame`` rebuilds an equal plan from those frames, or refuses, naming the
row and column, what it cannot read: a column it does not know, a check-in or a
link left behind, a derived column that no longer agrees with what it is derived
from. Nothing is dropped or guessed.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from typing import Any, Literal

import attrs

from okrkit._amount import Amount
from okrkit._files._cells import errors_at, read_as_in_file
from okrkit._files._convert import (  # the plan-file forms, written one way
    PlanReader,
    _cadence_data,
    _initiative_data,
    _type_data,
    plan_to_data,
)
from okrkit._files._hints import did_you_mean
from okrkit._files._yaml import plain_scalar
from okrkit._model import CheckIn, KeyResult, Link, Objective, Plan
from okrkit._period import Period
from okrkit._plural import plural
from okrkit._resolve import resolved_target
from okrkit.exceptions import (
    InvalidTypeError,
    InvalidValueError,
    OptionalDependencyError,
)


__all__ = ["CHECKIN_COLUMNS", "KR_COLUMNS", "LINK_COLUMNS", "PLAN_ATTRS", "from_frame", "to_frame"]

OBJECTIVE_COLUMNS = (
    "objective", "objective_id", "objective_title", "owner", "period", "period_start",
    "period_end", "own_period", "commitment", "objective_weight", "parent", "objective_ignore",
)  # fmt: skip
"""The columns about the objective: the same on each of its rows."""
QUANTITIES = ("baseline", "target", "change", "share")
KEY_RESULT_COLUMNS = (
    "key_result", "kr_id", "statement", "metric", "type", "direction", "nature",
    "baseline", "baseline_unit", "target", "target_unit", "change", "change_unit",
    "share", "share_unit", "resolved_target", "unit", "per", "deadline", "weight", "done",
    "strict", "kr_owner", "cadence", "initiatives", "ignore",
)  # fmt: skip
KR_COLUMNS = OBJECTIVE_COLUMNS + KEY_RESULT_COLUMNS
SCORE_COLUMNS = ("progress", "score", "expected", "status")
"""Added with ``as_of``; worked out by scoring, so :func:`from_frame` reads past them."""
CHECKIN_COLUMNS = (
    "objective", "key_result", "date", "value", "unit", "confidence", "note", "source",
)  # fmt: skip
LINK_COLUMNS = ("from", "to", "because")
PLAN_ATTRS = "okrkit"
"""The key of ``frame.attrs`` that holds what belongs to the whole plan."""


def _pandas() -> Any:
    try:
        import pandas  # noqa: PLC0415 - an optional extra, loaded on use
    except ImportError:
        raise OptionalDependencyError("pandas", "okrkit[pandas]") from None
    return pandas


# --- writing -------------------------------------------------------------------------


def to_frame(
    plan: Plan,
    *,
    rows: Literal["key_results", "checkins", "links"] = "key_results",
    as_of: dt.date | str | None = None,
) -> Any:
    """A DataFrame of the plan: one row per key result (with scores when *as_of*
    is given), per check-in, or per link."""
    if not isinstance(plan, Plan):
        raise InvalidTypeError("to_frame(plan)", plan, "a Plan")
    pandas = _pandas()
    if rows == "checkins":
        records = [
            {
                "objective": objective.key,
                "key_result": key,
                "date": c.date,
                "value": c.value.value,
                "unit": c.value.unit,
                "confidence": c.confidence,
                "note": c.note,
                "source": c.source,
            }
            for objective in plan.objectives
            for key, item in zip(objective.key_result_keys(), objective.key_results, strict=True)
            for c in item.checkins
        ]
        return pandas.DataFrame.from_records(records, columns=list(CHECKIN_COLUMNS))
    if rows == "links":
        records = [{"from": x.from_, "to": x.to, "because": x.because} for x in plan.links]
        return pandas.DataFrame.from_records(records, columns=list(LINK_COLUMNS))
    if rows != "key_results":
        raise InvalidValueError("to_frame(rows)", rows, "key_results | checkins | links")
    card = None
    if as_of is not None:
        from okrkit._api import score  # noqa: PLC0415

        card = score(plan, as_of=as_of)
    records = []
    for index, objective in enumerate(plan.objectives):
        about = _objective_cells(plan, objective)
        if not objective.key_results:
            records.append(about)
        keys = objective.key_result_keys()
        for position, (key, item) in enumerate(zip(keys, objective.key_results, strict=True)):
            record = {**about, **_key_result_cells(item, key)}
            if card is not None:
                result = card.objectives[index].key_results[position]
                record.update(
                    progress=result.progress, score=result.score, expected=result.expected,
                    status=result.status.value,
                )  # fmt: skip
            records.append(record)
    columns = list(KR_COLUMNS) + (list(SCORE_COLUMNS) if card is not None else [])
    frame = pandas.DataFrame.from_records(records, columns=columns)
    numbers = [*QUANTITIES, "resolved_target", "objective_weight", "weight"]
    frame[numbers] = frame[numbers].astype("float64")  # numbers even in a column of blanks
    checkins = sum(len(item.checkins) for _objective, item in plan.iter_key_results())
    header = plan_to_data(attrs.evolve(plan, objectives=(), links=()), date=dt.date.isoformat)
    del header["objectives"]
    frame.attrs[PLAN_ATTRS] = {
        "plan": header, "objectives": len(plan.objectives), "checkins": checkins,
        "links": len(plan.links),
    }  # fmt: skip
    return frame


def _objective_cells(plan: Plan, objective: Objective) -> dict[str, Any]:
    period = plan.period_of(objective)
    return {
        "objective": objective.key, "objective_id": objective.id,
        "objective_title": objective.title, "owner": objective.owner,
        "period": period.label if period else None,
        "period_start": period.start if period else None,
        "period_end": period.end if period else None,
        "own_period": objective.period is not None,
        "commitment": objective.commitment.value, "objective_weight": objective.weight,
        "parent": objective.parent, "objective_ignore": list(objective.ignore) or None,
    }  # fmt: skip


def _key_result_cells(item: KeyResult, key: str) -> dict[str, Any]:
    target, unit = resolved_target(item)
    cells: dict[str, Any] = {
        "key_result": key, "kr_id": item.id, "statement": item.statement, "metric": item.metric,
        "type": _type_data(item.metric_type) if item.metric_type else None,
        "direction": item.direction.value if item.direction else None,
        "nature": item.nature.value if item.nature else None,
        "resolved_target": target, "unit": unit,
        "per": item.per.value if item.per else None, "deadline": item.deadline,
        "weight": item.weight, "done": item.done, "strict": item.strict, "kr_owner": item.owner,
        "cadence": _cadence_data(item.cadence) if item.cadence else None,
        "initiatives": [_initiative_data(i, dict) for i in item.initiatives] or None,
        "ignore": list(item.ignore) or None,
    }  # fmt: skip
    for name in QUANTITIES:
        amount: Amount | None = getattr(item, name)
        cells[name] = None if amount is None else amount.value
        cells[f"{name}_unit"] = None if amount is None else amount.unit
    return cells


# --- reading -------------------------------------------------------------------------


def _cell(value: Any) -> Any:
    """A frame's cell as a plain value: missing values (None, NaN, NaT) as None; a
    timestamp at midnight as a date (any other stays a datetime, which no date
    field takes)."""
    kind = type(value)
    if kind is str or kind is int or kind is bool or kind is dt.date:
        return value  # the common cells first: a frame has many
    if kind is float:
        return None if math.isnan(value) else value
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if type(value).__name__ in ("NaTType", "NAType"):
        return None
    if hasattr(value, "to_pydatetime"):
        moment = value.to_pydatetime()
        if moment.tzinfo is None and moment.time() == dt.time():
            return moment.date()
        return moment
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        return value.item()
    return value


def _rows(name: str, frame: Any, known: tuple[str, ...], required: tuple[str, ...]) -> Any:
    """The rows of *frame* as ``(label, cells)``, once its columns are checked."""
    if not hasattr(frame, "columns") or not hasattr(frame, "to_dict"):
        raise InvalidTypeError(f"from_frame({name})", frame, "a pandas DataFrame from to_frame()")
    columns = list(frame.columns)
    for column in columns:
        if column not in known:
            raise InvalidValueError(
                f"from_frame({name})", column,
                f"a column okrkit reads{did_you_mean(str(column), known)} (drop the others: "
                f"{', '.join(known)})",
            )  # fmt: skip
        if columns.count(column) > 1:
            raise InvalidValueError(f"from_frame({name})", column, "each column once")
    if len(frame):
        for column in required:
            if column not in columns:
                raise InvalidValueError(f"from_frame({name})", None, f"a column named {column}")
    records = frame.to_dict("records")
    return [
        (label, {key: _typed(name, label, key, _cell(value)) for key, value in record.items()})
        for label, record in zip(frame.index, records, strict=True)
    ]


_TYPED = {
    **dict.fromkeys(("period_start", "period_end", "deadline", "date"), "date"),
    **dict.fromkeys(("own_period", "done", "strict"), "boolean"),
    **dict.fromkeys(
        ("objective_weight", "weight", "confidence", *QUANTITIES, "resolved_target", "value"),
        "number",
    ),
}
"""The columns of dates, flags and numbers, by the plan-file reader that reads each."""


def _typed(name: str, label: Any, column: str, cell: Any) -> Any:
    """*cell* of a column of dates, flags or numbers, given as text (as a CSV file
    gives every cell): read as a plan file's value is, by the same readers, so
    ``2026-02-01`` is a date and ``35`` a number. Blank text, in any column, is no
    value, as in a plan file."""
    if not isinstance(cell, str):
        return cell
    text = cell.strip()
    if not text:  # blank, as a plan file's blank text: no value
        return None
    read = _TYPED.get(column)
    if read is None:
        return cell
    value = text if read == "date" else plain_scalar(text)
    return read_as_in_file(
        f"from_frame({name}) row {label}, {column}", cell,
        lambda reader: getattr(reader, read)((), value),
    )  # fmt: skip


def _flag(cells: dict[str, Any], name: str, place: str) -> bool:
    value = cells.get(name)
    if value is None:
        return False
    if not isinstance(value, bool):
        raise InvalidTypeError(f"{place}, {name}", value, "True or False")
    return value


def from_frame(
    frame: Any, *, checkins: Any = None, links: Any = None, title: str | None = None
) -> Plan:
    """A plan from a key-result frame, with its check-in and link frames, as
    :func:`to_frame` writes them (*title*, when given, names the plan).

    A frame written by :func:`to_frame` remembers how many check-ins and links its
    plan had: leaving their frame out is refused, never taken as "none" (pass an
    empty DataFrame to leave them out on purpose).
    """
    rows = _rows(
        "frame", frame, KR_COLUMNS + SCORE_COLUMNS, ("objective", "objective_title", "key_result")
    )
    about = getattr(frame, "attrs", {}).get(PLAN_ATTRS) or {}
    if not isinstance(about, dict):
        raise InvalidTypeError(f"from_frame(frame).attrs[{PLAN_ATTRS!r}]", about, "a dict")
    for name, given, one in (("checkins", checkins, "check-in"), ("links", links, "link")):
        count = about.get(name) or 0
        if count and given is None:
            raise InvalidValueError(
                f"from_frame({name})", None,
                f"plan.to_frame(rows={name!r}): the plan the frame was written from has "
                f"{count} {one}{'' if count == 1 else 's'} (an empty DataFrame leaves them out)",
            )  # fmt: skip
    head = _plan_head(about.get("plan"))
    history = _history(checkins)
    grouped: dict[str, list[tuple[Any, dict[str, Any]]]] = {}
    for label, cells in rows:
        grouped.setdefault(cells.get("objective"), []).append((label, cells))
    written = about.get("objectives")
    if written is not None and written != len(grouped):
        raise InvalidValueError(
            "from_frame(frame)", sorted(map(str, grouped)),
            plural(written, "the # objective|the # objectives")
            + " of the plan it was written from; objectives that "
            "share an id (duplicate-id) cannot be told apart in a frame: give them their own",
        )  # fmt: skip
    built = [_objective(key, group, head.period, history) for key, group in grouped.items()]
    if history:
        (objective, key), entries = next(iter(history.items()))
        raise InvalidValueError(
            f"from_frame(checkins) row {entries[0][0]}", f"{objective}/{key}",
            "the objective and key result of a row of the key-result frame",
        )  # fmt: skip
    changes: dict[str, Any] = {"objectives": tuple(built), "links": _links(links)}
    if title is not None:
        changes["title"] = title
    return attrs.evolve(head, **changes)


def _plan_head(header: Any) -> Plan:
    """The plan, without objectives or links, from the plan-file header
    :func:`to_frame` keeps in the frame's attrs (a plain plan without one)."""
    if header is None:
        return Plan()
    place = f"from_frame(frame).attrs[{PLAN_ATTRS!r}]['plan']"
    if not isinstance(header, dict) or {"objectives", "links"} & set(header):
        raise InvalidValueError(place, header, "a plan file's header: no objectives or links")
    head: Plan = read_as_in_file(
        place, header, lambda reader: reader.plan({**header, "objectives": []})
    )
    return head


def _history(checkins: Any) -> dict[tuple[Any, Any], list[tuple[Any, CheckIn]]]:
    """The check-ins of each ``(objective, key_result)``, with their row labels."""
    history: dict[tuple[Any, Any], list[tuple[Any, CheckIn]]] = {}
    if checkins is None:
        return history
    required = ("objective", "key_result", "date", "value")
    for label, cells in _rows("checkins", checkins, CHECKIN_COLUMNS, required):
        with errors_at(f"from_frame(checkins) row {label}"):
            entry = CheckIn(
                cells["date"],
                Amount(cells["value"], cells.get("unit")),
                confidence=cells.get("confidence"),
                note=cells.get("note"),
                source=cells.get("source"),
            )
        history.setdefault((cells["objective"], cells["key_result"]), []).append((label, entry))
    return history


def _links(links: Any) -> tuple[Link, ...]:
    if links is None:
        return ()
    made = []
    for label, cells in _rows("links", links, LINK_COLUMNS, ("from", "to")):
        with errors_at(f"from_frame(links) row {label}"):
            made.append(Link(cells["from"], cells["to"], because=cells.get("because")))
    return tuple(made)


def _objective(
    key: Any,
    group: list[tuple[Any, dict[str, Any]]],
    plan_period: Period | None,
    history: dict[tuple[Any, Any], list[tuple[Any, CheckIn]]],
) -> Objective:
    """The objective of *group*, the rows whose ``objective`` is *key*."""
    first_label, first = group[0]
    for label, cells in group[1:]:
        for column in OBJECTIVE_COLUMNS:
            if cells.get(column) != first.get(column):
                raise InvalidValueError(
                    f"from_frame(frame) row {label}, {column}", cells.get(column),
                    f"{first.get(column)!r}, as on row {first_label}: an objective's columns "
                    "are the same on each of its rows",
                )  # fmt: skip
    place = f"from_frame(frame) row {first_label}"
    bare = [label for label, cells in group if cells.get("key_result") is None]
    if bare and len(group) > 1:
        raise InvalidValueError(
            f"from_frame(frame) row {bare[0]}, key_result", None,
            "a key result: only an objective without key results has a row without one",
        )  # fmt: skip
    _told_apart([cells["key_result"] for _label, cells in group], key, history, place)
    items = [] if bare else [_key_result(label, cells, key, history) for label, cells in group]
    if bare:
        _nothing_of_a_key_result(first, place)
    period = _period(first, plan_period, place)
    ignore = first.get("objective_ignore")
    ignored = read_as_in_file(
        f"{place}, objective_ignore", ignore, lambda reader: reader.rule_ids((), ignore)
    )
    with errors_at(place):
        objective = Objective(
            first["objective_title"],
            id=first.get("objective_id") if "objective_id" in first else key,
            owner=first.get("owner"),
            period=period,
            commitment=first.get("commitment") or "committed",
            parent=first.get("parent"),
            weight=_default(first.get("objective_weight"), 1.0),
            ignore=ignored,
            key_results=tuple(items),
        )
    _same_key(place, "objective", key, objective.key)
    for (label, cells), derived in zip(group, objective.key_result_keys(), strict=False):
        _same_key(f"from_frame(frame) row {label}", "key_result", cells["key_result"], derived)
    return objective


def _told_apart(
    keys: list[Any],
    objective: Any,
    history: dict[tuple[Any, Any], list[tuple[Any, CheckIn]]],
    place: str,
) -> None:
    """Refuse check-ins of a key shared by two key results: whose they are is lost."""
    for key in (k for k, count in Counter(keys).items() if count > 1):
        if (objective, key) in history:
            raise InvalidValueError(
                f"{place}, key_result", key,
                "one key result per key: two share this id (duplicate-id), so their "
                "check-ins cannot be told apart; give them their own",
            )  # fmt: skip


def _default(value: Any, default: Any) -> Any:
    return default if value is None else value


def _same_key(place: str, column: str, written: Any, derived: str) -> None:
    if written != derived:
        raise InvalidValueError(
            f"{place}, {column}", written,
            f"{derived!r}, the key of what the row describes (with no id, the key comes "
            "from the title, metric or statement; give the id to keep another)",
        )  # fmt: skip


def _nothing_of_a_key_result(cells: dict[str, Any], place: str) -> None:
    for column in KEY_RESULT_COLUMNS + SCORE_COLUMNS:
        if cells.get(column) not in (None, False):
            raise InvalidValueError(
                f"{place}, {column}", cells[column], "nothing on a row without a key_result"
            )


def _period(cells: dict[str, Any], plan_period: Period | None, place: str) -> Period | None:
    """The objective's own period: the row's, when ``own_period`` says so (or, in a
    frame without that column, when the row gives one); else none, the plan's."""
    start, end = cells.get("period_start"), cells.get("period_end")
    if "own_period" in cells and not _flag(cells, "own_period", place):
        plan_dates = (plan_period.start, plan_period.end) if plan_period else (None, None)
        if (start, end) not in ((None, None), plan_dates):
            unknown = (
                ""
                if plan_period
                else (
                    f"; the frame has no plan period (frame.attrs[{PLAN_ATTRS!r}], which a CSV "
                    "file does not keep): set it as to_frame() wrote it"
                )
            )
            raise InvalidValueError(
                f"{place}, own_period", False,
                f"True: the row's period_start and period_end are not the plan's period{unknown}",
            )  # fmt: skip
        return None
    if start is None and end is None:
        return None
    with errors_at(place):
        return Period(start, end, cells.get("period"))


def _key_result(
    label: Any,
    cells: dict[str, Any],
    objective: Any,
    history: dict[tuple[Any, Any], list[tuple[Any, CheckIn]]],
) -> KeyResult:
    place = f"from_frame(frame) row {label}"
    key = cells["key_result"]
    amounts = {name: _amount(cells, name, place) for name in QUANTITIES}
    found = history.pop((objective, key), [])
    done, strict = _flag(cells, "done", place), _flag(cells, "strict", place)
    kind, cadence, initiatives, ignore = (
        read_as_in_file(f"{place}, {column}", cells.get(column), read)
        for column, read in (
            ("type", lambda r: r.metric_type((), cells.get("type")) or False),
            ("cadence", lambda r: r.cadence((), cells.get("cadence")) or False),
            ("initiatives", lambda r: _initiatives(r, cells.get("initiatives"))),
            ("ignore", lambda r: r.rule_ids((), cells.get("ignore"))),
        )
    )
    with errors_at(place):
        item = KeyResult(
            cells.get("statement"),
            id=cells.get("kr_id") if "kr_id" in cells else key,
            metric=cells.get("metric"),
            metric_type=kind or None,
            direction=cells.get("direction"),
            nature=cells.get("nature"),
            **amounts,
            per=cells.get("per"),
            deadline=cells.get("deadline"),
            weight=_default(cells.get("weight"), 1.0),
            done=done,
            strict=strict,
            owner=cells.get("kr_owner"),
            cadence=cadence or None,
            initiatives=initiatives,
            ignore=ignore,
            checkins=tuple(entry for _label, entry in found),
        )
    _agrees_with_resolved(item, cells, place)
    return item


def _amount(cells: dict[str, Any], name: str, place: str) -> Amount | None:
    value, unit = cells.get(name), cells.get(f"{name}_unit")
    if value is None:
        if unit is not None:
            raise InvalidValueError(
                f"{place}, {name}", None, f"the number its {name}_unit goes with"
            )
        return None
    with errors_at(f"{place}, {name}"):
        return Amount(value, unit)


def _initiatives(reader: PlanReader, value: Any) -> tuple[Any, ...]:
    items = reader.items((), value, "initiatives")
    return tuple(reader.initiative((index,), item) for index, item in enumerate(items))


def _agrees_with_resolved(item: KeyResult, cells: dict[str, Any], place: str) -> None:
    """``resolved_target`` and ``unit`` are worked out from the quantities: a row that
    says otherwise was edited in the wrong place, and is refused."""
    written, unit = cells.get("resolved_target"), cells.get("unit")
    if written is None and unit is None:
        return
    target, worked_out = resolved_target(item)
    if unit is not None and unit != worked_out:
        raise InvalidValueError(
            f"{place}, unit", unit,
            f"{worked_out!r}, the key result's unit, from its quantities' units: write "
            "units in baseline_unit, target_unit, change_unit",
        )  # fmt: skip
    if written is None:
        return
    if isinstance(written, bool) or not isinstance(written, (int, float)):
        raise InvalidTypeError(f"{place}, resolved_target", written, "a number")
    if target is None or not math.isclose(written, target):
        raise InvalidValueError(
            f"{place}, resolved_target", written,
            f"{target!r}, worked out from baseline, target and change: change those instead",
        )  # fmt: skip
