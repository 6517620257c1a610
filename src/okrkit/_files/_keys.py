"""The keys of a plan file: for each kind of mapping, the keys it may hold, how the
reader reads each value, and what the key means.

The reader (``_convert.PlanReader``) reads by these tables and the JSON Schema
(``_schema``, ``okrkit schema``) is written from them, so an editor that checks a
plan against the schema and okrkit agree on which keys exist and what they hold.
"""

from __future__ import annotations

import functools
from enum import Enum
from typing import Any, NamedTuple

from okrkit._cadence import EVERY_ALIASES, Every
from okrkit._metric import MetricKind, Polarity
from okrkit._model import Commitment, Direction, Nature, Per
from okrkit._policy import PRESETS


__all__ = [
    "CADENCE",
    "CHECKIN",
    "INITIATIVE",
    "KEY_RESULT",
    "LINK",
    "METRIC_TYPE",
    "OBJECTIVE",
    "PLAN",
    "POLICY",
    "SECTIONS",
    "Key",
    "Section",
    "accepted",
    "choices",
]


class Key(NamedTuple):
    """One key of a mapping in a plan file.

    ``reads`` names how its value is read: ``text``, ``identifier``,
    ``reference`` (an id or ``objective-id/kr-id``), ``amount``,
    ``date``, ``number``, ``whole``, ``boolean``, ``choice``, ``period``,
    ``rule_ids``, ``cadence``, ``metric_type``, ``calendar``, ``policy``,
    ``version``, ``currency``, ``weekday``, or ``list`` (of the mappings that
    ``items`` names, read by the caller).
    """

    reads: str
    about: str
    field: str | None = None
    """The model's name for it, where that is not the key."""
    choices: type[Enum] | tuple[str, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    required: bool = False
    items: str | None = None


class Section(dict[str, Key]):
    """The keys of one kind of mapping, in the order files write them."""

    def __init__(self, keys: dict[str, Key]) -> None:
        super().__init__(keys)
        self.required = tuple(name for name, key in keys.items() if key.required)


@functools.cache
def accepted(allowed: type[Enum] | tuple[str, ...]) -> dict[str, Any]:
    """Each text a ``choice`` key with these *allowed* choices accepts, in order, and
    what it reads as: the member of the enum, or the text itself (made once per key)."""
    if isinstance(allowed, tuple):
        return {text: text for text in allowed}
    return {str(member.value): member for member in allowed}


def choices(key: Key) -> tuple[str, ...]:
    """The values a ``choice`` key accepts, in order."""
    return tuple(accepted(key.choices))


_RULES = "rule ids this one does not report, like [objective-has-number]"

PLAN = Section({
    "okrkit": Key("version", "The format version of the file: 1.", required=True),
    "title": Key("text", "The plan's name."),
    "period": Key("period", "Default period of every objective that names none: 2026-Q1, "
                  "FY2027, 2026-01-15..2026-04-14, Q1 2026, primer trimestre 2026."),
    "currency": Key("currency", 'What "$" means in statements: an ISO 4217 code (default USD).'),
    "lang": Key("choice", "The language statements are written in when detection is unsure.",
                choices=("en", "es")),
    "calendar": Key("calendar", "How period labels are read: Gregorian with a fiscal year, "
                    "retail (4-4-5 weeks) or fixed-length cycles."),
    "cadence": Key("cadence", "How often every key result is checked in, unless it says."),
    "policy": Key("policy", "Which rules run, how loud each is, and the thresholds they use."),
    "objectives": Key("list", "The objectives of the plan.", items="objective"),
    "links": Key("list", "Causality edges: reaching `from` moves `to`, because ...",
                 items="link"),
})  # fmt: skip

OBJECTIVE = Section({
    "id": Key("identifier", "A slug unique in the plan, like meta-q1 (default: from the title)."),
    "title": Key("text", "One qualitative, inspiring sentence.", required=True),
    "owner": Key("text", "The person or team accountable for it."),
    "period": Key("period", "When it runs (default: the plan's period)."),
    "commitment": Key("choice", "committed (expected to reach 1.0) or aspirational.",
                      choices=Commitment),
    "parent": Key("identifier", "The id of the objective this one aligns to."),
    "weight": Key("number", "Its weight in its parent's and the plan's score (default 1).",
                  minimum=0),
    "key_results": Key("list", "How you will know it was reached: 3 to 5 key results.",
                       items="key_result"),
    "ignore": Key("rule_ids", f"The {_RULES}."),
})  # fmt: skip

KEY_RESULT = Section({
    "id": Key("identifier", "A slug unique in the plan (default: from the metric)."),
    "statement": Key("text", "The key result as a sentence, in English or Spanish; "
                     "fields written here win over what is read from it."),
    "metric": Key("text", "What is measured, like ciclo de venta."),
    "type": Key("metric_type", "The metric type: a built-in name (nps, csat, ...) or a "
                "mapping with name, kind, unit, min, max and polarity.", field="metric_type"),
    "direction": Key("choice", "Which way the metric should move.", choices=Direction),
    "baseline": Key("amount", 'Where the metric starts: "35 day", "2000000 USD", "20 %".'),
    "target": Key("amount", 'Where the metric should end: "26 day".'),
    "change": Key("amount", 'The change instead of a target: "75 %", "5000 USD".'),
    "per": Key("choice", "Makes the target a rate per period.", choices=Per),
    "share": Key("amount", 'Makes a bound hold for this share of a population: "90 %".'),
    "nature": Key("choice", "outcome (the team does not fully control it) or activity "
                  "(work the team controls).", choices=Nature),
    "deadline": Key("date", "A date inside the objective's period, like 2026-03-31."),
    "weight": Key("number", "Its weight in the objective's score (default 1).", minimum=0),
    "owner": Key("text", "The person or team accountable for it."),
    "done": Key("boolean", "For a milestone (direction: achieve): whether it was reached."),
    "strict": Key("boolean", "at_least and at_most compare strictly (> and <)."),
    "cadence": Key("cadence", "How often it is checked in."),
    "checkins": Key("list", "Measurements over the period.", items="checkin"),
    "initiatives": Key("list", "The work planned to move it; never scored.",
                       items="initiative"),
    "ignore": Key("rule_ids", f"The {_RULES}."),
})  # fmt: skip

CHECKIN = Section({
    "date": Key("date", "The day of the measurement, like 2026-01-31.", required=True),
    "value": Key("amount", 'The value measured: "2600000 USD", or a bare number.',
                 required=True),
    "confidence": Key("number", "How sure the owner is of reaching the target, 0 to 1.",
                      minimum=0, maximum=1),
    "note": Key("text", "What happened."),
    "source": Key("text", "Where the value comes from."),
})  # fmt: skip

INITIATIVE = Section(
    {
        "title": Key("text", "The work to do.", required=True),
        "owner": Key("text", "Who does it."),
        "done": Key("boolean", "Whether it is done."),
    }
)

LINK = Section({
    "from": Key("reference", "The id of the key result or objective that drives "
                "(objective-id/kr-id where a key result id is not unique).", field="from_",
                required=True),
    "to": Key("reference", "The id of the key result or objective it moves.", required=True),
    "because": Key("text", "Why reaching `from` moves `to`."),
})  # fmt: skip

METRIC_TYPE = Section({
    "name": Key("text", "The type's name.", required=True),
    "kind": Key("choice", "What kind of number it is.", choices=MetricKind),
    "unit": Key("text", "Its unit, like USD or day."),
    "min": Key("number", "The lowest valid value.", field="minimum"),
    "max": Key("number", "The highest valid value.", field="maximum"),
    "polarity": Key("choice", "Which way is better.", choices=Polarity),
})  # fmt: skip

CADENCE = Section({
    "every": Key("choice", "How often.", choices=(*(e.value for e in Every), *EVERY_ALIASES),
                 required=True),
    "weekday": Key("weekday", "For weekly and biweekly: the day, like friday (or viernes)."),
    "day": Key("whole", "For monthly: the day of the month (31 is the last day of any month).",
               minimum=1, maximum=31),
})  # fmt: skip

POLICY = Section({
    "preset": Key("choice", "default (the method's defaults) or strict (every warning an "
                  "error).", choices=PRESETS),
    "strict": Key("boolean", "Report every warning as an error."),
    "select": Key("rule_ids", "Run only these rules."),
    "ignore": Key("rule_ids", "Never run these rules."),
    "severities": Key("severities", "Per rule id: error, warning, info or off."),
    "thresholds": Key("thresholds", "The numbers rules compare against."),
})  # fmt: skip
"""The keys of a plan's ``policy:``: those Policy.from_mapping reads but ``plugins``,
which only the caller and ``[tool.okrkit]`` name (a plan never names code to import)."""

SECTIONS: dict[str, Section] = {
    "plan": PLAN,
    "objective": OBJECTIVE,
    "key_result": KEY_RESULT,
    "checkin": CHECKIN,
    "initiative": INITIATIVE,
    "link": LINK,
    "metric_type": METRIC_TYPE,
    "cadence": CADENCE,
    "policy": POLICY,
}
"""Every kind of mapping, by the name a ``list`` key's ``items`` uses."""
