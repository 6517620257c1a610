"""Objective rules: an objective is qualitative and asks for more than business as usual."""

from __future__ import annotations

from collections.abc import Iterator

from okrkit._reading import current_objective_reading
from okrkit._rules import Context, Hit, rule, some_of


__all__ = ["objective_business_as_usual", "objective_has_number"]


@rule(
    "objective-has-number",
    severity="info",
    category="objectives",
    message={
        "en": "objective {where} states {numbers}: an objective is qualitative, the number "
        "belongs in a key result",
        "es": "el objetivo {where} fija {numbers}: un objetivo es cualitativo, el número va "
        "en un resultado clave",
    },
    hint={
        "en": "say where you are going in words that inspire, and move {numbers} to a key "
        "result that measures it",
        "es": "di a dónde vas con palabras que inspiren, y lleva {numbers} a un resultado "
        "clave que lo mida",
    },
    why={
        "en": "The objective is the direction, the key results are the milestones: a number "
        "in the objective turns it into a key result and leaves nothing to inspire.",
        "es": "El objetivo es la dirección y los resultados clave los hitos: un número en el "
        "objetivo lo convierte en un resultado clave y no deja nada que inspire.",
    },
    example="""\
okrkit: 1
period: 2026-Q3
objectives:
  - id: up-selling
    title: Incrementar las ventas del tercer trimestre en un 20%
    owner: ventas
    key_results:
      - statement: Lograr la firma de 5 nuevas propuestas de valor
""",
)
def objective_has_number(ctx: Context) -> Iterator[Hit]:
    for place, objective in ctx.objectives():
        reading = current_objective_reading(objective)
        if reading is not None and reading.numbers:
            yield ctx.hit(place, numbers=some_of(reading.numbers))


@rule(
    "objective-business-as-usual",
    severity="info",
    category="objectives",
    message={
        "en": "objective {where} only keeps things as they are ({verb!r})",
        "es": "el objetivo {where} solo mantiene las cosas como están («{verb}»)",
    },
    hint={
        "en": "ask what should be different at the end of the period; keep health metrics "
        "outside your OKRs",
        "es": "pregúntate qué debería ser distinto al final del periodo; deja las métricas de "
        "salud fuera de tus OKR",
    },
    why={
        "en": "OKRs are for change. Keeping the lights on matters, but it is not what an "
        "objective is for.",
        "es": "Los OKR son para cambiar. Mantener lo que funciona importa, pero no es para "
        "lo que sirve un objetivo.",
    },
    example="""\
okrkit: 1
period: 2026-Q1
objectives:
  - id: cartera
    title: Mantener la cartera de clientes actual
    owner: ventas
    key_results:
      - statement: Renovar 30 contratos
""",
)
def objective_business_as_usual(ctx: Context) -> Iterator[Hit]:
    for place, objective in ctx.objectives():
        reading = current_objective_reading(objective)
        if reading is not None and reading.business_as_usual:
            yield ctx.hit(place, verb=reading.business_as_usual)
