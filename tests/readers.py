"""Real readers of what okrkit writes, so an escaping test proves what a reader sees.

- Mermaid: mermaid.js itself (v11, run by mermaidx in QuickJS) renders the text to
  SVG; a parse error, or a layout error such as a node that is also a group,
  fails the test.
- DOT: pydot's DOT grammar must read the whole text as exactly one graph; where
  Graphviz's ``dot`` is installed it must also lay the graph out.
- Markdown: markdown-it-py, a CommonMark parser, with GitHub's tables; and
  cmark-gfm, GitHub's own renderer, for the links GitHub makes by itself.

tests/test_escaping.py shows each reader rejecting broken output, so a pass
means something.
"""

from __future__ import annotations

import functools
import re
import shutil
import subprocess
import warnings

import cmarkgfm
import mermaidx
from cmarkgfm.cmark import Options
from markdown_it import MarkdownIt
from markdown_it.token import Token
from pyparsing import ParseBaseException


with warnings.catch_warnings():  # pydot 4 builds its grammar with pyparsing's older names
    warnings.simplefilter("ignore", DeprecationWarning)
    from pydot.dot_parser import GraphParser


@functools.cache
def mermaid_svg(text: str) -> str:
    """The SVG mermaid.js draws for *text*; AssertionError with mermaid's own
    message when it cannot."""
    try:
        return str(mermaidx.render(text).svg())
    except RuntimeError as error:
        raise AssertionError(f"mermaid.js rejects the diagram: {error}\n{text}") from None


def assert_mermaid(text: str) -> None:
    """*text* is a Mermaid diagram mermaid.js renders."""
    mermaid_svg(text)


def dot_syntax_problem(text: str) -> str | None:
    """Why pydot does not read *text* as exactly one DOT graph, or None."""
    try:
        graphs = GraphParser.parser.parse_string(text, parse_all=True)
    except ParseBaseException as error:
        return f"pydot: {error}"
    return None if len(graphs) == 1 else f"pydot: {len(graphs)} graphs"


@functools.cache
def dot_problem(text: str) -> str | None:
    """Why *text* is not one DOT graph Graphviz lays out, or None."""
    problem = dot_syntax_problem(text)
    dot = shutil.which("dot")
    if problem is None and dot is not None:
        run = subprocess.run(
            [dot, "-Tplain"], input=text, capture_output=True, text=True, timeout=60, check=False
        )
        if run.returncode != 0:
            problem = f"dot: {run.stderr.strip()}"
    return problem


def assert_dot(text: str) -> None:
    """*text* is one DOT graph (pydot, and Graphviz where installed)."""
    problem = dot_problem(text)
    assert problem is None, f"{problem}\n{text}"


def dot_plain(text: str) -> str | None:
    """Graphviz's plain layout of *text* (labels as it shows them), or None where
    Graphviz is not installed."""
    dot = shutil.which("dot")
    if dot is None:
        return None
    return subprocess.run(
        [dot, "-Tplain"], input=text, capture_output=True, text=True, timeout=60, check=True
    ).stdout


MARKDOWN = MarkdownIt("commonmark").enable(["table", "strikethrough"])
MARKDOWN.validateLink = lambda url: True  # see every link written, javascript: ones too


def markdown_tokens(text: str) -> list[Token]:
    """Every token of *text*, inline ones included, in order."""
    found: list[Token] = []
    for token in MARKDOWN.parse(text):
        found.append(token)
        found.extend(token.children or [])
    return found


def inline_text(token: Token) -> str:
    """What an inline token shows: its text and code, markup left out."""
    return "".join(
        child.content for child in token.children or [] if child.type in ("text", "code_inline")
    )


def gfm_links(text: str) -> list[str]:
    """The links GitHub makes of Markdown *text* (cmark-gfm with its extensions, the
    autolinks among them: ``www.…``, ``https://…`` and email addresses), by target."""
    html = cmarkgfm.github_flavored_markdown_to_html(text, options=Options.CMARK_OPT_UNSAFE)
    return re.findall(r'<a href="([^"]*)"', html)
