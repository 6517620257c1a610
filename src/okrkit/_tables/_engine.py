"""Where the queries run: DuckDB in process, or Apache Spark.

An engine takes the input tables under names of one run (:class:`Names`), runs
``SELECT`` statements written in DuckDB's dialect, keeps intermediate results as
tables, and hands back the answers: Arrow tables from DuckDB, DataFrames from
Spark. Spark gets the statements translated by sqlglot; the translation of
each statement is kept, so a run translates each one once.

Each run keeps to itself: its tables go by names of its own (``okrkit_`` and a
random suffix), temporary, and dropped when the run ends.
"""

from __future__ import annotations

import functools
import os
import secrets
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Protocol

from okrkit._tables._arrow import duckdb, pyarrow, sqlglot
from okrkit._tables._query import Names
from okrkit._tables._value import PlanTables
from okrkit.exceptions import InvalidTypeError, InvalidValueError, PlanFileError, Problem


__all__ = [
    "DuckDBEngine",
    "Engine",
    "SparkEngine",
    "engine_for",
    "input_tables",
    "is_spark_session",
    "spark_type",
]


@functools.lru_cache(maxsize=256)
def spark_sql(text: str) -> str:
    """A query in DuckDB's dialect, in Spark's."""
    found: list[str] = sqlglot().transpile(text, read="duckdb", write="spark")
    return found[0]


class Engine(Protocol):
    """What scoring asks of an engine (see the module docs)."""

    names: Names

    def register(self, name: str, source: Any) -> None:
        """Make *source* (an Arrow table, an engine's own table, or a Parquet file's
        path) the table *name* of this run."""

    def keep(self, name: str, sql: str) -> None:
        """Run *sql* and keep its rows as the table *name* of this run."""

    def view(self, name: str, sql: str) -> None:
        """Name *sql* *name* for this run's next queries, without running it."""

    def append(self, name: str, sql: str) -> int:
        """Run *sql*, add its rows to the table *name*; how many rows it added."""

    def rows(self, sql: str) -> list[tuple[Any, ...]]:
        """The rows of *sql*, as tuples (for small answers only)."""

    def types(self, name: str) -> dict[str, str]:
        """The columns of the table *name*, and their types as the engine names them."""

    def answer(self, sql: str, schema: Any) -> Any:
        """The rows of *sql*, as the engine hands answers back, with *schema*."""

    def close(self) -> None:
        """Forget this run's tables."""


def _can_have_nan(connection: Any, value: bool) -> bool | None:
    """Set DuckDB's ``parquet_can_have_nan`` to *value*; what it was (None: a DuckDB
    without the setting)."""
    try:
        was = connection.execute("SELECT current_setting('parquet_can_have_nan')").fetchall()
    except duckdb().Error:
        return None
    connection.execute(f"SET parquet_can_have_nan = {bool(value)}")
    return bool(was[0][0])


def _run_names() -> Names:
    return Names(f"okrkit_{secrets.token_hex(6)}")


_OWN = {"autoinstall_known_extensions": False, "autoload_known_extensions": False}
"""The settings of a DuckDB connection okrkit makes: no extension fetched or loaded."""


class DuckDBEngine:
    """DuckDB, in process: the caller's connection, or a new one in memory.

    While a run lasts, DuckDB takes a float column of a Parquet file as one that
    may hold NaN whatever the file's statistics say (``parquet_can_have_nan``):
    their minimum and maximum leave NaN out, and DuckDB otherwise decides
    comparisons from them, so that a NaN in a file passes any check.

    A connection of okrkit's own installs and loads no extension DuckDB would
    fetch for what it is asked to read (httpfs for ``s3://``, say): reading
    tables never downloads or loads code. A caller who wants one loads it on a
    connection of their own and passes that.
    """

    def __init__(self, connection: Any = None) -> None:
        self.own = connection is None
        self.connection = connection if connection is not None else duckdb().connect(config=_OWN)
        self.names = _run_names()
        self.views: list[str] = []
        self.tables: list[str] = []
        self.registered: list[str] = []
        self.nan = _can_have_nan(self.connection, True)

    def register(self, name: str, source: Any) -> None:
        target = self.names(name)
        if isinstance(source, (str, os.PathLike)):
            path = os.fspath(source)
            try:
                self.connection.read_parquet(path).create_view(target)
            except duckdb().Error as exc:
                first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
                hint = (
                    "; to read through a DuckDB extension (s3://, https://), pass as engine= "
                    "a connection that has it loaded"
                    if "://" in path
                    else ""
                )
                problem = f"expected okrkit's Parquet table, DuckDB cannot read it: {first}{hint}"
                raise PlanFileError([Problem(problem, file=path)]) from None
            self.views.append(target)
        elif isinstance(source, duckdb().DuckDBPyRelation):
            source.create_view(target)  # on the relation's own connection
            try:
                self.connection.execute(f"SELECT 1 FROM {target} LIMIT 0").fetchall()
            except duckdb().CatalogException:
                raise InvalidValueError(
                    f"tables[{name!r}]", "a DuckDB relation of another connection",
                    "a relation of the connection passed as engine=, or an Arrow table",
                ) from None  # fmt: skip
            self.views.append(target)
        else:
            self.connection.register(target, source)
            self.registered.append(target)

    def keep(self, name: str, sql: str) -> None:
        target = self.names(name)
        self.connection.execute(f"CREATE OR REPLACE TEMP TABLE {target} AS {sql}")
        if target not in self.tables:
            self.tables.append(target)

    def view(self, name: str, sql: str) -> None:
        target = self.names(name)
        self.connection.execute(f"CREATE OR REPLACE TEMP VIEW {target} AS {sql}")
        if target not in self.views:
            self.views.append(target)

    def append(self, name: str, sql: str) -> int:
        target = self.names(name)
        found = self.connection.execute(f"INSERT INTO {target} {sql}").fetchall()
        return int(found[0][0]) if found else 0

    def rows(self, sql: str) -> list[tuple[Any, ...]]:
        found: list[tuple[Any, ...]] = self.connection.execute(sql).fetchall()
        return found

    def types(self, name: str) -> dict[str, str]:
        found = self.connection.sql(f"SELECT * FROM {self.names(name)}")
        return dict(zip(found.columns, map(str, found.types), strict=True))

    def answer(self, sql: str, schema: Any) -> Any:
        table = self.connection.sql(sql).to_arrow_table()
        return table.cast(schema) if table.schema != schema else table

    def close(self) -> None:
        for name in self.views:
            self.connection.execute(f"DROP VIEW IF EXISTS {name}")
        for name in self.tables:
            self.connection.execute(f"DROP TABLE IF EXISTS {name}")
        for name in self.registered:
            self.connection.unregister(name)
        if self.own:
            self.connection.close()
        elif self.nan is not None:
            _can_have_nan(self.connection, self.nan)


class SparkEngine:
    """Apache Spark, through the caller's SparkSession.

    What a run keeps is computed at once and held by the executors
    (``localCheckpoint``), so the next query starts from it instead of from the
    whole plan of queries before it (the roll-up's loop would otherwise grow it
    without end); Spark frees it once no DataFrame refers to it. The run's
    temporary views are dropped when it ends: the answers, already analysed, do
    not need them.
    """

    def __init__(self, spark: Any) -> None:
        self.session = spark
        self.names = _run_names()
        self.views: list[str] = []

    def frame(self, source: Any) -> Any:
        """*source* (an Arrow table, a DataFrame, a Parquet file's path) as a DataFrame."""
        if isinstance(source, (str, os.PathLike)):
            return self.session.read.parquet(os.fspath(source))
        if _is_spark_frame(source):
            return source
        return self.session.createDataFrame(source)

    def _view(self, name: str, frame: Any) -> None:
        target = self.names(name)
        frame.createOrReplaceTempView(target)
        if target not in self.views:
            self.views.append(target)

    def register(self, name: str, source: Any) -> None:
        self._view(name, self.frame(source))

    def _query(self, sql: str) -> Any:
        return self.session.sql(spark_sql(sql))

    def _checkpoint(self, frame: Any) -> Any:
        """*frame* computed now, as a DataFrame that starts from its rows.

        ``localCheckpoint`` keeps the rows; a new DataFrame over them (the JVM's
        ``createDataFrame`` of their RDD) gives them columns of their own: two
        checkpoints of columns taken from one table, used in one query, make Spark
        fail as it renames them ("key not found").
        """
        from pyspark.sql import DataFrame  # noqa: PLC0415 - the caller runs Spark

        kept = frame.localCheckpoint()
        fresh = self.session._jsparkSession.createDataFrame(kept._jdf.rdd(), kept._jdf.schema())
        return DataFrame(fresh, self.session)

    def keep(self, name: str, sql: str) -> None:
        self._view(name, self._checkpoint(self._query(sql)))

    def view(self, name: str, sql: str) -> None:
        self._view(name, self._query(sql))

    def append(self, name: str, sql: str) -> int:
        step = self._checkpoint(self._query(sql))
        added = int(step.count())
        if added:
            whole = self.session.table(self.names(name)).unionByName(step)
            self._view(name, self._checkpoint(whole))
        return added

    def rows(self, sql: str) -> list[tuple[Any, ...]]:
        return [tuple(row) for row in self._query(sql).collect()]

    def types(self, name: str) -> dict[str, str]:
        return dict(self.session.table(self.names(name)).dtypes)

    def answer(self, sql: str, schema: Any) -> Any:
        frame = self._query(sql)
        return frame.select(
            *(frame[field.name].cast(spark_type(field.type)).alias(field.name) for field in schema)
        )

    def close(self) -> None:
        for name in self.views:
            self.session.catalog.dropTempView(name)


def spark_type(arrow_type: Any) -> Any:
    """The Spark type of a column of okrkit's tables (docs/tables.md's types)."""
    from pyspark.sql import types as T  # noqa: PLC0415 - the caller runs Spark

    pa = pyarrow()
    kinds = {
        pa.string(): T.StringType(),
        pa.float64(): T.DoubleType(),
        pa.int32(): T.IntegerType(),
        pa.date32(): T.DateType(),
        pa.bool_(): T.BooleanType(),
        pa.list_(pa.string()): T.ArrayType(T.StringType()),
    }
    return kinds[arrow_type]


def _is_spark_frame(value: object) -> bool:
    kind = type(value)
    return kind.__name__ == "DataFrame" and kind.__module__.startswith("pyspark.")


def is_spark_session(value: object) -> bool:
    """Whether *value* is a SparkSession (classic, not Spark Connect's), without
    importing pyspark for a caller that does not use it."""
    kind = type(value)
    return kind.__name__ == "SparkSession" and kind.__module__ == "pyspark.sql.session"


def engine_for(engine: object, field: str) -> Engine:
    """The engine an ``engine=`` argument names: None for DuckDB in process, a
    DuckDB connection, or a SparkSession."""
    if engine is None:
        return DuckDBEngine()
    if is_spark_session(engine):
        return SparkEngine(engine)
    kind = type(engine)
    if kind.__module__.split(".")[0] in ("duckdb", "_duckdb") and hasattr(engine, "execute"):
        return DuckDBEngine(engine)
    raise InvalidTypeError(
        field, engine, "None (DuckDB in process), a DuckDB connection or a SparkSession"
    )


def input_tables(tables: object, needed: Mapping[str, Sequence[str]], field: str) -> dict[str, Any]:
    """The tables *needed* (name: the columns read) of a ``tables=`` argument:
    :class:`PlanTables` (its Arrow tables), a folder of okrkit's Parquet files
    (their paths: the engine reads them; a URI such as ``s3://bucket/okrs`` is the
    engine's to read: Spark's, or a DuckDB connection of the caller's with the
    extension loaded), or a mapping of table name to an Arrow table, a DuckDB
    relation or a Spark DataFrame."""
    if isinstance(tables, PlanTables):
        return {name: tables.table(name).select(list(columns)) for name, columns in needed.items()}
    if isinstance(tables, (str, os.PathLike)):
        folder = os.fspath(tables)
        if "://" in folder:  # the engine's storage (s3://, hdfs://): the engine reads it
            return {name: f"{folder.rstrip('/')}/{name}.parquet" for name in needed}
        found = {name: Path(folder) / f"{name}.parquet" for name in needed}
        for path in found.values():
            if not path.is_file():
                raise PlanFileError(
                    [Problem("expected a folder of okrkit's Parquet files (okrkit export)",
                             file=str(path))]
                )  # fmt: skip
        return {name: str(path) for name, path in found.items()}
    if not isinstance(tables, Mapping):
        raise InvalidTypeError(
            field, tables,
            "PlanTables, a folder of Parquet files, or a mapping of table name to a table",
        )  # fmt: skip
    out = {}
    for name, columns in needed.items():
        if name not in tables:
            raise InvalidValueError(field, None, f"a table named {name} (see docs/tables.md)")
        source = tables[name]
        names = getattr(source, "column_names", None) or getattr(source, "columns", None)
        if names is None:
            raise InvalidTypeError(
                f"{field}[{name!r}]", source,
                "a pyarrow.Table, a DuckDB relation or a Spark DataFrame",
            )  # fmt: skip
        missing = [column for column in columns if column not in list(names)]
        if missing:
            raise InvalidValueError(
                f"{field}[{name!r}]", None, f"a column named {missing[0]} (see docs/tables.md)"
            )
        out[name] = source
    return out
