"""Checking at scale: the rules stay Python; plans are checked in parallel, findings
come back as one table.

:func:`check_batches` checks the plans of some rows (one plan's, as a grouped
map on an engine hands them over, or a few plans'): it rebuilds them with
:func:`~okrkit.tables.from_tables` and runs :func:`okrkit.check` on each.
:func:`check_tables` splits a whole :class:`PlanTables` into runs of plans and
hands them to worker processes; the answer is the one a loop over the plans,
in order, gives.
"""

from __future__ import annotations

import concurrent.futures
import datetime as dt
import os
from collections.abc import Iterable
from typing import Any

from okrkit._api import check
from okrkit._collector import collector_paused
from okrkit._fields import optional_date, whole
from okrkit._period_words import check_lang
from okrkit._policy import Policy, rule_list, selected_rules
from okrkit._tables._arrow import pyarrow
from okrkit._tables._engine import is_spark_session
from okrkit._tables._read import from_tables
from okrkit._tables._schema import arrow_schema
from okrkit._tables._value import PlanTables, plan_tables
from okrkit.exceptions import InvalidTypeError, InvalidValueError


__all__ = ["check_batches", "check_tables"]

_RUNS_PER_PROCESS = 4
"""Each process gets about this many runs of plans, so one slow run holds no one up."""


def _options(
    as_of: object, policy: object, lang: object, select: object, ignore: object, strict: object
) -> dict[str, Any]:
    """The arguments of :func:`okrkit.check`, read once (and refused here, not in a worker)."""
    return {
        "as_of": optional_date("check_tables(as_of)", as_of),
        "policy": None if policy is None else Policy.coerce(policy, field="check_tables(policy)"),
        "lang": None if lang is None else check_lang(lang),
        "select": selected_rules("check_tables(select)", select),
        "ignore": rule_list("check_tables(ignore)", ignore),
        "strict": strict,
    }


def check_batches(
    tables: object,
    *,
    as_of: dt.date | str | None,
    policy: Policy | str | None = None,
    lang: str | None = None,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
    strict: bool | None = None,
) -> Any:
    """The findings of the plans in *tables* (:class:`PlanTables`, or a mapping of
    table name to a ``pyarrow.Table`` or record batches; a table left out is
    empty), as a ``pyarrow.Table`` of docs/tables.md's ``findings`` columns.

    Each plan is rebuilt from its rows and checked with :func:`okrkit.check`, the
    other arguments passed on; a grouped map on an engine (one plan's rows at a
    time) calls this once per plan.
    """
    options = _options(as_of, policy, lang, select, ignore, strict)
    return _check(plan_tables(tables, "check_batches(tables)"), options)


def _check(tables: PlanTables, options: dict[str, Any]) -> Any:
    with collector_paused():  # plans rebuilt and checked make no garbage cycle
        return _findings(tables, options)


def _findings(tables: PlanTables, options: dict[str, Any]) -> Any:
    pa = pyarrow()
    tenants = dict(
        zip(
            tables.plans.column("plan").to_pylist(),
            tables.plans.column("tenant").to_pylist(),
            strict=True,
        )
    )
    columns: dict[str, list[Any]] = {
        name: [] for name in ("plan", "tenant", "rule", "severity", "where", "message", "hint")
    }
    for key, plan in from_tables(tables).items():
        report = check(plan, **options)
        for finding in report.findings:
            columns["plan"].append(key)
            columns["tenant"].append(tenants[key])
            columns["rule"].append(finding.rule)
            columns["severity"].append(finding.severity.value)
            columns["where"].append(finding.where)
            columns["message"].append(finding.message)
            columns["hint"].append(finding.hint)
    return pa.Table.from_pydict(columns, schema=arrow_schema("findings"))


def check_tables(
    tables: object,
    *,
    as_of: dt.date | str | None,
    policy: Policy | str | None = None,
    processes: int | None = None,
    lang: str | None = None,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
    strict: bool | None = None,
    engine: object = None,
) -> Any:
    """:func:`check_batches` of every plan in *tables*, spread over *processes*
    worker processes (by default one per CPU, and none for a single run of
    plans); the findings are those of a loop over the plans, in the order of
    the ``plans`` table.

    With a SparkSession as *engine*, the plans are checked on Spark instead, one
    group of rows per plan (*tables* may then also be a folder of Parquet files
    or a mapping of table name to DataFrame), and the findings are a DataFrame,
    in no particular order.

    Rules registered by plugins (``policy``'s or ``[tool.okrkit]``'s) load in each
    worker; a rule registered with :func:`okrkit.rule` in your own code reaches
    the workers only where processes start by forking (Linux): elsewhere, pass
    ``processes=1`` or register it in a plugin.
    """
    options = _options(as_of, policy, lang, select, ignore, strict)
    if engine is not None:
        if not is_spark_session(engine):
            raise InvalidTypeError("check_tables(engine)", engine, "None or a SparkSession")
        from okrkit._tables._grouped import check_on_spark  # noqa: PLC0415 - Spark, on use

        return check_on_spark(tables, engine, options)
    given = plan_tables(tables, "check_tables(tables)")
    count = (
        None
        if processes is None
        else whole("check_tables(processes)", processes, minimum=1, maximum=1024)
    )
    plans = given.plans.num_rows
    workers = count if count is not None else max(1, min(os.cpu_count() or 1, plans))
    runs = split(given, min(plans, workers * _RUNS_PER_PROCESS))
    if workers == 1 or len(runs) <= 1:
        found = [_check(run, options) for run in runs]
    else:
        with concurrent.futures.ProcessPoolExecutor(max_workers=workers) as pool:
            found = list(pool.map(_check, runs, [options] * len(runs)))
    pa = pyarrow()
    if not found:
        return arrow_schema("findings").empty_table()
    return pa.concat_tables(found)


def split(tables: PlanTables, runs: int) -> list[PlanTables]:
    """*tables* as *runs* tables of consecutive plans (in the order of the ``plans``
    table), about as many plans in each; a row whose plan the ``plans`` table
    does not hold is refused."""
    pa = pyarrow()
    import pyarrow.compute as pc  # noqa: PLC0415 - with pyarrow

    keys = tables.plans.column("plan")
    count = len(keys)
    if runs <= 1 or count <= 1:
        return [tables] if count else []
    size = -(-count // runs)
    numbers: dict[str, Any] = {}
    for name, table in tables.items():
        if name == "plans":
            number = pa.array(range(count), type=pa.int64())
        else:
            number = pc.index_in(table.column("plan"), value_set=keys)
            if number.null_count:
                stray = table.filter(pc.is_null(number)).column("plan")[0].as_py()
                raise InvalidValueError(
                    f"check_tables: {name}", stray, "the key of a plan in the plans table"
                )
        numbers[name] = pc.divide(number.cast(pa.int64()), size)
    return [
        PlanTables(
            **{name: table.filter(pc.equal(numbers[name], run)) for name, table in tables.items()}
        )
        for run in range(-(-count // size))
    ]
