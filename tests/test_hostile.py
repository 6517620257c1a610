"""Hostile input: malformed and adversarial plan files, statements and command lines.

Every case must end in a plan (then checked, scored and rendered) or in a clear
``PlanFileError`` / exit status 2, never a traceback; nothing a file says is
executed; and each run stays inside a bound the operating system enforces: a
child process with a memory ceiling and a time limit.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import re
import subprocess
import sys
import textwrap
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import okrkit
from okrkit import PlanFileError
from okrkit import strategies as okst
from readers import assert_dot, assert_mermaid


MEMORY_CEILING = 500 * 1024**2  # bytes of address space for each case
CPU_LIMIT = 2  # seconds of processor time for each case (all its commands)
BIG_CPU_LIMIT = 20  # for the org-scale plans of BIG, which take 4 to 6 s (see BIG)
WALL_LIMIT = 60  # seconds for each case, so a read that waits (a FIFO) cannot hang
TIME_LIMIT = 600  # seconds for a whole child process of the command-line test


# --- the cases -------------------------------------------------------------------------


def _plan(title: str = "Crecer en la región", statement: str = "Generar 170 leads") -> str:
    return textwrap.dedent(
        f"""\
        okrkit: 1
        period: 2026-Q1
        objectives:
          - id: o
            title: {json.dumps(title, ensure_ascii=False)}
            owner: ventas
            key_results:
              - statement: {json.dumps(statement, ensure_ascii=False)}
        """
    )


def _chain(levels: int, *, loop: bool) -> str:
    """An alignment chain *levels* deep (each objective's parent the one before),
    closed into one loop when *loop*."""
    objectives = [
        {
            "id": f"o{i}",
            "title": "Crecer en la región",
            "owner": f"equipo-{i}",
            "parent": f"o{i - 1}" if i else (f"o{levels - 1}" if loop else None),
            "key_results": [{"metric": "leads", "target": "10 lead"}],
        }
        for i in range(levels)
    ]
    for objective in objectives:
        if objective["parent"] is None:
            del objective["parent"]
    return json.dumps({"okrkit": 1, "period": "2026-Q1", "objectives": objectives})


def _bomb() -> str:
    lines = ["okrkit: 1", 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for index in range(1, 12):
        prev, name = chr(ord("a") + index - 1), chr(ord("a") + index)
        lines.append(f"{name}: &{name} [{', '.join('*' + prev for _ in range(9))}]")
    return "\n".join(lines) + "\n"


def _tags(marker: str) -> list[tuple[str, str]]:
    command = f"touch {marker}"
    return [
        ("tag-apply", f"!!python/object/apply:os.system [{json.dumps(command)}]\n"),
        (
            "tag-new",
            f"okrkit: 1\nobjectives: !!python/object/new:os.system [{json.dumps(command)}]\n",
        ),
        ("tag-name", "okrkit: 1\nobjectives: !!python/name:os.system\n"),
        ("tag-local", "okrkit: 1\nobjectives: !evil {a: 1}\n"),
        ("tag-module", "okrkit: 1\nobjectives: !!python/module:os\n"),
    ]


def _anchored_title(aliases: int) -> str:
    """A megabyte title anchored once and repeated by *aliases* aliases."""
    lines = ["okrkit: 1", "period: 2026-Q1", "objectives:"]
    lines.append(f"  - {{id: o, title: &t {'a' * 1_000_000}, owner: v, key_results: [x]}}")
    lines += [f"  - {{id: o{i}, title: *t, owner: v, key_results: [x]}}" for i in range(aliases)]
    return "\n".join(lines) + "\n"


PLUGIN = "okr_marker"
"""A module the command-line test writes beside the plans: importing it leaves the marker."""


def _naming_a_plugin(fmt: str) -> str:
    if fmt == "toml":
        return f'okrkit = 1\n[policy]\nplugins = ["{PLUGIN}"]\n'
    return json.dumps({"okrkit": 1, "policy": {"plugins": [PLUGIN]}, "objectives": []})


def cases(marker: str) -> list[tuple[str, str, str]]:
    """(name, format, text) for every hostile case."""
    big = "a" * 1_000_000
    past_float = "1" + "0" * 400  # a whole number no float can hold
    yaml_cases = [
        ("alias-bomb", _bomb()),
        ("alias-long-text", _anchored_title(299)),
        ("version-float", "okrkit: 1.0\nobjectives: []\n"),
        ("plugins", _naming_a_plugin("yaml")),
        ("deep-flow", "[" * 100_000 + "]" * 100_000),
        ("deep-block", "".join("  " * i + "- \n" for i in range(3000))),
        ("nan-weight", "okrkit: 1\nobjectives:\n  - title: x\n    weight: .nan\n"),
        ("inf-target", _plan().replace("statement: ", "target: .inf\n        statement: ")),
        ("huge-float", "okrkit: 1\nobjectives:\n  - title: x\n    weight: 1e400\n"),
        ("huge-int", "okrkit: 1\nobjectives:\n  - title: x\n    weight: " + "9" * 5000 + "\n"),
        ("huge-amount", _plan().replace("statement: ", "target: 1e308 km\n        statement: ")),
        ("megabyte-title", _plan(title=big)),
        ("megabyte-statement", _plan(statement="Generar 10 leads " * 60_000)),
        ("megabyte-id", _plan().replace("id: o", "id: " + big)),
        (
            "odd-unicode",
            _plan("\u202eCrecer\u200d en 🇲🇽 ＡＢＣ e\u0301", "Generar １００ leads ٣٠"),
        ),
        ("control-chars", _plan("Crecer\x07\x1b[31m en rojo", "Generar 10 leads\x0b")),
        ("nul", "okrkit: 1\x00\nobjectives: []\n"),
        ("bom-crlf", "\ufeffokrkit: 1\r\nobjectives: []\r\n"),
        ("empty", ""),
        ("only-comment", "# nothing\n"),
        ("scalar", "42\n"),
        ("list", "- 1\n- 2\n"),
        ("merge-key", "okrkit: 1\nbase: &b {title: x}\nobjectives:\n  - <<: *b\n"),
        ("duplicate-key", "okrkit: 1\nokrkit: 1\nobjectives: []\n"),
        ("bad-date", _plan().replace("period: 2026-Q1", "period: 2026-02-30..2026-03-01")),
        ("year-99999", _plan().replace("period: 2026-Q1", "period: 99999-Q1")),
        ("tab-indent", "okrkit: 1\nobjectives:\n\t- title: x\n"),
        ("unclosed-quote", 'okrkit: 1\ntitle: "sin cerrar\n'),
        ("binary-ish", "okrkit: 1\ntitle: \x80\x81\x82\n"),
        *[(name, text) for name, text in _tags(marker)],
    ]
    json_cases = [
        ("deep", "[" * 100_000 + "]" * 100_000),
        ("nan", '{"okrkit": 1, "objectives": [{"title": "x", "weight": NaN}]}'),
        ("infinity", '{"okrkit": 1, "objectives": [{"title": "x", "weight": -Infinity}]}'),
        ("huge-int", '{"okrkit": 1, "objectives": [{"title": "x", "weight": ' + "9" * 5000 + "}]}"),
        (
            "past-float",
            '{"okrkit": 1, "objectives": [{"title": "x", "weight": ' + past_float + "}]}",
        ),
        ("version-float", '{"okrkit": 1.0, "objectives": []}'),
        ("plugins", _naming_a_plugin("json")),
        ("lone-surrogate", '{"okrkit": 1, "objectives": [{"title": "x\\ud800y", "owner": "v"}]}'),
        ("duplicate-key", '{"okrkit": 1, "okrkit": 1}'),
        ("chain-10000", _chain(10_000, loop=False)),
        ("loop-10000", _chain(10_000, loop=True)),
        ("truncated", _chain(50, loop=False)[:-7]),
        ("not-an-object", "[1, 2, 3]"),
    ]
    toml_cases = [
        ("deep-array", "a = " + "[" * 100_000 + "]" * 100_000),
        ("deep-table", "a = " + "{b = " * 5000 + "1" + "}" * 5000),
        ("nan", 'okrkit = 1\n[[objectives]]\ntitle = "x"\nweight = nan\n'),
        ("huge-int", 'okrkit = 1\n[[objectives]]\ntitle = "x"\nweight = ' + "9" * 5000 + "\n"),
        ("past-float", f'okrkit = 1\n[[objectives]]\ntitle = "x"\nweight = {past_float}\n'),
        ("version-float", "okrkit = 1.0\n"),
        ("plugins", _naming_a_plugin("toml")),
        ("many-tables", "okrkit = 1\n" + '[[objectives]]\ntitle = "x"\n' * 20_000),
    ]
    return [
        *[(f"yaml-{name}", "yaml", text) for name, text in yaml_cases],
        *[(f"json-{name}", "json", text) for name, text in json_cases],
        *[(f"toml-{name}", "toml", text) for name, text in toml_cases],
    ]


# --- in the process: a result or a PlanFileError ----------------------------------------


def _everything(plan: okrkit.Plan) -> None:
    """Check, score and render a plan that was read: none of it may raise."""
    report = okrkit.check(plan, as_of="2026-02-15")
    card = okrkit.score(plan, as_of="2026-02-15", rollup=True, forecasts=True)
    for text in (report.to_json(), card.to_json(), okrkit.to_mermaid(plan)):
        text.encode("utf-8")  # every character can be written out
    assert_mermaid(okrkit.to_mermaid(plan))
    assert_dot(okrkit.to_dot(plan))
    okrkit.report_html(plan, as_of=dt.date(2026, 2, 15)).encode("utf-8")
    for fmt in ("yaml", "json", "toml"):
        okrkit.dumps(plan, format=fmt)


BIG = {"json-chain-10000", "json-loop-10000", "toml-many-tables"}
"""Cases that take seconds each: checked whole below and on the command line."""


@pytest.mark.parametrize(
    ("name", "fmt", "text"),
    [case for case in cases("/nonexistent/never") if case[0] not in BIG],
    ids=lambda v: v if len(v) < 40 else "",
)
def test_each_case_is_a_plan_or_a_located_error(name: str, fmt: str, text: str) -> None:
    read = _read(text, fmt, f"{name}.{fmt}")
    if isinstance(read, PlanFileError):
        assert read.problems
        assert all(str(problem).startswith(f"{name}.{fmt}") for problem in read.problems)
    else:
        _everything(read)


def _read(text: str, fmt: str, name: str) -> okrkit.Plan | PlanFileError:
    """The plan, or the error that says why there is none."""
    try:
        return okrkit.loads(text, format=fmt, name=name)  # type: ignore[arg-type]
    except PlanFileError as error:
        return error


def test_long_chains_and_loops_are_checked_whole() -> None:
    chain = okrkit.loads(_chain(10_000, loop=False), format="json")
    loop = okrkit.loads(_chain(10_000, loop=True), format="json")

    assert "causal-cycle" not in {f.rule for f in okrkit.check(chain)}
    cycles = [f for f in okrkit.check(loop) if f.rule == "causal-cycle"]
    assert len(cycles) == 1
    assert cycles[0].message.count("→") == 10_000
    rolled = okrkit.score(chain, as_of="2026-02-15", rollup=True)
    assert 0.0 <= rolled.score <= 1.0


_FORMATS = st.sampled_from(["yaml", "json", "toml"])
PIECES = ['"', "'", ":", "-", "[", "{", "\n", "  ", "&a", "*a", "!!", "#", "=", "\\", "1e999",
          "ñ", "\x00", "\t"]  # fmt: skip


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(okst.plans(max_objectives=2, max_key_results=3), _FORMATS, st.data())
def test_fuzzed_plan_files(plan: okrkit.Plan, fmt: str, data: st.DataObject) -> None:
    """A valid plan file with random characters cut, doubled or replaced reads as a
    plan or fails with located problems; what reads is checked and scored."""
    text = okrkit.dumps(plan, format=fmt)  # type: ignore[arg-type]
    for _ in range(data.draw(st.integers(1, 6))):
        at = data.draw(st.integers(0, len(text)))
        edit = data.draw(st.sampled_from(["cut", "double", "replace", "insert"]))
        piece = data.draw(st.sampled_from(PIECES))
        if edit == "cut":
            text = text[:at] + text[at + data.draw(st.integers(1, 20)) :]
        elif edit == "double":
            text = text[:at] + text[at : at + 30] + text[at:]
        elif edit == "replace":
            text = text[:at] + piece + text[at + 1 :]
        else:
            text = text[:at] + piece + text[at:]
    read = _read(text, fmt, "fuzz")
    if isinstance(read, PlanFileError):
        assert all(p.file == "fuzz" for p in read.problems)
    else:
        okrkit.check(read, as_of="2026-02-15")
        okrkit.score(read, as_of="2026-02-15")


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=300))
def test_any_bytes_on_disk(tmp_path_factory: pytest.TempPathFactory, raw: bytes) -> None:
    path = tmp_path_factory.mktemp("bytes") / "plan.yaml"
    path.write_bytes(raw)
    with contextlib.suppress(PlanFileError):
        okrkit.load(path)


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=400))
def test_statements_never_raise(text: str) -> None:
    """Key-result and objective readers give a reading of the very text given."""
    assert okrkit.read_statement(text).text == text
    assert okrkit.text.read_objective(text).text == text


# --- in a child process: the command line, each case under limits the system enforces ---


RUNNER = textwrap.dedent(
    """
    import contextlib, io, json, os, resource, signal, sys, traceback
    from okrkit._cli import main

    ceiling, wall = (int(arg) for arg in sys.argv[1:3])
    warm, *cases = sys.argv[3:]
    COMMANDS = [["check", "--format", "json"], ["score", "--as-of", "2026-02-15", "--rollup"],
                ["report", "--format", "html", "--as-of", "2026-02-15"]]
    MORE = [["check"], ["score", "--as-of", "2026-02-15", "--forecast"], ["graph"]]

    def run(case):
        if case["stdin"]:
            os.dup2(os.open(case["stdin"], os.O_RDONLY), 0)
        statuses = []
        for command in COMMANDS + (MORE if case["all"] else []):
            try:
                statuses.append(main([*command, case["path"]]))
            except SystemExit as exit:
                statuses.append(exit.code)
            except BaseException:
                return statuses, traceback.format_exc()
        return statuses, ""

    # Every command once on a small plan first, so a case pays for itself, not for imports.
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        run({"path": warm, "stdin": None, "all": True})
    for case in map(json.loads, cases):
        sys.stdout.flush()
        reader, writer = os.pipe()
        pid = os.fork()
        if pid == 0:  # the case, alone in a process under the limits
            os.close(reader)
            resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
            resource.setrlimit(resource.RLIMIT_AS, (ceiling, ceiling))
            resource.setrlimit(resource.RLIMIT_CPU, (case["cpu"], case["cpu"] + 1))
            signal.alarm(wall)
            os.dup2(os.open(os.devnull, os.O_WRONLY), 1)
            sys.stderr = io.StringIO()
            statuses, error = run(case)
            said = json.dumps({"statuses": statuses, "error": error,
                               "stderr": sys.stderr.getvalue()[:4000]})
            os.write(writer, said.encode())
            os._exit(0)
        os.close(writer)
        with os.fdopen(reader, "rb") as pipe:
            said = pipe.read()
        _, status, usage = os.wait4(pid, 0)
        print(json.dumps({
            **case, **(json.loads(said) if said else {}),
            "signal": os.WTERMSIG(status) if os.WIFSIGNALED(status) else None,
            "cpu": usage.ru_utime + usage.ru_stime, "rss_mb": usage.ru_maxrss / 1024,
        }), flush=True)
    """
)


def run_cases(cases: list[dict[str, object]], folder: Path) -> list[dict[str, object]]:
    """Each case in its own process, forked from one that has imported everything:
    *MEMORY_CEILING* bytes of address space, the case's ``cpu`` seconds of processor
    time and *WALL_LIMIT* seconds in all. What each case printed, its exit statuses,
    its processor time and peak resident memory come back."""
    warm = folder / "warm.yaml"
    warm.write_text(_plan(), encoding="utf-8")
    limits = (MEMORY_CEILING, WALL_LIMIT)
    done = subprocess.run(
        [sys.executable, "-c", RUNNER, *map(str, limits), str(warm), *map(json.dumps, cases)],
        cwd=folder, stdin=subprocess.DEVNULL, capture_output=True, text=True, errors="replace",
        timeout=TIME_LIMIT, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    return [json.loads(line) for line in done.stdout.splitlines()]


def _special_cases(folder: Path) -> list[dict[str, object]]:
    """Paths that are not regular files, and an endless standard input."""
    fifo, zero, directory = folder / "fifo.yaml", folder / "zero.yaml", folder / "folder.yaml"
    os.mkfifo(fifo)
    zero.symlink_to(os.devnull.replace("null", "zero"))
    directory.mkdir()
    special = [{"name": path.stem, "path": str(path), "stdin": None} for path in (fifo, zero)]
    return [
        *special,
        {"name": "folder", "path": str(directory), "stdin": None},
        {"name": "stdin-zero", "path": "-", "stdin": "/dev/zero"},
    ]


LOCATED = {
    "yaml-alias-bomb", "yaml-alias-long-text", "yaml-version-float", "json-version-float",
    "toml-version-float", "yaml-plugins", "json-plugins", "toml-plugins", "json-past-float",
    "toml-past-float",
}  # fmt: skip
"""Cases refused by every command at the line and column of what is wrong."""

SPECIAL = {"fifo", "zero", "folder", "stdin-zero"}
"""Cases refused by every command before (or, for standard input, after 64 MiB of) reading."""


def _verdict(result: dict[str, Any]) -> str | None:
    """What is wrong with a case's run, or None."""
    name, path, said = result["name"], result["path"], result.get("stderr", "")
    if result["signal"] is not None:
        return f"killed by signal {result['signal']} (over a limit)"
    if result.get("error") or "Traceback" in said:
        return f"a traceback:\n{result.get('error') or said}"
    if any(status not in (0, 1, 2) for status in result["statuses"]):
        return f"exit statuses {result['statuses']}"
    if name in LOCATED | SPECIAL:
        place = "<stdin>" if path == "-" else re.escape(path)
        where = r":\d+:\d+: " if name in LOCATED else ": "
        lines = said.splitlines()
        if set(result["statuses"]) != {2} or not all(re.match(place + where, x) for x in lines):
            return f"not refused at its place: {result['statuses']}\n{said[:1000]}"
    return None


@pytest.mark.skipif(not hasattr(os, "fork"), reason="the limits use fork and resource")
def test_the_command_line_on_every_case(tmp_path: Path) -> None:
    """Every command on every case exits 0, 1 or 2 without a traceback, each case under
    500 MB and 2 s of processor time; hostile files are refused with exit 2 at their
    place; and no case runs the command a tag names or imports a module it names."""
    marker = tmp_path / "executed"
    (tmp_path / f"{PLUGIN}.py").write_text(
        f"open({str(marker)!r}, 'w').close()\n", encoding="utf-8"
    )
    runs = []
    for name, fmt, text in cases(str(marker)):
        path = tmp_path / f"{name}.{fmt}"
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        runs.append({"name": name, "path": str(path), "stdin": None})
    runs += _special_cases(tmp_path)
    for run in runs:
        run["all"] = run["name"] not in BIG
        run["cpu"] = BIG_CPU_LIMIT if run["name"] in BIG else CPU_LIMIT
    workers = os.cpu_count() or 2
    with ThreadPoolExecutor(max_workers=workers) as pool:
        batches = [runs[index::workers] for index in range(workers)]
        results = [r for done in pool.map(run_cases, batches, [tmp_path] * workers) for r in done]

    failures = [f"{r['name']}: {_verdict(r)}" for r in results if _verdict(r) is not None]
    assert len(results) == len(runs)
    assert not failures, "\n".join(failures)
    assert not marker.exists()


COMMAND_LINES: list[tuple[str, Callable[[Path], list[str]], str]] = [
    ("a directory", lambda tmp: ["check", str(tmp)], ""),
    ("a missing file", lambda tmp: ["check", str(tmp / "missing.yaml")], ""),
    ("a file with no format", lambda tmp: ["check", str(tmp / "plan.txt")], ""),
    ("a megabyte statement", lambda tmp: ["parse"], "Generar 10 leads " * 60_000),
    ("odd Unicode", lambda tmp: ["parse", "\u202eReducir ٣٥ días\u200d a ２６ 🇲🇽"], ""),
    ("a date that does not exist", lambda tmp: ["score", "--as-of", "2026-02-30", "x.yaml"], ""),
    ("an unknown option", lambda tmp: ["check", "--frobnicate", "x.yaml"], ""),
    ("a plan on standard input", lambda tmp: ["check", "-"], "okrkit: 1\nobjectives: [\n"),
]


@pytest.mark.parametrize(
    ("what", "argv", "given"), COMMAND_LINES, ids=[w for w, _a, _g in COMMAND_LINES]
)
def test_odd_command_lines(
    what: str, argv: Callable[[Path], list[str]], given: str, tmp_path: Path
) -> None:
    (tmp_path / "plan.txt").write_text("okrkit: 1\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "okrkit", *argv(tmp_path)], input=given,
        capture_output=True, text=True, errors="replace", timeout=TIME_LIMIT, check=False,
    )  # fmt: skip

    assert done.returncode in (0, 1, 2)
    assert "Traceback" not in done.stderr
