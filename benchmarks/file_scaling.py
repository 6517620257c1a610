"""``okrkit check`` and ``okrkit score`` as processes, on plan files of every shape,
beside plain Python reading the same file and doing the same arithmetic.

Run: python benchmarks/file_scaling.py [--sizes 1000,2000,4000,8000] [--repeat 3]
                                       [--formats json-line,json,yaml,yaml-flow,toml]
                                       [--files DIR]

Plans of N objectives × 4 key results × 12 weekly check-ins (orgplan.py) are written
once per shape into DIR (kept, so an earlier version of okrkit can be timed on the
very same files: run this script with that version first on PYTHONPATH):

- ``json-line``: ``json.dumps`` without indentation, one line, as programs write;
- ``json``: ``okrkit.dumps(format="json")``, indented;
- ``yaml``: ``okrkit.dumps(format="yaml")``, block style with one-line check-ins;
- ``yaml-flow``: the same data as one YAML flow mapping on one line;
- ``toml``: ``okrkit.dumps(format="toml")``.

Each cell is the best of --repeat wall times of a fresh process, the command and its
plain limit run one after the other: ``python -m okrkit check FILE --as-of ...``
against ``json.load`` (or libyaml's CSafeLoader, or tomllib) plus ``baseline.py``'s
rows and check (or score). Prints, per shape, seconds, the ratio, and the growth
exponent: log2 of the time ratio from one size to the next (1.0 is linear when
sizes double, 2.0 quadratic).
"""

from __future__ import annotations

import argparse
import json
import math
import subprocess
import sys
import time
from pathlib import Path

from orgplan import org_plan

import okrkit


AS_OF = "2026-02-15"
HERE = Path(__file__).resolve().parent
SUFFIX = {"json-line": "json", "json": "json", "yaml": "yaml", "yaml-flow": "yaml", "toml": "toml"}

_PLAIN = """
import datetime as dt, json, sys, tomllib
sys.path.insert(0, {here!r})
import baseline
command, path, shape = sys.argv[1:]
with open(path, "rb") as handle:
    if shape == "yaml":
        import yaml
        data = yaml.load(handle, Loader=yaml.CSafeLoader)
    elif shape == "toml":
        data = tomllib.load(handle)
    else:
        data = json.load(handle)
rows = baseline.rows(data)
as_of = dt.date.fromisoformat({as_of!r})
baseline.check(rows, as_of) if command == "check" else baseline.score(rows, as_of)
"""


def write_plan(objectives: int, shape: str, folder: Path) -> Path:
    """The plan file of *objectives* objectives in *shape*, written unless it exists."""
    path = folder / f"org-{objectives}-{shape}.{SUFFIX[shape]}"
    if path.exists():
        return path
    plan = org_plan(objectives, key_results=4, checkins=12)
    if shape == "json-line":
        text = json.dumps(json.loads(okrkit.dumps(plan, format="json")), ensure_ascii=False)
    elif shape == "yaml-flow":
        import yaml

        data = json.loads(okrkit.dumps(plan, format="json"))
        text = yaml.dump(
            data,
            Dumper=yaml.CSafeDumper,
            default_flow_style=True,
            width=2**31 - 1,
            sort_keys=False,
            allow_unicode=True,
        )
    else:
        text = okrkit.dumps(plan, format=shape)  # type: ignore[arg-type]
    path.write_text(text, encoding="utf-8")
    return path


def seconds(argv: list[str]) -> float:
    """Wall seconds of one process; its output is thrown away."""
    start = time.perf_counter()
    done = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
    spent = time.perf_counter() - start
    if done.returncode not in (0, 1):  # 1: findings at error severity
        raise SystemExit(f"{' '.join(argv)} failed:\n{done.stderr.decode()}")
    return spent


def measure(path: Path, shape: str, repeat: int) -> dict[str, tuple[float, float]]:
    """(okrkit, plain) best seconds for check and for score."""
    plain = _PLAIN.format(here=str(HERE), as_of=AS_OF)
    kind = SUFFIX[shape]
    best: dict[str, list[float]] = {}
    for _ in range(repeat):
        for command in ("check", "score"):
            ours = [sys.executable, "-m", "okrkit", command, str(path), "--as-of", AS_OF]
            theirs = [sys.executable, "-c", plain, command, str(path), kind]
            times = best.setdefault(command, [math.inf, math.inf])
            times[0] = min(times[0], seconds(ours))
            times[1] = min(times[1], seconds(theirs))
    return {command: (pair[0], pair[1]) for command, pair in best.items()}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1000,2000,4000,8000")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--formats", default=",".join(SUFFIX))
    parser.add_argument("--files", default="/tmp/okrkit-file-scaling")
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    folder = Path(args.files)
    folder.mkdir(parents=True, exist_ok=True)
    print(f"okrkit from {Path(okrkit.__file__).parent}")
    for shape in args.formats.split(","):
        print(f"\n### {shape}\n")
        print("| objectives | MB | check s (plain) | × | growth | score s (plain) | × | growth |")
        print("|---:|---:|---:|---:|---:|---:|---:|---:|")
        before: dict[str, float] = {}
        for size in sizes:
            path = write_plan(size, shape, folder)
            found = measure(path, shape, args.repeat)
            cells = []
            for command in ("check", "score"):
                ours, theirs = found[command]
                growth = f"{math.log2(ours / before[command]):.2f}" if command in before else ""
                before[command] = ours
                cells.append(f"{ours:.2f} ({theirs:.2f}) | {ours / theirs:.2f} | {growth}")
            megabytes = path.stat().st_size / 1e6
            print(f"| {size:,} | {megabytes:.1f} | " + " | ".join(cells) + " |", flush=True)


if __name__ == "__main__":
    main()
