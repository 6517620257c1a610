"""Units with pint: currencies, counted nouns, physical units, percent and points.

okrkit never builds a registry of its own behind the caller's back: it uses the
registry it is given, else pint's application registry, and defines its units on
it once (idempotently, under a lock). Each key result is converted to one
canonical unit once; scoring then works on plain floats. Unit text is read once
per distinct string and the answer cached per registry.

What each word of a unit is, ``okrkit._unit_words`` says without pint; pint gets
only the names okrkit chose, never the text as written, so it parses nothing.
Currencies are each their own dimension, so dollars never turn into euros. A
counted noun ("call", "lead", "ticket") is its own dimension too, created the
first time it is read, so calls never add to leads; its name depends on the word
alone, never on what was read before.
"""

from __future__ import annotations

import threading
import weakref
from enum import StrEnum
from typing import Any

import attrs

from okrkit._amount import Refusal, unit_form
from okrkit._unit_words import (
    ALIASES,
    COUNTED_NOUNS,
    CURRENCIES,
    CURRENCY_CODES,
    DATA_UNITS,
    FAMILIES,
    OPEN,
    PHYSICAL_UNIT,
    RATE_PERIODS,
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
    "RATE_PERIODS",
    "UnitInfo",
    "UnitKind",
    "convert_factor",
    "define_units",
    "refused_unit",
    "registry",
    "unit_info",
]

_PER_FACTORS = {  # how many of the first fit in the second, where that is exact
    ("day", "week"): 7.0,
    ("month", "quarter"): 3.0,
    ("month", "year"): 12.0,
    ("quarter", "year"): 4.0,
}

_lock = threading.RLock()

_A_UNIT_NAME = f"a currency, a counted noun or a unit of {FAMILIES}"


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


class _RegistryState:
    """okrkit's memory of one registry: defined or not, and what it has read."""

    def __init__(self) -> None:
        self.defined = False
        self.nouns: set[str] = set()
        self.infos: dict[str, UnitInfo] = {}
        self.refused: dict[str, Refusal] = {}
        self.factors: dict[tuple[str, str | None, str, str | None], tuple[float, float] | None] = {}


_states: weakref.WeakKeyDictionary[Any, _RegistryState] = weakref.WeakKeyDictionary()


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

    okrkit's units are defined on it first (once). pint's default registry is
    built lazily without a lock, so it is built here under one.
    """
    if ureg is None:
        with _lock:
            import pint  # noqa: PLC0415 - pint is heavy; load it on first use

            ureg = pint.get_application_registry().get()  # type: ignore[no-untyped-call]
            ureg.Quantity  # noqa: B018 - touching it builds a lazy registry now, under the lock
    state = _state(ureg)
    if not state.defined:
        define_units(ureg)
    return ureg


def define_units(ureg: UnitRegistry) -> None:
    """Define okrkit's units on *ureg*: safe to call any number of times."""
    state = _state(ureg)
    with _lock:
        if state.defined:
            return
        for code in CURRENCIES:
            _define(ureg, f"{code} = [currency_{code}]", code)
        for noun in COUNTED_NOUNS:
            _define(ureg, f"{noun} = [{noun}]", noun)
        _define(ureg, "percentage_point = [percentage_point]", "percentage_point")
        _define(ureg, "percent = 0.01 = %", "percent")
        state.defined = True


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
    the unit syntax (over 64 characters, say), a multiplier (``M USD``), or a word
    pint reads as something okrkit does not (``c``, the speed of light).
    """
    if text is not None and not isinstance(text, str):
        raise InvalidTypeError("unit", text, "unit text like 'day' or 'USD', or None")
    ureg = registry(ureg)
    key = text or ""
    state = _state(ureg)
    found = state.infos.get(key) or state.refused.get(key)
    if found is None:
        with _lock:
            found = state.infos.get(key) or state.refused.get(key)
            if found is None:
                found = _read_unit(key, ureg)
                if isinstance(found, Refusal):
                    state.refused[key] = found
                else:
                    state.infos[key] = found
    if isinstance(found, Refusal):
        told = f"; {found.hint}" if found.hint else ""
        raise UnitError(key, f"expected {found.expected}{told}")
    return found


def refused_unit(text: str) -> Refusal | None:
    """Why okrkit does not read unit text that its own words allow, or ``None``:
    a word pint reads as one of its units (``points``). Text of currencies,
    predefined nouns and physical units is settled without loading pint."""
    form = unit_form(text)
    reading = form if isinstance(form, Refusal) else read_unit(form or "")
    if isinstance(reading, Refusal):
        return reading
    if all(term.kind != OPEN for term in reading.terms):
        return None
    try:
        unit_info(text)
    except UnitError:
        return _state(registry()).refused.get(text)
    return None


def _read_unit(text: str, ureg: UnitRegistry) -> UnitInfo | Refusal:
    form = unit_form(text)
    reading = form if isinstance(form, Refusal) else read_unit(form or "")
    if isinstance(reading, Refusal):
        return reading
    if not reading.terms:
        return UnitInfo(text, "", UnitKind.NUMBER, reading.per, "")
    powers: dict[str, int] = {}
    information = 0
    for term in reading.terms:
        name = _pint_name(term, ureg)
        if isinstance(name, Refusal):
            return name
        powers[name] = powers.get(name, 0) + term.power
        information += term.power if term.name in DATA_UNITS else 0
    unit = ureg.Unit(ureg.UnitsContainer({name: power for name, power in powers.items() if power}))
    canonical = str(unit)
    if canonical == "dimensionless":
        canonical = ""
    dimensionality = unit.dimensionality
    if information:  # pint counts bits as plain numbers: they must not turn into percent
        dimensionality = dimensionality * ureg.UnitsContainer({"[information]": information})
    dims = dict(dimensionality)
    dimension = str(dimensionality) if dims else ""
    return UnitInfo(text, canonical, _kind(canonical, dims), reading.per, dimension)


def _pint_name(term: Term, ureg: UnitRegistry) -> str | Refusal:
    """pint's name for one word of a unit: a counted noun is defined on first use."""
    if term.kind == OPEN:
        return _noun(term, ureg)
    if term.kind == PHYSICAL_UNIT:
        try:
            return str(ureg.get_name(term.name))
        except Exception:  # a registry of the caller's without it
            return Refusal(f"a unit this registry has, not {term.name}")
    return term.name  # a currency, a predefined noun, percent or points: defined already


def _noun(term: Term, ureg: UnitRegistry) -> str | Refusal:
    """The counted noun *term* names, defined the first time it is read.

    A word pint already reads as one of its own units (``point``, ``c``, ``bar``)
    is refused rather than read as a count; pint's reading of a word as a prefix
    on a counted noun (``mwidget`` once ``widget`` is defined) is not its meaning,
    so a word means the same whatever was read before.
    """
    state = _state(ureg)
    if term.name in state.nouns:
        return term.name
    noun = term.name
    for word in dict.fromkeys((term.word, term.name)):
        for prefix, unit, _suffix in _readings(ureg, word):
            dimension = _dimension(ureg, unit)
            if dimension == f"[{unit}]":  # a count of its own, like okrkit's nouns
                if not prefix and word == term.word:
                    noun = unit  # the word names a counted noun already: "widgets"
                continue
            return Refusal(
                _A_UNIT_NAME,
                f"pint reads {word!r} as {prefix}{unit} ({dimension or 'a number'}): "
                f"name what you count another way, like {term.name}_count",
            )
    if not _defined(ureg, noun):
        try:
            ureg.define(f"{noun} = [{noun}]")
        except Exception:  # a name pint will not take, whatever okrkit's words allow
            return Refusal(_A_UNIT_NAME, f"pint takes no unit named {noun!r}")
    state.nouns.add(noun)
    return noun


def _readings(ureg: UnitRegistry, word: str) -> tuple[tuple[str, str, str], ...]:
    """How pint reads *word*: ``(prefix, unit, suffix)`` for each way."""
    try:
        return tuple(ureg.parse_unit_name(word))
    except Exception:
        return ()


def _dimension(ureg: UnitRegistry, unit: str) -> str:
    """*unit*'s dimension as pint writes it (``[length] / [time]``)."""
    try:
        return str(ureg.get_dimensionality(unit))
    except Exception:  # pint's own words, like "dimensionless"
        return ""


def _kind(canonical: str, dims: dict[str, float]) -> UnitKind:
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
    ureg = registry(ureg)
    state = _state(ureg)
    key = (source.text, source.per, target.text, target.per)
    if key in state.factors:
        return state.factors[key]
    with _lock:
        result = _factor(source, target, ureg)
        state.factors[key] = result
    return result


def _factor(source: UnitInfo, target: UnitInfo, ureg: UnitRegistry) -> tuple[float, float] | None:
    per_scale = _per_factor(source.per, target.per)
    if per_scale is None:
        return None
    if source.canonical == target.canonical:
        return (per_scale, 0.0)
    if source.dimension != target.dimension:
        return None
    quantity = ureg.Quantity
    try:
        zero = float(
            quantity(0.0, source.canonical or "dimensionless")
            .to(target.canonical or "dimensionless")
            .magnitude
        )
        one = float(
            quantity(1.0, source.canonical or "dimensionless")
            .to(target.canonical or "dimensionless")
            .magnitude
        )
    except Exception:
        return None
    return ((one - zero) * per_scale, zero * per_scale)


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
