"""Putting readings on the model: fields a statement says fill those left empty."""

from __future__ import annotations

import attrs

from okrkit._model import KeyResult, Plan
from okrkit._reading import current_objective_reading, current_reading
from okrkit._text._objective import read_objective
from okrkit._text._statement import read_statement
from okrkit._text._words import Lexicon


__all__ = ["READ_FIELDS", "omitted_fields", "read_key_result", "read_plan"]

READ_FIELDS = ("metric", "direction", "baseline", "target", "change", "per", "share", "nature")
"""The key result fields a statement can give."""


def read_key_result(
    item: KeyResult,
    *,
    lang: str | None = None,
    currency: str = "USD",
    lexicon: Lexicon | None = None,
) -> KeyResult:
    """*item* with its statement read: empty fields take what the statement says."""
    if item.statement is None:
        return item
    reading = current_reading(item) or read_statement(
        item.statement, lang=lang, currency=currency, lexicon=lexicon
    )
    changes = {
        name: getattr(reading, name)
        for name in READ_FIELDS
        if getattr(item, name) is None and getattr(reading, name) is not None
    }
    if reading is item.reading and not changes:
        return item  # already read: the same value, and the caches it holds
    return attrs.evolve(item, reading=reading, **changes)


def omitted_fields(
    item: KeyResult,
    *,
    lang: str | None = None,
    currency: str = "USD",
    lexicon: Lexicon | None = None,
) -> set[str]:
    """Fields a writer may leave out because the statement, read again in the
    plan's language and currency with *lexicon* (the one the file will be read
    with), says the same."""
    if item.statement is None:
        return set()
    reading = read_statement(item.statement, lang=lang, currency=currency, lexicon=lexicon)
    return {name for name in READ_FIELDS if getattr(item, name) == getattr(reading, name)}


def read_plan(plan: Plan, *, lexicon: Lexicon | None = None) -> Plan:
    """The plan with every statement and objective title read (once: with the
    built-in words, the answer is kept on the plan, which is immutable)."""
    if lexicon is None and plan._read is not None:
        return plan._read  # type: ignore[no-any-return]
    read = _read_plan(plan, lexicon)
    if lexicon is None:
        object.__setattr__(plan, "_read", read)
        object.__setattr__(read, "_read", read)
    return read


def _read_plan(plan: Plan, lexicon: Lexicon | None) -> Plan:
    changed = False
    objectives = []
    for objective in plan.objectives:
        key_results = tuple(
            read_key_result(kr, lang=plan.lang, currency=plan.currency, lexicon=lexicon)
            for kr in objective.key_results
        )
        reading = current_objective_reading(objective) or read_objective(
            objective.title, lang=plan.lang, currency=plan.currency, lexicon=lexicon
        )
        same = reading is objective.reading and all(
            a is b for a, b in zip(key_results, objective.key_results, strict=True)
        )
        if same:
            objectives.append(objective)
            continue
        changed = True
        objectives.append(attrs.evolve(objective, key_results=key_results, reading=reading))
    if not changed:
        return plan
    return attrs.evolve(plan, objectives=tuple(objectives))
