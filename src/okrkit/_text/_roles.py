"""The role of each quantity: baseline, target, change, share, or one that does not count."""

from __future__ import annotations

from okrkit._model import Direction
from okrkit._text._context import Reader, Role, shown
from okrkit._text._quantities import Quantity
from okrkit._text._verb import VERB_KEYS


__all__ = ["assign_roles", "change_noun", "multiply_change"]

# --- roles -----------------------------------------------------------------------------------


class _State:
    """The roles given so far, and what the next quantity is read against."""

    def __init__(
        self, reader: Reader, verb_kinds: frozenset[str], verb_end: int, verb_start: int
    ) -> None:
        self.reader = reader
        self.verb_kinds = verb_kinds
        self.verb_end = verb_end
        self.verb_start = verb_start
        self.roles: list[Role] = []
        self.primary: Role | None = None
        self.shares: list[Role] = []
        self.anchor_end: int | None = None
        """Where the measured amount (or the population of a share) ends."""
        self.later: list[Quantity] = []
        """The quantities written after the one being read."""
        self.windows: set[int] = set()
        """The ids of the quantities in a list of windows ("at 30, 60 and 90 days")."""

    def has(self, name: str) -> bool:
        return any(r.role == name for r in self.roles)

    def add(self, role: Role, note: str, start: int, why: str) -> None:
        self.roles.append(role)
        q = role.quantity
        self.reader.note(note, shown(q), start, q.noun_end or q.end, why)


def assign_roles(
    reader: Reader,
    quantities: list[Quantity],
    anchors: list[Quantity],
    verb_kinds: frozenset[str] = frozenset(),
    verb_end: int = 0,
    verb_start: int = 0,
) -> list[Role]:
    """The role of each quantity, in the order they are written, from the words
    around it (statements.md, "Which number is which")."""
    state = _State(reader, verb_kinds, verb_end, verb_start)
    items = sorted([*quantities, *anchors], key=lambda q: q.start)
    anchor_ids = {id(a) for a in anchors}
    windows = state.windows = _window_list(reader, quantities)
    index = 0
    while index < len(items):
        q = items[index]
        if id(q) in windows:
            state.add(Role(q, "window"), "window", q.start, "one of a list of windows")
            index += 1
            continue
        following = items[index + 1] if index + 1 < len(items) else None
        state.later = items[index + 1 :]
        if (
            id(q) not in anchor_ids
            and following is not None
            and id(following) not in windows
            and _pair(state, q, following)
        ):
            index += 2
            continue
        for rule in _RULES:
            if rule(state, q, id(q) in anchor_ids):
                break
        index += 1
    _settle_shares(state)
    return state.roles


def _window_list(reader: Reader, quantities: list[Quantity]) -> set[int]:
    """The figures of a list of windows: "at the 7, 14 and 28-day marks", "a los 7,
    14 y 30 días", "at day 7, 14 and 30" (the ids of those quantities)."""
    runs: list[list[Quantity]] = []
    for q in quantities:
        run = runs[-1] if runs else None
        between = reader.folded[run[-1].end : q.start] if run else ["?"]
        if run and all(w == "," or reader.words.word("and_words", w) for w in between):
            run.append(q)
        else:
            runs.append([q])
    found: set[int] = set()
    for run in runs:
        first, last = run[0], run[-1]
        timed = last.name == "window" or (last.kind == "duration" and last.unit != "millisecond")
        day = first.start > 0 and reader.words.match(
            "duration_words", reader.folded, first.start - 1
        )
        if len(run) > 1 and (timed or day):
            found.update(id(q) for q in run)
    return found


def _named(state: _State, q: Quantity, is_all: bool) -> bool:
    """ "30-day retention", "Fortune 500", "360°": part of the metric or a name."""
    if not q.name:
        return False
    why = q.why or "part of a name or of the metric, not an amount"
    state.add(Role(q, q.name), q.name, q.start, why)
    return True


def _scale(state: _State, q: Quantity, is_all: bool) -> bool:
    """ "4,5 sobre 5", "4.5 out of 5": the scale of the number before."""
    start, size = state.reader.ending("scale_markers", q.start, skip_articles=False)
    if not (size and state.roles and state.roles[-1].quantity.end == start):
        return False
    state.add(Role(q, "qualifier", reason="a scale"), "scale", start, "a scale, not an amount")
    return True


def _window(state: _State, q: Quantity, is_all: bool) -> bool:
    """A time frame ("en los primeros 2 meses", "in the first 2 weeks") or the
    metric's window ("retención a 12 semanas"), not what is measured."""
    reader = state.reader
    if q.kind != "duration":
        return False
    to_start, to_size = reader.ending("to_markers", q.start, skip_articles=False)
    windowed = (
        to_size
        and to_start > 0
        and reader.tokens[to_start - 1].kind == "word"
        and reader.words.word("window_nouns", reader.folded[to_start - 1])
    )
    within = reader.ending("within_words", q.start)[1]
    after_amount = within and state.primary is not None
    if not (windowed or after_amount or _around_event(reader, q) or _timeframe(reader, q)):
        return False
    if _bound(reader, q)[0] is not None and not after_amount:
        return False
    start = to_start - 1 if windowed else reader.skip_articles_back(q.start) - 1
    state.add(Role(q, "window"), "window", start, "a window of time, not what is measured")
    return True


def _around_event(reader: Reader, q: Quantity) -> bool:
    """ "in the 2 days before a race", "en las 48 horas previas al lanzamiento":
    a duration with an article, before "before"/"antes de", is the time around
    an event."""
    articled = reader.skip_articles_back(q.start) < q.start
    return articled and reader.words.match("around_event_words", reader.folded, q.end) is not None


def _pair(state: _State, q: Quantity, nxt: Quantity) -> bool:
    """ "from X to Y", "de X a Y", "from 4 s to under 2 s": a baseline and a target
    (a bound between "to" and the target keeps it a target, with that bound)."""
    reader = state.reader
    primary = state.primary
    repeated = primary is not None and primary.role == "target" and not state.has("baseline")
    if primary is not None and not repeated and (primary.role != "change" or state.has("target")):
        return False
    from_start, from_len = reader.ending("from_markers", q.start)
    unread = nxt.name == "unclear"  # "from 10 to 0x20": the end is a figure not read
    if q.name or (nxt.name and not unread) or _bound(reader, q)[0] is not None:
        return False  # "más de 2 h … a 10 h": a bound, not a starting value
    bound, bound_start = _bound(reader, nxt)
    if bound is not None and reader.words.has("to_markers", reader.folded[bound_start : nxt.start]):
        bound, bound_start = None, nxt.start  # "up to 25%": only "to"
    if not from_len:
        # "ratio 12% to 18%", "$64k/mo to $75k/mo": a bare A right before "to B" (a
        # rate after A allowed), after the metric or its header, both with a unit
        to_start, to_len = reader.ending("to_markers", nxt.start, skip_articles=False)
        if not (to_len and to_start in (q.end, _rate_end(reader, q.end))):
            return False
        arrow = reader.tokens[to_start].kind == "symbol"  # "99.0% → 99.9%", "6hrs → 45min"
        rated = to_start != q.end  # "150/semana a 200/semana": a rate says A is an amount
        if not arrow and not (q.kind == nxt.kind and (q.kind != "number" or rated)):
            return False
        metric = reader.tokens[state.verb_end : q.start]
        if not arrow and any(t.kind != "word" and t.text != ":" for t in metric):
            return False
        from_start = q.start
    before = bound_start if bound is not None and bound_start < nxt.start else nxt.start
    to_start, to_len = reader.ending("to_markers", before)
    if not to_len and bound is not None and reader.words.word("to_markers", reader.folded[before]):
        to_start, to_len = before, 1  # "a menos de 2 s": the bound begins with "a"
    if not (to_len and to_start >= q.end and reader.same_clause(q.end, nxt.start)):
        return False
    if unread and primary is None:
        state.add(Role(q, "baseline", marker_start=from_start), "baseline", from_start,
                  "the value after 'from'")  # fmt: skip
        state.add(Role(nxt, "unclear"), "unclear", to_start, nxt.why)
        return True
    if unread or not _compatible(q, nxt):
        return False
    _share_units(q, nxt)
    if repeated and primary is not None:
        # "Achieve <2% bounce (reduce from 6% to <2%)": the target again, and its baseline
        same = (primary.quantity.value, primary.quantity.unit) == (nxt.value, nxt.unit)
        if not _compatible(q, primary.quantity) or not _bracketed(reader, q):
            return False
        state.add(Role(q, "baseline", marker_start=from_start), "baseline", from_start,
                  "the value after 'from'")  # fmt: skip
        role = "target" if same else "unclear"
        why = "the target again" if same else "a second target that disagrees"
        state.add(Role(nxt, role), role, to_start, why)
        return True
    target = Role(nxt, "target", bound=bound, marker_start=to_start, reason="from … to")
    state.add(Role(q, "baseline", marker_start=from_start), "baseline", from_start,
              "the value after 'from'")  # fmt: skip
    state.add(target, "target", to_start, "the value after 'to'")
    state.primary = target
    state.anchor_end = nxt.end
    return True


def _rate_end(reader: Reader, index: int) -> int:
    """Where a rate written at *index* ends ("/mo", "per week", "a la semana"), or
    *index* when there is none."""
    words, folded = reader.words, reader.folded
    marker = words.match("rate_markers", folded, index)
    size = (
        marker[0]
        if marker
        else 1
        if reader.tokens[index : index + 1] and folded[index] == "/"
        else 0
    )
    if size and words.value("period_words", folded[index + size : index + size + 1]) is not None:
        return index + size + 1
    return index


def _growth_rate(state: _State, q: Quantity, is_all: bool) -> bool:
    """ "5% month over month", "10 % semana a semana", "2x QoQ", "≥ +25% WoW": a
    change per period. A bound or a multiple makes one only with a period named
    on its own ("≥ 3% monthly" is a level; "2x per week" a count)."""
    reader = state.reader
    if (q.kind != "percent" and not q.times) or state.has("change"):
        return False
    if reader.ending("to_markers", q.start)[1]:
        return False
    found = reader.words.match("growth_rates", reader.folded, q.end)
    if found is None or _names_a_window(reader, q.end, found[0]):
        return False
    bound, bound_start = _bound(reader, q)
    if (bound is not None or q.times) and reader.over_period(q.end) is None:
        return False
    start = bound_start if bound is not None else q.start
    role = Role(q, "change", bound=bound, per=str(found[1]), marker_start=start)
    state.add(role, "change", start, f"a growth rate, per {found[1]}")
    state.primary = state.primary or role
    return True


def _names_a_window(reader: Reader, index: int, size: int) -> bool:
    """ "5% monthly churn", "3% weekly error rate": a period adjective before a
    metric's noun names the level's window; before a growth noun ("10% monthly
    revenue growth") or alone ("5% monthly") it is the growth rate's period."""
    words, folded, tokens = reader.words, reader.folded, reader.tokens
    if words.value("period_adjectives", folded[index : index + size]) is None:
        return False
    after = index + size
    run = []
    while (
        after < len(tokens) and tokens[after].kind == "word" and folded[after] not in reader.stops
    ):
        run.append(after)
        after += 1
    return bool(run) and not any(words.match("change_nouns", folded, i) for i in run)


def _later(state: _State, q: Quantity, is_all: bool) -> bool:
    """After the measured amount: a value compared with, a baseline after "from"
    ("(desde 120 clientes)"), or a change ("by 20%", "(+50%)")."""
    reader = state.reader
    if state.primary is None and not state.shares:
        return False
    if _baseline_context(reader, q, state.anchor_end) and not state.has("baseline"):
        state.add(Role(q, "baseline"), "baseline", reader.clause_start(q.start),
                  "the value compared with")  # fmt: skip
        return True
    from_start, from_len = reader.ending("from_markers", q.start)
    primary = state.primary
    if (
        from_len
        and primary is not None
        and not state.has("baseline")
        and (
            (
                primary.role == "target"
                and _compatible(q, primary.quantity)
                and _bracketed(reader, q)
            )
            or (
                primary.role == "change"
                and not state.has("target")
                and not reader.words.has(
                    "of_words", reader.folded[from_start : from_start + from_len]
                )
            )
        )
    ):  # "(desde 120 clientes)", "by 30% from avg. 9 minutes"; "20% de las 5" is a part
        _share_units(q, primary.quantity)
        state.add(Role(q, "baseline"), "baseline", from_start, "the value it starts from")
        return True
    if state.has("change"):
        return False
    change_start = _change_context(reader, q, state.verb_kinds)
    if change_start is None and q.kind == "percent" and (q.sign or _opens_bracket(reader, q)):
        change_start = q.start  # "(+50%)", "(-20%)", "(50 %)" after from … to
    if change_start is None:
        return False
    state.add(Role(q, "change", marker_start=change_start), "change", change_start,
              "a change: 'by', 'en un', a signed percent")  # fmt: skip
    return True


def _share_rule(state: _State, q: Quantity, is_all: bool) -> bool:
    """ "90% of prospects", "all the opportunities": a share of a population."""
    bound, bound_start = _bound(state.reader, q)
    share_end = q.noun_end if is_all else _share(state.reader, q)
    if share_end is None or _change_context(state.reader, q, state.verb_kinds) is not None:
        return False
    candidate = Role(q, "share", bound=bound, marker_start=bound_start or q.start)
    state.shares.append(candidate)
    state.roles.append(candidate)
    state.anchor_end = share_end
    return True


def _qualifier(state: _State, q: Quantity, is_all: bool) -> bool:
    """A number that describes the population, not the measured amount: after a
    qualifier word ("with", "que", "whose"), or a bound after the measured amount
    ("12 clients above $500k ARR")."""
    reader = state.reader
    bound, bound_start = _bound(reader, q)
    # before any amount, a bound after a qualifier word describes the population too
    # ("Reducir el tiempo en tareas que toman más de 2 h al día a 10 h")
    anchor = state.anchor_end if state.anchor_end is not None else state.verb_end
    if state.anchor_end is None and (bound is None or not state.verb_end):
        return False
    to_start, to_len = reader.ending("to_markers", q.start)
    marker = bound_start if bound else (to_start if to_len else q.start)
    if state.anchor_end is None:  # only a relative clause: "tareas que toman más de 2 h"
        qualified = reader.any_between("relative_words", anchor, marker) or _amount_follows(
            state, q, anchor, marker
        )
    else:
        qualified = _qualified(reader, anchor, marker)
    after_amount = (
        bound is not None
        and state.primary is not None
        and state.primary.role in ("target", "change")
        and bound_start >= anchor
        and reader.tokens[bound_start - 1].kind == "word"
    )
    if not (qualified or after_amount):
        return False
    state.add(Role(q, "qualifier"), "qualifier", anchor, "describes something else")
    return True


def _attribute(state: _State, q: Quantity, is_all: bool) -> bool:
    """A figure that describes a noun rather than measures: "a 15% discount
    campaign on 3 stations", "una campaña de descuentos del 15 % en 3 radios" (a
    count follows in the clause), "reviewed by 2 engineers" (who does the work)."""
    reader = state.reader
    if q.kind in ("count", "number") and q.noun_start is not None:
        agent = reader.ending("agent_markers", q.start)[1]
        if (
            agent
            and (state.primary or state.shares)
            and reader.words.match("agent_nouns", reader.folded, q.noun_start)
        ):
            state.add(Role(q, "qualifier"), "qualifier", q.start, "who does the work")
            return True
        return False
    if q.kind != "percent" or state.primary is not None or state.shares:
        return False
    if state.verb_kinds & {"increase_verbs", "decrease_verbs", "improve_verbs", "keep_verbs"}:
        return False
    if not reader.ending("attribute_markers", q.start, skip_articles=False)[1]:
        return False
    if _bound(reader, q)[0] is not None or _change_context(reader, q, state.verb_kinds) is not None:
        return False
    counted = any(
        later.kind == "count" and not later.name and reader.same_clause(q.end, later.start)
        for later in state.later
    )
    if counted:
        state.add(Role(q, "qualifier"), "qualifier", q.start, "it describes a noun")
    return counted


def _amount_follows(state: _State, q: Quantity, anchor: int, marker: int) -> bool:
    """ "tickets older than 3 days from 40 to 10", "los tickets con más de 3 días
    a 10": a bound on the noun after the verb, before an amount of another kind
    written after "from"/"to" in the same clause, describes the population."""
    reader = state.reader
    if marker <= anchor or reader.tokens[marker - 1].kind != "word":
        return False
    if reader.folded[marker - 1] in reader.skippable:
        return False
    for later in state.later:
        if later.name or id(later) in state.windows or not reader.same_clause(q.end, later.start):
            continue
        marked = (
            reader.ending("to_markers", later.start)[1]
            or reader.ending("from_markers", later.start)[1]
        )
        return bool(marked) and later.kind != q.kind
    return False


def _aside(state: _State, q: Quantity, is_all: bool) -> bool:
    """A figure in parentheses before the measured amount describes the metric or
    its population: "Grow engaged teams (3+ projects/week) from 1,200 to 2,000",
    "Aumentar usuarios activos (≥ 3 sesiones/semana) a 5.000"."""
    reader = state.reader
    if state.primary is not None or state.shares or not _bracketed(reader, q):
        return False
    tokens = reader.tokens
    close = next((i for i in range(q.end, len(tokens)) if tokens[i].text in ")("), None)
    if close is None or tokens[close].text != ")":
        return False
    if not any(t.kind == "number" for t in tokens[close + 1 :]):
        return False
    if reader.ending("from_markers", q.start)[1] or _baseline_context(reader, q, None):
        if state.has("baseline"):
            return False
        state.add(Role(q, "baseline"), "baseline", q.start, "the value it starts from, aside")
        return True  # "Grow ARR (currently $2M) to $3M", "Subir la NPS (desde 30) a 50"
    state.add(Role(q, "qualifier"), "qualifier", q.start, "in parentheses before the amount: "
              "it describes the metric")  # fmt: skip
    return True


def _measured(state: _State, q: Quantity, is_all: bool) -> bool:
    """The measured amount: a change ("by 20%", "Increase signups 20%") or the
    target ("to 20%", "at least 5", "40 calls"); once a change is read, a value
    after "to" is the target."""
    reader = state.reader
    primary = state.primary
    bound, bound_start = _bound(reader, q)
    to_start, to_len = reader.ending("to_markers", q.start)
    if primary is not None and not (
        primary.role == "change" and not state.has("target") and (to_len or bound)
    ):
        return False
    change_start = None if primary is not None else _change_context(reader, q, state.verb_kinds)
    if change_start is None and primary is None and _bare_change(state, q, to_len, bound):
        change_start = q.start
    verbless_plus = q.sign == "+" and not state.verb_kinds and q.kind != "number"
    if change_start is None and primary is None and verbless_plus and not to_len:
        change_start = q.start  # "Target: +90 visitors/month", "Leads: +50/semana"
    to_bound = bound is not None and reader.ending("to_markers", bound_start)[1]
    noun_verb = primary is None and not (to_len or to_bound) and _noun_verb(state)
    if change_start is None and noun_verb:
        change_start = state.verb_start
    period = _noun_period(state) if noun_verb and change_start is not None else None
    if change_start is not None:
        role = Role(q, "change", bound=bound, marker_start=change_start, per=period)
        state.add(role, "change", change_start, "a change: 'by', 'en un', or a percent after "
                  "a verb of change and its metric")  # fmt: skip
    else:
        marker = bound_start if bound else (to_start if to_len else q.start)
        role = Role(q, "target", bound=bound, marker_start=marker)
        why = (
            f"after a bound ({bound.value})"
            if bound
            else ("after 'to'" if to_len else "the amount the verb acts on")
        )
        state.add(role, "target", marker, "'all' is 100 %" if is_all else why)
    state.primary = state.primary or role
    state.anchor_end = q.noun_end or q.end
    return True


def _unclear(state: _State, q: Quantity, is_all: bool) -> bool:
    """A figure the reader could give no role: kept, and said to be unclear."""
    state.add(Role(q, "unclear"), "unclear", q.start, "no role could be told for it")
    return True


_RULES = (_named, _scale, _window, _growth_rate, _attribute, _later, _share_rule, _aside,
          _qualifier, _measured, _unclear)  # fmt: skip
"""The rules that give a quantity its role, tried in this order (a from … to pair
is tried first, over two quantities)."""


def _settle_shares(state: _State) -> None:
    """A share with no other amount is the target itself ("contact 80% of customers")."""
    reader = state.reader
    has_target = any(r.role in ("target", "change") for r in state.roles)
    for candidate in state.shares:
        q = candidate.quantity
        if not has_target:
            candidate.role = "target"
            reader.note("target", shown(q), candidate.marker_start, q.end, "the only amount")
            has_target = True
        else:
            reader.note("share", shown(q), candidate.marker_start, q.noun_end or q.end,
                        "the share of a population the bound must hold for")  # fmt: skip
            break


def _opens_bracket(reader: Reader, q: Quantity) -> bool:
    """Whether *q* is the first thing in parentheses ("(50 %)"); "(net revenue
    retention 115%)" names another metric."""
    return q.start > 0 and reader.tokens[q.start - 1].text == "("


def _bracketed(reader: Reader, q: Quantity) -> bool:
    """Whether *q* is written inside parentheses ("(+50%)", "(desde 120)")."""
    index = q.start - 1
    while index >= 0 and reader.tokens[index].kind not in ("punct",):
        index -= 1
    return index >= 0 and reader.tokens[index].text == "("


def _bare_change(state: _State, q: Quantity, to_len: int, bound: Direction | None) -> bool:
    """ "Increase signups 20%": a percent right after a verb of change and its
    metric, with no "to" or bound before it, is a change."""
    reader = state.reader
    if q.kind != "percent" or to_len or bound is not None:
        return False
    if not state.verb_kinds & {"increase_verbs", "decrease_verbs", "improve_verbs"}:
        return False
    between = reader.tokens[state.verb_end : q.start]
    if not between and state.verb_start > 0:
        return True  # "Customer calls grow 20%": the metric is the subject
    # a window or a name is part of the metric: "en los primeros 60 días 35%"
    named = {
        at
        for r in state.roles
        if r.role in ("window", "name")
        for at in range(r.quantity.start, r.quantity.noun_end or r.quantity.end)
    }
    if not between or any(
        t.kind != "word" and at not in named and not (t.text == "-" and t.glued)
        for at, t in enumerate(between, state.verb_end)
    ):
        return False
    last = reader.folded[q.start - 1]
    return not (
        last in reader.of_words
        or reader.words.word("value_markers", last)
        or reader.words.word("to_markers", last)
    )


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
    if q.plus:
        return Direction.AT_LEAST, q.start  # "20+ demos", "(90%+)"
    folded, tokens = reader.folded, reader.tokens
    places = [q.end]
    if q.noun_end is not None:
        places.extend(range(q.noun_end, min(q.noun_end + 3, len(tokens) + 1)))
    for after in places:
        if after > q.end and after - 1 < len(tokens) and tokens[after - 1].kind != "word":
            break
        for key, bound in (("at_least_after", Direction.AT_LEAST),
                           ("at_most_after", Direction.AT_MOST)):  # fmt: skip
            found = reader.words.match(key, folded, after)
            if found is None:
                continue
            follows = after + found[0]
            if follows < len(tokens) and tokens[follows].kind == "number":
                continue  # "5 stores with minimum 200 visits": the next figure's bound
            return bound, q.start
    return None, 0


def _timeframe(reader: Reader, q: Quantity) -> bool:
    start, size = reader.ending("timeframe_markers", q.start)
    if not size:
        return False
    marker = reader.folded[start : start + size]
    # a bare "in"/"en" before a duration is a time frame only for a milestone or
    # when it follows the measured amount ("20 calls in 2 weeks")
    if reader.words.has("bare_timeframe_markers", marker):
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
    if _than_current(reader, q):
        return q.start  # "5x current peak traffic", "2 días menos que el tiempo actual"
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
    if size and article and not changing:
        size = 0  # "lograr un 97%": a level to reach, not a change
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
    if q.kind == "percent" and index < q.start and "keep_verbs" not in verb_kinds:
        # "un crecimiento de suscripciones del 15 %": the noun, then what grows
        for at in range(index - 1, max(index - 5, reader.clause_start(q.start)) - 1, -1):
            if reader.tokens[at].kind != "word":
                break
            if words.word("change_nouns", reader.folded[at]):
                return at
    if q.kind == "percent" and words.match("change_after_words", reader.folded, q.end):
        return q.start  # "un 60% más de software", "20% more demos"
    if _noun_after(reader, q) is not None:
        return q.start  # "a 20% increase in conversion", "a 15% cost reduction"
    return None


def _than_current(reader: Reader, q: Quantity) -> bool:
    """A multiple of, or an amount more or less than, a level named as current:
    "5x current peak traffic", "3 veces el tráfico actual", "3 days less than
    current time"."""
    index = q.end
    if not q.times:
        found = reader.words.match("than_words", reader.folded, index)
        if found is None:
            return False
        index += found[0]
    end = min(index + 5, len(reader.tokens))
    return any(reader.words.word("current_words", word) for word in reader.folded[index:end])


def _noun_after(reader: Reader, q: Quantity) -> int | None:
    """Where the change noun after a figure stands: "a 6% reduction in churn",
    "a 15% cost reduction", "a 40% time saving", "un 15 % de ahorro"; or None.
    Up to two words that name what changes may come between (English), or "de"."""
    words, folded, tokens = reader.words, reader.folded, reader.tokens
    index = q.noun_start or q.end
    if index < len(folded) and folded[index] in reader.of_words and words.head_first:
        index += 1
    for at in range(index, min(index + 3, len(tokens))):
        if tokens[at].kind != "word" or (folded[at] in reader.stops and at > index):
            return None
        if words.match("change_nouns", folded, at):
            return at
        if words.head_first:
            return None
    return None


def change_noun(reader: Reader, role: Role) -> int | None:
    """Where the noun that makes *role* a change stands, before the figure ("una
    reducción del 10 %") or after it ("a 6% reduction"), or None."""
    marker = role.marker_start
    if marker < role.quantity.start and reader.words.match("change_nouns", reader.folded, marker):
        return marker
    return _noun_after(reader, role.quantity)


def _noun_verb(state: _State) -> bool:
    """ "MRR growth: > 8%/month", "Tasa de crecimiento mensual del 5 %": the
    sentence's main word is a change noun, so its figure is the change."""
    reader, start = state.reader, state.verb_start
    if state.verb_end <= start or reader.words.match("change_nouns", reader.folded, start) is None:
        return False
    # "Increase", "Decrease" open a sentence as verbs; after a subject they are nouns
    verb = any(reader.words.match(key, reader.folded, start) for key in VERB_KEYS)
    return not verb or (start > 0 and not reader.words.head_first)


def _noun_period(state: _State) -> str | None:
    """The period adjective of a change noun ("monthly growth", "weekly user
    growth", "crecimiento mensual"): the period of the growth rate."""
    reader, words = state.reader, state.reader.words
    if words.head_first:
        places = range(state.verb_end, min(state.verb_end + 1, len(reader.tokens)))
    else:
        begin = state.verb_start
        while begin > 0 and reader.tokens[begin - 1].kind == "word":
            begin -= 1
        places = range(begin, state.verb_start)
    for index in places:
        period = words.value("period_adjectives", reader.folded[index : index + 1])
        if period is not None:
            return str(period)
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
        # any plural noun phrase: "85% of new clinics", "60% of nightly batch jobs",
        # "90% of suppliers are paid…" (it ends at a grammar word or a verb)
        end, plural = index, None
        while end < len(folded) and end < index + 4 and reader.tokens[end].kind == "word":
            word = folded[end]
            if (
                word in reader.stops
                or reader.words.word("attainment_nouns", word)
                or reader.words.word("grammar_words", word)
                or any(reader.words.match(key, folded, end) for key in VERB_KEYS)
            ):
                break
            end += 1
            if word.endswith("s"):
                plural = end
        return plural
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
