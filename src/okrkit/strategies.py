"""Hypothesis strategies for okrkit values, to test code that builds on okrkit.

Install hypothesis (``python -m pip install hypothesis``, or the extra:
``".[hypothesis]"`` from a checkout of okrkit, ``"okrkit[hypothesis]"`` once okrkit
is published) and draw plans the way a team writes them: objectives in English
or Spanish with three to five key results, every direction, units that convert,
check-ins inside the period, activities linked to the outcomes they drive::

    from hypothesis import given
    from okrkit import strategies as okst

    @given(okst.plans(languages=["es"], max_objectives=3))
    def test_my_dashboard(plan):
        ...

Values come as the DSL and the plan loaders make them, statements already
read, so a plan written to a file and read back is equal to the one drawn.
Every value is built directly, never filtered, so drawing stays fast however
the strategies are narrowed. With their defaults, :func:`plans` makes plans that
:func:`okrkit.check` passes without an error or a warning (findings of level
``info`` may remain); narrower or wider sizes than the method's three to five
give the warnings they deserve.

With the extra installed, ``st.from_type(okrkit.Plan)`` (and ``Objective``,
``KeyResult``, ``CheckIn``, ``Period``, ``Amount``) uses these strategies.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Sequence
from typing import Any

from okrkit._amount import Amount, format_number
from okrkit._fields import flag, number, optional_of_type, optional_text
from okrkit._model import (
    CheckIn,
    Commitment,
    Direction,
    KeyResult,
    Link,
    Nature,
    Objective,
    Per,
    Plan,
)
from okrkit._period import GREGORIAN, Calendar, Period
from okrkit._text import read_key_result, read_plan
from okrkit.exceptions import InvalidValueError, OptionalDependencyError


try:
    from hypothesis import strategies as st
except ImportError:  # pragma: no cover - the extra is missing
    raise OptionalDependencyError("hypothesis", "okrkit[hypothesis]") from None


__all__ = [
    "LANGUAGES",
    "PERIOD_KINDS",
    "amounts",
    "checkins",
    "key_results",
    "objectives",
    "periods",
    "plans",
]

LANGUAGES = ("en", "es")
"""The languages statements and titles are written in."""

PERIOD_KINDS = ("year", "half", "quarter", "month")
"""The periods an objective is set for (the method's month, quarter and year, and halves)."""

_ALL_DIRECTIONS = tuple(Direction)


# --- argument checks: a wrong argument is named when the strategy is made ------------


def _choice(name: str, value: object, among: Sequence[object]) -> tuple[Any, ...]:
    """A non-empty choice from *among*, given as a list (not as one text)."""
    expected = "a non-empty choice of " + ", ".join(str(item) for item in among)
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise InvalidValueError(name, value, expected)
    chosen = tuple(value)
    if not chosen or any(item not in among for item in chosen):
        raise InvalidValueError(name, value, expected)
    return chosen


def _languages(value: object) -> tuple[str, ...]:
    return _choice("languages", value, LANGUAGES)


def _directions(value: object) -> tuple[Direction, ...]:
    return tuple(Direction(d) for d in _choice("directions", value, _ALL_DIRECTIONS))


def _kinds(value: object) -> tuple[str, ...]:
    return _choice("kinds", value, PERIOD_KINDS)


_MOST = 1000
"""The largest count a strategy draws (objectives, key results, check-ins)."""


def _size(name: str, low: object, high: object, *, floor: int = 0) -> None:
    if not all(isinstance(n, int) and not isinstance(n, bool) for n in (low, high)) or not (
        floor <= low <= high <= _MOST  # type: ignore[operator]
    ):
        raise InvalidValueError(
            f"min_{name}/max_{name}",
            (low, high),
            f"whole numbers with {floor} ≤ min ≤ max ≤ {_MOST}",
        )


# --- periods and amounts ---------------------------------------------------------------


def periods(
    *,
    kinds: Collection[str] = PERIOD_KINDS,
    calendar: Calendar | None = None,
    min_year: int = 2000,
    max_year: int = 2060,
) -> st.SearchStrategy[Period]:
    """Years, halves, quarters and months (fiscal ones when the calendar's year
    starts in another month) between *min_year* and *max_year*."""
    chosen = _kinds(kinds)
    years = (min_year, max_year)
    if not all(isinstance(n, int) and not isinstance(n, bool) for n in years) or not (
        1900 <= min_year <= max_year <= 2200
    ):
        raise InvalidValueError("min_year/max_year", years, "years 1900..2200")
    calendar = optional_of_type("periods(calendar)", calendar, Calendar, "a Calendar") or GREGORIAN

    @st.composite
    def draw_period(draw: st.DrawFn) -> Period:
        year = draw(st.integers(min_year, max_year))
        kind = draw(st.sampled_from(chosen))
        if kind == "year":
            return calendar.year(year)
        if kind == "half":
            return calendar.half(year, draw(st.integers(1, 2)))
        if kind == "quarter":
            return calendar.quarter(year, draw(st.integers(1, 4)))
        return calendar.month(year, draw(st.integers(1, 12)))

    return draw_period()


# What a key result measures, per language: the metric's name, its unit, how a
# number in it is written, and the range its values live in.
_Measure = tuple[str, str, str, float, float]  # metric, unit, how to write n, low, high

_OUTCOMES: dict[str, tuple[_Measure, ...]] = {
    "en": (
        ("qualified leads", "lead", "{n} qualified leads", 10, 2000),
        ("monthly recurring revenue", "USD", "${n}", 10_000, 5_000_000),
        ("sales cycle", "day", "{n} days", 5, 120),
        ("first response time", "minute", "{n} minutes", 1, 240),
        ("customer retention", "percent", "{n}%", 5, 99),
        ("new enterprise customers", "customer", "{n} new enterprise customers", 1, 300),
    ),
    "es": (
        ("leads calificados", "lead", "{n} leads calificados", 10, 2000),
        ("ventas del trimestre", "EUR", "{n} €", 10_000, 5_000_000),
        ("ciclo de venta", "day", "{n} días", 5, 120),
        ("tiempo de primera respuesta", "minute", "{n} minutos", 1, 240),
        ("retención de clientes", "percent", "{n} %", 5, 99),
        ("clientes nuevos", "customer", "{n} clientes nuevos", 1, 300),
    ),
}
_ACTIVITIES: dict[str, tuple[_Measure, ...]] = {
    "en": (
        ("prospecting calls", "call", "{n} prospecting calls", 5, 200),
        ("sales meetings", "meeting", "{n} sales meetings", 2, 60),
        ("proposals", "proposal", "{n} proposals", 1, 40),
    ),
    "es": (
        ("llamadas de prospección", "call", "{n} llamadas de prospección", 5, 200),
        ("reuniones comerciales", "meeting", "{n} reuniones comerciales", 2, 60),
        ("propuestas", "proposal", "{n} propuestas", 1, 40),
    ),
}
_MILESTONES = {
    "en": ("Launch the partner portal", "Sign the distribution agreement", "Open the Lima office"),
    "es": (
        "Lanzar el portal de socios",
        "Firmar el acuerdo de distribución",
        "Abrir la oficina de Lima",
    ),
}
_VERBS = {
    "en": {
        Direction.INCREASE: "Grow {metric} from {a} to {b}",
        Direction.DECREASE: "Reduce {metric} from {a} to {b}",
        Direction.AT_LEAST: "Keep {metric} at or above {b}",
        Direction.AT_MOST: "Keep {metric} at or below {b}",
    },
    "es": {
        Direction.INCREASE: "Aumentar {metric} de {a} a {b}",
        Direction.DECREASE: "Reducir {metric} de {a} a {b}",
        Direction.AT_LEAST: "Lograr {metric} de al menos {b}",
        Direction.AT_MOST: "Lograr {metric} de como máximo {b}",
    },
}
_ACTIVITY_VERBS = {"en": "Make at least {b} per week", "es": "Realizar al menos {b} por semana"}
_TITLES = {
    "en": (
        "Become the partner {who} trust first",
        "Win the {where} market",
        "Make every {who} a promoter",
        "Build a sales engine that keeps {who} coming back",
    ),
    "es": (
        "Ser el socio de confianza de {who}",
        "Conquistar el mercado de {where}",
        "Que {who} nos recomienden",
        "Crecer en {where} con {who} satisfechos",
    ),
}
_WHO = {
    "en": ("mid-size retailers", "our customers", "hospital buyers", "distributors"),
    "es": ("los minoristas medianos", "nuestros clientes", "los hospitales", "los distribuidores"),
}
_WHERE = {
    "en": ("the Andean region", "Mexico", "the north", "Iberia"),
    "es": ("la región andina", "México", "el norte", "Iberia"),
}
_TEAMS = ("ventas", "marketing", "sales", "customer-success", "operaciones", "finance")


def amounts(*, units: Sequence[str | None] | None = None) -> st.SearchStrategy[Amount]:
    """Amounts in the units key results use (or in *units*), with values in the
    range each unit's metrics live in."""
    measures = [m for group in (*_OUTCOMES.values(), *_ACTIVITIES.values()) for m in group]
    ranges: dict[str | None, tuple[float, float]] = {
        unit: (low, high) for _metric, unit, _text, low, high in measures
    }
    if isinstance(units, (str, bytes)) or not isinstance(units, Iterable | None):
        raise InvalidValueError("units", units, "a non-empty list of unit texts (or None)")
    chosen = tuple(units) if units is not None else tuple(sorted(u for u in ranges if u))
    if not chosen or any(u is not None and not isinstance(u, str) for u in chosen):
        raise InvalidValueError("units", units, "a non-empty list of unit texts (or None)")

    @st.composite
    def draw_amount(draw: st.DrawFn) -> Amount:
        unit = draw(st.sampled_from(chosen))
        low, high = ranges.get(unit, (0, 1000))
        return Amount(draw(_whole(low, high)), unit)

    return draw_amount()


def _whole(low: float, high: float) -> st.SearchStrategy[float]:
    """Round numbers, as targets are written (whole, in steps that suit the size)."""
    step = 1 if high <= 1000 else 1000
    return st.integers(int(low) // step, int(high) // step).map(lambda n: float(n * step))


def checkins(
    *,
    within: Period | None = None,
    unit: str | None = "lead",
    low: float = 0,
    high: float = 100,
    confidence: bool = True,
) -> st.SearchStrategy[CheckIn]:
    """One check-in dated inside *within* (any date when None), its value between
    *low* and *high* in *unit*, with a confidence in 0..1 when *confidence*."""
    low, high = number("checkins(low)", low), number("checkins(high)", high)
    if not low <= high:
        raise InvalidValueError("low/high", (low, high), "low ≤ high")
    if abs(low) > 1e12 or abs(high) > 1e12:
        raise InvalidValueError("low/high", (low, high), "values within ±10¹²")
    optional_of_type("checkins(within)", within, Period, "a Period")
    optional_text("checkins(unit)", unit)
    flag("checkins(confidence)", confidence)
    start, end = (
        (within.start, within.end) if within else (dt.date(2000, 1, 1), dt.date(2060, 12, 31))
    )
    return st.builds(
        CheckIn,
        st.dates(min_value=start, max_value=end),
        st.builds(Amount, _whole(low, high), st.just(unit)),
        confidence=(st.none() | _confidences()) if confidence else st.none(),
    )


def _confidences() -> st.SearchStrategy[float]:
    return st.integers(0, 10).map(lambda n: n / 10)


def _history(
    draw: st.DrawFn, window: Period, unit: str | None, low: float, high: float, most: int
) -> tuple[CheckIn, ...]:
    """Check-ins on distinct days inside the window, in date order."""
    span = (window.end - window.start).days
    count = draw(st.integers(0, min(most, span + 1)))
    offsets = sorted(
        draw(st.lists(st.integers(0, span), min_size=count, max_size=count, unique=True))
    )
    return tuple(
        CheckIn(
            window.start + dt.timedelta(days=offset),
            Amount(draw(_whole(low, high)), unit),
            confidence=draw(st.none() | _confidences()),
        )
        for offset in offsets
    )


# --- key results, objectives, plans ----------------------------------------------------


def key_results(
    *,
    directions: Collection[Direction | str] = _ALL_DIRECTIONS,
    languages: Collection[str] = LANGUAGES,
    activities: bool = True,
    within: Period | None = None,
    max_checkins: int = 4,
    statements: bool = True,
) -> st.SearchStrategy[KeyResult]:
    """Measurable key results: a baseline and a target on the side the direction
    says, a milestone for ``achieve``, an activity counted per week when
    *activities*; their statement written in one of *languages* when *statements*;
    up to *max_checkins* check-ins inside *within* (none when it is None)."""
    chosen = _directions(directions)
    langs = _languages(languages)
    _size("checkins", 0, max_checkins)
    flag("key_results(activities)", activities)
    flag("key_results(statements)", statements)
    optional_of_type("key_results(within)", within, Period, "a Period")

    @st.composite
    def draw_key_result(draw: st.DrawFn) -> KeyResult:
        lang = draw(st.sampled_from(langs))
        kind = draw(st.sampled_from(("outcome", "activity") if activities else ("outcome",)))
        made = _key_result(
            draw, lang=lang, kind=kind, directions=chosen, window=within,
            max_checkins=max_checkins, statements=statements, id=None,
        )  # fmt: skip
        return read_key_result(made, lang=lang)

    return draw_key_result()


def _key_result(
    draw: st.DrawFn,
    *,
    lang: str,
    kind: str,
    directions: tuple[Direction, ...],
    window: Period | None,
    max_checkins: int,
    statements: bool,
    id: str | None,
) -> KeyResult:
    def history(unit: str | None, low: float, high: float) -> tuple[CheckIn, ...]:
        return () if window is None else _history(draw, window, unit, low, high, max_checkins)

    if kind == "activity":
        metric, unit, written, low, high = draw(st.sampled_from(_ACTIVITIES[lang]))
        target = draw(_whole(low, high))
        statement = _ACTIVITY_VERBS[lang].format(b=written.format(n=format_number(target)))
        return KeyResult(
            statement if statements else None, id=id, metric=metric,
            direction=Direction.AT_LEAST, target=Amount(target, unit), per=Per.WEEK,
            nature=Nature.ACTIVITY, checkins=history(unit, 0, target * 1.5),
        )  # fmt: skip
    direction = draw(st.sampled_from(directions))
    if direction is Direction.ACHIEVE:
        checkins = tuple(
            CheckIn(c.date, Amount(0), confidence=c.confidence) for c in history(None, 0, 0)
        )
        return KeyResult(
            draw(st.sampled_from(_MILESTONES[lang])) if statements else None, id=id,
            direction=Direction.ACHIEVE, nature=Nature.OUTCOME, done=draw(st.booleans()),
            checkins=checkins,
        )  # fmt: skip
    metric, unit, written, low, high = draw(st.sampled_from(_OUTCOMES[lang]))
    first, second = sorted(draw(st.lists(_whole(low, high), min_size=2, max_size=2, unique=True)))
    lower_is_goal = direction in (Direction.DECREASE, Direction.AT_MOST)
    baseline, target = (second, first) if lower_is_goal else (first, second)
    statement = _VERBS[lang][direction].format(
        metric=metric,
        a=written.format(n=format_number(baseline)),
        b=written.format(n=format_number(target)),
    )
    return KeyResult(
        statement if statements else None, id=id, metric=metric, direction=direction,
        baseline=Amount(baseline, unit), target=Amount(target, unit), nature=Nature.OUTCOME,
        checkins=history(unit, low, high),
    )  # fmt: skip


def objectives(
    *,
    min_key_results: int = 3,
    max_key_results: int = 5,
    directions: Collection[Direction | str] = _ALL_DIRECTIONS,
    languages: Collection[str] = LANGUAGES,
    period: Period | None = None,
    max_checkins: int = 4,
    statements: bool = True,
) -> st.SearchStrategy[Objective]:
    """Objectives with an inspiring title (no number in it), an owner, a period
    (*period*, else one drawn), and *min_key_results* to *max_key_results* key
    results: the first an outcome, activities after it."""
    chosen = _directions(directions)
    langs = _languages(languages)
    _size("key_results", min_key_results, max_key_results)
    _size("checkins", 0, max_checkins)
    flag("objectives(statements)", statements)
    optional_of_type("objectives(period)", period, Period, "a Period")

    @st.composite
    def draw_objective(draw: st.DrawFn) -> Objective:
        window = period or draw(periods(kinds=("quarter", "half", "year")))
        lang = draw(st.sampled_from(langs))
        made = _objective(
            draw, index=0, lang=lang, window=window,
            sizes=(min_key_results, max_key_results), directions=chosen,
            max_checkins=max_checkins, statements=statements, own_period=True,
        )  # fmt: skip
        return read_plan(Plan(lang=lang, objectives=(made,))).objectives[0]

    return draw_objective()


def _objective(
    draw: st.DrawFn,
    *,
    index: int,
    lang: str,
    window: Period,
    sizes: tuple[int, int],
    directions: tuple[Direction, ...],
    max_checkins: int,
    statements: bool,
    own_period: bool,
    parent: str | None = None,
) -> Objective:
    """Objective number *index*; its period is *window*, or the plan's unless *own_period*."""
    title = draw(st.sampled_from(_TITLES[lang])).format(
        who=draw(st.sampled_from(_WHO[lang])), where=draw(st.sampled_from(_WHERE[lang]))
    )
    count = draw(st.integers(*sizes))
    items = tuple(
        _key_result(
            draw,
            lang=lang,
            kind="outcome" if k == 0 else draw(st.sampled_from(["outcome", "activity"])),
            directions=directions,
            window=window,
            max_checkins=max_checkins,
            statements=statements,
            id=f"o{index}-k{k}",
        )
        for k in range(count)
    )
    return Objective(
        title,
        id=f"o{index}",
        owner=f"{draw(st.sampled_from(_TEAMS))}-{index}",
        period=window if own_period else None,
        commitment=draw(st.sampled_from(Commitment)),
        parent=parent,
        weight=float(draw(st.integers(1, 3))),
        key_results=items,
    )


def plans(
    *,
    min_objectives: int = 1,
    max_objectives: int = 5,
    min_key_results: int = 3,
    max_key_results: int = 5,
    directions: Collection[Direction | str] = _ALL_DIRECTIONS,
    languages: Collection[str] = LANGUAGES,
    period_kinds: Collection[str] = ("quarter", "half", "year"),
    links: bool = True,
    aligned: bool = True,
    max_checkins: int = 4,
    statements: bool = True,
) -> st.SearchStrategy[Plan]:
    """Plans in one language, for one period: *min_objectives* to *max_objectives*
    objectives, each owned by its own team, with *min_key_results* to
    *max_key_results* key results; each activity linked, with its reason, to the
    outcome it drives when *links*; objectives after the first aligned to an
    earlier one when *aligned*."""
    chosen = _directions(directions)
    langs = _languages(languages)
    kinds = _kinds(period_kinds)
    _size("objectives", min_objectives, max_objectives)
    _size("key_results", min_key_results, max_key_results)
    _size("checkins", 0, max_checkins)
    for name, value in (("links", links), ("aligned", aligned), ("statements", statements)):
        flag(f"plans({name})", value)

    @st.composite
    def draw_plan(draw: st.DrawFn) -> Plan:
        lang = draw(st.sampled_from(langs))
        window = draw(periods(kinds=kinds))
        count = draw(st.integers(min_objectives, max_objectives))
        made: list[Objective] = []
        for index in range(count):
            parent = None
            if aligned and index > 0 and draw(st.booleans()):
                parent = made[draw(st.integers(0, index - 1))].id
            made.append(
                _objective(
                    draw,
                    index=index,
                    lang=lang,
                    window=window,
                    sizes=(min_key_results, max_key_results),
                    directions=chosen,
                    max_checkins=max_checkins,
                    statements=statements,
                    own_period=False,
                    parent=parent,
                )
            )
        joined = tuple(_links(made, lang)) if links else ()
        return read_plan(
            Plan(
                draw(st.sampled_from(("Plan", "Plan anual", "Company OKRs"))),
                period=window,
                lang=lang,
                currency="EUR" if lang == "es" else "USD",
                objectives=tuple(made),
                links=joined,
            )
        )

    return draw_plan()


_BECAUSE = {
    "en": "More {activity} put more chances in front of buyers",
    "es": "Más {activity} ponen más oportunidades frente a los compradores",
}


def _links(made: list[Objective], lang: str) -> list[Link]:
    """Each activity drives its objective's first key result (an outcome)."""
    out = []
    for objective in made:
        if not objective.key_results:
            continue
        outcome = objective.key_results[0]
        for item in objective.key_results[1:]:
            if item.nature is Nature.ACTIVITY:
                reason = _BECAUSE[lang].format(activity=item.metric)
                assert item.id is not None
                assert outcome.id is not None
                out.append(Link(item.id, outcome.id, because=reason))
    return out
