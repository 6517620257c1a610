"""Amounts: a number and the unit it was written in.

The model keeps units as text ("35 day", "2600000 USD", "20 call/week") so that
a plan can be built, compared and written without loading pint. The units layer
reads the text when a key result is resolved for checking or scoring.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable

import attrs

from okrkit._fields import characters
from okrkit.exceptions import InvalidTypeError, InvalidValueError


__all__ = ["Amount", "format_number", "plain_number", "trusted_amount", "unit_symbol"]

_NUMBER = r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?"
_AMOUNT = re.compile(rf"^\s*({_NUMBER})\s*(.*?)\s*$")
_SPACES = re.compile(r"\s+")


def format_number(value: float) -> str:
    """The shortest text that reads back as the same float (``35`` for 35.0)."""
    value = float(value)
    if value.is_integer() and abs(value) < 1e16:
        return str(int(value))
    return repr(value)


def plain_number(value: float) -> float | int:
    """*value* as JSON and YAML should write it: ``35`` for 35.0, floats otherwise."""
    return int(value) if value.is_integer() and abs(value) < 1e15 else value


def _value(value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise InvalidTypeError("Amount.value", value, "a number")
    number = float(value)
    if not math.isfinite(number):
        raise InvalidValueError("Amount.value", value, "a finite number")
    return number


def _unit(value: object) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise InvalidTypeError("Amount.unit", value, "unit text like 'day' or 'USD'")
    unit = value.strip()
    if "  " in unit or not unit.isprintable() or not unit.isascii():
        characters("Amount.unit", unit)
        unit = _SPACES.sub(" ", unit)
    if unit == "%":
        return "percent"
    return unit or None


@attrs.frozen(repr=False)
class Amount:
    """A number in a unit, as written: ``Amount(35, "day")``.

    A unit of ``None`` means none was written: the number is read in the unit
    of the key result it belongs to.
    """

    value: float = attrs.field(converter=_value)
    unit: str | None = attrs.field(default=None, converter=_unit)

    @classmethod
    def parse(cls, text: str, *, field: str = "amount") -> Amount:
        """Read ``"35 day"``, ``"75%"``, ``"2600000 USD"`` or a bare ``"12"``."""
        if not isinstance(text, str):
            raise InvalidTypeError(field, text, 'a quantity like "26 day"')
        match = _AMOUNT.match(text)
        if match is None:
            raise InvalidValueError(field, text, 'a quantity like "26 day"')
        number = float(match.group(1))
        if not math.isfinite(number):
            raise InvalidValueError(field, text, "a finite number")
        return cls(number, match.group(2) or None)

    @classmethod
    def coerce(cls, value: object, *, field: str = "amount") -> Amount:
        """An Amount from an Amount, a number, text, or a pint quantity."""
        if isinstance(value, Amount):
            return value
        if isinstance(value, str):
            return cls.parse(value, field=field)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            if not math.isfinite(value):
                raise InvalidValueError(field, value, "a finite number")
            return cls(value)
        magnitude = getattr(value, "magnitude", None)
        units = getattr(value, "units", None)
        if magnitude is not None and units is not None:
            unit_text = str(units)
            return cls(float(magnitude), unit_text if unit_text != "dimensionless" else None)
        raise InvalidTypeError(field, value, 'a quantity like "26 day", a number, or an Amount')

    def __str__(self) -> str:
        number = format_number(self.value)
        if self.unit is None:
            return number
        return f"{number} {self.unit}"

    def __repr__(self) -> str:
        if self.unit is None:
            return f"Amount({format_number(self.value)})"
        return f"Amount({format_number(self.value)}, {self.unit!r})"


_SYMBOLS = {"percent": "%", "percentage_point": "pp"}


def unit_symbol(unit: str | None) -> str:
    """A unit as people read it next to a number: ``%`` and ``pp`` for percent and
    percentage points, the unit's name otherwise, nothing for a plain number."""
    if unit is None:
        return ""
    return _SYMBOLS.get(unit, unit)


def trusted_amount(value: float, unit: str | None) -> Amount:
    """An Amount from a finite float and a unit text already in Amount's form (as
    read from another Amount), without checking them again: for hot loops."""
    made = object.__new__(Amount)
    object.__setattr__(made, "value", value)
    object.__setattr__(made, "unit", unit)
    return made


def optional_amount(name: str) -> Callable[[object], Amount | None]:
    """A field converter that coerces to an Amount, keeping ``None``."""

    def convert(value: object) -> Amount | None:
        return None if value is None else Amount.coerce(value, field=name)

    return convert
