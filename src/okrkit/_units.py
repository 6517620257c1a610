"""Units: currencies, counted nouns and points by okrkit, physical units by pint.

okrkit never builds a registry of its own behind the caller's back: it uses the
registry it is given, else pint's application registry, and never changes it:
reading, checking and scoring define nothing on it. Each key result is
converted to one canonical unit once; scoring then works on plain floats. Unit
text is read once per distinct string and the answer cached per registry, in
caches of bounded size.

What each word of a unit is, ``okrkit._unit_words`` says without pint. A
currency, a counted noun ("call", "lead", "ticket") and percentage points are
each a dimension of their own kept here, outside pint: dollars never turn into
euros, calls never add to leads, and a server reading plans of ever new nouns
never grows the registry. pint gets only the physical units, by the names okrkit
chose, never the text as written, so it parses nothing.
"""

from __future__ import annotations

import sys
import threading
import weakref
from collections.abc import Callable
from enum import StrEnum
from typing import Any

import attrs

from okrkit._amount import Refusal, unit_form
from okrkit._unit_words import (
    ALIASES,
    COUNTED_NOUNS,
    CURRENCIES,
    CURRENCY,
    CURRENCY_CODES,
    DATA_UNITS,
    PERCENT,
    PHYSICAL_UNIT,
    Term,
    read_unit,
)
from okrkit.exceptions import InvalidTypeError, UnitError


# pint's UnitRegistry is generic in some releases and not in others; okrkit works
# with any of them, so registries are typed loosely.
UnitRegistry = Any


__all__ = [
    "ALIASES",
    "COUNTED_NOUNS",
    "CURRENCIES",
    "CURRENCY_CODES",
    "UnitInfo",
    "UnitKind",
    "convert_factor",
    "define_units",
    "quantity_unit",
    "registry",
    "unit_info",
]

_PER_FACTORS = {  # how many of the first fit in the second, where that is exact
    ("day", "week"): 7.0,
    ("month", "quarter"): 3.0,
    ("month", "year"): 12.0,
    ("quarter", "year"): 4.0,
}

_TIME_FACTORS: dict[str, dict[str, float]] = {
    "second": {"minute": 0.016666666666666666, "hour": 0.0002777777777777778,
               "day": 1.1574074074074073e-05, "week": 1.6534391534391533e-06,
               "month": 3.802570537683474e-07, "year": 3.168808781402895e-08},
    "minute": {"second": 60.0, "hour": 0.016666666666666666, "day": 0.0006944444444444444,
               "week": 9.920634920634919e-05, "month": 2.2815423226100844e-05,
               "year": 1.901285268841737e-06},
    "hour": {"second": 3600.0, "minute": 60.0, "day": 0.041666666666666664,
             "week": 0.005952380952380952, "month": 0.0013689253935660506,
             "year": 0.00011407711613050422},
    "day": {"second": 86400.0, "minute": 1440.0, "hour": 24.0, "week": 0.14285714285714285,
            "month": 0.03285420944558522, "year": 0.0027378507871321013},
    "week": {"second": 604800.0, "minute": 10080.0, "hour": 168.0, "day": 7.0,
             "month": 0.2299794661190965, "year": 0.019164955509924708},
    "month": {"second": 2629800.0, "minute": 43830.0, "hour": 730.5, "day": 30.4375,
              "week": 4.348214285714286, "year": 0.08333333333333333},
    "year": {"second": 31557600.0, "minute": 525960.0, "hour": 8766.0, "day": 365.25,
             "week": 52.17857142857142, "month": 12.0},
}  # fmt: skip
"""How many of the second unit make one of the first, exactly as pint's default
registry converts them (tests compare every pair with pint). Durations are the
physical units plans use most; with this table, reading and converting them
needs no registry, which costs pint a third of a second to build."""
_TABLE_UNITS = frozenset({*_TIME_FACTORS, "percent"})
"""The physical units read without pint: pint's default registry names each as
okrkit does; percent is a plain number there, every other one a ``[time]``."""

_lock = threading.RLock()


class UnitKind(StrEnum):
    """The broad kind of a unit, as the statement reader and the rules name it."""

    CURRENCY = "currency"
    DURATION = "duration"
    PERCENT = "percent"
    POINTS = "percentage_point"
    COUNT = "count"
    NUMBER = "number"
    OTHER = "other"


@attrs.frozen
class UnitInfo:
    """What a unit text means: its canonical unit, kind and rate period."""

    text: str
    canonical: str
    kind: UnitKind
    per: str | None
    dimension: str


_CACHE_SIZE = 4096
"""The most unit texts (and pairs of them) remembered per registry: a plan
repeats a few units, and a process reading plans of ever new nouns stays bounded."""


class _Bounded(dict[Any, Any]):
    """A dict that forgets its oldest entry past :data:`_CACHE_SIZE`."""

    def put(self, key: object, value: object) -> None:
        if len(self) >= _CACHE_SIZE:
            del self[next(iter(self))]
        self[key] = value


class _RegistryState:
    """okrkit's memory of one registry: what it has read."""

    def __init__(self) -> None:
        self.read: _Bounded = _Bounded()  # unit text -> UnitInfo or Refusal
        self.factors: _Bounded = _Bounded()
        self.physical: _Bounded = _Bounded()  # unit text -> pint's unit of its physical part


_states: weakref.WeakKeyDictionary[Any, _RegistryState] = weakref.WeakKeyDictionary()
_table_state = _RegistryState()
"""What was read without pint, for pint's default application registry."""


class _NeedsPint(Exception):
    """A unit the table does not hold: pint's registry reads it."""


def _by_table(ureg: UnitRegistry | None) -> bool:
    """Whether units can be read with the table: for the application registry, as
    long as pint is not imported, so nothing can have replaced its default one."""
    return ureg is None and "pint" not in sys.modules


def _state(ureg: UnitRegistry) -> _RegistryState:
    try:
        state = _states.get(ureg)
    except TypeError:  # not a registry: no weak reference to it can be made
        state = None
    if state is None:
        if not all(callable(getattr(ureg, name, None)) for name in ("define", "parse_units")):
            raise InvalidTypeError("ureg", ureg, "a pint UnitRegistry")
        with _lock:
            state = _states.get(ureg)
            if state is None:
                state = _RegistryState()
                _states[ureg] = state
    return state


def registry(ureg: UnitRegistry | None = None) -> UnitRegistry:
    """The registry okrkit works in: *ureg*, else pint's application registry.

    Nothing is defined on it. pint's default registry is built lazily without a
    lock, so it is built here under one.
    """
    if ureg is None:
        with _lock:
            import pint  # noqa: PLC0415 - pint is heavy; load it on first use

            ureg = pint.get_application_registry().get()  # type: ignore[no-untyped-call]
            ureg.Quantity  # noqa: B018 - touching it builds a lazy registry now, under the lock
    _state(ureg)
    return ureg


def define_units(ureg: UnitRegistry) -> None:
    """Define okrkit's currencies, predefined counted nouns and percentage points
    on *ureg*, for code of yours that writes ``ureg("3 call")``: safe to call any
    number of times. okrkit itself needs none of them on a registry."""
    _state(ureg)
    with _lock:
        for code in CURRENCIES:
            _define(ureg, f"{code} = [currency_{code}]", code)
        for noun in COUNTED_NOUNS:
            _define(ureg, f"{noun} = [{noun}]", noun)
        _define(ureg, "percentage_point = [percentage_point]", "percentage_point")
        _define(ureg, "percent = 0.01 = %", "percent")


def _defined(ureg: UnitRegistry, name: str) -> bool:
    """Whether *name* is a unit of its own in *ureg* (not only read through a
    prefix: pint reads "unit" as a micro-nit)."""
    try:
        return bool(ureg.get_name(name) == name)
    except Exception:
        return False


def _define(ureg: UnitRegistry, definition: str, name: str) -> None:
    if not _defined(ureg, name):
        ureg.define(definition)


def unit_info(text: str | None, ureg: UnitRegistry | None = None) -> UnitInfo:
    """Read unit text (``"day"``, ``"USD"``, ``"call/week"``, ``"días"``) once, cached.

    Raises :class:`UnitError` for text that is not a unit okrkit reads: outside
    the unit syntax (over 64 characters, say), a multiplier (``M USD``), or a
    physical unit the registry does not have.
    """
    if text is not None and not isinstance(text, str):
        raise InvalidTypeError("unit", text, "unit text like 'day' or 'USD', or None")
    key = text or ""
    found: UnitInfo | Refusal | None = _table_state.read.get(key) if _by_table(ureg) else None
    if found is None:
        found = _remembered("read", key, ureg, lambda reg, state: _read_unit(key, reg, state))
    if isinstance(found, Refusal):
        told = f"; {found.hint}" if found.hint else ""
        raise UnitError(key, f"expected {found.expected}{told}")
    return found


def _remembered(
    kept: str, key: object, ureg: UnitRegistry | None, work: Callable[[Any, _RegistryState], Any]
) -> Any:
    """``work(registry, state)`` once per *key* and registry, kept in the state's
    cache named *kept*: by the table (registry ``None``) while it can stand for
    the application registry and holds the units, else in pint's registry."""
    with _lock:
        if _by_table(ureg):
            cache = getattr(_table_state, kept)
            if key in cache:
                return cache[key]
            try:
                found = work(None, _table_state)
            except _NeedsPint:
                pass
            else:
                cache.put(key, found)
                return found
        ureg = registry(ureg)
        state = _state(ureg)
        cache = getattr(state, kept)
        if key in cache:
            return cache[key]
        found = work(ureg, state)
        cache.put(key, found)
        return found


def _read_unit(text: str, ureg: UnitRegistry | None, state: _RegistryState) -> UnitInfo | Refusal:
    """*text* read in *ureg*; with none, in the table (:class:`_NeedsPint` when a
    unit is not there)."""
    form = unit_form(text)
    reading = form if isinstance(form, Refusal) else read_unit(form or "")
    if isinstance(reading, Refusal):
        return reading
    if not reading.terms:
        return UnitInfo(text, "", UnitKind.NUMBER, reading.per, "")
    names: dict[str, int] = {}  # every term, by okrkit's or pint's name: the canonical unit
    dims: dict[str, int] = {}  # the dimensions of the terms pint does not hold
    physical: dict[str, int] = {}
    information = 0
    for term in reading.terms:
        if term.kind in (PHYSICAL_UNIT, PERCENT):
            name = _pint_name(term, ureg)
            if isinstance(name, Refusal):
                return name
            physical[name] = physical.get(name, 0) + term.power
            information += term.power if term.name in DATA_UNITS else 0
        else:  # a currency, a counted noun or percentage points: okrkit's own dimension
            name = term.name
            dimension = f"[currency_{name}]" if term.kind == CURRENCY else f"[{name}]"
            dims[dimension] = dims.get(dimension, 0) + term.power
        names[name] = names.get(name, 0) + term.power
    if physical and ureg is None:  # durations and percent, by the table
        time = sum(power for name, power in physical.items() if name != "percent")
        if time:
            dims["[time]"] = dims.get("[time]", 0) + time
        state.physical.put(text, tuple(physical.items()))
    elif physical:
        assert ureg is not None
        unit = ureg.Unit(ureg.UnitsContainer(physical))
        dims.update(dict(unit.dimensionality))
        if information:  # pint counts bits as plain numbers: they must not turn into percent
            dims["[information]"] = dims.get("[information]", 0) + information
        state.physical.put(text, str(unit))
    dims = {name: power for name, power in dims.items() if power}
    canonical = _written(names)
    dimension = _written(dict(sorted(dims.items())))
    return UnitInfo(text, canonical, _kind(canonical, dims), reading.per, dimension)


def _written(powers: dict[str, int]) -> str:
    """Names and their powers as pint writes a unit: ``USD / user``, ``meter ** 2``,
    ``[length] / [time]``."""

    def term(name: str, power: int) -> str:
        return name if power == 1 else f"{name} ** {power}"

    above = " * ".join(term(name, power) for name, power in powers.items() if power > 0)
    below = "".join(f" / {term(name, -power)}" for name, power in powers.items() if power < 0)
    return (above or ("1" if below else "")) + below


def _pint_name(term: Term, ureg: UnitRegistry | None) -> str | Refusal:
    """pint's name for a physical unit or percent, in this registry (with none,
    the table's name, which is the default registry's)."""
    if ureg is None:
        if term.name not in _TABLE_UNITS:
            raise _NeedsPint(term.name)
        return term.name
    try:
        return str(ureg.get_name(term.name))
    except Exception:  # a registry of the caller's without it
        return Refusal(f"a unit this registry has, not {term.name}")


def quantity_unit(info: UnitInfo, ureg: UnitRegistry) -> str:
    """*info*'s canonical unit as pint text, defining on *ureg* the currencies and
    counted nouns it names (pint has no quantity without a unit): only for a pint
    quantity asked for, never when plans are read, checked or scored."""
    form = unit_form(info.text)
    reading = form if isinstance(form, Refusal) else read_unit(form or "")
    assert not isinstance(reading, Refusal)  # info was read from this text
    with _lock:
        for term in reading.terms:
            if term.kind in (PHYSICAL_UNIT, PERCENT):
                continue
            dimension = f"currency_{term.name}" if term.kind == CURRENCY else term.name
            if _defined(ureg, term.name) and _dimension(ureg, term.name) != f"[{dimension}]":
                raise UnitError(
                    info.text,
                    f"this registry has a unit of its own named {term.name!r} "
                    f"({_dimension(ureg, term.name) or 'a number'}): no pint quantity can "
                    "count it",
                )
            _define(ureg, f"{term.name} = [{dimension}]", term.name)
    return info.canonical or "dimensionless"


def _dimension(ureg: UnitRegistry, unit: str) -> str:
    """*unit*'s dimension as pint writes it (``[length] / [time]``)."""
    try:
        return str(ureg.get_dimensionality(unit))
    except Exception:  # pint's own words, like "dimensionless"
        return ""


def _kind(canonical: str, dims: dict[str, int]) -> UnitKind:
    if canonical == "percent":
        return UnitKind.PERCENT
    if canonical == "percentage_point":
        return UnitKind.POINTS
    if not dims:
        return UnitKind.NUMBER
    if len(dims) == 1:
        ((name, power),) = dims.items()
        if power == 1 and name.startswith("[currency_"):
            return UnitKind.CURRENCY
        if power == 1 and name == "[time]":
            return UnitKind.DURATION
        if power == 1 and name.strip("[]") in COUNTED_NOUNS:
            return UnitKind.COUNT
        if power == 1 and name.strip("[]") == canonical:
            return UnitKind.COUNT
    return UnitKind.OTHER


def convert_factor(
    source: UnitInfo, target: UnitInfo, ureg: UnitRegistry | None = None
) -> tuple[float, float] | None:
    """``(scale, offset)`` so that ``value * scale + offset`` turns *source* into
    *target*, or ``None`` when they do not convert (calls and leads, USD and EUR)."""
    key = (source.text, source.per, target.text, target.per)
    return _remembered(  # type: ignore[no-any-return]
        "factors", key, ureg, lambda reg, _state: _factor(source, target, reg)
    )


def _factor(
    source: UnitInfo, target: UnitInfo, ureg: UnitRegistry | None
) -> tuple[float, float] | None:
    per_scale = _per_factor(source.per, target.per)
    if per_scale is None:
        return None
    if source.canonical == target.canonical:
        return (per_scale, 0.0)
    if source.dimension != target.dimension:
        return None
    # The same dimensions: the same currencies, nouns and points, so only the
    # physical parts differ, and pint converts them (or the table, for one duration
    # into another).
    if ureg is None:
        return _table_factor(source, target, per_scale)
    state = _state(ureg)
    source_unit = state.physical.get(source.text) or _physical_unit(source, ureg)
    target_unit = state.physical.get(target.text) or _physical_unit(target, ureg)
    quantity = ureg.Quantity
    try:
        zero = float(quantity(0.0, source_unit).to(target_unit).magnitude)
        one = float(quantity(1.0, source_unit).to(target_unit).magnitude)
    except Exception:
        return None
    return ((one - zero) * per_scale, zero * per_scale)


def _table_factor(source: UnitInfo, target: UnitInfo, per_scale: float) -> tuple[float, float]:
    """One duration into another, both to the same power 1 or -1, by the table."""
    mine = _table_state.physical.get(source.text)
    theirs = _table_state.physical.get(target.text)
    if mine is None or theirs is None or len(mine) != 1 or len(theirs) != 1:
        raise _NeedsPint(source.text)
    ((first, power),), ((second, other),) = mine, theirs
    if power != other or power not in (1, -1) or first == "percent" or second == "percent":
        raise _NeedsPint(source.text)
    scale = _TIME_FACTORS[first][second] if power == 1 else _TIME_FACTORS[second][first]
    return (scale * per_scale, 0.0 * per_scale)


def _physical_unit(info: UnitInfo, ureg: UnitRegistry) -> str:
    """pint's unit for the physical part of *info* (read again if forgotten)."""
    state = _state(ureg)
    state.read.pop(info.text, None)
    unit_info(info.text, ureg)
    return state.physical.get(info.text) or "dimensionless"


def _per_factor(source: str | None, target: str | None) -> float | None:
    """How a rate per *source* becomes a rate per *target* (``None``: not exactly)."""
    if source == target:
        return 1.0
    if source is None or target is None:
        return None
    if (source, target) in _PER_FACTORS:
        return _PER_FACTORS[(source, target)]
    if (target, source) in _PER_FACTORS:
        return 1.0 / _PER_FACTORS[(target, source)]
    return None
