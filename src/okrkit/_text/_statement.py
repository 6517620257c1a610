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

import math

from okrkit._amount import format_number
from okrkit._fields import currency_code, of_type
from okrkit._model import Direction, Nature
from okrkit._reading import Figure, Reading, StatementKind
from okrkit._text import _decide as decide
from okrkit._text._context import Reader, Role, amount_of
from okrkit._text._language import prepared
from okrkit._text._measured import metric as measured
from okrkit._text._quantities import Quantity, find_quantities
from okrkit._text._roles import assign_roles, change_noun, multiply_change
from okrkit._text._tokens import MAX_CHARS, Token
from okrkit._text._verb import all_anchor, main_verb, work_object
from okrkit._text._words import Lexicon, Words


__all__ = ["read_statement"]


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
    clause, assured = _assured(tokens, words)
    reader = Reader(text, clause, words, language)
    if detected is None and lang is None and tokens:
        reader.note("lang", language, 0, 0, "the words did not tell English from Spanish")
    else:
        reason = "given" if detected is None else f"its grammar words (margin {margin})"
        reader.note("lang", language, 0, 0, reason)
    if len(text) > MAX_CHARS:
        reader.issues.append("statement-unclear")
        reader.note("text", "truncated", 0, 0, f"only the first {MAX_CHARS} characters were read")
    return _read(reader, currency, assured=assured)


def _assured(tokens: list[Token], words: Words) -> tuple[list[Token], bool]:
    """ "Ensure that response time stays below 200 ms", "Asegurar que el 95% de
    los tickets…": after a header that only says it is a goal ("Target:",
    "Meta:") or a verb of making sure, the rest is the statement. A
    bare verb ("Ensure 95% of…") leads only into a figure, so that "Ensure
    GDPR compliance" stays a task."""
    folded = [t.folded for t in tokens]
    header = words.match("goal_headers", folded, 0)
    if header is not None and header[0] + 1 < len(tokens) and folded[header[0]] == ":":
        tokens, folded = tokens[header[0] + 1 :], folded[header[0] + 1 :]  # "Target: +90…"
    lead = words.match("assurance_leads", folded, 0)
    if lead is None or lead[0] >= len(tokens):
        return tokens, False
    joined = folded[lead[0] - 1] in words.singles("qualifier_markers")
    if joined or tokens[lead[0]].kind != "word":
        return tokens[lead[0] :], True
    return tokens, False


def _read(reader: Reader, currency: str, *, assured: bool) -> Reading:
    words, folded, tokens = reader.words, reader.folded, reader.tokens
    quantities = find_quantities(tokens, folded, words, reader.lang, currency)
    too_large = next((q for q in quantities if q.value == math.inf), None)
    if too_large is not None:
        reader.note("number", "too large", too_large.start, too_large.end, too_large.why)
    verb_start, verb_end, verb_kinds = main_verb(reader)
    verb_kinds = work_object(reader, verb_start, verb_end, verb_kinds)
    if verb_kinds:
        reader.note("verb", "/".join(sorted(verb_kinds)), verb_start, verb_end, "the main verb")
    anchors = all_anchor(reader, verb_end)
    roles = assign_roles(reader, quantities, anchors, frozenset(verb_kinds), verb_end, verb_start)
    picked: dict[str, Role] = {}
    for role in roles:
        if role.role in ("baseline", "target", "change", "share") and not role.quantity.name:
            picked.setdefault(role.role, role)
    for name in ("baseline", "target"):  # "from -3% to 2%": a level keeps its sign
        level = picked.get(name)
        if level is not None and level.quantity.sign == "-" and level.quantity.value > 0:
            level.quantity.value = -level.quantity.value
    change = picked.get("change")
    noun = None if change is None else change_noun(reader, change)
    if (noun is not None and words.word("decrease_nouns", folded[noun])) or (
        change is not None and words.match("decrease_comparatives", folded, change.quantity.end)
    ):
        verb_kinds = {*verb_kinds, "decrease_verbs"}  # "a 6% reduction", "10% faster"
    if change is not None and change.quantity.times:  # "by 3x": 200 % more
        q = change.quantity
        q.value, q.unit, q.kind = (q.value - 1) * 100, "percent", "percent"
    if any(role.role == "unclear" for role in roles):
        reader.issues.append("statement-unclear")
    if any(q.ambiguous for q in quantities):
        reader.issues.append("ambiguous-number")
        first = next(q for q in quantities if q.ambiguous)
        why = "three digits after the separator: thousands, read the other way in this language"
        reader.note("number", "thousands", first.start, first.end, why)
    multiply = multiply_change(reader)
    if multiply is not None and "change" not in picked:
        value, direction_hint, start, end = multiply
        multiple = Quantity(value, "percent", "percent", start, end)
        picked["change"] = Role(multiple, "change", reason="a multiple or a half")
        reader.note(
            "change",
            f"{format_number(value)} %",
            start,
            end,
            "a multiple or a half of the baseline",
        )
        if direction_hint is not None:
            verb_kinds = {*verb_kinds, direction_hint}
    metric, metric_span = measured(reader, verb_end, roles, quantities, verb_start)
    decide.count_from_metric(reader, picked, metric_span)
    measurable = "target" in picked or "change" in picked
    kind = decide.kind(reader, measurable, verb_kinds, verb_start, verb_end)
    if metric is None and kind is not StatementKind.VAGUE:
        reader.issues.append("statement-unclear")  # measurable, but of what?
    direction = decide.direction(reader, picked, verb_kinds, kind, metric_span)
    if assured and direction is Direction.INCREASE and picked.keys() == {"target"}:
        direction = Direction.AT_LEAST  # "Ensure 95% of … are …": a floor to hold
    attainment = decide.attainment(reader, picked, metric_span)
    nature = decide.nature(
        reader, kind, verb_kinds, picked, verb_start, verb_end, metric_span, attainment=attainment
    )
    per = decide.per(reader, picked, metric_span, tuple(quantities)) if measurable else None
    amounts = {name: amount_of(role.quantity) for name, role in picked.items()}
    ambiguous = decide.ambiguous(reader, picked, metric_span)
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


def _baseline_ref(reader: Reader) -> str | None:
    """A baseline named in words ("compared to last quarter"): the words after
    the marker, to the end of the clause."""
    for start in reader.starts("baseline_context"):
        found = reader.words.match("baseline_context", reader.folded, start)
        assert found is not None
        begin = end = start + found[0]
        if reader.words.word("past_words", reader.folded[begin - 1]) or (
            reader.words.word("current_words", reader.folded[begin - 1])
        ):
            begin = end = begin - 1  # "previous quarter": the marker is part of the name
            while (  # "el tráfico pico actual": the noun comes first
                reader.words.head_first
                and begin > 0
                and reader.tokens[begin - 1].kind == "word"
                and reader.folded[begin - 1] not in reader.skippable
                and reader.folded[begin - 1] not in reader.stops
                and start - begin < 4
            ):
                begin -= 1
        if begin < len(reader.tokens) and reader.tokens[begin].text == ".":
            begin = end = begin + 1
        while end < len(reader.tokens) and reader.tokens[end].kind in ("word", "alnum"):
            end += 1
        if end > begin:
            return reader.span(begin, end)
    return None


def _figures(reader: Reader, roles: list[Role], picked: dict[str, Role]) -> tuple[Figure, ...]:
    """Every quantity written, in order, with the role it was given."""
    chosen = {id(role.quantity): name for name, role in picked.items()}
    every = {id(role.quantity): role for role in [*roles, *picked.values()]}
    figures = []
    for role in sorted(every.values(), key=lambda r: r.quantity.start):
        q = role.quantity
        text = reader.span(q.start, q.end)
        if not text:
            continue
        name = chosen.get(id(q)) or role.role
        if name == "share" and id(q) not in chosen:
            name = "qualifier"  # a second share: it describes the population
        figures.append(Figure(text, amount_of(q) if math.isfinite(q.value) else None, name))
    return tuple(figures)


def _issues(
    reader: Reader,
    kind: StatementKind,
    nature: Nature | None,
    picked: dict[str, Role],
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
