"""``okrkit check`` on every shipped example against the plain imports, counted in
instructions rather than timed.

Run: python benchmarks/startup_instructions.py [EXAMPLE ...]

On a machine shared with other work, a process's time moves by more than a
start-up change is worth; the number of instructions it runs does not. Each
process runs once under valgrind's callgrind (slow: a few seconds each), which
counts every instruction, and the ratio to ``python -c "import attrs, yaml,
dateutil.relativedelta"`` is printed, as ``commands.py --no-commands`` prints the
ratio of times. An instruction is no fixed time, so read the ratios, not a
conversion to milliseconds. Bytecode is written first, as an installed package
has it. Needs ``valgrind`` on the PATH.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path


HERE = Path(__file__).resolve().parent
PLAIN = [sys.executable, "-c", "import attrs, yaml, dateutil.relativedelta"]
ENV = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}
_SCRIPT = Path(sys.executable).parent / "okrkit"
OKRKIT = [str(_SCRIPT)] if _SCRIPT.exists() else [sys.executable, "-m", "okrkit"]


def instructions(argv: list[str]) -> int:
    """The instructions *argv* runs, from start to exit (its output thrown away)."""
    subprocess.run(argv, env=ENV, capture_output=True, check=False)  # write the bytecode
    done = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *argv],
        env=ENV, capture_output=True, text=True, check=False,
    )  # fmt: skip
    found = re.search(r"Collected : (\d+)", done.stderr)
    if found is None:
        raise SystemExit(f"valgrind counted nothing for {' '.join(argv)}:\n{done.stderr}")
    return int(found.group(1))


def main(argv: list[str]) -> None:
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not on the PATH")
    examples = [Path(a) for a in argv] or sorted((HERE.parent / "examples").glob("**/*.yaml"))
    plain = instructions(PLAIN)
    print(f'`python -c "{PLAIN[2]}"`: {plain / 1e6:.0f} million instructions\n')
    print("| example | okrkit check, million instructions | × |")
    print("|---|---:|---:|")
    for example in examples:
        count = instructions([*OKRKIT, "check", str(example), "--as-of", "2026-02-15"])
        print(f"| {example.name} | {count / 1e6:.0f} | {count / plain:.2f} |", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
