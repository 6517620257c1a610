"""Where a path in a plan document is written: line and column, per format.

Reading a document keeps no positions for speed; when there is something to
report (a problem, or the lines of objectives for findings) these functions walk
the text once and answer for every path asked. A path is a tuple of keys and
list indexes: ``("objectives", 0, "key_results", 1, "target")``.
"""

from __future__ import annotations

import contextlib
import json
import re
from collections.abc import Callable, Iterable
from typing import Any

import yaml
import yaml.events as ev

from okrkit._files._yaml import EventParser, YamlProblem, for_parser


__all__ = [
    "LinesInText",
    "Path",
    "Spot",
    "json_constant",
    "json_duplicate",
    "locate_json",
    "locate_toml",
    "locate_yaml",
    "spot_at",
    "toml_scalar",
]

Path = tuple[str | int, ...]
Spot = tuple[int, int]  # 1-based line and column


class LinesInText:
    """The line of document paths in a text, found when asked (a Source's *find*)."""

    __slots__ = ("locate", "text")

    def __init__(
        self, text: str, locate: Callable[[str, list[Path]], dict[Path, tuple[Spot, Spot]]]
    ) -> None:
        self.text = text
        self.locate = locate

    def __call__(self, paths: list[Path]) -> dict[Path, int]:
        return {path: value[0] for path, (_key, value) in self.locate(self.text, paths).items()}


def _wanted(paths: Iterable[Path]) -> tuple[set[Path], set[Path]]:
    wanted = set(paths)
    prefixes = {p[:i] for p in wanted for i in range(len(p))}
    return wanted, prefixes


# --- YAML -------------------------------------------------------------------------------


def locate_yaml(text: str, paths: Iterable[Path]) -> dict[Path, tuple[Spot, Spot]]:
    """``{path: (key spot, value spot)}`` for each path found in a YAML document.

    Parse events are followed only into the containers on the way to a wanted
    path, and reading stops once every path is found: a plan's ``policy:`` near
    the top of a large file is found without reading the objectives below it.
    """
    wanted, prefixes = _wanted(paths)
    found: dict[Path, tuple[Spot, Spot]] = {}
    if not wanted:
        return found
    try:
        parsed, restore = for_parser(text)
        _walk_yaml(EventParser(parsed), restore or str, wanted, prefixes, found)
    except (yaml.YAMLError, YamlProblem):
        pass  # what was found before the text stops being YAML
    return found


class _Container:
    """A mapping or sequence being walked: its path, and where its next node goes."""

    __slots__ = ("index", "key", "key_spot", "mapping", "path", "want_key")

    def __init__(self, path: Path, mapping: bool) -> None:
        self.path = path
        self.mapping = mapping
        self.want_key = mapping  # a mapping's next node is a key, then its value
        self.index = 0
        self.key: str | None = None  # None: a key that is no text, on no path
        self.key_spot: Spot = (0, 0)


_ENDS = (ev.MappingEndEvent, ev.SequenceEndEvent)


def _walk_yaml(
    parser: Any,
    key_text: Callable[[str], str],
    wanted: set[Path],
    prefixes: set[Path],
    found: dict[Path, tuple[Spot, Spot]],
) -> None:
    stack: list[_Container] = []
    skip = 0  # the depth inside a node off the way to every wanted path
    while parser.check_event():
        event = parser.get_event()
        kind = type(event)
        opens = kind is ev.MappingStartEvent or kind is ev.SequenceStartEvent
        if skip:
            skip += 1 if opens else -(kind in _ENDS)
            continue
        if kind in _ENDS:
            stack.pop()
            continue
        if not (opens or kind is ev.ScalarEvent or kind is ev.AliasEvent):
            continue  # the stream's and the document's own events
        spot = (event.start_mark.line + 1, event.start_mark.column + 1)
        path: Path | None = ()
        key_spot = spot
        if stack:
            parent = stack[-1]
            if parent.want_key:
                parent.want_key = False
                parent.key = key_text(event.value) if kind is ev.ScalarEvent else None
                parent.key_spot = spot
                skip = int(opens)
                continue
            if parent.mapping:
                parent.want_key = True
                path = None if parent.key is None else (*parent.path, parent.key)
                key_spot = parent.key_spot
            else:
                path = (*parent.path, parent.index)
                parent.index += 1
        if path in wanted and path not in found:  # a repeated key: the first is kept
            found[path] = (key_spot, spot)
            if len(found) == len(wanted):
                return
        if opens:
            if path in prefixes:
                stack.append(_Container(path, kind is ev.MappingStartEvent))
            else:
                skip = 1


# --- JSON -------------------------------------------------------------------------------

_SPACE = r"[ \t\n\r]*"
"""A walk's patterns are compiled by the first walk (re keeps them): a command that
locates nothing, or only in another format, compiles none."""


class _Lines:
    """Line and column of offsets asked in increasing order, counting line breaks
    only between one offset and the next: linear in the text, in C, however long
    its lines (a JSON document on one line is one line).

    A line ends where the format says: at LF, and with *cr* also at a CR alone
    or before LF (JSON and YAML 1.2; TOML allows no lone CR). Nothing else ends
    a line: not U+0085, U+2028 or a form feed, as ``str.splitlines`` would have it.
    """

    __slots__ = ("begins", "cr", "line", "offset", "text")

    def __init__(self, text: str, *, cr: bool) -> None:
        self.text = text
        self.cr = cr and "\r" in text
        self.offset = 0
        self.line = 1
        self.begins = -1  # the offset of the line break before the line of *offset*

    def spot(self, offset: int) -> Spot:
        if offset < self.offset:  # not expected; count again from the start
            self.offset, self.line, self.begins = 0, 1, -1
        text, start = self.text, self.offset
        self.line += text.count("\n", start, offset)
        begins = max(self.begins, text.rfind("\n", start, offset))
        if self.cr:
            lone = text.count("\r", start, offset) - text.count("\r\n", start, offset)
            if start < offset and text.startswith("\r\n", offset - 1):
                lone -= 1  # its LF, at offset, ends the line: counted next time
            self.line += lone
            begins = max(begins, text.rfind("\r", start, offset))
        self.offset, self.begins = offset, begins
        return (self.line, offset - begins)


def spot_at(text: str, offset: int, *, cr: bool = True) -> Spot:
    """The line and column of one offset (*cr*: whether a lone CR ends a line)."""
    return _Lines(text, cr=cr).spot(offset)


def locate_json(text: str, paths: Iterable[Path]) -> dict[Path, tuple[Spot, Spot]]:
    """``{path: (key spot, value spot)}`` for each path found in a JSON document.

    Only containers on the way to a wanted path are walked in Python; every other
    value is skipped by the C decoder. Locating every objective and key result of a
    large plan still costs more than a ``json.loads`` (a Python step per key of each
    mapping walked), which is why a loaded plan looks for lines only when asked.
    The text should be valid JSON; what an invalid one hides is not found.
    """
    wanted, prefixes = _wanted(paths)
    return _JsonWalk(text, wanted, prefixes).run()


def json_duplicate(text: str) -> Spot | None:
    """Where the first key written twice in one JSON object is, if any."""
    walk = _JsonWalk(text, set(), set(), everything=True)
    walk.run()
    return walk.duplicate


# The patterns of a plan's faults (a constant, nesting too deep) are texts, compiled by
# re for the first fault: a plan without one never pays for them.
_JSON_STRING_OR_CONSTANT = r'"[^"\\]*(?:\\.[^"\\]*)*"|(-?Infinity|NaN)'


def json_constant(text: str) -> Spot | None:
    """Where the first ``NaN``, ``Infinity`` or ``-Infinity`` outside a string is:
    the one the decoder stopped at, since it reads in order (it tells no offset)."""
    for match in re.finditer(_JSON_STRING_OR_CONSTANT, text):
        if match.group(1):
            return spot_at(text, match.start())
    return None


_JSON_NESTING = r'"[^"\\]*(?:\\.[^"\\]*)*"|([\[{])|([\]}])'


def json_deepest(text: str) -> Spot | None:
    """Where a JSON text nests deepest: the first ``[`` or ``{`` that opens its
    deepest level (the decoder says nothing of where it gave up)."""
    return _deepest(text, _JSON_NESTING, cr=True)


def _deepest(text: str, tokens: str, flags: int = 0, *, cr: bool) -> Spot | None:
    depth = most = 0
    at: int | None = None
    for match in re.finditer(tokens, text, flags):
        if match.group(1):
            depth += 1
            if depth > most:
                most, at = depth, match.start()
        elif match.group(2):
            depth -= 1
    return None if at is None else spot_at(text, at, cr=cr)


class _JsonWalk:
    """A walk over a JSON text that keeps offsets (the json module keeps none)."""

    def __init__(
        self, text: str, wanted: set[Path], prefixes: set[Path], *, everything: bool = False
    ) -> None:
        self.text = text
        self.wanted = wanted
        self.prefixes = prefixes
        self.everything = everything
        self.found: dict[Path, tuple[Spot, Spot]] = {}
        self.duplicate: Spot | None = None
        self.lines = _Lines(text, cr=True)
        self.skip = json.JSONDecoder().raw_decode
        self.space = re.compile(_SPACE).match

    def run(self) -> dict[Path, tuple[Spot, Spot]]:
        # Not valid JSON: what was found before the fault is all there is.
        with contextlib.suppress(ValueError, IndexError, RecursionError):
            self.value(0, (), None)
        return self.found

    def _blank(self, pos: int) -> int:
        return self.space(self.text, pos).end()  # type: ignore[union-attr]

    def value(self, pos: int, path: Path, key_spot: Spot | None) -> int:
        text = self.text
        pos = self._blank(pos)
        if path in self.wanted:
            spot = self.lines.spot(pos)
            self.found[path] = (key_spot or spot, spot)
        opening = text[pos]
        if opening not in "{[" or not (self.everything or path in self.prefixes):
            return int(self.skip(text, pos)[1])
        closing = "}" if opening == "{" else "]"
        keys: set[str] = set()
        pos = self._blank(pos + 1)
        index = 0
        while text[pos] != closing:
            if opening == "{":
                key_pos = pos
                key, pos = json.decoder.scanstring(text, pos + 1)  # type: ignore[attr-defined]
                if self.everything and key in keys and self.duplicate is None:
                    self.duplicate = self.lines.spot(key_pos)
                keys.add(key)
                child: Path = (*path, key)
                key_at = self.lines.spot(key_pos) if child in self.wanted else None
                pos = self.value(self._blank(pos) + 1, child, key_at)  # past the ':'
            else:
                pos = self.value(pos, (*path, index), None)
                index += 1
            pos = self._blank(pos)
            if text[pos] == ",":
                pos = self._blank(pos + 1)
        return pos + 1


# --- TOML -------------------------------------------------------------------------------

_TOML_BLANK = r"(?:[ \t\r\n]++|#[^\n]*+)*+"  # spaces, line breaks, comments
_TOML_SPACE = r"[ \t]*+"
_TOML_BARE_KEY = r"[A-Za-z0-9_-]++"
_TOML_STRING = (  # with re.DOTALL
    r'"""(?:[^"\\]++|\\.|"{1,2}+(?!"))*+"{3,5}'
    r"|'''(?:[^']++|'{1,2}+(?!'))*+'{3,5}"
    r'|"(?:[^"\\\n]++|\\.)*+"'
    r"|'[^'\n]*+'"
)
_TOML_SCALAR = r"[^,\]}\r\n#]*+"  # numbers, booleans, dates (which may hold a space)
_TOML_OTHER = r"[^\[\]{}\"'#]++"  # inside an array or inline table being skipped
_TOML_COMMENT = r"#[^\n]*+"
_TOML_NESTING = f"{_TOML_STRING}|{_TOML_COMMENT}|([\\[{{])|([\\]}}])"


def toml_deepest(text: str) -> Spot | None:
    """Where a TOML text nests deepest: the first ``[`` or ``{`` outside strings
    and comments that opens its deepest level."""
    return _deepest(text, _TOML_NESTING, re.DOTALL, cr=False)


def locate_toml(text: str, paths: Iterable[Path]) -> dict[Path, tuple[Spot, Spot]]:
    """``{path: (key spot, value spot)}`` for each path found in a TOML document.

    Tables, arrays of tables, dotted keys, arrays and inline tables are followed
    token by token, so each item of ``key_results = [{...}, {...}]`` is placed
    at its own line, and a multi-line string never passes for a table header.
    The text should be valid TOML; what an invalid one hides is not found.
    """
    wanted, prefixes = _wanted(paths)
    return _TomlWalk(text, wanted, prefixes).run()


def toml_scalar(text: str, path: Path) -> str | None:
    """The scalar value at *path* in a TOML document as it is written (``0x1``
    where tomllib gives 1), or None where there is none."""
    walk = _TomlWalk(text, {path}, {path[:size] for size in range(len(path))})
    walk.run()
    start = walk.starts.get(path)
    if start is None or text[start] in "\"'[{":
        return None
    return walk.scalar(text, start).group().strip()  # type: ignore[union-attr]


class _TomlWalk:
    """A walk over a TOML text that keeps offsets (tomllib keeps none); arrays
    and inline tables off the way to a wanted path are skipped by bracket."""

    def __init__(self, text: str, wanted: set[Path], prefixes: set[Path]) -> None:
        self.text = text
        self.wanted = wanted
        self.prefixes = prefixes
        self.found: dict[Path, tuple[Spot, Spot]] = {}
        self.starts: dict[Path, int] = {}
        """The offset of each wanted value."""
        self.lines = _Lines(text, cr=False)  # TOML ends lines at LF or CRLF only
        self.blank = re.compile(_TOML_BLANK).match
        self.space = re.compile(_TOML_SPACE).match
        self.bare_key = re.compile(_TOML_BARE_KEY).match
        self.string = re.compile(_TOML_STRING, re.DOTALL).match
        self.scalar = re.compile(_TOML_SCALAR).match
        self.other = re.compile(_TOML_OTHER).match
        self.comment = re.compile(_TOML_COMMENT).match

    def run(self) -> dict[Path, tuple[Spot, Spot]]:
        # Not valid TOML: what was found before the fault is all there is.
        with contextlib.suppress(ValueError, IndexError, AttributeError, RecursionError):
            self.document()
        return self.found

    def _blank(self, pos: int) -> int:
        return self.blank(self.text, pos).end()  # type: ignore[union-attr]

    def _space(self, pos: int) -> int:
        return self.space(self.text, pos).end()  # type: ignore[union-attr]

    def _place(self, path: Path, spot: Spot) -> None:
        if path in self.wanted and path not in self.found:
            self.found[path] = (spot, spot)

    def document(self) -> None:
        text = self.text
        counters: dict[Path, int] = {}
        table: Path = ()
        pos = self._blank(0)
        while pos < len(text):
            if text[pos] == "[":
                is_array = text.startswith("[[", pos)
                brackets = 2 if is_array else 1
                spot = self.lines.spot(pos)
                names, pos = self.key(pos + brackets)
                table = _toml_table_path(tuple(names), is_array, counters)
                for size in range(1, len(table) + 1):
                    self._place(table[:size], spot)
                pos += brackets  # past ']' or ']]'
            else:
                pos = self.pair(pos, table)
            pos = self._blank(pos)

    def key(self, pos: int) -> tuple[list[str], int]:
        """A dotted key's parts, and the offset past it and the spaces after it."""
        text = self.text
        parts: list[str] = []
        while True:
            pos = self._space(pos)
            quoted = text[pos] in "\"'"
            token = (self.string if quoted else self.bare_key)(text, pos)
            if token is None:
                raise ValueError("not a key")
            parts.append(_toml_key_text(token.group()) if quoted else token.group())
            pos = self._space(token.end())
            if text[pos] != ".":
                return parts, pos
            pos += 1

    def pair(self, pos: int, table: Path) -> int:
        """A ``key = value`` pair inside *table*; the offset just past the value."""
        key_pos = pos
        names, pos = self.key(pos)  # now at '='
        path = (*table, *names)
        key_spot = None
        if path in self.wanted or len(names) > 1:
            key_spot = self.lines.spot(key_pos)
            for size in range(len(table) + 1, len(path)):  # a dotted key makes its tables here
                self._place(path[:size], key_spot)
        return self.value(self._space(pos + 1), path, key_spot)

    def value(self, pos: int, path: Path, key_spot: Spot | None) -> int:
        """The value at *pos* (placed if wanted); the offset just past it."""
        text = self.text
        if path in self.wanted:
            spot = self.lines.spot(pos)
            self.found[path] = (key_spot or spot, spot)
            self.starts[path] = pos
        opening = text[pos]
        if opening in "[{":
            if path not in self.prefixes:
                return self.skip(pos)
            return self.array(pos + 1, path) if opening == "[" else self.table(pos + 1, path)
        token = (self.string if opening in "\"'" else self.scalar)(text, pos)
        if token is None:
            raise ValueError("not a value")
        return token.end()

    def array(self, pos: int, path: Path) -> int:
        text = self.text
        index = 0
        while True:
            pos = self._blank(pos)
            if text[pos] == "]":
                return pos + 1
            pos = self._blank(self.value(pos, (*path, index), None))
            index += 1
            if text[pos] == ",":
                pos += 1

    def table(self, pos: int, path: Path) -> int:
        """An inline table's pairs (line breaks and comments allowed, as TOML 1.1 does)."""
        text = self.text
        while True:
            pos = self._blank(pos)
            if text[pos] == "}":
                return pos + 1
            pos = self._blank(self.pair(pos, path))
            if text[pos] == ",":
                pos += 1

    def skip(self, pos: int) -> int:
        """The offset just past the array or inline table that opens at *pos*."""
        text = self.text
        depth = 0
        while True:
            char = text[pos]
            if char in "[{":
                depth += 1
                pos += 1
            elif char in "]}":
                depth -= 1
                pos += 1
                if depth == 0:
                    return pos
            elif char in "\"'":
                pos = self.string(text, pos).end()  # type: ignore[union-attr]
            else:
                token = self.comment if char == "#" else self.other
                pos = token(text, pos).end()  # type: ignore[union-attr]


def _toml_key_text(token: str) -> str:
    """The text of a quoted key: a literal one as written, a basic one unescaped."""
    if token.startswith("'"):
        return token[1:-1]
    import tomllib  # noqa: PLC0415 - only TOML plans need it

    return str(tomllib.loads(f"k = {token}")["k"])


def _toml_table_path(names: tuple[str, ...], is_array: bool, counters: dict[Path, int]) -> Path:
    """The document path of a ``[table]`` or ``[[array]]`` header."""
    path: list[str | int] = []
    for depth, name in enumerate(names):
        path.append(name)
        last = depth == len(names) - 1
        key = tuple(path)
        if last and is_array:
            counters[key] = counters.get(key, -1) + 1
            for other in [k for k in counters if len(k) > len(key) and k[: len(key)] == key]:
                del counters[other]
            path.append(counters[key])
        elif key in counters:
            path.append(counters[key])
    return tuple(path)
