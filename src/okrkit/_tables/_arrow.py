"""pyarrow and duckdb, the ``tables`` extra: loaded when a function first needs them."""

from __future__ import annotations

from typing import Any

from okrkit.exceptions import OptionalDependencyError


__all__ = ["duckdb", "pyarrow", "pyarrow_parquet"]

EXTRA = "okrkit[tables]"


def pyarrow() -> Any:
    """The ``pyarrow`` module, or an error that names the extra to install."""
    try:
        import pyarrow as pa  # noqa: PLC0415 - an optional extra, loaded on use
    except ImportError:
        raise OptionalDependencyError("pyarrow", EXTRA) from None
    return pa


def pyarrow_parquet() -> Any:
    """``pyarrow.parquet``, or an error that names the extra to install."""
    pyarrow()
    import pyarrow.parquet as pq  # noqa: PLC0415 - an optional extra, loaded on use

    return pq


def duckdb() -> Any:
    """The ``duckdb`` module, or an error that names the extra to install."""
    try:
        import duckdb as db  # noqa: PLC0415 - an optional extra, loaded on use
    except ImportError:
        raise OptionalDependencyError("duckdb", EXTRA) from None
    return db
