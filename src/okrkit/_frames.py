"""Plans as pandas DataFrames, to plot and pivot in a notebook (the ``pandas`` extra).

``to_frame(plan)`` gives one row per key result; ``to_frame(plan, rows="checkins")``
one row per check-in, with the value as a float and its unit in a column. Amounts
in the key-result frame are written as text ("35 day") so ``from_frame`` rebuilds
them exactly. Links, the calendar and the policy are not part of a frame.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any, Literal

from okrkit._amount import Amount
from okrkit._model import CheckIn, KeyResult, Objective, Plan
from okrkit._period import Period
from okrkit.exceptions import InvalidValueError, OptionalDependencyError


__all__ = ["KR_COLUMNS", "from_frame", "to_frame"]

KR_COLUMNS = (
    "objective", "objective_title", "owner", "period_start", "period_end", "commitment",
    "objective_weight", "key_result", "statement", "metric", "direction", "nature",
    "baseline", "target", "change", "per", "share", "deadline", "weight", "done",
    "kr_owner",
)  # fmt: skip
SCORE_COLUMNS = ("progress", "score", "expected", "status")
CHECKIN_COLUMNS = (
    "objective", "key_result", "date", "value", "unit", "confidence", "note", "source",
)  # fmt: skip


def _pandas() -> Any:
    try:
        import pandas  # noqa: PLC0415 - an optional extra, loaded on use
    except ImportError:
        raise OptionalDependencyError("pandas", "okrkit[pandas]") from None
    return pandas


def _text(amount: Amount | None) -> str | None:
    return None if amount is None else str(amount)


def to_frame(
    plan: Plan,
    *,
    rows: Literal["key_results", "checkins"] = "key_results",
    as_of: dt.date | str | None = None,
) -> Any:
    """A DataFrame of the plan: one row per key result (with scores when *as_of*
    is given), or one row per check-in."""
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
    if rows != "key_results":
        raise InvalidValueError("to_frame(rows)", rows, "key_results | checkins")
    card = None
    if as_of is not None:
        from okrkit._api import score  # noqa: PLC0415

        card = score(plan, as_of=as_of)
    records = []
    for index, objective in enumerate(plan.objectives):
        period = plan.period_of(objective)
        keys = objective.key_result_keys()
        for position, (key, item) in enumerate(zip(keys, objective.key_results, strict=True)):
            record: dict[str, Any] = {
                "objective": objective.key, "objective_title": objective.title,
                "owner": objective.owner,
                "period_start": period.start if period else None,
                "period_end": period.end if period else None,
                "commitment": objective.commitment.value, "objective_weight": objective.weight,
                "key_result": key, "statement": item.statement, "metric": item.metric,
                "direction": item.direction.value if item.direction else None,
                "nature": item.nature.value if item.nature else None,
                "baseline": _text(item.baseline), "target": _text(item.target),
                "change": _text(item.change), "per": item.per.value if item.per else None,
                "share": _text(item.share), "deadline": item.deadline, "weight": item.weight,
                "done": item.done, "kr_owner": item.owner,
            }  # fmt: skip
            if card is not None:
                result = card.objectives[index].key_results[position]
                record.update(
                    progress=result.progress, score=result.score, expected=result.expected,
                    status=result.status.value,
                )  # fmt: skip
            records.append(record)
    columns = list(KR_COLUMNS) + (list(SCORE_COLUMNS) if card is not None else [])
    return pandas.DataFrame.from_records(records, columns=columns)


def _cell(value: Any) -> Any:
    """A frame's cell as a plain value: missing values (None, NaN, NaT) as None."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if type(value).__name__ in ("NaTType", "NAType"):
        return None
    if hasattr(value, "to_pydatetime"):
        return value.to_pydatetime().date()
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        return value.item()
    return value


def _given(cells: dict[str, Any], name: str, default: Any) -> Any:
    """The cell *name*, or *default* when the column is missing or the cell empty."""
    value = cells.get(name)
    return default if value is None else value


def from_frame(frame: Any, *, checkins: Any = None, title: str | None = None) -> Plan:
    """A plan from a key-result frame (and, optionally, a check-in frame), as
    :func:`to_frame` writes them."""
    missing = [c for c in ("objective", "objective_title", "key_result") if c not in frame.columns]
    if missing:
        raise InvalidValueError("from_frame(frame)", missing[0], f"a column named {missing[0]}")
    history: dict[tuple[str, str], list[CheckIn]] = {}
    if checkins is not None:
        for row in checkins.to_dict("records"):
            entry = CheckIn(
                _cell(row["date"]),
                Amount(_cell(row["value"]), _cell(row.get("unit"))),
                confidence=_cell(row.get("confidence")),
                note=_cell(row.get("note")),
                source=_cell(row.get("source")),
            )
            history.setdefault((row["objective"], row["key_result"]), []).append(entry)
    objectives: dict[str, dict[str, Any]] = {}
    for row in frame.to_dict("records"):
        cells = {name: _cell(value) for name, value in row.items()}
        key = cells["objective"]
        holder = objectives.setdefault(key, {"row": cells, "items": []})
        holder["items"].append(_key_result(cells, history.get((key, cells["key_result"]), [])))
    built = []
    for key, holder in objectives.items():
        cells = holder["row"]
        period = None
        if cells.get("period_start") is not None and cells.get("period_end") is not None:
            period = Period(cells["period_start"], cells["period_end"])
        built.append(
            Objective(
                cells["objective_title"],
                id=key,
                owner=cells.get("owner"),
                period=period,
                commitment=cells.get("commitment") or "committed",
                weight=_given(cells, "objective_weight", 1.0),
                key_results=tuple(holder["items"]),
            )
        )
    return Plan(title, objectives=tuple(built))


def _key_result(cells: dict[str, Any], history: list[CheckIn]) -> KeyResult:
    return KeyResult(
        cells.get("statement"),
        id=cells["key_result"],
        metric=cells.get("metric"),
        direction=cells.get("direction"),
        nature=cells.get("nature"),
        baseline=cells.get("baseline"),
        target=cells.get("target"),
        change=cells.get("change"),
        per=cells.get("per"),
        share=cells.get("share"),
        deadline=cells.get("deadline"),
        weight=_given(cells, "weight", 1.0),
        done=bool(cells.get("done", False)),
        owner=cells.get("kr_owner"),
        checkins=tuple(history),
    )
