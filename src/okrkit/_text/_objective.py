"""Reading an objective's title: does it state a number, or only keep things as they are?"""

from __future__ import annotations

import math

from okrkit._amount import Amount
from okrkit._fields import currency_code, of_type
from okrkit._reading import ObjectiveReading
from okrkit._text._language import prepared
from okrkit._text._quantities import find_quantities
from okrkit._text._words import Lexicon, Words


__all__ = ["read_objective"]

_CONTINUING = ("increase_verbs", "decrease_verbs", "produce_verbs", "improve_verbs")


def read_objective(
    title: str,
    *,
    lang: str | None = None,
    currency: str = "USD",
    lexicon: Lexicon | None = None,
) -> ObjectiveReading:
    """The amounts written in an objective's title, and a business-as-usual verb
    ("Mantener…", "Continue…") when keeping things as they are is all it asks."""
    title = of_type("read_objective(title)", title, str, "the objective's title")
    currency = currency_code("read_objective(currency)", currency)
    tokens, _detected, _margin, words = prepared(title, lang, lexicon)
    language = words.lang
    folded = [t.folded for t in tokens]
    found = find_quantities(tokens, folded, words, language, currency)
    quantities = [q for q in found if math.isfinite(q.value)]  # not "0x10" nor "12:30"
    numbers = tuple(
        title[tokens[q.start].start : tokens[max(q.end, q.start + 1) - 1].end] for q in quantities
    )
    amounts = tuple(Amount(q.value, q.unit) for q in quantities)
    return ObjectiveReading(
        title, language, numbers=numbers, business_as_usual=_bau(words, folded), amounts=amounts
    )


def _bau(words: Words, folded: list[str]) -> str | None:
    index = 0
    while index < len(folded) and not folded[index].isalpha():
        index += 1
    found = words.match("bau_verbs", folded, index)
    if found is None:
        return None
    after = index + found[0]
    for look in range(after, len(folded) - 1):
        joined = folded[look] in ("and", "y", "e", "while", "mientras")
        if joined and any(words.match(key, folded, look + 1) for key in _CONTINUING):
            return None
    return " ".join(folded[index:after])
