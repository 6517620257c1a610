"""Reprs that show how to build a value again, leaving out defaults."""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Any

import attrs


def value_repr(value: object) -> str:
    if isinstance(value, Enum):
        return f"{type(value).__name__}.{value.name}"
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return f"datetime.date({value.year}, {value.month}, {value.day})"
    if isinstance(value, tuple):
        inner = ", ".join(value_repr(v) for v in value)
        return f"({inner},)" if len(value) == 1 else f"({inner})"
    return repr(value)


def fields_repr(obj: object, *, positional: tuple[str, ...] = ()) -> str:
    """``Class(a=1, b='x')`` with every field that differs from its default.

    Fields named in *positional* are shown first, without their names.
    """
    cls: Any = type(obj)
    parts: list[str] = []
    for field in attrs.fields(cls):
        if not field.repr or not field.init:
            continue
        value = getattr(obj, field.name)
        if field.name in positional:
            parts.append(value_repr(value))
            continue
        default = field.default
        if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
            default = default.factory()
        if default is not attrs.NOTHING and value == default:
            continue
        name = field.alias or field.name
        parts.append(f"{name}={value_repr(value)}")
    return f"{cls.__name__}({', '.join(parts)})"
