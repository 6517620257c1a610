"""Text leaving okrkit, escaped for where it lands.

A plan's ids, titles and notes are data: kept as they were given, and escaped
only here, at the edge, for each destination:

- a file name, wherever it is written (:func:`file_name`): bytes that are not
  UTF-8 as ``\x9b``, so no output holds a lone surrogate;
- a terminal (``check``, ``score``, error messages): control characters (C0,
  C1), invisible format characters (bidi overrides, zero-width characters) and
  line separators are shown as ``\\x1b``, ``\\u202e``…, so no text can clear the
  screen, set the title, write the clipboard or read backwards;
- a CI log (everything the command writes): no line a runner reads as a
  workflow command (:func:`ci_log`);
- JSON: the same characters as ``\\u`` escapes (``json`` escapes only C0), and
  no ``##[`` a CI runner would read;
- Markdown: inline text and table cells, and code spans; nothing GitHub would
  turn into a link;
- Mermaid labels and DOT strings;
- HTML elements and attribute values.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import Any, overload


__all__ = [
    "ci_log",
    "dot_string",
    "file_name",
    "html",
    "json_dumps",
    "markdown",
    "markdown_code",
    "mermaid_label",
    "one_line",
    "terminal",
]

_HIDDEN = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})
"""Control, format (bidi, zero-width), surrogate and line/paragraph separator
characters: none of them shows as itself."""

# Patterns only some text needs are kept as text: re compiles one (once) when a
# text first needs it, and a command whose text never does pays nothing for it.
_NOT_PLAIN = r"[^\x20-\x7e]"
"""Every character a hidden one could be (ASCII letters, digits and punctuation
never are)."""

_NAMED = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


@functools.lru_cache(maxsize=4096)
def _shown(char: str) -> str:
    """*char* as it is written to a terminal: itself, or its escape."""
    if unicodedata.category(char) not in _HIDDEN:
        return char
    if char in _NAMED:
        return _NAMED[char]
    point = ord(char)
    if point < 0x100:
        return f"\\x{point:02x}"
    if point < 0x10000:
        return f"\\u{point:04x}"
    return f"\\U{point:08x}"


_LONE_SURROGATE = "[\ud800-\udfff]"


def _surrogate_shown(match: re.Match[str]) -> str:
    point = ord(match[0])
    if 0xDC80 <= point <= 0xDCFF:  # how Python holds a byte that is not UTF-8
        return f"\\x{point - 0xDC00:02x}"
    return f"\\u{point:04x}"


@overload
def file_name(name: str) -> str: ...
@overload
def file_name(name: None) -> None: ...


def file_name(name: str | None) -> str | None:
    """*name*, a file name (or ``None``, kept), as okrkit writes it anywhere (text,
    JSON, SARIF, GitHub annotations, error messages): a byte that is not UTF-8,
    which Python holds as a lone surrogate (``os.fsdecode(b"y\\x9b.yaml")`` is
    ``"y\\udc9b.yaml"``), as ``\\x9b``; any other lone surrogate as ``\\udXXX``.
    No encoder fails on the result, and no strict JSON reader refuses it."""
    if name is None or name.isascii():
        return name
    return re.sub(_LONE_SURROGATE, _surrogate_shown, name)


def _terminal_char(match: re.Match[str]) -> str:
    return _shown(match[0])


def _terminal_char_keeping_newlines(match: re.Match[str]) -> str:
    char = match[0]
    return char if char == "\n" else _shown(char)


def terminal(text: str, *, newlines: bool = False) -> str:
    """*text* safe to write to a terminal: every control, format or separator
    character shown as its escape (``\\x1b``, ``\\u202e``), newlines too unless
    *newlines* (text that is several lines on purpose)."""
    if text.isprintable():
        return text
    replace = _terminal_char_keeping_newlines if newlines else _terminal_char
    return re.sub(_NOT_PLAIN, replace, text)


def one_line(text: str) -> str:
    """*text* on one line: every line break (``\\n``, ``\\r``, U+0085, U+2028…)
    a space, for places where a new line would end the construct (a heading, a
    table row, a diagram label)."""
    return text if text.isprintable() else " ".join(text.splitlines())


_WORKFLOW_COMMAND = r"(?:\A|(?<=[\n\r]))[^\S\n\r]*(?=::)|#(?=#\[)"
"""Where a GitHub Actions runner reads a workflow command in a line of a log: ``::``
first on the line (the runner trims whitespace before it), or the older ``##[``
anywhere in it. Lines end at LF, CR or CRLF, as the runner reads them."""


def ci_log(text: str) -> str:
    """*text* as it may be written to standard output or error, which CI logs: a
    backslash before a ``::`` that would begin a line, and ``##[`` written
    ``#\\#[``, so no plan text or file name makes a line a workflow command (a
    fake annotation, or ``stop-commands``, which would hide the real ones).
    Markdown reads both backslashes as escapes, and shows ``::`` and ``##[``."""
    if "::" not in text and "##[" not in text:
        return text
    return re.sub(_WORKFLOW_COMMAND, lambda m: m[0] + "\\", text)


def _json_char(match: re.Match[str]) -> str:
    char = match[0]
    if char == "\n" or _shown(char) == char:  # json escapes every new line in a string
        return char
    if "\ud800" <= char <= "\udfff":  # no character: a strict reader refuses "\\udc9b"
        return _surrogate_shown(match).replace("\\", "\\\\")
    units = char.encode("utf-16-be", "surrogatepass")  # two units above U+FFFF
    return "".join(f"\\u{units[i]:02x}{units[i + 1]:02x}" for i in range(0, len(units), 2))


def json_dumps(value: Any, *, indent: int | None = None) -> str:
    """*value* as JSON (UTF-8 text, not ASCII-only) with every hidden character
    escaped as ``\\uXXXX`` (a lone surrogate, which is no character, written as
    :func:`file_name` writes it), and the second ``#`` of ``##[`` as ``\\u0023`` (a CI
    runner reads ``##[`` anywhere in a line as a command; see :func:`ci_log`): the
    same data, safe to print. No line of it starts with ``::``: text is quoted."""
    import json  # noqa: PLC0415 - the model never needs it

    text = json.dumps(value, ensure_ascii=False, indent=indent)
    if "##[" in text:
        text = text.replace("##[", "#\\u0023[")
    return text if text.isascii() and "\x7f" not in text else re.sub(_NOT_PLAIN, _json_char, text)


_MARKDOWN_SPECIAL = r"[\\`*_\[\]<>#|~$&]"

_AUTOLINK = r"(?i)@|://|www\."
"""What makes GitHub link a run of text by itself (GFM's extended autolinks):
``www.``, a scheme's ``://`` (``http``, ``https``, ``ftp``) or an email's ``@``
(which also makes an ``@mention``)."""

_RUNS = r"([^ |]+)"
"""Runs of text between spaces and cell boundaries: an autolink never spans one."""


def markdown(text: str) -> str:
    """*text* as literal Markdown inline text, safe in a heading, a list item or a
    table cell: on one line, hidden characters shown, and every character that
    could start emphasis, a link, an image, raw HTML, an entity, code, math or a
    cell boundary escaped with a backslash (CommonMark's escape for ASCII
    punctuation).

    A run of text GitHub would turn into a link (``www.…``, ``https://…``, an
    email address) is written as a code span instead: no backslash stops it, since
    GitHub finds email addresses in the text after escapes are read."""
    shown = terminal(one_line(text))
    if not re.search(_AUTOLINK, shown):
        return _markdown_text(shown)
    parts = re.split(_RUNS, shown)  # spaces and pipes, then a run, in turn
    return "".join(
        _code_span(part) if index % 2 and re.search(_AUTOLINK, part) else _markdown_text(part)
        for index, part in enumerate(parts)
    )


def _markdown_text(shown: str) -> str:
    return re.sub(_MARKDOWN_SPECIAL, lambda m: "\\" + m[0], shown)


def markdown_code(text: str, *, in_table: bool = False) -> str:
    """*text* as a Markdown code span: a backtick fence longer than any run of
    backticks inside, on one line, hidden characters shown; ``|`` escaped *in_table*
    (GitHub splits cells before it reads code spans)."""
    body = terminal(one_line(text))
    if in_table:
        body = body.replace("|", "\\|")
    return _code_span(body)


def _code_span(body: str) -> str:
    """*body*, already shown on one line, in a code span that holds it whole."""
    longest = max((len(run) for run in re.findall(r"`+", body)), default=0)
    fence = "`" * (longest + 1)
    if body.startswith(("`", " ")) or body.endswith(("`", " ")) or not body:
        body = f" {body} "
    return f"{fence}{body}{fence}"


_MERMAID_SPECIAL = r"[#\"&<>`]|%(?=%)|(?<=%)%|s(?=tyle)|c(?=lassDef)"
"""What mermaid.js reads in a label's text before it reads the label: ``"`` ends
it, ``#…;`` is an entity, ``%%`` a comment or an ``%%{init}%%`` directive, ``<``,
``>`` and ``&`` HTML, a backtick a Markdown string; and ``style…:#…;`` or
``classDef…:#…;`` anywhere in a diagram lose their last ``;``. (mermaid.js also
reads its own stand-ins for entities, ``ﬂ°`` and ``¶ß``, in any text it draws;
they can only show another character, never markup.)"""


def mermaid_label(text: str) -> str:
    """*text* for a quoted Mermaid label (``["…"]``): on one line, hidden
    characters shown, and every character mermaid.js would read as markup
    written as an entity code (``#34;``), which it shows as the character."""
    return re.sub(_MERMAID_SPECIAL, lambda m: f"#{ord(m[0])};", terminal(one_line(text)))


def dot_string(text: str) -> str:
    """*text* for a quoted DOT string (``label="…"``): on one line, hidden
    characters shown, backslashes and quotes escaped (so no ``\\N`` or ``\\G``
    reaches Graphviz), and ``&`` written as ``&amp;`` (Graphviz reads entities in
    labels)."""
    shown = terminal(one_line(text))
    return shown.replace("\\", "\\\\").replace('"', '\\"').replace("&", "&amp;")


def html(text: object) -> str:
    """*text* safe inside HTML elements and attribute values, hidden characters
    shown (a bidi override would reverse the page's text)."""
    import html as _html  # noqa: PLC0415 - only HTML views need it (it loads its entities)

    return _html.escape(terminal(str(text), newlines=True), quote=True)
