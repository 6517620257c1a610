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
    # every spelling of a growth rate; with a bound or a multiple
    ("Lift paid seats 4% m/m", {"change": P(4), "per": "month"}),
    ("Expand GMV 9% year-on-year", {"change": P(9), "per": "year"}),
    ("Grow cohort revenue 3% quarter-over-quarter", {"change": P(3), "per": "quarter"}),
    ("Subir las reservas un 5% intermensual", {"change": P(5), "per": "month"}),
    ("Crecer las altas un 12% YoY", {"change": P(12), "per": "year"}),
    ("Subir las altas un 3% trimestre contra trimestre", {"change": P(3), "per": "quarter"}),
    ("Inbound demos 3x YoY", {"change": P(200), "per": "year"}),
    ("Reservas: 2x trimestre a trimestre", {"change": P(100), "per": "quarter"}),
    ("Active hosts: hold > +8% MoM growth",
     {"direction": "at_least", "change": P(8), "per": "month"}),
    ("Altas: mantener un crecimiento ≥ 6% mes a mes",
     {"direction": "at_least", "change": P(6), "per": "month"}),
    ("Churn de la app: < 4% mensual", {"direction": "at_most", "target": P(4), "per": None}),
    ("Run playtests 2x per week", {"per": "week"}),
    # "A to B" without "from"; a rate on either side; arrows compare in one unit
    ("Grow donations $12k/mo to $18k/mo",
     {"baseline": Q(12000, "currency", "USD"), "target": Q(18000, "currency", "USD"),
      "per": "month"}),
    ("Reembolsos: 90/semana a 60/semana", {"baseline": Q(90, "count", "reembolso"),
                                          "direction": "decrease", "per": "week"}),
    ("Bajar las devoluciones de 75/mes a 30",
     {"target": Q(30, "count", "devolucion"), "per": "month"}),
    ("Lift code reviews from 4 a week to 9", {"target": Q(9, "count", "review"), "per": "week"}),
    ("Time to restore: 3 h → 50 min", {"direction": "decrease"}),
    ("Tiempo de build: 90 s → 3 min", {"direction": "increase"}),
    ("Reduce p50 page load from 2:45 min to 1:30 min",
     {"baseline": Q(2.75, "duration", "minute"), "target": Q(1.5, "duration", "minute")}),
    ("Bajar la espera de 1:15 h a 0:40 h", {"target": Q(40 / 60, "duration", "hour")}),
    # levels: "=", keeping zero, ceilings kept
    ("Failed deploys = 0", {"direction": "at_most", "target": Q(0, "count", "deploy")}),
    ("Cobertura de backups = 100%", {"direction": "at_least", "target": P(100)}),
    ("Keep security breaches at zero", {"direction": "at_most"}),
    ("Llevar las caídas del servicio a 0", {"direction": "decrease"}),
    ("Hold forecast deviation within 5%", {"direction": "at_most", "target": P(5)}),
    ("Mantener la desviación del presupuesto dentro del 3%", {"direction": "at_most"}),
    # a share before a verb with a bounded target
    ("75% of new hires are productive within 30 days",
     {"direction": "at_most", "target": Q(30, "duration", "day"), "share": P(75)}),
    ("El 80% de los pedidos se entregan en menos de 48 horas",
     {"direction": "at_most", "target": Q(48, "duration", "hour"), "share": P(80)}),
    # a period adjective: a flow's rate, a level's window, or part of the metric's name
    ("Reach 12k daily searches", {"per": "day"}),
    ("Llegar a 5.000 descargas semanales", {"per": "week"}),
    ("Impartir 6 horas de mentoría mensual", {"per": "month"}),
    ("Reach 4,000 weekly active players", {"per": None}),
    ("Alcanzar 9.000 lectores activos mensuales", {"per": None}),
    ("Lower refund rate from 3% to 1.5% monthly", {"per": None}),
    ("Incidents per sprint: 0", {"target": Q(0, "count", "incident")}),
    ("Open defects per month = 0", {"per": "month"}),
    ("Hacer una revisión de código al menos una vez por semana",
     {"direction": "at_least", "target": Q(1, "count", "time"), "per": "week"}),
    # figures that are not the amount
    ("Grow power users (10+ sessions/week) from 800 to 1,400",
     {"baseline": Q(800, "count", "user"), "target": Q(1400, "count", "user"), "per": None,
      "direction": "increase"}),
    ("Aumentar las tiendas activas (≥ 5 ventas/semana) de 300 a 450",
     {"baseline": Q(300, "count", "store"), "direction": "increase", "per": None}),
    ("Grow MRR (currently $40k) to $55k", {"baseline": Q(40000, "currency", "USD")}),
    ("Reach 95% on-time delivery (order accuracy 99%)",
     {"change": None, "issues": ["statement-unclear"]}),
    ("Grow weekly paying households from 2,000 to 2,600",
     {"target": Q(2600, "count", "household")}),
    ("Bajar los reclamos abiertos de 340 a 120", {"target": Q(120, "count", "complaint")}),
    ("Lift NPS from 31 to 45", {"target": Q(45, "number")}),
    ("Sell 900 units in total across all regions", {"share": None}),
    # a change, then its baseline
    ("Cut average triage time by 25% from an average of 40 minutes",
     {"change": P(25), "baseline": Q(40, "duration", "minute")}),
    ("Bajar el tiempo de cierre en un 20% desde un promedio de 15 días",
     {"change": P(20), "baseline": Q(15, "duration", "day")}),
    ("Subir las ventas en un 10% de las 3 líneas principales", {"baseline": None}),
    # a percent change is ambiguous only when the metric's head is a rate
    ("Reducir el stock de baja rotación en un 15%", {"ambiguous_percent": False}),
    ("Subir la tasa de apertura de los boletines en un 10%", {"ambiguous_percent": True}),
    ("Reducir el Customer Churn en un 5%", {"ambiguous_percent": True}),
    ("Increase the GMV growth rate by 10%", {"ambiguous_percent": False}),
    ("Increase the open rate of newsletters by 10%", {"ambiguous_percent": True}),
    # the subject first, the verb inflected
    ("The new triage bot reduces backlog by 30%", {"direction": "decrease", "change": P(30)}),
    ("Weekly signups grow 12%", {"direction": "increase", "change": P(12)}),
    ("El nuevo flujo reduce los abandonos en un 25%", {"direction": "decrease", "change": P(25)}),
    ("Las reservas directas crecen un 18%", {"direction": "increase", "change": P(18)}),
    ("Referral revenue doubles", {"change": P(100)}),
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


@pytest.mark.parametrize(
    ("text", "lang"),
    [("Staff all hours with an on-call engineer", "en"),
     ("Cubrir todas las horas con una guardia", "es")],
)  # fmt: skip
def test_all_before_a_unit_of_time_is_no_population(text: str, lang: str) -> None:
    """ "All hours", like "all days", spans time: it is no 100 % of a population."""
    reading = read_statement(text, lang=lang)

    assert reading.target is None
