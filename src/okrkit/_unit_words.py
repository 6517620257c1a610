"""The words units are written with, and what each one is, read without pint.

A unit is a currency (an ISO code), a counted noun (``call``, ``lead``, or any
other word, with its plural and Spanish forms), percent or percentage points,
or a physical unit of the kinds okrkit reads (:data:`FAMILIES`). Physical units
combine freely (``km/hour``, ``m^2``); a currency or a count stands alone or over
one other unit (``USD/user``, ``call/hour``), and any unit may count over a
period (``call/week``).

Text that pint would read as something other than what people mean is refused
here, before pint reads anything: a multiplier (``1.2 M USD`` is not "1.2
molar dollars"), a count or a currency with a prefix (``Mlead``, ``kUSD``), a
currency or a count multiplied by anything, a power past 3. The meaning of a
word never depends on what was read before it.

A symbol reads only as written: its capitals carry meaning (``ms`` is a
millisecond, ``Ms`` a megasecond; ``MB`` a megabyte, ``Mb`` a megabit), so a
symbol written in another case is refused with how to write it
(:func:`case_refusal`), never read as another size. Whole words (``Hours``,
``KILOMETRES``) read in any case.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING, NamedTuple


if TYPE_CHECKING:
    from fractions import Fraction


__all__ = [
    "ALIASES",
    "COUNTED_NOUNS",
    "CURRENCIES",
    "CURRENCY_CODES",
    "DATA_UNITS",
    "FAMILIES",
    "MAX_POWER",
    "MULTIPLIERS",
    "NAME",
    "PERIOD_WORDS",
    "PHYSICAL",
    "RATE_PERIODS",
    "Refusal",
    "Term",
    "UnitReading",
    "case_refusal",
    "period_of",
    "read_unit",
    "singular",
]


class Refusal(NamedTuple):
    """Why text is not what a field holds: what was expected, how to write it (in
    English, and in Spanish when it is said), and for a number times a multiplier
    (``1.2 M USD``), the factor and the unit left (``(1000000, "USD")``) so the
    whole number can be worked out."""

    expected: str
    hint: str | None = None
    whole: tuple[int, str] | None = None
    hint_es: str | None = None


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

# Nouns counted in sales and product OKRs; any other word is a counted noun too.
# "unit" and "app" are here because pint would read them as a micro-nit and an
# atto-point.
COUNTED_NOUNS = (
    "call", "lead", "meeting", "deal", "proposal", "customer", "account", "contract",
    "opportunity", "order", "visit", "demo", "ticket", "user", "prospect", "sale", "signup",
    "referral", "review", "interview", "hire", "release", "feature", "bug", "incident",
    "article", "post", "download", "install", "subscriber", "partner", "event", "webinar",
    "campaign", "email", "message", "quote", "invoice", "item", "project", "student", "course",
    "session", "report", "shipment", "store", "employee", "candidate", "click", "visitor",
    "trial", "member", "unit_sold", "task", "unit", "app", "business_day",
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
    "semana": "week", "semanas": "week", "wk": "week", "wks": "week",
    "mes": "month", "meses": "month", "mo": "month", "mos": "month",
    "trimestre": "quarter", "trimestres": "quarter",
    "año": "year", "años": "year", "ano": "year", "anos": "year", "yr": "year", "yrs": "year",
    "hora": "hour", "horas": "hour", "h": "hour", "hr": "hour", "hrs": "hour", "hs": "hour",
    "minuto": "minute", "minutos": "minute", "min": "minute", "mins": "minute",
    "segundo": "second", "segundos": "second", "s": "second", "sec": "second",
    "secs": "second", "seg": "second", "segs": "second",
    "ms": "millisecond", "milisegundo": "millisecond", "milisegundos": "millisecond",
    "€": "EUR", "euro": "EUR", "euros": "EUR",
    "dólar": "USD", "dolar": "USD", "dólares": "USD", "dolares": "USD",
    "dollar": "USD", "dollars": "USD",
    "%": "percent", "pct": "percent", "porciento": "percent", "percentage": "percent",
    "pp": "percentage_point", "percentage_points": "percentage_point",
    "punto_porcentual": "percentage_point", "puntos_porcentuales": "percentage_point",
    # a point of a score (story points, NPS points): a count of its own, never
    # pint's point (a typographic length); percentage points are "pp"
    "pts": "point", "pt": "point", "puntos": "point", "punto": "point",
}  # fmt: skip

_PHRASES = (  # unit names of two words, read as one (before the rest is read)
    ("puntos porcentuales", "percentage_point"),
    ("punto porcentual", "percentage_point"),
    ("percentage points", "percentage_point"),
    ("percentage point", "percentage_point"),
    # a day the business works: its own count, since how many calendar days a
    # number of them spans depends on weekends and holidays
    ("business days", "business_day"),
    ("business day", "business_day"),
    ("working days", "business_day"),
    ("working day", "business_day"),
    ("días hábiles", "business_day"),
    ("dias habiles", "business_day"),
    ("día hábil", "business_day"),
    ("dia habil", "business_day"),
)

# The periods a rate counts over; pint's "quarter" is a mass and its "month" an
# average, so a trailing "/week" is split off here and never reaches pint.
RATE_PERIODS = ("day", "week", "month", "quarter", "year")
PERIOD_WORDS = {
    **{p: p for p in RATE_PERIODS},
    **{f"{p}s": p for p in RATE_PERIODS},
    **{word: name for word, name in ALIASES.items() if name in RATE_PERIODS},
}
"""Every word a rate's period is written with (``weeks``, ``semana``, ``mo``)."""

FAMILIES = (
    "time, length, mass, area, volume, speed, frequency, data, data rate, energy, power "
    "and temperature"
)
"""The kinds of physical unit okrkit reads."""

MAX_POWER = 3
"""The largest power a unit is raised to (``m^3``): past it, a quantity is out of
any float's range (``km**999``) or says nothing a plan needs."""

_PREFIXES = {
    "k": "kilo", "M": "mega", "G": "giga", "T": "tera", "P": "peta", "c": "centi",
    "m": "milli", "u": "micro", "µ": "micro", "μ": "micro", "n": "nano",
    "Ki": "kibi", "Mi": "mebi", "Gi": "gibi", "Ti": "tebi", "Pi": "pebi",
}  # fmt: skip
_FACTORS = {
    "kilo": (10**3, 1), "mega": (10**6, 1), "giga": (10**9, 1), "tera": (10**12, 1),
    "peta": (10**15, 1), "centi": (1, 10**2), "milli": (1, 10**3), "micro": (1, 10**6),
    "nano": (1, 10**9), "kibi": (2**10, 1), "mebi": (2**20, 1), "gibi": (2**30, 1),
    "tebi": (2**40, 1), "pebi": (2**50, 1),
}  # fmt: skip
"""What each prefix multiplies by, as a fraction (numerator, denominator)."""
_DATA_PREFIXES = "k M G T P Ki Mi Gi Ti Pi"
_NO_PLURAL = frozenset(
    {"feet", "foot", "celsius", "fahrenheit", "kilometer_per_hour", "mile_per_hour"}
)

# The physical units okrkit reads: pint's name, the other words for it (a plural
# is made for each lowercase word of three letters or more), and the prefix
# symbols read on its symbols (and, by name, on its names: "km", "kilometer",
# "kilometre").
_BASES: tuple[tuple[str, str, str], ...] = (
    # time
    ("second", "s sec", "m u µ μ n"),
    ("minute", "", ""),
    ("hour", "", ""),
    ("day", "", ""),
    ("week", "", ""),
    ("month", "", ""),
    ("year", "", ""),
    # length
    ("meter", "m metre metro mts:meter kilómetro:kilometer kilometro:kilometer kms:kilometer "
     "centímetro:centimeter milímetro:millimeter", "k c m"),
    ("inch", "inches", ""),
    ("foot", "ft feet", ""),
    ("yard", "yd yds:yard", ""),
    ("mile", "mi milla", ""),
    ("nautical_mile", "nmi", ""),
    # mass
    ("gram", "g gramo kilo:kilogram kilogramo:kilogram kgs:kilogram", "k m"),
    ("metric_ton", "t tonne tonelada", ""),
    ("ton", "short_ton", ""),
    ("pound", "lb lbs", ""),
    ("ounce", "oz", ""),
    # area (and powers of a length)
    ("hectare", "ha hectárea", ""),
    ("acre", "", ""),
    # volume
    ("liter", "l L litre litro lt lts:liter", "m"),
    ("gallon", "gal galón:gallon galon:gallon galones:gallon", ""),
    ("quart", "qt", ""),
    ("fluid_ounce", "floz fl_oz", ""),
    # frequency
    ("hertz", "Hz", "k M G"),
    ("revolutions_per_minute", "rpm", ""),
    # data
    ("bit", "", _DATA_PREFIXES),
    ("byte", "B", _DATA_PREFIXES),  # a bare B is refused first, as a billion
    # energy and power
    ("joule", "J", "k M G"),
    ("watt_hour", "Wh", "k M G T"),
    ("watt", "W", "k M G"),
    ("calorie", "cal", "k"),
    # temperature
    ("degree_Celsius", "°C ºC degC celsius", ""),
    ("degree_Fahrenheit", "°F ºF degF fahrenheit", ""),
    ("kelvin", "", ""),
    # speed
    ("kilometer_per_hour", "kph kmh", ""),
    ("mile_per_hour", "mph", ""),
    ("knot", "kn", ""),
    # a ratio
    ("ppm", "", ""),
)  # fmt: skip

# Words that are two physical units at once: a data rate in bits per second
# ("Mbps"; pint's own "bps" is a baud, a count of symbols).
_DATA_RATES = {
    f"{symbol}bps": f"{_PREFIXES[symbol] if symbol else ''}bit"
    for symbol in ("", "k", "M", "G", "T")
}
_DATA_RATES["Kbps"] = "kilobit"
COMPOUNDS: dict[str, tuple[tuple[str, int], ...]] = {
    word: ((bit, 1), ("second", -1)) for word, bit in _DATA_RATES.items()
}
"""Words that stand for a unit of several terms, and those terms (pint's names)."""

_SPELLINGS = {"meter": "metre", "liter": "litre"}
"""British spellings of names that take prefixes (``kilometres``)."""


def _symbols(others: str) -> list[str]:
    """The symbols among a unit's other words (``s``, ``Hz``): short, and no plural
    or word for another unit."""
    return [
        word
        for word in others.split()
        if len(word) <= 3 and ":" not in word and not word.endswith("s")
    ]


def _physical() -> dict[str, str]:
    words: dict[str, str] = {}

    def add(word: str, name: str) -> None:
        words[word] = name
        plural = word + ("es" if word.endswith(("ch", "x")) else "s")
        if len(word) > 2 and word.islower() and word[-1] not in "s" and word not in _NO_PLURAL:
            words.setdefault(plural, name)

    for name, others, prefixes in _BASES:
        add(name, name)
        for other in others.split():
            word, _, target = other.partition(":")
            add(word, target or name)
        for prefix in prefixes.split():
            long = _PREFIXES[prefix] + name
            add(long, long)
            if name in _SPELLINGS:
                add(_PREFIXES[prefix] + _SPELLINGS[name], long)
            for symbol in _symbols(others) or [name]:  # "kbit": a name without a symbol
                words[prefix + symbol] = long
    return words


PHYSICAL = _physical()
"""Each word for a physical unit okrkit reads, and pint's name for it."""

_PHYSICAL_NAMES = frozenset(PHYSICAL.values())
DATA_UNITS = frozenset(name for name in _PHYSICAL_NAMES if name.endswith(("bit", "byte")))
"""Units of data, which pint counts as plain numbers: okrkit gives them a dimension."""

MULTIPLIERS: dict[str, int | None] = {
    "k": 10**3, "K": 10**3, "M": 10**6, "MM": 10**6, "mn": 10**6, "Mn": 10**6,
    "B": 10**9, "bn": 10**9, "Bn": 10**9,
    "thousand": 10**3, "thousands": 10**3, "million": 10**6, "millions": 10**6,
    "billion": 10**9, "billions": 10**9, "trillion": 10**12, "trillions": 10**12,
    "millón": 10**6, "millon": 10**6, "millones": 10**6, "billón": 10**12,
    "billones": 10**12, "lakh": 10**5, "lakhs": 10**5, "crore": 10**7, "crores": 10**7,
    "mil": None,  # a thousand in Spanish, a million in English speech
    "billon": None,  # a billion or, in Spanish without its accent, a million millions
}  # fmt: skip
"""Words that scale a number rather than name a unit, and by how much (``None``
where languages disagree)."""

_MAGNITUDES = {"kilo": 10**3, "mega": 10**6, "giga": 10**9, "tera": 10**12, "MM": 10**6,
               "mn": 10**6, "bn": 10**9, "k": 10**3, "K": 10**3, "M": 10**6, "G": 10**9,
               "B": 10**9, "T": 10**12}  # fmt: skip
"""Prefixes that would scale a count or a currency (``klead``, ``MUSD``), longest first."""
_MULTIPLIER_WORDS = frozenset(word for word in MULTIPLIERS if len(word) > 2)
"""Multipliers that are words, read in any case (``Mil``, ``MILLONES``)."""

_SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_DIGIT_POWER = re.compile(r"(\D+)([23])")
_LENGTH_SYMBOLS = frozenset({"m", "km", "cm", "mm", "ft", "yd", "mi"})
"""Lengths whose area and volume people write with a plain digit (``m2``, ``cm3``)."""
_SUPERSCRIPT_DIGITS = str.maketrans(_SUPERSCRIPTS, "0123456789")
_OPERATOR_WORDS = frozenset({"per", "por", "square", "squared", "sq", "cubic", "cubed"})
"""Words pint reads as operators: in okrkit a rate is written with "/"."""

MULTIPLE_HINT = (
    'a multiple (3x) is not a quantity: say it in the statement ("triple the leads") or '
    "as a change of 200 %",
    'un múltiplo (3x) no es una cantidad: dilo en el enunciado ("triplicar los leads") o '
    "como un cambio de 200 %",
)
"""How to write a multiple (``3x``, ``3×``), in English and Spanish."""
_MULTIPLE = Refusal(
    "a unit like day, USD, % or call/week", MULTIPLE_HINT[0], None, MULTIPLE_HINT[1]
)
_REFUSED_WORDS = {
    "x": _MULTIPLE, "times": _MULTIPLE, "veces": _MULTIPLE,
    "ppt": Refusal(
        "a unit like day, USD, % or call/week",
        "ppt is parts per thousand, per trillion or percentage points: write pp for "
        "percentage points",
        None,
        "ppt son partes por mil, por billón o puntos porcentuales: escribe pp para puntos "
        "porcentuales",
    ),
}  # fmt: skip
"""Words that are refused, with how to say what they usually mean."""

_IRREGULAR = {
    (noun[:-1] + "ies" if noun.endswith("y") and noun[-2] not in "aeiou" else noun + "es"): noun
    for noun in COUNTED_NOUNS
    if noun.endswith(("y", "x", "ch", "sh"))
}
_IRREGULAR.update({
    "units_sold": "unit_sold", "buses": "bus", "statuses": "status", "bonuses": "bonus",
    "campuses": "campus", "viruses": "virus", "censuses": "census", "crises": "crisis",
    "theses": "thesis", "hypotheses": "hypothesis", "diagnoses": "diagnosis",
    "caches": "cache", "niches": "niche", "headaches": "headache", "people": "person",
})  # fmt: skip
_SINGULAR_ENDINGS = ("ss", "us", "is")
"""Endings of words that are no plural: ``status``, ``bus``, ``analysis``, ``class``."""
_SAME_IN_PLURAL = frozenset({"series", "species", "news"})
_IE_NOUNS = frozenset({
    "movie", "cookie", "selfie", "zombie", "rookie", "calorie", "freebie", "goalie", "hoodie",
    "smoothie", "brownie", "sortie", "newbie", "techie", "foodie", "lie", "tie", "pie",
})  # fmt: skip
"""Nouns ending in "ie", whose plural is not a "y" noun's (``movies``, ``stories``)."""

# Kinds of term.
CURRENCY, NOUN, OPEN, PERCENT, POINTS, PHYSICAL_UNIT = (
    "currency", "noun", "open", "percent", "percentage_point", "physical",
)  # fmt: skip


class Term(NamedTuple):
    """One word of a unit: as written, the name okrkit reads it as, its kind, and
    its power (negative under a "/")."""

    word: str
    name: str
    kind: str
    power: int


class UnitReading(NamedTuple):
    """What unit text is: its terms and the period of a rate (``None``: no rate).
    No terms is a plain number (``count``, ``1/week``)."""

    terms: tuple[Term, ...]
    per: str | None


NAME = r"(?:°?[^\W\d_]\w*|%|€)"
"""A unit's name: a letter, then letters, digits and _ ("°C" too), or "%" or "€"."""
_PIECE = re.compile(rf"({NAME})(?: ?(?:\^|\*\*) ?(-?[0-9]+))?|( ?[/*·] ?| )")
_A_UNIT = "a unit like day, USD, % or call/week"
_ALONE = "a currency or a count stands alone or over one unit, like USD, call/week or USD/user"
_ALONE_ES = (
    "una moneda o un recuento va sola o sobre una unidad, como USD, llamada/semana o USD/usuario"
)
_WHOLE = "write the whole number, without a multiplier like k, M or mil"
_WHOLE_ES = "escribe el número entero, sin un multiplicador como k, M o mil"


def singular(word: str) -> str:
    """The name of the counted noun *word* is a form of: ``tickets`` → ``ticket``,
    ``stories`` → ``story``, ``boxes`` → ``box``, ``analyses`` → ``analysis``.

    A word of four letters or more loses its plural ending; a word that ends as
    no plural does (``status``, ``bus``, ``analysis``, ``class``, and ``callss``,
    a noun of its own) is kept. The answer depends on the word alone, never on
    what was read before.
    """
    alias = ALIASES.get(word)
    if alias is not None:
        return alias
    known = _IRREGULAR.get(word)
    if known is not None:
        return known
    if len(word) > 2 and word.endswith("s") and word[:-1].isupper():
        return word[:-1]  # an acronym's plural: "MQLs", "PRs"
    if len(word) <= 3 or not word.endswith("s") or word in _SAME_IN_PLURAL:
        return word
    if word.endswith(_SINGULAR_ENDINGS):
        return word
    if word.endswith("yses"):
        return word[:-4] + "ysis"
    if word.endswith("ies") and len(word) > 4 and word[:-1] not in _IE_NOUNS:
        return word[:-3] + "y"
    if word.endswith(("sses", "xes", "ches", "shes", "zzes")):
        return word[:-2]
    return word[:-1]


def _shortest(name: str) -> str:
    """The shortest word for the unit *name* (``s``, ``kg``, ``Mbit``)."""
    return min(
        (w for w, n in PHYSICAL.items() if n == name), key=lambda w: (len(w), w != w.lower(), w)
    )


_Sizes = tuple[dict[str, "Fraction"], dict[str, tuple[tuple["Fraction", str], ...]], dict[str, str]]


@functools.cache
def _sizes() -> _Sizes:
    """What each prefix multiplies by; each unit that takes prefixes, with the
    factor and the symbol of each of its sizes; the symbols a prefix goes on, and
    the unit each one is. Only a symbol in the wrong case, said as written, needs them."""
    from fractions import Fraction  # noqa: PLC0415 - only a refusal's hint needs it

    factors = {name: Fraction(*ratio) for name, ratio in _FACTORS.items()}
    families = {
        name: tuple(
            (factors[_PREFIXES[p]] if p else Fraction(1), _shortest(_PREFIXES.get(p, "") + name))
            for p in ("", *prefixes.split())
        )
        for name, others, prefixes in _BASES
        if prefixes
    }
    base_symbols = {
        **{_shortest(name): name for name in families},
        **{symbol: name for name, others, prefixes in _BASES if prefixes
           for symbol in _symbols(others)},
        "b": "bit",  # okrkit reads "bit", so "Mb" is refused, never read as a megabyte
    }  # fmt: skip
    return factors, families, base_symbols


def _cased() -> frozenset[str]:
    """Symbols whose capitals carry meaning: those a prefix goes on (``s``, ``g``,
    ``B``, ``cal``) and their prefixed forms (``ms``, ``Mbit``), the tonne (T is
    tera), the time and temperature symbols and the data rates. Words (``hour``,
    ``kilometre``) and abbreviations whose case means nothing (``sec``, ``min``,
    ``hrs``, ``ft``, ``mph``) are not here: they read in any case."""
    words = {"s", "t", "ms", "h", "d", "hs", "°C", "ºC", "°F", "ºF", "degC", "degF", *COMPOUNDS}
    for name, others, prefixes in _BASES:
        if prefixes:
            symbols = _symbols(others) or [name]
            words.update(s for s in symbols if len(s) <= 2 or not s.islower() or s == "cal")
            words.update(p + s for p in prefixes.split() for s in symbols)
    words.update(word + "s" for word in list(words) if word + "s" in PHYSICAL)  # kgs, cals
    return frozenset(words)


def _by_lowercase(words: frozenset[str]) -> dict[str, tuple[str, ...]]:
    """*words* under their lowercase form, a lowercase word first (``ml``: ml, mL)."""
    found: dict[str, tuple[str, ...]] = {}
    for word in sorted(words, key=lambda word: (word != word.lower(), word)):
        found[word.lower()] = (*found.get(word.lower(), ()), word)
    return found


@functools.cache
def _cased_by_lower() -> dict[str, tuple[str, ...]]:
    return _by_lowercase(_cased())


_MEANT = {"Cal": "kcal", "MBps": "MB/s", "kBps": "kB/s", "KBps": "kB/s", "GBps": "GB/s"}
"""What a symbol in another case usually means, where no prefix says it (a food
Calorie is a kilocalorie; MBps, megabytes per second)."""


def case_refusal(word: str) -> Refusal | None:
    """Why *word* is refused when it is a unit symbol written in a case okrkit
    does not read (``Ml``, ``Mb``, ``KG``, ``Cal``, ``kwh``), or ``None``.

    A symbol's capitals change its size (``ml`` and ``Ml`` are 10⁹ apart), so
    it is read only as the tables write it; the hint says what the word as
    written would be and the symbols okrkit reads. Whole words, multipliers and
    currency codes are never refused here.
    """
    if word in PHYSICAL or word in ALIASES or word in COMPOUNDS or word in MULTIPLIERS:
        return None
    symbols = _cased_by_lower().get(word.lower())
    if symbols is None:
        return None
    meant = _MEANT.get(word) or _as_written(word)
    choices = (*symbols,) if meant is None else (meant, *symbols)
    write, write_es = _either(choices, "or"), _either(choices, "o")
    said = "" if meant is None else f" (1 {word} = {meant if ' ' in meant else '1 ' + meant})"
    count = count_es = ""
    if word.isupper():  # an acronym, maybe: "MS", "KG"
        count = f", or name a count with a word, like {word}_count"
        count_es = f", o nombra un recuento con una palabra, como {word}_count"
    return Refusal(
        _A_UNIT,
        f"{word} is not read: capitals change what a unit symbol means{said}; write {write}{count}",
        hint_es=f"{word} no se lee: las mayúsculas cambian lo que significa el símbolo de "
        f"una unidad{said}; escribe {write_es}{count_es}",
    )


def _either(words: tuple[str, ...], joint: str) -> str:
    """``a``, ``a or b``, ``a, b or c``."""
    return f"{', '.join(words[:-1])} {joint} {words[-1]}" if len(words) > 1 else words[0]


def _as_written(word: str) -> str | None:
    """What *word* is as written, a prefix on a symbol, in a unit okrkit reads
    (``Ml``: ``1000000 l``; ``Mb``: ``Mbit``), or ``None`` when it is none."""
    factors, families, base_symbols = _sizes()
    for prefix, prefix_name in _PREFIXES.items():
        name = base_symbols.get(word.removeprefix(prefix)) if word.startswith(prefix) else None
        if name is None:
            continue
        factor = factors[prefix_name]
        if name in ("bit", "byte") and factor < 1:
            return None  # a thousandth of a bit is no size: "mb" is a typo for MB or Mb
        family = families[name]
        sizes = [size for size in family if (factor / size[0]).denominator == 1]
        size, symbol = max(sizes or [family[0]])
        times = factor / size
        return symbol if times == 1 else f"{_decimal(times)} {symbol}"
    return None


def _decimal(number: Fraction) -> str:
    """A power of ten as people write it (``1000000``, ``0.001``)."""
    from decimal import Decimal  # noqa: PLC0415 - only a refusal's hint needs it

    return format(Decimal(number.numerator) / Decimal(number.denominator), "f")


def period_of(word: str) -> str | None:
    """The period a rate's word names (``weeks``, ``Semana``, ``WEEK``: ``week``),
    in the cases okrkit reads a unit word in, or ``None``."""
    return PERIOD_WORDS.get(word, PERIOD_WORDS.get(_folded(word)))


def _folded(word: str) -> str:
    """*word* in the case the tables hold it: a capitalized word (``Hours``,
    ``Leads``) or one of four letters or more in capitals (``HOURS``) in lowercase;
    an acronym (``MAU``, ``MQLs``) and a symbol (``MB``) as written. A symbol in
    another case (``Mm``, ``KG``) never gets here: :func:`case_refusal` refuses it."""
    if len(word) > 1 and word[0].isupper() and word[1:].islower():
        return word.lower()
    if len(word) > 3 and word.isupper():
        return word.lower()
    return word


_LOWERCASE_CURRENCIES = frozenset(CURRENCIES) - {
    "TRY", "MAD", "PEN", "BOB", "COP", "RON", "PHP", "SAR", "ILS", "PAB", "CUP",
}  # fmt: skip
"""Codes also read in lowercase (``usd``): not those that are words (``pen``, ``try``)."""


_READINGS: dict[str, UnitReading | Refusal] = {}


def read_unit(form: str) -> UnitReading | Refusal:
    """What the unit text *form* (already in the unit syntax) is, or why okrkit
    refuses it. Cached: plans repeat a few units."""
    known = _READINGS.get(form)
    if known is not None:
        return known
    found = _read(form)
    if len(_READINGS) < 4096:
        _READINGS[form] = found
    return found


def _read(form: str) -> UnitReading | Refusal:
    text = form
    for phrase, name in _PHRASES:
        text = text.replace(phrase, name)
    one = text.startswith(("1/", "1 /"))
    if one:
        text = text[1:].lstrip()
    pieces: list[tuple[str, str, int]] = []  # (joint, word, power)
    joint = "/" if one else ""
    for match in _PIECE.finditer(text):
        word, power, sep = match.groups()
        if sep is not None:
            joint = sep.strip() or "*"
            continue
        name = word.rstrip(_SUPERSCRIPTS)  # "m²" is m^2
        squared = _DIGIT_POWER.fullmatch(word)  # "m2" is m^2 too
        if squared is not None and squared.group(1) in _LENGTH_SYMBOLS:
            name = squared.group(1)
        if name != word:
            if power is not None:
                return Refusal(
                    _A_UNIT,
                    "write one power, like m^2",
                    hint_es="escribe una sola potencia, como m^2",
                )
            word, power = name, word[len(name) :].translate(_SUPERSCRIPT_DIGITS)
        pieces.append((joint, word, int(power) if power is not None else 1))
        joint = "*"
    per = _rate_period(pieces, one=one)
    if not pieces or (len(pieces) == 1 and pieces[0][1] in ("count", "number") and not one):
        return UnitReading((), per)
    terms: list[Term] = []
    for index, (joint, word, power) in enumerate(pieces):
        first = index == 0 and joint == ""
        signed = -power if joint == "/" else power
        if word in COMPOUNDS:  # "Mbps": megabit/second
            terms += (Term(word, name, PHYSICAL_UNIT, signed * p) for name, p in COMPOUNDS[word])
            continue
        term = _term(word, signed, form, first=first)
        if isinstance(term, Refusal):
            return term
        terms.append(term)
    return _shape(tuple(terms), pieces, per)


def _rate_period(pieces: list[tuple[str, str, int]], *, one: bool) -> str | None:
    """The period a rate counts over, taken out of *pieces*: the last word under a
    "/" that names a period, wherever it stands (``USD/month/user`` is
    ``USD/user/month``), but never the first word of the unit."""
    for index in range(len(pieces) - 1, 0 if not one else -1, -1):
        joint, word, power = pieces[index]
        period = period_of(word)
        if joint == "/" and power == 1 and period is not None:
            del pieces[index]
            return period
    return None


def _shape(
    terms: tuple[Term, ...], pieces: list[tuple[str, str, int]], per: str | None
) -> UnitReading | Refusal:
    """*terms* as a unit, if they combine as okrkit reads units."""
    for term in terms:
        if not 1 <= abs(term.power) <= MAX_POWER:
            return Refusal(
                _A_UNIT,
                f"a power is 1 to {MAX_POWER} or -1 to -{MAX_POWER}, like m^2",
                hint_es=f"una potencia va de 1 a {MAX_POWER} o de -1 a -{MAX_POWER}, como m^2",
            )
    if all(term.kind == PHYSICAL_UNIT for term in terms):
        return UnitReading(terms, per)
    alone = len(pieces) == 1 and pieces[0][2] == 1 and pieces[0][0] == ""
    over_one = (
        len(pieces) == 2
        and (pieces[0][0], pieces[1][0], pieces[1][2]) == ("", "/", 1)
        and all(abs(term.power) == 1 for term in terms if term.kind != PHYSICAL_UNIT)
    )
    if alone or over_one:
        return UnitReading(terms, per)
    return Refusal(_A_UNIT, _ALONE, hint_es=_ALONE_ES)


def _term(word: str, power: int, form: str, *, first: bool) -> Term | Refusal:
    if word in MULTIPLIERS or word.lower() in _MULTIPLIER_WORDS:
        return _multiplier(word, form, first=first)
    refused = _REFUSED_WORDS.get(word) or _REFUSED_WORDS.get(word.lower())
    if refused is not None:
        return refused
    if word in CURRENCY_CODES or (word.upper() in _LOWERCASE_CURRENCIES and len(word) == 3):
        return Term(word, word.upper(), CURRENCY, power)
    miscased = case_refusal(word)
    if miscased is not None:
        return miscased
    if len(word) == 3 and word.isascii() and word.isalpha() and word.isupper():
        return Term(word, word, OPEN, power)  # a noun like NPS, never read as an alias
    for spelling in dict.fromkeys((word, _folded(word), word.lower() if len(word) > 3 else word)):
        known = _known(spelling, power)
        if known is not None:
            return known._replace(word=word)
    if len(word) == 1:
        return Refusal(
            _A_UNIT,
            f"name what you count with a word, like {word}_count",
            hint_es=f"nombra lo que cuentas con una palabra, como {word}_count",
        )
    noun = singular(_folded(word) if word[1:].islower() else word)
    kind = _kind_of(noun)
    if kind in (NOUN, CURRENCY):
        return Term(word, noun, kind, power)
    prefixed = _prefixed(word, form, first=first)
    if prefixed is not None:
        return prefixed
    if "quarter" in (word.lower(), noun.lower()):
        return Refusal(
            _A_UNIT,
            "a quarter is a period, not a unit: write 3 month, or a rate like call/quarter",
            hint_es="un trimestre es un periodo, no una unidad: escribe 3 mes, o una tasa "
            "como llamada/trimestre",
        )
    if word.lower() in _OPERATOR_WORDS:
        return Refusal(
            _A_UNIT,
            "write a rate with /, like call/week",
            hint_es="escribe una tasa con /, como llamada/semana",
        )
    if not word.isidentifier() or word.lower() in ("dimensionless", "nan"):  # pint's own words
        return Refusal(
            _A_UNIT,
            f"{word!r} cannot be the name of a unit",
            hint_es=f"{word!r} no puede ser el nombre de una unidad",
        )
    return Term(word, noun, OPEN, power)


def _known(word: str, power: int) -> Term | None:
    """*word* as okrkit's tables name it, or ``None`` when they do not."""
    name = ALIASES.get(word, word)
    kind = _kind_of(name)
    if kind is None and word in PHYSICAL:
        name, kind = PHYSICAL[word], PHYSICAL_UNIT
    if kind is None:
        return None
    return Term(word, name, kind, power)


def _kind_of(name: str) -> str | None:
    if name == "percent":
        return PERCENT
    if name == "percentage_point":
        return POINTS
    if name in CURRENCY_CODES:
        return CURRENCY
    if name in _PHYSICAL_NAMES:
        return PHYSICAL_UNIT
    if name in COUNTED_NOUNS:
        return NOUN
    return None


def _multiplier(word: str, form: str, *, first: bool) -> Refusal:
    factor = MULTIPLIERS.get(word, MULTIPLIERS.get(word.lower()))
    if factor is None:
        return Refusal(
            _A_UNIT,
            f"write the whole number: {word} is a thousand in Spanish, a million in English",
            hint_es=f"escribe el número entero: {word} es mil en español y un millón en inglés",
        )
    rest = form[len(word) :].strip()
    for joint in ("de ", "of "):  # "5 millones de USD"
        rest = rest.removeprefix(joint)
    scales = first and not rest.startswith(("/", "*"))  # it multiplies the number
    return Refusal(_A_UNIT, _WHOLE, (factor, rest) if scales else None, _WHOLE_ES)


def _prefixed(word: str, form: str, *, first: bool) -> Refusal | None:
    """A count or a currency with a multiplier glued on (``Mlead``, ``kUSD``)."""
    for prefix, factor in _MAGNITUDES.items():
        rest = word[len(prefix) :]
        if not word.startswith(prefix) or not rest:
            continue
        base = rest if rest in CURRENCY_CODES else singular(rest)
        if _kind_of(base) in (NOUN, CURRENCY):
            whole = (factor, form.replace(word, rest, 1)) if first else None
            return Refusal(
                _A_UNIT,
                f"a count or a currency takes no prefix: {_WHOLE}",
                whole,
                f"un recuento o una moneda no lleva prefijo: {_WHOLE_ES}",
            )
    return None
