"""``okrkit check`` imports what checking a plan uses, and nothing it does not:
no unit registry for durations and amounts, no scan of installed distributions
when none declares rules, no package-resource machinery, no module of another
command, format or mistake (a new interpreter each run pays for every import);
and what it does instead gives what the modules it left out would have."""

from __future__ import annotations

import argparse
import importlib
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path, PurePath
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from okrkit import PlanFileError, _cli
from okrkit._cli import build_parser, main, parser_for
from okrkit._files._io import FORMATS, format_of
from okrkit._text._language import _QUOTE, _label_heads, _label_pattern, _may_be_labelled, prepared
from okrkit._text._tokens import _TOKEN, tokenize
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


# --- patterns: compiled when used, and cheap to compile ----------------------------------

PATTERN_CODE = """
import contextlib, io, json, re
from okrkit._cli import main
with contextlib.redirect_stdout(io.StringIO()):
    status = main(["check", {path!r}, "--as-of", "2026-02-15"])
from okrkit._escape import _AUTOLINK, _MARKDOWN_SPECIAL, _MERMAID_SPECIAL, _RUNS
from okrkit._files._locate import _TOML_BLANK, _TOML_STRING
from okrkit._period import _FISCAL, _FISCAL_PREFIX
from okrkit._text._language import _QUOTE
from okrkit._text._words import Lexicon
rare = dict(
    autolink=_AUTOLINK, markdown=_MARKDOWN_SPECIAL, mermaid=_MERMAID_SPECIAL, runs=_RUNS,
    toml_blank=_TOML_BLANK, toml_string=_TOML_STRING, fiscal=_FISCAL,
    fiscal_prefix=_FISCAL_PREFIX, quote=_QUOTE,
)
compiled = {{key[1] for key in re._cache}}
print(json.dumps([
    status,
    sorted(name for name, pattern in rare.items() if pattern in compiled),
    Lexicon.default().labels is not None,
]))
"""


def test_a_check_compiles_no_pattern_only_other_text_needs() -> None:
    """A check of a YAML plan with no fiscal label, no quotation, no statement that
    starts with a label and text output compiles none of those patterns (each costs
    every new interpreter the time re takes to compile it)."""
    plan = next(path for path in EXAMPLES if path.name == "saas-growth.yaml")
    done = subprocess.run(
        [sys.executable, "-c", PATTERN_CODE.format(path=str(plan))],
        capture_output=True, text=True, check=True, timeout=120,
    )  # fmt: skip
    status, compiled, labels = json.loads(done.stdout)

    assert status in (0, 1)
    assert compiled == []
    assert labels is False


def _big_sets(pattern: str, flags: int, monkeypatch: pytest.MonkeyPatch) -> int:
    """How many sets of characters re builds into a table of all 65,536 to compile
    *pattern* (about 2 million instructions each)."""
    compiler: Any = importlib.import_module("re._compiler")
    found = []
    optimize = compiler._optimize_charset

    def spy(*args: Any, **kwargs: Any) -> Any:
        out, cased = optimize(*args, **kwargs)
        found.extend(op for op, _ in out if op is compiler.BIGCHARSET)
        return out, cased

    monkeypatch.setattr(compiler, "_optimize_charset", spy)
    compiler.compile(pattern, flags)
    return len(found)


def test_the_tokenizers_pattern_builds_no_table_of_every_character(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The tokenizer's pattern, compiled by every process that reads a statement,
    holds no set that re compiles into a 64K table; the quotation pattern neither."""

    assert _big_sets(_TOKEN.pattern, _TOKEN.flags, monkeypatch) == 0
    assert _big_sets(_QUOTE, re.UNICODE, monkeypatch) == 0


_PLAIN_TOKEN = re.compile(
    r"(?P<date>\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{2,4})"
    r"|(?P<time>\d{1,2}:\d{2}(?::\d{2})?)"
    r"|(?P<code>0[xXoObB][0-9A-Fa-f]+\w*|\d[\d.,]*_\d[\d_]*(?:[.,]\d+)*)"
    r"|(?P<number>(?:\d+(?:[.,]\d+)*|[.,]\d+)[eE][+\-−]?\d+)"
    r"|(?P<alnum>[^\W\d_]+\d\w*)"
    r"|(?P<numbr>\d{1,3}(?:[.,]\d{3})+(?:[.,]\d+)?(?!\d)"
    r"|\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d.,]\d)|\d+(?:[.,]\d+)?|[.,]\d+)"
    r"|(?P<word>[^\W\d_]+(?:['’-][^\W\d_]+)*)"
    r"|(?P<symbol>US\$|R\$|-->|->|>=|<=|=>|=<|→|[$€£¥%/+~<>≥≤°=\-−–])"
    r"|(?P<punct>[,;:.()¿?¡!\"“”«»])"
)
"""The tokenizer's pattern with each set written whole, as it reads."""
_TOKEN_PIECES = st.lists(
    st.sampled_from(
        ["1", "23", "2026-01-31", "1/2/26", "9:30", "0x1F", "1_000", "1.5e3", "2e−3", "4E+2",
         "1.000", "1,5", "1 000", "1\u00a0000", "1\u202f000", "ab", "Día", "l'eau", "it’s",
         "co-op", "e", "US$", "R$", "-->", "->", ">=", "→", "€", "£", "≥", "−", "–", "%",
         "°", "“", "”", "«", "»", "¿", "!", ".", ",", " ", "-", "'", "’", "_", "x1"]
    ),
    max_size=8,
).map("".join)  # fmt: skip


@given(_TOKEN_PIECES)
def test_the_tokenizer_reads_as_its_sets_written_whole(text: str) -> None:

    def kind(match: re.Match[str]) -> str:
        return "number" if match.lastgroup == "numbr" else str(match.lastgroup)

    plain = [(kind(m), m.group(), m.start()) for m in _PLAIN_TOKEN.finditer(text)]

    assert [(t.kind, t.text, t.start) for t in tokenize(text)] == plain


_LABEL_PIECES = st.lists(
    st.sampled_from(
        ["KR", "kr", "Objetivo", "objective", "OBJ", "o", "goal", "Meta", "resultado clave",
         "Resultados  Clave", "R.C.", "r. c", "key result", "okr", " ", "\t", "\u00a0", "1",
         "2.3", "a", ":", ")", "-", "–", "—", ".", "/", "#", "nº", "n.º", "No.", "número",
         "núm.", "n°", "\u212a", "ı", "İ", "Ｋ", "١", "de", "ventas"]
    ),
    max_size=7,
).map("".join)  # fmt: skip


@given(_LABEL_PIECES)
def test_a_text_the_label_pattern_matches_may_be_labelled(text: str) -> None:
    """The test that spares compiling the label pattern says no only where the
    pattern would not match."""

    lexicon = Lexicon.default()
    if _label_pattern(lexicon).match(text) is not None:
        assert _may_be_labelled(text, lexicon)


@pytest.mark.parametrize("text", ["Sr 3: vender 10 coches", "\u017fR 3: vender 10 coches"])
def test_a_label_word_past_ascii_leaves_every_text_to_the_pattern(text: str) -> None:
    """re.I matches some letters past ASCII to ASCII ones (the long s to s), so a
    label word that holds one, lower-cased, gives no cheaper test."""

    lexicon = Lexicon.default().extended("es", statement_labels=["\u017fr"])

    assert _label_heads(lexicon) == ("",)
    assert _may_be_labelled(text, lexicon)
    assert prepared(text, None, lexicon)[0][0].text == "vender"


def test_a_label_word_that_lower_cases_to_ascii_is_read_as_ascii() -> None:
    """The Kelvin sign is k once lower-cased, by str.lower and by re.I alike."""

    lexicon = Lexicon.default().extended("es", statement_labels=["\u212art"])

    assert "krt3" in _label_heads(lexicon)
    assert _may_be_labelled("KRT 3: vender 10 coches", lexicon)
    assert prepared("KRT 3: vender 10 coches", None, lexicon)[0][0].text == "vender"
    assert not _may_be_labelled("Kart 3: vender 10 coches", lexicon)


def test_the_command_leaves_the_collector_off_to_the_end() -> None:
    """run() keeps the collector off: it would walk every object the command made
    once more, on its first allocation after the check, before the process ends."""
    code = (
        "import atexit, gc, sys\n"
        f"sys.argv = ['okrkit', 'check', {str(EXAMPLES[0])!r}, '--as-of', '2026-02-15']\n"
        "from okrkit._cli import run\n"
        "passes = []\n"
        "gc.callbacks.append(lambda phase, info: passes.append(phase))\n"
        "atexit.register(lambda: print(len(passes), file=sys.stderr))\n"
        "run()\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=120
    )

    assert done.returncode in (0, 1)
    assert done.stderr.strip() == "0"
