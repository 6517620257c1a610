"""What many distinct unit words cost a long-running process, against ordinary units.

Run: python benchmarks/unit_words.py [--words 40000] [--teams 3334]

Each measurement runs in a fresh interpreter, so memory is that of one job:

- ``distinct``: a JSON plan of N key results, each counting a different made-up
  noun (``5 wqhzkxbam``), loaded and checked (``okrkit.loads`` + ``okrkit.check``);
- ``ordinary``: the org plan of ``orgplan.py`` (calls per week, dollars, hours and
  days, twelve weekly check-ins per key result), written as JSON, loaded and checked;
- ``requests``: 15 plans of 2,000 new nouns each, read one after another, as a
  server would read plans people send it.

For each: wall seconds, peak resident memory (MB), and the units pint's
application registry holds after the work (more than at the start means okrkit
defined units for words in the plans).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path


_JOB = r"""
import gc, json, random, resource, string, sys, time
import okrkit
kind, size = sys.argv[1], int(sys.argv[2])
rnd = random.Random(1)

def noun():
    return "w" + "".join(rnd.choice(string.ascii_lowercase) for _ in range(8))

def nouns_plan(count):
    krs = [{"id": f"k{i}", "metric": "m", "direction": "increase", "target": f"5 {noun()}"}
           for i in range(count)]
    objectives = [{"id": f"o{j}", "title": "Grow", "owner": "a", "key_results": krs[j*5:(j+1)*5]}
                  for j in range(count // 5)]
    return json.dumps({"okrkit": 1, "period": "2026-Q1", "objectives": objectives})

def units():
    import pint
    return len(pint.get_application_registry().get()._units)

if kind == "ordinary":
    sys.path.insert(0, sys.argv[3])
    from orgplan import org_plan
    texts = [okrkit.dumps(org_plan(size), format="json")]
elif kind == "distinct":
    texts = [nouns_plan(size)]
else:
    texts = [nouns_plan(2000) for _ in range(size)]
okrkit.units.unit_info("day")
before = units()
start = time.perf_counter()
krs = 0
for text in texts:
    plan = okrkit.loads(text, format="json")
    okrkit.check(plan, as_of="2026-02-15")
    krs += sum(len(o.key_results) for o in plan.objectives)
    del plan
    gc.collect()
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
print(json.dumps({"kind": kind, "key_results": krs, "seconds": round(seconds, 2),
                  "peak_mb": peak, "pint_units_before": before, "pint_units_after": units()}))
"""


def run(kind: str, size: int) -> dict[str, object]:
    """One measurement in a fresh interpreter."""
    here = str(Path(__file__).resolve().parent)
    done = subprocess.run(
        [sys.executable, "-c", _JOB, kind, str(size), here],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout)  # type: ignore[no-any-return]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=40000)
    parser.add_argument("--teams", type=int, default=3334, help="3 key results each")
    parser.add_argument("--requests", type=int, default=15)
    args = parser.parse_args()
    for kind, size in (
        ("distinct", args.words),
        ("ordinary", args.teams),
        ("requests", args.requests),
    ):
        found = run(kind, size)
        print(
            f"{kind:>9}: {found['key_results']:>6,} key results  {found['seconds']:>6.2f} s  "
            f"peak {found['peak_mb']:>4} MB  pint units {found['pint_units_before']:,} → "
            f"{found['pint_units_after']:,}"
        )


if __name__ == "__main__":
    main()
