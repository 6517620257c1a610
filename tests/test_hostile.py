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
import subprocess
import sys
import textwrap
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import okrkit
from okrkit import PlanFileError
from okrkit import strategies as okst
from readers import assert_dot, assert_mermaid


MEMORY_CEILING = 2 * 1024**3  # bytes of address space for each child process
TIME_LIMIT = 120  # seconds for each child process


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


def cases(marker: str) -> list[tuple[str, str, str]]:
    """(name, format, text) for every hostile case."""
    big = "a" * 1_000_000
    yaml_cases = [
        ("alias-bomb", _bomb()),
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


# --- in a child process: the command line, with a memory ceiling and a time limit ------


RUNNER = textwrap.dedent(
    """
    import resource, sys, traceback
    resource.setrlimit(resource.RLIMIT_AS, ({ceiling}, {ceiling}))
    from okrkit._cli import main
    which, *paths = sys.argv[1:]
    commands = [["check", "--format", "json"], ["score", "--as-of", "2026-02-15", "--rollup"],
                ["report", "--format", "html", "--as-of", "2026-02-15"]]
    if which == "all":
        commands += [["check"], ["score", "--as-of", "2026-02-15", "--forecast"], ["graph"]]
    for path, command in [(path, command) for path in paths for command in commands]:
        try:
            status = main([*command, path])
        except SystemExit as exit:
            status = exit.code
        except BaseException:
            print(path, command, file=sys.stderr)
            traceback.print_exc()
            sys.exit(99)
        if status not in (0, 1, 2):
            print(f"{{path}} {{command}}: exit {{status}}", file=sys.stderr)
            sys.exit(98)
    """
)


def _run(paths: list[Path]) -> subprocess.CompletedProcess[str]:
    """Every command on *paths* in one child process (the big cases, fewer commands)."""
    code = RUNNER.format(ceiling=MEMORY_CEILING)
    which = "some" if any(path.stem in BIG for path in paths) else "all"
    return subprocess.run(
        [sys.executable, "-c", code, which, *map(str, paths)],
        capture_output=True, text=True, errors="replace", timeout=TIME_LIMIT, check=False,
    )  # fmt: skip


@pytest.mark.skipif(sys.platform == "win32", reason="the memory ceiling uses resource")
def test_the_command_line_on_every_case(tmp_path: Path) -> None:
    """Every command on every case exits 0, 1 or 2 without a traceback, under the
    ceiling and in time; and no case runs the command a tag names."""
    marker = tmp_path / "executed"
    small, big = [], []
    for name, fmt, text in cases(str(marker)):
        path = tmp_path / f"{name}.{fmt}"
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        (big if name in BIG else small).append(path)
    batches = [small, *([path] for path in big)]
    failures = []
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        for batch, done in zip(batches, pool.map(_run, batches), strict=True):
            if done.returncode != 0 or "Traceback" in done.stderr:
                names = ", ".join(path.name for path in batch)
                failures.append(f"{names}: {done.returncode}\n{done.stderr[-2000:]}")

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
