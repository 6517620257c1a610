"""okrkit against plain Python doing the same work, at org scale.

Run: python benchmarks/run.py [--sizes 1000,4000,16000,32000] [--repeat 3]

For each size (key results, three per team objective, twelve weekly check-ins
each; see orgplan.py) it writes the plan as JSON once, then times, best of
--repeat, okrkit against ``baseline.py`` (json, dicts, floats, dates):

- load:  okrkit.loads(text, format="json")  vs  baseline.load(text);
- check: okrkit.check(plan) on a plan just loaded, so nothing is cached yet
         (each key result is resolved to its unit here)  vs  baseline.check;
- score: okrkit.score(plan) on a plan just loaded  vs  baseline.score; and the
         same with every ObjectiveScore and KeyResultScore object made;
- check, then score, on the same plan: what ``okrkit check`` and ``okrkit score``
  on one loaded plan cost, with the resolution shared.

Then statement reading (statements per second) and ``import okrkit`` against
importing okrkit's dependencies other than pint, in fresh interpreters.
Prints Markdown tables.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import subprocess
import sys
import time
from collections.abc import Callable
from typing import Any

import baseline
from orgplan import org_plan
from parse_throughput import statements

import okrkit


AS_OF = dt.date(2026, 2, 15)


def best(repeat: int, prepare: Callable[[], Any], action: Callable[[Any], Any]) -> float:
    """The fastest of *repeat* runs of ``action(prepare())``, timing the action only."""
    fastest = float("inf")
    for _ in range(repeat):
        subject = prepare()
        gc.collect()
        start = time.perf_counter()
        action(subject)
        fastest = min(fastest, time.perf_counter() - start)
        del subject
    return fastest


def import_time(module: str, repeat: int) -> float:
    code = f"import time; t = time.perf_counter(); import {module}; print(time.perf_counter() - t)"
    times = []
    for _ in range(repeat):
        done = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )
        times.append(float(done.stdout))
    return min(times)


def _made(card: okrkit.Scorecard) -> int:
    return sum(len(objective.key_results) for objective in card.objectives)


def _both(plan: okrkit.Plan) -> None:
    okrkit.check(plan, as_of=AS_OF)
    okrkit.score(plan, as_of=AS_OF)


def _both_plain(rows: dict[str, Any]) -> None:
    baseline.check(rows, AS_OF)
    baseline.score(rows, AS_OF)


def measure(text: str, repeat: int) -> list[tuple[float, float]]:
    """(okrkit seconds, plain seconds) for load, check, score, score with every
    object made (against the plain score), and check then score."""

    def ours() -> okrkit.Plan:
        return okrkit.loads(text, format="json")

    def plain() -> dict[str, Any]:
        return baseline.load(text)

    def same() -> str:
        return text

    plain_score = best(repeat, plain, lambda r: baseline.score(r, AS_OF))
    return [
        (best(repeat, same, lambda t: okrkit.loads(t, format="json")),
         best(repeat, same, baseline.load)),
        (best(repeat, ours, lambda p: okrkit.check(p, as_of=AS_OF)),
         best(repeat, plain, lambda r: baseline.check(r, AS_OF))),
        (best(repeat, ours, lambda p: okrkit.score(p, as_of=AS_OF)), plain_score),
        (best(repeat, ours, lambda p: _made(okrkit.score(p, as_of=AS_OF))), plain_score),
        (best(repeat, ours, _both), best(repeat, plain, _both_plain)),
    ]  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1000,4000,16000,32000")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    print(
        "| key results | check-ins | load s (plain) | × | check s (plain) | × "
        "| score s (plain) | × | score + objects s | × | check + score s (plain) | × |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for size in sizes:
        text = okrkit.dumps(org_plan(size // 3), format="json")
        plan = okrkit.loads(text, format="json")
        krs = sum(len(o.key_results) for o in plan.objectives)
        checks = sum(len(k.checkins) for _o, k in plan.iter_key_results())
        del plan
        cells = [
            f"{mine:.3f} ({theirs:.3f}) | {mine / theirs:.2f}"
            for mine, theirs in measure(text, args.repeat)
        ]
        cells[3] = cells[3].split(" (")[0] + " | " + cells[3].split(" | ")[1]
        print(f"| {krs:,} | {checks:,} | " + " | ".join(cells) + " |")
    texts = statements(5000)
    okrkit.read_statement(texts[0])
    start = time.perf_counter()
    for item in texts:
        okrkit.read_statement(item)
    print(f"\nstatements read per second: {len(texts) / (time.perf_counter() - start):,.0f}")
    mine = import_time("okrkit", 9)
    theirs = import_time("attrs, dateutil.relativedelta, yaml", 9)
    print(
        f"import okrkit: {mine * 1000:.1f} ms; attrs + dateutil + yaml: {theirs * 1000:.1f} ms; "
        f"ratio {mine / theirs:.2f}"
    )


if __name__ == "__main__":
    main()
