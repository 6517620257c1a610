"""What the statement reader found in a sentence: plain values, no parsing here.

The reader itself lives in the text layer (``okrkit._text``); the model and the
rules only need the shape of its answer, which is defined here.
"""

from __future__ import annotations

from enum import StrEnum

import attrs

from okrkit._amount import Amount
from okrkit._model import Direction, KeyResult, Nature, Objective, Per
from okrkit._repr import fields_repr, value_repr


__all__ = [
    "Evidence",
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
