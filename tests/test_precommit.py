"""The pre-commit hook the repository provides: it runs the installed command on the
plan files a commit touches, and only on those."""

from __future__ import annotations

import re
import shlex
import tomllib
from pathlib import Path

import pytest
import yaml

from okrkit._cli import build_parser


ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def hook() -> dict[str, object]:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    (found,) = [h for h in hooks if h["id"] == "okrkit-check"]
    return found  # type: ignore[no-any-return]


def test_the_hook_runs_the_check_command(hook: dict[str, object]) -> None:
    """The entry is the console script the package installs, with a real command."""
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["scripts"]
    program, *args = shlex.split(str(hook["entry"]))

    assert hook["language"] == "python"
    assert program in scripts
    assert build_parser().parse_args([*args, "plan.yaml"]).command == "check"


@pytest.mark.parametrize(
    ("path", "checked"),
    [
        ("okrs/2026-Q1/ventas.yaml", True),
        ("team/okr/plan.yml", True),
        ("plans/q3.json", True),
        ("plan/q3.toml", True),
        ("okrs/README.md", False),
        (".github/workflows/ci.yaml", False),
        ("pyproject.toml", False),
        ("src/okrs.yaml", False),
        ("okrs/okrkit-plan.schema.json", False),
        ("plans/2026/schema.json", False),
        ("okrs/schema.yaml", True),
        ("okrs/schemas.json", True),
        ("okrs/myschema.json", True),
    ],
)
def test_files_pattern(hook: dict[str, object], path: str, checked: bool) -> None:
    """Plan files under okr(s)/ or plan(s)/ are checked; workflows, configs and the
    JSON Schema that plan-files.md suggests keeping beside the plans are not."""
    assert selected(hook, path) is checked


def selected(hook: dict[str, object], path: str) -> bool:
    """Whether pre-commit runs *hook* on *path*: ``files`` matches, ``exclude`` does not."""
    exclude = hook.get("exclude")
    return bool(re.search(str(hook["files"]), path)) and not (
        exclude and re.search(str(exclude), path)
    )


def test_the_schema_the_docs_write_is_no_plan_the_hook_checks(hook: dict[str, object]) -> None:
    """plan-files.md writes the schema into okrs/: the hook leaves that file alone."""
    text = (ROOT / "docs" / "plan-files.md").read_text(encoding="utf-8")
    (written,) = re.findall(r"okrkit schema -o (\S+)", text)

    assert selected(hook, "okrs/2026-Q1/plan.yaml")
    assert not selected(hook, written)


def test_the_how_to_shows_the_hook() -> None:
    text = (ROOT / "docs" / "howto" / "git-and-ci.md").read_text(encoding="utf-8")

    assert "id: okrkit-check" in text
