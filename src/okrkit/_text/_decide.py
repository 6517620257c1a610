"""The fields of a reading decided from its verb and roles: kind, direction, nature, per."""

from __future__ import annotations

from okrkit._amount import MAX_UNIT_CHARS
from okrkit._model import Direction, Nature, Per
from okrkit._reading import StatementKind
from okrkit._text._context import Reader, Role
from okrkit._text._quantities import Quantity, lemma
from okrkit._text._verb import object_words


__all__ = [
    "ambiguous",
    "attainment",
    "capability",
    "count_from_metric",
    "direction",
    "kind",
    "nature",
    "per",
]

_PERIODS = {"day": Per.DAY, "week": Per.WEEK, "month": Per.MONTH, "quarter": Per.QUARTER,
            "year": Per.YEAR}  # fmt: skip


def _metric_head(reader: Reader, span: tuple[int, int]) -> int | None:
    """The index of the metric's head noun: last in English ("number of active
    users" → users), first in Spanish ("tickets de soporte abiertos" → tickets)."""
    start, end = span
    skip = reader.words.match("number_of_words", reader.folded[start:end], 0)
    if skip:
        start += skip[0]
    indexes = [i for i in range(start, end) if reader.folded[i] not in reader.skippable]
    if not indexes:
        return None
    if not reader.words.head_first:
        for position, index in enumerate(indexes):
            if reader.words.word("noun_stops", reader.folded[index]):
                indexes = indexes[:position]
                break
        return indexes[-1] if indexes else None
    return indexes[0]


def count_from_metric(reader: Reader, picked: dict[str, Role], span: tuple[int, int]) -> None:
    """ "Reducir los tickets abiertos de 1.200 a 800": bare numbers count the metric's noun."""
    figures = [role.quantity.start for role in picked.values()]
    counted = _number_of(reader, min(figures, default=0))
    head = _metric_head(reader, span) if counted is None else counted
    if head is None:
        return
    counted = _measured_noun(reader, head, span) if counted is None else counted
    word = reader.folded[counted]
    noun = reader.words.value("count_nouns", [word]) or (
        _plural_noun(reader, counted) if counted == head else lemma(word)
    )
    if noun is None:
        return
    for name in ("baseline", "target"):
        role = picked.get(name)
        if role is not None and role.quantity.kind == "number" and not role.quantity.rating:
            role.quantity.kind, role.quantity.unit = "count", str(noun)


def _number_of(reader: Reader, end: int) -> int | None:
    """ "Number of unencrypted laptops found per quarter = 0", "Nº de incidencias
    críticas: 0", "Núm. de quejas": the noun a "number of" counts, written before
    the figures (the first plural in English, the noun after "de" in Spanish)."""
    words, folded, tokens = reader.words, reader.folded, reader.tokens
    for index in range(min(end, 6)):  # it opens the sentence or its header
        found = words.match("number_of_words", folded, index)
        if found is None:
            continue
        after = index + found[0]
        while after < end and folded[after] in reader.skippable:
            after += 1
        if words.head_first:
            return after if after < end and tokens[after].kind == "word" else None
        for at in range(after, min(after + 4, end)):
            if tokens[at].kind != "word" or folded[at] in reader.stops:
                return None
            if _plural_noun(reader, at) is not None:
                return at
        return None
    return None


def _measured_noun(reader: Reader, head: int, span: tuple[int, int]) -> int:
    """ "release frequency", "frecuencia de despliegues", "volume of orders": a
    head that measures names what it counts next to it (before it in English,
    after "de" in Spanish)."""
    words, folded = reader.words, reader.folded
    if not words.match("measure_nouns", folded, head):
        return head
    if not words.head_first:
        return head - 1 if head > span[0] and reader.tokens[head - 1].kind == "word" else head
    after = head + 1
    if after < span[1] and folded[after] in reader.of_words:
        after += 1
    while after < span[1] and folded[after] in reader.skippable:
        after += 1
    return after if after < span[1] and reader.tokens[after].kind == "word" else head


def _plural_noun(reader: Reader, head: int) -> str | None:
    """A metric whose head is a plural noun counts it ("monthly active buyers",
    "bot logins", "incidentes de seguridad"); an acronym ("NPS", "eNPS") or a
    rate ("retention") does not."""
    text, word = reader.tokens[head].text, reader.folded[head]
    if any(c.isupper() for c in text[1:]) or not text.isalpha() or len(word) < 4:
        return None
    if not word.endswith("s") or word.endswith("ss") or reader.words.word("rate_metrics", word):
        return None
    noun = lemma(word)
    return noun if len(noun) <= MAX_UNIT_CHARS else None  # a unit name has a bounded length


def attainment(reader: Reader, picked: dict[str, Role], span: tuple[int, int]) -> bool:
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


def _task(reader: Reader, verb_kinds: set[str], verb_end: int) -> bool:
    """ "Hire a data engineer", "Eliminar la función de exportación": a verb that
    counts ("Hire 5 engineers") but, with no amount and one thing named, is a task."""
    after = reader.folded[verb_end] if verb_end < len(reader.folded) else ""
    return "task_verbs" in verb_kinds and reader.words.word("task_determiners", after)


def kind(
    reader: Reader, measurable: bool, verb_kinds: set[str], verb_start: int, verb_end: int
) -> StatementKind:
    if measurable:
        return StatementKind.METRIC
    words = reader.words
    deliverable = verb_kinds & {"milestone_outcome_verbs", "activity_verbs"} or _task(
        reader, verb_kinds, verb_end
    )
    run = object_words(reader, verb_end)
    head = (run[0] if words.head_first else run[-1]) if run else None
    vague_object = (head is not None and words.word("vague_words", reader.folded[head])) or any(
        words.word("vague_modifiers", reader.folded[i]) for i in run
    )
    if _feeling(reader, verb_start, verb_end):
        reader.note("kind", "vague", verb_start, verb_end, "a feeling of others, with no figure")
        return StatementKind.VAGUE
    if (deliverable or capability(reader, verb_start, verb_end)) and not vague_object:
        reader.note("kind", "milestone", verb_start, verb_end, "a yes/no deliverable, no amount")
        return StatementKind.MILESTONE
    done = _done_words(reader)
    stated = done and (
        not (verb_kinds - {"milestone_outcome_verbs", "move_verbs"})
        or words.match_ending("copulas", reader.folded, done[0][0])  # "Ensure X is confirmed"
    )
    if stated and not vague_object:
        start, end, _work = done[0]
        reader.note("kind", "milestone", start, end, "a yes/no outcome: it is done or not")
        return StatementKind.MILESTONE
    why = (
        "no amount, and the verb or its object is vague"
        if verb_kinds
        else "no amount and no verb that delivers something"
    )
    reader.note("kind", "vague", verb_start, verb_end, why)
    return StatementKind.VAGUE


def _feeling(reader: Reader, verb_start: int, verb_end: int) -> bool:
    """ "Make merchants trust our app", "Hacer que los comercios confíen…": a
    verb that makes others feel something, with no figure, is no deliverable."""
    words, folded = reader.words, reader.folded
    causes = words.match("causative_verbs", folded, verb_start) is not None or (
        words.match("causative_verbs", folded, verb_end) is not None
    )
    return causes and any(
        words.match("feeling_verbs", folded, i)
        for i in range(verb_end, min(len(folded), verb_end + 6))
    )


def _done_words(reader: Reader) -> list[tuple[int, int, bool]]:
    """The words that say a thing is done, in order: (start, end, whether it is
    work the team finished — "documented", "migrado" — rather than a state it
    does not fully control — "approved", "en producción")."""
    found = []
    for key in ("done_words", "work_done_words"):
        for start in reader.starts(key):
            size = reader.words.match(key, reader.folded, start)
            assert size is not None
            found.append((start, start + size[0], key == "work_done_words"))
    return sorted(found)


def capability(reader: Reader, verb_start: int, verb_end: int) -> tuple[int, int] | None:
    """ "Members can create…", "Los clientes podrán pagar…": a capability others
    gain, written after its subject near the start and before the main verb
    ("Reducir los errores que pueden…" is no capability)."""
    last = verb_start if verb_end else 7
    for index in range(1, min(len(reader.tokens), last)):
        found = reader.words.match("capability_words", reader.folded, index)
        after = index + found[0] if found is not None else index
        if found is not None and after < len(reader.tokens) and reader.tokens[after].kind == "word":
            return index, after
    return None


def _lower_is_better(reader: Reader, span: tuple[int, int]) -> bool:
    return reader.any_between("lower_is_better", span[0], span[1])


def direction(
    reader: Reader,
    picked: dict[str, Role],
    verb_kinds: set[str],
    kind: StatementKind,
    span: tuple[int, int],
) -> Direction | None:
    if kind is StatementKind.MILESTONE:
        return Direction.ACHIEVE
    if kind is StatementKind.VAGUE:
        return None
    target = picked.get("target")
    bounded = target or picked.get("change")  # "≥ +25% WoW": a bound on the growth rate
    if bounded is not None and bounded.bound is not None:
        bound = bounded.bound
        why = "an explicit bound on the measured amount"
        if _negated(reader, bounded.marker_start):  # "No hacer más de dos faltas"
            bound = Direction.AT_MOST if bound is Direction.AT_LEAST else Direction.AT_LEAST
            why = "a negated bound on the measured amount"
        reader.note("direction", bound.value, bounded.marker_start, bounded.quantity.start, why)
        return bound
    named = None if target is None else _named_bound(reader, target, verb_kinds)
    if named is not None:
        return named
    if target is not None and "exceed_verbs" in verb_kinds:
        if _negated(reader, target.marker_start):  # "Never exceed 5% churn", "No superar el 5 %"
            reader.note("direction", "at_most", 0, 0, "a negated verb of going past: a ceiling")
            return Direction.AT_MOST
        reader.note("direction", "at_least", 0, 0, "a verb of going past the amount")
        return Direction.AT_LEAST
    lower_better = _lower_is_better(reader, span)
    baseline = picked.get("baseline")
    zero = target is not None and target.quantity.value == 0 and baseline is None
    level = target is not None and _level(reader, target, verb_kinds)
    if "keep_verbs" in verb_kinds or level:
        # "Mantener en cero", "Cobertura = 100 %": a level to hold; zero is a ceiling
        chosen = Direction.AT_MOST if lower_better or zero else Direction.AT_LEAST
        better = "lower" if lower_better or zero else "higher"
        reader.note(
            "direction", chosen.value, span[0], span[1], f"keep a level: {better} is better"
        )
        return chosen
    reducing = "decrease_verbs" in verb_kinds or ("move_verbs" in verb_kinds and lower_better)
    if zero and not reducing:  # "Bajar … a 0", "Llevar las caídas a 0" still decrease
        assert target is not None
        reader.note("direction", "at_most", target.marker_start, target.quantity.end,
                    "nothing to grow: zero is a ceiling")  # fmt: skip
        return Direction.AT_MOST
    by_sign = None
    if baseline is not None and target is not None:
        before, after = _magnitude(baseline.quantity), _magnitude(target.quantity)
        if after > before:
            by_sign = Direction.INCREASE
        elif after < before:
            by_sign = Direction.DECREASE
    by_verb = None
    if "move_verbs" in verb_kinds:
        by_verb = by_sign or (Direction.DECREASE if lower_better else Direction.INCREASE)
    elif "decrease_verbs" in verb_kinds or ("improve_verbs" in verb_kinds and lower_better):
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


_CHANGING = frozenset({"increase_verbs", "decrease_verbs", "improve_verbs", "move_verbs"})


def _named_bound(reader: Reader, target: Role, verb_kinds: set[str]) -> Direction | None:
    """ "Maximum response time of 4 hours", "Min. uptime: 99.9%", "Tiempo de
    respuesta máximo: 4 h": a bound named by an adjective or noun of the metric,
    when no verb of change says where the amount goes ("Reduce max latency to
    200 ms" is a decrease of the max latency)."""
    if verb_kinds & _CHANGING:
        return None
    words, folded = reader.words, reader.folded
    for index in range(target.quantity.start):
        for key, bound in (
            ("ceiling_words", Direction.AT_MOST),
            ("floor_words", Direction.AT_LEAST),
        ):
            found = words.match(key, folded, index)
            if found is not None and reader.tokens[index].kind == "word":
                reader.note("direction", bound.value, index, index + found[0],
                            "a bound named by the metric: maximum, mínimo")  # fmt: skip
                return bound
    return None


_SECONDS = {"millisecond": 0.001, "second": 1, "minute": 60, "hour": 3600, "day": 86400,
            "week": 604800, "month": 2629800, "year": 31557600}  # fmt: skip


def _magnitude(q: Quantity) -> float:
    """A value comparable across units: "6 hrs" is more than "45 min"."""
    return q.value * _SECONDS.get(str(q.unit), 1) if q.kind == "duration" else q.value


def _level(reader: Reader, target: Role, verb_kinds: set[str]) -> bool:
    """ "Cobertura = 100 %", "Incidents = 0": a level written with "=" and no verb
    of change."""
    start = target.quantity.start
    return (
        start > 0
        and reader.words.word("level_markers", reader.folded[start - 1])
        and not verb_kinds & {"increase_verbs", "decrease_verbs", "improve_verbs", "move_verbs"}
    )


def _negated(reader: Reader, marker: int) -> bool:
    """A negation before the bound, in its clause ("No hacer más de", "never more
    than"); "zero"/"cero" is an amount, not a negation."""
    start = reader.clause_start(marker)
    return any(
        reader.words.word("negations", word) and not reader.words.word("zero_words", word)
        for word in reader.folded[start:marker]
    )


def nature(
    reader: Reader,
    kind: StatementKind,
    verb_kinds: set[str],
    picked: dict[str, Role],
    verb_start: int,
    verb_end: int,
    span: tuple[int, int] = (0, 0),
    *,
    attainment: bool = False,
) -> Nature | None:
    """Outcome or activity, by the main verb's class and the measured noun's
    class, in this order: a capability others gain; a word on the measured
    noun that says who acts ("signed", "inbound" / "sent", "outbound"); money;
    a verb of work; what the figure counts; the metric's head; the team's own
    part in its work."""
    if kind is StatementKind.VAGUE:
        return None
    verb = (verb_start, verb_end)
    found = _nature(reader, kind, verb_kinds, picked, verb, span, attainment=attainment)
    chosen, why, where = found
    reader.note("nature", chosen.value, *(where or (verb_start, verb_end)), why)
    return chosen


_Found = tuple[Nature, str, "tuple[int, int] | None"]


def _nature(
    reader: Reader,
    kind: StatementKind,
    verb_kinds: set[str],
    picked: dict[str, Role],
    verb: tuple[int, int],
    span: tuple[int, int],
    *,
    attainment: bool,
) -> _Found:
    outcome, activity = Nature.OUTCOME, Nature.ACTIVITY
    verb_end = verb[1]
    where = capability(reader, *verb)
    if where is not None:
        return outcome, "a capability others gain", where
    work_verb = "activity_verbs" in verb_kinds and "milestone_outcome_verbs" not in verb_kinds
    work_verb = work_verb or _task(reader, verb_kinds, verb_end)
    if kind is StatementKind.MILESTONE:
        done = _done_words(reader)
        if not verb_kinds and done:
            work_verb = all(work for _start, _end, work in done)
        why = "work the team does" if work_verb else "a result it does not fully control"
        return (activity if work_verb else outcome), why, None
    target = picked.get("target") or picked.get("change")
    marked = _marked(reader, verb_end, target)
    if marked is not None and marked[0] == "outcome_markers":
        return outcome, "a result others give: signed, won, inbound", marked[1]
    if target is not None and target.quantity.kind == "currency":
        payer = next((i for i in range(min(3, target.quantity.start))
                      if reader.words.match("payment_verbs", reader.folded, i)), None)  # fmt: skip
        if payer is not None:  # "Fully fund my HSA with $4,150", "Aportar 200 € al mes"
            return activity, "money one puts in: one's own doing", (payer, payer + 1)
        return outcome, "money: earned, saved or spent, a result", None
    if _turnaround(reader, verb_end, target):
        return outcome, "how fast others' requests are served: a result", None
    near = range(verb_end, min(len(reader.tokens), verb_end + 10))
    habit = next((i for i in near if reader.words.match("habit_nouns", reader.folded, i)), None)
    if habit is not None:  # "a 2 essays/week writing pace", "una rutina de lectura"
        return activity, "the pace of one's own work: a habit", (habit, habit + 1)
    relative = "change" in picked and "target" not in picked  # "a 20% increase in X"
    grows = verb_kinds & {"increase_verbs", "decrease_verbs", "keep_verbs"}
    work_verb = "activity_verbs" in verb_kinds and not grows
    if (work_verb or _relocates(reader, verb_kinds, target)) and not relative:
        return activity, "a verb of work the team controls", None
    if marked is not None:
        return activity, "work the team does: sent, held, outbound", marked[1]
    counted = _counted_work(reader, verb, target)
    if counted is not None:
        return activity, "it counts work the team does", counted
    head = None if attainment else _metric_head(reader, span)  # "del plan" is no work plan
    if head is not None and _work_metric(reader, head, span):
        return activity, "its metric counts work the team does", (head, head + 1)
    if _team_at_work(reader, span, verb_end):
        return activity, "the team's own part in its work", span
    return outcome, "a result the team does not fully control", None


_Marker = tuple[str, tuple[int, int]]


def _marked(reader: Reader, verb_end: int, target: Role | None) -> _Marker | None:
    """A word on the measured noun phrase that says who acts: "signed",
    "qualified", "inbound", "to renew", "entrantes" (others), or "sent",
    "outbound", "realizadas" (the team). The phrase ends at a preposition that
    opens another one ("calls to active customers")."""
    words, folded, tokens = reader.words, reader.folded, reader.tokens
    limit = min(len(tokens), verb_end + 10)
    noun_seen = False
    for index in range(verb_end, limit):
        for key in ("outcome_markers", "work_markers"):
            found = words.match(key, folded, index)
            if found is not None:
                return key, (index, index + found[0])
        word = folded[index]
        if tokens[index].kind == "word":
            if noun_seen and word in reader.stops and word not in reader.of_words:
                if not words.word("relative_words", word):
                    return None
            elif word not in reader.skippable:
                noun_seen = True
        elif target is not None and index >= target.quantity.end:
            noun_seen = True
    return None


def _turnaround(reader: Reader, verb_end: int, target: Role | None) -> bool:
    """ "Despachar los pedidos en menos de 24 horas", "Answer tickets within 4
    hours": a time limit on serving what others ask for is a result; on the
    team's own work ("Complete 75% of inspections within 14 days") it is not."""
    if target is None or target.bound is not Direction.AT_MOST:
        return False
    if target.quantity.kind != "duration":
        return False
    return not any(
        reader.words.match("activity_nouns", reader.folded, i)
        for i in range(verb_end, target.quantity.start)
    )


def _relocates(reader: Reader, verb_kinds: set[str], target: Role | None) -> bool:
    """ "Move 60% of the batch jobs to the new scheduler": moving a share of
    things (not of people) to a new place is a migration, work the team does."""
    if "move_verbs" not in verb_kinds or target is None or target.quantity.kind != "percent":
        return False
    words, folded, tokens = reader.words, reader.folded, reader.tokens
    for index in range(target.quantity.end, min(len(tokens), target.quantity.end + 8)):
        word = folded[index]
        if words.word("outcome_nouns", word) or words.word("population_nouns", word):
            return False  # "Move 30% of users to annual plans": their choice
        if words.word("to_markers", folded[index]):
            after = index + 1
            return after < len(tokens) and tokens[after].kind == "word"
    return False


def _counted_work(
    reader: Reader, verb: tuple[int, int], target: Role | None
) -> tuple[int, int] | None:
    """The counted noun names work ("40 calls", "12 talleres"), or the team's
    own output after a verb of shipping it ("Ship 5 integrations", "Entregar 4
    informes"); for a count of times ("3 veces por semana") the work is the
    object before the number."""
    if target is None or target.quantity.kind != "count":
        return None
    q = target.quantity
    if q.noun_start is None or q.noun_end is None:
        return None
    words, folded = reader.words, reader.folded
    nouns = range(q.noun_start, q.noun_end)
    if any(words.word("occurrence_nouns", folded[i]) for i in nouns):
        nouns = range(verb[1], q.start)
    ships = verb[0] < verb[1] and words.match("shipping_verbs", folded, verb[0]) is not None
    for index in nouns:
        if words.match("activity_nouns", folded, index) or (
            ships and words.match("output_nouns", folded, index)
        ):
            return index, index + 1
    return None


def _work_metric(reader: Reader, head: int, span: tuple[int, int]) -> bool:
    """The metric's head noun is work ("sales calls"), or measures work or
    names it with a work noun ("meeting hours", "número de talleres",
    "mentoring sessions", "sesiones de formación")."""
    words, folded = reader.words, reader.folded
    if words.match("activity_nouns", folded, head):
        return True
    measures = words.match("measure_nouns", folded, head)
    if not (measures or words.match("shared_nouns", folded, head)):
        return False
    # the words that name the head: before it in English, after it in Spanish
    named = range(head + 1, span[1]) if words.head_first else range(span[0], head)
    return any(words.match("activity_nouns", folded, i) for i in named)


def _team_at_work(reader: Reader, span: tuple[int, int], verb_end: int) -> bool:
    """ "80% team attendance at retrospectives", "participación del equipo en
    las revisiones de código": the team's own part in a piece of its work."""
    words, folded = reader.words, reader.folded
    if not any(words.word("internal_words", folded[i]) for i in range(*span)):
        return False
    end = len(folded)
    return any(
        words.match("activity_nouns", folded, i) or words.match("shared_nouns", folded, i)
        for i in range(verb_end, end)
    )


def per(
    reader: Reader,
    picked: dict[str, Role],
    span: tuple[int, int] = (0, 0),
    quantities: tuple[Quantity, ...] = (),
) -> Per | None:
    """ "20 llamadas … cada semana", "170 leads por trimestre", "20k daily sessions",
    "from 3 tests a week to 8", "Bugs per quarter = 0": the period of a rate. A
    rate written after a later figure is that figure's ("6 cities with >300
    orders/day each": the orders' rate, not the cities')."""
    change = picked.get("change")
    if change is not None and change.per is not None:
        return _PERIODS[change.per]  # a growth rate: "5% month over month"
    role = picked.get("target") or change
    if role is None:
        return None
    q = role.quantity
    if role is change and q.kind == "percent":
        for start in reader.starts("growth_rates"):  # "una tasa de crecimiento MoM del 7%"
            over = reader.over_period(start)
            if over is not None:
                reader.note("per", over[1], start, start + over[0], "a growth rate")
                return _PERIODS[over[1]]
    baseline = picked.get("baseline")
    own = q.noun_end or q.end
    later = min((o.start for o in quantities if o.start >= own and not o.name), default=None)
    found = _period_adjective(reader, q) or _rate_after(reader, own, later)
    if found is None and baseline is not None and baseline.quantity.end <= q.start:
        # the rate written on the baseline holds for the target: "de 150/semana a 40"
        b = baseline.quantity
        found = _period_adjective(reader, b) or _rate_after(reader, b.noun_end or b.end, q.start)
    aside = next((i for i in range(span[0], q.start) if reader.tokens[i].text == "("), q.start)
    if found is None and span[0] < aside:
        found = _rate_after(reader, span[0], aside)  # "Bugs per quarter = 0"
    if found is None:
        return None
    period, start, end, why = found
    reader.note("per", period, start, end, why)
    return _PERIODS[period]


_Rate = tuple[str, int, int, str]
"""A period found: the period, where its words start and end, and why."""


def _period_adjective(reader: Reader, q: Quantity) -> _Rate | None:
    """A period adjective in the figure's noun phrase: "20k daily sessions", "80.000
    visitas mensuales", "10 horas de formación mensual". Not after a percentage,
    whose period names the level's window ("churn < 3% mensual"), nor next to a
    window word, with which it names the metric ("monthly active users",
    "suscriptores activos mensuales")."""
    if q.kind == "percent":
        return None
    words, folded, tokens = reader.words, reader.folded, reader.tokens
    index = q.end
    while index < min(len(tokens), q.end + 5) and tokens[index].kind == "word":
        period = words.value("period_adjectives", folded[index : index + 1])
        if period is not None:
            beside = folded[max(0, index - 1) : index + 2]
            if any(words.word("window_nouns", word) for word in beside):
                return None
            return str(period), index, index + 1, "a rate: daily, mensual"
        if folded[index] in reader.stops and folded[index] not in reader.of_words:
            return None
        index += 1
    return None


def _rate_after(reader: Reader, index: int, end: int | None = None) -> _Rate | None:
    """ "per week", "/mo", "cada mes", "a la semana" from *index* to the end of its
    clause (or *end*)."""
    words, folded, tokens = reader.words, reader.folded, reader.tokens
    end = len(tokens) if end is None else end
    while index < end:
        token = tokens[index]
        if token.kind == "punct" and token.text in ",;.:" and not _abbreviation(reader, index):
            return None
        if words.match("baseline_context", folded, index):
            return None  # "respecto al año anterior" is a baseline, not a rate
        if token.kind == "symbol" and token.text == "/" and index + 1 < len(tokens):
            period = words.value("period_words", [folded[index + 1]])
            if period is not None:
                return str(period), index, index + 2, "a rate"
        marker = words.match("rate_markers", folded, index)
        if marker is not None:
            after = index + marker[0]
            period = words.value("period_words", folded[after : after + 1])
            distributive = index > 0 and words.word("distributive_words", folded[index - 1])
            if period is not None and not distributive:
                return str(period), index, after + 1, "a rate: per/each/por/cada"
        index += 1
    return None


def _abbreviation(reader: Reader, index: int) -> bool:
    """ "Núm. de quejas", "Avg. time": a full stop before a lower-case word ends
    an abbreviation, not a clause."""
    tokens = reader.tokens
    after = index + 1
    return (
        tokens[index].text == "."
        and after < len(tokens)
        and tokens[after].kind == "word"
        and tokens[after].text[:1].islower()
    )


def ambiguous(reader: Reader, picked: dict[str, Role], span: tuple[int, int]) -> bool:
    change = picked.get("change")
    if change is None or change.quantity.kind != "percent" or change.quantity.points:
        return False
    if change.reason == "a multiple or a half":
        return False  # halving or doubling a rate is relative by its words
    found = _rate_head(reader, span)
    if found:
        reader.note("ambiguous_percent", "true", span[0], span[1],
                    "a percent change of a rate: points or relative?")  # fmt: skip
    return found


def _rate_head(reader: Reader, span: tuple[int, int]) -> bool:
    """Whether the metric is a rate or a percentage: a rate word is its head noun
    ("tasa de crecimiento del GMV", "customer retention rate", "churn de
    suscriptores"), not a word that qualifies it ("inventario de lenta rotación")."""
    head = _metric_head(reader, span)
    if head is None:
        return reader.any_between("rate_metrics", span[0], span[1])
    words, folded = reader.words, reader.folded
    if _growth_words(reader, head, span):
        return False  # "tasa de crecimiento del GMV", "GMV growth rate": a change of GMV
    if not words.head_first:
        return words.match_ending("rate_metrics", folded, head + 1) > 0
    if words.match("rate_metrics", folded, head) is not None:
        return True
    last = head  # "el Net Revenue churn": an English compound keeps its head last
    while last + 1 < span[1] and folded[last + 1] not in reader.stops:
        last += 1
    return last > head and words.match_ending("rate_metrics", folded, last + 1) > 0


def _growth_words(reader: Reader, head: int, span: tuple[int, int]) -> bool:
    """ "tasa de crecimiento", "growth rate": a rate of change, not a rate metric."""
    words, folded = reader.words, reader.folded
    if words.head_first:
        after = folded[head + 1 : head + 3]
        return (
            len(after) == 2 and after[0] in reader.of_words and words.word("change_nouns", after[1])
        )
    return head > span[0] and words.word("change_nouns", folded[head - 1])
