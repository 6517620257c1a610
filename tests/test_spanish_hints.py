"""Every hint the plan-file reader gives is said in Spanish too.

A plan with ``lang: es`` gets its hints in Spanish. Two walks keep it so: one
over the source, where every refusal that carries a hint must carry its Spanish
one, and one over files with refused values, where no hint of a Spanish plan
may be the English hint.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import okrkit


SOURCE = Path(okrkit.__file__).parent
READER_MODULES = sorted(
    [*SOURCE.joinpath("_files").glob("*.py")]
    + [SOURCE / name for name in ("_amount.py", "_fields.py", "_unit_words.py", "_cadence.py")]
)
"""The modules whose refusals the plan-file reader shows."""

_MADE_WITH_HINT = {"Refusal": (1, 3), "InvalidValueError": (3, None), "expected": (3, None)}
"""Calls that carry a hint: where the hint and the Spanish one stand among positional
arguments (``None``: given by keyword only)."""


def _hints_without_spanish(path: Path) -> list[str]:
    missing = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
        if name not in _MADE_WITH_HINT:
            continue
        keywords = {keyword.arg for keyword in node.keywords}
        hint_at, spanish_at = _MADE_WITH_HINT[name]
        has_hint = "hint" in keywords or len(node.args) > hint_at
        has_spanish = "hint_es" in keywords or (
            spanish_at is not None and len(node.args) > spanish_at
        )
        if has_hint and not has_spanish and None not in keywords:
            missing.append(f"{path.name}:{node.lineno}: {ast.unparse(node)[:80]}")
    return missing


@pytest.mark.parametrize("path", READER_MODULES, ids=lambda path: path.name)
def test_every_refusal_with_a_hint_has_a_spanish_hint(path: Path) -> None:
    assert _hints_without_spanish(path) == []


def _plan(lang: str, target: str, *, extra: str = "", kr_id: str = "k") -> str:
    return (
        f"okrkit: 1\nlang: {lang}\nperiod: 2026-Q1\n{extra}objectives:\n"
        "  - id: o\n    title: Crecer\n    owner: ana\n    key_results:\n"
        f"      - id: {kr_id}\n        metric: leads\n        direction: increase\n"
        f"        target: {target}\n"
    )


REFUSED = [
    {"target": "0x10"},
    {"target": "0o17"},
    {"target": "0010"},
    {"target": "007"},
    {"target": "40.000"},
    {"target": "1.5e-400"},
    {"target": "2.5e-324"},
    {"target": "!!float 0x10"},
    {"target": "5,000 USD"},
    {"target": "1.000,5 USD"},
    {"target": "1_000 lead"},
    {"target": "12:30"},
    {"target": "10 Mlead"},
    {"target": "1.2 M USD"},
    {"target": "£5"},
    {"target": "5 $"},
    {"target": "50+ lead"},
    {"target": "3x"},
    {"target": "10lead"},
    {"target": "10 kUSD"},
    {"target": "10 c"},
    {"target": "10 m^5"},
    {"target": "10 lead*call"},
    {"target": "10 " + "x" * 70},
    {"target": "10 ab#c"},
    {"target": "x10"},
    {"target": "20 lead", "kr_id": "k" * 200},
    {"target": "20 lead", "extra": "calendar: {kind: cycle, fiscal_year_start: 4}\n"},
    {"target": "20 lead", "extra": "calendar: {fiscal_year_strat: 4}\n"},
    {"target": "20 lead", "extra": "titel: T\n"},
    {"target": "20 lead", "extra": "cadence: {every: monthly, day: 0x1}\n"},
]


def _hints(lang: str, case: dict[str, str]) -> list[str]:
    with pytest.raises(okrkit.PlanFileError) as info:
        okrkit.loads(_plan(lang, **case))
    return [problem.message.partition("; ")[2] for problem in info.value.problems]


@pytest.mark.parametrize("case", REFUSED, ids=lambda case: repr(case)[:40])
def test_a_spanish_plan_gets_no_english_hint(case: dict[str, str]) -> None:
    english, spanish = _hints("en", case), _hints("es", case)
    assert len(english) == len(spanish)
    for said_in_english, said_in_spanish in zip(english, spanish, strict=True):
        if said_in_english:
            assert said_in_spanish != said_in_english
