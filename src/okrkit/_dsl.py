"""The fluent DSL: functions that read like the method.

::

    meta = (
        objective("Lograr la meta de ventas del primer trimestre")
        .owned_by("equipo-comercial")
        .during("2026-Q1")
        .measured_by(
            increase("pipeline de ventas", by="75%").starting_at("2000000 USD"),
            reduce("ciclo de venta", from_="35 day", to="26 day"),
            at_most("tiempo de respuesta", "5 min", share="90%"),
            achieve("Ganar el concurso privado de las soluciones C y D"),
        )
    )

Every function returns a model value; every method on it returns a new one.
"""

from __future__ import annotations

import datetime as dt
import difflib
from typing import TYPE_CHECKING, Any

import attrs

from okrkit._amount import Amount
from okrkit._fields import text
from okrkit._model import (
    Commitment,
    Direction,
    KeyResult,
    Link,
    Nature,
    Objective,
    Per,
    Plan,
    reference,
)
from okrkit._period import Calendar, Period
from okrkit._text import Lexicon, read_key_result
from okrkit.exceptions import InvalidTypeError, InvalidValueError


if TYPE_CHECKING:
    from okrkit._calendars import AnyCalendar


__all__ = [
    "achieve",
    "at_least",
    "at_most",
    "decrease",
    "increase",
    "kr",
    "link",
    "objective",
    "plan",
    "reduce",
]

AmountLike = Amount | str | float | int


def plan(
    title: str | None = None,
    *,
    period: Period | str | None = None,
    currency: str = "USD",
    lang: str | None = None,
    calendar: AnyCalendar | None = None,
) -> Plan:
    """A new, empty plan; add objectives with :meth:`Plan.with_objectives`."""
    made = Plan(
        title, currency=currency, lang=lang, calendar=Calendar() if calendar is None else calendar
    )
    return made.during(period) if period is not None else made


def objective(
    title: str,
    *,
    id: str | None = None,
    owner: str | None = None,
    period: Period | str | None = None,
    calendar: Calendar | None = None,
    commitment: Commitment | str = Commitment.COMMITTED,
    parent: str | None = None,
    weight: float = 1.0,
) -> Objective:
    """An objective: one qualitative, inspiring sentence."""
    made = Objective(title, id=id, owner=owner, commitment=commitment, parent=parent, weight=weight)
    return made.during(period, calendar=calendar) if period is not None else made


def kr(
    statement: str,
    *,
    lang: str | None = None,
    currency: str = "USD",
    lexicon: Lexicon | None = None,
    **fields: Any,
) -> KeyResult:
    """A key result written as a sentence, read into its fields; *fields* given
    here win over what the sentence says.

    ``kr("Generar 170 leads calificados por trimestre", owner="ana")``

    *lang* is used when the sentence's language is unclear; *currency* is what
    ``$`` means; *lexicon* adds your own words (see :class:`okrkit.text.Lexicon`).
    """
    text("kr(statement)", statement)
    known = [f.alias or f.name for f in attrs.fields(KeyResult) if f.init][1:]
    for name in fields:
        if name not in known:
            close = difflib.get_close_matches(name, known, n=1)
            hint = f"did you mean {close[0]!r}? " if close else ""
            raise InvalidTypeError(
                f"kr({name}=...)", name, f"a KeyResult field; {hint}fields: {', '.join(known)}"
            )
    made = KeyResult(statement, **fields)
    return read_key_result(made, lang=lang, currency=currency, lexicon=lexicon)


def _common(
    fields: dict[str, Any],
    *,
    id: str | None,
    owner: str | None,
    weight: float,
    deadline: dt.date | str | None,
    nature: Nature | str | None,
    statement: str | None,
) -> dict[str, Any]:
    fields.update(id=id, owner=owner, weight=weight, deadline=deadline, nature=nature)
    if statement is not None:
        fields["statement"] = statement
    return fields


# Every verb takes the same keyword-only options where they mean something (a test
# reads the signatures): id, owner, weight, deadline, nature and statement on all;
# from_, per and share on every verb with a number; strict on the bounds.


def increase(
    metric: str,
    *,
    to: AmountLike | None = None,
    by: AmountLike | None = None,
    from_: AmountLike | None = None,
    per: Per | str | None = None,
    share: AmountLike | None = None,
    id: str | None = None,
    owner: str | None = None,
    weight: float = 1.0,
    deadline: dt.date | str | None = None,
    nature: Nature | str | None = None,
    statement: str | None = None,
) -> KeyResult:
    """Grow *metric* ``to`` a value or ``by`` a change ("75%", "4 percentage_point",
    "5000 USD"), optionally ``from_`` a baseline; ``per`` makes it a rate, ``share``
    asks it of that share of a population."""
    _need_one("increase", to=to, by=by)
    return _read(
        **_common(
            {"metric": metric, "direction": Direction.INCREASE, "target": to, "change": by,
             "baseline": from_, "per": per, "share": share},
            id=id, owner=owner, weight=weight, deadline=deadline, nature=nature,
            statement=statement,
        )
    )  # fmt: skip


def decrease(
    metric: str,
    *,
    to: AmountLike | None = None,
    by: AmountLike | None = None,
    from_: AmountLike | None = None,
    per: Per | str | None = None,
    share: AmountLike | None = None,
    id: str | None = None,
    owner: str | None = None,
    weight: float = 1.0,
    deadline: dt.date | str | None = None,
    nature: Nature | str | None = None,
    statement: str | None = None,
) -> KeyResult:
    """Bring *metric* down ``to`` a value or ``by`` a change, ``from_`` a baseline;
    ``per`` makes it a rate (``decrease("incidencias", to="2 incident", per="week")``),
    ``share`` asks it of that share of a population."""
    _need_one("decrease", to=to, by=by)
    return _read(
        **_common(
            {"metric": metric, "direction": Direction.DECREASE, "target": to, "change": by,
             "baseline": from_, "per": per, "share": share},
            id=id, owner=owner, weight=weight, deadline=deadline, nature=nature,
            statement=statement,
        )
    )  # fmt: skip


reduce = decrease
"""The seed's word: ``reduce("ciclo de venta", from_="35 day", to="26 day")``."""


def at_least(
    metric: str,
    bound: AmountLike,
    *,
    from_: AmountLike | None = None,
    per: Per | str | None = None,
    share: AmountLike | None = None,
    strict: bool = False,
    id: str | None = None,
    owner: str | None = None,
    weight: float = 1.0,
    deadline: dt.date | str | None = None,
    nature: Nature | str | None = None,
    statement: str | None = None,
) -> KeyResult:
    """Hold *metric* at or above *bound* (above it, if *strict*), ``from_`` where it
    is today; with ``share``, for that share of a population."""
    return _read(
        **_common(
            {"metric": metric, "direction": Direction.AT_LEAST, "target": bound,
             "baseline": from_, "share": share, "per": per, "strict": strict},
            id=id, owner=owner, weight=weight, deadline=deadline, nature=nature,
            statement=statement,
        )
    )  # fmt: skip


def at_most(
    metric: str,
    bound: AmountLike,
    *,
    from_: AmountLike | None = None,
    per: Per | str | None = None,
    share: AmountLike | None = None,
    strict: bool = False,
    id: str | None = None,
    owner: str | None = None,
    weight: float = 1.0,
    deadline: dt.date | str | None = None,
    nature: Nature | str | None = None,
    statement: str | None = None,
) -> KeyResult:
    """Hold *metric* at or below *bound* (below it, if *strict*), ``from_`` where it
    is today (``at_most("tiempo de respuesta", "5 min", share="90%")``: under five
    minutes for 90 % of prospects)."""
    return _read(
        **_common(
            {"metric": metric, "direction": Direction.AT_MOST, "target": bound,
             "baseline": from_, "share": share, "per": per, "strict": strict},
            id=id, owner=owner, weight=weight, deadline=deadline, nature=nature,
            statement=statement,
        )
    )  # fmt: skip


def achieve(
    milestone: str,
    *,
    done: bool = False,
    id: str | None = None,
    owner: str | None = None,
    weight: float = 1.0,
    deadline: dt.date | str | None = None,
    nature: Nature | str | None = None,
    statement: str | None = None,
) -> KeyResult:
    """A yes/no outcome: ``achieve("Ganar el concurso privado")``. The milestone is
    the statement; with ``statement=`` too, the milestone is the short name of what
    is achieved (its ``metric``) and the statement the full sentence."""
    fields: dict[str, Any] = {"direction": Direction.ACHIEVE, "done": done}
    if statement is None:
        statement = milestone
    else:
        fields["metric"] = milestone
    return _read(
        **_common(
            fields, id=id, owner=owner, weight=weight, deadline=deadline, nature=nature,
            statement=statement,
        )
    )  # fmt: skip


def link(
    from_: KeyResult | Objective | str,
    to: KeyResult | Objective | str,
    *,
    because: str | None = None,
) -> Link:
    """A causality edge: reaching *from_* moves *to*, because of a stated reason."""
    return Link(reference("link(from_)", from_), reference("link(to)", to), because=because)


def _read(**fields: Any) -> KeyResult:
    """A key result from fields; a statement among them is read to fill the rest."""
    return read_key_result(KeyResult(**fields))


def _need_one(verb: str, *, to: object, by: object) -> None:
    if to is None and by is None:
        raise InvalidValueError(f"{verb}()", None, 'a target: to="26 day" or a change: by="75%"')
    if to is not None and by is not None:
        raise InvalidValueError(f"{verb}()", {"to": to, "by": by}, "either to= or by=, not both")
