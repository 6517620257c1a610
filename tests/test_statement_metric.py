"""The measured thing: the noun phrase the amount or the verb is about.

Each shape is written several ways in each language (sentences of our own): the
phrase runs through its complements and names, and stops at a clause, a time
phrase or the figure's own words; when nothing names a metric the reading says
so instead of naming a word of the sentence.
"""

from __future__ import annotations

import pytest

from okrkit.text import read_statement


def metric_of(text: str, lang: str) -> str | None:
    return read_statement(text, lang=lang).metric


# a noun that takes "to"/"hasta"/"a": the words after it name the metric,
# unless they are the figure ("time to 3 days")
TO_COMPLEMENTS = [
    ("Cut mean time to resolution from 20 hours to 6 hours", "en", "mean time to resolution"),
    ("Reduce time to hire from 45 days to 30 days", "en", "time to hire"),
    ("Shorten the time to first value from 14 days to 5 days", "en", "time to first value"),
    ("Lower days to close a deal from 60 to 40", "en", "days to close a deal"),
    ("Reducir el tiempo hasta la primera respuesta de 9 horas a 2 horas", "es",
     "tiempo hasta la primera respuesta"),
    ("Subir la conversión a cliente de pago del 4% al 7%", "es", "conversión a cliente de pago"),
    ("Bajar los días hasta el primer pedido de 20 a 12", "es", "días hasta el primer pedido"),
    ("Acortar el tiempo hasta la firma del contrato de 30 días a 18 días", "es",
     "tiempo hasta la firma del contrato"),
]  # fmt: skip

# names joined by "and"/"y" are one metric; a verb after them is not
JOINED_NAMES = [
    ("Renew the support contracts for regions A and B", "en", "support contracts"),
    ("Win the tenders for lines C and D that the city opens in May", "en",
     "tenders"),
    ("Grow ARR and NRR from $3M to $4M", "en", "ARR and NRR"),
    ("Migrate 40 services of teams X and Y", "en", "services of teams X and Y"),
    ("Ganar la licitación de los lotes C y D que se publica en mayo", "es",
     "licitación de los lotes C y D"),
    ("Renovar los contratos de los clientes A y B", "es", "contratos de los clientes A y B"),
    ("Cerrar 12 acuerdos con las cadenas E y F", "es", "acuerdos"),
    ("Firmar la ampliación de los servicios M y N", "es", "ampliación de los servicios M y N"),
]  # fmt: skip

# a participle or adjective after the verb, or a clause between commas, is not
# the metric: the object after them is
COMPLEMENTS_AND_ASIDES = [
    ("Close, before the end of the first quarter, the renewal of contracts A and B", "en",
     "renewal of contracts A and B"),
    ("Sign, by the end of June, the extension of the logistics contract", "en",
     "extension of the logistics contract"),
    ("Deliver, with the partner team, 6 integration guides", "en", "integration guides"),
    ("Ship, ahead of the launch, 3 onboarding flows", "en", "onboarding flows"),
    ("Dejar firmada, antes de que acabe el trimestre, la renovación del contrato marco", "es",
     "renovación del contrato marco"),
    ("Tener asegurado el 80% de la cuota anual al cerrar el tercer mes", "es", "cuota anual"),
    ("Dejar cerrada la compra de los equipos de la planta norte", "es",
     "compra de los equipos de la planta norte"),
    ("Tener aprobado el 100% del presupuesto de marketing", "es", "presupuesto de marketing"),
]  # fmt: skip

# the phrase stops at a relative clause, a time phrase and the figure's own words
BOUNDARIES = [
    ("Publish 12 case studies that name the customer by June", "en", "case studies"),
    ("Hold 3 pricing reviews a week with sales", "en", "pricing reviews"),
    ("Hacer 20 llamadas de seguimiento a la semana", "es", "llamadas de seguimiento"),
    ("Increase demo requests from organic search by 30%", "en",
     "demo requests from organic search"),
    ("Grow revenue per customer from $40 to $55 in the last quarter", "en",
     "revenue per customer"),
    ("Raise the retention of paid users in the next quarter from 80% to 85%", "en",
     "retention of paid users"),
    ("Preparar 30 propuestas de renovación que incluyan el producto nuevo", "es",
     "propuestas de renovación"),
    ("Aumentar el tráfico desde redes sociales en un 25%", "es", "tráfico desde redes sociales"),
    ("Subir los ingresos por cliente de $40 a $55 en el último trimestre", "es",
     "ingresos por cliente"),
    ("Subir un 10% la retención de usuarios de pago en el próximo trimestre", "es",
     "retención de usuarios de pago"),
]  # fmt: skip

# where the object is not right after the verb: a second verb, a "that"/"que"
# clause, a bound before the figure, a complement before "X% of"
OBJECTS_FURTHER_ON = [
    ("Prepare and send 40 renewal proposals to current customers", "en", "renewal proposals"),
    ("Draft and publish 6 pricing guides", "en", "pricing guides"),
    ("At least 200 active sellers, where active means one sale a month", "en", "active sellers"),
    ("There are at least 30 paying teams, counted at month end", "en", "paying teams"),
    ("Preparar y enviar 40 propuestas de renovación a clientes actuales", "es",
     "propuestas de renovación"),
    ("Conseguir que los distribuidores del norte firmen 8 acuerdos de reventa", "es",
     "acuerdos de reventa"),
    ("Mantener por debajo de 3 horas la respuesta a los pedidos urgentes", "es", "respuesta"),
    ("Convertir en clientes el 30% de los leads de la feria", "es", "leads de la feria"),
]  # fmt: skip

# "Header: target": the words before the colon
HEADERS = [
    ("Net retention: Lift from 96% to 104% by Q4", "en", "Net retention"),
    ("Weekly active teams: Grow from 300 to 450", "en", "Weekly active teams"),
    ("Time to first invoice: Reduce from 12 days to 4 days", "en", "Time to first invoice"),
    ("Partner revenue: Double by year end", "en", "Partner revenue"),
    ("Retención a 90 días: Subir del 40% al 48%", "es", "Retención a 90 días"),
    ("Ingresos por socios: Crecer de $20k a $35k", "es", "Ingresos por socios"),
    ("Equipos activos: Pasar de 300 a 450", "es", "Equipos activos"),
    ("Tiempo de respuesta: Bajar de 12 horas a 4 horas", "es", "Tiempo de respuesta"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    TO_COMPLEMENTS + JOINED_NAMES + COMPLEMENTS_AND_ASIDES + BOUNDARIES + OBJECTS_FURTHER_ON
    + HEADERS,
)  # fmt: skip
def test_the_metric_is_the_phrase_the_amount_is_about(text: str, lang: str, expected: str) -> None:
    assert metric_of(text, lang) == expected


# no noun phrase names the metric: the words after the amount are a time, a
# verb or a participle; the reader says so and names no fragment
NO_METRIC = [
    ("Sell $2M in the month we launch the new plans", "en"),
    ("Sell $40k in the quarter after the price change", "en"),
    ("Earn $300k during the second half", "en"),
    ("Generate $1.5M in the first quarter", "en"),
    ("Vender $95 Millones en el mes en que lanzamos los productos", "es"),
    ("Facturar $3 millones en el trimestre de la feria", "es"),
    ("Vender 500.000 euros en el primer semestre", "es"),
    ("Ingresar $200k durante la temporada alta", "es"),
    ("Salir a correr al menos 3 veces por semana", "es"),
    ("Practice at least 4 times a week", "en"),
]


@pytest.mark.parametrize(("text", "lang"), NO_METRIC)
def test_no_metric_is_said_rather_than_a_fragment(text: str, lang: str) -> None:
    reading = read_statement(text, lang=lang)

    assert reading.metric is None
    assert "statement-unclear" in reading.issues


@pytest.mark.parametrize(
    "text",
    ["Improve customer satisfaction", "Mejorar la experiencia del cliente", "Be better", "."],
)
def test_a_vague_statement_is_not_also_unclear(text: str) -> None:
    reading = read_statement(text)

    assert reading.kind.value == "vague"
    assert "statement-unclear" not in reading.issues


@pytest.mark.parametrize(
    "text",
    ["Reduce " + "x" * 70 + "s from 1200 to 800", "Reducir los " + "x" * 70 + "s de 1200 a 800"],
)
def test_a_metric_too_long_to_be_a_unit_still_gives_a_reading(text: str) -> None:
    """The metric's plural head counts the figures only when it can name a unit."""
    reading = read_statement(text)

    assert reading.target is not None
    assert reading.target.value == 800
    assert reading.target.unit is None or len(reading.target.unit) <= 64
