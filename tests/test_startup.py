"""``okrkit check`` imports what checking a plan uses, and nothing it does not:
no unit registry for durations and amounts, no scan of installed distributions
when none declares rules, no package-resource machinery, no module of another
command, format or mistake (a new interpreter each run pays for every import);
and what it does instead gives what the modules it left out would have."""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path, PurePath

import pytest
from hypothesis import given
from hypothesis import strategies as st

from okrkit import PlanFileError, _cli
from okrkit._cli import build_parser, main, parser_for
from okrkit._files._io import FORMATS, format_of
from okrkit._text._words import LANGS, Lexicon, _builtin


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


# --- check on an example: what it must not load ------------------------------------------

CHECK_UNUSED = (
    # standard modules only other commands, formats or mistakes need
    "pathlib", "shutil", "bz2", "lzma", "html", "decimal", "fractions", "difflib",
    "dateutil.rrule", "pkgutil", "urllib.parse",
    # okrkit's scoring, views, DSL, and the calendars no example uses
    "okrkit._score", "okrkit._forecast", "okrkit._graph", "okrkit._report", "okrkit._html",
    "okrkit._notebook", "okrkit._frames", "okrkit._ci", "okrkit._reference", "okrkit._dsl",
    "okrkit._files._schema", "okrkit._retail", "okrkit._cycle",
)  # fmt: skip


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda path: path.name)
def test_check_on_an_example_loads_nothing_only_other_work_needs(path: Path) -> None:
    """A check of a Gregorian plan, with no refused number, no HTML and no typo,
    imports none of them (each one is paid for by every run of a new interpreter)."""
    code = CODE.format(command="check", path=str(path), unused=CHECK_UNUSED)
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    status, imported = json.loads(done.stdout)
    assert status in (0, 1)
    assert imported == []


def test_check_without_a_pyproject_loads_no_toml_reader(tmp_path: Path) -> None:
    """tomllib is imported for a TOML plan or a pyproject.toml, never for a YAML plan
    checked without configuration."""
    code = (
        "import contextlib, io, json, sys\n"
        "from okrkit._cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    status = main(['check', {str(EXAMPLES[0])!r}, '--isolated'])\n"
        "print(json.dumps([status, 'tomllib' in sys.modules]))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert json.loads(done.stdout)[1] is False


# --- the parser of one command line ------------------------------------------------------


def _commands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    (action,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return dict(action.choices)


ALL = _commands(build_parser())


@pytest.mark.parametrize("name", sorted(ALL))
def test_the_parser_built_for_one_command_is_that_commands_parser(name: str) -> None:
    """build_parser(only=name) holds the command alone, with the help and the
    arguments the whole parser gives it."""
    alone = _commands(build_parser(only=name))

    assert list(alone) == [name]
    assert alone[name].format_help() == ALL[name].format_help()
    assert _described(alone[name]) == _described(ALL[name])


def _described(parser: argparse.ArgumentParser) -> list[dict[str, object]]:
    """What each argument of *parser* is, all but the group object holding it."""
    return [
        {key: value for key, value in vars(action).items() if key != "container"}
        for action in parser._actions
    ]


@pytest.mark.parametrize(
    "words",
    [[], ["--help"], ["-h", "check"], ["--version", "check"], ["chek"], ["--", "check", "x"]],
)
def test_a_line_that_does_not_start_with_a_command_gets_every_command(words: list[str]) -> None:
    """--help, --version, a typo or an option before the command see the whole parser."""
    parser = parser_for(words)

    assert parser.format_help() == build_parser().format_help()
    assert {name: _described(p) for name, p in _commands(parser).items()} == {
        name: _described(p) for name, p in ALL.items()
    }


@pytest.mark.parametrize("name", sorted(ALL))
def test_a_line_that_starts_with_a_command_gets_that_command(name: str) -> None:
    assert list(_commands(parser_for([name, "plan.yaml", "--help"]))) == [name]


@pytest.mark.parametrize("columns", [None, "", "50", "200", "0", "-3", "abc", " 70 "], ids=repr)
def test_the_help_is_as_wide_as_shutil_says(
    columns: str | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The width the parsers find without shutil is shutil's, from COLUMNS or the terminal."""
    if columns is None:
        monkeypatch.delenv("COLUMNS", raising=False)
    else:
        monkeypatch.setenv("COLUMNS", columns)

    assert _cli._terminal_columns() == shutil.get_terminal_size().columns


# --- the word lists read without a second check -------------------------------------------


def test_the_built_in_word_lists_pass_the_checks_a_lexicon_makes() -> None:
    """Lexicon.default() no longer checks the package's own lists: they must pass."""
    checked = Lexicon({lang: _builtin(lang) for lang in LANGS})

    for lang in LANGS:
        assert checked.words(lang).data == Lexicon.default().words(lang).data
    assert checked.grammar() == Lexicon.default().grammar()
    assert checked.markers() == Lexicon.default().markers()


# --- a plan file's extension, read as pathlib reads it -----------------------------------


@given(st.text(alphabet="ab./\\ :Y", max_size=12))
def test_the_extension_of_a_name_is_the_one_pathlib_gives(name: str) -> None:
    suffix = PurePath(name).suffix.lower()
    if suffix in FORMATS:
        assert format_of(name) == FORMATS[suffix]
    else:
        with pytest.raises(PlanFileError, match=re.escape(repr(suffix or "no extension"))):
            format_of(name)


# --- the command's own entry -------------------------------------------------------------


@pytest.mark.parametrize(
    "words", [["check", str(EXAMPLES[0])], ["check", "missing.yaml"], ["chek"], ["--version"]]
)
def test_the_command_exits_with_what_main_returns(
    words: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    """run(), the okrkit command (and python -m okrkit), exits with main's status and
    writes what main writes, though it skips the collector's last pass."""
    code = f"import sys\nsys.argv = ['okrkit', *{words!r}]\nfrom okrkit._cli import run\nrun()\n"
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=120
    )
    try:
        status = main(words)
    except SystemExit as exc:  # --version
        status = exc.code
    out, err = capsys.readouterr()

    assert (done.returncode, done.stdout, done.stderr) == (status, out, err)
