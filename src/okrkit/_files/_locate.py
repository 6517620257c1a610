"""Where a path in a plan document is written: line and column, per format.

Reading a document keeps no positions for speed; when there is something to
report (a problem, or the lines of objectives for findings) these functions walk
the text once and answer for every path asked. A path is a tuple of keys and
list indexes: ``("objectives", 0, "key_results", 1, "target")``.
"""

from __future__ import annotations

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
    prefixes = {p[:i] for p in wanted for i in range(len(p) + 1)}
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

_JSON_TOKEN = re.compile(
    r'"(?:[^"\\]|\\.)*"|[{}\[\]:,]|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null'
    r"|\S",
    re.DOTALL,
)


def locate_json(text: str, paths: Iterable[Path]) -> dict[Path, tuple[Spot, Spot]]:
    """``{path: (key spot, value spot)}`` for each path found in a JSON document.

    Also finds the first duplicate key, under the path ``("<duplicate>",)``.
    """
    wanted, prefixes = _wanted(paths)
    wanted.add(("<duplicate>",))
    found: dict[Path, tuple[Spot, Spot]] = {}
    lines = _line_starts(text)
    # A stack of [kind, path, next index or pending key, key spot, keys seen]
    stack: list[list[Any]] = []
    pending_key_spot: Spot | None = None
    expect_key = False
    for match in _JSON_TOKEN.finditer(text):
        token = match.group(0)
        spot = _spot(lines, match.start())
        if token in (":", ","):
            if token == "," and stack and stack[-1][0] == "object":
                expect_key = True
            continue
        if token in ("}", "]"):
            if stack:
                stack.pop()
            expect_key = False
            continue
        if stack and stack[-1][0] == "object" and expect_key:
            key = _json_key(token)
            frame = stack[-1]
            if key in frame[4] and ("<duplicate>",) not in found:
                found[("<duplicate>",)] = (spot, spot)
            frame[4].add(key)
            frame[2] = key
            pending_key_spot = spot
            expect_key = False
            continue
        # a value
        if not stack:
            path: Path = ()
            key_spot = spot
        elif stack[-1][0] == "object":
            path = (*stack[-1][1], stack[-1][2])
            key_spot = pending_key_spot or spot
        else:
            path = (*stack[-1][1], stack[-1][2])
            stack[-1][2] += 1
            key_spot = spot
        if path in wanted:
            found[path] = (key_spot, spot)
        if token == "{":
            stack.append(["object", path, None, spot, set()])
            expect_key = True
        elif token == "[":
            stack.append(["array", path, 0, spot, set()])
        if token in ("{", "[") and path not in prefixes and ("<duplicate>",) in found:
            continue
    return found


def _json_key(token: str) -> str:
    try:
        import json  # noqa: PLC0415

        value = json.loads(token)
    except ValueError:
        return token
    return value if isinstance(value, str) else token


def _line_starts(text: str) -> list[int]:
    starts = [0]
    starts.extend(m.end() for m in re.finditer("\n", text))
    return starts


def _spot(lines: list[int], offset: int) -> Spot:
    import bisect  # noqa: PLC0415

    line = bisect.bisect_right(lines, offset)
    return (line, offset - lines[line - 1] + 1)


# --- TOML -------------------------------------------------------------------------------

_TABLE = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$")
_KEY = re.compile(r"""^\s*("[^"]*"|'[^']*'|[A-Za-z0-9_-]+)\s*=""")


def locate_toml(text: str, paths: Iterable[Path]) -> dict[Path, tuple[Spot, Spot]]:
    """``{path: (key spot, value spot)}`` for paths in a TOML document.

    Tables, arrays of tables and ``key = value`` lines are followed; values
    inside inline tables are placed at the line of the key that holds them.
    """
    wanted = set(paths)
    found: dict[Path, tuple[Spot, Spot]] = {}
    counters: dict[Path, int] = {}
    current: Path = ()
    for number, line in enumerate(text.splitlines(), start=1):
        table = _TABLE.match(line)
        if table:
            names = tuple(part.strip().strip("\"'") for part in table.group(2).split("."))
            current = _toml_table_path(names, table.group(1) == "[[", counters, current)
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
            for candidate in wanted:
                if candidate[: len(path)] == path and candidate not in found:
                    found[candidate] = spot
    return found


def _toml_table_path(
    names: tuple[str, ...], is_array: bool, counters: dict[Path, int], current: Path
) -> Path:
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
