"""Calibration, causality evidence and the backtest of a simulated history: from
the plans (okrkit.history) and from tables on DuckDB (okrkit.tables).

Run: python benchmarks/history_tables.py [--histories 5] [--teams 100] [--quarters 40]
[--repeat 1] [--method pooled]

The history is okrkit.history.simulate's (each team an objective of four key
results checked in weekly: 52 check-ins a team a quarter), --histories of them
(seeds 0, 1, ...) one after the other, so 5 histories of 100 teams over 40
quarters are 1,040,000 check-ins. Its plans are turned into tables once (not
timed); each function then runs on the plans and on the tables (a PlanTables in
memory, DuckDB in process), seconds the best of --repeat, and the script checks
that both give the same counts and figures (to 1e-9).
"""

from __future__ import annotations

import argparse
import time
from typing import Any

from tables import best


AS_OF = "2036-01-05"
"""After the last of 40 quarters from 2026-Q1."""


def _same(objects: Any, tables: Any, path: str = "") -> None:
    if isinstance(objects, dict):
        assert objects.keys() == tables.keys(), path
        for key in objects:
            _same(objects[key], tables[key], f"{path}.{key}")
    elif isinstance(objects, list):
        assert len(objects) == len(tables), path
        for index, (a, b) in enumerate(zip(objects, tables, strict=True)):
            _same(a, b, f"{path}[{index}]")
    elif isinstance(objects, float) and isinstance(tables, float):
        assert abs(objects - tables) <= 1e-9, (path, objects, tables)
    else:
        assert objects == tables, (path, objects, tables)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--histories", type=int, default=5)
    parser.add_argument("--teams", type=int, default=100)
    parser.add_argument("--quarters", type=int, default=40)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--method", default="pooled", help="the backtest's forecast method")
    args = parser.parse_args()

    from okrkit.history import backtest, calibration, evidence, simulate
    from okrkit.tables import backtest_tables, calibration_tables, evidence_tables, to_tables

    start = time.perf_counter()
    plans = [
        plan
        for seed in range(args.histories)
        for plan in simulate(teams=args.teams, quarters=args.quarters, seed=seed).plans
    ]
    keys = [f"p{index}" for index in range(len(plans))]
    tables = to_tables(dict(zip(keys, plans, strict=True)))
    made = time.perf_counter() - start
    checkins = tables.checkins.num_rows
    print(
        f"{args.histories} histories of {args.teams} teams over {args.quarters} quarters: "
        f"{checkins:,} check-ins, "
        f"{tables.key_results.num_rows:,} key results ({made:.0f} s to simulate and tabulate)"
    )
    cases = [
        ("calibration", lambda: calibration(plans, as_of=AS_OF, names=keys),
         lambda: calibration_tables(tables, as_of=AS_OF)),
        ("evidence", lambda: evidence(plans, as_of=AS_OF),
         lambda: evidence_tables(tables, as_of=AS_OF)),
        ("backtest", lambda: backtest(plans, as_of=AS_OF, method=args.method, resamples=200),
         lambda: backtest_tables(tables, as_of=AS_OF, method=args.method, resamples=200)),
    ]  # fmt: skip
    print(f"{'':12} {'objects':>9} {'tables':>9}  (seconds, best of {args.repeat})")
    for name, on_objects, on_tables in cases:
        objects_time, objects = best(args.repeat, on_objects)
        tables_time, found = best(args.repeat, on_tables)
        _same(objects.to_dict(), found.to_dict())
        print(f"{name:12} {objects_time:9.2f} {tables_time:9.2f}  same figures")


if __name__ == "__main__":
    main()
