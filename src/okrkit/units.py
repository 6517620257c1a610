"""okrkit's units and pint: what unit text means, conversions, pint quantities.

okrkit uses the registry you give it, else pint's application registry, for the
physical units, and keeps currencies, counted nouns and percentage points to
itself: reading, checking and scoring plans define nothing on the registry. To
write ``ureg("3 call")`` in your own code, define okrkit's currencies and
predefined nouns on your registry once::

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
    quantity_unit,
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
    """A pint quantity for an :class:`~okrkit.Amount` (a new object each time).

    pint has no quantity without a unit, so the currency or counted noun the
    amount names is defined on the registry here (``USD = [currency_USD]``,
    ``lead = [lead]``): the one place okrkit defines anything on a registry, and
    only when asked for a pint quantity."""
    of_type("to_quantity(amount)", amount, Amount, "an Amount")
    reg = registry(ureg)
    info = unit_info(amount.unit, reg)
    unit = quantity_unit(info, reg)
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
