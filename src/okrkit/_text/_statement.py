"""Reading a key-result statement in English or Spanish.

The reader works in passes over the tokens, each small enough to state:

1. the language, from function words and accents;
2. the quantities (``_quantities``);
3. the main verb, and what kind of verb it is;
4. the role of each quantity — baseline, target, change, share, or a qualifier,
   timeframe or scale that does not count — from the words around it;
5. direction, kind, nature, rate period and the measured metric, by the rules
   of statements.md;
6. the issues the checker would find in the statement alone.

Every decision is kept as :class:`~okrkit.Evidence`, so ``Reading.explain()``
shows which words made it.
"""

from __future__ import annotations

import bisect

import attrs

from okrkit._amount import Amount, format_number
from okrkit._fields import currency_code, of_type, optional_of_type
from okrkit._model import Direction, Nature, Per
from okrkit._period_words import check_lang
from okrkit._reading import Evidence, Figure, Reading, StatementKind
from okrkit._text._quantities import Quantity, find_quantities
from okrkit._text._tokens import MAX_CHARS, Token, tokenize
from okrkit._text._words import LANGS, Lexicon, Words


__all__ = ["detect_language", "read_statement"]

_SKIPPABLE = frozenset({"el", "la", "los", "las", "un", "una", "the", "a", "an", "lo", "del"})
_PERIODS = {"day": Per.DAY, "week": Per.WEEK, "month": Per.MONTH, "quarter": Per.QUARTER,
            "year": Per.YEAR}  # fmt: skip
_METRIC_STOPS = frozenset(
    {"a", "al", "para", "con", "en", "to", "for", "with", "in", "at", "by", "per", "cada",
     "por", "durante", "during", "within", "dentro", "que", "that", "which", "from", "desde",
     "hasta", "until", "antes", "before", "all", "todo", "this", "este", "esta", "and", "y",
     "so", "sin", "without", "across", "over", "under", "below", "above", "between",
     "entre", "sobre", "bajo", "o", "or", "while", "mientras", "of", "de", "del", "every",
     "each"}
)  # fmt: skip


_SPANISH_MARKS = frozenset("áéíóúñü¿¡")
_SPANISH_ENDINGS = ("cion", "ciones", "idad", "idades", "mente", "ando", "iendo", "ados", "adas")
_ENGLISH_ENDINGS = ("ing", "tion", "tions", "ness", "ship", "ally", "ity")


def detect_language(tokens: list[Token], lexicons: Lexicon) -> tuple[str | None, int]:
    """The language whose own words (those the other language's lists lack) the
    text uses most, accents counting for Spanish; and by how much it won (0: unsure).
    Word endings (-ción, -mente; -ing, -tion) break a tie."""
    markers = lexicons.markers()
    scores = dict.fromkeys(LANGS, 0)
    endings = dict.fromkeys(LANGS, 0)
    for token in tokens:
        if token.kind != "word":
            continue
        for lang in LANGS:
            if token.folded in markers.get(lang, ()):
                scores[lang] += 1
        if not token.text.isascii() and not _SPANISH_MARKS.isdisjoint(token.text.lower()):
            scores["es"] += 1
        if token.folded.endswith(_SPANISH_ENDINGS):
            endings["es"] += 1
        elif token.folded.endswith(_ENGLISH_ENDINGS):
            endings["en"] += 1
    ranked = sorted(scores.items(), key=lambda item: -item[1])
    margin = ranked[0][1] - ranked[1][1]
    if margin == 0:
        ranked = sorted(endings.items(), key=lambda item: -item[1])
        if ranked[0][1] > ranked[1][1]:
            return ranked[0][0], 0
    return (ranked[0][0] if margin > 0 else None), margin


class _Reader:
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

    # -- helpers ----------------------------------------------------------------

    def span(self, start: int, end: int) -> str:
        if start >= end or start >= len(self.tokens):
            return ""
        return self.text[self.tokens[start].start : self.tokens[min(end, len(self.tokens)) - 1].end]

    def note(self, field: str, value: object, start: int, end: int, reason: str) -> None:
        self.evidence.append(Evidence(field, str(value), self.span(start, end), reason))

    def skip_articles_back(self, index: int) -> int:
        while index > 0 and self.folded[index - 1] in _SKIPPABLE:
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

    def same_clause(self, start: int, end: int) -> bool:
        return all(not (t.kind == "punct" and t.text in ",;.:") for t in self.tokens[start:end])


@attrs.define
class _Role:
    quantity: Quantity
    role: str  # baseline | target | change | share | qualifier | timeframe | scale | extra
    bound: Direction | None = None
    marker_start: int = 0
    reason: str = ""


def prepared(
    text: str, lang: str | None, lexicon: Lexicon | None
) -> tuple[list[Token], str | None, int, Words]:
    """What reading any text starts with: its tokens, the language detected (and by
    what margin), and the word lists of the language used (detected, else *lang*,
    else English)."""
    optional_of_type("lexicon", lexicon, Lexicon, "a Lexicon (okrkit.text.Lexicon)")
    if lang is not None:
        check_lang(lang)
    lexicons = lexicon or Lexicon.default()
    tokens = tokenize(text)
    detected, margin = detect_language(tokens, lexicons)
    language = detected or (lang if lang in LANGS else None) or "en"
    return tokens, detected, margin, lexicons.words(language)


def read_statement(
    text: str,
    *,
    lang: str | None = None,
    currency: str = "USD",
    lexicon: Lexicon | None = None,
) -> Reading:
    """Read a key-result statement (any text: never raises for its content).

    *lang* is used when the language cannot be told from the text; *currency* is
    what ``$`` means.
    """
    text = of_type("read_statement(text)", text, str, "the statement's text")
    currency = currency_code("read_statement(currency)", currency)
    tokens, detected, margin, words = prepared(text, lang, lexicon)
    language = words.lang
    reader = _Reader(text, tokens, words, language)
    if detected is None and lang is None and tokens:
        reader.note("lang", language, 0, 0, "the words did not tell English from Spanish")
    else:
        reason = "given" if detected is None else f"marker words and accents (margin {margin})"
        reader.note("lang", language, 0, 0, reason)
    if len(text) > MAX_CHARS:
        reader.issues.append("statement-unclear")
        reader.note("text", "truncated", 0, 0, f"only the first {MAX_CHARS} characters were read")
    return _read(reader, currency)


def _read(reader: _Reader, currency: str) -> Reading:
    words, folded, tokens = reader.words, reader.folded, reader.tokens
    too_large: list[int] = []
    quantities = find_quantities(tokens, folded, words, reader.lang, currency, too_large=too_large)
    if too_large:
        reader.issues.append("statement-unclear")
        start = too_large[0]
        reader.note("number", "too large", start, start + 1, "a number past the largest float")
    verb_start, verb_end, verb_kinds = _main_verb(reader)
    if verb_kinds:
        reader.note("verb", "/".join(sorted(verb_kinds)), verb_start, verb_end, "the main verb")
    anchors = _all_anchor(reader, verb_end)
    roles = _assign_roles(reader, quantities, anchors, frozenset(verb_kinds))
    picked = {r.role: r for r in roles if r.role in ("baseline", "target", "change", "share")}
    multiply = _multiply_change(reader)
    if multiply is not None and "change" not in picked:
        value, direction_hint, start, end = multiply
        change = Quantity(value, "percent", "percent", start, end)
        picked["change"] = _Role(change, "change", reason="a multiple or a half")
        reader.note(
            "change",
            f"{format_number(value)} %",
            start,
            end,
            "a multiple or a half of the baseline",
        )
        if direction_hint is not None:
            verb_kinds = {*verb_kinds, direction_hint}
    metric, metric_span = _metric(reader, verb_end, roles, quantities)
    _count_from_metric(reader, picked, metric_span)
    measurable = "target" in picked or "change" in picked
    kind = _kind(reader, measurable, verb_kinds, verb_start, verb_end)
    direction = _direction(reader, picked, verb_kinds, kind, metric_span)
    attainment = _attainment(reader, picked, metric_span)
    nature = _nature(
        reader, kind, verb_kinds, picked, verb_start, verb_end, metric_span, attainment=attainment
    )
    per = _per(reader, picked) if measurable else None
    amounts = {name: _amount(role.quantity) for name, role in picked.items()}
    ambiguous = _ambiguous(reader, picked, metric_span)
    _issues(reader, kind, nature, picked, ambiguous)
    return Reading(
        reader.text,
        reader.lang,
        kind,
        nature=nature,
        direction=direction,
        metric=metric,
        baseline=amounts.get("baseline"),
        target=amounts.get("target"),
        change=amounts.get("change"),
        per=per,
        share=amounts.get("share"),
        ambiguous_percent=ambiguous,
        attainment=attainment,
        issues=tuple(dict.fromkeys(reader.issues)),
        evidence=tuple(reader.evidence),
        baseline_ref=None if "baseline" in picked else _baseline_ref(reader),
        figures=_figures(reader, roles, picked),
    )


def _baseline_ref(reader: _Reader) -> str | None:
    """A baseline named in words ("compared to last quarter"): the words after
    the marker, to the end of the clause."""
    for start in reader.starts("baseline_context"):
        found = reader.words.match("baseline_context", reader.folded, start)
        assert found is not None
        begin = end = start + found[0]
        if begin < len(reader.tokens) and reader.tokens[begin].text == ".":
            begin = end = begin + 1
        while end < len(reader.tokens) and reader.tokens[end].kind == "word":
            end += 1
        if end > begin:
            return reader.span(begin, end)
    return None


_FIGURE_ROLES = {"timeframe": "window", "scale": "qualifier", "extra": "unclear"}


def _figures(reader: _Reader, roles: list[_Role], picked: dict[str, _Role]) -> tuple[Figure, ...]:
    """Every quantity written, in order, with the role it was given."""
    chosen = {id(role.quantity): name for name, role in picked.items()}
    every = {id(role.quantity): role for role in [*roles, *picked.values()]}
    figures = []
    for role in sorted(every.values(), key=lambda r: r.quantity.start):
        q = role.quantity
        text = reader.span(q.start, q.end)
        if not text:
            continue
        name = chosen.get(id(q)) or _FIGURE_ROLES.get(role.role, role.role)
        if name == "share" and id(q) not in chosen:
            name = "qualifier"
        figures.append(Figure(text, _amount(q), name))
    return tuple(figures)


# --- the main verb -------------------------------------------------------------------------

_VERB_KEYS = (
    "keep_verbs", "decrease_verbs", "increase_verbs", "improve_verbs", "produce_verbs",
    "activity_verbs", "milestone_outcome_verbs", "vague_verbs",
)  # fmt: skip


def _main_verb(reader: _Reader) -> tuple[int, int, set[str]]:
    """The first verb (or change noun) near the start, and the lists it is in."""
    words, folded, tokens = reader.words, reader.folded, reader.tokens
    for index in range(min(len(tokens), 6)):
        if tokens[index].kind != "word":
            continue
        best = 0
        kinds: set[str] = set()
        for key in _VERB_KEYS:
            found = words.match(key, folded, index)
            if found is None:
                continue
            if found[0] > best:
                best, kinds = found[0], {key}
            elif found[0] == best:
                kinds.add(key)
        if best:
            return index, index + best, kinds
        change_noun = words.match("change_nouns", folded, index)
        if change_noun is not None:
            noun = folded[index]
            hint = "decrease_verbs" if noun in _DECREASE_NOUNS else "increase_verbs"
            return index, index + change_noun[0], {hint}
    return 0, 0, set()


_DECREASE_NOUNS = frozenset(
    {"reduction", "decrease", "drop", "cut", "decline", "reduccion", "disminucion", "caida",
     "baja", "descenso", "recorte", "ahorro"}
)  # fmt: skip


def _all_anchor(reader: _Reader, verb_end: int) -> list[Quantity]:
    """ "All the opportunities", "todas las oportunidades": 100 % of a population."""
    words, folded, tokens = reader.words, reader.folded, reader.tokens
    for index in range(verb_end, min(len(tokens), verb_end + 8)):
        found = words.match("all_words", folded, index)
        if found is None:
            continue
        after = index + found[0]
        while after < len(tokens) and folded[after] in _SKIPPABLE:
            after += 1
        if after >= len(tokens) or tokens[after].kind != "word":
            continue
        if words.value("period_words", [folded[after]]) is not None:
            continue
        if words.word("duration_words", folded[after]) or folded[after] in ("time", "tiempo"):
            continue
        return [Quantity(100.0, "percent", "percent", index, index + found[0], noun_end=after + 1)]
    return []


# --- roles -----------------------------------------------------------------------------------


def _assign_roles(
    reader: _Reader,
    quantities: list[Quantity],
    anchors: list[Quantity],
    verb_kinds: frozenset[str] = frozenset(),
) -> list[_Role]:
    roles: list[_Role] = []
    items = sorted([*quantities, *anchors], key=lambda q: q.start)
    anchor_ids = {id(a) for a in anchors}
    primary: _Role | None = None
    share_candidates: list[_Role] = []
    last_anchor_end: int | None = None
    index = 0
    while index < len(items):
        q = items[index]
        is_all = id(q) in anchor_ids
        bound, bound_start = _bound(reader, q)
        from_start, from_len = reader.ending("from_markers", q.start)
        to_start, to_len = reader.ending("to_markers", q.start)
        # a scale: "4,5 sobre 5", "4.5 out of 5"
        scale_start, scale_len = reader.ending("scale_markers", q.start, skip_articles=False)
        if scale_len and roles and roles[-1].quantity.end == scale_start:
            roles.append(_Role(q, "scale", reason="the scale of the number before"))
            reader.note("scale", _shown(q), scale_start, q.end, "a scale, not an amount")
            index += 1
            continue
        # timeframes and years: "en los primeros 2 meses", "in the first 2 weeks"
        if q.kind == "duration" and not bound and _timeframe(reader, q):
            roles.append(_Role(q, "timeframe"))
            reader.note("timeframe", _shown(q), reader.skip_articles_back(q.start) - 1, q.end,
                        "a time frame, not what is measured")  # fmt: skip
            index += 1
            continue
        # a "from X to Y" pair
        if from_len and index + 1 < len(items) and primary is None and not is_all:
            nxt = items[index + 1]
            nxt_to_start, nxt_to_len = reader.ending("to_markers", nxt.start)
            if (
                nxt_to_len
                and nxt_to_start >= q.end
                and reader.same_clause(q.end, nxt.start)
                and (_compatible(q, nxt))
            ):
                _share_units(q, nxt)
                baseline = _Role(q, "baseline", marker_start=from_start, reason="from … to")
                primary = _Role(nxt, "target", marker_start=nxt_to_start, reason="from … to")
                roles.extend([baseline, primary])
                reader.note("baseline", _shown(q), from_start, q.end, "the value after 'from'")
                reader.note("target", _shown(nxt), nxt_to_start, nxt.end, "the value after 'to'")
                last_anchor_end = nxt.end
                index += 2
                continue
        anchor_end = last_anchor_end
        if primary is not None or share_candidates:
            if _baseline_context(reader, q, anchor_end):
                roles.append(_Role(q, "baseline", reason="compared with"))
                reader.note("baseline", _shown(q), reader.clause_start(q.start), q.end,
                            "the value compared with")  # fmt: skip
                index += 1
                continue
            change_start = _change_context(reader, q, verb_kinds)
            if change_start is not None and not any(r.role == "change" for r in roles):
                roles.append(_Role(q, "change", marker_start=change_start))
                reader.note(
                    "change", _shown(q), change_start, q.end, "a change: 'by', 'un aumento del'"
                )
                index += 1
                continue
        share_end = q.noun_end if is_all else _share(reader, q)
        if share_end is not None:
            candidate = _Role(q, "share", bound=bound, marker_start=bound_start or q.start)
            share_candidates.append(candidate)
            roles.append(candidate)
            last_anchor_end = share_end
            index += 1
            continue
        if anchor_end is not None and _qualified(
            reader, anchor_end, bound_start or to_start or q.start
        ):
            roles.append(_Role(q, "qualifier"))
            reader.note("qualifier", _shown(q), anchor_end, q.end, "describes something else")
            index += 1
            continue
        if primary is None:
            change_start = _change_context(reader, q, verb_kinds)
            if change_start is not None:
                primary = _Role(q, "change", marker_start=change_start)
                reader.note("change", _shown(q), change_start, q.end, "a change: 'by', 'en un'")
            else:
                marker = bound_start if bound else (to_start if to_len else q.start)
                primary = _Role(q, "target", bound=bound, marker_start=marker)
                why = (
                    f"after a bound ({bound.value})"
                    if bound
                    else ("after 'to'" if to_len else "the amount the verb acts on")
                )
                if is_all:
                    why = "'all' is 100 %"
                reader.note("target", _shown(q), marker, q.end, why)
            roles.append(primary)
            last_anchor_end = q.noun_end or q.end
            index += 1
            continue
        roles.append(_Role(q, "extra"))
        reader.note("ignored", _shown(q), q.start, q.end, "another amount; not read as a field")
        index += 1
    # a share with no other amount is the target itself ("contact 80% of customers")
    has_target = any(r.role in ("target", "change") for r in roles)
    for candidate in share_candidates:
        if not has_target:
            candidate.role = "target"
            reader.note("target", _shown(candidate.quantity), candidate.marker_start,
                        candidate.quantity.end, "the only amount")  # fmt: skip
            has_target = True
        else:
            reader.note("share", _shown(candidate.quantity), candidate.marker_start,
                        candidate.quantity.noun_end or candidate.quantity.end,
                        "the share of a population the bound must hold for")  # fmt: skip
            break
    return roles


def _shown(q: Quantity) -> str:
    value = format_number(q.value)
    if q.kind == "percent":
        return f"{value} {'points' if q.points else '%'}"
    return f"{value} {q.unit}" if q.unit else value


def _compatible(a: Quantity, b: Quantity) -> bool:
    if a.kind == b.kind:
        return a.kind != "currency" or a.unit == b.unit
    return "number" in (a.kind, b.kind)


def _share_units(a: Quantity, b: Quantity) -> None:
    """ "de 35 a 26 días": the unit written once belongs to both."""
    if a.kind == "number" and b.kind != "number":
        a.kind, a.unit, a.points = b.kind, b.unit, b.points
    elif b.kind == "number" and a.kind != "number":
        b.kind, b.unit, b.points = a.kind, a.unit, a.points


def _bound(reader: _Reader, q: Quantity) -> tuple[Direction | None, int]:
    """An explicit bound written around the quantity, and where its words start.

    The longest phrase wins: "no more than" is a ceiling though "more than" is a floor."""
    least_start, least_size = reader.ending("at_least_before", q.start)
    most_start, most_size = reader.ending("at_most_before", q.start)
    if most_size and (not least_size or most_start <= least_start):
        if reader.words.has(
            "within_words", reader.folded[most_start : most_start + most_size]
        ) and (q.kind != "duration"):
            return None, q.start
        return Direction.AT_MOST, most_start
    if least_size:
        return Direction.AT_LEAST, least_start
    folded, tokens = reader.folded, reader.tokens
    places = [q.end]
    if q.noun_end is not None:
        places.extend(range(q.noun_end, min(q.noun_end + 3, len(tokens) + 1)))
    for after in places:
        if after > q.end and after - 1 < len(tokens) and tokens[after - 1].kind != "word":
            break
        if reader.words.match("at_least_after", folded, after):
            return Direction.AT_LEAST, q.start
        if reader.words.match("at_most_after", folded, after):
            return Direction.AT_MOST, q.start
    return None, 0


def _timeframe(reader: _Reader, q: Quantity) -> bool:
    start, size = reader.ending("timeframe_markers", q.start)
    if not size:
        return False
    marker = reader.folded[start : start + size]
    # a bare "in"/"en" before a duration is a time frame only for a milestone or
    # when it follows the measured amount ("20 calls in 2 weeks")
    if marker in (["in"], ["en"]):
        return any(t.kind == "number" for t in reader.tokens[:start])
    return True


def _baseline_context(reader: _Reader, q: Quantity, anchor_end: int | None) -> bool:
    start = max(reader.clause_start(q.start), anchor_end or 0)
    return reader.any_between("baseline_context", start, q.start)


def _change_context(
    reader: _Reader, q: Quantity, verb_kinds: frozenset[str] = frozenset()
) -> int | None:
    """Where the words that make *q* a change start ("by 75%", "en un 15%",
    "un aumento del 15 %"), or None."""
    words = reader.words
    start, size = reader.ending("by_markers", q.start, skip_articles=False)
    to_start, to_size = reader.ending("to_markers", q.start, skip_articles=False)
    if to_size and to_start <= start:
        return None  # "hasta un 92%", "a un 5%": a value to reach
    if size and "keep_verbs" in verb_kinds and reader.folded[start] in ("en", "at", "in"):
        return None  # "mantener el margen en 40%": a level to keep
    changing = bool(verb_kinds & {"increase_verbs", "decrease_verbs", "improve_verbs"})
    if size and reader.lang == "es" and q.kind == "duration" and changing:
        return start  # "disminuir el tiempo de entrega en 2 días"
    if size and not (
        reader.lang == "es"
        and reader.folded[start] in ("un", "una")
        and (q.kind not in ("percent", "currency"))
    ):
        # Spanish "en" also introduces places and times: only amounts that can be changes
        if reader.lang == "es" and q.kind not in ("percent", "currency", "number", "count"):
            return None
        if reader.lang == "es" and q.kind == "count":
            return None
        return start
    # "un aumento del 15 %", "an increase of 20%", "incremento del 60%"
    index = q.start
    if index > 0 and reader.folded[index - 1] in ("de", "del", "of", "de un", "in"):
        index -= 1
    while index > 0 and reader.folded[index - 1] in _SKIPPABLE:
        index -= 1
    for size in (1, 2):
        if index - size >= 0 and words.has("change_nouns", reader.folded[index - size : index]):
            return index - size
    return None


_POSSESSIVES = frozenset({"our", "nuestros", "nuestras", "sus", "their", "your", "tus"})
_BEFORE_METRIC = _SKIPPABLE | _POSSESSIVES
_AFTER_METRIC = _SKIPPABLE | _METRIC_STOPS


def _share(reader: _Reader, q: Quantity) -> int | None:
    """ "90% of prospects", "el 90% de los clientes potenciales": a share of a
    population. Returns the token after the population's noun, or None."""
    if q.kind != "percent" or q.points:
        return None
    index = q.end
    folded = reader.folded
    if index < len(folded) and folded[index] in ("of", "de", "del"):
        index += 1
        while index < len(folded) and folded[index] in _BEFORE_METRIC:
            index += 1
        for look in range(index, min(index + 3, len(folded))):
            found = reader.words.match("population_nouns", folded, look)
            if found:
                return look + found[0]
    return None


def _qualified(reader: _Reader, anchor_end: int, marker_start: int) -> bool:
    """Whether a qualifier word ("with", "que", "para los") stands between the
    measured amount and this one."""
    return reader.any_between("qualifier_markers", anchor_end, marker_start)


# --- the other fields ------------------------------------------------------------------------


def _multiply_change(reader: _Reader) -> tuple[float, str | None, int, int] | None:
    words, folded = reader.words, reader.folded
    multiply, half = reader.starts("multiply_words"), reader.starts("half_words")
    if multiply and (not half or multiply[0] < half[0]):
        index = multiply[0]
        found = words.match("multiply_words", folded, index)
        assert found is not None
        return float(found[1]), "increase_verbs", index, index + found[0]
    if half:
        index = half[0]
        size = words.match("half_words", folded, index)
        assert size is not None
        return 50.0, "decrease_verbs", index, index + size[0]
    return None


def _metric(
    reader: _Reader, verb_end: int, roles: list[_Role], quantities: list[Quantity]
) -> tuple[str | None, tuple[int, int]]:
    """The measured thing, as written: the words after the verb, or after the
    counted number, up to the first amount or marker."""
    tokens, folded = reader.tokens, reader.folded
    start = verb_end
    while start < len(tokens):
        skip = reader.words.match("half_words", folded, start) or reader.words.match(
            "multiply_words", folded, start
        )
        if skip:
            start += skip[0]
        elif folded[start] in _SKIPPABLE:
            start += 1
        else:
            break
    first = next(
        (r.quantity for r in roles if r.role in ("target", "change", "baseline", "share")), None
    )
    if first is not None and (
        (first.kind == "count" and first.start <= start + 1) or first.start == start
    ):
        start = first.end
        while start < len(tokens) and (
            folded[start] in _SKIPPABLE or folded[start] in ("in", "en", "of", "de", "del")
        ):
            start += 1
    end = start
    starts = {q.start for q in quantities}
    while end < len(tokens):
        token = tokens[end]
        if (
            end in starts
            or token.kind in ("number", "punct")
            or (token.kind == "symbol" and token.text not in ("/",))
        ):
            break
        word = folded[end]
        if (
            word in _METRIC_STOPS
            or reader.words.match("at_least_before", folded, end)
            or (reader.words.match("at_most_before", folded, end))
        ):
            follows = end + 1
            while follows < len(tokens) and folded[follows] in _SKIPPABLE:
                follows += 1
            amount_next = follows < len(tokens) and (
                tokens[follows].kind in ("number", "symbol") or follows in starts
            )
            if word in ("of", "de", "del") and not amount_next:
                end += 1
                continue
            break
        end += 1
    while end > start and folded[end - 1] in _AFTER_METRIC:
        end -= 1
    while start < end and folded[start] in ("of", "de", "del", "to", "a", "al"):
        start += 1
        while start < end and folded[start] in _SKIPPABLE:
            start += 1
    if end <= start:
        return None, (start, start)
    return reader.span(start, end), (start, end)


def _metric_head(reader: _Reader, span: tuple[int, int]) -> int | None:
    """The index of the metric's head noun: last in English ("number of active
    users" → users), first in Spanish ("tickets de soporte abiertos" → tickets)."""
    start, end = span
    skip = reader.words.match("number_of_words", reader.folded[start:end], 0)
    if skip:
        start += skip[0]
    indexes = [i for i in range(start, end) if reader.folded[i] not in _SKIPPABLE]
    if not indexes:
        return None
    if reader.lang == "en":
        for position, index in enumerate(indexes):
            if reader.folded[index] in ("of", "for", "in", "per", "with", "from", "to"):
                indexes = indexes[:position]
                break
        return indexes[-1] if indexes else None
    return indexes[0]


def _count_from_metric(reader: _Reader, picked: dict[str, _Role], span: tuple[int, int]) -> None:
    """ "Reducir los tickets abiertos de 1.200 a 800": bare numbers count the metric's noun."""
    head = _metric_head(reader, span)
    if head is None:
        return
    noun = reader.words.value("count_nouns", [reader.folded[head]])
    if noun is None:
        return
    for name in ("baseline", "target"):
        role = picked.get(name)
        if role is not None and role.quantity.kind == "number":
            role.quantity.kind, role.quantity.unit = "count", str(noun)


def _attainment(reader: _Reader, picked: dict[str, _Role], span: tuple[int, int]) -> bool:
    """ "120% of plan", "110% de la cuota anual", "quota attainment from 90% to
    115%": a percent target or baseline of a plan, a quota or a target, which may
    pass 100 %. The metric's head noun says so, or a word that means attainment
    wherever it stands ("Llegar al 120% de cumplimiento")."""
    percent = [
        picked[name].quantity
        for name in ("target", "baseline")
        if name in picked and picked[name].quantity.kind == "percent"
    ]
    if not percent:
        return False
    words = reader.words
    head = _metric_head(reader, span)
    if head is not None and words.word("attainment_nouns", reader.folded[head]):
        reader.note("attainment", "true", head, head + 1, "a percent of a plan, quota or target")
        return True
    for start in reader.starts("attainment_words"):
        size = words.match("attainment_words", reader.folded, start)
        assert size is not None
        reader.note("attainment", "true", start, start + size[0], "a word for attainment")
        return True
    return False


def _kind(
    reader: _Reader, measurable: bool, verb_kinds: set[str], verb_start: int, verb_end: int
) -> StatementKind:
    if measurable:
        return StatementKind.METRIC
    words = reader.words
    deliverable = verb_kinds & {"milestone_outcome_verbs", "activity_verbs"}
    head = _object_head(reader, verb_end)
    vague_object = head is not None and words.word("vague_words", reader.folded[head])
    if deliverable and not vague_object:
        reader.note("kind", "milestone", verb_start, verb_end, "a yes/no deliverable, no amount")
        return StatementKind.MILESTONE
    why = (
        "no amount, and the verb or its object is vague"
        if verb_kinds
        else "no amount and no verb that delivers something"
    )
    reader.note("kind", "vague", verb_start, verb_end, why)
    return StatementKind.VAGUE


def _object_head(reader: _Reader, verb_end: int) -> int | None:
    """The head word of the verb's object: last of the noun phrase in English,
    first in Spanish ("the new brand guidelines" → guidelines; "la comunicación
    interna" → comunicación). A second verb after "and"/"y" is skipped."""
    folded, tokens = reader.folded, reader.tokens
    index = verb_end
    run: list[int] = []
    while index < len(tokens) and tokens[index].kind == "word":
        word = folded[index]
        if word in ("and", "y", "e") and not run:
            index += 1
            verb = max((reader.words.match(k, folded, index) or (0, None))[0] for k in _VERB_KEYS)
            index += verb
            continue
        if word in _SKIPPABLE or reader.words.word("articles", word):
            if run:
                break
            index += 1
            continue
        if word in _METRIC_STOPS:
            break
        run.append(index)
        index += 1
    if not run:
        return None
    return run[-1] if reader.lang == "en" else run[0]


def _lower_is_better(reader: _Reader, span: tuple[int, int]) -> bool:
    return reader.any_between("lower_is_better", span[0], span[1])


def _direction(
    reader: _Reader,
    picked: dict[str, _Role],
    verb_kinds: set[str],
    kind: StatementKind,
    span: tuple[int, int],
) -> Direction | None:
    if kind is StatementKind.MILESTONE:
        return Direction.ACHIEVE
    if kind is StatementKind.VAGUE:
        return None
    target = picked.get("target")
    if target is not None and target.bound is not None:
        reader.note("direction", target.bound.value, target.marker_start, target.quantity.start,
                    "an explicit bound on the measured amount")  # fmt: skip
        return target.bound
    lower_better = _lower_is_better(reader, span)
    if "keep_verbs" in verb_kinds:
        chosen = Direction.AT_MOST if lower_better else Direction.AT_LEAST
        better = "lower" if lower_better else "higher"
        reader.note(
            "direction", chosen.value, span[0], span[1], f"keep a level: {better} is better"
        )
        return chosen
    baseline = picked.get("baseline")
    if target is not None and target.quantity.value == 0 and baseline is None:
        reader.note("direction", "at_most", target.marker_start, target.quantity.end,
                    "nothing to grow: zero is a ceiling")  # fmt: skip
        return Direction.AT_MOST
    by_sign = None
    if baseline is not None and target is not None:
        if target.quantity.value > baseline.quantity.value:
            by_sign = Direction.INCREASE
        elif target.quantity.value < baseline.quantity.value:
            by_sign = Direction.DECREASE
    by_verb = None
    if "decrease_verbs" in verb_kinds or ("improve_verbs" in verb_kinds and lower_better):
        by_verb = Direction.DECREASE
    elif verb_kinds & {"increase_verbs", "produce_verbs", "improve_verbs", "activity_verbs",
                       "milestone_outcome_verbs"}:  # fmt: skip
        by_verb = Direction.INCREASE
    if by_verb is not None and by_sign is not None and by_verb is not by_sign:
        reader.issues.append("wrong-direction")
    chosen = by_verb or by_sign or Direction.INCREASE
    reason = (
        "the verb" if by_verb else ("from … to, by the sign" if by_sign else "an amount to produce")
    )
    reader.note("direction", chosen.value, 0, 0, reason)
    return chosen


def _nature(
    reader: _Reader,
    kind: StatementKind,
    verb_kinds: set[str],
    picked: dict[str, _Role],
    verb_start: int,
    verb_end: int,
    span: tuple[int, int] = (0, 0),
    *,
    attainment: bool = False,
) -> Nature | None:
    if kind is StatementKind.VAGUE:
        return None
    words, folded = reader.words, reader.folded
    if kind is StatementKind.MILESTONE:
        activity_verb = (
            "activity_verbs" in verb_kinds and "milestone_outcome_verbs" not in verb_kinds
        )
        chosen = Nature.ACTIVITY if activity_verb else Nature.OUTCOME
        why = "work the team does" if activity_verb else "a result it does not fully control"
        reader.note("nature", chosen.value, verb_start, verb_end, why)
        return chosen
    activity_verb = "activity_verbs" in verb_kinds and not (
        verb_kinds & {"increase_verbs", "decrease_verbs", "keep_verbs"}
    )
    window = range(verb_end, min(len(folded), verb_end + 8))
    if any(words.match("outcome_markers", folded, i) for i in window):
        reader.note("nature", "outcome", verb_end, verb_end + 8, "a signed, won or closed result")
        return Nature.OUTCOME
    if activity_verb:
        reader.note("nature", "activity", verb_start, verb_end, "a verb of work the team controls")
        return Nature.ACTIVITY
    target = picked.get("target") or picked.get("change")
    noun = target.quantity if target is not None and target.quantity.kind == "count" else None
    if (
        noun is not None
        and noun.noun_start is not None
        and noun.noun_end is not None
        and words.match("activity_nouns", folded, noun.noun_start)
    ):
        reader.note("nature", "activity", noun.end, noun.noun_end, "it counts work the team does")
        return Nature.ACTIVITY
    head = None if attainment else _metric_head(reader, span)  # "del plan" is no work plan
    if head is not None and words.match("activity_nouns", folded, head):
        reader.note("nature", "activity", head, head + 1, "its metric counts work the team does")
        return Nature.ACTIVITY
    reader.note(
        "nature", "outcome", verb_start, verb_end, "a result the team does not fully control"
    )
    return Nature.OUTCOME


def _per(reader: _Reader, picked: dict[str, _Role]) -> Per | None:
    """ "20 llamadas … cada semana", "170 leads por trimestre", "40 calls per week"."""
    role = picked.get("target") or picked.get("change")
    if role is None:
        return None
    q = role.quantity
    words, folded, tokens = reader.words, reader.folded, reader.tokens
    index = q.noun_end or q.end
    while index < len(tokens):
        token = tokens[index]
        if token.kind == "punct" and token.text in ",;.:":
            return None
        if token.kind == "symbol" and token.text == "/" and index + 1 < len(tokens):
            period = words.value("period_words", [folded[index + 1]])
            if period is not None:
                reader.note("per", period, index, index + 2, "a rate")
                return _PERIODS[str(period)]
        marker = words.match("rate_markers", folded, index)
        if marker is not None:
            after = index + marker[0]
            period = words.value("period_words", folded[after : after + 1])
            distributive = index > 0 and folded[index - 1] in ("una", "uno", "one", "un")
            if period is not None and not distributive:
                reader.note("per", period, index, after + 1, "a rate: per/each/por/cada")
                return _PERIODS[str(period)]
        index += 1
    return None


def _amount(q: Quantity) -> Amount:
    return Amount(q.value, q.unit)


def _ambiguous(reader: _Reader, picked: dict[str, _Role], span: tuple[int, int]) -> bool:
    change = picked.get("change")
    if change is None or change.quantity.kind != "percent" or change.quantity.points:
        return False
    if change.reason == "a multiple or a half":
        return False  # halving or doubling a rate is relative by its words
    found = reader.any_between("rate_metrics", span[0], span[1])
    if found:
        reader.note("ambiguous_percent", "true", span[0], span[1],
                    "a percent change of a rate: points or relative?")  # fmt: skip
    return found


def _issues(
    reader: _Reader,
    kind: StatementKind,
    nature: Nature | None,
    picked: dict[str, _Role],
    ambiguous: bool,
) -> None:
    issues = reader.issues
    if kind is StatementKind.VAGUE:
        issues.append("not-measurable")
    if kind is StatementKind.MILESTONE and nature is Nature.ACTIVITY:
        issues.append("kr-is-task")
    if ambiguous:
        issues.append("ambiguous-percent")
    if "change" in picked and "baseline" not in picked and "target" not in picked:
        issues.append("missing-baseline")
    baseline, target = picked.get("baseline"), picked.get("target")
    if (
        baseline is not None
        and target is not None
        and (baseline.quantity.value == target.quantity.value)
    ):
        issues.append("target-equals-baseline")
    # a share of a population lies in 0–100 %; a rate may pass 100 % (quota, revenue kept)
    share = picked.get("share")
    if share is not None and not 0 <= share.quantity.value <= 100:
        issues.append("percent-out-of-range")
    if target is not None and target.quantity.unit == "percent" and target.quantity.value < 0:
        issues.append("percent-out-of-range")
