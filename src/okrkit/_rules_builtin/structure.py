"""Structure rules: key results per objective, owners, ids, references."""

from __future__ import annotations

from collections.abc import Iterator

from okrkit._rules import Context, Hit, Place, rule


@rule(
    "no-objectives",
    severity="error",
    category="structure",
    message={
        "en": "the plan has no objectives",
        "es": "el plan no tiene objetivos",
    },
    hint={
        "en": "add objectives: with at least one objective, its owner and its key results",
        "es": "añade objectives: con al menos un objetivo, su responsable y sus resultados clave",
    },
    why={
        "en": "A plan without objectives says nothing anyone can reach or score; an empty "
        "or truncated file must not pass as a plan with no findings.",
        "es": "Un plan sin objetivos no dice nada que alguien pueda lograr o puntuar; un "
        "archivo vacío o cortado no debe pasar como un plan sin hallazgos.",
    },
    example="""\
okrkit: 1
period: 2026-Q1
""",
)
def no_objectives(ctx: Context) -> Iterator[Hit]:
    if not ctx.plan.objectives:
        yield ctx.hit(Place())


@rule(
    "no-key-results",
    severity="error",
    category="structure",
    message={
        "en": "objective {where} has no key results",
        "es": "el objetivo {where} no tiene resultados clave",
    },
    hint={
        "en": "add 3 to 5 key results that say how you will know the objective was reached",
        "es": "añade de 3 a 5 resultados clave que digan cómo sabrás que se logró el objetivo",
    },
    why={
        "en": "Without key results nobody can answer, at the end of the period, whether the "
        "objective was reached.",
        "es": "Sin resultados clave nadie puede responder, al final del periodo, si se logró "
        "el objetivo.",
    },
    example="""\
okrkit: 1
period: 2026-Q1
objectives:
  - id: crecer
    title: Crecer en la región andina
    owner: ventas
""",
)
def no_key_results(ctx: Context) -> Iterator[Hit]:
    for place, objective in ctx.objectives():
        if not objective.key_results:
            yield ctx.hit(place)


@rule(
    "missing-owner",
    severity="error",
    category="structure",
    message={
        "en": "objective {where} has no owner",
        "es": "el objetivo {where} no tiene responsable",
    },
    hint={
        "en": "add owner: with the person or team accountable for it",
        "es": "añade owner: con la persona o el equipo responsable",
    },
    why={
        "en": "An objective is actionable by a person or a team; without an owner nobody "
        "answers for it.",
        "es": "Un objetivo es accionable por una persona o un equipo; sin responsable nadie "
        "responde por él.",
    },
    example="""\
okrkit: 1
period: 2026-Q1
objectives:
  - id: crecer
    title: Crecer en la región andina
    key_results:
      - statement: Generar 170 leads calificados por trimestre
""",
)
def missing_owner(ctx: Context) -> Iterator[Hit]:
    for place, objective in ctx.objectives():
        if objective.owner is None:
            yield ctx.hit(place)


@rule(
    "duplicate-id",
    severity="error",
    category="structure",
    message={
        "en": "id {id!r} is used more than once: {first} has it too",
        "es": "el id {id!r} se usa más de una vez: también lo tiene {first_es}",
    },
    hint={
        "en": "give each objective and key result its own id",
        "es": "da a cada objetivo y a cada resultado clave su propio id",
    },
    why={
        "en": "Links, parents and reports name objectives and key results by id; one id for "
        "two things makes them point at the wrong one.",
        "es": "Los vínculos, los padres y los informes nombran objetivos y resultados clave "
        "por su id; un id para dos cosas los hace apuntar a la equivocada.",
    },
    example="""\
okrkit: 1
period: 2026-Q1
objectives:
  - id: meta
    title: Cumplir la meta de ventas del trimestre
    owner: ventas
    key_results:
      - {id: leads, statement: Generar 170 leads calificados por trimestre}
  - id: meta
    title: Abrir la región andina
    owner: ventas
    key_results:
      - {id: leads, statement: Generar 40 leads en Perú}
""",
)
def duplicate_id(ctx: Context) -> Iterator[Hit]:
    first: dict[str, Place] = {}  # who has each id first; named only when it repeats
    for place, objective in ctx.objectives():
        key = objective.key
        if key in first:
            yield ctx.hit(place, id=key, **_named(ctx, first[key]))
        else:
            first[key] = place
    for place, _objective, item in ctx.key_results():
        if item.id is None:
            continue
        if item.id in first:
            yield ctx.hit(place, id=item.id, **_named(ctx, first[item.id]))
        else:
            first[item.id] = place


def _named(ctx: Context, place: Place) -> dict[str, str]:
    """How duplicate-id's messages name the first holder of an id."""
    if place.key_result is None:
        assert place.objective is not None
        title = ctx.plan.objectives[place.objective].title
        return {"first": f"the objective {title!r}", "first_es": f"el objetivo {title!r}"}
    where = ctx.where(place)
    return {"first": f"the key result {where}", "first_es": f"el resultado clave {where}"}


@rule(
    "unknown-reference",
    severity="error",
    category="structure",
    message={
        "en": "{what} names {ref!r}, which is no objective or key result in the plan",
        "es": "{what_es} nombra {ref!r}, que no es ningún objetivo ni resultado clave del plan",
    },
    hint={
        "en": "use an objective id, a key result id, or objective-id/kr-id",
        "es": "usa el id de un objetivo, el de un resultado clave, o id-objetivo/id-rc",
    },
    why={
        "en": "A link or parent that points nowhere states a cause or an alignment that "
        "cannot be checked.",
        "es": "Un vínculo o un padre que no apunta a nada afirma una causa o una alineación "
        "que no se puede comprobar.",
    },
    example="""\
okrkit: 1
period: 2026-Q1
objectives:
  - id: meta
    title: Cumplir la meta de ventas del trimestre
    owner: ventas
    key_results:
      - {id: llamadas, statement: Realizar 20 llamadas de prospección cada semana}
      - {id: pipeline, statement: Incrementar el pipeline de 2 a 3 millones de dólares}
links:
  - {from: llamadas, to: pipelin, because: Más llamadas abren más oportunidades}
""",
)
def unknown_reference(ctx: Context) -> Iterator[Hit]:
    refs = ctx.references()
    for place, objective in ctx.objectives():
        if objective.parent is not None and refs.parent_of(objective) is None:
            yield ctx.hit(place, what="parent", what_es="el padre", ref=objective.parent)
    for index, link in enumerate(ctx.plan.links):
        for end, end_es, ref in (("from", "el origen", link.from_), ("to", "el destino", link.to)):
            if refs.find(ref) is None and ref not in refs.ambiguous:
                yield ctx.hit(
                    Place(link=index),
                    what=f"the link's {end!r}",
                    what_es=f"{end_es} del vínculo",
                    ref=ref,
                )


@rule(
    "too-few-key-results",
    severity="warning",
    category="structure",
    thresholds=("min_key_results", "max_key_results"),
    message={
        "en": "objective {where} has {count:# key result|# key results}; {minimum} to "
        "{maximum} make it measurable without losing focus",
        "es": "el objetivo {where} tiene {count:# resultado clave|# resultados clave}; de "
        "{minimum} a {maximum} lo hacen medible sin perder el foco",
    },
    hint={
        "en": "add key results that would tell you, together, that the objective was reached",
        "es": "añade resultados clave que, juntos, te dirían que se logró el objetivo",
    },
    why={
        "en": "One or two key results rarely capture an objective: the team can hit them "
        "and still miss the point. The method asks for three to five.",
        "es": "Uno o dos resultados clave rara vez capturan un objetivo: el equipo puede "
        "cumplirlos y no lograrlo. El método pide entre tres y cinco.",
    },
    example="""\
okrkit: 1
period: 2026-Q1
objectives:
  - id: meta
    title: Cumplir la meta de ventas del trimestre
    owner: ventas
    key_results:
      - statement: Generar 170 leads calificados por trimestre
""",
)
def too_few_key_results(ctx: Context) -> Iterator[Hit]:
    low, high = ctx.thresholds.min_key_results, ctx.thresholds.max_key_results
    for place, objective in ctx.objectives():
        count = len(objective.key_results)
        if 0 < count < low:
            yield ctx.hit(place, count=count, minimum=low, maximum=high)


@rule(
    "too-many-key-results",
    severity="warning",
    category="structure",
    thresholds=("max_key_results",),
    message={
        "en": "objective {where} has {count:# key result|# key results}; more than {maximum} "
        "dilutes focus",
        "es": "el objetivo {where} tiene {count:# resultado clave|# resultados clave}; más de "
        "{maximum} diluyen "
        "el foco",
    },
    hint={
        "en": "keep the {maximum:one that best shows|# that best show} the objective was "
        "reached; move the rest to "
        "initiatives or drop them",
        "es": "quédate con {maximum:el que mejor muestra|los # que mejor muestran} que se logró "
        "el objetivo; pasa el "
        "resto a iniciativas o descártalos",
    },
    why={
        "en": "Every key result competes for attention; past five, the team stops knowing "
        "what matters most.",
        "es": "Cada resultado clave compite por atención; pasados cinco, el equipo deja de "
        "saber qué importa más.",
    },
    example="""\
okrkit: 1
period: 2026-Q1
objectives:
  - id: meta
    title: Cumplir la meta de ventas del trimestre
    owner: ventas
    key_results:
      - statement: Generar 170 leads calificados por trimestre
      - statement: Reducir el ciclo de venta de 35 días a 26 días
      - statement: Incrementar la tasa de conversión del 20% al 25%
      - statement: Cerrar 40 tratos nuevos
      - statement: Aumentar el ticket promedio de $1.500 a $2.000
      - statement: Renovar 30 contratos
""",
)
def too_many_key_results(ctx: Context) -> Iterator[Hit]:
    high = ctx.thresholds.max_key_results
    for place, objective in ctx.objectives():
        count = len(objective.key_results)
        if count > high:
            yield ctx.hit(place, count=count, maximum=high)


@rule(
    "too-many-objectives",
    severity="warning",
    category="structure",
    thresholds=("max_objectives_per_owner",),
    message={
        "en": "{owner} has {count:# objective|# objectives} in {period}; more than {maximum} is "
        "no longer "
        "a focus",
        "es": "{owner} tiene {count:# objetivo|# objetivos} {period_es}; más de {maximum} ya no "
        "es un foco",
    },
    hint={
        "en": "choose the {maximum:one that matters|# that matter} most this period and "
        "postpone the rest",
        "es": "elige {maximum:el que más importa|los # que más importan} en este periodo y "
        "pospón el resto",
    },
    why={
        "en": "OKRs are a tool for focus: three to five objectives per owner and period.",
        "es": "Los OKR son una herramienta de foco: de tres a cinco objetivos por responsable "
        "y periodo.",
    },
    example="""\
okrkit: 1
period: 2026-Q1
objectives:
  - {id: o1, title: Abrir la región andina, owner: ana, key_results: [Generar 40 leads en Perú]}
  - {id: o2, title: Fidelizar a los clientes clave, owner: ana, key_results: [Renovar 30 contratos]}
  - {id: o3, title: Vender la nueva línea, owner: ana, key_results: [Vender 100 licencias]}
  - {id: o4, title: Acortar el ciclo de venta, owner: ana, key_results: [Bajar el ciclo a 26 días]}
  - {id: o5, title: Crecer con socios, owner: ana, key_results: [Firmar 4 socios nuevos]}
  - {id: o6, title: Entrar en salud, owner: ana, key_results: [Ganar 3 clientes del sector salud]}
""",
)
def too_many_objectives(ctx: Context) -> Iterator[Hit]:
    high = ctx.thresholds.max_objectives_per_owner
    groups: dict[tuple[str, object], list[Place]] = {}
    for place, objective in ctx.objectives():
        if objective.owner is None:
            continue
        assert place.objective is not None
        period = ctx.period(place.objective)
        key = (objective.owner, (period.start, period.end) if period else None)
        groups.setdefault(key, []).append(place)
    for (owner, _span), places in groups.items():
        if len(places) > high:
            assert places[0].objective is not None
            period = ctx.period(places[0].objective)
            yield ctx.hit(
                places[high], owner=owner, count=len(places), maximum=high,
                period=str(period) if period else "no period",
                period_es=f"en {period}" if period else "sin periodo",
            )  # fmt: skip


@rule(
    "ambiguous-reference",
    severity="error",
    category="structure",
    message={
        "en": "the link's {end!r} names {ref!r}, a key result id used in more than one objective",
        "es": "el {end_es} del vínculo nombra {ref!r}, un id de resultado clave que usan "
        "varios objetivos",
    },
    hint={
        "en": "write it as objective-id/{ref}",
        "es": "escríbelo como id-objetivo/{ref}",
    },
    why={
        "en": "A link must say which key result it means; a bare id shared by two "
        "objectives could be either.",
        "es": "Un vínculo debe decir a qué resultado clave se refiere; un id compartido por "
        "dos objetivos podría ser cualquiera.",
    },
    example="""\
okrkit: 1
period: 2026-Q1
objectives:
  - id: peru
    title: Abrir Perú
    owner: ana
    key_results:
      - {id: leads, statement: Generar 40 leads en Perú}
  - id: chile
    title: Abrir Chile
    owner: luis
    key_results:
      - {id: leads, statement: Generar 30 leads en Chile}
links:
  - {from: leads, to: peru, because: Cada lead es una conversación con un cliente nuevo}
""",
)
def ambiguous_reference(ctx: Context) -> Iterator[Hit]:
    refs = ctx.references()
    for index, link in enumerate(ctx.plan.links):
        for end, end_es, ref in (("from", "origen", link.from_), ("to", "destino", link.to)):
            if ref in refs.ambiguous:
                yield ctx.hit(Place(link=index), end=end, end_es=end_es, ref=ref)
