"""The ``okrkit`` command as a user runs it, against plain Python on the same file.

Run: python benchmarks/commands.py [--sizes 1000,2000,4000,8000] [--repeat 3]
                                   [--formats json-line,json-indented,yaml,yaml-flow,toml]
                                   [--startup 7] [--no-startup] [--no-commands]
                                   [--files DIR]

Every figure is a whole process, started and waited for, so it counts what a
user waits for: the interpreter, imports, reading the file, the work and the
output.

- Org plans (``orgplan.py``) of N team objectives × 4 key results × 12
  check-ins, written with the plain libraries: ``json.dumps`` on one line
  (what programs write) and with ``indent=2``, YAML in block style and as one
  flow mapping on one line (libyaml's emitter), TOML (``tomli_w``). With
  ``--files DIR`` the files are kept in DIR and reused, so another version of
  okrkit can be timed on the very same files (run this script with that
  version installed, or first on ``PYTHONPATH``). For each, ``okrkit check`` and ``okrkit score``
  against the plain limit for the same file in its own process: ``json.load`` /
  ``yaml.load(..., CSafeLoader)`` / ``tomllib.load``, then ``baseline.py``'s
  arithmetic for the same command (its check, or its score). Printed: wall
  and CPU seconds and their ratios per command × format × size, then the
  growth exponent per doubling of the plan from CPU seconds
  (``log2(t(2N) / t(N))``: 1 is linear, 2 quadratic).
- Startup: ``okrkit check`` on every shipped example plan (``examples/**``)
  against ``python -c "import attrs, yaml, dateutil.relativedelta"``, best of
  --startup runs each, the two alternating, as a ratio of wall seconds and of
  CPU seconds (which a busy shared machine moves less).

Bytecode is written and warmed before timing (``PYTHONDONTWRITEBYTECODE`` is
dropped for the processes timed), as an installed package has it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import math
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path


HERE = Path(__file__).resolve().parent
EXAMPLES = HERE.parent / "examples"
AS_OF = "2026-02-15"
FORMATS = ("json-line", "json-indented", "yaml", "yaml-flow", "toml")
SUFFIX = {"json-line": "json", "json-indented": "json", "yaml-flow": "yaml"}
COMMANDS = ("check", "score")
PLAIN_IMPORTS = "import attrs, yaml, dateutil.relativedelta"
ENV = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}


def plain(fmt: str, command: str, path: str) -> None:
    """The plain limit, run in its own process: read *path* with the plain
    library for *fmt*, then ``baseline.py``'s arithmetic for *command*."""
    sys.path.insert(0, str(HERE))
    import baseline

    as_of = dt.date.fromisoformat(AS_OF)
    if fmt.startswith("json"):
        with open(path, encoding="utf-8") as stream:
            data = json.load(stream)
    elif fmt.startswith("yaml"):
        import yaml

        with open(path, encoding="utf-8") as stream:
            data = yaml.load(stream, Loader=yaml.CSafeLoader)
    else:
        import tomllib

        with open(path, "rb") as stream:
            data = tomllib.load(stream)
    rows = baseline.rows(data)
    if command == "check":
        baseline.check(rows, as_of)
    else:
        baseline.score(rows, as_of)


def write_plan(objectives: int, folder: Path) -> dict[str, Path]:
    """The org plan of *objectives* team objectives in every format, by the plain
    writers; files already in *folder* are reused."""
    paths = {fmt: folder / f"plan-{objectives}-{fmt}.{SUFFIX.get(fmt, fmt)}" for fmt in FORMATS}
    if all(path.exists() for path in paths.values()):
        return paths
    import tomli_w
    import yaml
    from orgplan import org_plan

    import okrkit

    data = json.loads(okrkit.dumps(org_plan(objectives, key_results=4), format="json"))
    texts = {
        "json-line": json.dumps(data, ensure_ascii=False),
        "json-indented": json.dumps(data, ensure_ascii=False, indent=2),
        "yaml": yaml.dump(
            data, Dumper=yaml.CSafeDumper, default_flow_style=False, sort_keys=False,
            allow_unicode=True,
        ),
        "yaml-flow": yaml.dump(
            data, Dumper=yaml.CSafeDumper, default_flow_style=True, sort_keys=False,
            allow_unicode=True, width=2**31 - 1,
        ),
        "toml": tomli_w.dumps(data),
    }  # fmt: skip
    for fmt, text in texts.items():
        paths[fmt].write_text(text, encoding="utf-8")
    return paths


def timed(argv: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds (user + system) of one process, its output thrown away.
    CPU seconds move less than wall seconds on a shared machine."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(
        argv, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False
    )
    took = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):  # 1: check found an error-level finding
        raise SystemExit(f"{' '.join(argv)} failed:\n{done.stderr.decode(errors='replace')}")
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return took, cpu


def seconds(argv: list[str]) -> float:
    """Wall seconds of one process."""
    return timed(argv)[0]


_SCRIPT = Path(sys.executable).parent / "okrkit"
OKRKIT = [str(_SCRIPT)] if _SCRIPT.exists() else [sys.executable, "-m", "okrkit"]
"""The installed ``okrkit`` command beside this Python, as a user runs it."""


def okrkit_argv(command: str, path: Path) -> list[str]:
    size = max(64 << 20, 2 * path.stat().st_size)
    return [*OKRKIT, command, str(path), "--as-of", AS_OF, "--max-bytes", str(size)]


def plain_argv(fmt: str, command: str, path: Path) -> list[str]:
    return [sys.executable, __file__, "--plain", fmt, command, str(path)]


Timing = tuple[float, float, float, float]
"""okrkit's wall and CPU seconds, then the plain limit's, each the best of its runs."""


def best_pair(mine: list[str], theirs: list[str], repeat: int) -> Timing:
    """Best of *repeat* runs of each, alternating."""
    ours, plains = [], []
    for _ in range(repeat):
        ours.append(timed(mine))
        plains.append(timed(theirs))
    return (
        min(w for w, _ in ours), min(c for _, c in ours),
        min(w for w, _ in plains), min(c for _, c in plains),
    )  # fmt: skip


def commands(sizes: list[int], formats: list[str], repeat: int, files: str | None) -> None:
    times: dict[tuple[str, str, int], Timing] = {}
    print(
        "| command | format | objectives | key results | MB | okrkit s | plain s | × "
        "| okrkit CPU s | plain CPU s | CPU × |"
    )
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory(prefix="okrkit-bench-") as scratch:
        folder = files or scratch
        Path(folder).mkdir(parents=True, exist_ok=True)
        for fmt, path in write_plan(1, Path(folder)).items():  # write the bytecode first
            for command in COMMANDS:
                seconds(okrkit_argv(command, path))
                seconds(plain_argv(fmt, command, path))
        for size in sizes:
            paths = write_plan(size, Path(folder))
            for fmt in formats:
                path = paths[fmt]
                megabytes = path.stat().st_size / 1e6
                for command in COMMANDS:
                    found = best_pair(
                        okrkit_argv(command, path), plain_argv(fmt, command, path), repeat
                    )
                    times[(command, fmt, size)] = found
                    wall, cpu, plain_wall, plain_cpu = found
                    krs = 4 * size + 3 * max(1, size // 50)
                    print(
                        f"| {command} | {fmt} | {size:,} | {krs:,} | {megabytes:.1f} "
                        f"| {wall:.3f} | {plain_wall:.3f} | {wall / plain_wall:.2f} "
                        f"| {cpu:.3f} | {plain_cpu:.3f} | {cpu / plain_cpu:.2f} |",
                        flush=True,
                    )
                if files is None:
                    path.unlink()
    growth(times, sizes, formats)


def growth(times: dict[tuple[str, str, int], Timing], sizes: list[int], formats: list[str]) -> None:
    """The growth exponent per doubling, from CPU seconds (which other work on the
    machine moves less than wall seconds)."""
    pairs = list(itertools.pairwise(sizes))
    if not pairs:
        return
    print("\nGrowth exponent from CPU seconds, okrkit (plain in brackets): log2(t(2N) / t(N))")
    print("| command | format | " + " | ".join(f"{a:,}→{b:,}" for a, b in pairs) + " |")
    print("|---|---|" + "---:|" * len(pairs))
    for command in COMMANDS:
        for fmt in formats:
            cells = []
            for small, large in pairs:
                ratio = math.log2(large / small)
                _, mine_large, _, plain_large = times[(command, fmt, large)]
                _, mine_small, _, plain_small = times[(command, fmt, small)]
                mine = math.log2(mine_large / mine_small) / ratio
                theirs = math.log2(plain_large / plain_small) / ratio
                cells.append(f"{mine:.2f} ({theirs:.2f})")
            print(f"| {command} | {fmt} | " + " | ".join(cells) + " |")


def startup(repeat: int) -> None:
    """``okrkit check`` on each shipped example against importing okrkit's
    dependencies other than pint, alternating, best of *repeat*."""
    examples = sorted(EXAMPLES.glob("**/*.yaml"))
    reference = [sys.executable, "-c", PLAIN_IMPORTS]
    for example in examples:  # write the bytecode, warm the file cache
        seconds(okrkit_argv("check", example))
    base = [timed(reference)]
    mine: dict[Path, list[tuple[float, float]]] = {example: [] for example in examples}
    for _ in range(repeat):
        for example in examples:
            mine[example].append(timed(okrkit_argv("check", example)))
            base.append(timed(reference))
    wall, cpu = min(w for w, _ in base), min(c for _, c in base)
    print(
        f'\n`python -c "{PLAIN_IMPORTS}"`: {wall * 1000:.0f} ms wall, {cpu * 1000:.0f} ms CPU '
        f"(best of {len(base)})"
    )
    print("| example | okrkit check ms wall | × | ms CPU | × |")
    print("|---|---:|---:|---:|---:|")
    for example in examples:
        mine_wall = min(w for w, _ in mine[example])
        mine_cpu = min(c for _, c in mine[example])
        name = example.relative_to(EXAMPLES.parent)
        print(
            f"| {name} | {mine_wall * 1000:.0f} | {mine_wall / wall:.2f} "
            f"| {mine_cpu * 1000:.0f} | {mine_cpu / cpu:.2f} |"
        )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1000,2000,4000,8000", help="team objectives")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--formats", default=",".join(FORMATS))
    parser.add_argument("--startup", type=int, default=7, help="runs of each example")
    parser.add_argument("--no-startup", action="store_true")
    parser.add_argument("--no-commands", action="store_true")
    parser.add_argument("--files", help="keep the plan files in this folder and reuse them")
    parser.add_argument("--plain", nargs=3, metavar=("FORMAT", "COMMAND", "PATH"))
    args = parser.parse_args(argv)
    if args.plain:
        plain(*args.plain)
        return
    sys.path.insert(0, str(HERE))
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} cores\n")
    if not args.no_startup:
        startup(args.startup)
    if not args.no_commands:
        print()
        sizes = [int(size) for size in args.sizes.split(",")]
        formats = args.formats.split(",")
        unknown = sorted(set(formats) - set(FORMATS))
        if unknown:
            parser.error(f"unknown formats {unknown}; choose among {', '.join(FORMATS)}")
        commands(sizes, formats, args.repeat, args.files)


if __name__ == "__main__":
    main()
