"""Causality rules: links and alignment form a graph that must not go round."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from okrkit._amount import trusted_amount
from okrkit._model import Direction, KeyResult, Nature
from okrkit._plural import plural
from okrkit._reading import current_objective_reading
from okrkit._rules import Context, Hit, Place, rule
from okrkit._rules_builtin.measurability import is_task
from okrkit._units import UnitInfo, UnitKind, convert_factor, unit_info
from okrkit.exceptions import UnitError


Node = tuple[int, int]  # (objective index, key result index or -1)


def graph(ctx: Context) -> dict[Node, list[Node]]:
    """Edges: a key result moves its objective; a link moves its target; an
    objective moves its parent.

    A key result no link touches is left out: nothing moves it, so it lies on no
    cycle, and an org-scale plan has tens of thousands of them.
    """

    def build() -> dict[Node, list[Node]]:
        refs = ctx.references()
        edges: dict[Node, list[Node]] = {}
        for place, objective in ctx.objectives():
            assert place.objective is not None
            node = (place.objective, -1)
            parent = refs.parent_of(objective)
            edges[node] = [] if parent is None else [(parent, -1)]
        for link in ctx.plan.links:
            start, end = refs.find(link.from_), refs.find(link.to)
            if start is None or end is None:
                continue
            for touched in (_node(start), _node(end)):
                if touched not in edges:
                    edges[touched] = [(touched[0], -1)]
            edges[_node(start)].append(_node(end))
        return edges

    result: dict[Node, list[Node]] = ctx.memo("graph", build)
    return result


def _node(place: Place) -> Node:
    assert place.objective is not None
    return (place.objective, -1 if place.key_result is None else place.key_result)


def cycles(edges: dict[Node, list[Node]]) -> list[list[Node]]:
    """One cycle through each strongly connected component that has one.

    Nodes that nothing in a cycle can reach are peeled off first (Kahn's
    topological order, linear and cheap); Tarjan's algorithm, iterative so a
    10,000-level alignment chain needs no recursion, then runs on what is left,
    which is nothing in a plan without cycles.
    """
    edges = _not_peeled(edges)
    if not edges:
        return []
    index: dict[Node, int] = {}
    low: dict[Node, int] = {}
    on_stack: set[Node] = set()
    stack: list[Node] = []
    found: list[list[Node]] = []
    counter = 0
    for root in edges:
        if root in index:
            continue
        work: list[tuple[Node, int]] = [(root, 0)]
        while work:
            node, child = work.pop()
            if child == 0:
                index[node] = low[node] = counter
                counter += 1
                stack.append(node)
                on_stack.add(node)
            targets = edges.get(node, [])
            if child < len(targets):
                work.append((node, child + 1))
                nxt = targets[child]
                if nxt not in index:
                    work.append((nxt, 0))
                elif nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
                continue
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1 or node in edges.get(node, []):
                    found.append(_cycle_in(set(component), edges))
    return found


def _not_peeled(edges: dict[Node, list[Node]]) -> dict[Node, list[Node]]:
    """The graph without the nodes a topological order reaches (no cycle goes
    through them), in the same node order."""
    incoming = dict.fromkeys(edges, 0)
    for targets in edges.values():
        for target in targets:
            incoming[target] = incoming.get(target, 0) + 1
    ready = [node for node, count in incoming.items() if count == 0]
    while ready:
        for target in edges.get(ready.pop(), ()):
            incoming[target] -= 1
            if incoming[target] == 0:
                ready.append(target)
    return {
        node: [t for t in edges.get(node, ()) if incoming[t] > 0]
        for node, count in incoming.items()
        if count > 0
    }


def _cycle_in(component: set[Node], edges: dict[Node, list[Node]]) -> list[Node]:
    """A closed walk through the component, starting at its first node in plan order."""
    start = min(component)
    previous: dict[Node, Node] = {}
    frontier = [start]
    while frontier:
        nxt_frontier = []
        for node in frontier:
            for target in edges.get(node, []):
                if target not in component:
                    continue
                if target == start:
                    path = [node]
                    while path[-1] != start:
                        path.append(previous[path[-1]])
                    path.reverse()
                    return [*path, start]
                if target not in previous:
                    previous[target] = node
                    nxt_frontier.append(target)
        frontier = nxt_frontier
    return [start, start]


@rule(
    "causal-cycle",
    severity="error",
    category="causality",
    message={
        "en": "links and alignment go round in a cycle: {cycle}",
        "es": "los vínculos y la alineación forman un ciclo: {cycle}",
    },
    hint={
        "en": "remove one link or parent in the cycle so causes lead to effects, not back",
        "es": "quita un vínculo o un padre del ciclo para que las causas lleven a los efectos, "
        "no de vuelta",
    },
    why={
        "en": "Causality runs one way: activities drive outcomes, key results drive objectives. "
        "A cycle claims that something causes itself.",
        "es": "La causalidad va en un sentido: la gestión impulsa el logro y los resultados "
        "clave impulsan el objetivo. Un ciclo afirma que algo se causa a sí mismo.",
    },
    example="""\
okrkit: 1
period: 2026
objectives:
  - id: crecer
    title: Crecer en la región andina
    owner: direccion
    parent: clientes
    key_results:
      - statement: Abrir 3 oficinas nuevas
  - id: clientes
    title: Que los clientes nos recomienden
    owner: exito-cliente
    parent: crecer
    key_results:
      - statement: Subir el NPS de 30 a 45
""",
)
def causal_cycle(ctx: Context) -> Iterator[Hit]:
    for cycle in cycles(graph(ctx)):
        names = [ctx.where(_place(node)) for node in cycle]
        yield ctx.hit(_place(cycle[0]), cycle=" → ".join(names))


def _place(node: Node) -> Place:
    objective, key_result = node
    return Place(objective=objective, key_result=None if key_result < 0 else key_result)


@rule(
    "missing-rationale",
    severity="info",
    category="causality",
    message={
        "en": "the link from {start!r} to {end!r} does not say why",
        "es": "el vínculo de {start!r} a {end!r} no dice por qué",
    },
    hint={
        "en": "add because: with the reason reaching {start!r} should move {end!r}",
        "es": "añade because: con la razón por la que lograr {start!r} debería mover {end!r}",
    },
    why={
        "en": "Causality has to be stated to be challenged: the reason is what the team "
        "tests when the numbers come in.",
        "es": "La causalidad hay que enunciarla para poder cuestionarla: la razón es lo que "
        "el equipo pone a prueba cuando llegan los números.",
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
  - {from: llamadas, to: pipeline}
""",
)
def missing_rationale(ctx: Context) -> Iterator[Hit]:
    for index, link in enumerate(ctx.plan.links):
        if link.because is None:
            yield ctx.hit(Place(link=index), start=link.from_, end=link.to)


def _is_activity(item: KeyResult) -> bool:
    return item.nature is Nature.ACTIVITY


@rule(
    "no-outcome",
    severity="warning",
    category="causality",
    message={
        "en": "every key result of objective {where} is an activity: nothing measures the "
        "outcome it is for",
        "es": "todos los resultados clave del objetivo {where} son de gestión: ninguno mide "
        "el logro que se busca",
    },
    hint={
        "en": "add an outcome key result (revenue, conversion, a contract signed) that the "
        "activities should move",
        "es": "añade un resultado clave de logro (ingresos, conversión, un contrato firmado) "
        "que la gestión deba mover",
    },
    why={
        "en": "Activities the team controls are there to drive outcomes it does not; a plan "
        "with only activities keeps the team busy without showing it is getting there.",
        "es": "La gestión, que el equipo controla, está para impulsar logros que no controla; "
        "un plan solo de gestión mantiene al equipo ocupado sin mostrar que avanza.",
    },
    example="""\
okrkit: 1
period: 2026-Q3
objectives:
  - id: abc
    title: Ser el socio de referencia del segmento ABC
    owner: ventas
    key_results:
      - statement: Preparar 10 propuestas de valor para los principales clientes ABC
      - statement: Realizar 15 reuniones comerciales con clientes ABC
      - statement: Enviar 5 propuestas personalizadas cada semana
""",
)
def no_outcome(ctx: Context) -> Iterator[Hit]:
    for place, objective in ctx.objectives():
        items = objective.key_results
        if items and all(_is_activity(item) for item in items):
            yield ctx.hit(place)


@rule(
    "unlinked-activity",
    severity="info",
    category="causality",
    message={
        "en": "{activities} not linked to an outcome key result or an objective{why}",
        "es": "{activities_es} a ningún resultado clave de logro ni objetivo{why_es}",
    },
    hint={
        "en": "link each activity to the outcome it should move: links: with from, to and because:",
        "es": "vincula cada actividad de gestión al logro que debería mover: links: con "
        "from, to y because:",
    },
    why={
        "en": "Each activity is a bet that doing it moves an outcome; unlinked, nobody can "
        "check whether the bet pays. In a plan that states no links at all this is said "
        "once, for the plan; a task (kr-is-task) is not counted: it belongs in initiatives.",
        "es": "Cada actividad de gestión es una apuesta a que mueve un logro; sin vínculo, "
        "nadie puede comprobar si la apuesta rinde. En un plan que no declara ningún "
        "vínculo se dice una vez, para el plan; una tarea (kr-is-task) no cuenta: va en "
        "las iniciativas.",
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
      - {id: reuniones, statement: Realizar 8 reuniones con clientes cada semana}
      - {id: pipeline, statement: Incrementar el pipeline de 2 a 3 millones de dólares}
links:
  - {from: llamadas, to: pipeline, because: Más llamadas abren más oportunidades}
""",
)
def unlinked_activity(ctx: Context) -> Iterator[Hit]:
    unlinked = [
        place
        for place, _objective, item in ctx.key_results()
        if _is_activity(item) and not is_task(item)
    ]
    if not unlinked:
        return
    if not ctx.plan.links:  # the plan does not use links: say it once
        count, first = len(unlinked), ctx.where(unlinked[0])
        more = ", …" if count > 1 else ""
        yield ctx.hit(
            Place(),
            activities=plural(count, "# activity key result|# activity key results")
            + f" ({first}{more}) "
            + plural(count, "is|are"),
            activities_es=plural(count, "# resultado clave|# resultados clave")
            + f" de gestión ({first}{more}) sin vincular",
            why=": the plan states no links",
            why_es=": el plan no declara vínculos",
        )
        return
    driving = _driving(ctx)
    for place in unlinked:
        assert place.objective is not None
        assert place.key_result is not None
        if (place.objective, place.key_result) not in driving:
            where = ctx.where(place)
            yield ctx.hit(
                place,
                activities=f"activity {where} is",
                activities_es=f"la gestión {where} no está vinculada",
                why="",
                why_es="",
            )


def _driving(ctx: Context) -> set[tuple[int, int]]:
    """The key results a link ties to an objective or to an outcome key result."""
    refs = ctx.references()
    plan = ctx.plan
    driving: set[tuple[int, int]] = set()
    for link in plan.links:
        start, end = refs.find(link.from_), refs.find(link.to)
        if start is None or end is None or start.key_result is None:
            continue
        assert start.objective is not None
        assert end.objective is not None
        if end.key_result is None:
            driving.add((start.objective, start.key_result))
            continue
        target = plan.objectives[end.objective].key_results[end.key_result]
        if not _is_activity(target):
            driving.add((start.objective, start.key_result))
    return driving


_ADDITIVE = frozenset({UnitKind.CURRENCY, UnitKind.COUNT})


@rule(
    "coverage-gap",
    severity="info",
    category="causality",
    message={
        "en": "objective {where} states {stated}, but its key results in that unit add up "
        "to {total} ({covered} % covered)",
        "es": "el objetivo {where} fija {stated}, pero sus resultados clave en esa unidad "
        "suman {total} ({covered} % cubierto)",
    },
    hint={
        "en": "add the key results that make up the rest, or say why the gap closes on its own",
        "es": "añade los resultados clave que completan el resto, o explica por qué la "
        "diferencia se cierra sola",
    },
    why={
        "en": "If every key result is met and the objective still is not, the key results "
        "were not sufficient: the causality claim has a hole.",
        "es": "Si se cumplen todos los resultados clave y el objetivo no, los resultados "
        "clave no bastaban: la relación de causalidad tiene un hueco.",
    },
    example="""\
okrkit: 1
period: 2026-Q2
objectives:
  - id: ingresos
    title: Obtener ingresos trimestrales de $575 Millones
    owner: direccion-comercial
    key_results:
      - statement: Lograr $95 Millones en ventas de los productos nuevos
      - statement: Cerrar tratos recurrentes por $200 Millones
      - statement: Reducir el ciclo de venta de 35 días a 26 días
""",
)
def coverage_gap(ctx: Context) -> Iterator[Hit]:
    for place, objective in ctx.objectives():
        reading = current_objective_reading(objective)
        if reading is None:
            continue
        for stated in reading.amounts:
            if stated.unit is None or stated.value <= 0:
                continue
            try:
                info = unit_info(stated.unit)
            except UnitError:
                continue
            if info.kind not in _ADDITIVE:
                continue
            total, found = _sum_in_unit(ctx, place, stated.unit, info)
            if found and total < stated.value:
                yield ctx.hit(
                    place,
                    stated=stated,
                    total=trusted_amount(round(total, 2), stated.unit),
                    covered=float(round(100 * total / stated.value)),
                )
            break


def _sum_in_unit(ctx: Context, place: Place, unit: str, info: UnitInfo) -> tuple[float, bool]:
    """The sum of the objective's key result targets that are in *unit*."""
    assert place.objective is not None
    total, found = 0.0, False
    for index, item in enumerate(ctx.plan.objectives[place.objective].key_results):
        if item.direction not in (Direction.INCREASE, Direction.AT_LEAST, None):
            continue
        resolved = ctx.resolved(Place(objective=place.objective, key_result=index))
        if resolved.target is None or resolved.unit is None:
            continue
        if resolved.unit == unit:
            total += resolved.target
            found = True
            continue
        try:
            factor = convert_factor(unit_info(resolved.unit), info)
        except UnitError:
            continue
        if factor is not None:
            total += resolved.target * factor[0] + factor[1]
            found = True
    return total, found


@rule(
    "link-not-supported-by-history",
    severity="info",
    category="causality",
    needs_history=True,
    message={
        "en": "the history shows no evidence that progress on {start!r} leads progress on "
        "{end!r}: at its best lag, {lag:# week|# weeks}, the correlation of their weekly "
        "changes is {estimate} ({low} to {high}), over {pairs} pairs from "
        "{periods:# period|# periods}",
        "es": "el historial no muestra que el avance de {start!r} se adelante al de {end!r}: "
        "con su mejor desfase, {lag:# semana|# semanas}, la correlación de sus cambios "
        "semanales es {estimate} ({low} a {high}), en {pairs} pares de "
        "{periods:# periodo|# periodos}",
    },
    hint={
        "en": "challenge the link: say why it should hold, look for what else moves {end!r}, "
        "or keep it as a bet and measure again (okrkit evidence shows every lag)",
        "es": "cuestiona el vínculo: explica por qué debería cumplirse, busca qué más mueve "
        "{end!r}, o mantenlo como apuesta y vuelve a medir (okrkit evidence muestra cada "
        "desfase)",
    },
    why={
        "en": "A link claims that moving one thing moves another, and the claim is there to "
        "be challenged. When the check-ins of past periods show no lead of the one over the "
        "other, the claim is unproven there, not disproved. Runs only when check is given "
        "the plans of past periods (okrkit check --history), never by default.",
        "es": "Un vínculo afirma que mover una cosa mueve otra, y la afirmación está para "
        "cuestionarla. Cuando los avances de periodos pasados no muestran que una se "
        "adelante a la otra, la afirmación queda sin probar allí, no refutada. Solo se "
        "comprueba cuando check recibe los planes de periodos pasados (okrkit check "
        "--history), nunca por defecto.",
    },
    example="""\
okrkit: 1
period: 2026-Q1
objectives:
  - id: team-1
    title: Win more customers in our region
    owner: team-1
    key_results:
      - {id: posts, metric: social media posts, direction: increase, target: 70 post,
         nature: activity, owner: owner-1}
      - {id: referrals, metric: referrals, direction: increase, target: 40 referral,
         nature: outcome, owner: owner-2}
links:
  - {from: posts, to: referrals, because: posts keep us in customers' minds}
""",
)
def link_not_supported_by_history(ctx: Context) -> Iterator[Hit]:
    if not ctx.history or not ctx.plan.links:
        return
    from okrkit._history._evidence import (  # noqa: PLC0415 - only with a history
        CausalityEvidence,
        Verdict,
        evidence,
        link_key,
    )

    found: CausalityEvidence = ctx.memo(
        "evidence", lambda: evidence(ctx.history, as_of=ctx.as_of or dt.date.max)
    )
    by_key = {tested.key: tested for tested in found}
    for index, link in enumerate(ctx.plan.links):
        key = link_key(ctx, link, found.match)
        tested = None if key is None else by_key.get(key)
        if tested is None or tested.verdict is not Verdict.NOT_SUPPORTED:
            continue
        assert tested.interval is not None
        assert tested.estimate is not None
        low, high = tested.interval
        yield ctx.hit(
            Place(link=index), start=link.from_, end=link.to, lag=tested.lag,
            estimate=round(tested.estimate, 2), low=round(low, 2), high=round(high, 2),
            pairs=tested.pairs, periods=tested.periods,
        )  # fmt: skip
