"""The okrkit command: exit statuses, outputs, and no traceback for any bad input."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml

import okrkit
from okrkit._cli import main


PLAN = """\
okrkit: 1
title: Ventas
period: 2026-Q1
objectives:
  - id: meta
    title: Cumplir la meta de ventas
    owner: ventas
    key_results:
      - {id: ciclo, metric: ciclo de venta, direction: decrease, baseline: 35 day, target: 26 day}
"""


def run(capsys, *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


def test_version(capsys) -> None:
    """--version prints the version and exits 0."""
    with pytest.raises(SystemExit) as info:
        main(["--version"])

    assert info.value.code == 0
    assert capsys.readouterr().out.startswith("okrkit ")


@pytest.mark.parametrize("lang", ["en", "es"])
def test_init_then_check_is_clean(tmp_path: Path, capsys, lang: str) -> None:
    """A starter plan written by init checks with exit 0."""
    path = tmp_path / "p.yaml"

    assert run(capsys, "init", "--lang", lang, str(path))[0] == 0
    status, out, _ = run(capsys, "check", str(path), "--as-of", "2026-02-15")

    assert status == 0, out


def test_init_refuses_to_overwrite(tmp_path: Path, capsys) -> None:
    """init exits 2 when the path exists, and leaves the file alone."""
    path = tmp_path / "p.yaml"
    path.write_text("mine")

    status, _, err = run(capsys, "init", str(path))

    assert status == 2
    assert "already exists" in err
    assert path.read_text() == "mine"


READERS = {
    "json": json.loads,
    "toml": tomllib.loads,
    "yaml": yaml.safe_load,
}


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize(("name", "fmt"), [("p.json", "json"), ("p.toml", "toml"),
                                           ("p.yml", "yaml"), ("P.YAML", "yaml")])  # fmt: skip
def test_init_writes_the_format_the_extension_names(
    tmp_path: Path, capsys, lang: str, name: str, fmt: str
) -> None:
    """init p.json writes JSON, p.toml TOML: the same starter plan as the YAML one,
    which reads back as the same plan and checks clean."""
    path, yaml_path = tmp_path / name, tmp_path / "starter.yaml"

    assert run(capsys, "init", "--lang", lang, str(path))[0] == 0
    assert run(capsys, "init", "--lang", lang, str(yaml_path))[0] == 0
    status, out, _ = run(capsys, "check", str(path), "--as-of", "2026-02-15", "--isolated")

    text = path.read_text(encoding="utf-8")
    assert READERS[fmt](text)["okrkit"] == 1  # the format's own reader reads it
    assert okrkit.load(path) == okrkit.load(yaml_path)
    assert status == 0, out


@pytest.mark.parametrize("name", ["plan.txt", "plan", "plan.yaml.bak"])
def test_init_refuses_an_extension_that_names_no_format(tmp_path: Path, capsys, name: str) -> None:
    status, out, err = run(capsys, "init", str(tmp_path / name))

    assert status == 2
    assert out == ""
    assert "okrkit init: " in err
    assert "expected a .yaml, .yml, .json or .toml file" in err
    assert not (tmp_path / name).exists()


TYPED = "abcdefghij" * 30 + "\x1b]0;title\x07"
"""What a user might paste by mistake: 300 characters, then a terminal command."""


@pytest.mark.parametrize(
    "argv",
    [
        ["check", "--format", TYPED, "p.yaml"],  # a choice
        [TYPED],  # the command
        ["check", "--as-of", TYPED, "p.yaml"],  # a value okrkit reads
        ["check", f"--max-bytes={TYPED}", "p.yaml"],
        ["graph", "--label-width", TYPED, "p.yaml"],
        ["check", "p.yaml", f"--{TYPED}"],  # an option no command has
        ["graph", "p.yaml", *TYPED[:200]],  # many arguments nobody reads
        ["check", f"--strict={TYPED}", "p.yaml"],  # a value for a flag
        ["check", f"--s={TYPED}", "p.yaml"],  # an ambiguous abbreviation
    ],
)
def test_a_usage_error_quotes_at_most_40_characters_of_what_was_typed(capsys, argv) -> None:
    status, out, err = run(capsys, *argv)
    message = err.splitlines()[-1]

    assert status == 2
    assert out == ""
    assert TYPED[:41] not in message
    assert "…" in message
    assert len(message) < len(TYPED), message  # however many commands argparse lists
    assert "\x1b" not in err
    assert "\x07" not in err


def test_a_usage_error_shows_control_characters_as_escapes(capsys) -> None:
    _, _, err = run(capsys, "check", "--lang", "\x1b[2J" + TYPED, "p.yaml")

    assert "invalid choice: '\\x1b[2Jabcdefghij" in err
    assert "\x1b" not in err


def test_init_to_stdout(capsys) -> None:
    """init without a path prints the starter plan."""
    status, out, _ = run(capsys, "init", "--lang", "es")

    assert status == 0
    assert "okrkit: 1" in out
    assert "lang: es" in out


def test_check_exit_statuses(tmp_path: Path, capsys) -> None:
    """check exits 0 when clean, 1 with an error finding, 2 for an unreadable file."""
    good = tmp_path / "good.yaml"
    good.write_text(PLAN)
    bad = tmp_path / "bad.yaml"
    bad.write_text(PLAN.replace("    owner: ventas\n", ""))
    broken = tmp_path / "broken.yaml"
    broken.write_text(PLAN.replace("target: 26 day", "target: veintiséis"))

    assert run(capsys, "check", str(good), "--select", "missing-owner")[0] == 0
    assert run(capsys, "check", str(bad), "--select", "missing-owner")[0] == 1
    status, _, err = run(capsys, "check", str(broken), str(good))
    assert status == 2
    assert f"{broken}:9:" in err


def test_check_json(tmp_path: Path, capsys) -> None:
    """--format json prints one document with findings and a summary, lines included."""
    path = tmp_path / "plan.yaml"
    path.write_text(PLAN.replace("    owner: ventas\n", ""))

    status, out, _ = run(
        capsys, "check", str(path), "--format", "json", "--select", "missing-owner"
    )

    data = json.loads(out)
    assert status == 1
    assert data["summary"] == {"error": 1, "warning": 0, "info": 0}
    assert data["findings"][0] == {
        "file": str(path), "rule": "missing-owner", "severity": "error", "where": "meta",
        "line": 5, "message": "objective meta has no owner",
        "hint": "add owner: with the person or team accountable for it",
    }  # fmt: skip


def test_check_text_in_spanish(tmp_path: Path, capsys) -> None:
    """--lang es prints Spanish messages."""
    path = tmp_path / "plan.yaml"
    path.write_text(PLAN.replace("    owner: ventas\n", ""))

    _, out, _ = run(capsys, "check", str(path), "--lang", "es", "--select", "missing-owner")

    assert "el objetivo meta no tiene responsable" in out
    assert "sugerencia:" in out


def test_check_reads_stdin(monkeypatch, capsys) -> None:
    """- reads the plan from standard input, in any of the three formats (a plan with
    no objectives is read, and found to be empty: no-objectives, exit 1)."""
    for text, status in (
        (PLAN, 0), (json.dumps({"okrkit": 1, "objectives": []}), 1), ("okrkit = 1\n", 1)
    ):  # fmt: skip
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode())))

        found = run(capsys, "check", "-")
        assert found[0] == status
        assert ("no-objectives" in found[1]) is (status == 1)


def test_strict_turns_warnings_into_errors(tmp_path: Path, capsys) -> None:
    """--strict makes a warning-level finding fail the check."""
    path = tmp_path / "plan.yaml"
    path.write_text(PLAN)
    import okrkit

    @okrkit.rule("test-always-warns", severity="warning", message="m", hint="h")
    def _always(ctx):
        for place, _objective in ctx.objectives():
            yield ctx.hit(place)

    try:
        assert run(capsys, "check", str(path), "--select", "test-always-warns")[0] == 0
        assert run(capsys, "check", str(path), "--select", "test-always-warns", "--strict")[0] == 1
    finally:
        okrkit.rules.unregister_rule("test-always-warns")


@pytest.mark.parametrize(
    "args",
    [
        ["check"],
        ["check", "p.yaml", "--as-of", "mañana"],
        ["check", "p.yaml", "--format", "xml"],
        ["check", "p.yaml", "--lang", "fr"],
        ["frobnicate"],
        [],
        ["check", "/nonexistent/plan.yaml"],
        ["check", "plan.txt"],
    ],
)
def test_bad_usage_exits_2(capsys, args: list[str]) -> None:
    """Bad usage exits 2 with a message, never a traceback."""
    status, out, err = run(capsys, *args)

    assert status == 2
    assert "Traceback" not in out + err
    assert err.strip()


def test_python_dash_m(tmp_path: Path) -> None:
    """python -m okrkit runs the same command line."""
    path = tmp_path / "plan.yaml"
    path.write_text(PLAN)

    done = subprocess.run(
        [sys.executable, "-m", "okrkit", "check", str(path), "--select", "missing-owner"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip

    assert done.returncode == 0, done.stderr
    assert "no findings" in done.stdout


class TestConfiguration:
    PLAN_2KR = PLAN.replace(
        "      - {id: ciclo,",
        "      - {id: otro, metric: otro, direction: increase, target: 3 deal}\n"
        "      - {id: ciclo,",
    )

    def write(self, folder: Path, plan: str, pyproject: str | None = None) -> Path:
        path = folder / "plan.yaml"
        path.write_text(plan)
        if pyproject is not None:
            (folder / "pyproject.toml").write_text(pyproject)
        return path

    def rules(self, capsys, *args: str) -> list[str]:
        status = main(["check", *args, "--format", "json", "--as-of", "2026-01-05"])
        data = json.loads(capsys.readouterr().out)
        return [f"{f['rule']}:{f['severity']}" for f in data["findings"]] + [str(status)]

    def test_pyproject_is_found_and_applied(self, tmp_path: Path, capsys) -> None:
        """[tool.okrkit] in the nearest pyproject.toml changes severities and thresholds."""
        path = self.write(
            tmp_path, self.PLAN_2KR, '[tool.okrkit.severities]\n"too-few-key-results" = "error"\n'
        )

        assert self.rules(capsys, str(path)) == ["too-few-key-results:error", "1"]

    def test_the_plan_policy_wins_over_pyproject(self, tmp_path: Path, capsys) -> None:
        """A plan's own policy: is applied on top of [tool.okrkit]."""
        plan = "policy:\n  severities: {too-few-key-results: info}\n" + self.PLAN_2KR
        path = self.write(
            tmp_path, plan, '[tool.okrkit.severities]\n"too-few-key-results" = "error"\n'
        )

        assert self.rules(capsys, str(path)) == ["too-few-key-results:info", "0"]

    def test_flags_win_over_both(self, tmp_path: Path, capsys) -> None:
        """--ignore and --strict apply last."""
        path = self.write(tmp_path, self.PLAN_2KR)

        assert self.rules(capsys, str(path), "--strict") == ["too-few-key-results:error", "1"]
        assert self.rules(capsys, str(path), "--ignore", "too-few-key-results") == ["0"]

    def test_a_bad_config_is_refused(self, tmp_path: Path, capsys) -> None:
        """An unknown threshold in [tool.okrkit] exits 2, naming the file and the key."""
        path = self.write(tmp_path, PLAN, "[tool.okrkit.thresholds]\nstale_days = 3\n")

        status, _, err = run(capsys, "check", str(path))

        assert status == 2
        assert "pyproject.toml" in err
        assert "stale_days" in err

    def test_plugins_load_custom_rules(self, tmp_path: Path, capsys, monkeypatch) -> None:
        """A module named in plugins is imported, and its rule runs like a built-in."""
        (tmp_path / "team_rules.py").write_text(
            "import okrkit\n"
            "@okrkit.rule('kr-needs-owner', severity='warning',\n"
            "             message={'en': 'no owner', 'es': 'sin dueño'}, hint='add owner:')\n"
            "def kr_needs_owner(ctx):\n"
            "    for place, _o, kr in ctx.key_results():\n"
            "        if kr.owner is None:\n"
            "            yield ctx.hit(place)\n"
        )
        monkeypatch.syspath_prepend(str(tmp_path))
        path = self.write(tmp_path, PLAN, '[tool.okrkit]\nplugins = ["team_rules"]\n')
        try:
            assert self.rules(capsys, str(path), "--select", "kr-needs-owner") == [
                "kr-needs-owner:warning", "0",
            ]  # fmt: skip
        finally:
            okrkit.rules.unregister_rule("kr-needs-owner")

    def test_a_missing_plugin_is_a_clear_error(self, tmp_path: Path, capsys) -> None:
        """A plugin that cannot be imported exits 2 with its name."""
        path = self.write(tmp_path, PLAN, '[tool.okrkit]\nplugins = ["no_such_module_here"]\n')

        status, _, err = run(capsys, "check", str(path))

        assert status == 2
        assert "no_such_module_here" in err


def test_rules_command(capsys) -> None:
    """okrkit rules lists every rule; --format json gives both languages."""
    status, out, _ = run(capsys, "rules", "--format", "json")

    rows = json.loads(out)
    assert status == 0
    assert {"missing-owner", "coverage-gap", "stale-checkins"} <= {r["id"] for r in rows}
    assert all(set(r["message"]) >= {"en", "es"} for r in rows)
