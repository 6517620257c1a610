"""Units with pint: currencies, counted nouns, time, percent and percentage points.

okrkit never builds a registry of its own behind the caller's back: it uses the
registry it is given, else pint's application registry, and defines its units on
it once (idempotently, under a lock). Each key result is converted to one
canonical unit once; scoring then works on plain floats. Unit text is read once
per distinct string and the answer cached per registry.

Currencies are each their own dimension, so dollars never turn into euros. A
counted noun ("call", "lead", "ticket") is its own dimension too, created the
first time it is read, so calls never add to leads.
"""

from __future__ import annotations

import re
import threading
import weakref
from enum import StrEnum
from typing import Any

import attrs

from okrkit._amount import Refusal, unit_form
from okrkit.exceptions import InvalidTypeError, UnitError


# pint's UnitRegistry is generic in some releases and not in others; okrkit works
# with any of them, so registries are typed loosely.
UnitRegistry = Any


__all__ = [
    "COUNTED_NOUNS",
    "CURRENCIES",
    "CURRENCY_CODES",
    "UnitInfo",
    "UnitKind",
    "convert_factor",
    "define_units",
    "registry",
    "unit_info",
]

# ISO 4217 codes of currencies in common use. Each becomes its own dimension.
CURRENCIES = (
    "USD", "EUR", "GBP", "JPY", "CNY", "CHF", "CAD", "AUD", "NZD", "MXN", "BRL", "ARS", "CLP",
    "COP", "PEN", "UYU", "PYG", "BOB", "VES", "CRC", "DOP", "GTQ", "HNL", "NIO", "PAB", "SEK",
    "NOK", "DKK", "PLN", "CZK", "HUF", "RON", "BGN", "TRY", "RUB", "UAH", "INR", "PKR", "BDT",
    "IDR", "MYR", "PHP", "SGD", "THB", "VND", "KRW", "HKD", "TWD", "ZAR", "NGN", "EGP", "MAD",
    "KES", "ILS", "AED", "SAR", "QAR",
)  # fmt: skip
CURRENCY_CODES = frozenset(CURRENCIES)
"""The same codes, for membership tests."""

# Nouns counted in sales and product OKRs; any other word is defined on first use.
COUNTED_NOUNS = (
    "call", "lead", "meeting", "deal", "proposal", "customer", "account", "contract",
    "opportunity", "order", "visit", "demo", "ticket", "user", "prospect", "sale", "signup",
    "referral", "review", "interview", "hire", "release", "feature", "bug", "incident",
    "article", "post", "download", "install", "subscriber", "partner", "event", "webinar",
    "campaign", "email", "message", "quote", "invoice", "item", "project", "student", "course",
    "session", "report", "shipment", "store", "employee", "candidate", "click", "visitor",
    "trial", "member", "unit_sold", "task",
)  # fmt: skip

# Spanish (and a few English) words for units, mapped to the names okrkit defines.
ALIASES = {
    "llamada": "call", "llamadas": "call",
    "reunion": "meeting", "reunión": "meeting", "reuniones": "meeting",
    "propuesta": "proposal", "propuestas": "proposal",
    "cliente": "customer", "clientes": "customer",
    "cuenta": "account", "cuentas": "account",
    "contrato": "contract", "contratos": "contract",
    "oportunidad": "opportunity", "oportunidades": "opportunity",
    "trato": "deal", "tratos": "deal",
    "venta": "sale", "ventas": "sale",
    "pedido": "order", "pedidos": "order",
    "visita": "visit", "visitas": "visit",
    "prospecto": "prospect", "prospectos": "prospect",
    "usuario": "user", "usuarios": "user",
    "día": "day", "dia": "day", "días": "day", "dias": "day", "d": "day",
    "semana": "week", "semanas": "week", "wk": "week",
    "mes": "month", "meses": "month",
    "trimestre": "quarter", "trimestres": "quarter",
    "año": "year", "años": "year", "ano": "year", "anos": "year", "yr": "year",
    "hora": "hour", "horas": "hour", "h": "hour", "hr": "hour", "hrs": "hour",
    "minuto": "minute", "minutos": "minute", "min": "minute", "mins": "minute",
    "segundo": "second", "segundos": "second", "s": "second", "sec": "second",
    "ms": "millisecond", "milisegundo": "millisecond", "milisegundos": "millisecond",
    "€": "EUR", "euro": "EUR", "euros": "EUR",
    "dólar": "USD", "dolar": "USD", "dólares": "USD", "dolares": "USD",
    "dollar": "USD", "dollars": "USD",
    "%": "percent", "pct": "percent", "porciento": "percent",
    "pp": "percentage_point", "pts": "percentage_point",
    "percentage_points": "percentage_point",
    "punto_porcentual": "percentage_point", "puntos_porcentuales": "percentage_point",
}  # fmt: skip

# The periods a rate can count over; pint's "quarter" is a mass and its "month"
# an average, so a trailing "/week" is split off here and never reaches pint.
RATE_PERIODS = ("day", "week", "month", "quarter", "year")
_PER_FACTORS = {  # how many of the first fit in the second, where that is exact
    ("day", "week"): 7.0,
    ("month", "quarter"): 3.0,
    ("month", "year"): 12.0,
    ("quarter", "year"): 4.0,
}

_WORD = re.compile(r"[^\W\d]+|€|%", re.UNICODE)
_SIMPLE_NAME = re.compile(r"^[^\W\d][\w]*$", re.UNICODE)

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


class _RegistryState:
    """okrkit's memory of one registry: defined or not, and what it has read."""

    def __init__(self) -> None:
        self.defined = False
        self.infos: dict[str, UnitInfo] = {}
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
        if not _known(ureg, "percent"):
            _define(ureg, "percent = 0.01 = %", "percent")
        state.defined = True


def _known(ureg: UnitRegistry, name: str) -> bool:
    try:
        return name in ureg
    except Exception:
        return False


def _define(ureg: UnitRegistry, definition: str, name: str) -> None:
    if _known(ureg, name):
        return
    ureg.define(definition)


def _words_to_names(text: str) -> str:
    """Replace Spanish and informal unit words by okrkit's unit names."""
    cleaned = text.replace("puntos porcentuales", "percentage_point")
    cleaned = cleaned.replace("punto porcentual", "percentage_point")
    cleaned = cleaned.replace("percentage points", "percentage_point")

    def swap(match: re.Match[str]) -> str:
        word = match.group(0)
        if word.isupper() and len(word) == 3:
            return word
        return ALIASES.get(word.lower(), ALIASES.get(word, word))

    return _WORD.sub(swap, cleaned)


def _split_per(text: str) -> tuple[str, str | None]:
    if "/" not in text:
        return text, None
    head, _, tail = text.rpartition("/")
    period = tail.strip()
    if period.endswith("s") and period[:-1] in RATE_PERIODS:
        period = period[:-1]
    if period in RATE_PERIODS and head.strip():
        return head.strip(), period
    return text, None


def unit_info(text: str | None, ureg: UnitRegistry | None = None) -> UnitInfo:
    """Read unit text (``"day"``, ``"USD"``, ``"call/week"``, ``"días"``) once, cached.

    Raises :class:`UnitError` for text pint cannot read as a unit, and for text
    outside the unit syntax (over 64 characters, say) before pint reads it.
    """
    if text is not None and not isinstance(text, str):
        raise InvalidTypeError("unit", text, "unit text like 'day' or 'USD', or None")
    ureg = registry(ureg)
    key = text or ""
    state = _state(ureg)
    found = state.infos.get(key)
    if found is None:
        with _lock:
            found = state.infos.get(key)
            if found is None:
                found = _read_unit(key, ureg)
                state.infos[key] = found
    return found


def _read_unit(text: str, ureg: UnitRegistry) -> UnitInfo:
    form = unit_form(text)
    if isinstance(form, Refusal):
        told = f"; {form.hint}" if form.hint else ""
        raise UnitError(text, f"expected {form.expected}{told}")
    named = _words_to_names(form or "")
    base, per = _split_per(named)
    if not base.strip() or base.strip() in ("1", "count", "number"):
        return UnitInfo(text, "", UnitKind.NUMBER, per, "")
    unit = _parse(base, ureg, text)
    canonical = str(unit)
    if canonical == "dimensionless":
        canonical = ""
    dims = dict(unit.dimensionality)
    dimension = str(unit.dimensionality) if dims else ""
    return UnitInfo(text, canonical, _kind(canonical, dims), per, dimension)


def _parse(base: str, ureg: UnitRegistry, original: str) -> Any:
    import pint  # noqa: PLC0415

    for _ in range(8):
        try:
            return ureg.parse_units(base)
        except pint.errors.UndefinedUnitError as exc:
            names = (
                exc.unit_names if isinstance(exc.unit_names, (tuple, list)) else [exc.unit_names]
            )
            for name in names:
                _define_noun(ureg, str(name), original)
        except (pint.errors.DefinitionSyntaxError, ValueError, TypeError, AttributeError) as exc:
            raise UnitError(
                original, f"expected a unit like day, USD, percent or call/week ({exc})"
            ) from None
        except Exception as exc:
            raise UnitError(
                original, f"expected a unit like day, USD, percent or call/week ({exc})"
            ) from None
    raise UnitError(original, "expected a unit like day, USD, percent or call/week")


def _define_noun(ureg: UnitRegistry, name: str, original: str) -> None:
    """Define a counted noun the first time it is read ("tickets" → ticket)."""
    if not _SIMPLE_NAME.match(name) or not name.isidentifier():  # pint's rule for a name
        raise UnitError(original, f"{name!r} is not a unit okrkit or pint knows")
    singular = name[:-1] if name.endswith("s") and len(name) > 3 else name
    with _lock:
        if _known(ureg, singular):
            if singular != name and not _known(ureg, name):
                ureg.define(f"@alias {singular} = {name}")
            return
        alias = f" = _ = {name}" if singular != name else ""
        ureg.define(f"{singular} = [{singular}]{alias}")


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
