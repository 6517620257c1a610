"""Numbers as a plan file or a configuration file writes them.

Every format's reader keeps the text of a number that may be refused where it is
read (YAML keeps all of them, JSON and TOML those that read as 0, below a float's
full precision, or two ways), so that plans and ``[tool.okrkit]`` judge numbers
by one set of rules: :func:`bare_number_refusal`.
"""

from __future__ import annotations

import re

from okrkit._amount import SMALLEST_FLOAT, two_ways_refusal, underflow_refusal
from okrkit._unit_words import Refusal
from okrkit.exceptions import EXCERPT, excerpt


__all__ = ["Number", "Whole", "bare_number_refusal", "json_float", "kept", "toml_float"]


class Number(float):
    """A plain scalar that reads as a number, keeping its source text (``1.10``)."""

    source: str


class Whole(int):
    """A plain scalar that reads as a whole number, keeping its source text."""

    source: str

    @classmethod
    def written(cls, value: int, source: str) -> Whole:
        """*value*, written as *source* (``0x1``, ``+1``)."""
        whole = cls(value)
        whole.source = source
        return whole


def kept(value: float, text: str) -> Number:
    """*value*, keeping the *text* it was written as, to be judged where it is read."""
    number = Number(value)
    number.source = text
    return number


def json_float(text: str) -> float:
    """A JSON float; one that reads as 0 or below a float's full precision keeps its
    text, so that ``1e-400`` and ``2.5e-324`` are refused where they are read."""
    value = float(text)
    return kept(value, text) if abs(value) < SMALLEST_FLOAT else value


def toml_float(text: str) -> float:
    """A TOML float; one that reads two ways (``40.000``), as 0 or below a float's
    full precision keeps its text, to be refused where it is read."""
    value = float(text)
    if abs(value) < SMALLEST_FLOAT or two_ways_refusal(text):
        return kept(value, text)
    return value


_OTHER_BASE = r"[+-]?0[xXoObB]"
_LEADING_ZERO = r"[+-]?0[0-9]"


def bare_number_refusal(value: object) -> Refusal | None:
    """Why a number written bare in a file is not read as one, or ``None``: in
    hex or octal (``0x10``, ``0o17``) or with a leading zero (``0010``, which YAML
    1.1 tools read as 8), one to three digits, a point and three digits in YAML or
    TOML (``40.000``: forty thousand to a Spanish reader), or so close to 0 that a
    float reads it as 0 or as another number (``1e-400``, ``2.5e-324``)."""
    if not isinstance(value, (Number, Whole)):
        return None
    source = value.source
    two_ways = two_ways_refusal(source)
    if two_ways is not None:
        return two_ways
    if re.match(_OTHER_BASE, source):
        decimal = int(value)
        return Refusal(
            "a number in decimal",
            f"write the number in decimal: {decimal}",
            hint_es=f"escribe el número en decimal: {decimal}",
        )
    if re.match(_LEADING_ZERO, source):
        return _leading_zero_refusal(source)
    return underflow_refusal(source, value)


def _leading_zero_refusal(source: str) -> Refusal:
    sign = source[0] if source[0] in "+-" else ""
    digits = source.lstrip("+-")
    short = digits.lstrip("0")
    written = excerpt(sign + ("0" + short if not short or not short[0].isdigit() else short))
    expected = "a number without a leading zero"
    octal = (
        len(digits) <= EXCERPT
        and digits.isdigit()
        and set(digits) <= set("01234567")
        and int(digits, 8) > 7
    )
    if not octal:
        return Refusal(expected, f"write {written}", hint_es=f"escribe {written}")
    read = f"{sign}{int(digits, 8)}"
    return Refusal(
        expected,
        f"write {written}: a YAML 1.1 tool reads {source} as {read}",
        hint_es=f"escribe {written}: una herramienta de YAML 1.1 lee {source} como {read}",
    )
