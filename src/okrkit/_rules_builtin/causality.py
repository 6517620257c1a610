"""Causality rules: links and alignment form a graph that must not go round."""

from __future__ import annotations

from collections.abc import Iterator

from okrkit._rules import Context, Hit, Place, rule


Node = tuple[int, int]  # (objective index, key result index or -1)


def graph(ctx: Context) -> dict[Node, list[Node]]:
    """Edges: a key result moves its objective; a link moves its target; an
    objective moves its parent."""

    def build() -> dict[Node, list[Node]]:
        refs = ctx.references()
        edges: dict[Node, list[Node]] = {}
        for place, objective in ctx.objectives():
            assert place.objective is not None
            node = (place.objective, -1)
            edges.setdefault(node, [])
            for ki in range(len(objective.key_results)):
                edges.setdefault((place.objective, ki), []).append(node)
            if objective.parent is not None:
                parent = refs.find(objective.parent)
                if parent is not None and parent.key_result is None:
                    assert parent.objective is not None
                    edges[node].append((parent.objective, -1))
        for link in ctx.plan.links:
            start, end = refs.find(link.from_), refs.find(link.to)
            if start is None or end is None:
                continue
            edges.setdefault(_node(start), []).append(_node(end))
        return edges

    result: dict[Node, list[Node]] = ctx.memo("graph", build)
    return result


def _node(place: Place) -> Node:
    assert place.objective is not None
    return (place.objective, -1 if place.key_result is None else place.key_result)


def cycles(edges: dict[Node, list[Node]]) -> list[list[Node]]:
    """One cycle through each strongly connected component that has one.

    Tarjan's algorithm, iterative, so a 10,000-level alignment chain needs no recursion.
    """
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
    example="objectives:\n  - {id: a, parent: b, ...}\n  - {id: b, parent: a, ...}",
)
def causal_cycle(ctx: Context) -> Iterator[Hit]:
    for cycle in cycles(graph(ctx)):
        names = [ctx.where(_place(node)) for node in cycle]
        yield ctx.hit(_place(cycle[0]), cycle=" → ".join(names))


def _place(node: Node) -> Place:
    objective, key_result = node
    return Place(objective=objective, key_result=None if key_result < 0 else key_result)
