"""The tables as Parquet files: one file per table, in a folder of their own.

A folder holds exactly ``plans.parquet``, ``objectives.parquet``,
``key_results.parquet``, ``checkins.parquet``, ``links.parquet`` and
``initiatives.parquet``; one missing, or anything else in the folder, is
refused. Reading is bounded: each file is a regular file read whole up to a
size limit, and the tables it decodes to are counted against a second limit,
row group by row group, so a small file cannot expand without end. A Parquet
file is data: only okrkit's columns are read, and pyarrow (from 14.0.1) never
unpickles an extension type; a file that carries one is refused (pyarrow 17 to 20
would warn and read on).
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
import warnings
from pathlib import Path
from typing import Any

from okrkit._fields import flag
from okrkit._files._source import max_bytes_of, read_file
from okrkit._plural import plural
from okrkit._tables._arrow import pyarrow, pyarrow_parquet
from okrkit._tables._schema import TABLES, columns
from okrkit._tables._value import PlanTables, as_table
from okrkit.exceptions import InvalidTypeError, OkrkitError, PlanFileError, Problem


__all__ = ["FILES", "MAX_PARQUET_BYTES", "MAX_TABLE_BYTES", "read_parquet", "write_parquet"]

_GIB = 1 << 30

FILES = tuple(f"{name}.parquet" for name in TABLES)
"""The files of a folder of tables, in the order of docs/tables.md."""

MAX_PARQUET_BYTES = 2 * _GIB
"""The most bytes one Parquet file may hold unless the caller allows more."""

MAX_TABLE_BYTES = 8 * _GIB
"""The most bytes the tables of a folder may take in memory once decoded."""

_FORMAT = {b"okrkit.tables": b"1"}
"""What okrkit writes in each file's metadata: the version of docs/tables.md's schema."""


def _problem(path: object, message: str) -> PlanFileError:
    return PlanFileError([Problem(message, file=str(path))])


def _folder(value: object, name: str) -> Path:
    if isinstance(value, bool) or not isinstance(value, (str, os.PathLike)):
        raise InvalidTypeError(name, value, "a folder's path")
    return Path(value)


def _expected() -> str:
    return ", ".join(FILES)


def write_parquet(tables: object, folder: object, *, overwrite: bool = False) -> None:
    """Write *tables* (:class:`PlanTables`) to *folder*, one Parquet file per table.

    The folder is made if missing. One that holds anything but okrkit's six
    files is refused; one that holds them is written over only with *overwrite*.
    Each file is written beside its name and then put in its place, so a reader
    never sees half a file.
    """
    if not isinstance(tables, PlanTables):
        raise InvalidTypeError("write_parquet(tables)", tables, "PlanTables, from to_tables()")
    path = _folder(folder, "write_parquet(folder)")
    overwrite = flag("write_parquet(overwrite)", overwrite)
    pq = pyarrow_parquet()
    try:
        path.mkdir(parents=True, exist_ok=True)
        found = sorted(entry.name for entry in os.scandir(path))
    except (OSError, ValueError) as exc:
        raise _problem(path, f"cannot write the folder: {_reason(exc)}") from None
    foreign = [name for name in found if name not in FILES]
    if foreign:
        raise _problem(
            path,
            f"cannot write the folder: it holds {_named(foreign)}, which okrkit did not "
            f"write; expected a new or empty folder (or one holding only {_expected()})",
        )
    if found and not overwrite:
        raise _problem(
            path,
            "cannot write the folder: it holds okrkit's tables already; pass overwrite=True "
            "(okrkit export --overwrite) to write over them, or choose another folder",
        )
    for name, table in tables.items():
        target = path / f"{name}.parquet"
        try:
            _refuse_special(target)
            handle, temporary = tempfile.mkstemp(dir=path, prefix=f".{name}.", suffix=".tmp")
            os.close(handle)
            try:
                pq.write_table(table.replace_schema_metadata(_FORMAT), temporary)
                os.replace(temporary, target)
            finally:
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(temporary)
        except (OSError, ValueError) as exc:
            raise _problem(target, f"cannot write the file: {_reason(exc)}") from None


def _refuse_special(target: Path) -> None:
    """Never put a table where a directory or a FIFO is."""
    try:
        mode = os.lstat(target).st_mode
    except FileNotFoundError:
        return
    if not (stat.S_ISREG(mode) or stat.S_ISLNK(mode)):
        raise _problem(target, "cannot write the file: expected a regular file to write over")


def _reason(exc: BaseException) -> str:
    return str(getattr(exc, "strerror", None) or exc)


def _named(names: list[str]) -> str:
    shown = ", ".join(repr(name) for name in names[:5])
    more = len(names) - 5
    return shown + (f" and {plural(more, '# more|# more')}" if more > 0 else "")


def read_parquet(
    folder: object,
    *,
    max_bytes: int = MAX_PARQUET_BYTES,
    max_table_bytes: int = MAX_TABLE_BYTES,
) -> PlanTables:
    """The tables written to *folder* by :func:`write_parquet` (or by any tool that
    writes okrkit's columns: DuckDB's ``COPY``, Spark).

    Each file must be a regular file of at most *max_bytes* bytes, and the tables
    together at most *max_table_bytes* once decoded; a folder missing one of the
    six files, or holding any other, is refused.
    """
    path = _folder(folder, "read_parquet(folder)")
    limit = max_bytes_of(max_bytes, "read_parquet(max_bytes)")
    budget = max_bytes_of(max_table_bytes, "read_parquet(max_table_bytes)")
    try:
        folder_here = path.is_dir()
        found = sorted(entry.name for entry in os.scandir(path)) if folder_here else []
    except (OSError, ValueError) as exc:
        raise _problem(path, f"cannot read the folder: {_reason(exc)}") from None
    if not folder_here:
        what = "nothing" if not path.exists() else "no folder"
        raise _problem(path, f"expected a folder holding {_expected()}; found {what} there")
    foreign = [name for name in found if name not in FILES]
    missing = [name for name in FILES if name not in found]
    if foreign or missing:
        said = []
        if len(missing) == len(FILES):
            said.append("it holds none of them")
        elif missing:
            said.append(f"{_named(missing)} {'is' if len(missing) == 1 else 'are'} missing")
        if foreign:
            said.append(f"{_named(foreign)} {'is' if len(foreign) == 1 else 'are'} not okrkit's")
        raise _problem(path, f"expected a folder holding {_expected()} and nothing else: "
                       + "; ".join(said))  # fmt: skip
    made = {}
    for name in TABLES:
        target = path / f"{name}.parquet"
        table, used = _read_table(target, name, limit, budget)
        budget -= used
        made[name] = table
    return PlanTables(**made)


def _read_table(target: Path, name: str, limit: int, budget: int) -> tuple[Any, int]:
    """The table in *target*, and the bytes it takes decoded (at most *budget*)."""
    pa, pq = pyarrow(), pyarrow_parquet()
    data = read_file(target, max_bytes=limit)
    try:
        with warnings.catch_warnings():
            warnings.filterwarnings("error", "pickle-based", RuntimeWarning)
            parquet = pq.ParquetFile(pa.BufferReader(data))
        known = columns(name)
        wanted = parquet.schema_arrow.names
        unknown = [column for column in wanted if column not in known]
        if unknown:
            raise _problem(
                target,
                f"{_named(unknown)} {'is no column' if len(unknown) == 1 else 'are no columns'} "
                f"of the {name} table (its columns: {', '.join(known)})",
            )
        declared = sum(
            parquet.metadata.row_group(group).total_byte_size
            for group in range(parquet.num_row_groups)
        )
        if declared > budget:
            raise _too_large(target, budget)
        pieces = []
        used = 0
        for group in range(parquet.num_row_groups):
            piece = parquet.read_row_group(group, columns=wanted)
            used += piece.nbytes
            if used > budget:
                raise _too_large(target, budget)
            pieces.append(piece)
        table = (pa.concat_tables(pieces) if pieces else parquet.schema_arrow.empty_table()).select(
            wanted
        )
    except PlanFileError:
        raise
    except RuntimeWarning:
        raise _problem(
            target, "a column's type is a pickled Python object, which okrkit never loads"
        ) from None
    except (pa.ArrowException, OSError, ValueError) as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise _problem(target, f"cannot read the file as Parquet: {first}") from None
    try:
        return as_table(name, table.replace_schema_metadata(None)), used
    except OkrkitError as exc:
        raise _problem(target, str(exc)) from None


def _too_large(target: Path, budget: int) -> PlanFileError:
    return _problem(
        target,
        f"the tables take more than {budget:,} bytes decoded; pass a larger max_table_bytes "
        "(okrkit import --max-table-bytes) if you trust the files",
    )
