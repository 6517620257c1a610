"""Measurability rules: at the period's end anyone can say whether a key result was met."""

from __future__ import annotations

import re
from collections.abc import Iterator

from okrkit._amount import trusted_amount, unit_for_people
from okrkit._model import Direction, KeyResult, Nature
from okrkit._reading import FigureRole, Reading, StatementKind, current_reading
from okrkit._rules import Context, Hit, rule, some_of


__all__ = [
    "ambiguous_number",
    "ambiguous_percent",
    "kr_is_task",
    "missing_baseline",
    "not_measurable",
    "percent_out_of_range",
    "statement_unclear",
    "target_equals_baseline",
    "target_out_of_range",
    "unit_mismatch",
    "wrong_direction",
]


@rule(
    "not-measurable",
    severity="error",
    category="measurability",
    message={
        "en": "key result {where} is not measurable: {reason}",
        "es": "el resultado clave {where} no es medible: {reason_es}",
    },
    hint={
        "en": 'give it a target ("from 35 to 26 days", "170 leads per quarter") or make it '
        "a yes/no outcome with direction: achieve",
        "es": 'dale una meta ("de 35 a 26 días", "170 leads por trimestre") o conviértelo '
        "en un logro de sí o no con direction: achieve",
    },
    why={
        "en": "At the end of the period anyone must be able to answer yes or no, without "
        "judgement. That takes a number or a yes/no outcome.",
        "es": "Al final del periodo cualquiera debe poder responder sí o no, sin juicios de "
        "valor. Eso exige un número o un logro de sí o no.",
    },
    example="""\
okrkit: 1
period: 2026-Q1
objectives:
  - id: equipo
    title: Trabajar como un solo equipo con marketing
    owner: ventas
    key_results:
      - statement: Mejorar la comunicación con el equipo de marketing
""",
)
def not_measurable(ctx: Context) -> Iterator[Hit]:
    for place, _objective, item in ctx.key_results():
        if item.target is not None or item.change is not None:
            continue
        if item.direction is Direction.ACHIEVE:
            continue
        reading = current_reading(item)
        if reading is not None and reading.kind is StatementKind.VAGUE:
            yield ctx.hit(
                place,
                reason=f"{item.statement!r} says no number and no yes/no outcome",
                reason_es=f"«{item.statement}» no dice ningún número ni un logro de sí o no",
            )
        else:
            yield ctx.hit(
                place,
                reason="it has no target and is not an achieve milestone",
                reason_es="no tiene meta y no es un hito de tipo achieve",
            )


@rule(
    "kr-is-task",
    severity="warning",
    category="measurability",
    message={
        "en": "key result {where} is a task: work the team does, done or not",
        "es": "el resultado clave {where} es una tarea: trabajo del equipo, hecho o no",
    },
    hint={
        "en": "move it to the initiatives of a key result and measure what that work should change",
        "es": "pásalo a las iniciativas de un resultado clave y mide lo que ese trabajo "
        "debería cambiar",
    },
    why={
        "en": "Key results are not tasks; the work plan behind them is. Finishing a task "
        "says nothing about whether the objective moved.",
        "es": "Los resultados clave no son tareas; el plan de trabajo detrás de ellos sí. "
        "Terminar una tarea no dice si el objetivo avanzó.",
    },
    example="""\
okrkit: 1
period: 2026
objectives:
  - id: cuenta-xyz
    title: Crecer con el Cliente XYZ
    owner: kam
    key_results:
      - statement: Elaborar un plan de cuenta y acordarlo con el cliente
""",
)
def kr_is_task(ctx: Context) -> Iterator[Hit]:
    for place, _objective, item in ctx.key_results():
        if is_task(item):
            yield ctx.hit(place)


def is_task(item: KeyResult) -> bool:
    """A yes/no activity: work done or not, which belongs in initiatives."""
    return item.direction is Direction.ACHIEVE and item.nature is Nature.ACTIVITY


@rule(
    "missing-baseline",
    severity="error",
    category="measurability",
    message={
        "en": "key result {where} changes by {change}{against}, but has no baseline figure to "
        "apply it to",
        "es": "el resultado clave {where} cambia en {change}{against_es}, pero no tiene la cifra "
        "de la línea base a la que aplicarlo",
    },
    hint={
        "en": "add baseline: with {value}, or write the target itself",
        "es": "añade baseline: con {value_es}, o escribe la meta misma",
    },
    why={
        "en": '"Up 75 %" of an unknown starting point is no target anyone can check. A '
        'statement that names its baseline in words ("compared to last quarter") is a '
        "warning, not an error: the team knows the figure and only has to write it down.",
        "es": "Un «75 % más» sobre un punto de partida desconocido no es una meta que nadie "
        "pueda comprobar. Un enunciado que nombra su línea base con palabras («respecto al "
        "trimestre pasado») es un aviso, no un error: el equipo conoce la cifra y solo "
        "tiene que escribirla.",
    },
    example="""\
okrkit: 1
period: 2026-Q1
objectives:
  - id: meta
    title: Cumplir la meta de ventas del trimestre
    owner: ventas
    key_results:
      - statement: Incrementar el pipeline de ventas en 75%
""",
)
def missing_baseline(ctx: Context) -> Iterator[Hit]:
    for place, _objective, item in ctx.key_results():
        if item.change is None or item.baseline is not None or item.target is not None:
            continue
        reading = current_reading(item)
        named = reading.baseline_ref if reading is not None else None
        if named is None:
            yield ctx.hit(
                place, change=item.change, against="", against_es="",
                value="today's value", value_es="el valor actual",
            )  # fmt: skip
        else:  # the team knows the baseline: ask for its figure, gently
            yield ctx.hit(
                place, change=item.change, against=f" over {named!r}",
                against_es=f" respecto a «{named}»", value=f"the figure for {named!r}",
                value_es=f"la cifra de «{named}»",
            ).at_most("warning")  # fmt: skip


@rule(
    "target-equals-baseline",
    severity="error",
    category="measurability",
    message={
        "en": "key result {where} targets {target}, the value it starts from: nothing to move",
        "es": "el resultado clave {where} tiene como meta {target}, el mismo valor del que "
        "parte: nada que mover",
    },
    hint={
        "en": "set a target that differs from the baseline, or use at_least / at_most to "
        "hold a level",
        "es": "fija una meta distinta de la línea base, o usa at_least / at_most para "
        "mantener un nivel",
    },
    why={
        "en": "A key result measures change; one already met at the start scores nothing.",
        "es": "Un resultado clave mide un cambio; uno que ya se cumple al empezar no mide nada.",
    },
    example="""\
okrkit: 1
period: 2026-Q1
objectives:
  - id: meta
    title: Cumplir la meta de ventas del trimestre
    owner: ventas
    key_results:
      - {metric: tasa de conversión, direction: increase, baseline: 25 %, target: 25 %}
""",
)
def target_equals_baseline(ctx: Context) -> Iterator[Hit]:
    for place, _objective, _item in ctx.key_results():
        resolved = ctx.resolved(place)
        if resolved.direction not in (Direction.INCREASE, Direction.DECREASE):
            continue
        if (
            resolved.baseline is not None
            and resolved.target is not None
            and (
                abs(resolved.target - resolved.baseline) <= 1e-12 * max(1.0, abs(resolved.baseline))
            )
        ):
            yield ctx.hit(place, target=trusted_amount(resolved.target, resolved.rate_unit))


@rule(
    "wrong-direction",
    severity="error",
    category="measurability",
    message={
        "en": "key result {where} should {direction} but its target {target} is {side} its "
        "baseline {baseline}",
        "es": "el resultado clave {where} debería {direction_es} pero su meta {target} está "
        "{side_es} de su línea base {baseline}",
    },
    hint={
        "en": "swap the baseline and the target, or change the direction",
        "es": "intercambia la línea base y la meta, o cambia la dirección",
    },
    why={
        "en": "A target on the wrong side of the baseline can only be met by going backwards.",
        "es": "Una meta al lado equivocado de la línea base solo se cumple retrocediendo.",
    },
    example="""\
okrkit: 1
period: 2026-Q1
objectives:
  - id: meta
    title: Cumplir la meta de ventas del trimestre
    owner: ventas
    key_results:
      - {metric: ciclo de venta, direction: decrease, baseline: 26 day, target: 35 day}
""",
)
def wrong_direction(ctx: Context) -> Iterator[Hit]:
    for place, _objective, item in ctx.key_results():
        resolved = ctx.resolved(place)
        baseline, target = resolved.baseline, resolved.target
        if baseline is None or target is None or item.direction is None:
            continue
        amounts = {
            "target": trusted_amount(target, resolved.rate_unit),
            "baseline": trusted_amount(baseline, resolved.rate_unit),
        }
        if item.direction is Direction.INCREASE and target < baseline:
            yield ctx.hit(
                place, direction="increase", direction_es="aumentar", side="below",
                side_es="por debajo", **amounts,
            )  # fmt: skip
        elif item.direction is Direction.DECREASE and target > baseline:
            yield ctx.hit(
                place, direction="decrease", direction_es="disminuir", side="above",
                side_es="por encima", **amounts,
            )  # fmt: skip


_FIELDS_ES = {
    "baseline": "línea base",
    "target": "meta",
    "change": "cambio",
    "share": "proporción",
    "checkins": "seguimientos",
}


@rule(
    "unit-mismatch",
    severity="error",
    category="measurability",
    message={
        "en": "key result {where} is in {unit}, but its {fields} {count:does|do} not convert to it",
        "es": "el resultado clave {where} está en {unit_es}, pero {fields_es} no se "
        "{count:convierte|convierten} a esa unidad",
    },
    hint={
        "en": "write every value in units that convert to each other (hours and days do; "
        "calls and leads, dollars and euros do not)",
        "es": "escribe todos los valores en unidades convertibles entre sí (horas y días "
        "sí; llamadas y leads, dólares y euros no)",
    },
    why={
        "en": "A count of calls never adds to a count of leads: values in units that do "
        "not convert cannot be compared or scored.",
        "es": "Un número de llamadas nunca suma a un número de leads: valores en unidades "
        "que no se convierten no se pueden comparar ni puntuar.",
    },
    example="""\
okrkit: 1
period: 2026-Q1
objectives:
  - id: meta
    title: Cumplir la meta de ventas del trimestre
    owner: ventas
    key_results:
      - metric: leads calificados
        target: 170 lead
        checkins:
          - {date: 2026-02-01, value: 90 call}
""",
)
def unit_mismatch(ctx: Context) -> Iterator[Hit]:
    for place, _objective, _item in ctx.key_results():
        resolved = ctx.resolved(place)
        if not resolved.mismatches:
            continue
        names = dict.fromkeys(
            f"{name} ({unit_for_people(unit) or 'no unit'})" for name, unit in resolved.mismatches
        )
        names_es = dict.fromkeys(
            f"{_FIELDS_ES[name]} ({unit_for_people(unit, 'es') or 'sin unidad'})"
            for name, unit in resolved.mismatches
        )
        yield ctx.hit(
            place,
            unit=unit_for_people(resolved.rate_unit) or "a plain number",
            unit_es=unit_for_people(resolved.rate_unit, "es") or "un número sin unidad",
            fields=", ".join(names),
            fields_es=", ".join(names_es),
            # the verb agrees with the values: a baseline does not convert, check-ins do not
            count=len(names) + sum(name == "checkins" for name, _unit in resolved.mismatches),
        )


@rule(
    "ambiguous-percent",
    severity="warning",
    category="measurability",
    message={
        "en": "key result {where} changes a rate by {change}: percentage points, or "
        "{change} of today's value?",
        "es": "el resultado clave {where} cambia una tasa en {change}: ¿puntos porcentuales, "
        "o un {change} del valor actual?",
    },
    hint={
        "en": 'say it in points ("by 5 percentage points") or as a target ("from 60% to 65%")',
        "es": "dilo en puntos («en 5 puntos porcentuales») o como meta («del 60% al 65%»)",
    },
    why={
        "en": "+10 % of a 30 % retention is 33 %, and +10 points is 40 %: two teams will "
        "read it differently, and score it differently.",
        "es": "+10 % sobre una retención del 30 % es 33 %, y +10 puntos es 40 %: dos equipos "
        "lo leerán distinto, y lo puntuarán distinto.",
    },
    example="""\
okrkit: 1
period: 2026
objectives:
  - id: lider
    title: Ser el vendedor de referencia en la región
    owner: ana
    key_results:
      - statement: Aumentar la retención de clientes en un 38%
        baseline: 50 %
""",
)
def ambiguous_percent(ctx: Context) -> Iterator[Hit]:
    for place, _objective, item in ctx.key_results():
        reading = current_reading(item)
        from_reading = (
            reading is not None and reading.ambiguous_percent and item.change == reading.change
        )
        structured = (
            reading is None
            and item.change is not None
            and item.change.unit == "percent"
            and any(a is not None and a.unit == "percent" for a in (item.baseline, item.target))
        )
        if (from_reading or structured) and item.change is not None:
            yield ctx.hit(place, change=item.change)


@rule(
    "percent-out-of-range",
    severity="warning",
    category="measurability",
    message={
        "en": "key result {where} has a {field} of {value} %, outside 0–100 %",
        "es": "el resultado clave {where} tiene {field_es} de {value} %, fuera de 0–100 %",
    },
    hint={
        "en": "a share or a rate lies between 0 and 100 %; a percent of a plan, a quota or "
        'a target may pass it: say so ("120 % of plan"), or give the metric a type with '
        "that range",
        "es": "una proporción o una tasa está entre 0 y 100 %; un porcentaje de un plan, "
        "una cuota o un objetivo puede pasarlo: dilo («120 % del plan»), o dale a la "
        "métrica un tipo con ese rango",
    },
    why={
        "en": "No conversion rate reaches 120 % and no share of customers is negative: "
        "such a target is a typo or a misread unit. Attainment is not a share: a "
        'statement of a percent of a plan, a quota or a target ("120 % of plan", '
        '"quota attainment") may pass 100 %, and is left alone.',
        "es": "Ninguna tasa de conversión llega al 120 % y ninguna proporción de clientes "
        "es negativa: una meta así es una errata o una unidad mal leída. El cumplimiento "
        "no es una proporción: un enunciado con un porcentaje de un plan, una cuota o un "
        "objetivo («120 % del plan», «cumplimiento de la cuota») puede pasar del 100 %, "
        "y no se señala.",
    },
    example="""\
okrkit: 1
period: 2026-Q1
objectives:
  - id: preventa
    title: Atender a cada prospecto a tiempo
    owner: preventa
    key_results:
      - {metric: tasa de conversión, direction: increase, baseline: 60 %, target: 120 %}
""",
)
def percent_out_of_range(ctx: Context) -> Iterator[Hit]:
    for place, _objective, item in ctx.key_results():
        if (
            item.share is not None
            and item.share.unit in (None, "percent")
            and not (0 <= item.share.value <= 100)
        ):
            yield ctx.hit(place, field="share", field_es="una proporción", value=item.share.value)
            continue
        if item.metric_type is not None:
            continue  # a typed metric has its own range: target-out-of-range reads it
        reading = current_reading(item)
        if reading is not None and reading.attainment:
            continue  # "120 % of plan": attainment passes 100 % when the plan is beaten
        for name, name_es, amount in (
            ("target", "una meta", item.target),
            ("baseline", "una línea base", item.baseline),
        ):
            if amount is None or amount.unit != "percent" or 0 <= amount.value <= 100:
                continue
            yield ctx.hit(place, field=name, field_es=name_es, value=amount.value)
            break


@rule(
    "target-out-of-range",
    severity="warning",
    category="measurability",
    message={
        "en": "key result {where} has a {field} of {value}, outside the {type} range "
        "{minimum}..{maximum}",
        "es": "el resultado clave {where} tiene {field_es} de {value}, fuera del rango de "
        "{type} ({minimum}..{maximum})",
    },
    hint={
        "en": "check the number or the metric type",
        "es": "revisa el número o el tipo de métrica",
    },
    why={
        "en": "A metric type knows its valid range: an NPS of 140 or a CSAT of 6 cannot "
        "be reached.",
        "es": "Un tipo de métrica conoce su rango válido: un NPS de 140 o un CSAT de 6 no "
        "se pueden alcanzar.",
    },
    example="""\
okrkit: 1
period: 2026-Q1
objectives:
  - id: clientes
    title: Que los clientes nos recomienden
    owner: exito-cliente
    key_results:
      - {metric: NPS, type: nps, direction: increase, baseline: 40, target: 140}
""",
)
def target_out_of_range(ctx: Context) -> Iterator[Hit]:
    for place, _objective, item in ctx.key_results():
        kind = item.metric_type
        if kind is None or (kind.minimum is None and kind.maximum is None):
            continue
        resolved = ctx.resolved(place)
        for name, name_es, value in (
            ("target", "una meta", resolved.target),
            ("baseline", "una línea base", resolved.baseline),
        ):
            if value is not None and not kind.contains(value):
                yield ctx.hit(
                    place, field=name, field_es=name_es, value=value, type=kind.name,
                    minimum="" if kind.minimum is None else float(kind.minimum),
                    maximum="" if kind.maximum is None else float(kind.maximum),
                )  # fmt: skip
                break


@rule(
    "statement-unclear",
    severity="warning",
    category="measurability",
    message={
        "en": "key result {where}'s statement could not be read with confidence: {reason}",
        "es": "el enunciado del resultado clave {where} no se pudo leer con seguridad: {reason_es}",
    },
    hint={
        "en": "write the statement more plainly, or give the structured fields (metric:, "
        "target:, baseline:)",
        "es": "escribe el enunciado de forma más sencilla, o da los campos estructurados "
        "(metric:, target:, baseline:)",
    },
    why={
        "en": "okrkit says when it is unsure rather than guessing silently: a figure it "
        "could give no role, two targets that disagree, no metric it could name, a "
        "statement too long or a number too large to read.",
        "es": "okrkit avisa cuando no está seguro en lugar de adivinar en silencio: una "
        "cifra a la que no pudo dar un papel, dos metas que no concuerdan, ninguna "
        "métrica que pudiera nombrar, un enunciado demasiado largo o un número demasiado "
        "grande para leerlo.",
    },
    example=(
        "okrkit: 1\nperiod: 2026-Q1\nobjectives:\n  - id: meta\n    title: Crecer\n"
        "    owner: ventas\n    key_results:\n      - statement: Generar 170 leads"
        + " y más" * 400
        + "\n"
    ),
)
def statement_unclear(ctx: Context) -> Iterator[Hit]:
    for place, _objective, item in ctx.key_results():
        reading = current_reading(item)
        if reading is None:
            continue
        if "statement-unclear" in reading.issues or any(
            f.role is FigureRole.UNCLEAR for f in reading.figures
        ):
            reason, reason_es = _unclear(reading)
            yield ctx.hit(place, reason=reason, reason_es=reason_es)


def _unclear(reading: Reading) -> tuple[str, str]:
    """What made the reader unsure, in English and Spanish."""
    noted = {item.field for item in reading.evidence}
    reasons = [_UNCLEAR[field] for field in ("text", "number") if field in noted]
    loose = [f.text for f in reading.figures if f.role is FigureRole.UNCLEAR]
    if loose:
        reasons.append((
            "it could give no role to " + some_of(loose, quote=repr),
            "no pudo dar un papel a " + some_of(loose, quote=lambda text: f"«{text}»"),
        ))  # fmt: skip
    en, es = zip(*(reasons or [_UNCLEAR["unsure"]]), strict=True)
    return "; ".join(en), "; ".join(es)


_UNCLEAR = {
    "text": ("it is longer than the reader reads", "es más largo de lo que el lector lee"),
    "number": (
        "it holds a number too large to read",
        "tiene un número demasiado grande para leerlo",
    ),
    "unsure": (
        "the reader could not tell what it measures or what its figures are",
        "el lector no pudo decir qué mide ni qué son sus cifras",
    ),
}


@rule(
    "ambiguous-number",
    severity="warning",
    category="measurability",
    message={
        "en": "key result {where}'s statement writes {numbers}, which English and Spanish "
        "read differently: okrkit read {count:it|them} as thousands",
        "es": "el enunciado del resultado clave {where} escribe {numbers_es}, que el inglés y "
        "el español leen distinto: okrkit {count:lo|los} leyó como miles",
    },
    hint={
        "en": "write the thousands without a separator ({plain}), or give the structured "
        "fields (target:, baseline:)",
        "es": "escribe los miles sin separador ({plain}), o da los campos estructurados "
        "(target:, baseline:)",
    },
    why={
        "en": '"1,500" is fifteen hundred to an English reader and one and a half to many '
        'Spanish ones; "1.500" the other way round. Two readers of one plan must not '
        "score it against two different targets.",
        "es": "«1,500» es mil quinientos para quien lee en inglés y uno y medio para "
        "muchos lectores en español; «1.500», al revés. Dos lectores de un mismo plan no "
        "deben puntuarlo contra dos metas distintas.",
    },
    example="""\
okrkit: 1
period: 2026-Q1
lang: es
objectives:
  - id: demanda
    title: Llenar el embudo de ventas
    owner: marketing
    key_results:
      - statement: Conseguir 1,500 leads calificados
""",
)
def ambiguous_number(ctx: Context) -> Iterator[Hit]:
    for place, _objective, item in ctx.key_results():
        reading = current_reading(item)
        if reading is None or "ambiguous-number" not in reading.issues:
            continue
        pattern = _TWO_WAY_NUMBER.get(reading.lang)
        written = list(dict.fromkeys(re.findall(pattern, reading.text))) if pattern else []
        yield ctx.hit(
            place,
            numbers=", ".join(repr(n) for n in written) or "a number",
            numbers_es=", ".join(f"«{n}»" for n in written) or "un número",
            count=max(1, len(written)),
            plain=", ".join(re.sub(r"[.,]", "", n) for n in written) or "1500",
        )


# One separator, then exactly three digits: thousands to okrkit, and the decimal mark
# of the statement's language ("1,500" in Spanish, "1.500" in English). Compiled by
# re when a statement first has such a number.
_TWO_WAY_NUMBER = {
    lang: rf"(?<![\d.,])[1-9][0-9]{{0,2}}{mark}[0-9]{{3}}(?![.,]?\d)"
    for lang, mark in (("en", r"\."), ("es", ","))
}
