"""okrkit's units on a pint registry: currencies, counted nouns, percentage points.

okrkit uses the registry you give it, else pint's application registry, and
defines its units on it once. To share one registry with your own code::

    import pint, okrkit.units
    ureg = pint.UnitRegistry()
    okrkit.units.define_units(ureg)
    pint.set_application_registry(ureg)
"""

from __future__ import annotations

from typing import Any

from okrkit._amount import Amount
from okrkit._fields import of_type
from okrkit._units import (
    COUNTED_NOUNS,
    CURRENCIES,
    UnitInfo,
    UnitKind,
    UnitRegistry,
    convert_factor,
    define_units,
    registry,
    unit_info,
)


__all__ = [
    "COUNTED_NOUNS",
    "CURRENCIES",
    "UnitInfo",
    "UnitKind",
    "convert",
    "define_units",
    "registry",
    "to_quantity",
    "unit_info",
]


def to_quantity(amount: Amount, *, ureg: UnitRegistry | None = None) -> Any:
    """A pint quantity for an :class:`~okrkit.Amount` (a new object each time)."""
    of_type("to_quantity(amount)", amount, Amount, "an Amount")
    reg = registry(ureg)
    info = unit_info(amount.unit, reg)
    unit = info.canonical or "dimensionless"
    if info.per in ("day", "week"):
        unit = f"{unit} / {info.per}"
    elif info.per is not None:
        from okrkit.exceptions import UnitError  # noqa: PLC0415

        raise UnitError(
            amount.unit or "",
            f"pint has no exact unit for a rate per {info.per} (its month is an average "
            "and its quarter a mass); keep the count and the period apart",
        )
    return reg.Quantity(amount.value, unit)


def convert(amount: Amount, unit: str, *, ureg: UnitRegistry | None = None) -> Amount:
    """*amount* in *unit*; raises :class:`~okrkit.exceptions.UnitError` when they
    do not convert (calls and leads, dollars and euros)."""
    from okrkit.exceptions import UnitError  # noqa: PLC0415

    of_type("convert(amount)", amount, Amount, "an Amount")
    of_type("convert(unit)", unit, str, "unit text like 'day' or 'USD'")
    reg = registry(ureg)
    source, target = unit_info(amount.unit, reg), unit_info(unit, reg)
    factor = convert_factor(source, target, reg)
    if factor is None:
        raise UnitError(unit, f"{amount.unit or 'a plain number'} does not convert to it")
    scale, offset = factor
    return Amount(amount.value * scale + offset, unit)
