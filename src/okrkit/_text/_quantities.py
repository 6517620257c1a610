"""Quantities in a statement: a number, its multiplier and its unit, with their place.

``$575 Millones`` → 575000000 USD; ``2,5 millones de euros`` → 2500000 EUR;
``35 días`` → 35 day; ``4 percentage points`` → 4 points; ``170 leads`` → 170
lead (a count); ``31`` → a plain number; ``2:30 min`` → 2.5 minute. Dates, years
and labels such as ``Q3`` or ``p95`` are not quantities.

A figure is read whole or not at all: one the reader cannot read as the number
written (``0x10``, ``1_000``, ``1e400``, ``10 kUSD``, a time of day where an
amount belongs) is kept as an ``unclear`` figure with no value, never as part of
itself ("1" of ``1e5``).
"""

from __future__ import annotations

import math

import attrs

from okrkit._amount import unit_refusal
from okrkit._text._tokens import Token, parse_number, spelled_number
from okrkit._text._words import Words, fold
from okrkit._unit_words import PHYSICAL_UNIT, Refusal, case_refusal, read_unit
from okrkit._units import CURRENCY_CODES


__all__ = ["Quantity", "find_quantities", "lemma"]

PESOS = frozenset({"MXN", "COP", "CLP", "ARS", "UYU", "DOP", "PHP", "CUP"})
CURRENCY_SYMBOLS = {"US$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "R$": "BRL"}
YEAR_RANGE = range(1900, 2101)


@attrs.define
class Quantity:
    """A quantity and where it is: tokens ``start`` to ``end`` (exclusive)."""

    value: float
    unit: str | None
    kind: str  # currency | duration | percent | count | number
    start: int
    end: int
    points: bool = False
    noun_end: int | None = None
    """For counts: the token after the counted noun."""
    noun_start: int | None = None
    """For counts: where the counted noun (its head word) starts."""
    ambiguous: bool = False
    """Its digits read differently in the other language ("1,500", "1.500")."""
    sign: str = ""
    """A sign written before it: "+" or "-" ("(+50%)", "(-20%)")."""
    plus: bool = False
    """A "+" written after it: at least ("20+ demos", "(90%+)")."""
    times: bool = False
    rating: bool = False
    """A rating on a scale ("4.5/5", "4-5 stars"): a plain number, never a count."""
    """A multiple ("3x"): as a change, (3 - 1) × 100 %."""
    name: str = ""
    """Not an amount but part of a name or of the metric: "window" ("30-day
    retention") or "name" ("Fortune 500", "360°", "24/7"); or no amount at all:
    "date" (a time of day) or "unclear" (a figure that cannot be read whole, whose
    value is then NaN, or infinite past the largest float)."""
    why: str = ""
    """Why it is no amount, when that is not because it is part of a name."""


def _unread(start: int, end: int, why: str, value: float = math.nan) -> Quantity:
    """A figure that is kept, but not read: no value, and ``statement-unclear``."""
    return Quantity(value, None, "number", start, end, name="unclear", why=why)


_NOT_DECIMAL = "not a number written in decimal (hex, octal, binary or with underscores)"
_TOO_LARGE = "a number past the largest float"


def _is_year(token: Token, value: float) -> bool:
    """Plain digits of a year ("2026"; not "2,026" nor "2.026e3")."""
    return token.text.isdigit() and int(value) in YEAR_RANGE


def find_quantities(
    tokens: list[Token],
    folded: list[str],
    words: Words,
    lang: str,
    currency: str,
) -> list[Quantity]:
    """Every quantity in the tokens, in order, with the figures that cannot be
    read whole (named ``unclear``)."""
    found: list[Quantity] = []
    index = 0
    while index < len(tokens):
        made = _quantity_at(tokens, folded, words, lang, currency, index)
        if made is None:
            index += 1
            continue
        found.append(made)
        index = max(made.end, index + 1)
    return found


def _currency_code(code: str, currency: str) -> str:
    if code == "$PESO":
        return currency if currency in PESOS else "MXN"
    return code


def _symbol_currency(text: str, currency: str) -> str | None:
    """The currency a symbol stands for: ``$`` is the plan's, ``€`` is EUR…"""
    return currency if text == "$" else CURRENCY_SYMBOLS.get(text)


_SIGNS = {"+": "+", "-": "-", "−": "-", "–": "-"}


def _quantity_at(
    tokens: list[Token], folded: list[str], words: Words, lang: str, currency: str, index: int
) -> Quantity | None:
    named = words.match("name_figures", folded, index)
    if named is not None:  # "24/7", "24x7": a name, not an amount
        return Quantity(0.0, None, "number", index, index + named[0], name="name")
    token = tokens[index]
    start = index
    sign = ""
    if (
        token.kind == "symbol"
        and token.text in _SIGNS
        and index + 1 < len(tokens)
        and tokens[index + 1].glued
        and tokens[index + 1].kind in ("number", "symbol")
        and not (token.glued and index > 0 and tokens[index - 1].kind in ("word", "number"))
    ):
        sign = _SIGNS[token.text]  # "(+50%)", "(-20%)", "-$5k"
        index += 1
        token = tokens[index]
    unit: str | None = None
    kind = "number"
    if (
        token.kind == "word"
        and token.text in CURRENCY_CODES
        and index + 1 < len(tokens)
        and tokens[index + 1].kind == "number"
    ):
        unit, kind = token.text, "currency"  # "USD 5.000", "EUR 500"
        index += 1
        token = tokens[index]
    elif token.kind == "symbol" and (symbol := _symbol_currency(token.text, currency)):
        if index + 1 >= len(tokens) or tokens[index + 1].kind != "number":
            return None
        unit, kind = symbol, "currency"
        index += 1
        token = tokens[index]
    if token.kind == "code":
        return _unread(start, index + 1, _NOT_DECIMAL)  # "0x10", "1_000": never "0" or "1"
    if token.kind == "time":
        return _clock(tokens, folded, words, start, index)
    if token.kind == "number":
        value, ambiguous = parse_number(token.text, words.decimal_mark)
        index += 1
    elif token.kind == "word":
        spelled = spelled_number(words, folded, index)
        if spelled is None:
            return None
        value, used = spelled
        index += used
        ambiguous = False
    else:
        return None
    if math.isnan(value):
        return _unread(start, index, "a number too small for a float to hold, yet not zero")
    if not math.isfinite(value):
        return _unread(start, index, _TOO_LARGE, math.inf)  # no amount a plan can hold
    number_token = token
    if token.kind == "number" and _hyphenated(tokens, start):
        return Quantity(value, None, "number", start, index, name="name")  # "UTF-8", "tier-2"
    if _labelled(tokens, folded, words, start) and token.kind == "number":
        # "version 2.0", "ISO 9001", "Fortune 500", "Day 30": a name, not an amount
        return Quantity(value, None, "number", start, index, name="name")
    attached = _attached(tokens, folded, words, index)
    if attached is not None:  # "30-day retention", "5-star reviews", "360° feedback"
        return Quantity(value, None, "number", start, attached[0], name=attached[1])
    # "12:30", "31 de marzo", "March 31", "2026" are dates and times, not amounts
    if _looks_like_date(tokens, folded, words, start, index, value, number_token):
        return None
    multiplier: float | None = None
    # glued multipliers: 50k, 1.2M, 3MM, 2x
    if index < len(tokens) and tokens[index].glued and tokens[index].kind == "word":
        glued = folded[index]
        factor = words.value("glued_multipliers", [glued])
        if factor is not None:
            value *= float(factor)
            index += 1
        elif words.word("times_words", glued):
            multiplier = value
            index += 1
            if index >= len(tokens) or tokens[index].kind != "word" or not tokens[index].glued:
                return Quantity(value, None, "number", start, index, times=True)  # "3x"
    if index < len(tokens) and words.word("spaced_times_words", folded[index]):
        later = folded[index + 1 : index + 6]
        if any(words.word("current_words", word) for word in later):
            return Quantity(value, None, "number", start, index + 1, times=True)  # "3 veces"
    # spaced multipliers: "3 MM", "2,5 millones", "1.2 million", "mil millones"
    while index < len(tokens) and tokens[index].kind == "word":
        word = folded[index]
        scale = words.scales.get(word)
        if scale is None and (kind == "currency" or _currency_after(tokens, folded, words, index)):
            scale = words.value("spaced_multipliers", [word])
        if scale is None:
            break
        value *= float(scale)
        index += 1
    if not math.isfinite(value):
        return _unread(start, index, _TOO_LARGE, math.inf)  # "1 billion billion …"
    # Spanish writes "575 millones de dólares": skip the "de"
    if (
        index + 1 < len(tokens)
        and words.word("of_words", folded[index])
        and _currency_word(words, folded, index + 1) is not None
        and index > start + 1
    ):
        index += 1
    end = index
    points = False
    noun_start: int | None = None
    noun_end: int | None = None
    rating = band = 0
    if index < len(tokens):
        follow = tokens[index]
        rating = _rating(tokens, folded, words, index) if kind == "number" else 0
        band = _band(tokens, folded, words, start, index) if kind == "number" else 0
        ratio = _ratio(tokens, folded, words, index) if kind == "number" else None
        part = _part(tokens, folded, words, index) if kind == "number" else None
        if ratio is None and part is not None:  # "8 of the 10 accounts": 8 accounts
            unit, kind = part, "count"
        elif ratio is not None:  # "8 de cada 10", "9 out of every 10": a percent
            value, kind, unit, end = value / ratio[0] * 100, "percent", "percent", ratio[1]
            noun = _count_noun(tokens, folded, words, end) if end < len(tokens) else None
            noun_end = noun[2] if noun is not None else None
        elif band:  # "4-5 stars", "entre 4 y 5 estrellas": at least the lower end
            end = index + band
        elif rating:  # "4.5/5", "8 out of 10", "4.6 stars", "4,5 sobre 5": a plain number
            end = index + rating
        elif follow.kind == "symbol" and follow.text == "%":
            kind, unit, end = "percent", "percent", index + 1
            points_len = _match(words, "point_words", folded, end)
            if points_len:
                points, end = True, end + points_len
        elif points_len := _match(words, "point_words", folded, index):
            bare = points_len == 1 and words.word("plain_point_words", folded[index])
            if game := _per_game(tokens, folded, words, index + points_len):
                unit, kind, end = "point", "count", index  # "70 pts/game"
                noun_start, noun_end = index, index + points_len + game
            elif not bare or _percent_context(words, folded, start):
                kind, unit, points, end = "percent", "percentage_point", True, index + points_len
            else:  # NPS points, score points: a plain number
                end = index + 1
        elif percent_len := _match(words, "percent_words", folded, index):
            kind, unit, end = "percent", "percent", index + percent_len
            points_len = _match(words, "point_words", folded, end)
            if points_len:
                points, unit, end = True, "percentage_point", end + points_len
        elif (
            kind != "currency"
            and follow.kind == "symbol"
            and (symbol := _symbol_currency(follow.text, currency))
        ):
            unit, kind, end = symbol, "currency", index + 1  # "5.000 €", "20$"
        elif (code := _currency_word(words, folded, index)) is not None:
            unit, kind, end = _currency_code(code[0], currency), "currency", index + code[1]
        elif follow.kind == "word" and follow.text in CURRENCY_CODES:
            unit, kind, end = follow.text, "currency", index + 1
        elif kind != "currency" and follow.kind == "word" and case_refusal(follow.text):
            return _unread(start, index + 1, _MISCASED)  # "5 Ml", "200 Ms": not ml, ms
        elif kind != "currency" and (duration := words.match("duration_words", folded, index)):
            unit, kind, end = str(duration[1]), "duration", index + duration[0]
        elif kind != "currency":
            if follow.kind == "word" and _prefixed(follow.text):
                return _unread(start, index + 1, _PREFIXED)  # "10 kUSD", "20 Mlead"
            noun = _count_noun(tokens, folded, words, index)
            glued_word = follow.glued and noun is not None and noun[1:] == (index, index + 1)
            if glued_word and words.value("count_nouns", [folded[index]]) is None:
                return Quantity(value, None, "number", start, index + 1, name="name")  # "5xx"
            if noun is not None:
                unit, kind = noun[0], "count"
                noun_start, noun_end = noun[1], noun[2]
    if kind == "number" and (
        _is_year(number_token, value) and number_token.kind == "number" and multiplier is None
    ):
        return None
    plus = end < len(tokens) and tokens[end].text == "+" and tokens[end].glued
    if plus:
        end += 1
        if kind == "number" and end < len(tokens) and not _rating(tokens, folded, words, end):
            # "20+ demos": the noun after the "+"; "4.6+ star rating" stays a rating
            noun = _count_noun(tokens, folded, words, end)
            if noun is not None:
                unit, kind = noun[0], "count"
                noun_start, noun_end = noun[1], noun[2]
    return Quantity(
        value, unit if kind != "number" else None, kind, start, end,
        points=points, noun_end=noun_end, noun_start=noun_start, ambiguous=ambiguous,
        sign=sign, plus=plus or bool(band), rating=bool(band or rating),
    )  # fmt: skip


def _hyphenated(tokens: list[Token], start: int) -> bool:
    """A number joined by a hyphen to the word before it ("UTF-8", "tier-2")."""
    if start < 1 or not tokens[start].glued:
        return False
    mark = tokens[start - 1]
    if mark.kind == "alnum":
        return True  # "KR2.1": the number goes on a name
    if start < 2:
        return False
    word = tokens[start - 2]
    return mark.text in ("-", "–") and mark.glued and word.kind in ("word", "alnum")


def _labelled(tokens: list[Token], folded: list[str], words: Words, start: int) -> bool:
    """A number right after a label word ("ISO 9001", "Fortune 500", "Day 30"),
    unless a rate marker makes the label a period ("each day 30 calls")."""
    if start == 0 or tokens[start - 1].kind != "word":
        return False
    size = words.match_ending("label_words", folded, start)  # "Key Result 1", "Resultado Clave 1"
    if not size:
        return False
    return start <= size or not words.word("rate_markers", folded[start - size - 1])


def _currency_after(tokens: list[Token], folded: list[str], words: Words, index: int) -> bool:
    """Whether a currency follows the multipliers from ``index`` ("2 mil millones USD")."""
    index += 1
    while index < len(tokens) and words.value("spaced_multipliers", [folded[index]]) is not None:
        index += 1
    return _next_is_currency(tokens, folded, words, index)


def _attached(
    tokens: list[Token], folded: list[str], words: Words, index: int
) -> tuple[int, str] | None:
    """A number written into a compound word ("30-day", "5-star", "360°"): where it
    ends, and whether it names a window of time or is part of a name."""
    if index >= len(tokens) or not tokens[index].glued:
        return None
    mark = tokens[index]
    suffix = folded[index].split("-")[0]
    if mark.kind == "word" and words.word("ordinal_suffixes", suffix):
        return index + 1, "name"  # "1st Reply Time", "3er lugar": an ordinal
    if index + 1 >= len(tokens):
        return None
    word = tokens[index + 1]
    if mark.text == "°" and not (word.glued and word.kind == "word" and len(word.text) == 1):
        return index + 1, "name"  # "360° feedback"; "21°C" is a temperature
    if mark.text not in ("-", "–") or not word.glued or word.kind != "word":
        return None
    period = words.match("duration_words", folded, index + 1) or words.match(
        "period_words", folded, index + 1
    )
    if period is not None:
        return index + 1 + period[0], "window"
    return index + 2, "name"


def _ratio(
    tokens: list[Token], folded: list[str], words: Words, index: int
) -> tuple[float, int] | None:
    """ "de cada 10", "out of every 10" after a number: the whole, and where it
    ends. A part marker ("out of") makes a proportion only of 10 or 100 of a
    population ("8 out of 10 customers"); "8 out of 10" alone is a rating, "3 out
    of 5 tenders" a count."""
    found = words.match("ratio_markers", folded, index)
    if found is None:
        return None
    after = index + found[0]
    if after >= len(tokens) or tokens[after].kind != "number":
        return None
    whole, _ = parse_number(tokens[after].text, words.decimal_mark)
    if words.match("part_markers", folded, index) and (
        whole not in (10, 100) or _count_noun(tokens, folded, words, after + 1) is None
    ):
        return None
    return (whole, after + 1) if 0 < whole < math.inf else None


def _part(tokens: list[Token], folded: list[str], words: Words, index: int) -> str | None:
    """ "8 of the 10 target accounts", "3 out of 5 tenders", "12 de nuestros 15
    contratos": a part of a population counts the population's noun (the whole is
    a figure of its own, a qualifier); the counted noun, or None."""
    found = words.match("part_markers", folded, index)
    if found is None:
        return None
    after = index + found[0]
    while after < len(tokens) and (
        folded[after] in words.singles("skippable") or words.word("possessives", folded[after])
    ):
        after += 1
    if after + 1 >= len(tokens) or tokens[after].kind != "number":
        return None
    noun = _count_noun(tokens, folded, words, after + 1)
    return None if noun is None else noun[0]


def _rating(tokens: list[Token], folded: list[str], words: Words, index: int) -> int:
    """How many tokens after a number say it is a rating on a scale: "/5", "out of
    10", "sobre 5", "stars", "estrellas"; 0 when none."""
    stars = words.match("rating_words", folded, index)
    if stars is not None:
        return stars[0]
    scale = words.match("scale_markers", folded, index)
    if scale is None:
        return 0
    after = index + scale[0]
    if after < len(tokens) and tokens[after].kind == "number":
        return scale[0] + 1
    return 0


_DASHES = frozenset("-\u2013\u2014")


def _band(tokens: list[Token], folded: list[str], words: Words, start: int, index: int) -> int:
    """How many tokens after a number close a band of ratings: "4-5 stars", "4 to 5
    stars", "entre 4 y 5 estrellas"; 0 when none. "from 4 to 5 stars" is a change."""
    if index >= len(tokens):
        return 0
    if tokens[index].text in _DASHES:
        size = 1
    else:
        opener = words.value("band_joiners", folded[index : index + 1])
        before = folded[start - 1] if start > 0 else ""
        if opener is None or (opener and before != opener) or words.word("from_markers", before):
            return 0
        size = 1
    after = index + size
    if after >= len(tokens) or tokens[after].kind != "number":
        return 0
    after += 1
    dash = int(after < len(tokens) and tokens[after].text in _DASHES)  # "4-5-star"
    rating = _rating(tokens, folded, words, after + dash)
    return after - index if rating else 0  # the rating's words name the metric


def _per_game(tokens: list[Token], folded: list[str], words: Words, index: int) -> int:
    """How many tokens say "per game", "/match", "por partido" (0 when none): points
    scored in a game are a count, not percentage points."""
    start = index
    if index < len(tokens) and tokens[index].text == "/":
        index += 1
    else:
        index += _match(words, "game_rate_markers", folded, index)
    game = _match(words, "game_nouns", folded, index)
    return index + game - start if game else 0


def _match(words: Words, key: str, folded: list[str], index: int) -> int:
    found = words.match(key, folded, index)
    return found[0] if found else 0


def _currency_word(words: Words, folded: list[str], index: int) -> tuple[str, int] | None:
    found = words.match("currency_words", folded, index)
    if found is None:
        return None
    return str(found[1]), found[0]


def _next_is_currency(tokens: list[Token], folded: list[str], words: Words, index: int) -> bool:
    if index >= len(tokens):
        return False
    if words.word("of_words", folded[index]) and index + 1 < len(tokens):
        index += 1
    return (
        _currency_word(words, folded, index) is not None
        or tokens[index].text in CURRENCY_CODES
        or (tokens[index].text == "$" or tokens[index].text in CURRENCY_SYMBOLS)
    )  # "2,5 millones de euros", "10 k USD", "10 k€", "10 k$"


def _percent_context(words: Words, folded: list[str], start: int) -> bool:
    """Plain "points" are percentage points only after a percent-like metric."""
    rates = words.singles("rate_metrics")
    return any(w in rates for w in folded[max(0, start - 8) : start])


def _noun_stops(words: Words) -> frozenset[str]:
    """Single words that end a counted noun: prepositions, and the rate, to, by
    and from markers of the language (folded, as tokens are)."""
    return words.singles("rate_markers", "to_markers", "by_markers", "from_markers", "noun_stops")


def _count_noun(
    tokens: list[Token], folded: list[str], words: Words, index: int
) -> tuple[str, int, int] | None:
    """The counted noun after a number ("170 leads", "12 new enterprise customers",
    "20 llamadas"): its unit name and the token after it."""
    stop = _noun_stops(words)
    first = folded[index] if tokens[index].kind == "word" else None
    if first is None or first in stop or words.word("articles", first):
        return None
    if words.match("at_least_after", folded, index) or words.match("at_most_after", folded, index):
        return None
    run: list[int] = []
    for look in range(index, min(index + 5, len(tokens))):
        if (
            look > index
            and tokens[look].kind == "number"
            and _labelled(tokens, folded, words, look)
        ):
            continue  # "6 new Fortune 1000 logos": the name goes on to the noun
        if tokens[look].kind != "word" or (look > index and folded[look] in stop):
            break
        if look > index and (
            words.word("articles", folded[look])
            or words.value("period_words", [folded[look]]) is not None
        ):
            break
        if words.word("outcome_markers", folded[look]) and any(
            _noun(words, folded[i]) for i in run
        ):
            break
        run.append(look)
    nouns = [i for i in run if _noun(words, folded[i])]
    if not nouns:
        return None
    if not words.head_first:
        # English puts the head last: "account executives", "customer interviews"
        head = nouns[-1]
        while (
            head > nouns[0]
            and folded[head].endswith(("ed", "ing"))
            and words.value("count_nouns", [folded[head]]) is None
        ):
            head -= 1
    else:
        # Spanish puts it first: "llamadas de prospección", "5 nuevos clientes"
        head = nouns[0]
    two = words.match("count_nouns", folded, head)
    if two is not None:
        return str(two[1]), head, head + two[0]
    noun = lemma(folded[head])
    written = tokens[head].text
    if written != written.lower() and _physical(written):
        noun = written  # "10 Mg", "5 GB": a symbol's capitals are part of what it means
    if unit_refusal(noun) is not None:
        return None  # no unit name: "o'clock", "1⁄4" (a folded "¼"), a word of 80 letters
    return noun, head, head + 1


_PREFIXED = "a count or a currency with a prefix (kUSD, Mlead): write the whole number"
_MISCASED = "a unit symbol in a case that changes its size (Ml, Mg, Ms): write ml, mg, ms"


def _prefixed(word: str) -> bool:
    """Whether the unit words okrkit reads (``Amount.parse`` too) refuse *word* as a
    multiplier or a count or currency with a prefix (``kUSD``, ``Mlead``, ``M``)."""
    refused = unit_refusal(word)
    return refused is not None and refused.whole is not None


def _physical(word: str) -> bool:
    """Whether the unit words okrkit reads take *word* for a physical unit (``GB``)."""
    if unit_refusal(word) is not None:
        return False
    read = read_unit(word)
    return not isinstance(read, Refusal) and all(t.kind == PHYSICAL_UNIT for t in read.terms)


def _clock(
    tokens: list[Token], folded: list[str], words: Words, start: int, index: int
) -> Quantity:
    """ "2:30 min" (m:ss), "1:45 h" (h:mm): a duration in the unit written after it.
    With no unit, "12:30" is a time of day: a date, and unclear where an amount is
    expected (after "from", "to" or a bound)."""
    parts = [int(part) for part in tokens[index].text.split(":")]
    duration = words.match("duration_words", folded, index + 1)
    end = index + 1 + (duration[0] if duration else 0)
    to = words.match("to_markers", folded, index + 1)
    after = index + 1 + to[0] if to else len(tokens)
    if duration is None and after < len(tokens) and tokens[after].kind == "time":
        duration = words.match("duration_words", folded, after + 1)  # "from 11:30 to 8:45 min"
    if duration is not None:
        unit = str(duration[1])
        if unit in ("minute", "hour") and len(parts) == 2 and parts[1] < 60:
            return Quantity(parts[0] + parts[1] / 60, unit, "duration", start, end)
        return _unread(
            start, end, "a clock time that is no minutes and seconds or hours and minutes"
        )
    if any(
        words.match_ending(key, folded, start)
        for key in ("from_markers", "to_markers", "at_least_before", "at_most_before")
    ):
        return _unread(start, index + 1, "a time of day where an amount is expected")
    return Quantity(math.nan, None, "number", start, index + 1, name="date",
                    why="a time of day, not an amount")  # fmt: skip


def _noun(words: Words, word: str) -> bool:
    """Whether *word* may be the counted noun: not an adjective ("new", "large"),
    an article, an ordinal or a period adjective ("monthly")."""
    return not (
        words.word("not_nouns", word)
        or words.word("articles", word)
        or words.word("ordinal_words", word)
        or words.value("period_adjectives", [word]) is not None
    )


def lemma(word: str) -> str:
    """A singular-ish unit name for an unknown counted noun."""
    word = fold(word).replace("-", "_")
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("iones"):
        return word[:-2]
    if word.endswith("es") and len(word) > 4 and word[-3] in "lrndz" and word[-4] in "aeiou":
        return word[:-2]
    if word.endswith("s") and len(word) > 3 and not word.endswith("ss"):
        return word[:-1]
    return word


def _looks_like_date(
    tokens: list[Token],
    folded: list[str],
    words: Words,
    start: int,
    index: int,
    value: float,
    token: Token,
) -> bool:
    if token.kind != "number" or not float(value).is_integer():
        return False
    day = 1 <= value <= 31
    after = folded[index] if index < len(tokens) else ""
    after2 = folded[index + 1] if index + 1 < len(tokens) else ""
    before = folded[start - 1] if start > 0 else ""
    if day and (
        words.word("date_words", after) or (after == "de" and words.word("date_words", after2))
    ):
        return True
    if day and words.word("date_words", before) and tokens[start - 1].kind == "word":
        return True
    if _is_year(token, value):
        next_is_unit = index < len(tokens) and (
            tokens[index].text == "%"
            or words.match("count_nouns", folded, index) is not None
            or words.match("currency_words", folded, index) is not None
            or words.match("duration_words", folded, index) is not None
        )
        if not next_is_unit and (
            words.word("year_markers", before)
            or words.word("date_words", before)
            or index >= len(tokens)
            or tokens[index].kind == "punct"
        ):
            return True
    return False
