"""Org-scale plans for benchmarks: many teams, each with objectives, key results,
weekly check-ins and causality links, aligned to company objectives.

Every key result is structured (no statement to read), so a benchmark measures the
checker or the scorer, not the statement reader, unless it asks for statements.
"""

from __future__ import annotations

import datetime as dt

import okrkit
from okrkit import Amount, CheckIn, KeyResult, Link, Objective, Plan


QUARTER_START = dt.date(2026, 1, 1)


def key_result(
    team: int, index: int, checkins: int, *, statements: bool = False, prefix: str = "t"
) -> KeyResult:
    """One key result, alternating units and directions so every rule has work;
    its id is ``{prefix}{team}-k{index}``."""
    kind = index % 3
    history = []
    if kind == 0:  # a count to raise, an activity
        for week in range(checkins):
            day = QUARTER_START + dt.timedelta(days=7 * week + 3)
            history.append(CheckIn(day, Amount(2.0 * week + team % 5, "call")))
        return KeyResult(
            f"Realizar {20 + team % 10} llamadas cada semana" if statements else None,
            id=f"{prefix}{team}-k{index}", metric="llamadas", direction="increase",
            target=Amount(20 + team % 10, "call"), per="week", nature="activity",
            checkins=tuple(history),
        )  # fmt: skip
    if kind == 1:  # money from a baseline
        for week in range(checkins):
            day = QUARTER_START + dt.timedelta(days=7 * week + 4)
            history.append(CheckIn(day, Amount(100000 + 5000 * week, "USD"), confidence=0.7))
        return KeyResult(
            "Grow revenue from $100k to $175k" if statements else None,
            id=f"{prefix}{team}-k{index}", metric="revenue", direction="increase",
            baseline=Amount(100000, "USD"), target=Amount(175000, "USD"),
            checkins=tuple(history),
        )  # fmt: skip
    for week in range(checkins):  # a duration to bring down, recorded in hours
        day = QUARTER_START + dt.timedelta(days=7 * week + 5)
        history.append(CheckIn(day, Amount(840 - 12 * week, "hour")))
    return KeyResult(
        "Reducir el ciclo de venta de 35 días a 26 días" if statements else None,
        id=f"{prefix}{team}-k{index}", metric="ciclo de venta", direction="decrease",
        baseline=Amount(35, "day"), target=Amount(26, "day"), checkins=tuple(history),
    )  # fmt: skip


def _name(number: int) -> str:
    """A name without digits (a number in a title is a finding of its own)."""
    letters = ""
    number += 1
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("a") + rest) + letters
    return letters


def org_plan(
    objectives: int, *, key_results: int = 3, checkins: int = 12, statements: bool = False
) -> Plan:
    """A plan of *objectives* team objectives under company objectives (one per 50 teams)."""
    company = max(1, objectives // 50)
    tops = [
        Objective(
            f"Crecer en la región {_name(c)}",
            id=f"company-{c}",
            owner=f"direccion-{c % 5}",
            key_results=tuple(
                key_result(c, index, checkins, statements=statements, prefix="c")
                for index in (1, 4, 7)
            ),
        )
        for c in range(company)
    ]
    teams = []
    links = []
    for team in range(objectives):
        items = tuple(
            key_result(team, index, checkins, statements=statements) for index in range(key_results)
        )
        teams.append(
            Objective(
                f"Que los clientes del equipo {_name(team)} nos elijan primero",
                id=f"team-{team}",
                owner=f"equipo-{team}",
                parent=f"company-{team % company}",
                key_results=items,
            )
        )
        links.append(Link(f"t{team}-k0", f"t{team}-k1", because="Más llamadas, más negocio"))
    for c in range(company):
        links.append(Link(f"c{c}-k7", f"c{c}-k4", because="Más llamadas, más negocio"))
    return okrkit.plan("Org", period="2026-Q1").with_objectives(*tops, *teams).linked(*links)
