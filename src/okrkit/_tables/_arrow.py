"""The optional extras okrkit.tables needs, loaded when a function first needs them:
pyarrow and duckdb (the ``tables`` extra), sqlglot (the ``spark`` extra)."""

from __future__ import annotations

import importlib
from typing import Any

from okrkit.exceptions import OptionalDependencyError


__all__ = ["duckdb", "pyarrow", "pyarrow_parquet", "sqlglot"]

EXTRA = "okrkit[tables]"
SPARK_EXTRA = "okrkit[spark]"


def _module(name: str, extra: str) -> Any:
    """The module *name*, or an error that names the extra to install."""
    try:
        return importlib.import_module(name)
    except ImportError:
        raise OptionalDependencyError(name, extra) from None


def pyarrow() -> Any:
    """The ``pyarrow`` module, or an error that names the extra to install."""
    return _module("pyarrow", EXTRA)


def pyarrow_parquet() -> Any:
    """``pyarrow.parquet``, or an error that names the extra to install."""
    pyarrow()
    return importlib.import_module("pyarrow.parquet")


def duckdb() -> Any:
    """The ``duckdb`` module, or an error that names the extra to install."""
    return _module("duckdb", EXTRA)


def sqlglot() -> Any:
    """sqlglot, which translates the scoring queries for Spark (the ``spark`` extra)."""
    return _module("sqlglot", SPARK_EXTRA)
