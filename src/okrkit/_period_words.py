"""How a named period is said in English and Spanish.

Every calendar reads a label into a :class:`Name` (a unit, a year, a number) and
says it back with :func:`phrase`, so the wording lives in one place and each
phrase is also a label the calendar reads.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from typing import Literal, NamedTuple

from okrkit.exceptions import InvalidValueError


__all__ = [
    "LANGS",
    "PATTERNS",
    "WEEKDAYS",
    "Name",
    "Pattern",
    "Weekday",
    "check_lang",
    "phrase",
    "span",
    "weekday_number",
]

LANGS = ("en", "es")

Weekday = Literal["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
WEEKDAYS: tuple[Weekday, ...] = (
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
)  # fmt: skip
Pattern = Literal["4-4-5", "4-5-4", "5-4-4"]
PATTERNS: tuple[Pattern, ...] = ("4-4-5", "4-5-4", "5-4-4")
"""How a retail calendar splits each quarter's 13 weeks among its three periods (its
home is here, with the weekdays, so a plan file's keys name them without loading
the retail calendar)."""
_WEEKDAYS_ES = ("lunes", "martes", "miercoles", "jueves", "viernes", "sabado", "domingo")
_DAY_NUMBERS: dict[str, int] = {
    **{day: number for number, day in enumerate(WEEKDAYS)},
    **{day: number for number, day in enumerate(_WEEKDAYS_ES)},
}


def weekday_number(text: str) -> int | None:
    """0 for Monday to 6 for Sunday, from its English or Spanish name in any case,
    with or without accents (``sábado``, ``Saturday``); None for anything else."""
    plain = unicodedata.normalize("NFKD", text.strip().lower())
    return _DAY_NUMBERS.get("".join(c for c in plain if not unicodedata.combining(c)))


_MONTHS_EN = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
_MONTHS_ES = (
    "enero", "febrero", "marzo", "abril", "mayo", "junio",
    "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre",
)  # fmt: skip
# Spanish ordinal abbreviations as the RAE writes them: 1.er, 2.º, 3.er, 4.º.
_ORDINAL_ES = {1: "1.er", 2: "2.º", 3: "3.er", 4: "4.º"}


class Name(NamedTuple):
    """What a label names: a unit, the year it belongs to, its number in that year.

    Units: ``year``, ``half``, ``quarter``, ``month``, ``week`` (Gregorian and
    ISO), ``fiscal_year``, ``fiscal_half``, ``fiscal_quarter``,
    ``retail_period``, ``retail_week`` and ``cycle`` (whose year is unused).
    """

    unit: str
    year: int
    number: int = 1


def check_lang(lang: object) -> str:
    """The language code, or an error naming the two that okrkit speaks."""
    if lang not in LANGS:
        raise InvalidValueError("lang", lang, "en | es")
    return str(lang)


def span(start: dt.date, end: dt.date) -> str:
    """Explicit dates, the same in both languages: ``2026-01-15 – 2026-04-14``."""
    return f"{start.isoformat()} – {end.isoformat()}"


def phrase(name: Name, lang: str) -> str:
    """*name* in words: ``Q1 2026`` or ``1.er trimestre de 2026``."""
    unit, year, number = name
    english = lang == "en"
    if unit == "year":
        return f"{year}"
    if unit in ("half", "quarter"):
        letter = "H" if unit == "half" else "Q"
        word = "semestre" if unit == "half" else "trimestre"
        return f"{letter}{number} {year}" if english else f"{_ORDINAL_ES[number]} {word} de {year}"
    if unit == "month":
        if english:
            return f"{_MONTHS_EN[number - 1]} {year}"
        return f"{_MONTHS_ES[number - 1]} de {year}"
    if unit == "week":
        return f"week {number} of {year}" if english else f"semana {number} de {year}"
    if unit == "fiscal_year":
        return f"FY{year}" if english else f"año fiscal {year}"
    if unit in ("fiscal_half", "fiscal_quarter"):
        letter = "H" if unit == "fiscal_half" else "Q"
        spanish = "S" if unit == "fiscal_half" else "T"
        return (
            f"FY{year} {letter}{number}" if english else f"{spanish}{number} del año fiscal {year}"
        )
    if unit == "retail_period":
        if english:
            return f"retail period {number} of FY{year}"
        return f"periodo {number} del año fiscal {year}"
    if unit == "retail_week":
        if english:
            return f"retail week {number} of FY{year}"
        return f"semana {number} del año fiscal {year}"
    if unit == "cycle":
        return f"cycle {number}" if english else f"ciclo {number}"
    raise InvalidValueError("Name.unit", unit, "a unit a calendar names")
