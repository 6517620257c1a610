"""Which word is the statement's verb, where verbs of work, subjects and negations
meet: a noun that is also a verb of work heads the subject of a later verb; an
imperative negation makes the next word a verb; a negated verb of going past sets
a ceiling; a duration around an event is a window. English and Spanish alike."""

from __future__ import annotations

import pytest

from okrkit import Direction, FigureRole, Nature, read_statement
from okrkit._reading import StatementKind


INCREASE, DECREASE = Direction.INCREASE, Direction.DECREASE
AT_MOST, AT_LEAST = Direction.AT_MOST, Direction.AT_LEAST


@pytest.mark.parametrize(
    ("text", "verb", "direction"),
    [
        # a verb of work that is the head of the subject: the later verb is the statement's
        ("The onboarding redesign lifts activation by 10%", "lifts", INCREASE),
        ("Code review automation cuts review time by 30%", "cuts", DECREASE),
        ("Our checkout rewrite reduces cart abandonment from 70% to 60%", "reduces", DECREASE),
        ("The new test setup halves CI duration", "halves", DECREASE),
        ("El rediseño del onboarding aumenta la activación un 10%", "aumenta", INCREASE),
        ("La automatización de las pruebas reduce los fallos un 30%", "reduce", DECREASE),
        # the verb of work stays the verb when a preposition or "and" comes between
        ("We will run experiments to increase conversion to 5%", "run", INCREASE),
        ("Migrate 40 services and reduce cost by 10%", "Migrate", INCREASE),
        ("Migrar 40 servicios y reducir los costes un 10%", "Migrar", INCREASE),
    ],
)
def test_the_verb_after_the_subject(text: str, verb: str, direction: Direction) -> None:
    reading = read_statement(text)

    chosen = [e.words for e in reading.evidence if e.field == "verb"]
    assert chosen == [verb]
    assert reading.direction is direction


@pytest.mark.parametrize(
    "text",
    [
        "Don't eat fast food in the 2 days before a race",
        "Do not skip the weekly retrospective",
        "Don’t merge on Fridays without a review",
        "No comer comida rápida en los 2 días antes de una carrera",
        "Nunca saltarse la retrospectiva semanal",
    ],
)
def test_a_negated_imperative_is_a_task(text: str) -> None:
    reading = read_statement(text)

    assert reading.kind is StatementKind.MILESTONE
    assert reading.nature is Nature.ACTIVITY


@pytest.mark.parametrize(
    ("text", "direction"),
    [
        ("Never exceed 5% churn", AT_MOST),
        ("Don't exceed 20 hours of overtime per month", AT_MOST),
        ("No superar el 5 % de churn mensual", AT_MOST),
        ("Nunca exceder 20 horas extra al mes", AT_MOST),
        ("Exceed 120% of quota", AT_LEAST),
        ("Superar el 110 % de la cuota", AT_LEAST),
    ],
)
def test_a_negated_verb_of_going_past_is_a_ceiling(text: str, direction: Direction) -> None:
    assert read_statement(text).direction is direction


@pytest.mark.parametrize(
    ("text", "window"),
    [
        ("Freeze deploys in the 48 hours before launch", "48 hours"),
        ("Call new customers in the 3 days after signup", "3 days"),
        ("No hacer despliegues en las 48 horas previas al lanzamiento", "48 horas"),
        ("Llamar a los clientes nuevos en los 3 días siguientes al alta", "3 días"),
    ],
)
def test_the_time_around_an_event_is_a_window(text: str, window: str) -> None:
    reading = read_statement(text)

    assert [f.text for f in reading.figures if f.role is FigureRole.WINDOW] == [window]
    assert reading.target is None


@pytest.mark.parametrize(
    "text",
    ["Cut lead time from 5 days to 2 days after the rollout", "Bajar el plazo de 5 a 2 días"],
)
def test_a_target_duration_is_no_window(text: str) -> None:
    reading = read_statement(text)

    assert reading.target is not None
    assert reading.target.value == 2


@pytest.mark.parametrize(
    ("text", "metric"),
    [
        ("Active hosts: > +8% MoM growth", "Active hosts"),
        ("Weekly sellers: ≥ 20% QoQ growth", "Weekly sellers"),
        ("Anfitriones activos: > +8% de crecimiento MoM", "Anfitriones activos"),
    ],
)
def test_a_header_before_a_figure_names_the_metric(text: str, metric: str) -> None:
    """A change noun after the figure is no verb of the part after the colon."""
    reading = read_statement(text)

    assert reading.metric == metric
    assert reading.direction is AT_LEAST
