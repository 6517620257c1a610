"""Tokens with their place in the text, and numbers read the way each language writes them."""

from __future__ import annotations

import math
import re

from okrkit._text._words import Words, fold


__all__ = ["Token", "parse_number", "tokenize"]

MAX_CHARS = 2000
"""Statements longer than this are read from their first 2,000 characters."""

_TOKEN = re.compile(
    r"(?P<date>\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{2,4})"
    r"|(?P<time>\d{1,2}:\d{2}(?::\d{2})?)"
    r"|(?P<code>0[xXoObB][0-9A-Fa-f]+\w*|\d[\d.,]*_\d[\d_]*(?:[.,]\d+)*)"
    r"|(?P<sci>(?:\d+(?:[.,]\d+)*|[.,]\d+)[eE](?:[+\-]?\d+|−\d+))"
    r"|(?P<alnum>[^\W\d_]+\d\w*)"
    r"|(?P<number>\d{1,3}(?:[.,]\d{3})+(?:[.,]\d+)?(?!\d)"
    r"|\d{1,3}(?:[ \u00a0]\d{3}|\u202f\d{3})+(?![\d.,]\d)|\d+(?:[.,]\d+)?|[.,]\d+)"
    r"|(?P<word>[^\W\d_]+(?:['-][^\W\d_]+|’[^\W\d_]+)*)"
    r"|(?P<symbol>US\$|R\$|-->|->|>=|<=|=>|=<|→|[$£¥%/+~<>°=\-]|[≥≤]|[−–]|€)"
    r"|(?P<punct>[,;:.()¿?¡!\"«»])|(?P<quote>[“”])",
    re.UNICODE,
)
r"""No set of characters here holds one past U+00FF unless all it holds are in at
most two runs (``[−–]``): re compiles any other set into a table of all 65,536
characters, about 2 million instructions for each set in every process that reads
a statement. re merges alternatives into one set when every one is a single
character or set, so a wider set is split into alternatives that are not
(``['-][^\W\d_]+|’[^\W\d_]+``), or into groups of their own (``quote``)."""
_KINDS = {"sci": "number", "quote": "punct"}
"""Groups of the pattern that are kinds of token like any other: ``1.5e3`` is a
number, read whole; a curly quote is punctuation."""


class Token:
    """A piece of the text: a word, a number, a symbol or punctuation."""

    __slots__ = ("end", "folded", "glued", "kind", "start", "text")

    def __init__(self, kind: str, text: str, start: int, end: int, glued: bool) -> None:
        self.kind = kind
        self.text = text
        self.start = start
        self.end = end
        self.glued = glued  # written right after the previous token, without a space
        self.folded = fold(text) if kind in ("word", "alnum") else text

    def __repr__(self) -> str:
        return f"Token({self.kind}, {self.text!r})"


def tokenize(text: str) -> list[Token]:
    """The tokens of *text* (its first :data:`MAX_CHARS` characters)."""
    tokens: list[Token] = []
    previous_end = -1
    for match in _TOKEN.finditer(text, 0, MAX_CHARS):
        kind = match.lastgroup or "punct"
        kind = _KINDS.get(kind, kind)
        start, end = match.span()
        tokens.append(Token(kind, match.group(0), start, end, start == previous_end))
        previous_end = end
    return tokens


def parse_number(raw: str, decimal_mark: str) -> tuple[float, bool]:
    """The value of digits with separators, and whether the two languages read
    them differently (statements.md, "Numbers as people write them").

    A separator followed by exactly three digits, in a number with no other kind
    of separator ("50,000", "40.000", "1 500"), groups thousands in both
    languages; followed by one, two or more than three digits it is the decimal
    mark ("4,5", "3.2"). When both kinds appear, the last one is the decimal mark.
    The number is ambiguous when *decimal_mark*, the language's, is the one that
    grouped thousands ("1.500" in English, "1,500" in Spanish).

    A power of ten ("1.5e3", "1,5e3", "4E-2") scales the digits before it, whose
    one separator is the decimal mark ("1.000e3" is 1000). The value is read whole
    or not at all: past the largest float it is infinite, and too small for a
    float to hold (``1e-400``, not zero) it is NaN.
    """
    mantissa, mark, power = raw.replace("E", "e").partition("e")
    if not mark:
        digits, ambiguous = _plain(mantissa, decimal_mark)
        return float(digits), ambiguous
    # before a power of ten, one separator is the decimal mark: "1.000E+00", "1,5e3"
    separators = mantissa.count(".") + mantissa.count(",")
    digits, ambiguous = (
        (mantissa.replace(",", "."), False) if separators == 1 else _plain(mantissa, decimal_mark)
    )
    value = float(f"{digits}e{power.replace('−', '-')}")
    if value == 0 and float(digits) != 0:
        return math.nan, ambiguous  # it underflows: zero would be another number
    return value, ambiguous


def _plain(raw: str, decimal_mark: str) -> tuple[str, bool]:
    """*raw* as Python writes a number ("1500", "4.5"), and whether it is ambiguous."""
    raw = raw.replace("\u00a0", " ").replace("\u202f", " ")
    if " " in raw:
        return raw.replace(" ", ""), False
    if raw[0] in ".,":
        raw = "0" + raw
    has_dot, has_comma = "." in raw, "," in raw
    if has_dot and has_comma:
        decimal = "." if raw.rfind(".") > raw.rfind(",") else ","
        thousands = "," if decimal == "." else "."
        return raw.replace(thousands, "").replace(decimal, "."), False
    separator = "." if has_dot else "," if has_comma else ""
    if not separator:
        return raw, False
    parts = raw.split(separator)
    if len(parts) > 2:
        return raw.replace(separator, ""), False
    if len(parts[-1]) == 3 and parts[0].strip("0"):
        return raw.replace(separator, ""), separator == decimal_mark
    return raw.replace(separator, "."), False


def spelled_number(words: Words, folded: list[str], start: int) -> tuple[float, int] | None:
    """A number written in words at ``folded[start]`` ("ciento setenta", "twenty-five"):
    its value and how many tokens it takes."""
    numbers = words.numbers
    scales = words.scales
    joiners = words.joiners
    article_numbers = words.article_numbers
    first = folded[start] if start < len(folded) else ""
    if first not in numbers and first not in article_numbers and "-" not in first:
        return None  # the common case: not a number word at all
    total = 0.0
    current = 0.0
    used = 0
    seen_number = False
    index = start
    while index < len(folded):
        word = folded[index]
        parts = word.split("-") if "-" in word else [word]
        if all(p in numbers for p in parts):
            current += sum(numbers[p] for p in parts)
            seen_number = True
        elif (
            word in article_numbers
            and index + 1 < len(folded)
            and (folded[index + 1] in scales or words.word("single_count_nouns", folded[index + 1]))
        ):  # "un millón", "una vez"
            current += 1
            seen_number = True
        elif word in scales and seen_number:
            scale = scales[word]
            if scale == 100:
                current = max(current, 1) * scale
            else:
                total += max(current, 1) * scale
                current = 0
        elif (
            word in joiners
            and seen_number
            and index + 1 < len(folded)
            and (folded[index + 1] in numbers)
        ):
            pass
        else:
            break
        index += 1
        used = index - start
    if not seen_number or used == 0:
        return None
    return total + current, used
