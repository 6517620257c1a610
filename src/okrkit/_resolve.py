"""A key result resolved to numbers: one unit, plain floats, check-ins in date order.

Rules and scoring both work from this. Amounts written in the same unit text as
the key result's (or with none) are taken as they are, without pint; only a
different unit text is read and converted, once per distinct text. A unit that
does not convert is recorded as a mismatch, never raised.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any, cast

import attrs

from okrkit._amount import Amount
from okrkit._model import Direction, KeyResult
from okrkit._unit_words import period_of
from okrkit._units import convert_factor, unit_info
from okrkit.exceptions import UnitError


__all__ = ["Resolved", "checkin_values", "resolve", "resolved_target", "split_rate"]

_POINT_UNITS = frozenset({"percentage_point"})


def split_rate(unit: str | None) -> tuple[str | None, str | None]:
    """``"call/week"`` → ``("call", "week")``: a rate's period, read from the text alone."""
    if unit is None or "/" not in unit:
        return unit, None
    head, _, tail = unit.rpartition("/")
    period = period_of(tail.strip())
    if period is None or not head.strip():
        return unit, None
    return head.strip(), period


class Resolved:
    """A key result's numbers in its own unit (``unit``, the first unit written
    among target, baseline and an absolute change).

    Check-ins are kept as parallel lists in date order (a tie keeps the order
    written, so the last one written on a day is that day's value): the
    check-ins' own dates and plain floats. The latest value as of a date is one
    ``bisect`` in C, and the lists make no new objects but the floats.
    """

    __slots__ = (
        "baseline", "change_kind", "confidence_days", "confidences", "days", "direction",
        "mismatches", "per", "share", "share_days", "share_values", "target", "unit", "values",
    )  # fmt: skip

    def __init__(self) -> None:
        self.unit: str | None = None
        self.per: str | None = None
        self.direction: Direction | None = None
        self.baseline: float | None = None
        self.target: float | None = None
        self.change_kind: str | None = None  # relative | points | absolute
        self.share: float | None = None
        self.days: list[dt.date] = []
        self.values: list[float] = []
        self.share_days: list[dt.date] = []
        self.share_values: list[float] = []
        self.confidence_days: list[dt.date] = []
        self.confidences: list[float] = []
        self.mismatches: list[tuple[str, str]] = []

    @property
    def measurable(self) -> bool:
        return self.target is not None or self.direction is Direction.ACHIEVE

    @property
    def rate_unit(self) -> str | None:
        """The unit people read the numbers in: ``unit`` with the key result's rate
        (``call/week`` for "20 calls per week", whose unit is ``call``)."""
        unit, per = self.unit, self.per
        if unit is None or per is None or split_rate(unit)[1] is not None:
            return unit
        return f"{unit}/{per}"

    @property
    def checkins(self) -> list[tuple[dt.date, float]]:
        """The values in the key result's unit, as ``(date, value)`` in date order."""
        return list(zip(self.days, self.values, strict=True))

    def __repr__(self) -> str:
        return (
            f"<Resolved {self.direction} {self.baseline}→{self.target} {self.unit!r} "
            f"{len(self.values)} check-ins>"
        )


_FACTORS: dict[tuple[int, str, str | None, str | None], tuple[float, float] | None] = {}
"""Conversions already worked out in the application registry, by unit texts: the
answer never changes for a registry, so it is kept for the next key result (at
most :data:`_FACTORS_KEPT` of them, the oldest forgotten first)."""
_FACTORS_KEPT = 4096


def _reference(kr: KeyResult) -> str | None:
    for amount in (kr.target, kr.baseline):
        if amount is not None and amount.unit is not None:
            return amount.unit
    change = kr.change
    if change is not None and change.unit not in (None, "percent", *_POINT_UNITS):
        return change.unit
    return None


class _Converter:
    """Turns amounts into the reference unit; pint only when unit texts differ."""

    __slots__ = ("factors", "info", "per", "reference", "ureg")

    def __init__(self, reference: str | None, per: str | None, ureg: Any) -> None:
        self.reference = reference
        self.per = per
        self.ureg = ureg
        self.factors: dict[str | None, tuple[float, float] | None] = {reference: (1.0, 0.0)}
        self.info: Any = None

    def _with_per(self, info: Any) -> Any:
        """A unit with no period of its own counts over the key result's period."""
        if info.per is None and self.per is not None:
            return attrs.evolve(info, per=self.per)
        return info

    def factor(self, unit: str | None) -> tuple[float, float] | None:
        if unit is None:
            return (1.0, 0.0)
        found = self.factors.get(unit, False)
        if found is not False:
            return found  # type: ignore[return-value]
        known = _FACTORS.get((id(self.ureg), unit, self.reference, self.per), False)
        if known is not False and self.ureg is None:
            self.factors[unit] = known  # type: ignore[assignment]
            return known  # type: ignore[return-value]
        try:
            if self.info is None:
                self.info = self._with_per(unit_info(self.reference, self.ureg))
            source = self._with_per(unit_info(unit, self.ureg))
            result = convert_factor(source, self.info, self.ureg)
        except UnitError:
            result = None
        self.factors[unit] = result
        if self.ureg is None:
            if len(_FACTORS) >= _FACTORS_KEPT:
                del _FACTORS[next(iter(_FACTORS))]
            _FACTORS[(id(None), unit, self.reference, self.per)] = result
        return result

    def value(self, amount: Amount) -> float | None:
        if amount.unit is None or amount.unit == self.reference:
            return amount.value
        found = self.factor(amount.unit)
        if found is None:
            return None
        scale, offset = found
        value = amount.value * scale + offset
        return value if math.isfinite(value) else None  # past the largest float


def resolve(kr: KeyResult, ureg: Any = None) -> Resolved:
    """*kr* resolved to floats in one unit (see :class:`Resolved`).

    The answer for the application registry is kept on the key result, which is
    immutable, so checking and scoring the same plan again costs no unit work.
    Callers must treat it as read-only.
    """
    if ureg is None:
        cached = kr._derived
        if cached is not None:
            return cached  # type: ignore[no-any-return]
        found = _resolve(kr, None)
        object.__setattr__(kr, "_derived", found)
        return found
    return _resolve(kr, ureg)


def resolved_target(kr: KeyResult, ureg: Any = None) -> tuple[float | None, str | None]:
    """The target *kr* is scored against, and its unit: the one :func:`resolve`
    works out, without reading the check-ins (which may need pint) to get it."""
    cached = kr._derived if ureg is None else None
    if cached is not None:
        return cached.target, cached.unit
    out = Resolved()
    _figures(kr, out, ureg)
    return out.target, out.unit


def _resolve(kr: KeyResult, ureg: Any) -> Resolved:
    out = Resolved()
    _checkins(kr, out, _figures(kr, out, ureg))
    return out


def _figures(kr: KeyResult, out: Resolved, ureg: Any) -> _Converter:
    """Fill in *out*'s unit, direction, baseline, target and share; the converter
    to the key result's unit is returned for its check-ins."""
    reference = _reference(kr)
    out.unit = reference
    out.per = kr.per.value if kr.per is not None else split_rate(reference)[1]
    convert = _Converter(reference, out.per, ureg)
    if kr.baseline is not None:
        out.baseline = convert.value(kr.baseline)
        if out.baseline is None:
            out.mismatches.append(("baseline", kr.baseline.unit or ""))
    if kr.target is not None:
        out.target = convert.value(kr.target)
        if out.target is None:
            out.mismatches.append(("target", kr.target.unit or ""))
    direction = kr.direction
    if direction is None and out.target is not None:
        if out.baseline is not None and out.target < out.baseline:
            direction = Direction.DECREASE
        else:
            direction = Direction.INCREASE
    if direction is None and kr.change is not None:
        direction = Direction.DECREASE if kr.change.value < 0 else Direction.INCREASE
    out.direction = direction
    if kr.change is not None:
        _apply_change(kr, out, convert)
    if kr.share is not None:
        if kr.share.unit in (None, "percent"):
            out.share = kr.share.value
        else:
            out.mismatches.append(("share", kr.share.unit))
    return convert


def _apply_change(kr: KeyResult, out: Resolved, convert: _Converter) -> None:
    change = kr.change
    assert change is not None
    sign = -1.0 if out.direction is Direction.DECREASE else 1.0
    magnitude = abs(change.value)
    if change.unit == "percent":
        out.change_kind = "relative"
        if out.target is None and out.baseline is not None:
            out.target = out.baseline * (1 + sign * magnitude / 100)
        return
    if change.unit in _POINT_UNITS:
        out.change_kind = "points"
        if out.target is None and out.baseline is not None:
            out.target = out.baseline + sign * magnitude
        return
    out.change_kind = "absolute"
    value = convert.value(Amount(magnitude, change.unit))
    if value is None:
        out.mismatches.append(("change", change.unit or ""))
        return
    if out.target is None and out.baseline is not None:
        out.target = out.baseline + sign * value


def _checkins(kr: KeyResult, out: Resolved, convert: _Converter) -> None:
    """The check-ins' columns as *out*'s: whole columns at a time where they can be."""
    dates, amounts, confidences, _notes, _sources = kr._checkins.columns
    if {amount.unit for amount in amounts} <= {None, convert.reference}:  # most: one unit
        out.days = list(dates)
        out.values = [amount.value for amount in amounts]
    else:
        _other_units(dates, amounts, out, convert, share_kr=kr.share is not None)
    unstated = confidences.count(None)
    if not unstated:  # each says how confident its owner is
        out.confidence_days = list(dates)
        out.confidences = list(cast("tuple[float, ...]", confidences))
    elif unstated < len(confidences):
        stated = [
            (day, sure) for day, sure in zip(dates, confidences, strict=True) if sure is not None
        ]
        out.confidence_days = [day for day, _ in stated]
        out.confidences = [sure for _, sure in stated]
    for days, numbers in (
        (out.days, out.values),
        (out.share_days, out.share_values),
        (out.confidence_days, out.confidences),
    ):
        if len(days) > 1:
            _in_date_order(days, numbers)


def _other_value(amount: Amount, convert: _Converter, share_kr: bool) -> tuple[float | None, bool]:
    """A check-in's value in another unit than the key result's: (the value in the
    key result's unit, or in percent for a measured share, or None for a unit that
    does not convert; whether it is a measured share)."""
    if share_kr and amount.unit == "percent":
        return amount.value, True
    found = convert.factor(amount.unit)
    value = None if found is None else amount.value * found[0] + found[1]
    if value is None or not math.isfinite(value):
        return None, False
    return value, False


def _other_units(
    dates: tuple[dt.date, ...],
    amounts: tuple[Amount, ...],
    out: Resolved,
    convert: _Converter,
    *,
    share_kr: bool,
) -> None:
    """Check-ins not all in the key result's unit: each is a value in its unit, a
    measured share, a value converted, or a mismatch."""
    reference = convert.reference
    share_kr = share_kr and reference != "percent"
    for day, amount in zip(dates, amounts, strict=True):
        if amount.unit is None or amount.unit == reference:
            out.days.append(day)
            out.values.append(amount.value)
            continue
        value, measured_share = _other_value(amount, convert, share_kr)
        if measured_share:
            out.share_days.append(day)
            out.share_values.append(amount.value)
        elif value is None:
            out.mismatches.append(("checkins", amount.unit or ""))
        else:
            out.days.append(day)
            out.values.append(value)


def checkin_values(kr: KeyResult, ureg: Any = None) -> list[tuple[float | None, bool]]:
    """Each check-in of *kr*, in the order written, as scoring reads it: its value
    in the key result's unit (a measured share: in percent; None: a unit that does
    not convert, which scoring leaves out), and whether it is a measured share."""
    reference = _reference(kr)
    units = {checkin.value.unit for checkin in kr.checkins}
    if units <= {None, reference}:  # the common case: every value in the key result's unit
        return [(checkin.value.value, False) for checkin in kr.checkins]
    convert = _figures(kr, Resolved(), ureg)
    share_kr = kr.share is not None and reference != "percent"
    out: list[tuple[float | None, bool]] = []
    for checkin in kr.checkins:
        unit = checkin.value.unit
        if unit is None or unit == reference:
            out.append((checkin.value.value, False))
        else:
            out.append(_other_value(checkin.value, convert, share_kr))
    return out


def _in_date_order(days: list[dt.date], values: list[float]) -> None:
    """Sort both lists by date, in place; stable, and cheap when already in order."""
    if days == sorted(days):
        return
    order = sorted(range(len(days)), key=days.__getitem__)
    days[:] = [days[i] for i in order]
    values[:] = [values[i] for i in order]
