"""okrkit against plain Python doing the same work, at org scale.

Run: python benchmarks/run.py [--sizes 1000,4000,16000,32000] [--repeat 3]

For each size (key results, three per team objective, twelve weekly check-ins
each) it writes the plan as JSON once, then times, best of --repeat:

- load:  okrkit.loads(text, format="json")  vs  json.loads + turning every
         quantity text and date into floats and dates (baseline_load);
- check: okrkit.check(plan)  vs  a loop over the decoded JSON doing the rules'
         comparisons on floats and dates (baseline_check);
- score: okrkit.score(plan)  vs  a loop doing the scoring arithmetic on the
         baseline's floats (baseline_score).

It also times statement reading and `import okrkit` against importing okrkit's
dependencies other than pint, in fresh interpreters. Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import subprocess
import sys
import time
from collections.abc import Callable
from typing import Any

from orgplan import org_plan
from parse_throughput import statements

import okrkit


AS_OF = dt.date(2026, 2, 15)


def best(repeat: int, action: Callable[[], Any]) -> float:
    fastest = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        fastest = min(fastest, time.perf_counter() - start)
    return fastest


# --- the plain-Python baselines -------------------------------------------------------------


def _number(text: Any) -> float:
    return float(text.split(" ", 1)[0]) if isinstance(text, str) else float(text)


def baseline_load(text: str) -> list[dict[str, Any]]:
    """json.loads, then every quantity as a float and every date as a date."""
    data = json.loads(text)
    out = []
    for objective in data["objectives"]:
        items = []
        for kr in objective["key_results"]:
            items.append(
                {
                    "baseline": _number(kr["baseline"]) if "baseline" in kr else None,
                    "target": _number(kr["target"]),
                    "direction": kr.get("direction", "increase"),
                    "weight": float(kr.get("weight", 1)),
                    "checkins": [
                        (dt.date.fromisoformat(c["date"]), _number(c["value"]))
                        for c in kr.get("checkins", ())
                    ],
                }
            )
        out.append({"id": objective.get("id"), "owner": objective.get("owner"),
                    "parent": objective.get("parent"), "items": items})  # fmt: skip
    return out


def baseline_check(rows: list[dict[str, Any]], start: dt.date, end: dt.date) -> int:
    """The rules' comparisons on plain data: counts, owners, ids, references,
    measurability, directions, check-in windows and staleness."""
    findings = 0
    ids = set()
    for row in rows:
        findings += row["owner"] is None
        findings += not 3 <= len(row["items"]) <= 5
        findings += row["id"] in ids
        ids.add(row["id"])
    for row in rows:
        findings += row["parent"] is not None and row["parent"] not in ids
        for item in row["items"]:
            target, baseline = item["target"], item["baseline"]
            findings += target is None
            if baseline is not None:
                findings += target == baseline
                findings += (item["direction"] == "increase") and target < baseline
                findings += (item["direction"] == "decrease") and target > baseline
            last = start
            for day, _value in item["checkins"]:
                findings += not start <= day <= end
                last = max(last, day)
            findings += (AS_OF - last).days > 14
    return findings


def baseline_score(rows: list[dict[str, Any]], start: dt.date, end: dt.date) -> float:
    """Progress, score, expected, status and weighted means on floats."""
    expected = min(1.0, max(0.0, (AS_OF - start).days / ((end - start).days + 1)))
    scores = []
    for row in rows:
        weighted = weights = 0.0
        for item in row["items"]:
            actual = None
            for day, value in item["checkins"]:
                if day <= AS_OF:
                    actual = value
            baseline = item["baseline"] or 0.0
            target = item["target"]
            if actual is None:
                progress = 0.0
            elif item["direction"] == "decrease":
                progress = (baseline - actual) / (baseline - target)
            else:
                progress = (actual - baseline) / (target - baseline)
            score = min(1.0, max(0.0, progress))
            gap = progress - expected
            _status = "on_track" if gap >= -0.1 else ("at_risk" if gap >= -0.25 else "off_track")
            weighted += score * item["weight"]
            weights += item["weight"]
        scores.append(weighted / weights if weights else 0.0)
    return sum(scores) / len(scores)


# --- import time -----------------------------------------------------------------------------


def import_time(module: str, repeat: int) -> float:
    code = f"import time; t = time.perf_counter(); import {module}; print(time.perf_counter() - t)"
    times = []
    for _ in range(repeat):
        done = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )
        times.append(float(done.stdout))
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1000,4000,16000,32000")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    print(
        "| key results | check-ins | load s (plain) | ratio | check s (plain) | ratio "
        "| score s (plain) | ratio |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    for size in sizes:
        plan = org_plan(size // 3)
        text = okrkit.dumps(plan, format="json")
        period = plan.period
        assert period is not None
        loaded = okrkit.loads(text, format="json")
        rows = baseline_load(text)
        load = best(args.repeat, lambda t=text: okrkit.loads(t, format="json"))
        load0 = best(args.repeat, lambda t=text: baseline_load(t))
        check = best(args.repeat, lambda p=loaded: okrkit.check(p, as_of=AS_OF))
        check0 = best(
            args.repeat, lambda r=rows, s=period.start, e=period.end: baseline_check(r, s, e)
        )
        score = best(args.repeat, lambda p=loaded: okrkit.score(p, as_of=AS_OF))
        score0 = best(
            args.repeat, lambda r=rows, s=period.start, e=period.end: baseline_score(r, s, e)
        )
        krs = sum(len(o.key_results) for o in loaded.objectives)
        checks = sum(len(k.checkins) for _o, k in loaded.iter_key_results())
        print(
            f"| {krs:,} | {checks:,} | {load:.2f} ({load0:.2f}) | {load / load0:.1f} "
            f"| {check:.2f} ({check0:.2f}) | {check / check0:.1f} "
            f"| {score:.2f} ({score0:.3f}) | {score / score0:.1f} |"
        )
    texts = statements(5000)
    okrkit.read_statement(texts[0])
    parse = best(args.repeat, lambda: [okrkit.read_statement(t) for t in texts])
    print(f"\nstatements read per second: {len(texts) / parse:,.0f}")
    ours = import_time("okrkit", 7)
    deps = import_time("attrs, dateutil.relativedelta, yaml", 7)
    print(
        f"import okrkit: {ours * 1000:.0f} ms; attrs + dateutil + yaml: {deps * 1000:.0f} ms; "
        f"ratio {ours / deps:.1f}"
    )


if __name__ == "__main__":
    main()
