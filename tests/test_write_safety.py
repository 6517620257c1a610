"""Writing goes to a regular file: never to a FIFO or a device, where a write
waits for a reader that never comes, and never over a file the command reads."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import okrkit
from okrkit import PlanFileError


pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")

WAIT = 30
"""Seconds a command may take before it counts as hanging."""


def _plan(folder: Path) -> Path:
    path = folder / "plan.yaml"
    path.write_text(
        "okrkit: 1\nperiod: 2026-Q1\nobjectives:\n  - id: o\n    title: Grow\n"
        "    owner: ana\n    key_results:\n      - Increase leads from 10 lead to 20 lead\n",
        encoding="utf-8",
    )
    return path


def _run(folder: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *argv], cwd=folder, capture_output=True, text=True, timeout=WAIT,
        check=False,
    )  # fmt: skip


@pytest.mark.parametrize(
    "command",
    [["schema", "-o", "fifo.yaml"], ["report", "plan.yaml", "-o", "fifo.yaml", "--isolated"]],
)
def test_the_command_line_refuses_to_write_to_a_fifo(tmp_path: Path, command: list[str]) -> None:
    _plan(tmp_path)
    os.mkfifo(tmp_path / "fifo.yaml")
    done = _run(tmp_path, "-m", "okrkit", *command)
    assert done.returncode == 2
    assert "expected a regular file to write to, got a named pipe (FIFO)" in done.stderr


def test_dump_refuses_to_write_to_a_fifo(tmp_path: Path) -> None:
    _plan(tmp_path)
    os.mkfifo(tmp_path / "fifo.yaml")
    code = (
        "import okrkit\n"
        "try:\n    okrkit.dump(okrkit.load('plan.yaml'), 'fifo.yaml')\n"
        "except okrkit.PlanFileError as exc:\n    print(exc)\n"
    )
    done = _run(tmp_path, "-c", code)
    assert "got a named pipe (FIFO)" in done.stdout


def test_dump_refuses_a_directory_and_writes_a_regular_file_again(tmp_path: Path) -> None:
    plan = okrkit.load(_plan(tmp_path))
    (tmp_path / "folder.yaml").mkdir()
    with pytest.raises(PlanFileError, match="got a directory"):
        okrkit.dump(plan, tmp_path / "folder.yaml")
    target = tmp_path / "out.yaml"
    target.write_text("x" * 100_000, encoding="utf-8")  # longer than the plan
    okrkit.dump(plan, target)
    assert okrkit.load(target) == plan


@pytest.mark.parametrize("output", ["plan.yaml", "./plan.yaml", "link.yaml"])
def test_report_refuses_to_write_over_the_plan_it_reads(tmp_path: Path, output: str) -> None:
    plan = _plan(tmp_path)
    before = plan.read_bytes()
    (tmp_path / "link.yaml").symlink_to(plan)
    done = _run(tmp_path, "-m", "okrkit", "report", "plan.yaml", "-o", output, "--isolated")
    assert done.returncode == 2
    assert "it is a file this command reads; write to another file" in done.stderr
    assert plan.read_bytes() == before


def test_report_refuses_to_write_over_the_configuration_it_reads(tmp_path: Path) -> None:
    _plan(tmp_path)
    config = tmp_path / "pyproject.toml"
    config.write_text("[tool.okrkit]\nstrict = true\n", encoding="utf-8")
    done = _run(
        tmp_path, "-m", "okrkit", "report", "plan.yaml", "--config", "pyproject.toml",
        "-o", "pyproject.toml",
    )  # fmt: skip
    assert done.returncode == 2
    assert config.read_text(encoding="utf-8") == "[tool.okrkit]\nstrict = true\n"


def test_report_writes_a_new_file(tmp_path: Path) -> None:
    _plan(tmp_path)
    done = _run(tmp_path, "-m", "okrkit", "report", "plan.yaml", "-o", "out.md", "--isolated")
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "out.md").read_text(encoding="utf-8").startswith("#")
