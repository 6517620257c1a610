"""Time-boxing rules: every objective has a period, of a sensible length."""

from __future__ import annotations

from collections.abc import Iterator

from okrkit._rules import Context, Hit, rule


@rule(
    "missing-period",
    severity="error",
    category="time",
    message={
        "en": "objective {where} has no period, and the plan sets none",
        "es": "el objetivo {where} no tiene periodo, y el plan no fija ninguno",
    },
    hint={
        "en": "add period: 2026-Q1 (or a month, a half, a year) to the objective or the plan",
        "es": "añade period: 2026-Q1 (o un mes, un semestre, un año) al objetivo o al plan",
    },
    why={
        "en": "An objective is time-boxed: without a period there is no moment to answer "
        "whether it was reached.",
        "es": "Un objetivo está formulado en el tiempo: sin periodo no hay momento en que "
        "responder si se logró.",
    },
    example=(
        "objectives:\n  - {id: crecer, title: Crecer en la región, owner: ventas"
        ", key_results: [...]}"
    ),
)
def missing_period(ctx: Context) -> Iterator[Hit]:
    for place, objective in ctx.objectives():
        if ctx.plan.period_of(objective) is None:
            yield ctx.hit(place)


__all__ = ["missing_period"]
