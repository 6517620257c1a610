"""The rule reference, written from the rules themselves (``okrkit rules``)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from okrkit._api import check
from okrkit._files import loads
from okrkit._model import Plan
from okrkit._rules import Rule, registered_rules


__all__ = ["EXAMPLE_AS_OF", "EXAMPLE_HISTORY", "example_history", "rule_reference", "rules_table"]

EXAMPLE_AS_OF = dt.date(2026, 2, 15)
"""The date the examples are checked as of."""

EXAMPLE_HISTORY = 'okrkit.history.simulate(teams=2, quarters=4, first_quarter="2025-Q1", seed=1)'
"""The history the examples of rules that need one are checked with: the four
quarters before the examples' (how to make it, as Python)."""


def example_history() -> tuple[Plan, ...]:
    """The plans of :data:`EXAMPLE_HISTORY`."""
    from okrkit._history._simulate import simulate  # noqa: PLC0415 - only for these rules

    return simulate(teams=2, quarters=4, first_quarter="2025-Q1", seed=1).plans


_CATEGORIES = {
    "structure": ("Structure", "Estructura"),
    "time": ("Time-boxing", "Plazos"),
    "measurability": ("Measurability", "Medibilidad"),
    "objectives": ("Objectives", "Objetivos"),
    "causality": ("Causality and balance", "Causalidad y equilibrio"),
    "custom": ("Your own rules", "Reglas propias"),
}


def rules_table() -> list[dict[str, Any]]:
    """Every rule as plain data (``okrkit rules --format json``)."""
    return [
        {
            "id": r.id,
            "severity": r.severity.value,
            "category": r.category,
            "thresholds": list(r.thresholds),
            "message": r.message,
            "hint": r.hint,
            "why": r.why,
            "needs_history": r.needs_history,
        }
        for r in registered_rules()
    ]


def _fired(made: Rule) -> dict[str, Any] | None:
    if made.example is None:
        return None
    plan = loads(made.example)
    history = example_history() if made.needs_history else None
    out: dict[str, Any] = {}
    for lang in ("en", "es"):
        report = check(plan, as_of=EXAMPLE_AS_OF, lang=lang, select=[made.id], history=history)
        if report.findings:
            out[lang] = report.findings[0]
    return out or None


def rule_reference() -> str:
    """The Markdown rule reference: for each rule its id, why it exists, an example
    that fires it, what okrkit then says in English and Spanish, and how to configure it."""
    lines = [
        "# Rule reference",
        "",
        "Every rule `okrkit check` runs, written from the rules themselves "
        "(`okrkit rules --format markdown`). Each example is a plan where the rule "
        f"fires, checked as of {EXAMPLE_AS_OF.isoformat()}; the messages shown are what "
        "okrkit printed for it.",
        "",
        "Configure any rule in `[tool.okrkit]` of `pyproject.toml` or in a plan's "
        "`policy:` (`severities: {rule-id: info}` or `off`, `ignore: [rule-id]`), on the "
        "command line (`--select`, `--ignore`, `--strict`), or for one objective or key "
        "result with `ignore: [rule-id]`. An id that no rule has is refused wherever it "
        "is given, with the nearest known id: a typo never switches a check off.",
        "",
    ]
    current = None
    for made in registered_rules():
        if made.category != current:
            current = made.category
            english, spanish = _CATEGORIES.get(current, (current, current))
            lines += [f"## {english} / {spanish}", ""]
        lines += [f"### `{made.id}`", ""]
        lines += [f"Default severity: **{made.severity.value}**.", ""]
        if made.why.get("en"):
            lines += [made.why["en"], ""]
        if made.why.get("es"):
            lines += [f"*{made.why['es']}*", ""]
        fired = _fired(made)
        if made.example is not None:
            shown = [
                line if len(line) <= 100 else line[:97] + "…  # (shortened here)"
                for line in made.example.rstrip().splitlines()
            ]
            fires = "Fires on:"
            if made.needs_history:
                fires = (
                    "Fires on this plan checked with a history (`okrkit check PLAN "
                    f"--history PAST...`): the plans of `{EXAMPLE_HISTORY}`."
                )
            lines += [fires, "", "```yaml", *shown, "```", ""]
        if fired:
            for lang in ("en", "es"):
                finding = fired.get(lang)
                if finding is None:
                    continue
                where = finding.where or "plan"
                lines += [f"- `{lang}` {where}: {finding.message} — *{finding.hint}*"]
            lines.append("")
        configure = [f"`severities: {{{made.id}: info}}`", f"`ignore: [{made.id}]`"]
        if made.thresholds:
            configure.append("thresholds " + ", ".join(f"`{name}`" for name in made.thresholds))
        lines += ["Configure: " + "; ".join(configure) + ".", ""]
    return "\n".join(lines).rstrip() + "\n"
