"""The JSON Schema of a plan file (``okrkit schema``), written from the reader's tables.

Editors check and complete plans as they are typed with it: YAML language servers
(``# yaml-language-server: $schema=...``), JSON editors (``"$schema"``) and TOML
ones that read JSON Schema. It is draft-07, the newest draft yaml-language-server
supports. Every key and every choice comes from ``_keys`` and ``_calendar.CALENDAR``,
which the reader reads by; the schema may accept a little more than okrkit does
(a quantity's text is checked when the plan is read), never less.
"""

from __future__ import annotations

from typing import Any

import attrs

from okrkit._fields import MAX_ID_CHARS
from okrkit._files._calendar import CALENDAR, KINDS
from okrkit._files._convert import FORMAT_VERSION
from okrkit._files._keys import CADENCE, PLAN, SECTIONS, Key, choices
from okrkit._policy import LEVELS, Thresholds


__all__ = ["DRAFT", "plan_schema"]

DRAFT = "http://json-schema.org/draft-07/schema#"
_TEXT = ["string", "number"]  # YAML's `title: 2026` is read as the text "2026"
_REF = "#/definitions/"
_ID = rf"[^\s/]{{1,{MAX_ID_CHARS}}}"


def _value(key: Key) -> dict[str, Any]:
    """The schema of one key's value, from how the reader reads it."""
    read = key.reads
    if read == "text":
        return {"type": _TEXT, "pattern": r"\S"} if key.required else {"type": _TEXT}
    if read == "identifier":
        return {"type": _TEXT, "pattern": rf"^\s*{_ID}\s*$"}
    if read == "reference":
        return {"type": _TEXT, "pattern": rf"^\s*{_ID}(/{_ID})?\s*$"}
    if read == "amount":
        return {"type": ["string", "number"], "examples": ["26 day", "2600000 USD", "35 %"]}
    if read == "date":
        return {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
    if read in ("number", "whole"):
        out: dict[str, Any] = {"type": "number" if read == "number" else "integer"}
        if key.minimum is not None:
            out["minimum"] = key.minimum
        if key.maximum is not None:
            out["maximum"] = key.maximum
        return out
    if read == "boolean":
        return {"type": "boolean"}
    if read == "choice":
        return {"enum": list(choices(key))}
    if read == "period":
        return {"type": ["string", "integer"], "examples": ["2026-Q1", "FY2027", "2026"]}
    if read == "rule_ids":
        return {"type": ["string", "array"], "items": {"type": "string", "pattern": r"\S"}}
    if read == "weekday":
        return {"type": ["string", "integer"], "minimum": 0, "maximum": 6,
                "examples": ["friday", "viernes"]}  # fmt: skip
    if read == "week53":
        return {"anyOf": [{"const": "last"}, {"type": "integer", "minimum": 1, "maximum": 12}]}
    if read == "version":
        return {"const": FORMAT_VERSION}
    if read == "currency":
        return {"type": "string", "pattern": "^[A-Z]{3}$", "examples": ["USD", "EUR"]}
    if read == "cadence":
        return _text_or(_value(CADENCE["every"]), "cadence")
    if read == "metric_type":
        return _text_or({"type": "string"}, "metric_type")
    if read in ("calendar", "policy"):
        return {"$ref": _REF + read}
    if read == "severities":
        return {"type": "object", "additionalProperties": {"enum": list(LEVELS)}}
    if read == "thresholds":
        return _thresholds()
    if read == "list":
        item: dict[str, Any] = {"$ref": _REF + str(key.items)}
        if key.items in ("key_result", "initiative"):  # a bare sentence is one too
            item = _text_or({"type": "string"}, str(key.items))
        return {"type": "array", "items": item}
    raise ValueError(f"no schema for a value read as {read!r}")  # pragma: no cover


def _text_or(text: dict[str, Any], mapping: str) -> dict[str, Any]:
    """A value written as text or as a mapping; a mapping's mistakes are reported at
    their own key (an ``anyOf`` would report them at the whole value)."""
    return {"if": {"type": "object"}, "then": {"$ref": _REF + mapping}, "else": text}


def _described(key: Key) -> dict[str, Any]:
    value = _value(key)
    return {"description": key.about, **(value if key.required else _or_null(value))}


def _or_null(value: dict[str, Any]) -> dict[str, Any]:
    """*value*, or null: the reader takes an optional key set to null (YAML's ``~``
    or an empty value) as left out, so an editor must not mark it."""
    if "type" in value:
        types = value["type"] if isinstance(value["type"], list) else [value["type"]]
        return {**value, "type": [*types, "null"]}
    if "enum" in value:
        return {**value, "enum": [*value["enum"], None]}
    if "else" in value:  # text or a mapping: null is not a mapping
        return {**value, "else": _or_null(value["else"])}
    if "anyOf" in value:
        return {**value, "anyOf": [*value["anyOf"], {"type": "null"}]}
    return {"anyOf": [value, {"type": "null"}]}


def _mapping(keys: dict[str, Key]) -> dict[str, Any]:
    out: dict[str, Any] = {
        "type": "object",
        "properties": {name: _described(key) for name, key in keys.items()},
        "additionalProperties": False,
    }
    required = [name for name, key in keys.items() if key.required]
    if required:
        out["required"] = required
    return out


def _thresholds() -> dict[str, Any]:
    properties = {}
    for field in attrs.fields(Thresholds):
        kind = "integer" if field.type in (int, "int") else "number"
        properties[field.name] = {"type": kind, "default": field.default}
    return {"type": "object", "properties": properties, "additionalProperties": False}


def _calendar() -> dict[str, Any]:
    """A calendar: the keys of every kind, each kind allowing only its own."""
    out = _mapping(CALENDAR)
    rules = []
    for kind, keys in KINDS.items():
        then: dict[str, Any] = {"propertyNames": {"enum": list(keys)}}
        if kind == "cycle":
            then["required"] = ["start"]
            then["properties"] = {"start": {"type": "string"}}  # given, and not null
            then["oneOf"] = [  # one of them given, and not null
                {"required": [length], "properties": {length: {"type": "integer"}}}
                for length in ("weeks", "days")
            ]
        test: dict[str, Any] = {"properties": {"kind": {"const": kind}}}
        if kind != "gregorian":
            test["required"] = ["kind"]
        else:  # also the kind of a calendar that names none, or names null
            test["properties"]["kind"] = {"enum": [kind, None]}
        rules.append({"if": test, "then": then})
    out["allOf"] = rules
    return out


def plan_schema() -> dict[str, Any]:
    """The JSON Schema (draft-07) of a plan file, as plain data."""
    definitions = {name: _mapping(keys) for name, keys in SECTIONS.items() if name != "plan"}
    definitions["calendar"] = _calendar()
    return {
        "$schema": DRAFT,
        "title": f"okrkit plan file (format {FORMAT_VERSION})",
        "description": "Objectives and key results as okrkit reads them: "
        "see docs/plan-files.md. Generated by `okrkit schema`.",
        **_mapping(PLAN),
        "definitions": definitions,
    }
