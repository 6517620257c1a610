"""The role of each quantity: baseline, target, change, share, or one that does not count."""

from __future__ import annotations

from okrkit._model import Direction
from okrkit._text._context import Reader, Role, shown
from okrkit._text._quantities import Quantity


__all__ = ["assign_roles", "multiply_change"]

# --- roles -----------------------------------------------------------------------------------


def assign_roles(
    reader: Reader,
    quantities: list[Quantity],
    anchors: list[Quantity],
    verb_kinds: frozenset[str] = frozenset(),
) -> list[Role]:
    roles: list[Role] = []
    items = sorted([*quantities, *anchors], key=lambda q: q.start)
    anchor_ids = {id(a) for a in anchors}
    primary: Role | None = None
    share_candidates: list[Role] = []
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
            roles.append(Role(q, "scale", reason="the scale of the number before"))
            reader.note("scale", shown(q), scale_start, q.end, "a scale, not an amount")
            index += 1
            continue
        # timeframes and years: "en los primeros 2 meses", "in the first 2 weeks"
        if q.kind == "duration" and not bound and _timeframe(reader, q):
            roles.append(Role(q, "timeframe"))
            reader.note("timeframe", shown(q), reader.skip_articles_back(q.start) - 1, q.end,
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
                baseline = Role(q, "baseline", marker_start=from_start, reason="from … to")
                primary = Role(nxt, "target", marker_start=nxt_to_start, reason="from … to")
                roles.extend([baseline, primary])
                reader.note("baseline", shown(q), from_start, q.end, "the value after 'from'")
                reader.note("target", shown(nxt), nxt_to_start, nxt.end, "the value after 'to'")
                last_anchor_end = nxt.end
                index += 2
                continue
        anchor_end = last_anchor_end
        if primary is not None or share_candidates:
            if _baseline_context(reader, q, anchor_end):
                roles.append(Role(q, "baseline", reason="compared with"))
                reader.note("baseline", shown(q), reader.clause_start(q.start), q.end,
                            "the value compared with")  # fmt: skip
                index += 1
                continue
            change_start = _change_context(reader, q, verb_kinds)
            if change_start is not None and not any(r.role == "change" for r in roles):
                roles.append(Role(q, "change", marker_start=change_start))
                reader.note(
                    "change", shown(q), change_start, q.end, "a change: 'by', 'un aumento del'"
                )
                index += 1
                continue
        share_end = q.noun_end if is_all else _share(reader, q)
        if share_end is not None:
            candidate = Role(q, "share", bound=bound, marker_start=bound_start or q.start)
            share_candidates.append(candidate)
            roles.append(candidate)
            last_anchor_end = share_end
            index += 1
            continue
        if anchor_end is not None and _qualified(
            reader, anchor_end, bound_start or to_start or q.start
        ):
            roles.append(Role(q, "qualifier"))
            reader.note("qualifier", shown(q), anchor_end, q.end, "describes something else")
            index += 1
            continue
        if primary is None:
            change_start = _change_context(reader, q, verb_kinds)
            if change_start is not None:
                primary = Role(q, "change", marker_start=change_start)
                reader.note("change", shown(q), change_start, q.end, "a change: 'by', 'en un'")
            else:
                marker = bound_start if bound else (to_start if to_len else q.start)
                primary = Role(q, "target", bound=bound, marker_start=marker)
                why = (
                    f"after a bound ({bound.value})"
                    if bound
                    else ("after 'to'" if to_len else "the amount the verb acts on")
                )
                if is_all:
                    why = "'all' is 100 %"
                reader.note("target", shown(q), marker, q.end, why)
            roles.append(primary)
            last_anchor_end = q.noun_end or q.end
            index += 1
            continue
        roles.append(Role(q, "extra"))
        reader.note("ignored", shown(q), q.start, q.end, "another amount; not read as a field")
        index += 1
    # a share with no other amount is the target itself ("contact 80% of customers")
    has_target = any(r.role in ("target", "change") for r in roles)
    for candidate in share_candidates:
        if not has_target:
            candidate.role = "target"
            reader.note("target", shown(candidate.quantity), candidate.marker_start,
                        candidate.quantity.end, "the only amount")  # fmt: skip
            has_target = True
        else:
            reader.note("share", shown(candidate.quantity), candidate.marker_start,
                        candidate.quantity.noun_end or candidate.quantity.end,
                        "the share of a population the bound must hold for")  # fmt: skip
            break
    return roles


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


def _bound(reader: Reader, q: Quantity) -> tuple[Direction | None, int]:
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


def _timeframe(reader: Reader, q: Quantity) -> bool:
    start, size = reader.ending("timeframe_markers", q.start)
    if not size:
        return False
    marker = reader.folded[start : start + size]
    # a bare "in"/"en" before a duration is a time frame only for a milestone or
    # when it follows the measured amount ("20 calls in 2 weeks")
    if marker in (["in"], ["en"]):
        return any(t.kind == "number" for t in reader.tokens[:start])
    return True


def _baseline_context(reader: Reader, q: Quantity, anchor_end: int | None) -> bool:
    start = max(reader.clause_start(q.start), anchor_end or 0)
    return reader.any_between("baseline_context", start, q.start)


def _change_context(
    reader: Reader, q: Quantity, verb_kinds: frozenset[str] = frozenset()
) -> int | None:
    """Where the words that make *q* a change start ("by 75%", "en un 15%",
    "un aumento del 15 %"), or None."""
    words = reader.words
    start, size = reader.ending("by_markers", q.start, skip_articles=False)
    to_start, to_size = reader.ending("to_markers", q.start, skip_articles=False)
    if to_size and to_start <= start:
        return None  # "hasta un 92%", "a un 5%": a value to reach
    marker = reader.folded[start : start + size]
    if size and "keep_verbs" in verb_kinds and words.word("value_markers", marker[0]):
        return None  # "mantener el margen en 40%": a level to keep
    changing = bool(verb_kinds & {"increase_verbs", "decrease_verbs", "improve_verbs"})
    # a marker that also introduces places and times ("en") or is an article ("un")
    # makes a change only of an amount that can be one
    place = words.has("change_place_markers", marker)
    if size and place and q.kind == "duration" and changing:
        return start  # "disminuir el tiempo de entrega en 2 días"
    article = words.has("change_article_markers", marker)
    if size and not (article and q.kind not in ("percent", "currency")):
        if place and q.kind not in ("percent", "currency", "number"):
            return None
        return start
    # "un aumento del 15 %", "an increase of 20%", "incremento del 60%"
    index = q.start
    if index > 0 and (
        reader.folded[index - 1] in reader.of_words
        or words.word("after_count_words", reader.folded[index - 1])
    ):
        index -= 1
    while index > 0 and reader.folded[index - 1] in reader.skippable:
        index -= 1
    for size in (1, 2):
        if index - size >= 0 and words.has("change_nouns", reader.folded[index - size : index]):
            return index - size
    return None


def _share(reader: Reader, q: Quantity) -> int | None:
    """ "90% of prospects", "el 90% de los clientes potenciales": a share of a
    population. Returns the token after the population's noun, or None."""
    if q.kind != "percent" or q.points:
        return None
    index = q.end
    folded = reader.folded
    if index < len(folded) and folded[index] in reader.of_words:
        index += 1
        while index < len(folded) and (
            folded[index] in reader.skippable or reader.words.word("possessives", folded[index])
        ):
            index += 1
        for look in range(index, min(index + 3, len(folded))):
            found = reader.words.match("population_nouns", folded, look)
            if found:
                return look + found[0]
    return None


def _qualified(reader: Reader, anchor_end: int, marker_start: int) -> bool:
    """Whether a qualifier word ("with", "que", "para los") stands between the
    measured amount and this one."""
    return reader.any_between("qualifier_markers", anchor_end, marker_start)


def multiply_change(reader: Reader) -> tuple[float, str | None, int, int] | None:
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
