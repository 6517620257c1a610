"""Text leaving okrkit is escaped for where it lands.

A plan's text is data. Whatever a file puts in an id, a title, a statement or a
reason, no output acts on it: the terminal shows control characters instead of
obeying them, Markdown shows markup instead of making links, headings or HTML,
and every Mermaid and DOT diagram is one that mermaid.js and a DOT parser read
(tests/readers.py), with the plan's text only in its labels.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import html
import io
import json
import re
import tempfile
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import okrkit
from okrkit._cli import main
from okrkit._escape import (
    ci_log,
    dot_string,
    json_dumps,
    markdown,
    markdown_code,
    mermaid_label,
    one_line,
    terminal,
)
from okrkit._notebook import text_for
from okrkit._render_text import score_text
from okrkit.exceptions import Problem
from readers import (
    assert_dot,
    assert_mermaid,
    dot_plain,
    dot_problem,
    dot_syntax_problem,
    gfm_links,
    inline_text,
    markdown_tokens,
    mermaid_svg,
)


AS_OF = dt.date(2026, 2, 15)

# Text that acts on a terminal, or hides what it is, when written raw.
ACTING = {
    "erase-screen": "\x1b[2J\x1b[H",
    "window-title": "\x1b]0;pwned\x07",
    "clipboard": "\x1b]52;c;cHduZWQ=\x07",
    "c1-csi": "\x9b31m",
    "bell": "\x07\x07",
    "carriage-return": "ok\rFAKE",
    "bidi-override": "\u202edcba",
    "zero-width": "a\u200bb\u2060c\ufeff",
    "next-line": "a\x85b",
    "line-separator": "a\u2028b\u2029c",
}
HIDDEN = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})


def hidden(text: str, *, allow: str = "\n") -> list[str]:
    """The characters of *text* a terminal would act on or not show."""
    return [c for c in text if unicodedata.category(c) in HIDDEN and c not in allow]


def as_id(text: str) -> str:
    """*text* as an id may hold it (no whitespace, no '/')."""
    return "k" + "".join(c for c in text if not c.isspace() and c != "/")


def write_plan(tmp_path: Path, plan: dict[str, Any], name: str = "plan.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(plan), encoding="utf-8")
    return path


def hostile_plan(text: str) -> dict[str, Any]:
    """A plan with *text* in its title, an objective's id, title and owner, key
    results' ids and statements, a check-in's note and a link's reason."""
    return {
        "okrkit": 1,
        "title": f"Plan {text}",
        "period": "2026-Q1",
        "objectives": [
            {
                "id": as_id(text),
                "title": f"Crecer {text} en la región",
                "owner": f"ventas {text}",
                "key_results": [
                    {
                        "id": as_id(text) + "-kr",
                        "statement": f"Generar 170 leads {text}",
                        "owner": "ana",
                        "checkins": [{"date": "2026-02-01", "value": 50, "note": text}],
                    },
                    {"id": "sin-dueno", "statement": f"Cerrar 20 ventas {text}"},
                ],
            }
        ],
        "links": [{"from": as_id(text) + "-kr", "to": "sin-dueno", "because": f"mueve {text}"}],
    }


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


# --- 5. the terminal ------------------------------------------------------------------


@pytest.mark.parametrize("text", ACTING.values(), ids=ACTING.keys())
@pytest.mark.parametrize(
    "command",
    [
        ["check"],
        ["check", "--format", "json"],
        ["check", "--format", "github"],
        ["check", "--format", "sarif"],
        ["score"],
        ["score", "--format", "json"],
        ["graph"],
        ["graph", "--format", "dot"],
        ["report"],
        ["report", "--format", "html"],
    ],
    ids=" ".join,
)
def test_plan_text_never_acts_on_the_terminal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str], text: str
) -> None:
    """Every command that prints a plan shows its control, bidi and zero-width
    characters as escapes; the words around them stay."""
    path = write_plan(tmp_path, hostile_plan(text))
    dated = [] if command[0] == "graph" else ["--as-of", AS_OF.isoformat()]

    status, out, err = run(capsys, *command, str(path), *dated)

    assert status in (0, 1)
    assert out
    assert hidden(out) == []
    assert hidden(err) == []


@pytest.mark.parametrize("text", ACTING.values(), ids=ACTING.keys())
def test_json_keeps_the_text_and_escapes_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str
) -> None:
    """JSON output reads back to the very text, and prints none of it raw (json
    itself escapes only C0: C1, bidi and separators need it too)."""
    path = write_plan(tmp_path, hostile_plan(text))

    _, out, _ = run(capsys, "check", str(path), "--format", "json", "--as-of", "2026-02-15")

    assert hidden(out) == []
    wheres = {finding["where"] for finding in json.loads(out)["findings"]}
    assert as_id(text) in wheres


def test_error_messages_show_file_names_and_arguments_escaped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A file name or an argument with control characters is named, escaped."""
    missing = tmp_path / "no\x1b]0;pwned\x07\u202e.yaml"

    _, _, err = run(capsys, "check", str(missing))
    assert hidden(err) == []
    assert "\\x1b]0;pwned\\x07\\u202e.yaml" in err

    _, _, err = run(capsys, "check", "--bogus\x1b[2J", str(missing))
    assert hidden(err) == []
    assert "--bogus\\x1b[2J" in err

    _, _, err = run(capsys, "init", str(tmp_path / "nowhere\x9b" / "plan.yaml"))
    assert hidden(err) == []


def test_problems_in_a_file_are_shown_escaped(tmp_path: Path) -> None:
    """A problem names the key and the file where it is, without acting on them."""
    plan = {"okrkit": 1, "objectives": [{"title": "x", "ti\x1b]0;t\x07tle": 1}]}
    path = write_plan(tmp_path, plan, name="plan\u202e.json")

    with pytest.raises(okrkit.PlanFileError) as caught:
        okrkit.load(path)

    shown = [str(problem) for problem in caught.value.problems]
    assert shown
    assert all(hidden(line) == [] for line in shown)
    assert any("\\x1b]0;t\\x07" in line for line in shown)
    assert hidden(str(caught.value)) == []
    assert str(Problem("bad\x1b[2J", file="f\x9b", path="a.b\u2028")).startswith("f\\x9b: a.b")
    assert Problem("a\x1b") != Problem("a\\x1b")  # the same on a terminal, not the same problem


def test_parse_and_rules_show_text_escaped(capsys: pytest.CaptureFixture[str]) -> None:
    """`okrkit parse` explains a statement and `okrkit rules` lists a rule's words,
    both without acting on what they quote."""
    _, out, _ = run(capsys, "parse", "Generar 10 leads\x1b]0;pwned\x07 \u202eahora")
    assert hidden(out) == []

    @okrkit.rule("x-hostile", severity="info", message="m", hint="h", why={"en": "a\x1b[2Jb"})
    def hostile(ctx: Any) -> Any:
        return iter(())

    try:
        _, out, _ = run(capsys, "rules")
        _, json_out, _ = run(capsys, "rules", "--format", "json")
        _, markdown_out, _ = run(capsys, "rules", "--format", "markdown")
    finally:
        okrkit.rules.unregister_rule("x-hostile")
    assert hidden(out) == []
    assert "a\\x1b[2Jb" in out
    assert hidden(json_out) == []
    assert hidden(markdown_out) == []


def test_notebook_text_and_report_text_are_escaped() -> None:
    """The plain text a notebook shows and Report.to_text() are terminal text too."""
    plan = okrkit.loads(json.dumps(hostile_plan(ACTING["window-title"])), format="json")

    assert hidden(text_for(plan)) == []
    assert hidden(okrkit.check(plan, as_of=AS_OF).to_text()) == []
    assert hidden(text_for(okrkit.score(plan, as_of=AS_OF))) == []


def test_score_columns_line_up_with_escaped_ids(capsys: pytest.CaptureFixture[str]) -> None:
    """An id's escape counts as what it shows, so the score columns stay aligned."""
    plan = okrkit.plan("p", period="2026-Q1").with_objectives(
        okrkit.objective("Crecer", id="o").measured_by(
            okrkit.kr("Generar 10 leads", id="a\x1b"), okrkit.kr("Generar 20 leads", id="bbbbbbb")
        )
    )
    lines = score_text(okrkit.score(plan, as_of=AS_OF)).splitlines()
    rows = [line for line in lines if line.startswith("  ") and "0." in line]

    assert [row.index("0.") for row in rows] == [rows[0].index("0.")] * 2


@given(st.text())
def test_terminal_text_shows_everything_hidden(text: str) -> None:
    """Terminal text has nothing hidden, changes no printable text, and escaping
    twice changes nothing more."""
    shown = terminal(text)

    assert hidden(shown, allow="") == []
    assert terminal(shown) == shown
    if text.isprintable():
        assert shown == text
    assert hidden(terminal(text, newlines=True)) == []


@given(
    st.recursive(st.text() | st.integers(), lambda inner: st.lists(inner, max_size=4)),
    st.sampled_from([None, 2]),
)
def test_json_reads_back_the_same(value: Any, indent: int | None) -> None:
    text = json_dumps(value, indent=indent)

    assert json.loads(text) == value
    assert hidden(text, allow="" if indent is None else "\n") == []


# --- 5b. CI logs ----------------------------------------------------------------------
#
# A GitHub Actions runner reads every line a step writes to standard output or error:
# a line whose first characters after whitespace are `::`, or that holds `##[`
# anywhere, is a workflow command (ActionCommand.TryParseV2 and TryParse): a fake
# annotation, or `stop-commands`, which turns off the annotations `check --format
# github` prints later in the step. Only that format may write such lines.

WORKFLOW_COMMANDS = {
    "annotation": "::error::Injected",
    "stop-commands": "::stop-commands::tok",
    "after-spaces": "   ::warning::x",
    "after-a-wide-space": "\u3000::notice title=t::x",
    "older-form": "##[error]Injected",
    "older-form-inside": "x##[stop-commands]tok",
    "on-a-new-line": "ok\n::error::x",
    "after-a-carriage-return": "ok\r::error::x",
}
EVERY_OUTPUT = [
    ["check"],
    ["check", "--format", "json"],
    ["check", "--format", "sarif"],
    ["score"],
    ["score", "--format", "json"],
    ["score", "--forecast"],
    ["report"],
    ["report", "--format", "html"],
    ["graph"],
    ["graph", "--format", "dot"],
]


def runner_reads(line: str) -> bool:
    """Whether a GitHub Actions runner takes *line* for a workflow command."""
    return line.lstrip().startswith("::") or "##[" in line


def commands_in(log: str) -> list[str]:
    """The lines of *log* (as the runner splits them: LF, CR, CRLF) it reads as commands."""
    return [line for line in re.split(r"\r\n|\r|\n", log) if runner_reads(line)]


def ci_plan(text: str) -> dict[str, Any]:
    """A plan with *text* at the start of its ids, title, owner, statement, metric,
    note and link reason, so that it begins as many printed lines as it can."""
    ident = "".join(c for c in text if not c.isspace() and c != "/") or "x"
    return {
        "okrkit": 1,
        "title": text,
        "period": "2026-Q1",
        "objectives": [
            {
                "id": ident,
                "title": text,
                "owner": text,
                "key_results": [
                    {
                        "id": ident + "-kr",
                        "statement": f"{text} 170 leads",
                        "metric": text,
                        "owner": text,
                        "checkins": [
                            {"date": "2026-01-20", "value": "40 lead", "note": text},
                            {"date": "2026-02-01", "value": "50 lead", "note": text},
                        ],
                    },
                ],
            }
        ],
        "links": [{"from": ident + "-kr", "to": ident, "because": text}],
    }


def ci_file(folder: Path, text: str) -> str:
    """The plan of *text*, in a file of *folder* whose name begins with *text*: its
    name relative to *folder*, where the tests run, so lines begin with it."""
    name = "".join(c for c in text if c not in "/\0") + ".json"
    write_plan(folder, ci_plan(text), name=name)
    return name


@pytest.mark.parametrize("text", WORKFLOW_COMMANDS.values(), ids=WORKFLOW_COMMANDS.keys())
@pytest.mark.parametrize("command", EVERY_OUTPUT, ids=" ".join)
def test_no_output_writes_a_workflow_command(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    command: list[str],
    text: str,
) -> None:
    """Ids, titles, owners, statements, notes and the file's own name that begin with
    `::` or hold `##[` reach the log, but never as a command."""
    monkeypatch.chdir(tmp_path)
    name = ci_file(tmp_path, text)
    dated = [] if command[0] == "graph" else ["--as-of", AS_OF.isoformat()]

    status, out, err = run(capsys, *command, name, *dated)

    assert status in (0, 1), err
    assert commands_in(out) == []
    assert commands_in(err) == []


@pytest.mark.parametrize("text", WORKFLOW_COMMANDS.values(), ids=WORKFLOW_COMMANDS.keys())
def test_errors_parse_and_github_write_no_command_of_their_own(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], text: str
) -> None:
    """Error messages naming a file or an argument, the statement reader's
    explanations, and `check --format github` itself: its standard output is
    okrkit's commands, one per finding, and nothing else."""
    monkeypatch.chdir(tmp_path)
    missing = f"{text}.yaml"
    logs = [run(capsys, "score", missing), run(capsys, "check", "--format", text, missing)]
    logs += [run(capsys, "parse", text), run(capsys, "parse", "--format", "json", text)]
    for _, out, err in logs:
        assert commands_in(out) == []
        assert commands_in(err) == []

    name = ci_file(tmp_path, text)
    status, out, err = run(capsys, "check", "--format", "github", name, missing)
    findings = okrkit.check(okrkit.load(name), as_of=dt.date.today()).findings

    assert status == 2
    assert commands_in(err) == []
    lines = out.splitlines()
    assert len(lines) == len(findings) + 1  # and the file that cannot be read
    assert all(re.match(r"::(error|warning|notice) [^:]*::", line) for line in lines)


_COMMAND_TEXT = st.builds(
    lambda before, command, after: before + command + after,
    st.sampled_from(["", " ", "\t", "\n", "\r", "\r\n", "\u2028", "\u3000", "x", ":", "#"]),
    st.sampled_from(["::error::x", "::stop-commands::t", "::", "##[error]x", "##[", "#"]),
    st.text(max_size=4),
)


@given(_COMMAND_TEXT, st.sampled_from(EVERY_OUTPUT))
@settings(max_examples=40, deadline=None)
def test_hostile_plan_text_never_becomes_a_command(text: str, command: list[str]) -> None:
    """Whatever surrounds `::` or `##[` in a plan and its file name, no command reads
    it as a workflow command."""
    with tempfile.TemporaryDirectory() as folder, contextlib.chdir(folder):
        name = ci_file(Path(folder), text)
        dated = [] if command[0] == "graph" else ["--as-of", AS_OF.isoformat()]
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            main([*command, name, *dated])

    assert commands_in(out.getvalue()) == []
    assert commands_in(err.getvalue()) == []


@given(st.text() | _COMMAND_TEXT)
def test_a_ci_log_holds_no_command_and_reads_as_it_was(text: str) -> None:
    """`ci_log` leaves no line a runner reads as a command, only adds backslashes,
    and changes nothing it already wrote."""
    logged = ci_log(text)

    assert commands_in(logged) == []
    assert logged.replace("\\", "") == text.replace("\\", "")
    assert ci_log(logged) == logged


def test_markdown_reads_the_backslash_as_an_escape() -> None:
    """A Markdown line that would begin with `::` reads the same with its backslash."""
    logged = ci_log(":: *a* ##[b]\n")
    (paragraph,) = [t for t in markdown_tokens(logged) if t.type == "inline"]

    assert logged == "\\:: *a* #\\#[b]\n"
    assert inline_text(paragraph) == ":: a ##[b]"


@given(
    st.recursive(st.text() | _COMMAND_TEXT, lambda inner: st.lists(inner, max_size=3), max_leaves=6)
)
def test_json_holds_no_command_and_reads_back(value: Any) -> None:
    for indent in (None, 2):
        text = json_dumps(value, indent=indent)
        assert commands_in(text) == []
        assert json.loads(text) == value


# --- 6. Markdown ------------------------------------------------------------------------


def markdown_report(plan: dict[str, Any]) -> str:
    loaded = okrkit.loads(json.dumps(plan), format="json")
    return okrkit.report_markdown(loaded, as_of=AS_OF)


def test_markdown_report_passes_no_html() -> None:
    """HTML in a title, an owner or a statement is shown, never passed on."""
    script = "<script>alert(1)</script>"
    text = markdown_report(hostile_plan(f"{script} <img src=x onerror=alert(1)>"))
    tokens = markdown_tokens(text)

    assert not [t for t in tokens if t.type in ("html_inline", "html_block")]
    headings = [t for t in tokens if t.type == "inline" and "Plan" in t.content]
    assert script in inline_text(headings[0])


@pytest.mark.parametrize(
    "text",
    [
        "[click](javascript:alert(1))",
        "](javascript:alert(1))",
        "<javascript:alert(1)>",
        "![x](https://example.com/t.png)",
    ],
)
def test_markdown_report_makes_no_links(text: str) -> None:
    tokens = markdown_tokens(markdown_report(hostile_plan(text)))

    assert not [t for t in tokens if t.type in ("link_open", "image")]


AUTOLINKED = {
    "www": "www.example.com",
    "https": "https://example.com/x?y=1",
    "http-in-brackets": "(http://example.com)",
    "ftp": "FTP://example.com",
    "email": "ventas@example.com",
    "mailto": "mailto:ventas@example.com",
    "after-an-underscore": "_www.example.com_",
    "in-a-cell": "a|www.example.com|b",
}


@pytest.mark.parametrize("text", AUTOLINKED.values(), ids=AUTOLINKED.keys())
def test_github_links_nothing_a_plan_says(text: str) -> None:
    """A web address or an email address in a title, an owner, a statement, a note
    or a reason is shown, whole, and GitHub makes no link of it (nor a mention)."""
    report = markdown_report(hostile_plan(f"ver {text} hoy"))

    assert gfm_links(report) == []
    heading = next(t for t in markdown_tokens(report) if t.type == "inline" and "Plan" in t.content)
    assert inline_text(heading) == f"Plan ver {text} hoy"


_LINKISH = st.lists(
    st.sampled_from(
        ["www.", "WWW.", "http", "https", "ftp", "://", "mailto:", "@", "a", "b7", ".", "com",
         " ", "|", "_", "(", "*", "\\", "`"]
    ),
    max_size=12,
).map("".join)  # fmt: skip


@given(_LINKISH | st.text())
def test_escaped_text_is_never_an_autolink(text: str) -> None:
    """No text, escaped, becomes a link in GitHub's renderer: in a paragraph, a
    heading or a table cell."""
    escaped = markdown(text)

    assert gfm_links(f"x {escaped} y") == []
    assert gfm_links(f"# {escaped}") == []
    assert gfm_links(f"| h |\n|---|\n| {escaped} |\n") == []


def test_a_mention_is_code() -> None:
    """GitHub links an @mention after rendering, but never inside code."""
    assert markdown("con @octocat y @org/team") == "con `@octocat` y `@org/team`"


def test_a_new_line_in_a_title_starts_no_heading() -> None:
    """A title with new lines stays one heading; a statement, one table row."""
    plan = hostile_plan("x")
    plan["objectives"][0]["title"] = "Crecer\n# Owned\n\n- item\r\n> quote"
    plan["objectives"][0]["key_results"][0]["statement"] = "Generar 170 leads\n| a | b |\n\n# h"
    tokens = markdown_tokens(markdown_report(plan))

    headings = [t.tag for t in tokens if t.type == "heading_open"]
    assert headings == ["h1", "h2", "h2"]  # the plan, the objective, the links
    titles = [inline_text(t) for t in tokens if t.type == "inline" and "Owned" in t.content]
    assert titles[0] == "Crecer # Owned  - item > quote"  # the heading, then the sentence
    assert len([t for t in tokens if t.type == "blockquote_open"]) == 1  # the OKR sentence
    rows = [t for t in tokens if t.type == "tr_open"]
    assert len(rows) == 3  # the header and two key results


def test_table_cells_hold_pipes_and_backticks() -> None:
    """An id or statement with `|` or backticks keeps the table's six columns,
    and an id shows as code, whole."""
    plan = hostile_plan("x")
    krs = plan["objectives"][0]["key_results"]
    krs[0]["id"], krs[0]["statement"] = "a|b`c``d", "Generar 170 leads | y | z"
    plan["links"][0]["from"] = "a|b`c``d"
    tokens = markdown_tokens(markdown_report(plan))

    cells = [t for t in tokens if t.type in ("td_open", "th_open")]
    assert len(cells) == 18
    codes = [t.content for t in tokens if t.type == "code_inline"]
    assert "a|b`c``d" in codes


def test_markup_in_text_stays_text() -> None:
    """Emphasis, strikethrough, math and entities written in a plan show as typed."""
    text = "*bold* _it_ ~~gone~~ $x$ &amp; \\*"
    tokens = markdown_tokens(markdown_report(hostile_plan(text)))
    heading = next(t for t in tokens if t.type == "inline" and "Plan" in t.content)

    assert inline_text(heading) == f"Plan {text}"
    assert not [t for t in tokens if t.type == "s_open"]


@given(st.text())
def test_markdown_text_reads_back_as_typed(text: str) -> None:
    """Any text, escaped, is read by CommonMark as that text (on one line, hidden
    characters shown): in a paragraph and in a table cell."""
    expected = terminal(one_line(text))

    (paragraph,) = [t for t in markdown_tokens(f"x {markdown(text)} y") if t.type == "inline"]
    assert inline_text(paragraph) == f"x {expected} y"

    table = markdown_tokens(f"| h | h |\n|---|---|\n| x {markdown(text)} y | z |\n")
    cells = [inline_text(t) for t in table if t.type == "inline"]
    assert cells == ["h", "h", f"x {expected} y".strip(), "z"]


@given(st.text(min_size=1))
def test_markdown_code_reads_back_as_typed(text: str) -> None:
    expected = terminal(one_line(text))

    codes = [t.content for t in markdown_tokens(f"x {markdown_code(text)} y")]
    assert expected in codes or expected.strip() == ""
    table = markdown_tokens(f"| h |\n|---|\n| {markdown_code(text, in_table=True)} |\n")
    assert expected in [t.content for t in table if t.type == "code_inline"] or not expected.strip()


# --- 6. Mermaid and DOT ---------------------------------------------------------------

KEYWORDS = ["group", "end", "subgraph", "graph", "click", "style", "class", "classDef", "call"]


def test_keyword_ids_are_never_mermaid_ids() -> None:
    """Key results and objectives named like Mermaid's keywords, or like the group
    okrkit draws around an objective (a key result ``group`` of objective ``o``),
    are drawn as nodes of their own."""
    owners = {"o": KEYWORDS[:3], "end": KEYWORDS[3:6], "group": KEYWORDS[6:]}
    objectives = [
        okrkit.objective(f"Objetivo {key}", id=key).measured_by(
            *(okrkit.kr(f"Generar {n} leads", id=kr) for n, kr in enumerate(ids, 1))
        )
        for key, ids in owners.items()
    ]
    plan = (
        okrkit.plan("p")
        .with_objectives(*objectives)
        .linked(
            okrkit.Link("o/group", "end/click", because="end"),
            okrkit.Link("group/call", "o", because="style"),
        )
    )
    text = okrkit.to_mermaid(plan)

    assert_mermaid(text)
    assert_dot(okrkit.to_dot(plan))
    declared = re.findall(r"^\s+(\w+)[\[(]", text, re.MULTILINE)
    assert len(declared) == len(set(declared)) == 3 + len(KEYWORDS)
    assert not set(declared) & set(KEYWORDS)


def graph_of(*texts: str) -> okrkit.Plan:
    """A plan with the first text as its objective's title and a link's reason, and
    each text as a key result's statement."""
    objective = okrkit.objective(texts[0], id="o").measured_by(
        *(okrkit.kr(text, id=f"k{n}") for n, text in enumerate(texts))
    )
    return (
        okrkit.plan("p").with_objectives(objective).linked(okrkit.Link("k0", "o", because=texts[0]))
    )


def svg_text(svg: str) -> str:
    """The words a drawn diagram shows, tags left out and entities read."""
    return html.unescape(re.sub(r"<[^>]+>", "", svg))


def assert_drawn_as_typed(plan: okrkit.Plan, *texts: str) -> str:
    """mermaid.js draws *plan*'s Mermaid with each of *texts* shown as typed (on one
    line, hidden characters as escapes); the DOT of it is valid too. The SVG."""
    diagram = okrkit.to_mermaid(plan)
    svg = mermaid_svg(diagram)
    shown = svg_text(svg)
    for text in texts:
        assert terminal(one_line(text))[:40] in shown
    assert hidden(diagram) == []
    assert_dot(okrkit.to_dot(plan))
    return svg


def test_a_directive_in_a_title_is_shown_not_obeyed() -> None:
    """``%%{init…}%%`` in a title, a statement or a reason is text: it neither
    restyles the diagram nor ends its label."""
    directive = '%%{init: {"theme":"dark"}}%%'
    svg = assert_drawn_as_typed(graph_of(directive, "%% a comment"), directive, "%% a comment")

    assert "#333" in svg  # the default theme's lines, not the dark theme's


def test_html_in_a_label_is_shown_not_rendered() -> None:
    """``<b>``, ``<script>`` and Markdown strings in labels are text."""
    texts = ("<b>bold</b> <script>alert(1)</script>", "`**strong**`", "<img src=x onerror=y>")
    svg = assert_drawn_as_typed(graph_of(*texts), *texts)

    assert "<b>" not in svg
    assert "<strong>" not in svg
    assert "<img" not in svg
    assert "<script" not in svg


def test_entities_quotes_and_control_characters_in_labels() -> None:
    texts = ("#quot; #35; &amp; &lt;", "say \"hi\" and 'bye' 75% 5%", "a[b](c){d}|e|;f\\g",
             "style x:#fff; classDef y:#000;", "".join(ACTING.values()))  # fmt: skip
    assert_drawn_as_typed(graph_of(*texts), *texts)


MERMAID_CASES = {
    "init-directive": '%%{init: {"theme":"dark"}}%%',
    "html": "<b>bold</b> <script>alert(1)</script>",
    "entities": "#quot; #35; &amp; &lt; &#92;",
    "quotes": "say \"hi\" and 'bye'",
    "backslashes": "\\N \\G \\l \\\\ end\\",
    "acting": "".join(ACTING.values()),
}


@pytest.mark.parametrize("text", MERMAID_CASES.values(), ids=MERMAID_CASES.keys())
def test_dot_labels_show_the_text(text: str) -> None:
    """Graphviz reads each DOT label as the plan's text: quotes, backslashes
    (``\\N`` would name the node) and entities included."""
    plan = graph_of(text)
    diagram = okrkit.to_dot(plan)

    assert_dot(diagram)
    assert hidden(diagram) == []
    plain = dot_plain(diagram)
    if plain is None:
        pytest.skip("Graphviz is not installed: labels checked by pydot only")
    expected = terminal(one_line(text))[:30].replace("\\", "\\\\").replace('"', '\\"')
    assert expected in plain


@given(st.text())
def test_any_dot_string_is_one_dot_string(text: str) -> None:
    """Any text, escaped, is one quoted DOT string: the graph parses and the
    string stays whole."""
    assert dot_syntax_problem(f'digraph g {{ a [label="{dot_string(text)}"]; }}') is None


@given(st.text())
def test_mermaid_labels_hold_no_markup(text: str) -> None:
    """Escaped, no text can end a label, start an entity, a comment, a directive,
    HTML or a Markdown string."""
    label = mermaid_label(text)

    assert not set(label) & set('"<>`&\n\r')
    assert "%%" not in label
    assert re.fullmatch(r"([^#]|#\d+;)*", label)
    assert hidden(label, allow="") == []


# --- the readers reject what was broken ---------------------------------------------------


BROKEN_MERMAID = {
    # a key result called "group" was both a node and the subgraph of its objective
    "group-collision": 'flowchart LR\n  subgraph n_o_group["O"]\n    n_o(["O"])\n'
    '    n_o_group["Generar 10 leads"]\n  end\n  n_o_group --> n_o\n',
    # a directive inside a label ended it
    "directive-in-label": 'flowchart LR\n  subgraph n_o_group["%%{init: {#quot;theme#quot;:'
    '#quot;dark#quot;}}%%"]\n    n_o(["x"])\n  end\n',
    "keyword-id": 'flowchart LR\n  end["x"] --> b\n',
    "unclosed-label": 'flowchart LR\n  a["x] --> b\n',
}
BROKEN_DOT = {
    "unescaped-quote": 'digraph g { a [label="say "hi""]; }',
    "trailing-backslash": 'digraph g { a [label="x\\"]; }',
    "missing-brace": "digraph g { a -> b;",
    "text-after-the-graph": "digraph g { a -> b; } }",
}


@pytest.mark.parametrize("text", BROKEN_MERMAID.values(), ids=BROKEN_MERMAID.keys())
def test_mermaid_reader_rejects_broken_diagrams(text: str) -> None:
    with pytest.raises(AssertionError, match=r"mermaid\.js rejects"):
        assert_mermaid(text)


@pytest.mark.parametrize("text", BROKEN_DOT.values(), ids=BROKEN_DOT.keys())
def test_dot_reader_rejects_broken_graphs(text: str) -> None:
    assert dot_problem(text) is not None
