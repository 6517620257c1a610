"""Outcome or activity, and milestone or vague: the reader decides by the main
verb's class and the measured noun's class, in both languages.

The sentences here are not in the corpus: each rule is tried on a few sentences
of its own, in English and in Spanish.
"""

from __future__ import annotations

import pytest

from okrkit import Nature, read_statement
from okrkit._reading import StatementKind


OUTCOME, ACTIVITY = Nature.OUTCOME, Nature.ACTIVITY
METRIC, MILESTONE, VAGUE = StatementKind.METRIC, StatementKind.MILESTONE, StatementKind.VAGUE


def _read(text: str) -> tuple[StatementKind, Nature | None]:
    reading = read_statement(text)
    return reading.kind, reading.nature


WORK_VERBS = [
    # verbs of work the team controls, well beyond "call" and "send"
    ("Talk to 30 churned customers this quarter", METRIC, ACTIVITY),
    ("Sponsor 3 community meetups", METRIC, ACTIVITY),
    ("Swim 40 km before the race", METRIC, ACTIVITY),
    ("Meditate 15 minutes every day", METRIC, ACTIVITY),
    ("Negotiate new payment terms with the main suppliers", MILESTONE, ACTIVITY),
    ("Automate the weekly payroll export", MILESTONE, ACTIVITY),
    ("Upgrade the ticketing system to version 9", MILESTONE, ACTIVITY),
    ("Advertise the spring sale in 12 regional magazines", METRIC, ACTIVITY),
    ("Hablar con 30 clientes que se dieron de baja", METRIC, ACTIVITY),
    ("Patrocinar 3 encuentros de la comunidad", METRIC, ACTIVITY),
    ("Nadar 40 km antes de la carrera", METRIC, ACTIVITY),
    ("Negociar nuevas condiciones de pago con los proveedores principales", MILESTONE, ACTIVITY),
    ("Automatizar la exportación semanal de nóminas", MILESTONE, ACTIVITY),
    ("Anunciar las rebajas en 12 revistas regionales", METRIC, ACTIVITY),
]

GUESSED_VERBS = [
    # an imperative the lists do not know, with a verb's ending and object, is work
    ("Containerize the legacy billing service", MILESTONE, ACTIVITY),
    ("Fumigate 40 warehouses", METRIC, ACTIVITY),
    ("Contenerizar el servicio de facturación heredado", MILESTONE, ACTIVITY),
    ("Fumigar 40 almacenes del puerto", METRIC, ACTIVITY),
    ("No fumar en la semana anterior a la carrera", MILESTONE, ACTIVITY),
    # a word with a verb's ending that is a noun is no verb
    ("Bienestar del equipo: 8 sobre 10", METRIC, OUTCOME),
    ("Affiliate revenue from $40k to $60k", METRIC, OUTCOME),
]

NOT_A_VERB = [
    # a verb of work that only names a metric ("Test coverage")
    ("Test coverage of the payments module above 85%", METRIC, OUTCOME),
    ("Email open rate from 22% to 30%", METRIC, OUTCOME),
    ("Upgrade rate from free to paid at 6%", METRIC, OUTCOME),
    # after a header the verb after the colon is the statement's
    ("Practice time: Grow weekly app sessions from 2 to 3", METRIC, OUTCOME),
    ("Visitas: Aumentar las visitas al blog de 5.000 a 8.000", METRIC, OUTCOME),
]

WHO_ACTS = [
    # a word on the measured noun says who acts
    ("Cut inbound sales calls from 300 to 200 a month", METRIC, OUTCOME),
    ("Make 50 calls to active accounts each week", METRIC, ACTIVITY),
    ("Increase emails sent to prospects from 100 to 250 a week", METRIC, ACTIVITY),
    ("Grow qualified demos booked from 20 to 35", METRIC, OUTCOME),
    ("Reducir las llamadas entrantes de soporte de 900 a 600", METRIC, OUTCOME),
    ("Aumentar las propuestas enviadas de 10 a 18 al mes", METRIC, ACTIVITY),
    ("Conseguir 30 clientes que renueven su plan", METRIC, OUTCOME),
]

WHAT_IS_COUNTED = [
    # shared nouns (visits, sessions): a result unless a verb of work makes them
    ("Grow store visits from 1,000 to 1,400 a week", METRIC, OUTCOME),
    ("Make 25 customer visits a month", METRIC, ACTIVITY),
    ("Increase mentoring sessions from 2 to 4 a month", METRIC, ACTIVITY),
    ("Aumentar las sesiones en la app de 4.000 a 6.000", METRIC, OUTCOME),
    ("Aumentar las sesiones de formación de 2 a 4 al mes", METRIC, ACTIVITY),
    ("Realizar 25 visitas a clientes al mes", METRIC, ACTIVITY),
    # a count of times counts the work before it
    ("Tener tutorías con cada becario 2 veces al mes", METRIC, ACTIVITY),
    ("Run retrospectives 2 times a month", METRIC, ACTIVITY),
    # a measure of work
    ("Cut meeting hours per developer from 10 to 6 a week", METRIC, ACTIVITY),
    ("Aumentar el número de talleres de 4 a 8", METRIC, ACTIVITY),
    # money is a result, whatever the verb
    ("Make $400k in upsell revenue", METRIC, OUTCOME),
    # a time limit on serving others' requests is a result
    ("Ship 95% of online orders within 24 hours", METRIC, OUTCOME),
    ("Responder el 90% de las consultas en menos de 2 horas", METRIC, OUTCOME),
    # the team's own part in its work
    ("Reach 85% staff attendance at the monthly all-hands trainings", METRIC, ACTIVITY),
    ("Lograr un 85% de asistencia del personal a las formaciones", METRIC, ACTIVITY),
    # moving things to a new place is a migration; moving people is their choice
    ("Move 70% of our cron jobs to the new orchestrator", METRIC, ACTIVITY),
    ("Move 30% of users to the annual plan", METRIC, OUTCOME),
]

STATES = [
    # a capability others gain is an outcome milestone
    ("Shoppers can pay in instalments at checkout", MILESTONE, OUTCOME),
    ("Drivers are able to see their earnings in the app", MILESTONE, OUTCOME),
    ("Los socios podrán reservar pistas desde el móvil", MILESTONE, OUTCOME),
    # work finished is a task; a state others grant is an outcome
    ("The onboarding guide is written and translated", MILESTONE, ACTIVITY),
    ("The warehouse app is live", MILESTONE, OUTCOME),
    ("La guía de acogida está redactada y traducida", MILESTONE, ACTIVITY),
    ("El nuevo contrato marco está firmado", MILESTONE, OUTCOME),
    ("Ensure the SOC 2 report is accepted by the auditors", MILESTONE, OUTCOME),
    # a light verb with a work object
    ("Hold a quarterly review with each key account", MILESTONE, ACTIVITY),
    ("Tener una reunión trimestral con cada cuenta clave", MILESTONE, ACTIVITY),
    # a capability is written before the verb, not in a clause after it
    ("Reduce the errors that can stop a release", VAGUE, None),
    ("Reducir los errores que pueden frenar una entrega", VAGUE, None),
    # vague only when nothing decidable is said
    ("Improve cross-team collaboration", VAGUE, None),
    ("Think about how to plan sprints better", VAGUE, None),
    ("Pensar en cómo planificar mejor los sprints", VAGUE, None),
    ("Fortalecer la relación con los distribuidores", VAGUE, None),
    ("Make our customers happy", VAGUE, None),
    ("Mantener a los clientes contentos", VAGUE, None),
]


@pytest.mark.parametrize(
    ("text", "kind", "nature"),
    WORK_VERBS + GUESSED_VERBS + NOT_A_VERB + WHO_ACTS + WHAT_IS_COUNTED + STATES,
)
def test_nature_and_kind(text: str, kind: StatementKind, nature: Nature | None) -> None:
    assert _read(text) == (kind, nature)


@pytest.mark.parametrize(
    "text",
    ["Negotiate new payment terms with the main suppliers", "Fumigar 40 almacenes del puerto"],
)
def test_a_milestone_of_work_is_a_task(text: str) -> None:
    reading = read_statement(text)
    assert ("kr-is-task" in reading.issues) is (reading.kind is MILESTONE)


def test_the_reason_is_shown() -> None:
    """The evidence says which words decided the nature."""
    shown = read_statement("Reducir las llamadas entrantes de soporte de 900 a 600").explain()
    assert "nature = outcome ← 'entrantes'" in shown
