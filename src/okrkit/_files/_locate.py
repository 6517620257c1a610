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
from collections.abc import Iterable
from typing import Any

import yaml

from okrkit._files._yaml import EventParser


__all__ = ["Path", "Spot", "locate_json", "locate_toml", "locate_yaml"]

Path = tuple[str | int, ...]
Spot = tuple[int, int]  # 1-based line and column


def _wanted(paths: Iterable[Path]) -> tuple[set[Path], set[Path]]:
    wanted = set(paths)
    prefixes = {p[:i] for p in wanted for i in range(len(p))}
    return wanted, prefixes


# --- YAML -------------------------------------------------------------------------------


class _Composer(EventParser, yaml.composer.Composer, yaml.resolver.BaseResolver):
    def __init__(self, text: str) -> None:
        EventParser.__init__(self, text)
        yaml.resolver.BaseResolver.__init__(self)
        if not hasattr(self, "anchors"):
            yaml.composer.Composer.__init__(self)

    def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
        return "tag:yaml.org,2002:str"

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        return None

    def ascend_resolver(self) -> None:
        return None


def locate_yaml(text: str, paths: Iterable[Path]) -> dict[Path, tuple[Spot, Spot]]:
    """``{path: (key spot, value spot)}`` for each path found in a YAML document."""
    wanted, prefixes = _wanted(paths)
    found: dict[Path, tuple[Spot, Spot]] = {}
    try:
        root = yaml.compose(text, Loader=_Composer)  # type: ignore[arg-type]
    except yaml.YAMLError:
        return found
    if root is None:
        return found
    start = (root.start_mark.line + 1, root.start_mark.column + 1)
    todo: list[tuple[Path, Any, Spot]] = [((), root, start)]
    while todo:
        path, node, key_spot = todo.pop()
        value_spot = (node.start_mark.line + 1, node.start_mark.column + 1)
        if path in wanted:
            found[path] = (key_spot, value_spot)
        if path not in prefixes:
            continue
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                child = (*path, str(key_node.value))
                spot = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
                todo.append((child, value_node, spot))
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                spot = (item.start_mark.line + 1, item.start_mark.column + 1)
                todo.append(((*path, index), item, spot))
    return found


# --- JSON -------------------------------------------------------------------------------

_SPACE = re.compile(r"[ \t\n\r]*")


class _Lines:
    """Line and column of offsets asked in increasing order, counting newlines
    only between one offset and the next (linear in the text, in C)."""

    __slots__ = ("line", "offset", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.offset = 0
        self.line = 1

    def spot(self, offset: int) -> Spot:
        if offset < self.offset:  # not expected; count again from the start
            self.offset, self.line = 0, 1
        self.line += self.text.count("\n", self.offset, offset)
        self.offset = offset
        return (self.line, offset - self.text.rfind("\n", 0, offset))


def locate_json(text: str, paths: Iterable[Path]) -> dict[Path, tuple[Spot, Spot]]:
    """``{path: (key spot, value spot)}`` for each path found in a JSON document.

    Only containers on the way to a wanted path are walked in Python; every other
    value is skipped by the C decoder, so the cost is close to one ``json.loads``.
    The text should be valid JSON; what an invalid one hides is not found.
    """
    wanted, prefixes = _wanted(paths)
    return _JsonWalk(text, wanted, prefixes).run()


def json_duplicate(text: str) -> Spot | None:
    """Where the first key written twice in one JSON object is, if any."""
    walk = _JsonWalk(text, set(), set(), everything=True)
    walk.run()
    return walk.duplicate


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
        self.lines = _Lines(text)
        self.skip = json.JSONDecoder().raw_decode
        self.space = _SPACE.match

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

_TABLE = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$")
_KEY = re.compile(r"""^\s*("[^"]*"|'[^']*'|[A-Za-z0-9_-]+)\s*=""")


def locate_toml(text: str, paths: Iterable[Path]) -> dict[Path, tuple[Spot, Spot]]:
    """``{path: (key spot, value spot)}`` for paths in a TOML document.

    Tables, arrays of tables and ``key = value`` lines are followed; values
    inside inline tables are placed at the line of the key that holds them.
    """
    wanted = set(paths)
    under: dict[Path, list[Path]] = {}  # every wanted path, by each of its prefixes
    for candidate in wanted:
        for size in range(len(candidate) + 1):
            under.setdefault(candidate[:size], []).append(candidate)
    found: dict[Path, tuple[Spot, Spot]] = {}
    counters: dict[Path, int] = {}
    current: Path = ()
    for number, line in enumerate(text.splitlines(), start=1):
        table = _TABLE.match(line)
        if table:
            names = tuple(part.strip().strip("\"'") for part in table.group(2).split("."))
            current = _toml_table_path(names, table.group(1) == "[[", counters)
            column = line.index("[") + 1
            for size in range(1, len(current) + 1):
                prefix = current[:size]
                if prefix in wanted and prefix not in found:
                    found[prefix] = ((number, column), (number, column))
            continue
        key = _KEY.match(line)
        if key:
            name = key.group(1).strip("\"'")
            path = (*current, name)
            column = line.index(key.group(1)) + 1
            value_column = (
                key.end() + 1 + (len(line[key.end() :]) - len(line[key.end() :].lstrip()))
            )
            spot = ((number, column), (number, value_column))
            for candidate in under.get(path, ()):
                if candidate not in found:
                    found[candidate] = spot
    return found


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
