"""The plain projection of a reading, as ``okrkit parse --format json`` prints it."""

from __future__ import annotations

from typing import Any

from okrkit._amount import Amount
from okrkit._fields import of_type
from okrkit._reading import Reading
from okrkit._units import CURRENCY_CODES


__all__ = ["quantity_kind", "reading_to_dict"]

_DURATIONS = frozenset({"millisecond", "second", "minute", "hour", "day", "week", "month"})


def quantity_kind(amount: Amount) -> str:
    """currency, duration, percent, count or number, from the amount's unit."""
    unit = of_type("quantity_kind(amount)", amount, Amount, "an Amount").unit
    if unit is None:
        return "number"
    if unit in ("percent", "percentage_point"):
        return "percent"
    if unit in CURRENCY_CODES:
        return "currency"
    if unit in _DURATIONS:
        return "duration"
    return "count"


def _quantity(amount: Amount | None) -> dict[str, Any] | None:
    if amount is None:
        return None
    kind = quantity_kind(amount)
    value: float | int = int(amount.value) if amount.value.is_integer() else amount.value
    out: dict[str, Any] = {"value": value, "unit": "" if amount.unit is None else amount.unit,
                           "kind": kind}  # fmt: skip
    if amount.unit == "percentage_point":
        out["unit"] = "percent"
        out["points"] = True
    return out


def reading_to_dict(reading: Reading) -> dict[str, Any]:
    """The reading as one JSON object (statements.md)."""
    of_type("reading_to_dict(reading)", reading, Reading, "a Reading")
    return {
        "text": reading.text,
        "lang": reading.lang,
        "kind": reading.kind.value,
        "nature": reading.nature.value if reading.nature else None,
        "direction": reading.direction.value if reading.direction else None,
        "metric": reading.metric,
        "baseline": _quantity(reading.baseline),
        "target": _quantity(reading.target),
        "change": _quantity(reading.change),
        "per": reading.per.value if reading.per else None,
        "share": _quantity(reading.share),
        "ambiguous_percent": reading.ambiguous_percent,
        "issues": list(reading.issues),
        "baseline_ref": reading.baseline_ref,
        "figures": [
            {"text": figure.text, **(_quantity(figure.amount) or {}), "role": figure.role.value}
            for figure in reading.figures
        ],
    }
