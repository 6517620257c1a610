"""The causality graph as Mermaid or DOT: objectives, key results, the links
between them with their reasons, and alignment.

Each objective is drawn as a group holding its key results; outcome key results
are plain boxes and activities dashed ones. Arrows read as "moves": a key result
moves its objective, a link's ``from`` moves its ``to`` (labelled with its
reason), and an objective moves the one it aligns to. Labels are cut at
``label_width`` characters (48 unless asked; ``None`` keeps them whole).

Node ids are made here, never taken from the plan: the n-th objective is ``n3``,
its key results ``n3_1``, ``n3_2``…, its group ``g3``. No id or title can then
collide with another node, a group or a keyword (``end``, ``graph``, ``click``);
the plan's text appears only in labels, escaped for each language.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from okrkit._escape import dot_string, mermaid_label
from okrkit._fields import of_type
from okrkit.exceptions import InvalidTypeError, InvalidValueError, excerpt


if TYPE_CHECKING:
    from okrkit._model import Plan


__all__ = ["LABEL_WIDTH", "to_dot", "to_mermaid"]

LABEL_WIDTH = 48
"""How many characters of a title, statement or reason a node or arrow shows."""


def _width(value: object) -> int | None:
    """*value* as a label width: a whole number ≥ 2, or None for whole labels."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidTypeError("label_width", value, "a whole number ≥ 2, or None")
    if value < 2:
        raise InvalidValueError("label_width", value, "a whole number ≥ 2, or None")
    return value


def _plan(name: str, value: object) -> Plan:
    from okrkit import _model  # noqa: PLC0415 - `okrkit graph --help` needs no model

    return of_type(name, value, _model.Plan, "a Plan")


def _short(text: str, limit: int | None) -> str:
    text = " ".join(text.split())
    return text if limit is None else excerpt(text, limit)


class _Graph:
    """The plan's nodes and edges, resolved once for either output."""

    def __init__(self, plan: Plan, width: int | None) -> None:
        from okrkit._model import Nature  # noqa: PLC0415 - `okrkit graph --help` needs no model

        self.groups: list[tuple[str, str, list[tuple[str, str, bool]]]] = []
        self.edges: list[tuple[str, str, str, str]] = []  # from, to, kind, label
        refs: dict[str, str] = {}
        bare: dict[str, list[str]] = {}
        objective_nodes: list[str] = []
        for number, objective in enumerate(plan.objectives, start=1):
            oid = f"n{number}"
            objective_nodes.append(oid)
            refs.setdefault(objective.key, oid)
            members = []
            keys = objective.key_result_keys()
            for place, (key, item) in enumerate(zip(keys, objective.key_results, strict=True), 1):
                node = f"{oid}_{place}"
                refs.setdefault(f"{objective.key}/{key}", node)
                bare.setdefault(key, []).append(node)
                label = item.statement or item.metric or key
                members.append((node, _short(label, width), item.nature is Nature.ACTIVITY))
                self.edges.append((node, oid, "contributes", ""))
            self.groups.append((oid, _short(objective.title, width), members))
        for key, nodes in bare.items():
            if len(nodes) == 1:
                refs.setdefault(key, nodes[0])
        # a parent is an objective (a key result named as one is an unknown-reference)
        parents = {o.key: refs[o.key] for o in plan.objectives}  # the first with each key
        for objective, node in zip(plan.objectives, objective_nodes, strict=True):
            if objective.parent is not None and objective.parent in parents:
                self.edges.append((node, parents[objective.parent], "aligns", ""))
        for link in plan.links:
            start, end = refs.get(link.from_), refs.get(link.to)
            if start is not None and end is not None:
                self.edges.append((start, end, "link", _short(link.because or "", width)))


def to_mermaid(plan: Plan, *, label_width: int | None = LABEL_WIDTH) -> str:
    """The graph as a Mermaid flowchart (renders in GitHub, GitLab and many wikis)."""
    graph = _Graph(_plan("to_mermaid(plan)", plan), _width(label_width))
    lines = ["flowchart LR"]
    for number, (oid, title, members) in enumerate(graph.groups, start=1):
        lines.append(f'  subgraph g{number}["{mermaid_label(title)}"]')
        lines.append(f'    {oid}(["{mermaid_label(title)}"])')
        for node, label, activity in members:
            lines.append(f'    {node}["{mermaid_label(label)}"]')
            if activity:
                lines.append(f"    class {node} activity")
        lines.append("  end")
    for start, end, kind, label in graph.edges:
        if kind == "contributes":
            lines.append(f"  {start} --> {end}")
        elif kind == "aligns":
            lines.append(f"  {start} -. aligns to .-> {end}")
        else:
            text = f'|"{mermaid_label(label)}"|' if label else ""
            lines.append(f"  {start} ==>{text} {end}")
    lines.append("  classDef activity stroke-dasharray: 5 5")
    return "\n".join(lines) + "\n"


def to_dot(plan: Plan, *, label_width: int | None = LABEL_WIDTH) -> str:
    """The graph in Graphviz DOT."""
    graph = _Graph(_plan("to_dot(plan)", plan), _width(label_width))
    lines = [
        "digraph okrs {",
        "  rankdir=LR;",
        '  node [shape=box, style="rounded", fontname="Helvetica", fontsize=10];',
        '  edge [fontname="Helvetica", fontsize=9];',
    ]
    for number, (oid, title, members) in enumerate(graph.groups, start=1):
        lines.append(f"  subgraph cluster_g{number} {{")
        lines.append(f'    label="{dot_string(title)}"; style="rounded"; color="grey60";')
        lines.append(f'    {oid} [label="{dot_string(title)}", shape=ellipse, style="bold"];')
        for node, label, activity in members:
            style = ', style="rounded,dashed"' if activity else ""
            lines.append(f'    {node} [label="{dot_string(label)}"{style}];')
        lines.append("  }")
    for start, end, kind, label in graph.edges:
        if kind == "contributes":
            lines.append(f"  {start} -> {end};")
        elif kind == "aligns":
            lines.append(f'  {start} -> {end} [style=dotted, label="aligns to"];')
        else:
            attrs = f' [penwidth=2, label="{dot_string(label)}"]' if label else " [penwidth=2]"
            lines.append(f"  {start} -> {end}{attrs};")
    lines.append("}")
    return "\n".join(lines) + "\n"
