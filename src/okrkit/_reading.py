"""What the statement reader found in a sentence: plain values, no parsing here.

The reader itself lives in the text layer (``okrkit._text``); the model and the
rules only need the shape of its answer, which is defined here.
"""

from __future__ import annotations

from enum import StrEnum

import attrs

from okrkit._amount import Amount
from okrkit._fields import field_of, member
from okrkit._model import Direction, KeyResult, Nature, Objective, Per
from okrkit._repr import fields_repr, value_repr


__all__ = [
    "Evidence",
    "Figure",
    "FigureRole",
    "ObjectiveReading",
    "Reading",
    "StatementKind",
    "current_objective_reading",
    "current_reading",
]


class StatementKind(StrEnum):
    """``metric``: a number decides it; ``milestone``: a yes/no outcome decides it;
    ``vague``: neither, so it is not measurable."""

    METRIC = "metric"
    MILESTONE = "milestone"
    VAGUE = "vague"

    def __repr__(self) -> str:
        return value_repr(self)


class FigureRole(StrEnum):
    """What a figure written in a statement is to the key result.

    ``baseline``, ``target``, ``change`` and ``share`` fill the reading's fields;
    ``qualifier`` describes the population ("accounts over $1M"); ``window`` is a
    span of time that frames the metric or the work ("30-day retention", "in the
    first 2 weeks"); ``date`` is a point in time ("by June 30", "Q3"); ``name`` is
    part of a name ("Fortune 500", "ISO 27001"); ``unclear``: the reader could give
    it no role (the reading then has the ``statement-unclear`` issue)."""

    BASELINE = "baseline"
    TARGET = "target"
    CHANGE = "change"
    SHARE = "share"
    QUALIFIER = "qualifier"
    WINDOW = "window"
    DATE = "date"
    NAME = "name"
    UNCLEAR = "unclear"

    def __repr__(self) -> str:
        return value_repr(self)


def _figure_role(value: object) -> FigureRole:
    return member("Figure.role", value, FigureRole)


@attrs.frozen(repr=False)
class Figure:
    """One figure of a statement, as written, with the amount it reads as and its role.

    ``amount`` is ``None`` for a figure that is no number okrkit can read whole
    (``0x10``, ``1_000``, ``1e400``, ``10 kUSD``) or no amount (a time of day).

    >>> from okrkit import Amount, Figure
    >>> Figure("$60", Amount(60, "USD"), "baseline")
    Figure('$60', Amount(60, 'USD'), FigureRole.BASELINE)
    """

    text: str = attrs.field(validator=field_of(str, "the figure as written"))
    amount: Amount | None = attrs.field(
        validator=attrs.validators.optional(field_of(Amount, "an Amount or None"))
    )
    role: FigureRole = attrs.field(converter=_figure_role)

    def __repr__(self) -> str:
        return fields_repr(self, positional=("text", "amount", "role"))


@attrs.frozen
class Evidence:
    """One decision of the reader and the words that made it."""

    field: str
    value: str
    words: str
    reason: str


@attrs.frozen(repr=False)
class Reading:
    """A key-result statement read into the fields the DSL builds.

    ``issues`` are the rule ids the checker finds in the statement alone;
    ``evidence`` traces every decision to the words behind it (see :meth:`explain`).
    """

    text: str
    lang: str
    kind: StatementKind = attrs.field(converter=StatementKind)
    nature: Nature | None = None
    direction: Direction | None = None
    metric: str | None = None
    baseline: Amount | None = None
    target: Amount | None = None
    change: Amount | None = None
    per: Per | None = None
    share: Amount | None = None
    ambiguous_percent: bool = False
    attainment: bool = False
    """Its percentages are of a plan, a quota or a target ("120 % of plan",
    "cumplimiento de la cuota"): attainment, which may pass 100 %."""
    issues: tuple[str, ...] = ()
    evidence: tuple[Evidence, ...] = attrs.field(default=(), eq=False)
    baseline_ref: str | None = None
    """A baseline named in words, as written ("last quarter", "el año pasado")."""
    figures: tuple[Figure, ...] = ()
    """Every figure written in the statement, in order, with the role it was given."""

    def __repr__(self) -> str:
        return fields_repr(self)

    @property
    def measurable(self) -> bool:
        """A number or a yes/no outcome decides it."""
        return self.kind is not StatementKind.VAGUE

    def explain(self) -> str:
        """Each decision, the value it gave, and the words that made it."""
        lines = [f"{self.text!r} ({self.lang})"]
        for item in self.evidence:
            words = f" ← {item.words!r}" if item.words else ""
            lines.append(f"  {item.field} = {item.value}{words}: {item.reason}")
        return "\n".join(lines)


@attrs.frozen(repr=False)
class ObjectiveReading:
    """What the reader found in an objective's title."""

    text: str
    lang: str
    numbers: tuple[str, ...] = ()
    """The amounts written in the title (an objective should be qualitative)."""
    business_as_usual: str | None = None
    """The verb that only keeps things as they are ("Mantener", "Continue")."""
    amounts: tuple[Amount, ...] = ()
    """The same amounts as values (for comparing with key results)."""

    def __repr__(self) -> str:
        return fields_repr(self)


def current_reading(item: KeyResult) -> Reading | None:
    """The key result's reading, if it is of the statement it has now (a fluent
    step that changes the statement leaves the old reading behind)."""
    reading = item.reading
    if isinstance(reading, Reading) and reading.text == item.statement:
        return reading
    return None


def current_objective_reading(objective: Objective) -> ObjectiveReading | None:
    """The objective's reading, if it is of the title it has now."""
    reading = objective.reading
    if isinstance(reading, ObjectiveReading) and reading.text == objective.title:
        return reading
    return None
