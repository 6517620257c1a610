"""Structure rules: key results per objective, owners, ids, references."""

from __future__ import annotations

from collections.abc import Iterator

from okrkit._rules import Context, Hit, Place, rule


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
    example=(
        "objectives:\n  - {id: crecer, title: Crecer en la región, owner: ventas, period: 2026-Q1}"
    ),
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
    example=(
        "objectives:\n  - {id: crecer, title: Crecer en la región, period: 2026-Q1"
        ", key_results: [...]}"
    ),
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
    example="objectives:\n  - {id: meta, title: A, ...}\n  - {id: meta, title: B, ...}",
)
def duplicate_id(ctx: Context) -> Iterator[Hit]:
    first: dict[str, tuple[str, str]] = {}
    for place, objective in ctx.objectives():
        key = objective.key
        named = (f"the objective {objective.title!r}", f"el objetivo {objective.title!r}")
        if key in first:
            yield ctx.hit(place, id=key, first=first[key][0], first_es=first[key][1])
        else:
            first[key] = named
    for place, _objective, item in ctx.key_results():
        if item.id is None:
            continue
        where = ctx.where(place)
        named = (f"the key result {where}", f"el resultado clave {where}")
        if item.id in first:
            yield ctx.hit(place, id=item.id, first=first[item.id][0], first_es=first[item.id][1])
        else:
            first[item.id] = named


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
    example="links:\n  - {from: llamadas, to: pipelin, because: ...}",
)
def unknown_reference(ctx: Context) -> Iterator[Hit]:
    refs = ctx.references()
    for place, objective in ctx.objectives():
        if objective.parent is None:
            continue
        found = refs.find(objective.parent)
        if found is None or found.key_result is not None:
            yield ctx.hit(place, what="parent", what_es="el padre", ref=objective.parent)
    for index, link in enumerate(ctx.plan.links):
        for end, end_es, ref in (("from", "el origen", link.from_), ("to", "el destino", link.to)):
            if refs.find(ref) is None:
                yield ctx.hit(
                    Place(link=index),
                    what=f"the link's {end!r}",
                    what_es=f"{end_es} del vínculo",
                    ref=ref,
                )
