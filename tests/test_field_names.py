"""Every checked field of a public model class names itself ``Class.field`` when
it refuses a value, and ``checked`` works the name out once, not at every value."""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs
import pytest

from okrkit import (
    Amount,
    Cadence,
    Calendar,
    CheckIn,
    CycleCalendar,
    Initiative,
    KeyResult,
    Link,
    MetricType,
    Objective,
    Period,
    Plan,
    Policy,
)
from okrkit._fields import checked, finite
from okrkit._policy import Thresholds
from okrkit.exceptions import InvalidTypeError, InvalidValueError, OkrkitError


DAY = dt.date(2026, 1, 5)
REQUIRED: dict[type, dict[str, Any]] = {
    CheckIn: {"date": DAY, "value": Amount(3, "lead")},
    Initiative: {"title": "Call every lead"},
    Link: {"from_": "calls", "to": "deals"},
    KeyResult: {},
    Objective: {"title": "Sell more"},
    Plan: {},
    Period: {"start": DAY, "end": dt.date(2026, 3, 31)},
    Amount: {"value": 3.0},
    MetricType: {"name": "leads"},
    Thresholds: {},
    Policy: {},
    Calendar: {},
    CycleCalendar: {"start": DAY, "weeks": 6},
    Cadence: {"every": "weekly"},
}
"""Each class, with a valid value for each argument it requires."""


class Stranger:
    """A value no field accepts: neither text, a number, a date nor a collection."""

    def __repr__(self) -> str:
        return "Stranger()"


def _checked_fields() -> list[tuple[type, str, str]]:
    """Each (class, field, argument) whose value a converter or validator checks."""
    return [
        (cls, field.name, field.alias or field.name)
        for cls in REQUIRED
        for field in attrs.fields(cls)
        if field.init and (field.converter is not None or field.validator is not None)
    ]


@pytest.mark.parametrize(
    ("cls", "name", "argument"),
    _checked_fields(),
    ids=[f"{cls.__name__}.{name}" for cls, name, _ in _checked_fields()],
)
def test_a_refused_value_names_class_and_field(cls: type, name: str, argument: str) -> None:
    arguments = {**REQUIRED[cls], argument: Stranger()}
    with pytest.raises((InvalidTypeError, InvalidValueError)) as caught:
        cls(**arguments)
    error = caught.value
    assert isinstance(error, OkrkitError)
    assert error.field == f"{cls.__name__}.{name.lstrip('_')}"
    assert str(error).startswith(f"{cls.__name__}.{name.lstrip('_')}: expected ")


def test_checked_works_out_the_name_once_per_class() -> None:
    formatted: list[str] = []

    class Label(str):
        def format(self, *args: Any, **kwargs: Any) -> str:
            formatted.append(str(self))
            return super().format(*args, **kwargs)

    @attrs.frozen
    class Settings:
        share: float = checked(finite, default=0.5, label=Label("{cls}.{field}"))

    for share in (0.1, 0.2, 0.3):
        assert Settings(share=share).share == share
    with pytest.raises(InvalidTypeError, match=r"^Settings\.share: expected a number"):
        Settings(share="half")  # type: ignore[arg-type]
    assert len(formatted) == 1
