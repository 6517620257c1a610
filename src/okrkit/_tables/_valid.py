"""What scoring reads, refused where the model would refuse it, before it is scored.

``score_tables`` reads tables it did not make (a Parquet folder, a relation, a
DataFrame), so every column it reads is held to the bounds the schema states
(:mod:`okrkit._tables._schema`: never null where the schema says so, floats
finite and within their field's bounds, choices among the documented texts,
pairs of columns in order). The check is one query: an aggregate per table, the
tables side by side, each saying whether a row of it fails a check. Only a table
that fails is read again, for its first such row in plan order and the first
check it fails, to name them.

A float is finite when it lies between ± the largest float: both engines order
NaN above every number. (DuckDB is told that a Parquet file's floats may hold
NaN, :class:`~okrkit._tables._engine.DuckDBEngine`: else it would decide the
comparison from the file's statistics, which leave NaN out.)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, NamedTuple

from okrkit._tables._engine import Engine
from okrkit._tables._query import LARGEST, float_literal
from okrkit._tables._schema import ORDERED, column
from okrkit.exceptions import InvalidValueError, excerpt


__all__ = ["refuse_invalid"]

_KEYS = ("plan", "objective_index", "objective", "key_result_index", "key_result",
         "checkin_index")  # fmt: skip
"""The columns that name a row."""
_ORDER = ("plan", "objective_index", "key_result_index", "checkin_index")
"""The columns rows are sorted by: a plan's key, then positions."""

_KINDS = {
    "float64": ("double", "float", "real"),
    "int32": ("tinyint", "smallint", "int", "integer", "bigint", "hugeint",
              "utinyint", "usmallint", "uinteger", "ubigint", "uhugeint"),
    "bool": ("boolean",),
    "date32": ("date",),
    "string": ("varchar", "string"),
}  # fmt: skip
"""The engines' names (DuckDB's and Spark's, lower case, without arguments) of the
types a column of each of okrkit's types may have: as ``PlanTables`` takes them, a
wider or narrower integer, never a number as text, nor a date as a number."""
_NULL = ("null", "void")
"""A column of nulls only (a query's ``NULL AS tenant``)."""

_HINT = (
    "correct the cell, or write the tables again from the plans (okrkit export, "
    "okrkit.tables.to_tables)"
)
_HINT_ES = (
    "corrige la celda, o vuelve a escribir las tablas desde los planes (okrkit export, "
    "okrkit.tables.to_tables)"
)


class Check(NamedTuple):
    """One thing a row of a table must be: *bad* (SQL) is true of a row that is not."""

    column: str
    bad: str
    expected: str
    other: str = ""
    """The column *column* is compared with, shown beside what was expected."""


def checks(table: str, read: Sequence[str]) -> list[Check]:
    """The checks of the columns *read* of *table*, from the schema's bounds."""
    found = []
    for name in read:
        about = column(table, name)
        if not about.nullable:
            found.append(Check(name, f"{name} IS NULL", "a value: the column is never null"))
        if about.type == "float64":
            low = -LARGEST if about.low is None else about.low
            high = LARGEST if about.high is None else about.high
            bad = f"NOT ({name} BETWEEN {float_literal(low)} AND {float_literal(high)})"
            found.append(Check(name, bad, _number(about.low, about.high)))
        elif about.low is not None:  # a position: whole by its type
            found.append(
                Check(name, f"{name} < {int(about.low)}", f"a whole number ≥ {about.low:g}")
            )
        if about.choices:
            listed = ", ".join(f"'{choice}'" for choice in about.choices)
            found.append(
                Check(name, f"{name} NOT IN ({listed})", f"one of {' | '.join(about.choices)}")
            )
    for first, second, expected in ORDERED.get(table, ()):
        if first in read and second in read:
            bad = f"{first} > {second} OR (({first} IS NULL) <> ({second} IS NULL))"
            found.append(Check(first, bad, expected, second))
    return found


def _number(low: float | None, high: float | None) -> str:
    if low is not None and high is not None:
        return f"a number from {low:g} to {high:g}"
    if low is not None:
        return f"a finite number ≥ {low:g}"
    return "a finite number (no NaN or infinity)"


def _any_failed(table_checks: Sequence[Check]) -> str:
    """SQL: 1 for a row that fails a check, else null (a third faster than
    :func:`_first_failed` over every row: one test of the checks joined by OR)."""
    joined = " OR ".join(f"({check.bad})" for check in table_checks)
    return f"CASE WHEN {joined} THEN 1 END"


def _first_failed(table_checks: Sequence[Check]) -> str:
    """SQL: the number of the first check a row fails, from 1 (null: none)."""
    cases = " ".join(f"WHEN {check.bad} THEN {at}" for at, check in enumerate(table_checks, 1))
    return f"CASE {cases} END"


class Structure(NamedTuple):
    """Rows that break how the tables fit together: *rows* (SQL, of a run's tables)
    selects them, by their keys; *column* is the key at fault."""

    table: str
    keys: tuple[str, ...]
    column: str
    rows: str
    expected: str


_PARENTS = {"objectives": "plans", "key_results": "objectives"}
_PLACES = {
    "plans": ("plan",),
    "objectives": ("plan", "objective_index"),
    "key_results": ("plan", "objective_index", "key_result_index"),
}
"""The key of each table checked for a row repeated or without its parent: the
small tables (a check-in's key result is looked up by scoring, which leaves out a
check-in without one)."""


def structures(run: Engine, read: Mapping[str, Sequence[str]]) -> list[Structure]:
    """Each row's key once in its table, and its parent's key in the parent's table."""
    found = []
    for table, keys in _PLACES.items():
        if table not in read:
            continue
        listed = ", ".join(keys)
        within = {1: "in the table", 2: "in its plan", 3: "in its objective"}[len(keys)]
        repeated = f"SELECT {listed} FROM {run.names(table)} GROUP BY {listed} HAVING count(*) > 1"
        found.append(Structure(table, keys, keys[-1], repeated, f"each {keys[-1]} once {within}"))
        parent = _PARENTS.get(table, "")
        if parent in read:
            joined = _PLACES[parent]
            on = " AND ".join(f"p.{key} = c.{key}" for key in joined)
            orphans = f"""SELECT {", ".join(f"c.{key}" for key in keys)}
                FROM {run.names(table)} AS c
                WHERE NOT EXISTS (SELECT 1 FROM {run.names(parent)} AS p WHERE {on})"""
            expected = f"a key found in the {parent} table ({', '.join(joined)})"
            found.append(Structure(table, keys, joined[-1], orphans, expected))
    return found


def refuse_invalid(run: Engine, read: Mapping[str, Sequence[str]], caller: str) -> None:
    """Raise :class:`InvalidValueError` for the first row of the tables *read* (the
    run's tables, by name, with the columns read) that holds a value the model
    refuses, naming its table, plan, positions and column; then for a row repeated
    or without its parent row."""
    for name, columns in read.items():
        _refuse_types(run, name, columns, caller)
    planned = {name: checks(name, columns) for name, columns in read.items()}
    planned = {name: found for name, found in planned.items() if found}
    tables = list(planned)
    fitted = structures(run, read)
    query = " UNION ALL ".join(
        [
            f"SELECT {at} AS t, max({_any_failed(planned[name])}) AS failed FROM {run.names(name)}"
            for at, name in enumerate(tables)
        ]
        + [
            f"SELECT {len(tables) + at} AS t, CASE WHEN count(*) > 0 THEN 1 END AS failed "
            f"FROM ({structure.rows}) AS found"
            for at, structure in enumerate(fitted)
        ]
    )
    if not query:
        return
    failed = sorted(row[0] for row in run.rows(query) if row[1] is not None)
    if not failed:
        return
    if failed[0] < len(tables):
        name = tables[failed[0]]
        _refuse_first(run, name, read[name], planned[name], caller)
    _refuse_structure(run, fitted[failed[0] - len(tables)], caller)


def _refuse_structure(run: Engine, structure: Structure, caller: str) -> None:
    listed = ", ".join(structure.keys)
    order = ", ".join(f"{key} NULLS FIRST" for key in structure.keys)
    found = run.rows(f"SELECT {listed} FROM ({structure.rows}) AS found ORDER BY {order} LIMIT 1")
    values = dict(zip(structure.keys, found[0], strict=True))
    raise _refusal(caller, structure.table, structure.keys, values, structure.column,
                   structure.expected)  # fmt: skip


def _refuse_types(run: Engine, table: str, read: Sequence[str], caller: str) -> None:
    """Refuse a column read whose type is not one of okrkit's type for it (the
    engine's metadata: nothing is read)."""
    types = {name.lower(): kind for name, kind in run.types(table).items()}
    for name in read:
        kind = types[name.lower()]
        plain = kind.split("(")[0].strip().strip('"').lower()
        wanted = column(table, name).type
        if plain not in _KINDS[wanted] + _NULL:
            raise InvalidValueError(
                f"{caller}: {table}.{name}", kind,
                f"a column of {wanted} (docs/tables.md); a number is never read from text, "
                "nor a date from a number",
            )  # fmt: skip


def _refuse_first(
    run: Engine, table: str, read: Sequence[str], found: Sequence[Check], caller: str
) -> None:
    keys = [key for key in _KEYS if key in read]
    order = ", ".join(f"{key} NULLS FIRST" for key in _ORDER if key in read)
    named = ", ".join(keys)
    checked = sorted(
        {name for check in found for name in (check.column, check.other) if name} - set(keys)
    )
    first = _first_failed(found)
    rows = run.rows(
        f"""SELECT {first} AS failed, {named}, {", ".join(checked)}
        FROM {run.names(table)} WHERE ({first}) IS NOT NULL
        ORDER BY {order} LIMIT 1"""
    )
    values = dict(zip(["failed", *keys, *checked], rows[0], strict=True))
    check = found[int(values["failed"]) - 1]
    expected = check.expected
    if check.other:
        expected = f"{expected} ({check.other} is {_key(values[check.other])})"
    raise _refusal(caller, table, keys, values, check.column, expected)


def _refusal(
    caller: str, table: str, keys: Sequence[str], values: dict[str, Any], name: str, expected: str
) -> InvalidValueError:
    """The error for the row of *table* whose *keys* have *values*: its column *name*."""
    where = ", ".join(f"{key} {_key(values[key])}" for key in keys)
    return InvalidValueError(
        f"{caller}: {table} row ({where}), {name}",
        values[name],
        expected,
        hint=_HINT,
        hint_es=_HINT_ES,
    )


def _key(value: Any) -> str:
    return repr(excerpt(value)) if isinstance(value, str) else str(value)
