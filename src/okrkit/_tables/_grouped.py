"""Checking on Spark: the rules stay Python, run once per plan by a grouped map.

The six tables go to Spark as one DataFrame: ``plan``, and a column per table
holding one of its rows as a struct (the others null on that row). Grouped by
``plan``, each plan's rows reach a Python worker as Arrow
(``groupBy("plan").applyInArrow``), become its tables again, and
:func:`okrkit.tables.check_batches` checks the plan; the findings come back as
a DataFrame of docs/tables.md's ``findings`` columns.
"""

from __future__ import annotations

from typing import Any

from okrkit._tables._arrow import pyarrow
from okrkit._tables._engine import SparkEngine, input_tables, spark_type
from okrkit._tables._schema import COLUMNS, TABLES, arrow_schema


__all__ = ["check_on_spark", "spark_schema"]


def check_on_spark(tables: object, spark: Any, options: dict[str, Any]) -> Any:
    """The findings of every plan in *tables*, checked with *options* (those of
    :func:`okrkit.check`) on *spark*: a DataFrame, one row per finding."""
    from pyspark.sql import functions as F  # noqa: PLC0415 - the caller runs Spark

    engine = SparkEngine(spark)
    sources = input_tables(tables, COLUMNS, "check_tables(tables)")
    rows = None
    for name, columns in COLUMNS.items():
        frame = engine.frame(sources[name])
        one = frame.select(frame["plan"], F.struct(*(frame[c] for c in columns)).alias(name))
        rows = one if rows is None else rows.unionByName(one, allowMissingColumns=True)
    assert rows is not None

    def check(group: Any) -> Any:
        return _check_group(group, options=options)

    table = pyarrow().Table  # Spark reads the kind of grouped map from these hints
    check.__annotations__ = {"group": table, "return": table}
    return rows.groupBy("plan").applyInArrow(check, schema=spark_schema("findings"))


def _check_group(group: Any, *, options: dict[str, Any]) -> Any:
    """One plan's rows (an Arrow table: ``plan`` and a struct column per table)
    checked: its findings, as an Arrow table."""
    import pyarrow.compute as pc  # noqa: PLC0415 - pyarrow is there: Spark handed Arrow

    from okrkit._tables._check import check_batches  # noqa: PLC0415 - the two import each other

    tables = {}
    for name in TABLES:
        column = group.column(name)
        rows = column.filter(pc.is_valid(column)).combine_chunks()
        tables[name] = pyarrow().Table.from_struct_array(rows)
    return check_batches(tables, **options)


def spark_schema(table: str) -> Any:
    """The Spark ``StructType`` of an okrkit table (docs/tables.md)."""
    from pyspark.sql import types as T  # noqa: PLC0415 - the caller runs Spark

    return T.StructType(
        [
            T.StructField(field.name, spark_type(field.type), nullable=field.nullable)
            for field in arrow_schema(table)
        ]
    )
