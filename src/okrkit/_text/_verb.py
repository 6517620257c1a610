"""The main verb of a statement, and what kind of verb it is."""

from __future__ import annotations

from okrkit._text._context import Reader
from okrkit._text._quantities import Quantity


__all__ = ["VERB_KEYS", "all_anchor", "main_verb"]

# --- the main verb -------------------------------------------------------------------------

VERB_KEYS = (
    "keep_verbs", "decrease_verbs", "increase_verbs", "improve_verbs", "produce_verbs",
    "activity_verbs", "milestone_outcome_verbs", "vague_verbs", "move_verbs", "exceed_verbs",
)  # fmt: skip


def main_verb(reader: Reader) -> tuple[int, int, set[str]]:
    """The first verb (or change noun) near the start, and the lists it is in."""
    words, folded, tokens = reader.words, reader.folded, reader.tokens
    for index in range(min(len(tokens), 6)):
        if tokens[index].kind != "word":
            continue
        best = 0
        kinds: set[str] = set()
        forms = [folded, *_infinitives(reader, index)]
        for key, form in ((k, f) for f in forms for k in VERB_KEYS):
            if best and form is not folded:
                break
            found = words.match(key, form, index)
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
            hint = "decrease_verbs" if words.word("decrease_nouns", noun) else "increase_verbs"
            return index, index + change_noun[0], {hint}
    return 0, 0, set()


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
        if words.value("period_words", [folded[after]]) is not None:
            continue
        if words.word("duration_words", folded[after]) or words.word("time_words", folded[after]):
            continue
        return [Quantity(100.0, "percent", "percent", index, index + found[0], noun_end=after + 1)]
    return []
