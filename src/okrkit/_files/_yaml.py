"""A strict, safe YAML reader and a plain YAML writer for plan files.

The reader builds plain Python data from libyaml's (or PyYAML's) parse events
and resolves plain scalars by the YAML 1.2 core schema, so ``NO``, ``1.10`` and
``12:30`` stay what they look like. It never builds objects from tags, refuses
duplicate keys, more than one document, and alias expansions past a budget (YAML
"bombs"), and remembers where each mapping and sequence starts.

libyaml reads by YAML 1.1, where U+0085, U+2028 and U+2029 end a line; in YAML
1.2 they are ordinary characters. The reader hands libyaml a text where each of
them is a private-use character the document does not use, and gives the
characters back in every value, so they read as YAML 1.2 says and lines and
columns count only LF, CR and CRLF.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from typing import Any

import yaml
import yaml.events as ev
from yaml.reader import ReaderError

from okrkit._files._numbers import Number, Whole
from okrkit.exceptions import excerpt


try:  # the C parser is much faster; PyYAML without libyaml still works
    from yaml._yaml import CParser as EventParser
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml.parser import Parser as _ParserBase
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    class EventParser(Reader, Scanner, _ParserBase):  # type: ignore[no-redef]
        def __init__(self, stream: str) -> None:
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            _ParserBase.__init__(self)


__all__ = [
    "ALIAS_BUDGET",
    "EventParser",
    "YamlProblem",
    "dump_yaml",
    "for_parser",
    "plain_scalar",
    "read_yaml",
]

ALIAS_BUDGET = 1_000_000
"""How much aliases may add to a document, in characters of text and nodes,
unless the document itself is longer: then as much as it holds. A value is
counted each time an alias repeats it, so a long anchored text repeated a few
hundred times is refused as quickly as a "billion laughs" of nested lists."""

_NULL = frozenset({"", "~", "null", "Null", "NULL"})
_TRUE = frozenset({"true", "True", "TRUE"})
_FALSE = frozenset({"false", "False", "FALSE"})
_INT = re.compile(r"^[-+]?[0-9]+$")
_OCT = re.compile(r"^0o[0-7]+$")
_HEX = re.compile(r"^0x[0-9a-fA-F]+$")
_FLOAT = re.compile(r"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")
_INF = re.compile(r"^[-+]?\.(inf|Inf|INF)$")
_NAN = re.compile(r"^\.(nan|NaN|NAN)$")

_CORE = "tag:yaml.org,2002:"
_ALLOWED_TAGS = {
    "!",
    _CORE + "str",
    _CORE + "int",
    _CORE + "float",
    _CORE + "bool",
    _CORE + "null",
    _CORE + "seq",
    _CORE + "map",
}


class YamlProblem(Exception):
    """A document that is not plain, safe YAML data, at a 1-based line and column,
    or at an *offset* in the text (the caller counts its line and column)."""

    def __init__(
        self, message: str, line: int | None, column: int | None, *, offset: int | None = None
    ) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column
        self.offset = offset


_YAML_1_1_BREAKS = ("\x85", "\u2028", "\u2029")
"""Characters YAML 1.2 reads as text but PyYAML and libyaml take for line breaks."""

_PRIVATE_USE = (range(0xE000, 0xF900), range(0xF0000, 0xFFFFE), range(0x100000, 0x10FFFE))
_CODE_ESCAPE = r"\\(?:u([0-9a-fA-F]{4})|U([0-9a-fA-F]{8}))"  # compiled when first needed

Restore = Callable[[str], str]


def for_parser(text: str) -> tuple[str, Restore | None]:
    """*text* as libyaml must see it to read it as YAML 1.2, and what turns text
    read from it back into the document's own (``None``: nothing to turn back).

    Each YAML 1.1 line break is replaced by a private-use character that appears
    nowhere in *text*, neither raw nor as a ``\\u`` or ``\\U`` escape, so a
    placeholder in a value can only stand for the character it replaced. The
    replacement keeps every offset, so libyaml's lines and columns are YAML 1.2's.
    """
    present = [c for c in _YAML_1_1_BREAKS if c in text]
    if not present:
        return text, None
    taken = set(text)
    escaped = (int(m[1] or m[2], 16) for m in re.finditer(_CODE_ESCAPE, text))
    taken.update(chr(code) for code in escaped if code <= 0x10FFFF)
    free = (c for block in _PRIVATE_USE for c in map(chr, block) if c not in taken)
    pairs = list(zip(present, free, strict=False))
    if len(pairs) < len(present):
        raise YamlProblem(
            "the file uses every private-use character and also a raw NEL, U+2028 or "
            "U+2029: write those as escapes in double quotes (\\N, \\L, \\P)",
            None,
            None,
        )
    for separator, placeholder in pairs:
        text = text.replace(separator, placeholder)

    def restore(found: str) -> str:
        for separator, placeholder in pairs:
            if placeholder in found:
                found = found.replace(placeholder, separator)
        return found

    return text, restore


def _mark(mark: Any) -> tuple[int, int]:
    return (mark.line + 1, mark.column + 1)


def _scalar(event: ev.ScalarEvent) -> object:
    value: str = event.value
    if event.tag not in (None, "!"):
        return _tagged(event)
    if event.style not in (None, "", "plain"):  # quoted or block: text
        return value
    return plain_scalar(value)


def plain_scalar(value: str) -> object:
    """What the text of a plain scalar is, by the YAML 1.2 core schema: null, true
    or false, a whole number or a number keeping its text, or the text itself.
    Plan-file cells that come as text (a CSV file's) are read by it too."""
    if value in _NULL:
        return None
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    if _INT.match(value) and len(value) <= 40:
        return Whole.written(int(value), value)
    if _OCT.match(value) and len(value) <= 40:
        return Whole.written(int(value[2:], 8), value)
    if _HEX.match(value) and len(value) <= 40:
        return Whole.written(int(value[2:], 16), value)
    if _FLOAT.match(value) or _INF.match(value) or _NAN.match(value):
        number = Number(float(value.replace(".inf", "inf").replace(".Inf", "inf")
                              .replace(".INF", "inf").replace(".nan", "nan")
                              .replace(".NaN", "nan").replace(".NAN", "nan")))  # fmt: skip
        number.source = value
        return number
    return value


def _tagged(event: ev.ScalarEvent) -> object:
    tag = event.tag
    if tag not in _ALLOWED_TAGS:
        raise _tag_refused(tag, event)
    value = event.value
    if tag == _CORE + "str":
        return value
    plain = ev.ScalarEvent(None, None, (True, False), value, event.start_mark, event.end_mark, "")
    found = _scalar(plain)
    kind = tag.removeprefix(_CORE)
    ok = {
        "int": isinstance(found, int) and not isinstance(found, bool),
        "float": isinstance(found, (int, float)) and not isinstance(found, bool),
        "bool": isinstance(found, bool),
        "null": found is None,
    }.get(kind, False)
    if not ok:
        line, column = _mark(event.start_mark)
        raise YamlProblem(f"{excerpt(value)!r} is not a valid !!{kind}", line, column)
    if kind == "float" and isinstance(found, Whole):  # !!float 1 is the float 1.0
        number = Number(found)
        # 0x10 and 0010 keep how they are written: refused as the bare ones are
        decimal = str(int(found)) == found.source.removeprefix("+")
        number.source = repr(float(number)) if decimal else found.source
        return number
    return found


def _tag_refused(tag: str | None, event: ev.Event) -> YamlProblem:
    line, column = _mark(event.start_mark)
    message = f"tag {excerpt(str(tag))!r} is not allowed: a plan file holds plain data, not objects"
    return YamlProblem(message, line, column)


class _Frame:
    __slots__ = ("anchor", "container", "key", "keys", "size")

    def __init__(self, container: dict[str, Any] | list[Any], anchor: str | None) -> None:
        self.container = container
        self.anchor = anchor
        self.key: str | None = None
        self.keys: set[str] | None = set() if isinstance(container, dict) else None
        self.size = 1


def read_yaml(text: str) -> tuple[object, dict[int, tuple[int, int]]]:
    """Plain data from one YAML document, and where each container starts.

    Raises :class:`YamlProblem` for syntax errors, tags, duplicate keys, complex
    keys, several documents, and aliases that would add more than
    :data:`ALIAS_BUDGET` or the document's own length.
    """
    parsed, restore = for_parser(text)
    parser = EventParser(parsed)
    starts: dict[int, tuple[int, int]] = {}
    anchors: dict[str, tuple[object, int]] = {}  # the value and its expanded size
    stack: list[_Frame] = []
    root: object = _MISSING
    documents = 0
    budget = max(ALIAS_BUDGET, len(text))
    added = 0
    try:
        for event in _events(parser):
            kind = type(event)
            if kind is ev.ScalarEvent:
                if restore is not None:
                    event.value = restore(event.value)  # type: ignore[attr-defined]
                value = _scalar(event)  # type: ignore[arg-type]
                size = 1 + len(event.value)  # type: ignore[attr-defined]
                if event.anchor is not None:  # type: ignore[attr-defined]
                    anchors[event.anchor] = (value, size)  # type: ignore[attr-defined]
            elif kind is ev.AliasEvent:
                anchor = event.anchor  # type: ignore[attr-defined]
                if anchor not in anchors:
                    line, column = _mark(event.start_mark)
                    raise YamlProblem(f"alias *{excerpt(anchor)} names no anchor", line, column)
                value, size = anchors[anchor]
                added += size
                if added > budget:
                    line, column = _mark(event.start_mark)
                    raise YamlProblem(
                        f"aliases expand the document by more than {budget:,} characters "
                        "and nodes; a plan file does not need that: write the values out",
                        line,
                        column,
                    )
            elif kind is ev.MappingStartEvent or kind is ev.SequenceStartEvent:
                tag = event.tag  # type: ignore[attr-defined]
                if tag not in (None, "!") and tag not in _ALLOWED_TAGS:
                    raise _tag_refused(tag, event)
                container: dict[str, Any] | list[Any] = {} if kind is ev.MappingStartEvent else []
                starts[id(container)] = _mark(event.start_mark)
                stack.append(_Frame(container, event.anchor))  # type: ignore[attr-defined]
                continue
            elif kind is ev.MappingEndEvent or kind is ev.SequenceEndEvent:
                frame = stack.pop()
                value, size = frame.container, frame.size
                if frame.anchor is not None:
                    anchors[frame.anchor] = (value, size)
            elif kind is ev.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    line, column = _mark(event.start_mark)
                    raise YamlProblem("a plan file holds one YAML document", line, column)
                continue
            else:
                continue
            if not stack:
                root = value
                continue
            _place(stack[-1], value, size, event)
    except ReaderError as exc:  # a character YAML allows nowhere: no mark
        raise _not_allowed(exc.character, parsed) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        problem = getattr(exc, "problem", None) or str(exc)
        context = getattr(exc, "context", None)
        message = f"{problem} ({context})" if context else str(problem)
        if restore is not None:
            message = restore(message)
        spot: tuple[int | None, int | None] = _mark(mark) if mark is not None else (None, None)
        raise YamlProblem(f"not valid YAML: {message}", spot[0], spot[1]) from None
    if root is _MISSING:
        root = None
    return root, starts


_MISSING = object()


def _not_allowed(code: int, parsed: str) -> YamlProblem:
    """A character YAML does not allow in a file (a C0 or C1 control but tab and line
    breaks, DEL, U+FFFE, U+FFFF), placed at its first use: libyaml stops at the
    first one, and tells its offset in UTF-8 bytes, not characters."""
    offset = parsed.find(chr(code))
    escape = f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
    message = (
        f"not valid YAML: found the character U+{code:04X}, which YAML does not allow in "
        f"a file; inside double quotes, write it as {escape}"
    )
    return YamlProblem(message, None, None, offset=offset if offset >= 0 else None)


def _events(parser: Any) -> Iterator[ev.Event]:
    while parser.check_event():
        yield parser.get_event()


def _place(frame: _Frame, value: object, size: int, event: ev.Event) -> None:
    frame.size += size
    container = frame.container
    if isinstance(container, list):
        container.append(value)
        return
    if frame.key is None:
        if not isinstance(value, (str, int, float, bool)) or value is None:
            line, column = _mark(event.start_mark)
            raise YamlProblem("a key must be plain text, not a list or a mapping", line, column)
        key = value.source if isinstance(value, (Number, Whole)) else str(value)
        if isinstance(value, bool):
            key = "true" if value else "false"
        assert frame.keys is not None
        if key in frame.keys:
            line, column = _mark(event.start_mark)
            raise YamlProblem(f"duplicate key {excerpt(key)!r}", line, column)
        frame.keys.add(key)
        frame.key = key
        return
    container[frame.key] = value
    frame.key = None


# --- writing ---------------------------------------------------------------------------


class Flow(dict):  # type: ignore[type-arg]
    """A mapping written on one line (check-ins, links)."""


_TAG_OF_PLAIN = {type(None): "null", bool: "bool", Whole: "int", Number: "float", str: "str"}


class _Judged:
    """Mixin: :func:`read_yaml`'s own resolver as the judge of plain scalars."""

    def ignore_aliases(self, data: object) -> bool:
        return True

    def resolve(self, kind: type[yaml.Node], value: str, implicit: tuple[bool, bool]) -> str:
        tag: str = super().resolve(kind, value, implicit)  # type: ignore[misc]
        if kind is not yaml.ScalarNode or not implicit[0]:
            return tag
        read = _CORE + _TAG_OF_PLAIN[type(plain_scalar(value))]
        return tag if read == _CORE + "str" else read


class _Dumper(_Judged, yaml.SafeDumper):
    """PyYAML's safe writer, with :func:`read_yaml` as the judge of plain scalars.

    PyYAML decides what needs quoting by YAML 1.1 rules, the reader reads by
    YAML 1.2 (``1e5`` and ``0o17`` are numbers only there): a scalar is written
    plain only when the reader's own resolver reads it back as what it is. A
    text the reader reads as text is also judged by YAML 1.1, so ``yes``,
    ``NO``, ``1_000``, ``=`` and ``2026-01-05`` (the text, not a date) stay quoted
    and a YAML 1.1 tool reads the file the same way. Nothing is anchored: equal
    data gives equal text whichever objects it shares.
    """


try:  # libyaml's emitter, judged the same way, writes the same text many times faster
    from yaml import CSafeDumper as _CBase
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    _CBase = None  # type: ignore[assignment,misc]


def _flow(dumper: yaml.SafeDumper, data: Flow) -> yaml.Node:
    return dumper.represent_mapping(_CORE + "map", data.items(), flow_style=True)


def _text(dumper: yaml.SafeDumper, data: str) -> yaml.Node:
    """Text in the style that keeps every character: escaped in double quotes
    when it holds a character PyYAML would write raw but read as a line break,
    a literal block when it has lines, else whatever the emitter finds safe."""
    style = '"' if any(brk in data for brk in _YAML_1_1_BREAKS) else ("|" if "\n" in data else None)
    return dumper.represent_scalar(_CORE + "str", data, style=style)


_DUMPERS: list[type[yaml.SafeDumper]] = [_Dumper]
if _CBase is not None:
    _DUMPERS.insert(0, type("_CDumper", (_Judged, _CBase), {"__doc__": _Dumper.__doc__}))

for _made in _DUMPERS:
    _made.add_representer(Flow, _flow)
    _made.add_representer(str, _text)
    _made.add_representer(dt.date, yaml.SafeDumper.represent_date)
    # Numbers the reader made (Whole, Number) and kept in a plan, like a cadence's day.
    _made.add_multi_representer(int, yaml.SafeDumper.represent_int)
    _made.add_multi_representer(float, yaml.SafeDumper.represent_float)


def dump_yaml(data: object) -> str:
    """YAML text for plain data; mappings keep their order.

    libyaml's emitter writes what PyYAML's pure-Python one does, many times faster,
    but for a character outside the BMP, which it escapes (``"\\U0001F600"``): a text
    holding one is written again by the pure-Python emitter, to stay legible."""
    text = _dump(data, _DUMPERS[0])
    if "\\U" in text and len(_DUMPERS) > 1:
        return _dump(data, _DUMPERS[-1])
    return text


def _dump(data: object, dumper: type[yaml.SafeDumper]) -> str:
    return yaml.dump(
        data,
        Dumper=dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=100,
    )
