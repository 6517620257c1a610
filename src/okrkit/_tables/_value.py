"""``PlanTables``: the six tables of one or more plans, as one immutable value."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs

from okrkit._files._hints import did_you_mean
from okrkit._tables._arrow import pyarrow
from okrkit._tables._schema import TABLES, arrow_schema, columns
from okrkit.exceptions import InvalidTypeError, InvalidValueError


__all__ = ["PlanTables", "as_table", "plan_tables"]


def as_table(name: str, value: object) -> Any:
    """*value* as the Arrow table *name* with okrkit's schema: a ``pyarrow.Table`` (or
    record batches) with exactly the schema's columns, in any order, of types that
    cast to the schema's without loss (an ``int64`` index, a ``large_string``)."""
    pa = pyarrow()
    place = f"PlanTables.{name}"
    if isinstance(value, pa.RecordBatch):
        value = pa.Table.from_batches([value])
    elif isinstance(value, (list, tuple)) and all(isinstance(v, pa.RecordBatch) for v in value):
        if not value:
            return arrow_schema(name).empty_table()
        value = pa.Table.from_batches(list(value))
    if not isinstance(value, pa.Table):
        raise InvalidTypeError(place, value, "a pyarrow.Table (or record batches)")
    schema = arrow_schema(name)
    if value.schema == schema:
        return value
    known = columns(name)
    names = value.column_names
    for column in names:
        if column not in known:
            raise InvalidValueError(
                place, column,
                f"a column of the {name} table{did_you_mean(column, known)} "
                f"(its columns: {', '.join(known)})",
            )  # fmt: skip
        if names.count(column) > 1:
            raise InvalidValueError(place, column, "each column once")
    missing = [column for column in known if column not in names]
    if missing:
        raise InvalidValueError(place, None, f"a column named {missing[0]}")
    ordered = value.select(list(known))
    wrong = [
        field
        for field in schema
        if not _same_kind(pa, ordered.schema.field(field.name).type, field.type)
    ]
    if wrong:
        field = wrong[0]
        raise InvalidValueError(
            f"{place}.{field.name}", str(ordered.schema.field(field.name).type),
            f"a column of {field.type} (docs/tables.md); a number is never read from text, "
            "nor a date from a number",
        )  # fmt: skip
    for field in schema:
        if not field.nullable and ordered.column(field.name).null_count:
            raise InvalidValueError(f"{place}.{field.name}", None, "no null in this column")
    try:
        cast = ordered.cast(schema, safe=True)
    except (pa.ArrowException, ValueError) as exc:
        raise InvalidValueError(
            place, str(exc).splitlines()[0], "values that fit okrkit's types (docs/tables.md)"
        ) from None
    return cast


def _same_kind(pa: Any, given: Any, wanted: Any) -> bool:
    """Whether a column of type *given* holds what one of *wanted* does, cast
    without reading one kind of value as another: a wider or narrower integer, a
    large string, a column of nulls (that a query gives), never text as a number."""
    types = pa.types
    if given == wanted or types.is_null(given):
        return True
    kinds = (
        types.is_integer, types.is_floating, types.is_boolean, types.is_date,
        lambda t: types.is_string(t) or types.is_large_string(t),
    )  # fmt: skip
    if types.is_list(wanted):
        return (types.is_list(given) or types.is_large_list(given)) and _same_kind(
            pa, given.value_type, wanted.value_type
        )
    return any(kind(given) and kind(wanted) for kind in kinds)


def _plans(value: object) -> Any:
    return as_table("plans", value)


def _objectives(value: object) -> Any:
    return as_table("objectives", value)


def _key_results(value: object) -> Any:
    return as_table("key_results", value)


def _checkins(value: object) -> Any:
    return as_table("checkins", value)


def _links(value: object) -> Any:
    return as_table("links", value)


def _initiatives(value: object) -> Any:
    return as_table("initiatives", value)


def _empty(name: str) -> Any:
    return attrs.Factory(lambda: arrow_schema(name).empty_table())


@attrs.frozen(repr=False, eq=False)
class PlanTables:
    """The tables of one or more plans (docs/tables.md): ``plans``, ``objectives``,
    ``key_results``, ``checkins``, ``links`` and ``initiatives``, each a
    ``pyarrow.Table`` with okrkit's schema. A table left out is empty."""

    plans: Any = attrs.field(default=_empty("plans"), converter=_plans)
    objectives: Any = attrs.field(default=_empty("objectives"), converter=_objectives, kw_only=True)
    key_results: Any = attrs.field(
        default=_empty("key_results"), converter=_key_results, kw_only=True
    )
    checkins: Any = attrs.field(default=_empty("checkins"), converter=_checkins, kw_only=True)
    links: Any = attrs.field(default=_empty("links"), converter=_links, kw_only=True)
    initiatives: Any = attrs.field(
        default=_empty("initiatives"), converter=_initiatives, kw_only=True
    )

    def __repr__(self) -> str:
        counts = ", ".join(f"{name}={self.table(name).num_rows}" for name in TABLES)
        return f"<PlanTables rows: {counts}>"

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return all(self.table(name).equals(other.table(name)) for name in TABLES)

    def __ne__(self, other: object) -> bool:
        equal = self.__eq__(other)
        return equal if equal is NotImplemented else not equal

    __hash__ = None  # type: ignore[assignment]  # Arrow tables are not hashable

    def table(self, name: str) -> Any:
        """The table called *name* (``plans``, ``objectives``, ...)."""
        if name not in TABLES:
            raise InvalidValueError("PlanTables.table(name)", name, f"one of {', '.join(TABLES)}")
        return getattr(self, name)

    def items(self) -> list[tuple[str, Any]]:
        """``(name, table)`` of every table, in the order of docs/tables.md."""
        return [(name, getattr(self, name)) for name in TABLES]

    @property
    def plan_keys(self) -> tuple[str, ...]:
        """The key of each plan, in the order of the ``plans`` table."""
        return tuple(self.plans.column("plan").to_pylist())

    @classmethod
    def concat(cls, *tables: PlanTables) -> PlanTables:
        """The tables of several ``PlanTables`` (each tenant's, say) as one; a plan
        key may appear in only one of them."""
        pa = pyarrow()
        seen: set[str] = set()
        for item in tables:
            if not isinstance(item, PlanTables):
                raise InvalidTypeError("PlanTables.concat(tables)", item, "PlanTables values")
            keys = item.plan_keys
            again = seen.intersection(keys)
            if again:
                raise InvalidValueError(
                    "PlanTables.concat(tables)", sorted(again)[0],
                    "plan keys found in one of the tables only: rename the plan",
                )  # fmt: skip
            seen.update(keys)
        return cls(
            **{
                name: pa.concat_tables([item.table(name) for item in tables])
                if tables
                else arrow_schema(name).empty_table()
                for name in TABLES
            }
        )


def plan_tables(value: object, name: str) -> PlanTables:
    """*value* as :class:`PlanTables`: itself, or a mapping of table name to a
    ``pyarrow.Table`` or record batches (a table left out is empty)."""
    if isinstance(value, PlanTables):
        return value
    if isinstance(value, Mapping):
        unknown = [table for table in value if table not in TABLES]
        if unknown:
            raise InvalidValueError(name, unknown[0], f"tables named {', '.join(TABLES)}")
        return PlanTables(**value)
    raise InvalidTypeError(name, value, "PlanTables, or a mapping of table name to a pyarrow.Table")
