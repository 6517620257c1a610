"""docs/cli.md and the README show what the command really prints and does.

Each sample in docs/cli.md under a ``<!-- run: okrkit ... -->`` line is the output
of that command, run here from the repository root and compared: JSON by value
(the page lays it out for reading), text exactly.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
import shlex
from pathlib import Path

import pytest

from okrkit._cli import build_parser, main
from readers import assert_dot, assert_mermaid


ROOT = Path(__file__).resolve().parent.parent
CLI_PAGE = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
README = (ROOT / "README.md").read_text(encoding="utf-8")
SAMPLE = re.compile(r"^<!-- run: (okrkit [^\n]*?) -->\n```(\w+)\n(.*?)^```$", re.M | re.S)
SAMPLES = SAMPLE.findall(CLI_PAGE)


def output_of(command: str, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.chdir(ROOT)
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        main(shlex.split(command)[1:])
    return out.getvalue()


@pytest.mark.parametrize(("command", "language", "sample"), SAMPLES, ids=[s[0] for s in SAMPLES])
def test_each_sample_is_what_the_command_prints(
    monkeypatch: pytest.MonkeyPatch, command: str, language: str, sample: str
) -> None:
    printed = output_of(command, monkeypatch)

    if language == "json":
        lines = printed.splitlines()
        if len(lines) == 1:
            assert json.loads(sample) == json.loads(printed)
        else:  # one document per line
            assert [json.loads(line) for line in sample.splitlines()] == list(
                map(json.loads, lines)
            )
    else:
        assert sample == printed
    if command.startswith("okrkit graph"):
        (assert_dot if "--format dot" in command else assert_mermaid)(printed)


def test_the_outputs_people_read_have_samples() -> None:
    """Score and check in every format, the graph, and parse are shown as they print."""
    shown = {
        (args.command, getattr(args, "format", None))
        for args in (build_parser().parse_args(shlex.split(c)[1:]) for c, _, _ in SAMPLES)
    }

    assert shown >= {
        ("score", "text"),
        ("score", "json"),
        ("check", "text"),
        ("check", "json"),
        ("check", "github"),
        ("graph", "mermaid"),
        ("parse", "json"),
        ("parse", "text"),
    }


def commands_of(parser_name: str) -> set[str]:
    parser = build_parser()
    (action,) = [a for a in parser._actions if a.dest == "command"]
    return set(action.choices)  # type: ignore[arg-type]


@pytest.mark.parametrize("command", sorted(commands_of("okrkit")))
def test_every_command_is_in_the_cli_page(command: str) -> None:
    assert f"| `okrkit {command}" in CLI_PAGE


@pytest.mark.parametrize("command", ["check", "score", "report", "graph", "schema", "init"])
def test_the_readme_shows_the_commands_people_start_with(command: str) -> None:
    assert re.search(rf"^okrkit {command}\b", README, re.M), command


def readme_command(marker: str) -> str:
    found = re.search(rf"^<!-- setup:{marker} -->\n```sh\n(.*?)\n```", README, re.M | re.S)
    assert found, marker
    return found.group(1)


def test_the_docs_build_command_works_in_a_fresh_venv() -> None:
    """The README's docs build makes its own venv, upgrades pip before using
    --group (pip 25.1), and installs okrkit itself, which conf.py documents."""
    steps = [shlex.split(step) for step in readme_command("docs").split("&&")]
    pips = [i for i, s in enumerate(steps) if s[1:4] == ["-m", "pip", "install"]]
    grouped = [i for i in pips if "--group" in steps[i]]

    assert steps[0][:3] == ["python3", "-m", "venv"]
    assert grouped
    assert any("--upgrade" in steps[i] and "pip" in steps[i][4:] for i in pips if i < grouped[0])
    assert "." in steps[grouped[0]] or "-e" in steps[grouped[0]]
    assert steps[-1][0].endswith("sphinx-build")


def test_the_docs_group_holds_what_the_api_page_imports() -> None:
    """The API page documents okrkit.strategies, which needs hypothesis."""
    import tomllib

    groups = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["dependency-groups"]

    assert any(str(item).startswith("hypothesis") for item in groups["docs"])


@pytest.mark.parametrize("extra", ["pandas", "hypothesis"])
def test_install_hints_work_before_okrkit_is_published(extra: str) -> None:
    """The hint names what installs from any index (the package itself) and the
    extra from a checkout, not only 'okrkit[extra]', which no index serves yet."""
    from okrkit.exceptions import OptionalDependencyError

    message = str(OptionalDependencyError(extra, f"okrkit[{extra}]"))

    assert f"pip install {extra} " in message
    assert f"'.[{extra}]'" in message
