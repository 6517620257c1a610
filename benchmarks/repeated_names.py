"""How the commands grow when every objective has the same title (and so the same id).

Run: python benchmarks/repeated_names.py [--sizes 2500,5000,10000,20000]

Plans of N objectives all titled ``x``, each with one key result: ``okrkit check``,
``score``, ``report`` and ``graph`` on the YAML file (CPU seconds of one run, in
this process, reading included), and ``from_frame`` of one objective with N key
results of the same metric. Names made unique by searching ``x``, ``x-2``, ``x-3``…
one by one, or duplicates counted by scanning every key for each key, make a
column grow four times for each doubling; linear work makes it double.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import tempfile
import time
from pathlib import Path

import okrkit
from okrkit._cli import main as okrkit_main


COMMANDS = ("check", "score", "report", "graph")


def same_titles(count: int) -> str:
    """A plan file of *count* objectives titled ``x``, one key result each."""
    item = "  - title: x\n    key_results:\n      - statement: Win 10 deals\n"
    return "okrkit: 1\nperiod: 2026-Q1\nobjectives:\n" + item * count


def command_seconds(command: str, path: Path) -> float:
    """CPU seconds of one ``okrkit COMMAND PATH``, its output thrown away."""
    dated = [] if command == "graph" else ["--as-of", "2026-02-15"]
    start = time.process_time()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):
        okrkit_main([command, str(path), *dated])
    return time.process_time() - start


def from_frame_seconds(count: int) -> float | None:
    """CPU seconds of ``from_frame`` on one objective with *count* key results (None
    without pandas)."""
    try:
        import pandas  # noqa: F401 - optional
    except ImportError:
        return None
    item = okrkit.increase("deals", to="10 deal")
    plan = okrkit.plan("p", period="2026-Q1").with_objectives(
        okrkit.objective("x").measured_by(*[item] * count)
    )
    frame = okrkit.to_frame(plan)
    start = time.process_time()
    okrkit.from_frame(frame)
    return time.process_time() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="2500,5000,10000,20000")
    sizes = [int(size) for size in parser.parse_args().sizes.split(",")]
    print(f"{'objectives':>10} " + " ".join(f"{c:>7}" for c in COMMANDS) + f" {'from_frame':>10}")
    with tempfile.TemporaryDirectory() as folder:
        for size in sizes:
            path = Path(folder) / f"same-{size}.yaml"
            path.write_text(same_titles(size), encoding="utf-8")
            seconds = [command_seconds(command, path) for command in COMMANDS]
            frame = from_frame_seconds(size)
            shown = "-" if frame is None else f"{frame:.2f}"
            print(f"{size:>10,} " + " ".join(f"{s:>7.2f}" for s in seconds) + f" {shown:>10}")


if __name__ == "__main__":
    main()
