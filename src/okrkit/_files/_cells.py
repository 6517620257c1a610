"""Cells of a table or frame read as a plan file's values, errors named by their place.

A pandas frame (``okrkit.from_frame``) and an Arrow table (``okrkit.tables``)
hold a plan's fields cell by cell; what a plan file spells as a mapping (a
calendar, a policy, a metric type, a cadence) is read by the plan-file reader,
so a cell takes exactly what a file takes there.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from typing import Any

from okrkit._files._convert import PlanReader
from okrkit.exceptions import InvalidTypeError, InvalidValueError, PeriodError


__all__ = ["errors_at", "read_as_in_file"]


@contextlib.contextmanager
def errors_at(place: str) -> Iterator[None]:
    """Name *place* (the table or frame, row and column) in an error raised while
    building the model from it."""
    try:
        yield
    except (InvalidValueError, InvalidTypeError) as exc:
        raise type(exc)(f"{place}: {exc.field}", exc.value, exc.expected) from None
    except PeriodError as exc:
        raise InvalidValueError(place, exc.text, exc.expected) from None


def read_as_in_file(place: str, value: Any, read: Callable[[PlanReader], Any]) -> Any:
    """*value*, written as in a plan file, read by the plan-file reader; the first
    problem is raised, at *place* and the path inside *value*."""
    reader = PlanReader()
    made = read(reader)
    if reader.problems or made is None:
        found = reader.problems[0] if reader.problems else None
        at = "".join(f"[{part!r}]" for part in found.path) if found else ""
        there = _value_at(value, found.path) if found else value
        raise InvalidValueError(
            place + at, there, f"what a plan file takes there ({found.message if found else ''})"
        )
    return made


def _value_at(value: Any, path: tuple[str | int, ...]) -> Any:
    """What *value* holds at *path* (as far as the path goes into it): a problem
    quotes the value it is about, not the whole mapping around it."""
    for part in path:
        try:
            value = value[part]
        except (KeyError, IndexError, TypeError):
            break
    return value
