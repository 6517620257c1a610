"""Plans as Arrow tables and Parquet files (the ``tables`` extra: pyarrow, duckdb).

::

    from okrkit.tables import to_tables, from_tables, write_parquet, read_parquet

    tables = to_tables({"ventas-q1": plan}, tenant="acme")
    write_parquet(tables, "okrs/")
    plans = from_tables(read_parquet("okrs/"))   # {"ventas-q1": Plan(...)}
    scores = score_tables("okrs/", as_of="2026-02-15")  # every plan, as queries

Scoring runs on DuckDB in process, or on Spark given a SparkSession (the
``spark`` extra: pyspark, sqlglot); so does checking, on Spark. The figures of
:mod:`okrkit.history` (``calibration_tables``, ``evidence_tables``,
``backtest_tables``) run on DuckDB.
The columns of each table are a contract: see docs/tables.md (and :data:`COLUMNS`).
Importing this module loads neither pyarrow nor duckdb; the first function that
needs them does, and says which extra to install when they are missing.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any


if TYPE_CHECKING:
    from okrkit._tables._check import check_batches, check_tables
    from okrkit._tables._history import backtest_tables, calibration_tables, evidence_tables
    from okrkit._tables._parquet import read_parquet, write_parquet
    from okrkit._tables._read import from_tables
    from okrkit._tables._schema import COLUMNS, Column, arrow_schema
    from okrkit._tables._scoring import TableScores, score_tables
    from okrkit._tables._value import PlanTables
    from okrkit._tables._write import to_tables


__all__ = [
    "COLUMNS",
    "Column",
    "PlanTables",
    "TableScores",
    "arrow_schema",
    "backtest_tables",
    "calibration_tables",
    "check_batches",
    "check_tables",
    "evidence_tables",
    "from_tables",
    "read_parquet",
    "score_tables",
    "to_tables",
    "write_parquet",
]

_HOMES = {
    **dict.fromkeys(("COLUMNS", "Column", "arrow_schema"), "okrkit._tables._schema"),
    "PlanTables": "okrkit._tables._value",
    "to_tables": "okrkit._tables._write",
    "from_tables": "okrkit._tables._read",
    **dict.fromkeys(("read_parquet", "write_parquet"), "okrkit._tables._parquet"),
    **dict.fromkeys(("check_batches", "check_tables"), "okrkit._tables._check"),
    **dict.fromkeys(("TableScores", "score_tables"), "okrkit._tables._scoring"),
    **dict.fromkeys(
        ("backtest_tables", "calibration_tables", "evidence_tables"), "okrkit._tables._history"
    ),
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'okrkit.tables' has no attribute {name!r}")
    value = getattr(importlib.import_module(home), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
