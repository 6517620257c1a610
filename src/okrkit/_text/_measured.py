"""The measured thing: the noun phrase the amount or the verb is about.

Where it is looked for, in order: the verb's object (or, when a figure opens
the object, the phrase the figure counts); a header before a colon
("Upsell revenue: Grow from…"); the phrase after the first figure ("Convertir en
ventas el 25% del pipeline"); the subject before the verb ("Bookings double").
The phrase runs through its complements ("of/de/from/desde/per/por …", "time to
first value", names joined by "and"/"y") and stops at a clause boundary: a
relative clause, a time phrase, a figure and its own from/to/by words,
punctuation. A verb, a lone participle, a period or a function word is no
metric: then there is none, and the statement says it is unclear.
"""

from __future__ import annotations

from collections.abc import Iterator

from okrkit._text._context import Reader, Role
from okrkit._text._quantities import Quantity
from okrkit._text._verb import VERB_KEYS, infinitive


__all__ = ["metric"]

_FIGURES = ("target", "change", "baseline", "share")
_MARKERS = ("to_markers", "by_markers", "from_markers", "at_least_before", "at_most_before")
"""The words that lead up to a figure ("to", "by", "from", "at least", "por debajo de")."""
_Span = tuple[int, int]


def metric(
    reader: Reader,
    verb_end: int,
    roles: list[Role],
    quantities: list[Quantity],
    verb_start: int = 0,
) -> tuple[str | None, _Span]:
    """The measured thing as written and where it stands, or None and where the
    verb's object would start."""
    phrase = _Phrase(reader, quantities)
    first = next((r.quantity for r in roles if r.role in _FIGURES and not r.quantity.name), None)
    start = _object_start(reader, verb_end)
    for span in _candidates(reader, phrase, start, first, roles, verb_start):
        if span is not None and phrase.names_something(*span):
            return reader.span(*span), span
    return None, (start, start)


def _candidates(
    reader: Reader,
    phrase: _Phrase,
    start: int,
    first: Quantity | None,
    roles: list[Role],
    verb_start: int,
) -> Iterator[_Span | None]:
    """Where the metric may stand, best first (each read only when asked)."""
    yield phrase.read(phrase.past_figure(start, first, leading=True))
    yield _header(reader, verb_start, {r.quantity.start for r in roles if r.role in _FIGURES})
    if first is not None:
        yield phrase.read(phrase.past_figure(first.start, first))
    yield _subject(reader, verb_start)


class _Phrase:
    """Reads a noun phrase from a token on, by the statement's words."""

    def __init__(self, reader: Reader, quantities: list[Quantity]) -> None:
        self.reader = reader
        self.starts = {q.start for q in quantities if not q.name}
        self.named = {i for q in quantities if q.name for i in range(q.start, q.end)}

    def past_figure(self, start: int, first: Quantity | None, *, leading: bool = False) -> int:
        """Where the phrase starts: after the first figure when it opens the
        object ("Run 360 discovery calls", "Llevar al 35% la tasa", "Mantener por
        debajo de 5 minutos la primera respuesta"), else at *start*."""
        reader, folded = self.reader, self.reader.folded
        if first is None:
            return start
        between = range(start, first.start)
        opens = first.start >= start and all(
            folded[i] in reader.skippable or any(reader.words.word(k, folded[i]) for k in _MARKERS)
            or reader.tokens[i].kind == "symbol"
            for i in between
        )  # fmt: skip
        if leading and not (opens or (first.kind == "count" and first.start == start + 1)):
            return start
        index = first.end
        if self._time_follows(index) and reader.words.word("after_count_words", folded[index]):
            return len(folded)  # "$95 Millones en el mes en que…": the amount's time
        while index < len(folded) and (
            folded[index] in reader.skippable
            or (folded[index] == "-" and reader.tokens[index].glued)  # "4-5-star reviews"
            or reader.words.word("after_count_words", folded[index])
            or reader.words.word("change_nouns", folded[index])
            or reader.words.word("change_after_words", folded[index])
        ):
            index += 1
        return index

    def read(self, start: int) -> _Span:
        """The phrase from *start* to its first boundary, without the function
        words at its ends."""
        reader, folded, tokens = self.reader, self.reader.folded, self.reader.tokens
        end = start
        while end < len(tokens):
            if end in self.named:  # "30-day retention", "Fortune 500 accounts"
                end += 1
                continue
            token = tokens[end]
            if end in self.starts or token.kind in ("number", "punct"):
                break
            if token.kind == "symbol" and token.text != "/":
                break
            if self._boundary(end):
                break
            if end > start and folded[end - 1] in reader.skippable and _is_time(reader, end):
                break  # "4 bike rides a week", "la cuota del mes": a time, not the metric
            end += 1
        while (
            end > start
            and not _capital_name(reader, end - 1)
            and (folded[end - 1] in reader.skippable or folded[end - 1] in reader.stops)
        ):
            end -= 1
        while start < end and (
            folded[start] in reader.of_words or reader.words.word("to_markers", folded[start])
        ):
            start += 1
            while start < end and folded[start] in reader.skippable:
                start += 1
        return start, end

    def _boundary(self, index: int) -> bool:
        """Whether the phrase ends at *index*: a stop word or a bound, unless it
        opens a complement ("de los contratos", "from organic search", "per
        agent", "time to first value") or joins a name ("C y D")."""
        reader, words, word = self.reader, self.reader.words, self.reader.folded[index]
        if _capital_name(reader, index):
            return False
        bound = words.match("at_least_before", reader.folded, index) or words.match(
            "at_most_before", reader.folded, index
        )
        if word not in reader.stops and not bound:
            return False
        if bound:
            return True
        if words.word("complement_words", word):
            continues = True
        elif words.word("to_markers", word):
            continues = index > 0 and words.word("to_nouns", reader.folded[index - 1])
        elif words.word("and_words", word):
            continues = self._joins_a_name(index)
        else:
            return True
        return not continues or self._figure_follows(index) or self._time_follows(index)

    def _figure_follows(self, index: int) -> bool:
        """Whether a figure follows the word at *index*, after its markers and
        articles ("from an average of 4", "a al menos el 90%")."""
        reader, folded, tokens = self.reader, self.reader.folded, self.reader.tokens
        while index < len(tokens):
            size = max((reader.words.match(k, folded, index) or (0, None))[0] for k in _MARKERS)
            if size:
                index += size
            elif folded[index] in reader.skippable:
                index += 1
            else:
                break
        return index < len(tokens) and (
            tokens[index].kind in ("number", "symbol") or index in self.starts
        )

    def _time_follows(self, index: int) -> bool:
        """ "en el mes en que…", "in the last quarter", "per week", "by June": a
        time phrase after the word at *index* (a period after an article or a
        modifier, not after "of": "número de días" is a metric)."""
        reader, words, folded = self.reader, self.reader.words, self.reader.folded
        after = index + 1
        while after < len(folded) and folded[after] in reader.skippable:
            after += 1
        articled = after > index + 1
        if after < len(folded) and (
            words.word("ordinal_words", folded[after])
            or words.word("past_words", folded[after])
            or words.word("timeframe_markers", folded[after])
        ):
            after, articled = after + 1, True
        if after >= len(folded):
            return False
        word = folded[after]
        period = words.value("period_words", [word]) is not None
        dated = words.word("date_words", word) or words.word("time_nouns", word)
        return dated or (period and (articled or folded[index] not in reader.of_words))

    def _joins_a_name(self, index: int) -> bool:
        """ "las soluciones C y D", "contracts A and B", "ARR and NRR": the word
        after "and"/"y" continues the phrase when it is no verb and no new
        clause."""
        reader, tokens = self.reader, self.reader.tokens
        after = index + 1
        if after >= len(tokens) or tokens[after].kind not in ("word", "alnum"):
            return False
        word = reader.folded[after]
        if word in reader.stops or word in reader.skippable or _is_time(reader, after):
            return False
        if reader.words.word("change_after_words", word) or reader.words.word("negations", word):
            return False  # "y más", "and no": no name
        return not _verb_like(reader, after)

    def names_something(self, start: int, end: int) -> bool:
        """Whether the span is a noun phrase: not empty, not a verb or a lone
        participle, not a period or function words, not a header label."""
        reader, words, folded = self.reader, self.reader.words, self.reader.folded
        content = [
            i
            for i in range(start, end)
            if reader.tokens[i].kind in ("word", "alnum")
            and folded[i] not in reader.stops
            and folded[i] not in reader.skippable
            and not words.word("articles", folded[i])
        ]
        if not content:
            return False
        if all(_is_time(reader, i) or words.word("empty_subjects", folded[i]) for i in content):
            return False  # "mes", "There are", "It"
        if len(content) > 1:
            return True
        lone = content[0]  # "asegurado", "firmada", "presentar", "KR2", "veces"
        return not (
            infinitive(reader, lone)
            or _participle(reader, lone)
            or _label(reader, lone)
            or words.word("occurrence_nouns", folded[lone])  # "3 veces por semana"
        )


def _capital_name(reader: Reader, index: int) -> bool:
    """ "los servicios A y B", "plans A and B": a short word in capitals inside
    a phrase is a name, even when it is also "a" or "o"."""
    text = reader.tokens[index].text
    return index > 0 and len(text) <= 3 and text.isupper() and text.isalpha()


def _is_time(reader: Reader, index: int) -> bool:
    words, word = reader.words, reader.folded[index]
    return bool(
        words.value("period_words", [word]) is not None
        or words.value("duration_words", [word]) is not None
        or words.word("date_words", word)
        or words.word("time_nouns", word)
    )


def _verb_like(reader: Reader, index: int) -> bool:
    """A verb the lists know ("increase", "cerrar"), or an infinitive by its ending."""
    words, word = reader.words, reader.folded[index]
    if any(words.match(key, reader.folded, index) for key in VERB_KEYS):
        return not words.word("metric_heads", word) and not words.value("count_nouns", [word])
    return infinitive(reader, index)


def _participle(reader: Reader, index: int) -> bool:
    """A participle or an adjective of state ("firmada", "asegurado", "ready")."""
    words, word = reader.words, reader.folded[index]
    if words.match("done_words", reader.folded, index):
        return True
    if words.match("work_done_words", reader.folded, index):
        return True
    if words.value("count_nouns", [word]) is not None or words.word("activity_nouns", word):
        return False  # "llamadas", "entradas": nouns with a participle's ending
    endings = tuple(words.data.get("participle_endings", ()))
    return len(word) > 5 and word.endswith(endings)


def _object_start(reader: Reader, verb_end: int) -> int:
    """Where the verb's object starts: after a second verb joined by "and"/"y"
    ("Preparar y presentar 50 propuestas", "Track and raise pipeline"), a
    participle or adjective complement ("Dejar firmada la ampliación", "Tener
    asegurado el 90%"), a clause between commas ("Dejar firmada, antes de que
    acabe el trimestre, la ampliación"), articles and words of halving or
    multiplying."""
    words, folded, tokens = reader.words, reader.folded, reader.tokens
    start = verb_end or _after_label(reader)
    while start < len(tokens):
        skip = words.match("half_words", folded, start) or words.match(
            "multiply_words", folded, start
        )
        if skip:
            start += skip[0]
        elif folded[start] in reader.skippable:
            start += 1
        elif verb_end and start == verb_end and words.word("and_words", folded[start]):
            after = start + 1
            if after < len(tokens) and _verb_like(reader, after):
                start = after + 1
            else:
                break
        elif verb_end and start == verb_end and _complement(reader, start):
            start += 1
        elif verb_end and tokens[start].text == "," and start <= verb_end + 1:
            closing = next(
                (i for i in range(start + 1, len(tokens)) if tokens[i].text == ","), None
            )
            if closing is None:
                break
            start = closing + 1
        else:
            break
    return start


def _complement(reader: Reader, index: int) -> bool:
    """A participle or adjective right after the verb, before its object:
    "Dejar firmada, …", "Tener asegurado el 90%", "Get ready the …"."""
    after = index + 1
    if after >= len(reader.tokens) or not _participle(reader, index):
        return False
    token = reader.tokens[after]
    return (
        token.text == ","
        or token.kind in ("number", "symbol")
        or reader.folded[after] in reader.skippable
        or reader.words.word("articles", reader.folded[after])
    )


def _header(reader: Reader, verb_start: int, figures: set[int]) -> _Span | None:
    """ "Upsell revenue: Grow from…", "60-day retention: Lift…": the words
    before a colon that comes before the verb, with no figure of the amount in
    them (a window is part of the name), when they are no label ("KR1")."""
    tokens = reader.tokens
    colon = next((i for i in range(min(len(tokens), 8)) if tokens[i].text == ":"), None)
    if colon is None or colon == 0 or colon > verb_start or _label(reader, 0):
        return None
    if any(t.kind == "punct" or i in figures for i, t in enumerate(tokens[:colon])):
        return None
    return 0, colon


def _label(reader: Reader, index: int) -> bool:
    """ "KR1", "KR 2", "O3": a label that numbers a key result or an objective."""
    token = reader.tokens[index] if index < len(reader.tokens) else None
    if token is None or token.kind not in ("word", "alnum"):
        return False
    return reader.words.word("label_words", token.folded.rstrip("0123456789"))


def _after_label(reader: Reader) -> int:
    """Where a statement with no verb starts after its label ("KR2.1: Uptime…")."""
    tokens = reader.tokens
    if not _label(reader, 0):
        return 0
    ends = (i for i in range(1, min(len(tokens), 5)) if tokens[i].text in (":", "–", "-", "—"))
    return next(ends, -1) + 1


def _subject(reader: Reader, verb_start: int) -> _Span | None:
    """ "Bookings double every year": the words before the verb."""
    if verb_start and all(t.kind == "word" for t in reader.tokens[:verb_start]):
        return 0, verb_start
    return None
