"""Time-boxing rules: every objective has a period of sensible length, and dates
(deadlines, check-ins, parents' periods) fit inside it."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterator

from okrkit._model import Direction
from okrkit._period import Period
from okrkit._plural import plural
from okrkit._rules import Context, Hit, Place, rule, some_of


__all__ = [
    "checkin_outside_period",
    "deadline_outside_period",
    "duplicate_checkin",
    "missing_period",
    "period_outside_parent",
    "period_too_long",
    "period_too_short",
    "stale_checkins",
]


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
    example="""\
okrkit: 1
objectives:
  - id: crecer
    title: Crecer en la región andina
    owner: ventas
    key_results:
      - statement: Generar 170 leads calificados por trimestre
""",
)
def missing_period(ctx: Context) -> Iterator[Hit]:
    for place, objective in ctx.objectives():
        if ctx.plan.period_of(objective) is None:
            yield ctx.hit(place)


def _own_periods(ctx: Context) -> Iterator[tuple[Place, Period]]:
    """The plan's period, and each objective's own (not the one it inherits)."""
    if ctx.plan.period is not None:
        yield Place(), ctx.plan.period
    for place, objective in ctx.objectives():
        if objective.period is not None:
            yield place, objective.period


@rule(
    "period-too-long",
    severity="warning",
    category="time",
    thresholds=("max_period_days",),
    message={
        "en": "the period {period} lasts {days:# day|# days}, longer than a year",
        "es": "el periodo {period} dura {days:# día|# días}, más de un año",
    },
    hint={
        "en": "set a year at most; split longer ambitions into yearly or quarterly OKRs",
        "es": "fija como mucho un año; divide las ambiciones más largas en OKR anuales o "
        "trimestrales",
    },
    why={
        "en": "OKRs are set for a month, a quarter or a year; past a year there is no "
        "moment near enough to steer by.",
        "es": "Los OKR se fijan para un mes, un trimestre o un año; más allá no hay un "
        "momento lo bastante cercano para corregir el rumbo.",
    },
    example="""\
okrkit: 1
objectives:
  - id: crecer
    title: Ser la referencia del mercado andino
    owner: direccion
    period: 2026-01-01..2027-12-31
    key_results:
      - statement: Generar 170 leads calificados por trimestre
""",
)
def period_too_long(ctx: Context) -> Iterator[Hit]:
    limit = ctx.thresholds.max_period_days
    for place, period in _own_periods(ctx):
        if period.days > limit:
            yield ctx.hit(place, period=str(period), days=period.days)


@rule(
    "period-too-short",
    severity="warning",
    category="time",
    thresholds=("min_period_days",),
    message={
        "en": "the period {period} lasts {days:# day|# days}, shorter than four weeks",
        "es": "el periodo {period} dura {days:# día|# días}, menos de cuatro semanas",
    },
    hint={
        "en": "give the objective a month or a quarter; weekly work belongs in a plan, "
        "not in an OKR",
        "es": "dale al objetivo un mes o un trimestre; el trabajo semanal va en un plan, "
        "no en un OKR",
    },
    why={
        "en": "Outcomes take time to move; OKRs set for a week measure activity, not results.",
        "es": "Los resultados tardan en moverse; un OKR de una semana mide actividad, no "
        "resultados.",
    },
    example="""\
okrkit: 1
objectives:
  - id: semana
    title: Arrancar el trimestre con energía
    owner: ventas
    period: 2026-W02
    key_results:
      - statement: Realizar 20 llamadas de prospección cada semana
""",
)
def period_too_short(ctx: Context) -> Iterator[Hit]:
    limit = ctx.thresholds.min_period_days
    for place, period in _own_periods(ctx):
        if period.days < limit:
            yield ctx.hit(place, period=str(period), days=period.days)


@rule(
    "deadline-outside-period",
    severity="error",
    category="time",
    message={
        "en": "key result {where} is due {deadline}, outside its objective's period {period}",
        "es": "el resultado clave {where} vence el {deadline}, fuera del periodo de su "
        "objetivo ({period})",
    },
    hint={
        "en": "move the deadline inside {period}, or the key result to an objective of that period",
        "es": "pon la fecha límite dentro de {period}, o lleva el resultado clave a un "
        "objetivo de ese periodo",
    },
    why={
        "en": "A key result answers for its objective's period; a deadline outside it "
        "cannot be scored with it.",
        "es": "Un resultado clave responde por el periodo de su objetivo; una fecha fuera "
        "de él no se puede evaluar con él.",
    },
    example="""\
okrkit: 1
period: 2026-Q1
objectives:
  - id: meta
    title: Cumplir la meta de ventas del trimestre
    owner: ventas
    key_results:
      - statement: Reducir el ciclo de venta de 35 días a 26 días
        deadline: 2026-05-15
""",
)
def deadline_outside_period(ctx: Context) -> Iterator[Hit]:
    for place, _objective, item in ctx.key_results():
        assert place.objective is not None
        period = ctx.period(place.objective)
        if item.deadline is not None and period is not None and item.deadline not in period:
            yield ctx.hit(place, deadline=item.deadline.isoformat(), period=str(period))


@rule(
    "period-outside-parent",
    severity="warning",
    category="time",
    message={
        "en": "objective {where} runs {period}, not inside its parent {parent}'s {parent_period}",
        "es": "el objetivo {where} abarca {period}, fuera del periodo de su padre {parent} "
        "({parent_period})",
    },
    hint={
        "en": "align the periods: a child objective contributes within its parent's time box",
        "es": "alinea los periodos: un objetivo hijo contribuye dentro del plazo de su padre",
    },
    why={
        "en": "Alignment means contributing to the parent while it runs; a child that ends "
        "after its parent cannot move it.",
        "es": "Alinearse es contribuir al padre mientras está vigente; un hijo que termina "
        "después que su padre no puede moverlo.",
    },
    example="""\
okrkit: 1
objectives:
  - id: anual
    title: Ser la referencia de la región
    owner: direccion
    period: 2026
    key_results:
      - statement: Cerrar 40 tratos nuevos
  - id: t1-2027
    title: Arrancar fuerte el año siguiente
    owner: ventas
    period: 2027-Q1
    parent: anual
    key_results:
      - statement: Generar 170 leads calificados por trimestre
""",
)
def period_outside_parent(ctx: Context) -> Iterator[Hit]:
    refs = ctx.references()
    for place, objective in ctx.objectives():
        parent = refs.parent_of(objective)
        if parent is None:
            continue
        assert place.objective is not None
        own, theirs = ctx.period(place.objective), ctx.period(parent)
        if own is not None and theirs is not None and not theirs.contains(own):
            yield ctx.hit(
                place, period=str(own), parent=objective.parent, parent_period=str(theirs)
            )


@rule(
    "checkin-outside-period",
    severity="warning",
    category="time",
    message={
        "en": "key result {where} has {count:# check-in|# check-ins} dated outside "
        "{start}..{end} "
        "(first: {first})",
        "es": "el resultado clave {where} tiene {count:# seguimiento|# seguimientos} con fecha "
        "fuera de "
        "{start}..{end} (el primero: {first})",
    },
    hint={
        "en": "check the dates; a value from before the period is a baseline, not a check-in",
        "es": "revisa las fechas; un valor de antes del periodo es una línea base, no un "
        "seguimiento",
    },
    why={
        "en": "Progress is measured inside the key result's window; values from outside it "
        "distort its score and pace.",
        "es": "El avance se mide dentro de la ventana del resultado clave; los valores de "
        "fuera distorsionan su puntuación y su ritmo.",
    },
    example="""\
okrkit: 1
period: 2026-Q1
objectives:
  - id: meta
    title: Cumplir la meta de ventas del trimestre
    owner: ventas
    key_results:
      - statement: Reducir el ciclo de venta de 35 días a 26 días
        checkins:
          - {date: 2025-12-15, value: 35 day}
""",
)
def checkin_outside_period(ctx: Context) -> Iterator[Hit]:
    for place, _objective, item in ctx.key_results():
        window = ctx.window(place)
        dates = item._checkins.dates
        if window is None or not dates:
            continue
        start, end = window
        outside = sorted(day for day in dates if not start <= day <= end)
        if outside:
            yield ctx.hit(
                place, count=len(outside), first=outside[0].isoformat(),
                start=start.isoformat(), end=end.isoformat(),
            )  # fmt: skip


@rule(
    "duplicate-checkin",
    severity="warning",
    category="time",
    message={
        "en": "key result {where} has more than one check-in dated {dates}: on each date "
        "only the one written last counts",
        "es": "el resultado clave {where} tiene más de un seguimiento con fecha {dates}: en "
        "cada fecha solo cuenta el último escrito",
    },
    hint={
        "en": "keep one check-in per date: delete the ones that were corrected, or fix their dates",
        "es": "deja un seguimiento por fecha: borra los que se corrigieron, o corrige sus fechas",
    },
    why={
        "en": "Two values for one day are a correction or a wrong date; the score silently "
        "takes the last one written, which may not be the one meant.",
        "es": "Dos valores para un mismo día son una corrección o una fecha equivocada; la "
        "puntuación toma en silencio el último escrito, que puede no ser el buscado.",
    },
    example="""\
okrkit: 1
period: 2026-Q1
objectives:
  - id: meta
    title: Cumplir la meta de ventas del trimestre
    owner: ventas
    key_results:
      - statement: Reducir el ciclo de venta de 35 días a 26 días
        checkins:
          - {date: 2026-02-09, value: 31 day}
          - {date: 2026-02-09, value: 13 day}
""",
)
def duplicate_checkin(ctx: Context) -> Iterator[Hit]:
    for place, _objective, item in ctx.key_results():
        dates = item._checkins.dates
        if len(set(dates)) < len(dates):
            repeated = sorted(day for day, count in Counter(dates).items() if count > 1)
            yield ctx.hit(place, dates=some_of([day.isoformat() for day in repeated], most=3))


@rule(
    "stale-checkins",
    severity="warning",
    category="time",
    thresholds=("stale_after_days",),
    message={
        "en": "{key_results} had no check-in since {last} ({days:# day|# days} as of {as_of}){why}",
        "es": "{key_results_es} seguimiento desde el {last} ({days:# día|# días} al "
        "{as_of}){why_es}",
    },
    hint={
        "en": "record a check-in with the current value and your confidence",
        "es": "registra un seguimiento con el valor actual y tu confianza",
    },
    why={
        "en": "A key result nobody looks at cannot be steered; weekly or fortnightly "
        "check-ins keep it alive. In a plan with no check-in at all yet this is said "
        "once, for the plan.",
        "es": "Un resultado clave que nadie mira no se puede corregir; los seguimientos "
        "semanales o quincenales lo mantienen vivo. En un plan que aún no tiene ningún "
        "seguimiento se dice una vez, para el plan.",
    },
    example="""\
okrkit: 1
period: 2026-Q1
objectives:
  - id: meta
    title: Cumplir la meta de ventas del trimestre
    owner: ventas
    key_results:
      - statement: Reducir el ciclo de venta de 35 días a 26 días
        checkins:
          - {date: 2026-01-12, value: 34 day}
""",
)
def stale_checkins(ctx: Context) -> Iterator[Hit]:
    as_of = ctx.as_of
    if as_of is None:
        return
    limit = ctx.thresholds.stale_after_days
    stale: list[tuple[Place, dt.date]] = []
    checked_in = False
    for place, _objective, item in ctx.key_results():
        dates = [day for day in item._checkins.dates if day <= as_of]
        checked_in = checked_in or bool(dates)
        window = ctx.window(place)
        if window is None or not window[0] <= as_of <= window[1]:
            continue
        if item.direction is Direction.ACHIEVE and item.done:
            continue
        last = max(dates) if dates else window[0]
        if (as_of - last).days > limit and not ctx.suppressed("stale-checkins", place):
            stale.append((place, last))
    if len(stale) > 1 and not checked_in:  # the plan has no check-in yet: say it once
        last = min(day for _, day in stale)
        listed = f" ({ctx.where(stale[0][0])}, …) "
        yield ctx.hit(
            Place(),
            key_results=plural(len(stale), "# key result|# key results") + listed + "have",
            key_results_es=plural(len(stale), "# resultado clave|# resultados clave")
            + listed + "no tienen",
            last=last.isoformat(), days=(as_of - last).days, as_of=as_of.isoformat(),
            why=": the plan has no check-in yet",
            why_es=": el plan aún no tiene ningún seguimiento",
        )  # fmt: skip
        return
    for place, last in stale:
        where = ctx.where(place)
        yield ctx.hit(
            place,
            key_results=f"key result {where} has",
            key_results_es=f"el resultado clave {where} no tiene",
            last=last.isoformat(), days=(as_of - last).days, as_of=as_of.isoformat(),
            why="", why_es="",
        )  # fmt: skip
