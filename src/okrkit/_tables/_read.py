"""Tables to plans: every row read back into the value it came from, or refused.

Rows may come in any order (a query's answer): items are put in order by their
position columns, which must run 0, 1, 2, ... with none missing or repeated.
Every field is read by the model's own checks, and what a plan file spells as a
mapping (a calendar, a policy, a metric type) by the plan-file reader. The
scoring columns are worked out again from the rebuilt plan and must agree: a
row that says otherwise was edited in the wrong column. The ``reading_*``
columns are not read (a statement is read again when the plan is checked).
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Callable
from typing import Any

import attrs

from okrkit._amount import Amount, trusted_amount, unit_form
from okrkit._cadence import Cadence
from okrkit._collector import collector_paused
from okrkit._files._cells import errors_at, read_as_in_file
from okrkit._files._convert import PlanReader
from okrkit._metric import MetricType
from okrkit._model import CheckIn, Initiative, KeyResult, Link, Objective, Plan, trusted_checkin
from okrkit._period import Period
from okrkit._resolve import checkin_values
from okrkit._tables._value import PlanTables, plan_tables
from okrkit._tables._write import plan_cells, scoring_cells
from okrkit._units import registry
from okrkit.exceptions import InvalidTypeError, InvalidValueError


__all__ = ["MAX_JSON_CHARS", "from_tables", "json_text", "policy_text"]

MAX_JSON_CHARS = 1 << 20
"""The longest JSON text a cell may hold (a calendar, a policy, a metric type)."""

_SCORING = ("unit", "rate_unit", "direction", "baseline", "target", "share")
_WINDOW = ("window_start", "window_end")
_THRESHOLDS = ("at_risk_gap", "off_track_gap", "yellow_from", "green_from")


class _Table:
    """A table's columns as Python lists, and how to name a row of it in an error."""

    __slots__ = ("columns", "name", "rows")

    def __init__(self, name: str, table: Any) -> None:
        self.name = name
        self.columns: dict[str, list[Any]] = {  # what statements read is not read back
            column: table.column(column).to_pylist()
            for column in table.column_names
            if not column.startswith("reading_")
        }
        self.rows = table.num_rows

    def place(self, row: int, column: str | None = None) -> str:
        where = f"from_tables: {self.name} row {row}"
        return where if column is None else f"{where}, {column}"

    def group(self, keys: tuple[str, ...], index: str) -> dict[tuple[Any, ...], list[int]]:
        """The rows of each value of *keys*, in the order of *index*, which must run
        0, 1, 2, ... in each group."""
        columns = [self.columns[key] for key in keys]
        positions = self.columns[index]
        groups: dict[tuple[Any, ...], list[int]] = {}
        for row in range(self.rows):
            groups.setdefault(tuple(column[row] for column in columns), []).append(row)
        for rows in groups.values():
            rows.sort(key=positions.__getitem__)
            for expected, row in enumerate(rows):
                if positions[row] != expected:
                    raise InvalidValueError(
                        self.place(row, index), positions[row],
                        f"{expected}: positions run 0, 1, 2, ... in each "
                        f"{'plan' if len(keys) == 1 else 'parent'}, none missing or repeated",
                    )  # fmt: skip
        return groups

    def left_over(self, groups: dict[tuple[Any, ...], list[int]], parent: str) -> None:
        """Refuse rows whose parent no row of the parent table is."""
        for key, rows in groups.items():
            raise InvalidValueError(
                self.place(rows[0]), key,
                f"the plan key and positions of a row of the {parent} table",
            )  # fmt: skip


def from_tables(tables: object, *, ureg: Any = None) -> dict[str, Plan]:
    """The plans of *tables* (:class:`PlanTables`, or a mapping of table name to
    ``pyarrow.Table``), by plan key, in the order of the ``plans`` table.

    *ureg* is the pint registry the scoring columns were worked out with (pint's
    application registry by default), to check them against the plans rebuilt.
    """
    given = plan_tables(tables, "from_tables(tables)")
    if ureg is not None:
        registry(ureg)  # a pint registry, or refused here rather than deep in a conversion
    with collector_paused():  # many objects and no garbage cycle, as a plan file's reader
        return _plans(given, ureg)


def _plans(given: PlanTables, ureg: Any) -> dict[str, Plan]:
    read = {name: _Table(name, table) for name, table in given.items()}
    plans, objectives, key_results = read["plans"], read["objectives"], read["key_results"]
    checkins, links, initiatives = read["checkins"], read["links"], read["initiatives"]
    by_plan = objectives.group(("plan",), "objective_index")
    kr_groups = key_results.group(("plan", "objective_index"), "key_result_index")
    item_keys = ("plan", "objective_index", "key_result_index")
    checkin_groups = checkins.group(item_keys, "checkin_index")
    initiative_groups = initiatives.group(item_keys, "initiative_index")
    link_groups = links.group(("plan",), "link_index")
    out: dict[str, Plan] = {}
    units: dict[Any, bool] = {}  # unit texts of check-ins, and whether each is in Amount's form
    tenants = plans.columns["tenant"]
    for row, key in enumerate(plans.columns["plan"]):
        if key in out or not key.strip():
            expected = "each plan key once" if key in out else "a plan key: text, not blank"
            raise InvalidValueError(plans.place(row, "plan"), key, expected)
        head = _plan_head(plans, row)
        tenant = tenants[row]
        built = []
        placed: list[list[_Placed]] = []
        for orow in by_plan.pop((key,), []):
            _same(objectives, orow, "tenant", tenant, "the tenant of its plan")
            index = objectives.columns["objective_index"][orow]
            items = []
            rows: list[_Placed] = []
            for krow in kr_groups.pop((key, index), []):
                _same(key_results, krow, "tenant", tenant, "the tenant of its plan")
                at = (key, index, key_results.columns["key_result_index"][krow])
                crows = checkin_groups.pop(at, [])
                irows = initiative_groups.pop(at, [])
                history = _history(checkins, crows, tenant, units)
                work = tuple(_initiative(initiatives, irow, tenant) for irow in irows)
                items.append(_key_result(key_results, krow, history, work))
                rows.append((krow, crows, irows))
            built.append(_objective(objectives, orow, tuple(items)))
            placed.append(rows)
        made = tuple(_link(links, lrow, tenant) for lrow in link_groups.pop((key,), []))
        with errors_at(plans.place(row)):
            plan = attrs.evolve(head, objectives=tuple(built), links=made)
        _agrees(read, row, plan, placed, ureg)
        out[key] = plan
    objectives.left_over(by_plan, "plans")
    key_results.left_over(kr_groups, "objectives")
    checkins.left_over(checkin_groups, "key_results")
    initiatives.left_over(initiative_groups, "key_results")
    links.left_over(link_groups, "plans")
    return out


_Placed = tuple[int, list[int], list[int]]
"""The row of a key result, and the rows of its check-ins and initiatives."""


def _same(table: _Table, row: int, column: str, expected: Any, what: str) -> None:
    found = table.columns[column][row]
    if found != expected:
        raise InvalidValueError(table.place(row, column), found, f"{expected!r}, {what}")


def _period(table: _Table, row: int) -> Period | None:
    cells = table.columns
    start, end = cells["period_start"][row], cells["period_end"][row]
    label = cells["period_label"][row]
    if start is None and end is None:
        if label is not None:
            raise InvalidValueError(
                table.place(row, "period_label"), label, "no label without period_start and end"
            )
        return None
    with errors_at(table.place(row, "period_start")):
        return Period(start, end, label)


def _json_cell(table: _Table, row: int, column: str) -> Any:
    text = table.columns[column][row]
    if text is None:
        return None
    return json_text(table.place(row, column), text)


def policy_text(place: str, text: str) -> Any:
    """A ``policy`` cell's :class:`~okrkit.Policy`, read as a plan file's ``policy:``."""
    data = json_text(place, text)
    return read_as_in_file(place, data, lambda reader: reader.policy(data, path=()))


def json_text(place: str, text: str) -> Any:
    """A cell's JSON text, read: bounded in size, no NaN or Infinity."""
    if len(text) > MAX_JSON_CHARS:
        raise InvalidValueError(place, text, f"JSON text of at most {MAX_JSON_CHARS:,} characters")
    try:
        return json.loads(text, parse_constant=_no_constant)
    except (ValueError, RecursionError):
        raise InvalidValueError(place, text, "a JSON mapping, as docs/tables.md says") from None


def _no_constant(name: str) -> Any:
    raise ValueError(name)  # NaN and Infinity are no numbers of a plan


def _read(table: _Table, row: int, column: str, value: Any, read: Callable[..., Any]) -> Any:
    if value is None:
        return None
    return read_as_in_file(table.place(row, column), value, read)


def _cadence(table: _Table, row: int) -> Cadence | None:
    cells = table.columns
    every, weekday, day = (
        cells[name][row] for name in ("cadence", "cadence_weekday", "cadence_day")
    )
    if every is None:
        for name, value in (("cadence_weekday", weekday), ("cadence_day", day)):
            if value is not None:
                raise InvalidValueError(table.place(row, name), value, "null without a cadence")
        return None
    data = {"every": every, "weekday": weekday, "day": day}
    made: Cadence = _read(table, row, "cadence", data, lambda reader: reader.cadence((), data))
    return made


def _plan_head(table: _Table, row: int) -> Plan:
    cells = table.columns
    calendar_data = _json_cell(table, row, "calendar")
    calendar = _read(
        table, row, "calendar", calendar_data,
        lambda reader: _calendar(reader, calendar_data),
    )  # fmt: skip
    policy_cell = cells["policy"][row]
    policy = None if policy_cell is None else policy_text(table.place(row, "policy"), policy_cell)
    with errors_at(table.place(row)):
        return Plan(
            cells["title"][row],
            period=_period(table, row),
            currency=cells["currency"][row],
            lang=cells["lang"][row],
            calendar=calendar if calendar is not None else Plan().calendar,
            cadence=_cadence(table, row),
            policy=policy,
        )


def _calendar(reader: PlanReader, data: Any) -> Any:
    made = reader.calendar((), data)
    return None if reader.problems else made


def _objective(table: _Table, row: int, key_results: tuple[KeyResult, ...]) -> Objective:
    cells = table.columns
    with errors_at(table.place(row)):
        made = Objective(
            cells["title"][row],
            id=cells["id"][row],
            owner=cells["owner"][row],
            period=_period(table, row),
            commitment=cells["commitment"][row],
            parent=cells["parent"][row],
            weight=cells["weight"][row],
            ignore=tuple(cells["ignore"][row]),
            key_results=key_results,
        )
    _same(table, row, "objective", made.key, "the objective's key (its id, else its title's)")
    return made


def _amount(table: _Table, row: int, column: str) -> Amount | None:
    value, unit = table.columns[column][row], table.columns[f"{column}_unit"][row]
    if value is None:
        if unit is not None:
            raise InvalidValueError(
                table.place(row, f"{column}_unit"), unit, f"null, as {column} is"
            )
        return None
    with errors_at(table.place(row, column)):
        return Amount(value, unit)


def _metric_type(table: _Table, row: int) -> MetricType | None:
    name = table.columns["metric_type"][row]
    definition = _json_cell(table, row, "metric_type_definition")
    if definition is None:
        return _read(  # type: ignore[no-any-return]
            table, row, "metric_type", name, lambda reader: reader.metric_type((), name)
        )
    made: MetricType = _read(
        table, row, "metric_type_definition", definition,
        lambda reader: reader.metric_type((), definition),
    )  # fmt: skip
    if made.name != name:
        raise InvalidValueError(
            table.place(row, "metric_type"), name, f"{made.name!r}, the name in its definition"
        )
    return made


def _key_result(
    table: _Table,
    row: int,
    checkins: tuple[CheckIn, ...],
    initiatives: tuple[Initiative, ...],
) -> KeyResult:
    cells = table.columns
    with errors_at(table.place(row)):
        return KeyResult(
            cells["statement"][row],
            id=cells["id"][row],
            metric=cells["metric"][row],
            metric_type=_metric_type(table, row),
            direction=cells["written_direction"][row],
            nature=cells["nature"][row],
            baseline=_amount(table, row, "written_baseline"),
            target=_amount(table, row, "written_target"),
            change=_amount(table, row, "change"),
            share=_amount(table, row, "written_share"),
            per=cells["per"][row],
            deadline=cells["deadline"][row],
            weight=cells["weight"][row],
            owner=cells["owner"][row],
            done=cells["done"][row],
            strict=cells["strict"][row],
            cadence=_cadence(table, row),
            ignore=tuple(cells["ignore"][row]),
            checkins=checkins,
            initiatives=initiatives,
        )


def _history(
    table: _Table, rows: list[int], tenant: str | None, units: dict[Any, bool]
) -> tuple[CheckIn, ...]:
    """The check-ins of *rows*. One whose unit is already in Amount's form (*units*
    remembers the texts seen), with a finite value and confidence and neither
    note nor source, is made without checking its fields again, as the plan-file
    reader makes one; any other goes through CheckIn's checks."""
    cells = table.columns
    _all_same(table, rows, "tenant", tenant, "the tenant of its plan")
    dates, values, written = cells["date"], cells["written_value"], cells["written_unit"]
    sure, notes, sources = cells["confidence"], cells["note"], cells["source"]
    out = []
    for row in rows:
        day, value, unit, confidence = dates[row], values[row], written[row], sure[row]
        plain = units.get(unit)
        if plain is None:
            plain = units[unit] = unit is None or unit_form(unit) == unit
        if (
            plain
            and notes[row] is None
            and sources[row] is None
            and type(value) is float
            and math.isfinite(value)
            and (confidence is None or 0 <= confidence <= 1)
            and type(day) is dt.date
        ):
            out.append(trusted_checkin(day, trusted_amount(value, unit), confidence))
            continue
        note, source = notes[row], sources[row]
        try:
            amount = Amount(value, unit)
            out.append(CheckIn(day, amount, confidence=confidence, note=note, source=source))
        except (InvalidValueError, InvalidTypeError) as exc:
            place = f"{table.place(row)}: {exc.field}"
            raise type(exc)(place, exc.value, exc.expected) from None
    return tuple(out)


def _all_same(table: _Table, rows: list[int], column: str, expected: Any, what: str) -> None:
    """Every row of *rows* holds *expected* in *column* (else the first that does not
    is refused)."""
    cells = table.columns[column]
    found = [cells[row] for row in rows]
    if found.count(expected) != len(found):
        for row in rows:
            _same(table, row, column, expected, what)


def _all_derived(table: _Table, rows: list[int], column: str, expected: list[Any]) -> None:
    """:func:`_derived` for each row of *rows*, *expected* in the same order."""
    cells = table.columns[column]
    if [cells[row] for row in rows] != expected:
        for row, value in zip(rows, expected, strict=True):
            _derived(table, row, column, value)


def _initiative(table: _Table, row: int, tenant: str | None) -> Initiative:
    cells = table.columns
    _same(table, row, "tenant", tenant, "the tenant of its plan")
    with errors_at(table.place(row)):
        return Initiative(cells["title"][row], owner=cells["owner"][row], done=cells["done"][row])


def _link(table: _Table, row: int, tenant: str | None) -> Link:
    cells = table.columns
    _same(table, row, "tenant", tenant, "the tenant of its plan")
    with errors_at(table.place(row)):
        return Link(cells["link_from"][row], cells["link_to"][row], because=cells["because"][row])


def _agrees(
    read: dict[str, _Table], row: int, plan: Plan, placed: list[list[_Placed]], ureg: Any
) -> None:
    """The keys and scoring columns of *plan*'s rows (*placed*) are what *plan*
    gives: a row that says otherwise was edited in the wrong column, and is refused."""
    plans, key_results = read["plans"], read["key_results"]
    checkins, initiatives = read["checkins"], read["initiatives"]
    worked_out = plan_cells(plan)
    for column in _THRESHOLDS:
        _derived(plans, row, column, worked_out[column])
    for objective, rows in zip(plan.objectives, placed, strict=True):
        period = objective.period or plan.period
        names = objective.key_result_keys()
        for item, name, (krow, crows, irows) in zip(
            objective.key_results, names, rows, strict=True
        ):
            derived = scoring_cells(item, period, ureg)
            for column in (*_SCORING, *_WINDOW):
                _derived(key_results, krow, column, derived[column])
            if crows:
                values = checkin_values(item, ureg)
                _all_derived(checkins, crows, "value", [value for value, _share in values])
                _all_derived(checkins, crows, "measured_share", [share for _value, share in values])
            for table, found in ((key_results, [krow]), (checkins, crows), (initiatives, irows)):
                if found:
                    _all_same(table, found, "objective", objective.key, "its objective's key")
                    _all_same(table, found, "key_result", name, "the key result's key")


def _derived(table: _Table, row: int, column: str, expected: Any) -> None:
    found = table.columns[column][row]
    if found == expected:
        return
    raise InvalidValueError(
        table.place(row, column), found,
        f"{expected!r}, worked out from the fields as written: change those instead "
        "(a scoring column is derived)",
    )  # fmt: skip
