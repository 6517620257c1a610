"""The statement reader on the shapes people write key results in: symbols, windows,
parentheses, numbers in both conventions, done-words, mixed languages, growth rates.

One case per shape and language, in my own sentences; each names only the fields it
is about (statements.md)."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from okrkit.text import read_statement, reading_to_dict


def Q(value: float, kind: str, unit: str = "") -> dict[str, Any]:
    return {"value": value, "kind": kind, "unit": unit}


def P(value: float) -> dict[str, Any]:
    return Q(value, "percent", "percent")


def _same(got: dict[str, Any] | None, want: dict[str, Any] | None) -> bool:
    if got is None or want is None:
        return got is want
    return {k: got[k] for k in want} == want


SHAPES: list[tuple[str, dict[str, Any]]] = [
    # comparison symbols and a trailing "+"
    ("Bring the failed-payment rate to < 1.5%", {"direction": "at_most", "target": P(1.5)}),
    ("Mantener la disponibilidad ≥ 99,9%", {"direction": "at_least", "target": P(99.9)}),
    ("Run 12+ customer workshops", {"direction": "at_least", "target": Q(12, "count", "workshop")}),
    ("Conseguir 30+ reseñas nuevas", {"direction": "at_least", "target": Q(30, "count", "review")}),
    # a number that names the metric's window or a name is no quantity
    ("Raise 60-day retention from 40% to 47%",
     {"baseline": P(40), "target": P(47), "metric": "60-day retention"}),
    ("Subir la retención a 8 semanas del 22% al 30%", {"baseline": P(22), "target": P(30)}),
    ("Sign 6 new Fortune 1000 logos", {"target": Q(6, "count", "logo")}),
    ("Lanzar la encuesta 360° de liderazgo", {"kind": "milestone"}),
    # second and third quantities are kept
    ("Lower cost per lead from $80 to $60 (-25%)",
     {"baseline": Q(80, "currency", "USD"), "target": Q(60, "currency", "USD"),
      "change": P(25)}),
    ("Llegar a 250 distribuidores (desde 180 distribuidores)",
     {"baseline": Q(180, "count", "distributor"), "target": Q(250, "count", "distributor")}),
    ("Subir las ventas 20% (de €50k/mes a €60k/mes)",
     {"change": P(20), "baseline": Q(50000, "currency", "EUR"),
      "target": Q(60000, "currency", "EUR"), "per": "month"}),
    # a change with no "by"/"en"
    ("Grow trial signups 30%", {"change": P(30), "target": None}),
    ("Reducir los reembolsos 15%", {"change": P(15), "direction": "decrease"}),
    ("Grow trial signups to 30%", {"target": P(30), "change": None}),
    # thousands written the other language's way
    ("Alcanzar 48,000 suscriptores", {"target": Q(48000, "count", "subscriber"),
                                      "issues": ["ambiguous-number"]}),
    ("Reach 12.500 subscribers", {"target": Q(12500, "count", "subscriber"),
                                  "issues": ["ambiguous-number"]}),
    ("Alcanzar 48.000 suscriptores", {"target": Q(48000, "count", "subscriber"), "issues": []}),
    ("Bajar el tiempo de carga a 2,5 s", {"target": Q(2.5, "duration", "second")}),
    # milestone vs vague
    ("The new data-retention policy fully rolled out", {"kind": "milestone"}),
    ("Nuevo portal de proveedores publicado", {"kind": "milestone"}),
    ("Develop the partner onboarding playbook",
     {"kind": "milestone", "nature": "activity", "issues": ["kr-is-task"]}),
    ("Engineers will write better runbooks", {"kind": "vague"}),
    ("Renewals double every year", {"metric": "Renewals", "change": P(100)}),
    ("Escribir mejores propuestas", {"kind": "vague"}),
    # mixed languages: grammar words decide, not nouns
    ("Mantener el Error Budget < 5%", {"lang": "es", "direction": "at_most"}),
    ("Reducir Time to First Response de 10 min a 4 min",
     {"lang": "es", "metric": "Time to First Response", "direction": "decrease"}),
    ("Grow ventas online from 200 to 260 orders", {"lang": "en", "direction": "increase"}),
    # a bound inside from/to; a number that qualifies the population
    ("Cut page load from 5 s to under 3 s", {"direction": "at_most",
                                             "baseline": Q(5, "duration", "second"),
                                             "target": Q(3, "duration", "second")}),
    ("Bajar el tiempo de respuesta de 6 h a menos de 2 h", {"direction": "at_most",
                                                           "baseline": Q(6, "duration", "hour"),
                                                           "target": Q(2, "duration", "hour")}),
    ("Sign 8 new customers above $200k ARR", {"direction": "increase",
                                              "target": Q(8, "count", "customer")}),
    ("Automatizar 4 procesos que consumen más de 3 h a la semana",
     {"direction": "increase", "target": Q(4, "count", "proceso")}),
    ("Bajar las horas en tareas que toman más de 3 h al día a 12 h por semana",
     {"direction": "decrease", "baseline": None, "target": Q(12, "duration", "hour")}),
    # nature: finishing work and spending time are activities
    ("Finish the security awareness course", {"kind": "milestone", "nature": "activity"}),
    ("Completar la migración del CRM", {"kind": "milestone", "nature": "activity"}),
    ("Spend 2 hours a week coaching new hires", {"nature": "activity", "per": "week",
                                                 "target": Q(2, "duration", "hour")}),
    # baselines named in words, growth rates, headers, ordinals
    ("Grow paid seats 15% compared to last quarter",
     {"change": P(15), "baseline_ref": "last quarter"}),
    ("Aumentar las ventas 10% vs. el año pasado", {"change": P(10),
                                                   "baseline_ref": "el año pasado"}),
    ("Grow bookings 8% over the previous quarter",
     {"baseline_ref": "previous quarter", "issues": ["missing-baseline"]}),
    ("Grow GMV 6% month over month", {"change": P(6), "per": "month"}),
    ("Crecer los pedidos 4 % semana a semana", {"change": P(4), "per": "week"}),
    ("Qualified leads: 40 per week", {"metric": "Qualified leads", "per": "week",
                                      "target": Q(40, "count", "lead")}),
    ("2nd-line backlog: < 30 tickets", {"direction": "at_most"}),
    # a figure with no role, or two targets that disagree, is said
    ("Reach 92% uptime (reduce from 95% to 90%)", {"issues": ["statement-unclear"]}),
    # ratings, ratios, multiples, arrows
    ("Raise app rating to 4.6/5", {"target": Q(4.6, "number")}),
    ("Completar 9 de cada 10 entregas a tiempo", {"target": P(90)}),
    ("Increase referrals by 2x", {"change": P(100)}),
    ("Uptime del API 99.5% → 99.95%", {"baseline": P(99.5), "target": P(99.95)}),
]  # fmt: skip


@pytest.mark.parametrize(("text", "want"), SHAPES, ids=[text for text, _ in SHAPES])
def test_shape(text: str, want: dict[str, Any]) -> None:
    """Each field the case names is read as statements.md says."""
    got = reading_to_dict(read_statement(text))

    for field, value in want.items():
        if field == "issues":
            assert set(value) <= set(got["issues"]), got
            if not value:
                assert "ambiguous-number" not in got["issues"], got
        elif field in ("baseline", "target", "change", "share"):
            assert _same(got[field], value), (field, got)
        else:
            assert got[field] == value, (field, got)


def test_every_figure_has_a_role() -> None:
    """Every figure written is kept with its role: windows, names and changes too."""
    figures = read_statement("Lift 30-day retention from 20% to 26% (+30%)").figures

    assert [(f.text, f.role.value) for f in figures] == [
        ("30-day", "window"), ("20%", "baseline"), ("26%", "target"), ("+30%", "change"),
    ]  # fmt: skip


def test_explain_names_a_window() -> None:
    """explain() says why a number is not the amount."""
    assert "window = 90 ← '90-day'" in read_statement("Lift 90-day retention to 40%").explain()


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("0123456789.,  %$€+-<>≥≤→/°()xkKmM:"), max_size=40))
def test_number_soup_always_reads(text: str) -> None:
    """Digits, separators and symbols in any order give a reading, and every figure
    has a role from the contract."""
    reading = read_statement(f"Reach {text} customers")

    assert reading.kind.value in ("metric", "milestone", "vague")
    assert all(f.text for f in reading.figures)


@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=1, max_value=999), st.integers(min_value=0, max_value=999))
def test_three_digits_after_a_separator_are_thousands(head: int, tail: int) -> None:
    """In both languages, a separator followed by exactly three digits groups thousands;
    the language that would read a decimal says the number is ambiguous."""
    for lang, mark, ambiguous in (("en", ",", False), ("en", ".", True),
                                  ("es", ".", False), ("es", ",", True)):  # fmt: skip
        verb = "Reach" if lang == "en" else "Alcanzar"
        noun = "customers" if lang == "en" else "clientes"
        reading = read_statement(f"{verb} {head}{mark}{tail:03d} {noun}", lang=lang)

        assert reading.target is not None
        assert reading.target.value == head * 1000 + tail
        assert ("ambiguous-number" in reading.issues) is ambiguous
