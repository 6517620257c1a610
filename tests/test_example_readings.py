"""What each key result of the examples measures, as a person reads its sentence.

The table below was written by reading each statement, not by running the reader:
the metric (the measured thing as the sentence writes it; a few readings a careful
person would accept) and the nature (outcome: a result the team does not fully
control; activity: work it does).

Where a sentence names its metric only through its verb ("Vender $95 Millones"),
the reader may also say it is unsure: no metric and ``statement-unclear``, never
a fragment of the sentence.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import okrkit
from okrkit.text import read_statement


EXAMPLES = Path(__file__).parent.parent / "examples"
UNSURE = None
"""The reader may say it found no metric, with ``statement-unclear``."""


# (plan, objective/key result): the metrics a person accepts, and the nature
METRICS = [
    # en/saas-growth.yaml
    ("saas-growth", "mid-market/mid-market-arr", ("mid-market ARR",)),
    ("saas-growth", "mid-market/win-rate", ("win rate on qualified mid-market opportunities",)),
    ("saas-growth", "mid-market/qualified-pipeline", ("qualified mid-market pipeline",)),
    ("saas-growth", "mid-market/discovery-calls",
     ("discovery calls", "discovery calls with accounts that fit our ideal customer profile")),
    ("saas-growth", "customer-value/logo-churn", ("monthly logo churn",)),
    ("saas-growth", "customer-value/time-to-value",
     ("median time to first shared dashboard",)),
    ("saas-growth", "customer-value/business-reviews",
     ("business reviews", "business reviews with accounts flagged as at risk")),
    ("saas-growth", "self-serve/trial-conversion", ("trial-to-paid conversion",)),
    ("saas-growth", "self-serve/active-workspaces", ("weekly active workspaces",)),
    ("saas-growth", "self-serve/onboarding-experiments", ("onboarding experiments",)),
    # es/cuenta-clave-kam.yaml
    ("cuenta-clave-kam", "cliente-xyz/plan-de-cuenta", ("plan de cuenta del Cliente XYZ",)),
    ("cuenta-clave-kam", "cliente-xyz/propuestas", ("propuestas de valor",)),
    ("cuenta-clave-kam", "cliente-xyz/contratos-a-b",
     ("ampliación de los contratos de servicios A y B",)),
    ("cuenta-clave-kam", "cliente-xyz/concurso-c-d",
     ("licitación privada de las soluciones C y D",)),
    # es/equipo-de-ventas.yaml
    ("equipo-de-ventas", "ingresos-trimestre/lanzamiento",
     ("ventas", "ventas en el mes en que lanzamos los 3 productos nuevos", UNSURE)),
    ("equipo-de-ventas", "ingresos-trimestre/recurrentes", ("acuerdos recurrentes",)),
    ("equipo-de-ventas", "ingresos-trimestre/ciclo", ("ciclo de venta",)),
    ("equipo-de-ventas", "ingresos-trimestre/venta-cruzada",
     ("propuestas de venta cruzada",)),
    # es/meta-de-ventas.yaml
    ("meta-de-ventas", "meta-q1/pipeline",
           ("valor del pipeline de ventas", "pipeline de ventas")),
    ("meta-de-ventas", "meta-q1/cierre-80",
     ("oportunidades", "oportunidades que ya van por el 80% de avance o más")),
    ("meta-de-ventas", "meta-q1/conversion",
           ("tasa de conversión de mi pipeline", "tasa de conversión")),
    ("meta-de-ventas", "meta-q1/meta-90", ("meta de ventas",)),
    # es/preventa.yaml
    ("preventa", "preventa-digital/respuesta-5min", ("primera respuesta",)),
    ("preventa", "preventa-digital/demo-90",
     ("atención", "atención de los prospectos", "atención del 90% de los prospectos")),
    ("preventa", "preventa-digital/conversion-92",
           ("conversión de la etapa de preventa",)),
    # es/up-selling.yaml
    ("up-selling", "up-selling-q3/propuestas-preparadas", ("propuestas de valor",)),
    ("up-selling", "up-selling-q3/reuniones", ("reuniones", "reuniones con clientes ABC")),
    ("up-selling", "up-selling-q3/firmas",
     ("propuestas de valor nuevas", "propuestas de valor")),
    ("up-selling", "up-selling-q3/valor-pedidos",
     ("valor de los pedidos",
      "valor de los pedidos de las 5 propuestas de valor más grandes firmadas el trimestre "
      "anterior")),
    # es/ventas-asesor-comercial.yaml
    ("ventas-asesor-comercial", "asesor-lider/ventas-nuevos",
     ("software CRM", "ventas de software CRM", "software CRM en la región a clientes "
      "nuevos", UNSURE)),
    ("ventas-asesor-comercial", "asesor-lider/seguimiento-top20",
     ("mayores clientes de CRM de la región", "20 mayores clientes de CRM de la región",
      "clientes de CRM de la región")),
    ("ventas-asesor-comercial", "asesor-lider/retencion", ("retención de clientes",)),
    ("ventas-asesor-comercial", "asesor-lider/leads", ("leads calificados",)),
    ("ventas-asesor-comercial", "asesor-lider/conversion",
     ("pipeline de CRM", "conversión del pipeline de CRM", UNSURE)),
]  # fmt: skip

NATURES = [
    ("saas-growth", "mid-market/mid-market-arr", "outcome"),
    ("saas-growth", "mid-market/win-rate", "outcome"),
    ("saas-growth", "mid-market/qualified-pipeline", "outcome"),
    ("saas-growth", "mid-market/discovery-calls", "activity"),
    ("saas-growth", "customer-value/logo-churn", "outcome"),
    ("saas-growth", "customer-value/time-to-value", "outcome"),
    ("saas-growth", "customer-value/business-reviews", "activity"),
    ("saas-growth", "self-serve/trial-conversion", "outcome"),
    ("saas-growth", "self-serve/active-workspaces", "outcome"),
    ("saas-growth", "self-serve/onboarding-experiments", "activity"),
    ("cuenta-clave-kam", "cliente-xyz/plan-de-cuenta", "activity"),
    ("cuenta-clave-kam", "cliente-xyz/propuestas", "activity"),
    ("cuenta-clave-kam", "cliente-xyz/contratos-a-b", "outcome"),  # a contract signed
    ("cuenta-clave-kam", "cliente-xyz/concurso-c-d", "outcome"),
    ("equipo-de-ventas", "ingresos-trimestre/lanzamiento", "outcome"),
    ("equipo-de-ventas", "ingresos-trimestre/recurrentes", "outcome"),
    ("equipo-de-ventas", "ingresos-trimestre/ciclo", "outcome"),
    ("equipo-de-ventas", "ingresos-trimestre/venta-cruzada", "activity"),
    ("meta-de-ventas", "meta-q1/pipeline", "outcome"),  # "Hacer crecer" is no work done
    ("meta-de-ventas", "meta-q1/cierre-80", "outcome"),
    ("meta-de-ventas", "meta-q1/conversion", "outcome"),
    ("meta-de-ventas", "meta-q1/meta-90", "outcome"),
    ("preventa", "preventa-digital/respuesta-5min", "outcome"),
    ("preventa", "preventa-digital/demo-90", "outcome"),
    ("preventa", "preventa-digital/conversion-92", "outcome"),
    ("up-selling", "up-selling-q3/propuestas-preparadas", "activity"),
    ("up-selling", "up-selling-q3/reuniones", "activity"),
    ("up-selling", "up-selling-q3/firmas", "outcome"),
    ("up-selling", "up-selling-q3/valor-pedidos", "outcome"),
    ("ventas-asesor-comercial", "asesor-lider/ventas-nuevos", "outcome"),
    ("ventas-asesor-comercial", "asesor-lider/seguimiento-top20", "activity"),
    ("ventas-asesor-comercial", "asesor-lider/retencion", "outcome"),
    ("ventas-asesor-comercial", "asesor-lider/leads", "outcome"),
    ("ventas-asesor-comercial", "asesor-lider/conversion", "outcome"),
]


def every_statement() -> Iterator[tuple[str, str, str, str | None]]:
    """(plan, objective/key result, statement, language) for every example key result."""
    for path in sorted(EXAMPLES.glob("*/*.yaml")):
        if path.parent.name == "history":  # simulated plans: fields, and no sentence to read
            continue
        plan = okrkit.load(path)
        for objective in plan.objectives:
            for item in objective.key_results:
                assert item.statement is not None, (path, item.key)
                yield path.stem, f"{objective.key}/{item.key}", item.statement, plan.lang


STATEMENTS = {(plan, where): (text, lang) for plan, where, text, lang in every_statement()}


def rows(table: list[Any]) -> list[tuple[str, str]]:
    """The (plan, key result) of each row."""
    return [(row[0], row[1]) for row in table]


def test_the_tables_hold_every_key_result_of_the_examples_once() -> None:
    assert sorted(rows(METRICS)) == sorted(STATEMENTS)
    assert sorted(rows(NATURES)) == sorted(STATEMENTS)


@pytest.mark.parametrize(("plan", "where", "metrics"), METRICS, ids=[
    ":".join(rows([row])[0]) for row in METRICS
])  # fmt: skip
def test_the_metric_is_what_the_sentence_measures(
    plan: str, where: str, metrics: tuple[str | None, ...]
) -> None:
    text, lang = STATEMENTS[plan, where]

    reading = read_statement(text, lang=lang)

    if reading.metric is None:
        assert UNSURE in metrics, f"no metric for {text!r}"
        assert "statement-unclear" in reading.issues, "no metric, and no word of it"
    else:
        accepted = {" ".join(m.split()).casefold() for m in metrics if m is not None}
        assert " ".join(reading.metric.split()).casefold() in accepted, reading.metric


@pytest.mark.parametrize(("plan", "where", "nature"), NATURES, ids=[
    ":".join(rows([row])[0]) for row in NATURES
])  # fmt: skip
def test_the_nature_is_outcome_or_activity_as_a_person_reads_it(
    plan: str, where: str, nature: str
) -> None:
    text, lang = STATEMENTS[plan, where]

    reading = read_statement(text, lang=lang)

    assert reading.nature is not None, f"no nature for {text!r}"
    assert reading.nature.value == nature
