"""A plan file is data (file-format.md, Safety): it never makes okrkit import code,
its reads and alias expansions are bounded, every number is refused rather than
overflowing, and messages quote a short excerpt of a value, never a whole file.

Special files (FIFOs, devices, endless standard input) are read in a child process
under limits by tests/test_hostile.py; here they are only the cases that cannot hang.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import tomli_w

import okrkit
from okrkit import PlanFileError
from okrkit._cli import main
from okrkit._files._config import load_policy
from okrkit._files._source import MAX_LINE_BYTES


PLAN = {
    "okrkit": 1,
    "period": "2026-Q1",
    "objectives": [
        {
            "id": "crecer",
            "title": "Crecer en la región",
            "owner": "ventas",
            "weight": 1,
            "key_results": [
                {
                    "id": "leads",
                    "metric": "leads",
                    "baseline": "10 lead",
                    "target": "40 lead",
                    "weight": 1,
                    "checkins": [{"date": "2026-01-20", "value": "15 lead", "confidence": 0.5}],
                }
            ],
        }
    ],
}


def text_of(data: object, fmt: str) -> str:
    """*data* written as a plan file in *fmt* (YAML through JSON, which YAML reads)."""
    if fmt == "toml":
        return tomli_w.dumps(data)  # type: ignore[arg-type]
    return json.dumps(data, ensure_ascii=False, indent=1)


def refused(text: str, fmt: str = "yaml", name: str = "plan") -> list[str]:
    with pytest.raises(PlanFileError) as info:
        okrkit.loads(text, format=fmt, name=f"{name}.{fmt}")  # type: ignore[arg-type]
    return [str(problem) for problem in info.value.problems]


# --- no plan file imports a module ----------------------------------------------------


MARKER_MODULE = textwrap.dedent(
    """\
    from pathlib import Path

    Path(__file__).with_name("IMPORTED").write_text("a plan file ran this module")
    """
)


def _plan_naming_a_plugin(fmt: str) -> str:
    return text_of({**PLAN, "policy": {"severities": {"missing-owner": "info"},
                                       "plugins": ["okr_marker"]}}, fmt)  # fmt: skip


@pytest.mark.parametrize("fmt", ["yaml", "json", "toml"])
class TestNoPlanImportsAModule:
    """A module beside the plan, importable from the current directory, is never
    imported because the plan names it: not by the command line, not by the API."""

    def folder(self, tmp_path: Path, fmt: str) -> Path:
        (tmp_path / "okr_marker.py").write_text(MARKER_MODULE, encoding="utf-8")
        (tmp_path / f"plan.{fmt}").write_text(_plan_naming_a_plugin(fmt), encoding="utf-8")
        return tmp_path

    def test_the_command_line(self, tmp_path: Path, fmt: str) -> None:
        folder = self.folder(tmp_path, fmt)

        done = subprocess.run(
            [sys.executable, "-m", "okrkit", "check", f"plan.{fmt}"],
            cwd=folder, capture_output=True, text=True, timeout=120, check=False,
        )  # fmt: skip

        assert not (folder / "IMPORTED").exists()
        assert done.returncode == 2
        assert done.stderr.startswith(f"plan.{fmt}:")
        assert "plugins: not allowed in a plan" in done.stderr
        assert "Traceback" not in done.stderr

    def test_the_api(self, tmp_path: Path, fmt: str) -> None:
        folder = self.folder(tmp_path, fmt)
        code = (
            "import okrkit\n"
            "try:\n"
            f"    okrkit.check(okrkit.load('plan.{fmt}'), as_of='2026-02-15')\n"
            "except okrkit.PlanFileError as error:\n"
            "    print(error)\n"
        )

        done = subprocess.run(
            [sys.executable, "-c", code],
            cwd=folder, capture_output=True, text=True, timeout=120, check=False,
        )  # fmt: skip

        assert not (folder / "IMPORTED").exists()
        assert done.returncode == 0, done.stderr
        assert "plugins: not allowed in a plan" in done.stdout


def test_plugins_in_a_plan_are_refused_at_their_line() -> None:
    text = "okrkit: 1\npolicy:\n  strict: true\n  plugins: [okr_marker]\nobjectives: []\n"

    assert refused(text) == [
        "plan.yaml:4:3: plugins: not allowed in a plan: a plan is data and never makes "
        "okrkit import code; list rule plugins in pyproject.toml's [tool.okrkit], "
        "or pass them to check()"
    ]


def test_the_rest_of_a_plans_policy_still_applies() -> None:
    text = text_of({**PLAN, "policy": {"severities": {"too-few-key-results": "error"}}}, "yaml")

    report = okrkit.check(okrkit.loads(text), as_of="2026-02-15")

    assert [f.severity.value for f in report if f.rule == "too-few-key-results"] == ["error"]


def test_a_plan_value_cannot_carry_plugins() -> None:
    """The model refuses them too, so no plan (read or built) hands check() a module."""
    with pytest.raises(okrkit.exceptions.InvalidValueError, match=r"Plan\.policy"):
        okrkit.plan("p").with_policy(okrkit.Policy(plugins=("okr_marker",)))


def test_plugins_still_come_from_the_caller(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "okr_marker_caller.py").write_text(MARKER_MODULE, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    plan = okrkit.loads(text_of(PLAN, "yaml"))

    try:
        okrkit.check(plan, policy=okrkit.Policy(plugins=("okr_marker_caller",)))
    finally:
        sys.modules.pop("okr_marker_caller", None)

    assert (tmp_path / "IMPORTED").exists()


# --- aliases are budgeted by what they expand to ---------------------------------------


def _anchored_title(size: int, aliases: int) -> str:
    lines = ["okrkit: 1", "period: 2026-Q1", "objectives:"]
    lines.append(
        f"  - {{id: o, title: &t {'a' * size}, owner: v, key_results: [Generar 10 leads]}}"
    )
    lines += [
        f"  - {{id: o{i}, title: *t, owner: v, key_results: [Generar 10 leads]}}"
        for i in range(aliases)
    ]
    return "\n".join(lines) + "\n"


def test_a_long_anchored_text_repeated_by_aliases_is_refused_where_it_passes_the_budget() -> None:
    """A megabyte title and 299 aliases to it: the second alias passes the budget."""
    found = refused(_anchored_title(1_000_000, 299))

    assert len(found) == 1
    assert found[0].startswith("plan.yaml:6:21: aliases expand the document by more than ")


def test_aliases_of_a_text_shorter_than_the_document_are_fine() -> None:
    plan = okrkit.loads(_anchored_title(2_000, 299))

    assert {o.title for o in plan.objectives} == {"a" * 2_000}


def test_small_anchors_keep_working() -> None:
    text = textwrap.dedent(
        """\
        okrkit: 1
        period: 2026-Q1
        objectives:
          - id: uno
            title: Crecer
            owner: &equipo ventas-norte
            key_results:
              - &leads {metric: leads, baseline: 10 lead, target: 40 lead}
          - id: dos
            title: Retener
            owner: *equipo
            key_results: [*leads]
        """
    )

    plan = okrkit.loads(text)

    assert [o.owner for o in plan.objectives] == ["ventas-norte", "ventas-norte"]
    assert plan.objectives[1].key_results[0].target == okrkit.Amount(40, "lead")


# --- reads are bounded -------------------------------------------------------------------


class TestBoundedReads:
    def test_a_file_over_the_limit_is_refused(self, tmp_path: Path) -> None:
        path = tmp_path / "plan.yaml"
        path.write_text(text_of(PLAN, "yaml"), encoding="utf-8")

        with pytest.raises(
            PlanFileError, match=r"plan\.yaml: expected a plan of at most 100 bytes"
        ):
            okrkit.load(path, max_bytes=100)
        assert okrkit.load(path, max_bytes=path.stat().st_size).objectives

    def test_the_default_limit_is_64_mib(self, tmp_path: Path) -> None:
        path = tmp_path / "plan.yaml"
        with path.open("wb") as handle:
            handle.truncate(64 * 1024 * 1024 + 1)  # sparse: no disk space used

        with pytest.raises(PlanFileError, match="at most 64 MiB"):
            okrkit.load(path)

    @pytest.mark.parametrize("limit", [0, -1, True, 1.5, "64"])
    def test_a_wrong_limit_is_refused(self, tmp_path: Path, limit: object) -> None:
        with pytest.raises(okrkit.exceptions.OkrkitError, match=r"load\(max_bytes\)"):
            okrkit.load(tmp_path / "plan.yaml", max_bytes=limit)  # type: ignore[arg-type]

    def test_a_directory_is_refused(self, tmp_path: Path) -> None:
        (tmp_path / "plan.yaml").mkdir()

        with pytest.raises(PlanFileError, match="expected a regular file, got a directory"):
            okrkit.load(tmp_path / "plan.yaml")

    @pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes")
    def test_a_fifo_is_refused_before_it_is_opened(self, tmp_path: Path) -> None:
        """Opening a FIFO waits for a writer: the reader must not open it at all.
        (A writer that gives up after a while keeps a regression from hanging.)"""
        path = tmp_path / "plan.yaml"
        os.mkfifo(path)
        child = subprocess.Popen(
            [sys.executable, "-c", f"import time; time.sleep(30); open({str(path)!r}, 'w')"]
        )
        try:
            with pytest.raises(PlanFileError, match=r"got a named pipe \(FIFO\)"):
                okrkit.load(path)
        finally:
            child.kill()
            child.wait()

    def test_the_command_line_takes_a_limit(self, tmp_path: Path) -> None:
        path = tmp_path / "plan.yaml"
        path.write_text(text_of(PLAN, "yaml"), encoding="utf-8")
        command = [sys.executable, "-m", "okrkit", "check", "--as-of", "2026-02-15"]

        small = subprocess.run(
            [*command, "--max-bytes", "100", str(path)],
            capture_output=True, text=True, timeout=120, check=False,
        )  # fmt: skip
        piped = subprocess.run(
            [*command, "--max-bytes", "100", "-"], input=path.read_text(encoding="utf-8"),
            capture_output=True, text=True, timeout=120, check=False,
        )  # fmt: skip
        enough = subprocess.run(
            [*command, "--max-bytes", "100000", str(path)],
            capture_output=True, text=True, timeout=120, check=False,
        )  # fmt: skip

        assert (small.returncode, piped.returncode) == (2, 2)
        assert "at most 100 bytes" in small.stderr
        assert piped.stderr.startswith("<stdin>: expected a plan of at most 100 bytes")
        assert enough.returncode in (0, 1), enough.stderr

    def test_a_pyproject_that_is_not_utf8_is_a_clear_error(self, tmp_path: Path) -> None:
        path = tmp_path / "pyproject.toml"
        path.write_bytes(b'[tool.okrkit]\npreset = "\xff"\n')

        with pytest.raises(PlanFileError, match="expected UTF-8"):
            load_policy(path)


class TestStatementsOnStandardInput:
    """okrkit parse reads one statement a line: each line is bounded, and so is the
    whole input (--max-bytes), so an endless or huge stream ends in exit 2."""

    @staticmethod
    def parse(
        monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str],
        given: bytes,
        *args: str,
    ) -> tuple[int, str, str]:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(given)))
        status = main(["parse", "--format", "json", *args])
        out, err = capsys.readouterr()
        return status, out, err

    def test_a_line_too_long_to_be_a_statement_is_refused_not_echoed(
        self, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        given = b"Generar 10 leads\n" + b"a" * (MAX_LINE_BYTES + 1) + b"\n"

        status, out, err = self.parse(monkeypatch, capsys, given)

        assert status == 2
        assert err == (
            "<stdin>:2: expected a line of at most 65,536 bytes (one statement), got more\n"
        )
        assert [json.loads(line)["text"] for line in out.splitlines()] == ["Generar 10 leads"]

    def test_a_line_without_an_end_is_refused_after_the_bound(
        self, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """What /dev/zero gives: bytes and never a line break."""
        status, out, err = self.parse(monkeypatch, capsys, b"\0" * (2 * MAX_LINE_BYTES))

        assert (status, out) == (2, "")
        assert err.startswith("<stdin>:1: expected a line of at most")

    def test_a_line_of_the_bound_is_read(
        self, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        status, out, _ = self.parse(monkeypatch, capsys, b"a" * MAX_LINE_BYTES + b"\r\n")

        assert status == 0
        assert len(json.loads(out)["text"]) == MAX_LINE_BYTES

    def test_the_whole_input_is_bounded_by_max_bytes(
        self, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        given = b"Generar 10 leads\n" * 10

        status, out, err = self.parse(monkeypatch, capsys, given, "--max-bytes", "100")

        assert status == 2
        assert len(out.splitlines()) == 5  # 5 lines of 17 bytes fit in 100
        assert err.startswith("<stdin>: expected input of at most 100 bytes, got more")
        assert self.parse(monkeypatch, capsys, given, "--max-bytes", "170")[0] == 0

    def test_text_that_is_not_utf8_is_refused_at_its_line(
        self, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        status, _, err = self.parse(monkeypatch, capsys, b"Generar 10 leads\nSubir \xff NPS\n")

        assert status == 2
        assert err == "<stdin>:2: expected UTF-8 text, found bytes that are not\n"

    def test_line_breaks_of_every_kind_end_a_statement(
        self, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """LF, CRLF and a lone CR, as before; a byte-order mark is no part of the first."""
        given = "\ufeffGenerar 10 leads\r\nSubir el NPS a 40\rBajar costes\n".encode()

        status, out, _ = self.parse(monkeypatch, capsys, given)

        assert status == 0
        assert [json.loads(line)["text"] for line in out.splitlines()] == [
            "Generar 10 leads", "Subir el NPS a 40", "Bajar costes",
        ]  # fmt: skip

    @pytest.mark.skipif(not hasattr(os, "fork"), reason="the memory limit uses resource")
    def test_an_endless_stream_ends_in_exit_2_under_a_memory_limit(self) -> None:
        """okrkit parse < /dev/zero, in a process allowed 500 MB."""
        limit = textwrap.dedent(
            """\
            import resource, sys
            resource.setrlimit(resource.RLIMIT_AS, (500 * 1024**2, 500 * 1024**2))
            from okrkit._cli import main
            sys.exit(main(["parse"]))
            """
        )
        with open(os.devnull.replace("null", "zero"), "rb") as zero:
            done = subprocess.run(
                [sys.executable, "-c", limit], stdin=zero, capture_output=True, text=True,
                errors="replace", timeout=120, check=False,
            )  # fmt: skip

        assert done.returncode == 2
        assert done.stderr.startswith("<stdin>:1: expected a line of at most")
        assert done.stdout == ""


# --- numbers too large for a float --------------------------------------------------------


HUGE = 10**400
K = ("objectives", 0, "key_results", 0)
NUMERIC_FIELDS = [
    (("objectives", 0, "weight"), HUGE),
    ((*K, "weight"), HUGE),
    ((*K, "baseline"), HUGE),
    ((*K, "target"), -HUGE),
    ((*K, "change"), HUGE),
    ((*K, "share"), HUGE),
    ((*K, "checkins", 0, "value"), HUGE),
    ((*K, "checkins", 0, "confidence"), HUGE),
    ((*K, "type"), {"name": "t", "kind": "count", "min": -HUGE}),
    ((*K, "type"), {"name": "t", "kind": "count", "max": HUGE}),
    (("calendar",), {"fiscal_year_start": HUGE}),
    (("calendar",), {"kind": "retail", "year_end_month": HUGE}),
    (("calendar",), {"kind": "cycle", "start": "2026-01-05", "weeks": HUGE}),
    (("calendar",), {"kind": "cycle", "start": "2026-01-05", "days": HUGE}),
    (("policy",), {"thresholds": {"stale_after_days": HUGE}}),
    (("policy",), {"thresholds": {"at_risk_gap": -HUGE}}),
]


def _with(path: tuple[str | int, ...], value: object) -> dict[str, object]:
    data = json.loads(json.dumps(PLAN))
    inner = data
    for part in path[:-1]:
        inner = inner[part]
    inner[path[-1]] = value
    return data  # type: ignore[no-any-return]


@pytest.mark.parametrize("fmt", ["json", "toml"])
@pytest.mark.parametrize(
    ("path", "value"), NUMERIC_FIELDS, ids=[".".join(map(str, p)) for p, _ in NUMERIC_FIELDS]
)
def test_a_number_too_large_for_a_float_is_refused_at_its_place(
    fmt: str, path: tuple[str | int, ...], value: object
) -> None:
    found = refused(text_of(_with(path, value), fmt), fmt)

    assert len(found) == 1
    assert found[0].startswith(f"plan.{fmt}:")
    assert "finite number" in found[0]
    assert len(found[0]) < 300


def test_a_threshold_too_large_in_pyproject_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "pyproject.toml"
    path.write_text(f"[tool.okrkit.thresholds]\nstale_after_days = {HUGE}\n", encoding="utf-8")

    with pytest.raises(PlanFileError, match="stale_after_days: expected a finite number"):
        load_policy(path)


@pytest.mark.parametrize(
    "make",
    [
        lambda: okrkit.Amount(HUGE),
        lambda: okrkit.Amount.coerce(-HUGE),
        lambda: okrkit.Thresholds(stale_after_days=HUGE),
        lambda: okrkit.increase("leads", to=HUGE),
    ],
)
def test_the_model_refuses_them_too(make) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(okrkit.exceptions.InvalidValueError, match="finite number"):
        make()


# --- the format version is the whole number 1 ---------------------------------------------


@pytest.mark.parametrize(
    ("fmt", "text"),
    [
        ("yaml", "okrkit: 1.0\nobjectives: []\n"),
        ("yaml", "okrkit: 1e0\nobjectives: []\n"),
        ("json", '{"okrkit": 1.0, "objectives": []}'),
        ("toml", "okrkit = 1.0\n"),
    ],
)
def test_a_version_that_is_not_the_whole_number_1_is_refused(fmt: str, text: str) -> None:
    found = refused(text, fmt)

    assert len(found) == 1
    assert "okrkit: expected format version 1, got 1" in found[0]


# --- messages quote an excerpt, and nothing of a file that is not a plan ------------------


SECRET = "AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("plan.yaml", SECRET + "\nDB_PASSWORD=hunter2\n"),
        ("plan.yaml", f"password: {SECRET}\n"),
        ("plan.json", json.dumps(SECRET)),
        ("plan.json", json.dumps([SECRET])),
        ("plan.toml", f'password = "{SECRET}"\n'),
    ],
)
def test_a_plan_linked_to_a_secrets_file_quotes_none_of_it(
    tmp_path: Path, name: str, content: str
) -> None:
    secrets = tmp_path / "secrets.env"
    secrets.write_text(content, encoding="utf-8")
    link = tmp_path / name
    try:
        link.symlink_to(secrets)
    except OSError:  # pragma: no cover - no symbolic links here
        link.write_text(content, encoding="utf-8")

    with pytest.raises(PlanFileError) as info:
        okrkit.load(link)

    message = str(info.value)
    assert message.startswith(str(link))
    for piece in ("AWS", "wJalr", "EXAMPLE", "hunter2", "password"):
        assert piece not in message


def test_binary_bytes_are_not_quoted(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_bytes(b"okrkit: 1\ntitle: \xde\xad\xbe\xef\n")

    with pytest.raises(PlanFileError) as info:
        okrkit.load(path)

    assert str(info.value) == f"{path}:2: expected UTF-8 text, found bytes that are not"


LONG = 1000  # YAML allows keys of up to 1024 characters


@pytest.mark.parametrize(
    ("fmt", "text", "what"),
    [
        ("yaml", "okrkit: 1\nlang: " + "x" * 5000 + "\n", "lang: expected en | es"),
        ("yaml", "okrkit: 1\ncurrency: " + "y" * 5000 + "\n", "currency: expected an ISO"),
        ("yaml", "okrkit: 1\n" + "z" * LONG + ": 1\n", "unknown key 'zzz"),
        ("json", '{"okrkit": 1, "' + "z" * 5000 + '": 1}', "unknown key 'zzz"),
        ("json", '{"okrkit": 1, "calendar": {"' + "c" * 5000 + '": 1}}', "unknown key 'ccc"),
        ("yaml", "okrkit: 1\nobjectives:\n  - {title: x, weight: " + "w" * 5000 + "}\n", "weight"),
        ("yaml", "okrkit: 1\nperiod: " + "p" * 5000 + "\n", "period: expected a period"),
        ("yaml", "okrkit: " + "9" * 5000 + "\n", "okrkit: expected format version 1"),
        ("yaml", "okrkit: 1\ntitle: !" + "t" * 5000 + " x\n", "tag '!ttt"),
        ("yaml", "okrkit: 1\ntitle: *" + "a" * 5000 + "\n", "alias *aaa"),
        ("yaml", "okrkit: 1\n" + "k" * LONG + ": 1\n" + "k" * LONG + ": 2\n", "duplicate key"),
    ],
)
def test_a_message_quotes_at_most_a_short_excerpt(fmt: str, text: str, what: str) -> None:
    found = refused(text, fmt)

    assert any(what in problem for problem in found), found
    for problem in found:
        longest = max(len(run) for run in problem.replace("…", " ").split())
        assert longest <= 40, problem
