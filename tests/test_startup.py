"""``okrkit check`` imports what checking a plan uses, and nothing it does not:
no unit registry for durations and amounts, no scan of installed distributions
when none declares rules, no package-resource machinery (a new interpreter
each run pays for every import)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest


EXAMPLES = sorted((Path(__file__).resolve().parent.parent / "examples").glob("**/*.yaml"))
UNUSED = ("pint", "importlib.metadata", "importlib.resources", "tempfile")

CODE = """
import contextlib, io, json, sys
from okrkit._cli import main
with contextlib.redirect_stdout(io.StringIO()):
    status = main(["{command}", {path!r}, "--as-of", "2026-02-15"])
print(json.dumps([status, sorted(name for name in {unused!r} if name in sys.modules)]))
"""


@pytest.mark.parametrize("command", ["check", "score"])
@pytest.mark.parametrize("path", EXAMPLES, ids=lambda path: path.name)
def test_a_command_on_an_example_imports_only_what_it_uses(path: Path, command: str) -> None:
    code = CODE.format(command=command, path=str(path), unused=UNUSED)
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    status, imported = json.loads(done.stdout)
    assert status in (0, 1)
    assert imported == []
