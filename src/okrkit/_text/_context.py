"""The state of one reading: the tokens, the word lists, and the evidence gathered."""

from __future__ import annotations

import bisect
import math

import attrs

from okrkit._amount import Amount, format_number
from okrkit._model import Direction
from okrkit._reading import Evidence
from okrkit._text._quantities import Quantity
from okrkit._text._tokens import Token
from okrkit._text._words import Words


__all__ = ["Reader", "Role", "amount_of", "shown"]


class Reader:
    """The state of one reading: tokens, quantities, and the evidence gathered."""

    def __init__(self, text: str, tokens: list[Token], words: Words, lang: str) -> None:
        self.text = text
        self.tokens = tokens
        self.folded = [t.folded for t in tokens]
        self.words = words
        self.lang = lang
        self.evidence: list[Evidence] = []
        self.issues: list[str] = []
        self._starts: dict[str, list[int]] = {}
        self.skippable = words.singles("skippable")
        """Articles a phrase may have between its words ("the", "el")."""
        self.stops = words.singles("metric_stops")
        """Words that end the measured thing's name ("to", "by", "para")."""
        self.of_words = words.singles("of_words")

    # -- helpers ----------------------------------------------------------------

    def span(self, start: int, end: int) -> str:
        if start >= end or start >= len(self.tokens):
            return ""
        return self.text[self.tokens[start].start : self.tokens[min(end, len(self.tokens)) - 1].end]

    def note(self, field: str, value: object, start: int, end: int, reason: str) -> None:
        self.evidence.append(Evidence(field, str(value), self.span(start, end), reason))

    def skip_articles_back(self, index: int) -> int:
        while index > 0 and self.folded[index - 1] in self.skippable:
            index -= 1
        return index

    def ending(self, key: str, index: int, *, skip_articles: bool = True) -> tuple[int, int]:
        """An entry of *key* ending right before token *index* (articles between
        allowed): ``(start of the phrase, its length)``; length 0 when none."""
        candidates = [index]
        if skip_articles:
            back = self.skip_articles_back(index)
            if back != index:
                candidates.insert(0, back)
        for end in candidates:
            size = self.words.match_ending(key, self.folded, end)
            if size:
                return end - size, size
        return index, 0

    def clause_start(self, index: int) -> int:
        """The first token of the clause *index* is in (after , ; or a full stop)."""
        while index > 0 and not (
            self.tokens[index - 1].kind == "punct" and self.tokens[index - 1].text in ",;.:"
        ):
            index -= 1
        return index

    def starts(self, key: str) -> list[int]:
        """Every token index where an entry of the list *key* starts (found once)."""
        found = self._starts.get(key)
        if found is None:
            found = [i for i in range(len(self.folded)) if self.words.match(key, self.folded, i)]
            self._starts[key] = found
        return found

    def any_between(self, key: str, start: int, end: int, *, inside: bool = True) -> bool:
        """Whether an entry of *key* starts at an index in ``[start, end)`` (and, if
        *inside*, also ends by *end*)."""
        positions = self.starts(key)
        index = bisect.bisect_left(positions, start)
        while index < len(positions) and positions[index] < end:
            at = positions[index]
            if not inside:
                return True
            found = self.words.match(key, self.folded[:end], at)
            if found is not None:
                return True
            index += 1
        return False

    def over_period(self, index: int) -> tuple[int, str] | None:
        """A growth rate that names its period on its own at *index* ("MoM",
        "week-over-week", "interanual"), not a period adjective or "per month":
        its length and period."""
        words, folded = self.words, self.folded
        found = words.match("growth_rates", folded, index)
        if found is None or (
            words.value("period_adjectives", folded[index : index + 1]) is not None
            or words.match("rate_markers", folded, index)
        ):
            return None
        return found[0], str(found[1])

    def same_clause(self, start: int, end: int) -> bool:
        return all(not (t.kind == "punct" and t.text in ",;.:") for t in self.tokens[start:end])


@attrs.define
class Role:
    quantity: Quantity
    role: str  # a FigureRole's value
    bound: Direction | None = None
    marker_start: int = 0
    reason: str = ""
    per: str | None = None
    """For a growth rate ("5% month over month"): the period of the change."""


def shown(q: Quantity) -> str:
    """A quantity as the evidence shows it: ``35 day``, ``4 points``; a figure not
    read (``0x10``, ``1e400``) as ``not read``."""
    if not math.isfinite(q.value):
        return "not read"
    value = format_number(q.value)
    if q.kind == "percent":
        return f"{value} {'points' if q.points else '%'}"
    return f"{value} {q.unit}" if q.unit else value


def amount_of(q: Quantity) -> Amount:
    return Amount(q.value, q.unit)
