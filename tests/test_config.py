"""[tool.okrkit] in pyproject.toml (configuration.md): which file applies, when a
file found near a plan is trusted, --isolated, and that every command that checks
or scores reads the same settings."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

import okrkit
from okrkit._cli import main
from okrkit._files._config import distrust


PLAN = """\
okrkit: 1
period: 2026-Q1
objectives:
  - id: ventas
    title: Vender más este trimestre
    key_results:
      - {id: ciclo, metric: ciclo de venta, direction: decrease, baseline: 35 day,
         target: 26 day, checkins: [{date: 2026-02-01, value: 32 day}]}
"""
"""A plan with no owner (missing-owner, an error) scored at 0.33 on 2026-02-15."""

ROOT = Path(__file__).resolve().parent.parent

MARKER = "okr_config_marker"
"""A module that writes a file named IMPORTED next to itself when it is imported."""

POSIX = pytest.mark.skipif(not hasattr(os, "getuid"), reason="files have owners on POSIX only")


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


def project(folder: Path, pyproject: str | None, plan: str = PLAN) -> Path:
    """*folder* with plan.yaml, and pyproject.toml holding *pyproject*; the plan's path."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "plan.yaml").write_text(plan, encoding="utf-8")
    if pyproject is not None:
        (folder / "pyproject.toml").write_text(pyproject, encoding="utf-8")
    return folder / "plan.yaml"


@pytest.fixture
def marker(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The file the marker module writes when it is imported (which it must not be)."""
    modules = tmp_path / "modules"
    modules.mkdir()
    (modules / f"{MARKER}.py").write_text(
        "import pathlib\npathlib.Path(__file__).with_name('IMPORTED').touch()\n", encoding="utf-8"
    )
    monkeypatch.syspath_prepend(str(modules))
    yield modules / "IMPORTED"
    sys.modules.pop(MARKER, None)


def rules_found(out: str) -> list[str]:
    return [finding["rule"] for finding in json.loads(out)["findings"]]


# --- which pyproject.toml is trusted ------------------------------------------------------


def status_of(mode: int, *, uid: int | None = None, gid: int | None = None) -> os.stat_result:
    """A file's status with *mode*, owned by *uid* and *gid* (the caller's by default)."""
    uid = os.getuid() if uid is None else uid
    gid = os.getgid() if gid is None else gid
    return os.stat_result((mode, 0, 0, 1, uid, gid, 0, 0, 0, 0))


FILE, FOLDER = stat.S_IFREG | 0o644, stat.S_IFDIR | 0o755


@POSIX
class TestTrust:
    def test_your_own_file_in_your_own_folder_is_trusted(self) -> None:
        assert distrust(status_of(FILE), status_of(FOLDER)) is None

    def test_roots_files_are_trusted_by_everyone(self) -> None:
        assert distrust(status_of(FILE, uid=0, gid=0), status_of(FOLDER, uid=0, gid=0)) is None

    def test_a_file_of_another_user_is_not(self) -> None:
        """Another user's file: as root too (root trusts only root's files)."""
        other = os.getuid() + 1 if os.getuid() else 65534

        why = distrust(status_of(FILE, uid=other), status_of(FOLDER))

        assert why is not None
        assert why.startswith("it is owned by user ")
        assert why.endswith("not by you or root")

    def test_a_folder_of_another_user_is_not(self) -> None:
        other = os.getuid() + 1 if os.getuid() else 65534

        why = distrust(status_of(FILE), status_of(FOLDER, uid=other))

        assert why is not None
        assert why.startswith("its folder is owned by user ")

    @pytest.mark.parametrize("bits", [0o002, 0o022])
    def test_a_file_anyone_may_change_is_not(self, bits: int) -> None:
        assert distrust(status_of(FILE | bits), status_of(FOLDER)) == "every user may change it"

    def test_a_file_another_group_may_change_is_not(self) -> None:
        why = distrust(status_of(FILE | 0o020, gid=os.getgid() + 1), status_of(FOLDER))

        assert why is not None
        assert why.startswith("the group ")
        assert why.endswith("may change it")

    def test_your_own_group_may_change_it(self) -> None:
        """Debian and Ubuntu give each user a group of their own, and files it may change."""
        assert distrust(status_of(FILE | 0o020), status_of(FOLDER | 0o020)) is None

    def test_a_folder_anyone_may_change_is_not(self) -> None:
        why = distrust(status_of(FILE), status_of(FOLDER | 0o777))

        assert why == "every user may change its folder"

    def test_unless_it_has_the_sticky_bit_like_tmp(self) -> None:
        """In /tmp no one may replace a file of someone else's."""
        tmp = status_of(FOLDER | 0o777 | stat.S_ISVTX, uid=0, gid=0)

        assert distrust(status_of(FILE), tmp) is None
        assert distrust(status_of(FILE | 0o002), tmp) == "every user may change it"


@POSIX
class TestAnUntrustedPyproject:
    """Found near a plan, it is refused before anything in it is used."""

    PYPROJECT = f'[tool.okrkit]\nplugins = ["{MARKER}"]\n'

    def test_a_file_anyone_may_change_is_refused(
        self, tmp_path: Path, marker: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        path = project(tmp_path / "shared", self.PYPROJECT)
        (tmp_path / "shared" / "pyproject.toml").chmod(0o666)

        status, out, err = run(capsys, "check", str(path))

        assert (status, out) == (2, "")
        assert err.startswith(f"{tmp_path / 'shared' / 'pyproject.toml'}: not trusted: ")
        assert "every user may change it" in err
        assert "--config" in err
        assert "--isolated" in err
        assert not marker.exists()

    def test_in_a_folder_anyone_may_change(
        self, tmp_path: Path, marker: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        path = project(tmp_path / "shared", self.PYPROJECT)
        (tmp_path / "shared").chmod(0o777)

        status, _out, err = run(capsys, "score", str(path), "--as-of", "2026-02-15")

        assert status == 2
        assert "every user may change its folder" in err
        assert not marker.exists()

    @pytest.mark.skipif(not hasattr(os, "getuid") or os.getuid() != 0, reason="needs chown")
    def test_a_file_of_another_user_is_refused_even_to_root(
        self, tmp_path: Path, marker: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """As git does with safe.directory: root does not run what another user wrote."""
        path = project(tmp_path / "theirs", self.PYPROJECT)
        os.chown(tmp_path / "theirs" / "pyproject.toml", 65534, 65534)

        status, _out, err = run(capsys, "report", str(path), "--as-of", "2026-02-15")

        assert status == 2
        assert "it is owned by user " in err
        assert not marker.exists()

    def test_a_file_named_with_config_is_used_as_it_is(
        self, tmp_path: Path, marker: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Naming it is choosing it."""
        path = project(tmp_path / "shared", self.PYPROJECT)
        config = tmp_path / "shared" / "pyproject.toml"
        config.chmod(0o666)

        status, _out, _err = run(capsys, "check", str(path), "--config", str(config))

        assert status == 1
        assert marker.exists()

    def test_the_api_refuses_it_too(self, tmp_path: Path, marker: Path) -> None:
        project(tmp_path / "shared", self.PYPROJECT)
        (tmp_path / "shared" / "pyproject.toml").chmod(0o666)

        with pytest.raises(okrkit.PlanFileError, match="not trusted: every user may change it"):
            okrkit.load_policy(start=tmp_path / "shared" / "plan.yaml")
        assert okrkit.load_policy(tmp_path / "shared" / "pyproject.toml").plugins == (MARKER,)


# --- --isolated --------------------------------------------------------------------------


class TestIsolated:
    PYPROJECT = (
        f'[tool.okrkit]\nplugins = ["{MARKER}"]\n'
        '[tool.okrkit.severities]\n"missing-owner" = "info"\n'
        "[tool.okrkit.thresholds]\ngreen_from = 0.3\nyellow_from = 0.2\n"
    )

    def test_check_reads_no_configuration(
        self, tmp_path: Path, marker: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        path = project(tmp_path, self.PYPROJECT)

        configured = run(capsys, "check", str(path), "--as-of", "2026-02-15")
        isolated = run(capsys, "check", str(path), "--as-of", "2026-02-15", "--isolated")

        assert configured[0] == 0  # missing-owner is info there
        assert isolated[0] == 1
        assert "error[missing-owner]" in isolated[1]

    def test_no_plugin_is_imported(
        self, tmp_path: Path, marker: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        path = project(tmp_path, self.PYPROJECT)

        for command in ("check", "score", "report"):
            status, _out, err = run(
                capsys, command, str(path), "--isolated", "--as-of", "2026-02-15"
            )
            assert status in (0, 1), err

        assert not marker.exists()

    def test_score_and_report_read_none_either(
        self, tmp_path: Path, marker: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        path = project(tmp_path, self.PYPROJECT)
        args = (str(path), "--as-of", "2026-02-15", "--isolated")

        _, scored, _ = run(capsys, "score", *args, "--format", "json")
        _, report, _ = run(capsys, "report", *args)

        assert json.loads(scored)["objectives"][0]["grade"] == "red"
        assert "missing-owner" in report

    def test_an_untrusted_or_broken_file_is_not_even_read(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        path = project(tmp_path, "[tool.okrkit\n")

        assert run(capsys, "check", str(path), "--isolated")[0] == 1

    @pytest.mark.parametrize("command", ["check", "score", "report"])
    def test_it_cannot_be_given_with_config(
        self, command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        path = project(tmp_path, self.PYPROJECT)

        status, _out, err = run(
            capsys, command, str(path), "--isolated", "--config", str(tmp_path / "pyproject.toml")
        )

        assert status == 2
        assert "not allowed with argument" in err


def test_python_m_okrkit_does_not_import_from_the_current_folder(tmp_path: Path) -> None:
    """`python -m` puts the folder it runs in first on sys.path; okrkit takes it off,
    so a module lying in that folder is never the plugin a configuration names."""
    (tmp_path / f"{MARKER}.py").write_text(
        "import pathlib\npathlib.Path(__file__).with_name('IMPORTED').touch()\n", encoding="utf-8"
    )
    project(tmp_path, f'[tool.okrkit]\nplugins = ["{MARKER}"]\n')
    command = [sys.executable, "-m", "okrkit", "check", "plan.yaml", "--as-of", "2026-02-15"]
    chosen = os.pathsep.join(filter(None, [str(tmp_path), os.environ.get("PYTHONPATH")]))

    done = subprocess.run(
        command, cwd=tmp_path, capture_output=True, text=True, timeout=120, check=False
    )
    asked = subprocess.run(
        command, cwd=tmp_path, env={**os.environ, "PYTHONPATH": chosen},
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip

    assert done.returncode == 2
    assert f"rules module '{MARKER}' could not be loaded" in done.stderr
    assert asked.returncode == 1, asked.stderr  # on PYTHONPATH, the folder is chosen
    assert (tmp_path / "IMPORTED").exists()


SHADOWS = ("re", "typing", "enum")
"""Standard modules okrkit's package imports before any of its code runs."""


def shadowed_folder(folder: Path) -> Path:
    """*folder* with a plan and, for each of :data:`SHADOWS`, a module of that name
    that leaves a file named after it when it is imported (and then fails)."""
    project(folder, None)
    for name in SHADOWS:
        (folder / f"{name}.py").write_text(
            f"open({str(folder / ('RAN-' + name))!r}, 'w').close()\n"
            "raise SystemExit('a module of the folder ran')\n",
            encoding="utf-8",
        )
    return folder


def ran(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.glob("RAN-*"))


def safe_commands() -> list[list[str]]:
    """The commands configuration.md gives for a folder you do not trust."""
    text = (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")
    section = text.split("### Running okrkit in a folder you do not trust", 1)[1]
    block = section.split("```sh\n", 1)[1].split("```", 1)[0]
    programs = {"okrkit": [str(Path(sys.executable).with_name("okrkit"))],
                "python": [sys.executable]}  # fmt: skip
    commands = []
    for line in block.splitlines():
        program, *args = line.split()
        commands.append([*programs[program], *args, "--as-of", "2026-02-15", "--isolated"])
    return commands


def test_python_m_okrkit_imports_from_the_current_folder_as_the_docs_warn(
    tmp_path: Path,
) -> None:
    """What configuration.md warns of: for -m, Python imports from the current folder
    before okrkit runs, so okrkit cannot promise that folder supplies no module."""
    folder = shadowed_folder(tmp_path)
    command = [sys.executable, "-m", "okrkit", "check", "plan.yaml", "--isolated"]

    done = subprocess.run(command, cwd=folder, capture_output=True, text=True, timeout=120,
                          check=False, env={**os.environ, "PYTHONSAFEPATH": ""})  # fmt: skip

    assert done.returncode != 0
    assert ran(folder) != []


@pytest.mark.parametrize("command", safe_commands(), ids=lambda c: " ".join(c[1:3]))
def test_the_commands_the_docs_give_import_nothing_from_the_folder(
    tmp_path: Path, command: list[str]
) -> None:
    """Each command configuration.md gives for an untrusted folder checks the plan
    there without importing any module lying in it."""
    folder = shadowed_folder(tmp_path)

    done = subprocess.run(command, cwd=folder, capture_output=True, text=True, timeout=120,
                          check=False, env={**os.environ, "PYTHONSAFEPATH": ""})  # fmt: skip

    assert ran(folder) == []
    assert done.returncode == 1, done.stderr  # missing-owner: the plan was checked
    assert "missing-owner" in done.stdout


@pytest.mark.parametrize("entry", ["{other}:", ":{other}"])
@pytest.mark.parametrize("program", ["okrkit", "python -P -m okrkit"])
def test_an_empty_pythonpath_entry_is_the_current_folder_as_the_docs_warn(
    tmp_path: Path, entry: str, program: str
) -> None:
    """What configuration.md warns of last: an empty entry in PYTHONPATH puts the
    current folder on the path, for the okrkit command and -P alike."""
    folder = shadowed_folder(tmp_path / "checkout")
    other = tmp_path / "other"
    other.mkdir()
    pythonpath = entry.format(other=other).replace(":", os.pathsep)
    command = {
        "okrkit": [str(Path(sys.executable).with_name("okrkit"))],
        "python -P -m okrkit": [sys.executable, "-P", "-m", "okrkit"],
    }[program]

    subprocess.run([*command, "check", "plan.yaml"], cwd=folder, capture_output=True,
                   timeout=120, check=False,
                   env={**os.environ, "PYTHONPATH": pythonpath, "PYTHONSAFEPATH": ""})  # fmt: skip

    assert ran(folder) != []


# --- a pyproject.toml that cannot be read is refused ----------------------------------------


class TestABrokenPyproject:
    """The nearest pyproject.toml that cannot be read is reported, as with --config,
    rather than passed over for one further up or for none."""

    def test_a_toml_syntax_error(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        project(tmp_path, '[tool.okrkit.severities]\n"missing-owner" = "info"\n')
        path = project(tmp_path / "sub", '[tool.okrkit]\nignore = ["missing-owner"\n')

        status, out, err = run(capsys, "check", str(path))

        assert (status, out) == (2, "")
        assert err.startswith(f"{tmp_path / 'sub' / 'pyproject.toml'}: not valid TOML: ")

    def test_one_without_the_table_is_still_refused(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Whether it holds [tool.okrkit] cannot be told, as ruff judges it too."""
        path = project(tmp_path, '[project]\nname = "okrs\n')

        status, _out, err = run(capsys, "score", str(path))

        assert status == 2
        assert "pyproject.toml: not valid TOML" in err

    def test_one_that_is_not_utf8(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        path = project(tmp_path, None)
        (tmp_path / "pyproject.toml").write_bytes(b'[tool.okrkit]\npreset = "\xff"\n')

        status, _out, err = run(capsys, "report", str(path))

        assert status == 2
        assert "pyproject.toml: expected UTF-8 text" in err

    @pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
    def test_a_fifo_is_refused_without_waiting(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        path = project(tmp_path, None)
        os.mkfifo(tmp_path / "pyproject.toml")

        status, _out, err = run(capsys, "check", str(path))

        assert status == 2
        assert "pyproject.toml: expected a regular file, got a named pipe" in err

    def test_the_api_refuses_it_too(self, tmp_path: Path) -> None:
        project(tmp_path, "[tool.okrkit\n")

        with pytest.raises(okrkit.PlanFileError, match="not valid TOML"):
            okrkit.load_policy(start=tmp_path)

    def test_a_folder_without_one_looks_further_up(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        project(tmp_path, '[tool.okrkit.severities]\n"missing-owner" = "info"\n')
        path = project(tmp_path / "a" / "b", None)

        assert run(capsys, "check", str(path), "--as-of", "2026-02-15")[0] == 0


# --- every command that checks or scores reads the same settings ---------------------------


class TestEveryCommandReadsIt:
    GREEN_EARLY = "[tool.okrkit.thresholds]\ngreen_from = 0.3\nyellow_from = 0.2\n"

    def grade(self, capsys: pytest.CaptureFixture[str], *args: str) -> str:
        status, out, err = run(capsys, "score", *args, "--as-of", "2026-02-15", "--format", "json")
        assert status == 0, err
        grade: str = json.loads(out)["objectives"][0]["grade"]
        return grade

    def test_score_takes_the_thresholds(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        path = project(tmp_path, self.GREEN_EARLY)

        assert self.grade(capsys, str(path)) == "green"

    def test_the_plans_own_policy_wins_in_score_as_in_check(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        plan = PLAN + "policy:\n  thresholds: {green_from: 0.9, yellow_from: 0.5}\n"
        path = project(tmp_path, self.GREEN_EARLY, plan)

        assert self.grade(capsys, str(path)) == "red"

    def test_score_takes_config(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        path = project(tmp_path / "plans", None)
        (tmp_path / "settings.toml").write_text(self.GREEN_EARLY, encoding="utf-8")

        assert self.grade(capsys, str(path), "--config", str(tmp_path / "settings.toml")) == "green"

    @pytest.mark.parametrize("fmt", ["markdown", "html"])
    def test_report_leaves_out_what_config_ignores(
        self, fmt: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        path = project(tmp_path, '[tool.okrkit]\nignore = ["missing-owner"]\n' + self.GREEN_EARLY)
        args = ("report", str(path), "--as-of", "2026-02-15", "--format", fmt, "--lang", "en")

        _, configured, _ = run(capsys, *args)
        _, isolated, _ = run(capsys, *args, "--isolated")

        assert "missing-owner" not in configured
        assert "missing-owner" in isolated
        assert "green" in configured.lower()

    def test_the_api_score_lays_the_plans_policy_on_the_one_given(self) -> None:
        plan = okrkit.loads(PLAN + "policy:\n  thresholds: {yellow_from: 0.3}\n")
        given = okrkit.Policy.from_mapping({"thresholds": {"green_from": 0.9}})

        card = okrkit.score(plan, as_of="2026-02-15", policy=given)

        assert card.objectives[0].grade.value == "yellow"

    def test_the_api_reports_take_a_policy(self) -> None:
        plan = okrkit.loads(PLAN)
        policy = okrkit.Policy(ignore=["missing-owner"])

        for render in (okrkit.report_markdown, okrkit.report_html):
            assert "missing-owner" in render(plan, as_of="2026-02-15", lang="en")
            assert "missing-owner" not in render(plan, as_of="2026-02-15", lang="en", policy=policy)


def test_the_docs_example_of_a_trusted_project_works(tmp_path: Path) -> None:
    """The layout of git-and-ci.md: a project folder you own, checked from its root."""
    project(tmp_path / "okrs", None)
    (tmp_path / "pyproject.toml").write_text(
        textwrap.dedent(
            """\
            [tool.okrkit]
            ignore = ["missing-owner"]
            """
        ),
        encoding="utf-8",
    )
    done = subprocess.run(
        [sys.executable, "-m", "okrkit", "check", "okrs/plan.yaml", "--as-of", "2026-02-15"],
        cwd=tmp_path, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip

    assert done.returncode == 0, done.stderr
