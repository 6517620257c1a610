"""An objective as one sentence: Doerr's "I will … as measured by …", and the
seed article's "Voy a … para conseguir …"."""

from __future__ import annotations

from okrkit._amount import Amount, amount_for_people, unit_for_people
from okrkit._fields import of_type
from okrkit._model import Direction, KeyResult, Objective
from okrkit._period_words import check_lang


__all__ = ["kr_phrase", "okr_sentence"]

_VERBS = {
    "en": {
        Direction.INCREASE: "increase", Direction.DECREASE: "reduce",
        Direction.AT_LEAST: "keep at least", Direction.AT_MOST: "keep at most",
        Direction.ACHIEVE: "achieve",
    },
    "es": {
        Direction.INCREASE: "aumentar", Direction.DECREASE: "reducir",
        Direction.AT_LEAST: "mantener al menos", Direction.AT_MOST: "mantener como máximo",
        Direction.ACHIEVE: "lograr",
    },
}  # fmt: skip
_WORDS = {
    "en": {"from": "from", "to": "to", "by": "by", "per": "per", "and": "and", "for": "for"},
    "es": {"from": "de", "to": "a", "by": "en", "per": "por", "and": "y", "for": "para el"},
}


def _lower_first(text: str) -> str:
    if len(text) > 1 and text[1].isupper():
        return text  # an acronym: "NPS above 40"
    return text[:1].lower() + text[1:]


def _amount(amount: Amount, lang: str) -> str:
    """The amount with up to six decimals, in the language's marks and unit words."""
    return amount_for_people(amount, lang, decimals=6)


def kr_phrase(item: KeyResult, *, lang: str = "en") -> str:
    """A key result as a phrase: its statement, or words built from its fields."""
    if item.statement:
        return _lower_first(item.statement.rstrip(". "))
    words = _WORDS.get(lang, _WORDS["en"])
    direction = item.direction or Direction.INCREASE
    parts = [_VERBS.get(lang, _VERBS["en"])[direction]]
    if item.metric:
        parts.append(item.metric)
    if direction in (Direction.AT_LEAST, Direction.AT_MOST):
        if item.target is not None:
            parts.append(_amount(item.target, lang))
    elif item.baseline is not None and item.target is not None:
        parts += [
            words["from"],
            _amount(item.baseline, lang),
            words["to"],
            _amount(item.target, lang),
        ]
    elif item.target is not None:
        parts += [words["to"], _amount(item.target, lang)]
    elif item.change is not None:
        parts += [words["by"], _amount(item.change, lang)]
    if item.per is not None:
        parts += [words["per"], unit_for_people(item.per.value, lang, one=True)]
    if item.share is not None:
        parts += [words["for"], f"{_amount(item.share, lang)}"]
    return " ".join(parts)


def _join(items: list[str], lang: str) -> str:
    word = _WORDS.get(lang, _WORDS["en"])["and"]
    if len(items) <= 1:
        return "".join(items)
    if lang == "en":
        return "; ".join(items[:-1]) + f"; {word} " + items[-1]
    return ", ".join(items[:-1]) + f" {word} " + items[-1]


def _infinitive(word: str) -> bool:
    return word.lower().endswith(("ar", "er", "ir"))


def okr_sentence(objective: Objective, *, lang: str = "en") -> str:
    """The objective in one sentence, in English or Spanish.

    >>> import okrkit
    >>> o = okrkit.objective("Win the mid-market").measured_by(
    ...     okrkit.increase("ARR", from_="2 USD", to="3 USD"))
    >>> okr_sentence(o)
    'I will win the mid-market, as measured by increase ARR from 2 USD to 3 USD.'
    """
    of_type("okr_sentence(objective)", objective, Objective, "an Objective")
    check_lang(lang)
    phrases = [kr_phrase(item, lang=lang) for item in objective.key_results]
    title = objective.title.rstrip(". ")
    if lang == "es":
        first = title.split(" ", 1)[0]
        goal = _lower_first(title) if _infinitive(first) else f"conseguir {_lower_first(title)}"
        if not phrases:
            return f"Voy a {goal}."
        return f"Voy a {_join(phrases, 'es')} para {goal}."
    if not phrases:
        return f"I will {_lower_first(title)}."
    return f"I will {_lower_first(title)}, as measured by {_join(phrases, 'en')}."
