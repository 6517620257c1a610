"""The main verb of a statement, and what kind of verb it is."""

from __future__ import annotations

from okrkit._text._context import Reader
from okrkit._text._quantities import Quantity


__all__ = ["VERB_KEYS", "all_anchor", "main_verb", "object_words", "work_object"]

# --- the main verb -------------------------------------------------------------------------

VERB_KEYS = (
    "keep_verbs", "decrease_verbs", "increase_verbs", "improve_verbs", "produce_verbs",
    "activity_verbs", "milestone_outcome_verbs", "vague_verbs", "move_verbs", "exceed_verbs",
    "task_verbs",
)  # fmt: skip


_Verb = tuple[int, int, set[str]]
"""A verb found: where it starts and ends, and the lists it is in."""


def main_verb(reader: Reader) -> _Verb:
    """The main verb (or change noun) near the start, and the lists it is in.

    After a header ("Practice frequency: Increase from…") the verb after the
    colon is the statement's; a verb of work that only names a metric ("Test
    coverage", "Upgrade rate") is no verb, nor one that heads the subject of a
    later verb ("Cache rewrite reduces…"); an imperative the lists do not know
    is a verb of work when it has a verb's ending and a verb's object
    ("Negotiate the…", "Automatizar la…", "No cometer…"), or when it follows a
    negation that only an imperative takes ("Don't eat…", "Do not skip…").
    """
    tokens = reader.tokens
    header = next((i for i in range(min(len(tokens), 6)) if tokens[i].text == ":"), None)
    if header is not None and all(t.kind == "word" for t in tokens[:header]):
        found = _first_verb(reader, header + 1)
        if found[2] and all(t.kind == "word" for t in tokens[header + 1 : found[0]]):
            return found  # not after a figure: "Active hosts: > +8% MoM growth"
    return _first_verb(reader, 0)


def _first_verb(reader: Reader, begin: int) -> _Verb:
    words, folded, tokens = reader.words, reader.folded, reader.tokens
    negation = words.match("imperative_negations", folded, begin)
    if negation is None:
        guessed = _guessed_verb(reader, begin)
    else:  # "Don't eat…", "Do not skip…": the word after is the verb
        begin += negation[0]
        guessed = begin if _open_word(reader, begin) else None
    end = min(len(tokens), begin + 6)
    for index in range(begin, end):
        if tokens[index].kind != "word":
            continue
        size, kinds = _verb_at(reader, index)
        if size and not _names_a_metric(reader, index, size, kinds):
            found = (index, index + size, kinds)
            return _verb_after_subject(reader, found, end) or found
        if guessed == index:  # a verb the lists do not know: a verb of work
            return index, index + 1, {"activity_verbs"}
        shift = _shift_at(reader, index)
        if shift is not None:
            return index, index + 1, {shift}
        change_noun = words.match("change_nouns", folded, index)
        if change_noun is not None:
            noun = folded[index]
            hint = "decrease_verbs" if words.word("decrease_nouns", noun) else "increase_verbs"
            return index, index + change_noun[0], {hint}
    return 0, 0, set()


def _shift_at(reader: Reader, index: int) -> str | None:
    """ "Churn down 2 points", "Signups up 30%": a word of direction right
    before a figure (or "by" and a figure) is the verb of a verbless change."""
    words, folded, tokens = reader.words, reader.folded, reader.tokens
    if words.word("shift_up_words", folded[index]):
        kind = "increase_verbs"
    elif words.word("shift_down_words", folded[index]):
        kind = "decrease_verbs"
    else:
        return None
    after = index + 1
    marker = words.match("by_markers", folded, after)
    after += marker[0] if marker else 0
    figure = after < len(tokens) and tokens[after].kind in ("number", "symbol")
    return kind if index > 0 and figure else None


def _verb_at(reader: Reader, index: int) -> tuple[int, set[str]]:
    """The longest verb at *index* (as written, or as the infinitive of an
    inflected verb after its subject) and the lists it is in."""
    best = 0
    kinds: set[str] = set()
    forms = [reader.folded, *_infinitives(reader, index)]
    for key, form in ((k, f) for f in forms for k in VERB_KEYS):
        if best and form is not reader.folded:
            break
        found = reader.words.match(key, form, index)
        if found is None:
            continue
        if found[0] > best:
            best, kinds = found[0], {key}
        elif found[0] == best:
            kinds.add(key)
    return best, kinds


def _verb_after_subject(reader: Reader, verb: _Verb, end: int) -> _Verb | None:
    """ "Cache rewrite + tuning reduce…", "The onboarding redesign lifts…": a verb
    of work that is also a noun, after a noun or an article, is the subject's head
    when a verb that is no verb of work follows it in the same clause (no
    preposition, conjunction, figure or punctuation between: "We will run tests
    to increase…" keeps "run")."""
    words, folded, tokens = reader.words, reader.folded, reader.tokens
    index, after, kinds = verb
    if not _work_noun(kinds) or index == 0 or tokens[index - 1].kind != "word":
        return None
    before = folded[index - 1]
    if before in reader.stops or words.word("negations", before):
        return None
    for later in range(after, end):
        token = tokens[later]
        if token.kind != "word":
            if token.kind != "symbol":
                return None  # a figure or punctuation ends the subject
            continue
        if folded[later] in reader.stops:
            return None
        later_size, later_kinds = _verb_at(reader, later)
        if later_size and "activity_verbs" not in later_kinds:
            return later, later + later_size, later_kinds
    return None


def _infinitives(reader: Reader, index: int) -> list[list[str]]:
    """The words with the one at *index* as an infinitive, when a subject comes
    before it ("A new cache cuts…" → cut, "El nuevo proceso reduce…" → reducir):
    one list per ending that fits. A counted noun ("calls", "visitas") is no verb."""
    words, folded = reader.words, reader.folded
    word = folded[index]
    tokens = reader.tokens
    if index == 0 or tokens[index - 1].kind != "word":
        return []
    if index + 1 >= len(tokens) or tokens[index + 1].kind not in ("word", "number", "alnum"):
        return []  # "Failed deploys = 0", "Customer calls: 40": a noun before the amount
    if words.value("count_nouns", [word]) is not None or words.word("population_nouns", word):
        return []
    forms = []
    for ending, infinitives in words.data.get("verb_inflections", {}).items():
        if not (word.endswith(ending) and len(word) > len(ending) + 2):
            continue
        for infinitive in infinitives.split() or [""]:  # "crecen": crecer or crecir
            form = list(folded)
            form[index] = word[: -len(ending)] + infinitive
            forms.append(form)
    return forms


_NOUN_LIKE = frozenset({"activity_verbs", "improve_verbs", "produce_verbs", "task_verbs"})
"""The verbs that are also nouns of a metric: verbs of work ("test", "call", "upgrade")."""


def _work_noun(kinds: set[str]) -> bool:
    """Whether a verb's lists make it a verb of work that is also a noun."""
    return "activity_verbs" in kinds and kinds <= _NOUN_LIKE


def _names_a_metric(reader: Reader, index: int, size: int, kinds: set[str]) -> bool:
    """ "Test coverage", "Email open rate", "Upgrade rate": a verb of work that
    is also a noun, a word or two before a metric's head noun, names the metric."""
    if not _work_noun(kinds):
        return False
    tokens = reader.tokens
    title_case = index > 0 and all(
        t.kind == "word" and t.text[:1].isupper() for t in tokens[index - 1 : index + 1]
    )
    if title_case:
        return True  # "First Contact Resolution": a name in title case
    for after in range(index + size, min(len(reader.tokens), index + size + 2)):
        word = reader.folded[after]
        if reader.tokens[after].kind != "word" or word in reader.skippable or word in reader.stops:
            return False
        if reader.words.word("metric_heads", word):
            return True  # "Test coverage", "Email open rate"
    return False


def _guessed_verb(reader: Reader, begin: int) -> int | None:
    """Where an imperative the lists do not know stands: the first word (after a
    negation), with a verb's ending, followed by an article, a preposition, a
    number or a name; after a negation a verb's ending is enough."""
    words, folded, tokens = reader.words, reader.folded, reader.tokens
    index = begin
    negated = index < len(tokens) and words.word("negations", folded[index])
    if negated:
        index += 1
    if index >= len(tokens) or tokens[index].kind != "word":
        return None
    if not infinitive(reader, index):
        return None
    if negated:
        return index
    if index + 1 >= len(tokens):
        return None
    follower = tokens[index + 1]
    text = follower.folded
    verb_like = (
        follower.kind == "number"
        or text in reader.skippable
        or text in reader.stops
        or words.word("articles", text)
        or words.word("possessives", text)
        or words.word("all_words", text)
        or (follower.kind == "word" and any(c.isupper() or c.isdigit() for c in follower.text))
    )
    return index if verb_like else None


def infinitive(reader: Reader, index: int) -> bool:
    """A word with a verb's ending that is no noun ("presentar", "optimize")."""
    words, word = reader.words, reader.folded[index]
    endings = tuple(words.data.get("verb_endings", ()))
    return len(word) > 4 and word.endswith(endings) and not words.word("not_verbs", word)


def _open_word(reader: Reader, index: int) -> bool:
    """Whether the token at *index* is a word that can be a verb: no article,
    preposition, negation or figure."""
    if index >= len(reader.tokens) or reader.tokens[index].kind != "word":
        return False
    word = reader.folded[index]
    return not (
        word in reader.skippable or word in reader.stops or reader.words.word("negations", word)
    )


def work_object(reader: Reader, verb_start: int, verb_end: int, kinds: set[str]) -> set[str]:
    """ "Tener una reunión mensual", "Hold a quarterly review": a light verb
    whose object is a piece of work is a verb of work."""
    if not kinds or "activity_verbs" in kinds:
        return kinds
    if not reader.words.match("light_verbs", reader.folded, verb_start):
        return kinds
    run = object_words(reader, verb_end)
    head = (run[0] if reader.words.head_first else run[-1]) if run else None
    if head is not None and _is_work(reader, head):
        return {*kinds, "activity_verbs"}
    return kinds


def _is_work(reader: Reader, index: int) -> bool:
    words = reader.words
    return bool(
        words.match("activity_nouns", reader.folded, index)
        or words.match("shared_nouns", reader.folded, index)
    )


def object_words(reader: Reader, verb_end: int) -> list[int]:
    """The words of the verb's object noun phrase ("better tests", "la comunicación
    interna"). A second verb after "and"/"y" is skipped."""
    folded, tokens = reader.folded, reader.tokens
    index = verb_end
    run: list[int] = []
    while index < len(tokens) and tokens[index].kind == "word":
        word = folded[index]
        if reader.words.word("and_words", word) and not run:
            index += 1
            verb = max((reader.words.match(k, folded, index) or (0, None))[0] for k in VERB_KEYS)
            index += verb
            continue
        if word in reader.skippable or reader.words.word("articles", word):
            if run:
                break
            index += 1
            continue
        if word in reader.stops:
            break
        run.append(index)
        index += 1
    return run


def all_anchor(reader: Reader, verb_end: int) -> list[Quantity]:
    """ "All the opportunities", "todas las oportunidades": 100 % of a population."""
    words, folded, tokens = reader.words, reader.folded, reader.tokens
    for index in range(verb_end, min(len(tokens), verb_end + 8)):
        found = words.match("all_words", folded, index)
        if found is None:
            continue
        if reader.ending("scope_words", index)[1] and any(
            t.kind == "number" for t in tokens[:index]
        ):
            continue  # "1,200 recipes across all categories": where they are counted
        after = index + found[0]
        while after < len(tokens) and folded[after] in reader.skippable:
            after += 1
        if after >= len(tokens) or tokens[after].kind != "word":
            continue
        word = folded[after]
        if words.value("period_words", [word]) is not None:
            continue
        if words.value("duration_words", [word]) is not None or words.word("time_words", word):
            continue  # "all hours", "todas las horas": a span of time, no population
        return [Quantity(100.0, "percent", "percent", index, index + found[0], noun_end=after + 1)]
    return []
