"""Plans as tables at org scale: to_tables, from_tables, Parquet out and in, check_tables.

Run: python benchmarks/tables.py [--objectives 2000] [--plans 1] [--repeat 3]

The org plan (benchmarks/orgplan.py: three key results per objective, twelve
weekly check-ins each, links and alignment), made anew for every run so that
nothing is worked out on it yet, is turned into tables and back,
written to Parquet in a temporary folder and read again; the best of
``--repeat`` runs of each step is printed, beside ``okrkit.dumps`` and
``okrkit.loads`` of the same plan as JSON for scale. With ``--plans N`` the
plan is split into N plans (a tenant's teams each), and ``check_tables`` is
timed serially and with one process per CPU, against ``okrkit.check`` of each
plan in a loop on plans already rebuilt (and never checked before), so the
difference is the rebuilding.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs
from orgplan import org_plan

import okrkit
from okrkit.tables import check_tables, from_tables, read_parquet, to_tables, write_parquet


def best(repeat: int, work: Callable[[], Any]) -> tuple[float, Any]:
    fastest, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = work()
        fastest = min(fastest, time.perf_counter() - start)
    return fastest, result


def split(plan: okrkit.Plan, parts: int) -> dict[str, okrkit.Plan]:
    """*plan* as *parts* plans of about as many objectives (links left with the first)."""
    size = -(-len(plan.objectives) // parts)
    return {
        f"team-{index}": attrs.evolve(
            plan,
            objectives=plan.objectives[index * size : (index + 1) * size],
            links=plan.links if index == 0 else (),
        )
        for index in range(parts)
    }


def make(args: argparse.Namespace) -> dict[str, okrkit.Plan]:
    plan = org_plan(args.objectives)
    return split(plan, args.plans) if args.plans > 1 else {"org": plan}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--objectives", type=int, default=2000)
    parser.add_argument("--plans", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    plans = make(args)
    plan = org_plan(args.objectives)
    krs = sum(len(o.key_results) for o in plan.objectives)
    checkins = sum(len(k.checkins) for _o, k in plan.iter_key_results())
    print(
        f"{len(plan.objectives):,} objectives, {krs:,} key results, {checkins:,} check-ins "
        f"in {len(plans)} plan(s); best of {args.repeat}"
    )
    rows: list[tuple[str, float]] = []
    fresh = [make(args) for _ in range(args.repeat)]  # nothing worked out on them yet
    seconds, tables = best(args.repeat, lambda: to_tables(fresh.pop(), tenant="acme"))
    rows.append(("to_tables", seconds))
    seconds, back = best(args.repeat, lambda: from_tables(tables))
    assert back == plans
    rows.append(("from_tables", seconds))
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "t"
        seconds, _ = best(args.repeat, lambda: write_parquet(tables, target, overwrite=True))
        rows.append(("write_parquet", seconds))
        size = sum(path.stat().st_size for path in target.iterdir())
        seconds, again = best(args.repeat, lambda: read_parquet(target))
        assert again == tables
        rows.append(("read_parquet", seconds))
    plain = [org_plan(args.objectives) for _ in range(args.repeat)]
    seconds, text = best(args.repeat, lambda: okrkit.dumps(plain.pop(), format="json"))
    rows.append(("for scale: okrkit.dumps (JSON)", seconds))
    seconds, _ = best(args.repeat, lambda: okrkit.loads(text, format="json"))
    rows.append(("for scale: okrkit.loads (JSON)", seconds))
    if len(plans) > 1:
        day = "2026-02-15"
        fresh = [from_tables(tables) for _ in range(args.repeat)]  # no cache from earlier runs
        seconds, _ = best(
            args.repeat, lambda: [okrkit.check(p, as_of=day) for p in fresh.pop().values()]
        )
        rows.append(("okrkit.check, plan by plan (no rebuild)", seconds))
        seconds, serial = best(args.repeat, lambda: check_tables(tables, as_of=day, processes=1))
        rows.append(("check_tables, processes=1", seconds))
        seconds, parallel = best(args.repeat, lambda: check_tables(tables, as_of=day))
        assert parallel.equals(serial)
        rows.append(("check_tables, one process per CPU", seconds))
    for name, seconds in rows:
        print(f"  {name:<36} {seconds:>7.3f} s")
    print(f"  Parquet files: {size / 1e6:.1f} MB; JSON text: {len(text.encode()) / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
