"""Reading and writing plan files, with every problem placed at file:line:col."""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Callable
from typing import Any, Literal

import attrs

from okrkit._collector import collector_paused
from okrkit._fields import file_path, function, of_type, optional_of_type
from okrkit._files._convert import Located, Path, PlanReader, plan_to_data
from okrkit._files._locate import (
    LinesInText,
    Spot,
    json_constant,
    json_deepest,
    json_duplicate,
    locate_json,
    locate_toml,
    locate_yaml,
    spot_at,
    toml_deepest,
    toml_scalar,
)
from okrkit._files._numbers import Whole, json_float, toml_float
from okrkit._files._source import MAX_BYTES, max_bytes_of, read_file, write_file
from okrkit._files._yaml import Flow, YamlProblem, dump_yaml, read_yaml
from okrkit._model import KeyResult, KnownLines, Plan, Source
from okrkit._text import Lexicon, omitted_fields, read_plan
from okrkit.exceptions import PlanFileError, Problem, excerpt


__all__ = ["FORMATS", "Format", "dump", "dumps", "format_of", "load", "loads"]

Format = Literal["yaml", "json", "toml"]
FORMATS: dict[str, Format] = {".yaml": "yaml", ".yml": "yaml", ".json": "json", ".toml": "toml"}


def format_of(path: str | os.PathLike[str]) -> Format:
    """The format a file name's extension picks."""
    suffix = _suffix(os.fspath(path)).lower()
    if suffix not in FORMATS:
        raise PlanFileError(
            [
                Problem(
                    "expected a .yaml, .yml, .json or .toml file, "
                    f"got {suffix or 'no extension'!r}",
                    file=str(path),
                )
            ]
        )
    return FORMATS[suffix]


def _suffix(path: str) -> str:
    """The extension of *path*'s last part, as :attr:`pathlib.PurePath.suffix` says
    it (``plan.yaml/``: ``.yaml``; ``.yaml``, ``plan.``: none), without loading pathlib."""
    if os.altsep:  # Windows: either slash, and a drive ("C:plan.yaml") is no part of a name
        path = path.replace(os.altsep, os.sep)
        path = path[2:] if path[1:2] == ":" else path
    parts = [part for part in path.split(os.sep) if part not in ("", ".")]
    name = parts[-1] if parts else ""
    dot = name.rfind(".")
    return name[dot:] if 0 < dot < len(name) - 1 else ""


def load(
    path: str | os.PathLike[str],
    *,
    format: Format | None = None,
    lexicon: Lexicon | None = None,
    max_bytes: int = MAX_BYTES,
) -> Plan:
    """Read a plan file; the extension picks the format unless *format* is given.

    Statements are read into their key results; fields written in the file win.
    *lexicon* teaches the statement reader your own words. Only a regular file
    is read (a symbolic link is followed), and one larger than *max_bytes*
    (64 MiB by default) is refused."""
    name = file_path("load(path)", path)
    limit = max_bytes_of(max_bytes, "load(max_bytes)")
    fmt = format_of(name) if format is None else format
    text = decode(read_file(name, max_bytes=limit), name)
    return loads(text, format=fmt, name=name, lexicon=lexicon)


def decode(raw: bytes, name: str | None) -> str:
    """UTF-8 text from bytes (a leading byte-order mark is allowed)."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start].decode("utf-8-sig")
        line = spot_at(before, len(before))[0]
        found = "expected UTF-8 text, found bytes that are not"
        raise PlanFileError([Problem(found, file=name, line=line)]) from None


def loads(
    text: str | bytes,
    *,
    format: Format = "yaml",
    name: str | None = None,
    lexicon: Lexicon | None = None,
) -> Plan:
    """Read a plan from text (or UTF-8 bytes) in *format*; *name* is the file name
    used in messages."""
    name = optional_of_type("loads(name)", name, str, "a file name")
    of_type("loads(format)", format, str, "yaml, json or toml")
    optional_of_type("loads(lexicon)", lexicon, Lexicon, "a Lexicon (okrkit.text.Lexicon)")
    if isinstance(text, bytes):
        text = decode(text, name)
    text = of_type("loads(text)", text, str, "the plan as text or UTF-8 bytes")
    if type(text) is not str:  # a str subclass (a StrEnum): its characters, as plain text
        text = str.__str__(text)
    if format not in ("yaml", "json", "toml"):
        raise PlanFileError(
            [Problem(f"expected format yaml, json or toml, got {format!r}", file=name)]
        )
    if "\x00" in text:
        line = spot_at(text, text.index("\x00"), cr=format != "toml")[0]
        raise PlanFileError([Problem("expected text, found a NUL character", file=name, line=line)])
    with collector_paused():
        return _read(text, format, name, lexicon)


def _read(text: str, format: Format, name: str | None, lexicon: Lexicon | None) -> Plan:
    starts: dict[int, tuple[int, int]] | None = None
    if format == "yaml":
        try:
            data, starts = read_yaml(text)
        except YamlProblem as exc:
            at = (exc.line, exc.column) if exc.offset is None else spot_at(text, exc.offset)
            raise PlanFileError(
                [Problem(exc.message, file=name, line=at[0], column=at[1])]
            ) from None
        except UnicodeEncodeError as exc:  # libyaml reads UTF-8: a lone surrogate is none
            line = spot_at(text, exc.start)[0]
            message = "expected text, found a lone surrogate"
            raise PlanFileError([Problem(message, file=name, line=line)]) from None
    elif format == "json":
        data = _read_json(text, name)
    else:
        data = _read_toml(text, name)
    reader = PlanReader()
    plan = reader.plan(data)
    locate: Callable[[str, list[Path]], dict[Path, tuple[Spot, Spot]]] = _LOCATORS[format]
    if reader.problems or plan is None:
        raise PlanFileError(_placed(reader.problems, text, name, locate))
    plan = read_plan(plan, lexicon=lexicon)
    return attrs.evolve(plan, source=_source(name, plan, reader, text, starts, locate))


def _source(
    name: str | None,
    plan: Plan,
    reader: PlanReader,
    text: str,
    starts: dict[int, tuple[int, int]] | None,
    locate: Callable[[str, list[Path]], dict[Path, tuple[Spot, Spot]]],
) -> Source:
    """The name findings give each objective, key result and link, and how to find
    its line; named after the statements are read, since a key result without an id
    takes its name from the metric its statement gives it. A YAML reader kept where
    each mapping starts; in JSON and TOML a line is looked for only when asked."""
    names = _place_names(plan)
    places = tuple((names[path], path) for path, _key in reader.places if path in names)
    find: Callable[[list[Path]], dict[Path, int]]
    if starts is not None:
        find = KnownLines({path: starts[key][0] for path, key in reader.places if key in starts})
    else:
        find = LinesInText(text, locate)
    return Source(name, places, _rule_id_lines(reader, text, locate), find=find)


def _rule_id_lines(
    reader: PlanReader,
    text: str,
    locate: Callable[[str, list[Path]], dict[Path, tuple[Spot, Spot]]],
) -> tuple[tuple[str, str, int], ...]:
    """The line of each rule id the plan's ``policy:`` names (a severity's at its key)."""
    if not reader.policy_ids:
        return ()
    spots = locate(text, [path for path, _setting, _rule in reader.policy_ids])
    lines = []
    for path, setting, rule in reader.policy_ids:
        if path in spots:
            key_spot, value_spot = spots[path]
            line = (key_spot if setting == "severities" else value_spot)[0]
            lines.append((setting, rule, line))
    return tuple(lines)


def _place_names(plan: Plan) -> dict[Path, str]:
    """Each objective's, key result's and link's path in the document, and the
    name a finding gives it (``meta``, ``meta/ciclo``, ``links[0]``)."""
    names: dict[Path, str] = {}
    for index, objective in enumerate(plan.objectives):
        names["objectives", index] = objective.key
        for number, key in enumerate(objective.key_result_keys()):
            names["objectives", index, "key_results", number] = f"{objective.key}/{key}"
    for index in range(len(plan.links)):
        names["links", index] = f"links[{index}]"
    return names


def _placed(
    problems: list[Located],
    text: str,
    name: str | None,
    locate: Callable[[str, list[Path]], dict[Path, tuple[Spot, Spot]]],
) -> list[Problem]:
    paths = {p.path[:i] for p in problems for i in range(len(p.path) + 1)}
    found = locate(text, list(paths))
    placed = []
    for item in problems:
        spot = None
        for size in range(len(item.path), -1, -1):
            prefix = item.path[:size]
            if prefix in found:
                key_spot, value_spot = found[prefix]
                exact = size == len(item.path)
                spot = key_spot if (item.at_key or not exact) else value_spot
                break
        line, column = spot if spot is not None else (None, None)
        placed.append(
            Problem(
                item.message,
                file=name,
                line=line,
                column=column,
                path=_path_text(item.path, short=spot is not None),
            )
        )
    placed.sort(key=lambda p: (p.line or 0, p.column or 0))
    return placed


def _path_text(path: Path, *, short: bool) -> str:
    if short:
        for part in reversed(path):
            if isinstance(part, str):
                return excerpt(part)
        return ""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{excerpt(part)}" if out else excerpt(part)
    return out


# --- JSON and TOML ------------------------------------------------------------------------


class _Duplicate(ValueError):
    pass


class _Constant(ValueError):
    pass


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out = dict(pairs)
    if len(out) != len(pairs):
        raise _Duplicate
    return out


def _no_constant(name: str) -> Any:
    raise _Constant(f"{name} is not a number a plan can hold")


def _read_json(text: str, name: str | None) -> Any:
    try:
        return json.loads(
            text, object_pairs_hook=_pairs, parse_constant=_no_constant, parse_float=json_float
        )
    except json.JSONDecodeError as exc:
        line, column = spot_at(text, exc.pos)  # exc.lineno counts LF only, not CR
        raise PlanFileError(
            [Problem(f"not valid JSON: {exc.msg}", file=name, line=line, column=column)]
        ) from None
    except _Duplicate:
        at = json_duplicate(text) or (None, None)
        raise PlanFileError(
            [Problem("duplicate key", file=name, line=at[0], column=at[1])]
        ) from None
    except _Constant as exc:
        at = json_constant(text) or (None, None)
        raise PlanFileError(
            [Problem(f"not valid JSON: {exc}", file=name, line=at[0], column=at[1])]
        ) from None
    except RecursionError:
        raise _too_deep(name, json_deepest(text)) from None
    except ValueError as exc:
        raise PlanFileError([Problem(f"not valid JSON: {_value_error(exc)}", file=name)]) from None


_TOML_AT = r"\(at line (\d+), column (\d+)\)"  # compiled by re for the first error


def _read_toml(text: str, name: str | None) -> Any:
    import tomllib  # noqa: PLC0415 - only TOML plans need it

    try:
        data = tomllib.loads(text, parse_float=toml_float)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        at = re.search(_TOML_AT, message)
        line, column = (int(at.group(1)), int(at.group(2))) if at else (None, None)
        message = re.sub(_TOML_AT, "", message).strip()
        raise PlanFileError(
            [Problem(f"not valid TOML: {message}", file=name, line=line, column=column)]
        ) from None
    except RecursionError:
        raise _too_deep(name, toml_deepest(text)) from None
    except ValueError as exc:
        raise PlanFileError([Problem(f"not valid TOML: {_value_error(exc)}", file=name)]) from None
    version = data.get("okrkit")
    if type(version) is int:  # 0x1, 0o1, 0b1 and +1 are 1 too: keep how it is written
        written = toml_scalar(text, ("okrkit",))
        if written is not None:
            data["okrkit"] = Whole.written(version, written)
    return data


def _too_deep(name: str | None, deepest: Spot | None) -> PlanFileError:
    """A document nested past what its decoder reads, placed where it is deepest."""
    line, column = deepest if deepest is not None else (None, None)
    message = "the document is nested too deeply (a plan nests a few levels)"
    return PlanFileError([Problem(message, file=name, line=line, column=column)])


def _value_error(exc: ValueError) -> str:
    """What a decoder's ValueError means for someone who wrote a plan file."""
    if "integer string conversion" in str(exc):  # Python's limit on digits (CVE-2020-10735)
        return f"a whole number with more than {sys.get_int_max_str_digits():,} digits"
    return str(exc)


_LOCATORS: dict[str, Callable[[str, list[Path]], dict[Path, tuple[Spot, Spot]]]] = {
    "yaml": locate_yaml,
    "json": locate_json,
    "toml": locate_toml,
}


# --- writing -----------------------------------------------------------------------------


def dumps(
    plan: Plan,
    *,
    format: Format = "yaml",
    omit: Callable[[KeyResult], set[str]] | None = None,
    lexicon: Lexicon | None = None,
) -> str:
    """The plan as text in *format*; reading it back (with the same *lexicon*)
    gives an equal plan. Fields a statement already says are left out."""
    of_type("dumps(plan)", plan, Plan, "a Plan")
    of_type("dumps(format)", format, str, "yaml, json or toml")
    if omit is not None:
        function("dumps(omit)", omit)
    optional_of_type("dumps(lexicon)", lexicon, Lexicon, "a Lexicon (okrkit.text.Lexicon)")
    if omit is None:

        def omit(item: KeyResult) -> set[str]:
            return omitted_fields(item, lang=plan.lang, currency=plan.currency, lexicon=lexicon)

    if format == "yaml":
        return data_text(plan_to_data(plan, flow=Flow, omit=omit), format)
    if format == "json":
        return data_text(plan_to_data(plan, date=lambda d: d.isoformat(), omit=omit), format)
    if format == "toml":
        return data_text(plan_to_data(plan, omit=omit), format)
    raise PlanFileError([Problem(f"expected format yaml, json or toml, got {format!r}")])


def data_text(data: dict[str, Any], format: Format) -> str:
    """A plan file's plain *data* (mappings, lists, text, numbers; dates too but for
    JSON) written in *format*."""
    if format == "json":
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if format == "toml":
        import tomli_w  # noqa: PLC0415 - only writing TOML needs it

        return tomli_w.dumps(data)
    return dump_yaml(data)


def dump(
    plan: Plan,
    path: str | os.PathLike[str],
    *,
    format: Format | None = None,
    lexicon: Lexicon | None = None,
) -> None:
    """Write the plan to *path*; the extension picks the format unless *format* is
    given. Pass the *lexicon* the file will be read with, if not the built-in one.
    *path* is a regular file (made if missing): a FIFO, a device or a directory is
    refused with :class:`~okrkit.exceptions.PlanFileError`, never waited on."""
    name = file_path("dump(path)", path)
    text = dumps(plan, format=format_of(name) if format is None else format, lexicon=lexicon)
    write_file(name, text)
