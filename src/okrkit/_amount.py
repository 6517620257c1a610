"""Amounts: a number and the unit it was written in.

The model keeps units as text ("35 day", "2600000 USD", "20 call/week") so that
a plan can be built, compared and written without loading pint. The units layer
reads the text when a key result is resolved for checking or scoring.

Quantity text is read here and nowhere else (the DSL, plan files and check-ins
all call :meth:`Amount.parse`), by the syntax of file-format.md: NUMBER UNIT, or
a bare NUMBER. Anything else is refused with how to write it, never half read.
"""

from __future__ import annotations

import math
import re
import sys
import unicodedata
from collections.abc import Callable

import attrs

from okrkit._fields import number
from okrkit._unit_words import MULTIPLE_HINT, MULTIPLIERS, NAME, Refusal, read_unit
from okrkit.exceptions import InvalidTypeError, InvalidValueError, excerpt


__all__ = [
    "MAX_UNIT_CHARS",
    "Amount",
    "Refusal",
    "amount_for_people",
    "format_number",
    "number_for_people",
    "percent_for_people",
    "plain_number",
    "score_for_people",
    "trusted_amount",
    "two_ways_refusal",
    "underflow_refusal",
    "unit_for_people",
    "unit_form",
    "unit_refusal",
    "unit_symbol",
    "unit_text",
    "written_for",
]

MAX_UNIT_CHARS = 64
"""The longest unit text an amount holds (``"call/week"``, ``"percentage_point"``)."""

_QUANTITY = 'a quantity like "26 day"'
_A_UNIT = "a unit like day, USD, % or call/week"

# NUMBER: ASCII digits with an optional sign, decimal point and exponent: the
# numbers a YAML 1.2 plain scalar reads as a float ("+5", ".5" and "5." included).
_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
# UNIT: names (a letter, then letters, digits and _; "°C"), "%" or "€", each with an
# optional power ("m^2", "second ** 2"), joined by spaces, "/", "*" or "·"; "1/s".
_TERM = rf"{NAME}(?: ?(?:\^|\*\*) ?-?[0-9]+)?"
_UNIT = re.compile(rf"(?:1 ?/ ?)?{_TERM}(?:(?: ?[/*·] ?| ){_TERM})*")
_UNIT_CHARACTER = r"[\w°%€ /*^·]"
_GLUED = frozenset("%€°")
"""What may follow a number without a space: "75%", "5€", "21°C"."""
_SPACES = r"\s+"
_CURRENCY_SIGNS = {
    "$": None, "US$": "USD", "R$": "BRL", "£": "GBP", "¥": "JPY", "€": "EUR", "₹": "INR",
    "S/": "PEN", "S/.": "PEN",
}  # fmt: skip
"""Currency signs and the ISO code each stands for (``$`` stands for many)."""


def format_number(value: float) -> str:
    """The shortest text that reads back as the same float (``35`` for 35.0)."""
    value = float(value)
    if value.is_integer() and abs(value) < 1e16:
        return str(int(value))
    return repr(value)


# 1 to 3 digits, a point, 3 digits: thousands to a Spanish reader, a decimal to an
# English one ("30.000", "1.500"). Quantity text refuses it; okrkit never writes it.
_THOUSANDS_OR_DECIMAL = re.compile(r"[+-]?[1-9][0-9]{0,2}\.[0-9]{3}")


def _unambiguous(number: str) -> str:
    """*number* written so that it reads one way: ``2.125`` as ``2.1250``."""
    return number + "0" if _THOUSANDS_OR_DECIMAL.fullmatch(number) else number


def _both_readings(number: str) -> tuple[str, str]:
    """``30.000`` read as thousands (``30000``) and as a decimal (``30.0``)."""
    whole, _, fraction = number.partition(".")
    fraction = fraction.rstrip("0") or "0"
    return whole + number[-3:], _unambiguous(f"{whole}.{fraction}")


def _two_ways_refusal(number: str, unit: str = "") -> Refusal:
    """Why ``30.000`` is refused, with how to write each way it reads."""
    thousands, decimal = _both_readings(number)
    unit = f" {excerpt(unit)}" if unit else ""
    return Refusal(
        _QUANTITY,
        f"write {thousands}{unit} if the point groups thousands, "
        f"or {decimal}{unit} if it is a decimal point",
        hint_es=f"escribe {thousands}{unit} si el punto agrupa miles, "
        f"o {decimal}{unit} si es un punto decimal",
    )


def two_ways_refusal(number: str) -> Refusal | None:
    """Why a bare number written ``30.000`` (thirty thousand to a Spanish reader,
    thirty to an English one) is refused, or ``None`` for any other number."""
    if _THOUSANDS_OR_DECIMAL.fullmatch(number):
        return _two_ways_refusal(number)
    return None


SMALLEST_FLOAT = sys.float_info.min
"""The smallest number a float holds at full precision; below it (a subnormal), a
float may read what is written as another number (``2.5e-324`` as ``5e-324``)."""


def underflow_refusal(text: str, value: float) -> Refusal | None:
    """Why number *text*, which a float reads as *value*, is refused: it is not 0
    but reads as 0 (``1.5e-400``), or it is so close to 0 that a float reads it as
    another number (``2.5e-324`` as ``5e-324``); ``5e-324`` itself reads as written."""
    if abs(value) >= SMALLEST_FLOAT:
        return None
    if value == 0 and not any(digit in text for digit in "123456789"):
        return None  # a zero, as written (0, 0.0, -0e3): no digit of it is lost
    from decimal import Decimal  # noqa: PLC0415 - only numbers near 0 get here

    read = format_number(value)
    try:
        as_written = Decimal(text) == Decimal(read)
    except ArithmeticError:  # text Decimal does not read: not a number written alone
        return None
    if as_written:
        return None
    shown = excerpt(text)
    return Refusal(
        "a number a float can hold",
        f"{shown} is so close to 0 that it would read as {read}",
        hint_es=f"{shown} está tan cerca de 0 que se leería como {read}",
    )


class _WrittenFloat(float):
    """A float that YAML and TOML writers write so that it reads one way: ``2.1250``
    (JSON's encoder writes it as the float it is)."""

    def __repr__(self) -> str:
        return _unambiguous(format_number(self))

    __str__ = __repr__


def plain_number(value: float) -> float | int:
    """*value* as JSON, YAML and TOML should write it: ``35`` for 35.0, floats
    otherwise, ``2.1250`` for 2.125 (which a plan written ``2.125`` refuses: it reads
    as thousands to a Spanish reader)."""
    if value.is_integer() and abs(value) < 1e15:
        return int(value)
    if _THOUSANDS_OR_DECIMAL.fullmatch(format_number(value)):
        return _WrittenFloat(value)
    return value


def _amount_value(value: object) -> float:
    return number("Amount.value", value)


def unit_refusal(unit: str) -> Refusal | None:
    """Why *unit* (stripped, its spaces single) is no unit text, or None if it is one.

    Every unit is checked so before pint reads it: pint's parser takes time that
    grows with the square of the text's length.
    """
    if len(unit) > MAX_UNIT_CHARS:
        return Refusal(
            f"a unit of at most {MAX_UNIT_CHARS} characters, like day, USD or call/week",
            f"this one has {len(unit):,}",
            hint_es=f"esta tiene {len(unit):,}",
        )
    if _UNIT.fullmatch(unit):
        read = read_unit(unit)
        return read if isinstance(read, Refusal) else None
    if unit in _CURRENCY_SIGNS:
        code = _CURRENCY_SIGNS[unit] or "USD"
        return Refusal(
            _A_UNIT,
            f"write the currency's ISO code, like {code}",
            hint_es=f"escribe el código ISO de la moneda, como {code}",
        )
    if unit[0].isdigit():
        return Refusal(
            _A_UNIT, "a unit starts with a letter", hint_es="una unidad empieza por una letra"
        )
    for char in unit:
        if "\ud800" <= char <= "\udfff":
            return Refusal(
                _A_UNIT,
                f"{char!a} is a lone surrogate, no character",
                hint_es=f"{char!a} es un sustituto suelto, no un carácter",
            )
        if not re.match(_UNIT_CHARACTER, char):
            shown = repr(char)[1:-1]
            return Refusal(
                _A_UNIT,
                f'"{shown}" cannot be part of a unit',
                hint_es=f'"{shown}" no puede formar parte de una unidad',
            )
    return Refusal(
        _A_UNIT,
        'a unit is names joined by spaces, "/" or "*", like call/week',
        hint_es='una unidad son nombres unidos por espacios, "/" o "*", como llamada/semana',
    )


_UNIT_FORMS: dict[str, str] = {}
"""Unit texts already checked, and the form kept (plans repeat a few units)."""


def unit_form(text: str) -> str | Refusal | None:
    """*text* as an amount keeps its unit (stripped, spaces single, ``%`` as percent),
    ``None`` for no unit, or why it is none."""
    known = _UNIT_FORMS.get(text)
    if known is not None:
        return known
    form = _checked_unit(text)
    if isinstance(form, str) and len(_UNIT_FORMS) < 4096:
        _UNIT_FORMS[text] = form
    return form


def _checked_unit(text: str) -> str | Refusal | None:
    unit = text.strip()
    if not unit.isascii() or not unit.isprintable() or "  " in unit:
        unit = unicodedata.normalize("NFC", re.sub(_SPACES, " ", unit))
    if not unit:
        return None
    refused = unit_refusal(unit)
    if refused is not None:
        return refused
    return "percent" if unit == "%" else unit


def unit_text(field: str, value: object) -> str | None:
    """*value* as the unit text of an amount, or an error naming *field* and the fix."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise InvalidTypeError(field, value, "unit text like 'day' or 'USD'")
    unit = unit_form(value)
    if isinstance(unit, Refusal):
        raise InvalidValueError(field, value, unit.expected, hint=unit.hint, hint_es=unit.hint_es)
    return unit


def _unit(value: object) -> str | None:
    return unit_text("Amount.unit", value)


def _read(written: str) -> Refusal | tuple[float, str | None]:
    """The number and unit of stripped quantity text, or why it is no quantity."""
    match = _NUMBER.match(written)
    if match is None:
        return Refusal(_QUANTITY)
    rest = written[match.end() :]
    if rest and not rest[0].isspace() and rest[0] not in _GLUED:
        return Refusal(_QUANTITY)
    written_number = match.group()
    if _THOUSANDS_OR_DECIMAL.fullmatch(written_number):
        return _two_ways_refusal(written_number, rest.strip())
    number = float(written_number)
    if not math.isfinite(number):
        return Refusal("a finite number")
    too_small = underflow_refusal(written_number, number)
    if too_small is not None:
        return too_small
    unit = unit_form(rest)
    if isinstance(unit, Refusal):
        return unit
    return number, unit


# How people write numbers that a quantity does not read, and how to write them.
# Only a refused quantity meets these: they are texts, compiled (and kept) by re
# on the first refusal, which a plan with none never pays for.
_GROUP = "[' _\u00a0\u202f]"  # between groups of three digits, with "," or "."
_GROUPED_COMMA = rf"[+-]?[0-9]{{1,3}}([.]|{_GROUP})[0-9]{{3}}(?:\1[0-9]{{3}})*,[0-9]+"
_GROUPED = rf"[+-]?[0-9]{{1,3}}([,]|{_GROUP})[0-9]{{3}}(?:\1[0-9]{{3}})*(?:\.[0-9]+)?"
_GROUPED_DOTS = r"[+-]?[0-9]{1,3}(?:\.[0-9]{3}){2,}"
_DECIMAL_COMMA = r"[+-]?[0-9]+,[0-9]+"
_UNDERSCORES = r"[+-]?[0-9]+(?:_[0-9]+)+(?:\.[0-9]+)?"
_OTHER_BASE = r"[+-]?0[xXoObB][0-9a-fA-F_]+"
_TIME = r"[0-9]{1,2}:[0-9]{2}"
_MULTIPLIED = r"([+-]?[0-9.]+)(k|K|M|MM|B|bn|mn)(?:\s|$)"
_UNIT_FIRST = r"(US\$|R\$|S/\.?|[$£¥€₹]|[A-Z]{3})\s*([+-]?[0-9]+(?:\.[0-9]+)?)"
_ANY_DIGIT = r"[+-]?\d"


def _decimal(match: re.Match[str]) -> str | None:
    """``0x10`` in decimal (``16``), when it is short enough to be a number people mean."""
    number = match.group()
    digits = number.lstrip("+-").replace("_", "")
    if len(digits) > 18:
        return None
    try:
        return ("-" if number.startswith("-") else "") + str(int(digits, 0))
    except ValueError:
        return None


_FIXES: tuple[tuple[str, Callable[[re.Match[str]], str | None]], ...] = (
    (_GROUPED_COMMA, lambda m: m.group().replace(m.group(1), "").replace(",", ".")),
    (_GROUPED, lambda m: m.group().replace(m.group(1), "")),
    (_GROUPED_DOTS, lambda m: m.group().replace(".", "")),
    (_UNDERSCORES, lambda m: m.group().replace("_", "")),
    (_DECIMAL_COMMA, lambda m: m.group().replace(",", ".")),
    (_OTHER_BASE, _decimal),
)


Hint = tuple[str, str]
"""How to write something, in English and in Spanish."""


def _number_fix(written: str) -> Hint | None:
    """How to write the number *written* starts with, if it is written one known way."""
    for pattern, fix in _FIXES:
        match = re.match(pattern, written)
        rest = written[match.end() :] if match else ""
        if match is None or (rest and not rest[0].isspace() and rest[0] not in _GLUED):
            continue  # the number goes on past what the pattern saw
        number = fix(match)
        candidate = f"{number} {rest.strip()}".strip()
        fits = number is not None and not isinstance(_read(candidate), Refusal)
        candidate, number = excerpt(candidate), excerpt(str(number))
        if pattern is _OTHER_BASE:
            told = f": {candidate}" if fits else ""
            return f"write the number in decimal{told}", f"escribe el número en decimal{told}"
        if fits:
            return f"write {candidate}", f"escribe {candidate}"
        return f"write the number as {number}", f"escribe el número como {number}"
    return None


def _whole_hint(number: str, factor: int | None, unit: str) -> Hint:
    """How to write *number* times *factor* (``1.2`` M) as the whole number it is."""
    from decimal import Decimal  # noqa: PLC0415 - only a refusal's hint needs it

    try:
        value = Decimal(number) * (factor or 0)
    except ArithmeticError:  # not a number Decimal reads ("1.2.3")
        factor = None
    if not factor:
        return (
            "write the whole number, without a multiplier like k, M or mil",
            "escribe el número entero, sin un multiplicador como k, M o mil",
        )
    written = format(value.normalize(), "f") if abs(value) < _LARGE else format_number(float(value))
    whole = excerpt(f"{_unambiguous(written)} {unit.strip()}".rstrip())
    return f"write the whole number: {whole}", f"escribe el número entero: {whole}"


# Signs and words people put around a number that a quantity says elsewhere.
_SIGN_AFTER = r"([+-]?[0-9][0-9.,]*)\s*(US\$|R\$|S/\.?|[$£¥€₹])"
_BOUND = r"([+-]?[0-9][0-9.,]*)\s*\+(?:\s+(.*))?|(?:>=?|≥)\s*([0-9][0-9.,]*)(?:\s+(.*))?"
_MULTIPLE = r"[0-9][0-9.,]*\s*[x×X](?![^\W\d_])|[x×]\s*[0-9][0-9.,]*"


def _currency_hint(sign: str, number: str) -> Hint:
    """How to write *number* in the currency *sign* stands for (``£`` is GBP)."""
    code = _CURRENCY_SIGNS.get(sign, sign)
    number = excerpt(number)
    if code is None:
        return (
            f"write {number} and the currency's ISO code, like {number} USD",
            f"escribe {number} y el código ISO de la moneda, como {number} USD",
        )
    return f"write {number} {code}", f"escribe {number} {code}"


def _bound_hint(number: str, unit: str | None) -> Hint:
    """How to say "at least *number*" (``50+``): the bound is the key result's direction."""
    amount = excerpt(f"{number} {unit}".strip() if unit else number)
    return (
        f"a bound belongs in the direction: write {amount} with direction: at_least",
        f"un límite va en la dirección: escribe {amount} con direction: at_least",
    )


def _quantity_hint(written: str) -> Hint | None:
    """How to write *written* (stripped text refused as a quantity), when that is clear."""
    fix = _number_fix(written)
    if fix is not None:
        return fix
    if re.match(_TIME, written):
        return (
            'a quantity is one number and a unit, like "90 minute", not a time',
            'una cantidad es un número y una unidad, como "90 minute", no una hora',
        )
    multiplied = re.match(_MULTIPLIED, written)
    if multiplied is not None:
        number, multiplier = multiplied.groups()
        return _whole_hint(number, MULTIPLIERS[multiplier], written[multiplied.end() :])
    first = re.fullmatch(_UNIT_FIRST, written)
    if first is not None:
        return _currency_hint(*first.groups())
    after = re.fullmatch(_SIGN_AFTER, written)
    if after is not None:
        return _currency_hint(after.group(2), after.group(1))
    bound = re.fullmatch(_BOUND, written)
    if bound is not None:
        number, unit, at_least, unit_after = bound.groups()
        return _bound_hint(number or at_least, unit or unit_after)
    if re.fullmatch(_MULTIPLE, written) or re.match(_MULTIPLE, written):
        return MULTIPLE_HINT
    number = _NUMBER.match(written)
    if number is None and re.match(_ANY_DIGIT, written):
        return "write the number with the digits 0 to 9", "escribe el número con los dígitos 0 a 9"
    if number is not None and written[number.end() : number.end() + 1].isalpha():
        return (
            'write the number, a space, then the unit, like "26 day"',
            'escribe el número, un espacio y la unidad, como "26 day"',
        )
    return None


@attrs.frozen(repr=False)
class Amount:
    """A number in a unit, as written: ``Amount(35, "day")``.

    A unit of ``None`` means none was written: the number is read in the unit
    of the key result it belongs to.
    """

    value: float = attrs.field(converter=_amount_value)
    unit: str | None = attrs.field(default=None, converter=_unit)

    @classmethod
    def parse(cls, text: str, *, field: str = "amount") -> Amount:
        """Read ``"35 day"``, ``"75%"``, ``"2600000 USD"`` or a bare ``"12"``.

        The text is NUMBER UNIT and nothing else: ``"5,000 USD"``, ``"12:30"`` or
        ``"0x10 lead"`` are refused with how to write them, never half read.
        """
        if not isinstance(text, str):
            raise InvalidTypeError(field, text, _QUANTITY)
        written = text.strip()
        read = _read(written)
        if isinstance(read, Refusal):
            hint = _quantity_hint(written)
            if hint is not None:
                raise InvalidValueError(field, text, _QUANTITY, hint=hint[0], hint_es=hint[1])
            # nothing wrong with how the number is written: say what is wrong past it
            number = _NUMBER.match(written)
            if read.whole is not None and number is not None:
                hint = _whole_hint(number.group(), read.whole[0], read.whole[1])
            en, es = hint or (read.hint, read.hint_es)
            raise InvalidValueError(field, text, read.expected, hint=en, hint_es=es)
        return trusted_amount(*read)

    @classmethod
    def coerce(cls, value: object, *, field: str = "amount") -> Amount:
        """An Amount from an Amount, a number, text, or a pint quantity."""
        if isinstance(value, Amount):
            return value
        if isinstance(value, str):
            return cls.parse(value, field=field)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return cls(number(field, value))
        magnitude = getattr(value, "magnitude", None)
        units = getattr(value, "units", None)
        if magnitude is not None and units is not None:
            unit = str(units)
            return cls(float(magnitude), unit if unit != "dimensionless" else None)
        raise InvalidTypeError(field, value, f"{_QUANTITY}, a number, or an Amount")

    def __str__(self) -> str:
        number = _unambiguous(format_number(self.value))
        if self.unit is None:
            return number
        return f"{number} {self.unit}"

    def __repr__(self) -> str:
        if self.unit is None:
            return f"Amount({format_number(self.value)})"
        return f"Amount({format_number(self.value)}, {self.unit!r})"


_SYMBOLS = {"percent": "%", "percentage_point": "pp"}

# The Spanish words, singular and plural, of the units that Spanish words in a plan
# are read as (``llamadas`` is ``call``): said back in the words a reader wrote.
_UNIT_WORDS_ES = {
    "call": ("llamada", "llamadas"), "meeting": ("reunión", "reuniones"),
    "proposal": ("propuesta", "propuestas"), "customer": ("cliente", "clientes"),
    "account": ("cuenta", "cuentas"), "contract": ("contrato", "contratos"),
    "opportunity": ("oportunidad", "oportunidades"), "deal": ("trato", "tratos"),
    "sale": ("venta", "ventas"), "order": ("pedido", "pedidos"),
    "visit": ("visita", "visitas"), "prospect": ("prospecto", "prospectos"),
    "user": ("usuario", "usuarios"), "day": ("día", "días"), "week": ("semana", "semanas"),
    "month": ("mes", "meses"), "quarter": ("trimestre", "trimestres"),
    "year": ("año", "años"), "hour": ("hora", "horas"), "minute": ("minuto", "minutos"),
    "second": ("segundo", "segundos"), "millisecond": ("milisegundo", "milisegundos"),
    "point": ("punto", "puntos"),
}  # fmt: skip

_LARGE = 1e15
"""From here on a number is said as a power of ten: 1e300 has 301 digits."""


def unit_symbol(unit: str | None) -> str:
    """A unit as people read it next to a number: ``%`` and ``pp`` for percent and
    percentage points, the unit's name otherwise, nothing for a plain number."""
    if unit is None:
        return ""
    return _SYMBOLS.get(unit, unit)


def unit_for_people(unit: str | None, lang: str = "en", *, one: bool = False) -> str:
    """A unit as people read it in *lang* next to a number (*one*: next to 1): in
    Spanish, the Spanish word for a unit read from one (``días``, ``llamadas/semana``);
    ``%`` and ``pp`` in both languages, also in a rate (``%/week``); any other unit
    as written."""
    if unit is None:
        return ""
    counted, slash, per = unit.partition("/")
    if slash and counted and "/" not in per:  # a rate: each side said on its own
        return f"{unit_for_people(counted, lang, one=one)}/{unit_for_people(per, lang, one=True)}"
    words = _UNIT_WORDS_ES.get(unit) if lang == "es" else None
    return unit_symbol(unit) if words is None else words[0 if one else 1]


def written_for(text: str, lang: str) -> str:
    """A number written with English marks (``1,234.5``) in *lang*'s marks
    (``1.234,5``): one decimal mark throughout a view."""
    if lang == "es":
        return text.replace(",", "\u2009").replace(".", ",").replace("\u2009", ".")
    return text


def _power_of_ten(value: float, lang: str) -> str:
    """``2.5 × 10^299``: three significant digits and the power of ten."""
    mantissa, exponent = f"{value:.2e}".split("e")
    mantissa = mantissa.rstrip("0").rstrip(".")
    return f"{written_for(mantissa, lang)} × 10^{int(exponent)}"


def number_for_people(value: float, lang: str = "en", *, decimals: int = 2) -> str:
    """A number for people in the language's habits (``1,234.5``; ``1.234,5`` in
    Spanish): grouped thousands, at most *decimals* decimals, and as a power of ten
    (``1 × 10^300``, ``3 × 10^-7``) when it has 16 digits or more, or when those
    decimals would show a number that is not zero as 0."""
    if not math.isfinite(value):
        return "∞" if value > 0 else "-∞" if value < 0 else "NaN"
    rounded = round(value, decimals) + 0.0  # + 0.0: no "-0"
    if abs(value) >= _LARGE or (rounded == 0 and value != 0):
        return _power_of_ten(value, lang)
    text = f"{rounded:,.{decimals}f}"
    return written_for(text.rstrip("0").rstrip(".") if "." in text else text, lang)


def score_for_people(value: float, lang: str = "en") -> str:
    """A score or a progress with two decimals, in the language's habits: ``0.75``
    in English, ``0,75`` in Spanish; a power of ten from 16 digits on."""
    if abs(value) >= _LARGE or not math.isfinite(value):
        return number_for_people(value, lang)
    return written_for(f"{value + 0.0:,.2f}", lang)


def percent_for_people(probability: float, lang: str = "en") -> str:
    """A probability in whole percent (``73 %``), never rounded to a certainty it is
    not: ``> 99 %`` and ``< 1 %`` short of 1 and 0."""
    if 0.0 < probability < 0.005:
        return "< 1 %"
    if 0.995 <= probability < 1.0:
        return "> 99 %"
    return f"{round(probability * 100)} %"


def amount_for_people(amount: Amount | None, lang: str = "en", *, decimals: int = 2) -> str:
    """An amount for people (``1.234,5 %``, ``35 días``), or a dash when there is none."""
    if amount is None:
        return "—"
    number = number_for_people(amount.value, lang, decimals=decimals)
    return f"{number} {unit_for_people(amount.unit, lang, one=amount.value == 1)}".rstrip()


def trusted_amount(value: float, unit: str | None) -> Amount:
    """An Amount from a finite float and a unit text already in Amount's form (as
    read from another Amount), without checking them again: for hot loops."""
    made = object.__new__(Amount)
    object.__setattr__(made, "value", value)
    object.__setattr__(made, "unit", unit)
    return made


def optional_amount(name: str, value: object) -> Amount | None:
    """:meth:`Amount.coerce` for the field *name*, keeping ``None``."""
    return None if value is None else Amount.coerce(value, field=name)
