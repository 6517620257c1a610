"""Each reading rule holds for its whole class of sentences, not one wording.

Every class below is written several ways in both languages: other word orders,
synonyms, units and metrics, with and without articles, as a "Metric: …" header
or a sentence, as a noun or a verb. A figure is ``(value, kind)``; a field left
out of an expectation is not checked, ``None`` means it must be empty.
"""

from __future__ import annotations

from typing import Any

import pytest

import okrkit
from okrkit._text import reading_to_dict


def _check(text: str, lang: str, want: dict[str, Any]) -> None:
    got = reading_to_dict(okrkit.read_statement(text))
    assert got["lang"] == lang, text
    wrong = {}
    for field, expected in want.items():
        found = got[field]
        if field in ("baseline", "target", "change", "share"):
            found = None if found is None else (found["value"], found["kind"])
        if found != expected:
            wrong[field] = (expected, found)
    assert not wrong, f"{text!r}: (expected, read) {wrong}"


# --- 1. a bound or a rate inside the population's qualifier is not the target's ---------

QUALIFIER_EN = [
    ("Launch in 6 new cities with >300 orders/day each",
     {"direction": "increase", "target": (6, "count"), "per": None}),
    ("Automate 4 manual processes that take more than 6h/week",
     {"direction": "increase", "target": (4, "count"), "per": None}),
    ("Automate 4 manual workflows taking over 6 hours a week",
     {"direction": "increase", "target": (4, "count"), "per": None}),
    ("Open 5 stores with at least 200 visits per day",
     {"direction": "increase", "target": (5, "count"), "per": None}),
    ("Cut the number of tickets older than 3 days from 40 to 10",
     {"direction": "decrease", "baseline": (40, "count"), "target": (10, "count")}),
    ("Reduce open bugs older than 30 days to 15",
     {"direction": "decrease", "target": (15, "count"), "baseline": None}),
]  # fmt: skip
QUALIFIER_ES = [
    ("Lanzar en 6 ciudades nuevas con >300 pedidos/día cada una",
     {"direction": "increase", "target": (6, "count"), "per": None}),
    ("Automatizar 4 procesos manuales que consumen más de 6 h/semana",
     {"direction": "increase", "target": (4, "count"), "per": None}),
    ("Abrir 5 tiendas con al menos 200 visitas al día",
     {"direction": "increase", "target": (5, "count"), "per": None}),
    ("Captar 20 clientes con más de 50 empleados",
     {"direction": "increase", "target": (20, "count"), "per": None}),
    ("Reducir los tickets con más de 3 días de antigüedad de 40 a 10",
     {"direction": "decrease", "baseline": (40, "count"), "target": (10, "count")}),
    ("Bajar los tickets abiertos de más de 30 días a 15",
     {"direction": "decrease", "target": (15, "count"), "baseline": None}),
]  # fmt: skip


# --- 2. bounds written as nouns or adjectives ----------------------------------------------

BOUND_NOUNS_EN = [
    ("Maximum response time of 4 hours", {"direction": "at_most", "target": (4, "duration")}),
    ("Max. response time: 4 h", {"direction": "at_most", "target": (4, "duration")}),
    ("Minimum uptime of 99.9%", {"direction": "at_least", "target": (99.9, "percent")}),
    ("Min. uptime: 99.9%", {"direction": "at_least", "target": (99.9, "percent")}),
    ("Cloud spend capped at $5k per month",
     {"direction": "at_most", "target": (5000, "currency"), "per": "month"}),
    ("Monthly churn of 2% as a ceiling", {"direction": "at_most", "target": (2, "percent")}),
    ("Keep 20 demos a week as a floor",
     {"direction": "at_least", "target": (20, "count"), "per": "week"}),
    ("Page load time with an upper limit of 2 seconds",
     {"direction": "at_most", "target": (2, "duration")}),
]  # fmt: skip
BOUND_NOUNS_ES = [
    ("Tiempo de respuesta máximo de 4 horas", {"direction": "at_most", "target": (4, "duration")}),
    ("Máx. tiempo de respuesta: 4 h", {"direction": "at_most", "target": (4, "duration")}),
    ("Disponibilidad mínima del 99,9 %", {"direction": "at_least", "target": (99.9, "percent")}),
    ("Churn mensual con un tope del 2 %", {"direction": "at_most", "target": (2, "percent")}),
    ("Gasto en la nube con un límite de 5.000 €",
     {"direction": "at_most", "target": (5000, "currency")}),
    ("Tiempo de carga no superior a 2 segundos",
     {"direction": "at_most", "target": (2, "duration")}),
    ("Mantener 20 demos a la semana como piso",
     {"direction": "at_least", "target": (20, "count"), "per": "week"}),
    ("Errores en producción: 5 como tope", {"direction": "at_most", "target": (5, "count")}),
]  # fmt: skip


# --- 3. growth written as a noun in a header or the subject ---------------------------------

GROWTH_EN = [
    ("MRR growth: > 8%/month",
     {"direction": "at_least", "change": (8, "percent"), "target": None, "per": "month"}),
    ("Revenue growth of 12% QoQ",
     {"direction": "increase", "change": (12, "percent"), "per": "quarter"}),
    ("Monthly growth rate of 5%",
     {"direction": "increase", "change": (5, "percent"), "target": None, "per": "month"}),
    ("Signups growth: 15% month over month",
     {"direction": "increase", "change": (15, "percent"), "per": "month"}),
    ("Weekly user growth of at least 3%",
     {"direction": "at_least", "change": (3, "percent"), "target": None, "per": "week"}),
]  # fmt: skip
GROWTH_ES = [
    ("Crecimiento del MRR: > 8%/mes",
     {"direction": "at_least", "change": (8, "percent"), "target": None, "per": "month"}),
    ("Tasa de crecimiento mensual del 5 %",
     {"direction": "increase", "change": (5, "percent"), "target": None, "per": "month"}),
    ("Crecimiento de usuarios: 15 % mes a mes",
     {"direction": "increase", "change": (15, "percent"), "per": "month"}),
    ("Crecimiento trimestral de ingresos del 12 %",
     {"direction": "increase", "change": (12, "percent"), "target": None, "per": "quarter"}),
    ("Crecimiento semanal de usuarios de al menos un 3 %",
     {"direction": "at_least", "change": (3, "percent"), "target": None, "per": "week"}),
]  # fmt: skip


# --- 4. savings and reductions as nouns -----------------------------------------------------

SAVINGS_EN = [
    ("Achieve a 40% time saving in onboarding",
     {"direction": "decrease", "change": (40, "percent"), "target": None}),
    ("Deliver a 15% cost reduction in cloud spend",
     {"direction": "decrease", "change": (15, "percent"), "target": None}),
    ("Reach 20% savings on logistics costs",
     {"direction": "decrease", "change": (20, "percent"), "target": None}),
    ("A 10% reduction in churn", {"direction": "decrease", "change": (10, "percent")}),
    ("Get a 25% drop in support tickets", {"direction": "decrease", "change": (25, "percent")}),
]  # fmt: skip
SAVINGS_ES = [
    ("Un ahorro del 20% en costes de logística",
     {"direction": "decrease", "change": (20, "percent"), "target": None}),
    ("Lograr una reducción del 10 % del churn",
     {"direction": "decrease", "change": (10, "percent"), "target": None}),
    ("Conseguir un 15 % de ahorro en licencias",
     {"direction": "decrease", "change": (15, "percent"), "target": None}),
    ("Alcanzar una disminución del 30 % en incidencias",
     {"direction": "decrease", "change": (30, "percent"), "target": None}),
    ("Obtener un recorte del 12 % en gastos de viaje",
     {"direction": "decrease", "change": (12, "percent"), "target": None}),
]  # fmt: skip


# --- 5. "N of the M X", "8 out of 10" ---------------------------------------------------------

PART_EN = [
    ("Close 8 of the 10 target accounts", {"target": (8, "count"), "share": None}),
    ("Win 3 out of 5 public tenders", {"target": (3, "count")}),
    ("Renew 12 of our 15 largest contracts", {"target": (12, "count")}),
    ("8 out of 10 customers recommend us", {"target": (80, "percent")}),
    ("Get 9 out of every 10 shipments delivered on time", {"target": (90, "percent")}),
]  # fmt: skip
PART_ES = [
    ("Cerrar 8 de las 10 cuentas objetivo", {"target": (8, "count"), "share": None}),
    ("Ganar 3 de 5 licitaciones públicas", {"target": (3, "count")}),
    ("Renovar 12 de nuestros 15 contratos más grandes", {"target": (12, "count")}),
    ("8 de cada 10 clientes nos recomiendan", {"target": (80, "percent")}),
    ("Entregar a tiempo 9 de cada 10 envíos", {"target": (90, "percent")}),
]  # fmt: skip


# --- 6. a figure's unit named only in the metric ----------------------------------------------

METRIC_UNIT_EN = [
    ("Number of unencrypted laptops found per quarter = 0",
     {"direction": "at_most", "target": (0, "count"), "per": "quarter"}),
    ("Number of P1 incidents: 0", {"target": (0, "count")}),
    ("# of customer complaints: < 5 per month",
     {"direction": "at_most", "target": (5, "count"), "per": "month"}),
    ("Count of failed deployments this quarter: 2 or fewer",
     {"direction": "at_most", "target": (2, "count")}),
    ("No. of open security findings at most 3", {"direction": "at_most", "target": (3, "count")}),
]  # fmt: skip
METRIC_UNIT_ES = [
    ("Nº de incidencias críticas: 0", {"target": (0, "count")}),
    ("Cantidad de reclamos: < 5 por mes",
     {"direction": "at_most", "target": (5, "count"), "per": "month"}),
    ("Número de despliegues fallidos por trimestre = 0",
     {"target": (0, "count"), "per": "quarter"}),
    ("Núm. de quejas por mes: menos de 5",
     {"direction": "at_most", "target": (5, "count"), "per": "month"}),
    ("N° de hallazgos de seguridad abiertos: como máximo 3",
     {"direction": "at_most", "target": (3, "count")}),
]  # fmt: skip


# --- 7. signs -------------------------------------------------------------------------------

SIGNS_EN = [
    ("Grow net margin from -3% to 2%",
     {"direction": "increase", "baseline": (-3, "percent"), "target": (2, "percent")}),
    ("Move operating margin from -12% to -4%",
     {"direction": "increase", "baseline": (-12, "percent"), "target": (-4, "percent")}),
    ("Reduce cost per lead to $40 (-25%)",
     {"direction": "decrease", "target": (40, "currency"), "change": (25, "percent")}),
    ("Never exceed 5% monthly churn",
     {"direction": "at_most", "target": (5, "percent"), "change": None, "per": None}),
    ("Do not exceed 3% weekly error rate",
     {"direction": "at_most", "target": (3, "percent"), "change": None, "per": None}),
]  # fmt: skip
SIGNS_ES = [
    ("Llevar el margen neto de -3% a 2%",
     {"direction": "increase", "baseline": (-3, "percent"), "target": (2, "percent")}),
    ("Pasar el EBITDA del -12 % al -4 %",
     {"direction": "increase", "baseline": (-12, "percent"), "target": (-4, "percent")}),
    ("Reducir el coste por lead a 40 € (-25 %)",
     {"direction": "decrease", "target": (40, "currency"), "change": (25, "percent")}),
    ("No superar nunca un 5 % de churn mensual",
     {"direction": "at_most", "target": (5, "percent"), "change": None, "per": None}),
    ("Nunca superar el 3 % de tasa de error semanal",
     {"direction": "at_most", "target": (3, "percent"), "change": None, "per": None}),
]  # fmt: skip


# --- 8. a habit's pace is the person's own work; a feeling of others is vague ----------------

HABITS_EN = [
    ("Reach a 2 essays/week writing pace", {"nature": "activity", "per": "week"}),
    ("Keep up training consistency with at least 6 hours per week",
     {"nature": "activity", "direction": "at_least", "per": "week"}),
    ("Build a reading habit of 30 minutes a day", {"nature": "activity", "per": "day"}),
    ("Hold a practice streak of 5 sessions per week", {"nature": "activity", "per": "week"}),
    ("Make merchants trust our payments app", {"kind": "vague"}),
    ("Make our users love the new editor", {"kind": "vague"}),
]  # fmt: skip
HABITS_ES = [
    ("Mantener una rutina de lectura de 30 minutos al día",
     {"nature": "activity", "direction": "at_least", "per": "day"}),
    ("Alcanzar un ritmo de escritura de 2 ensayos por semana",
     {"nature": "activity", "per": "week"}),
    ("Sostener el hábito de entrenamiento con al menos 6 horas semanales",
     {"nature": "activity", "direction": "at_least", "per": "week"}),
    ("Lograr una constancia de estudio de 5 sesiones por semana",
     {"nature": "activity", "per": "week"}),
    ("Hacer que los comercios confíen en nuestra app de pagos", {"kind": "vague"}),
    ("Conseguir que los usuarios amen el nuevo editor", {"kind": "vague"}),
]  # fmt: skip


# --- shapes met in a second set of sources ---------------------------------------------------

FRESH_EN = [
    ("Key Result 2: Cut build time from 40 minutes to 12 minutes",
     {"baseline": (40, "duration"), "target": (12, "duration")}),
    ("Cut average wait from 12:30 to 9:15 minutes",
     {"baseline": (12.5, "duration"), "target": (9.25, "duration")}),
    ("Raise deployment frequency from 3x/week to 10x/week",
     {"nature": "activity", "baseline": (3, "count"), "target": (10, "count"), "per": "week"}),
    ("Lower the number of billing calls to the support team from 300 to 120",
     {"nature": "outcome", "target": (120, "count")}),
    ("Average Contact Time ≤ 6 minutes", {"nature": "outcome", "direction": "at_most"}),
    ("Deposit $300 into my retirement account every month",
     {"nature": "activity", "per": "month"}),
    ("Reach a 4.8+ star rating on Google Play", {"target": (4.8, "number")}),
    ("Keep disputed invoices under 2% of billing", {"direction": "at_most"}),
]  # fmt: skip
FRESH_ES = [
    ("Resultado Clave 2: Bajar el tiempo de compilación de 40 minutos a 12 minutos",
     {"baseline": (40, "duration"), "target": (12, "duration")}),
    ("Reducir la espera media de 12:30 a 9:15 minutos",
     {"baseline": (12.5, "duration"), "target": (9.25, "duration")}),
    ("Subir la frecuencia de despliegues de 3x por semana a 10x por semana",
     {"nature": "activity", "baseline": (3, "count"), "target": (10, "count"), "per": "week"}),
    ("Reducir las llamadas al equipo de soporte de 300 a 120",
     {"nature": "outcome", "target": (120, "count")}),
    ("Aportar 300 € al mes a mi plan de pensiones", {"nature": "activity", "per": "month"}),
    ("Mantener las devoluciones bajo 2% de las ventas", {"direction": "at_most"}),
    ("Dejar los pedidos pendientes en menos del 5%", {"direction": "at_most"}),
    ("Reducir el gasto en viajes en 10% vs Q1", {"change": (10, "percent")}),
]  # fmt: skip


# --- a key result's label ("KR #3:", "Resultado clave nº 1:") numbers it: no amount --------

LABEL_EN = [
    ("KR #3: Increase signups to 500", {"direction": "increase", "target": (500, "count")}),
    ("Key Result No. 4 – Reduce churn to 3%",
     {"direction": "decrease", "target": (3, "percent"), "issues": []}),
    ("KR-5: Launch the partner portal", {"kind": "milestone", "target": None}),
    ("Objective 2 / KR 1: Ship the billing API", {"kind": "milestone", "target": None}),
    ("Key result number 7 - Cut page load time to 2 s",
     {"direction": "decrease", "target": (2, "duration")}),
]  # fmt: skip
LABEL_ES = [
    ("Resultado clave nº 1: Aumentar las ventas a 500 unidades",
     {"direction": "increase", "target": (500, "count"), "issues": []}),
    ("Resultado Clave #2 - Reducir el churn al 3%",
     {"direction": "decrease", "target": (3, "percent")}),
    ("Objetivo 2 / KR 1: Lanzar el portal de socios", {"kind": "milestone", "target": None}),
    ("R.C. 3: Conseguir 20 clientes nuevos", {"direction": "increase", "target": (20, "count")}),
    ("KR n.º 6 – Bajar el tiempo de espera a 4 minutos",
     {"direction": "decrease", "target": (4, "duration")}),
]  # fmt: skip


# --- text in quotation marks is a name: its numbers are no amounts -----------------------

QUOTED_EN = [
    ("Read «The 4 Agreements»", {"kind": "milestone", "target": None, "change": None}),
    ("Complete the “Python 201” course",
     {"kind": "milestone", "target": None, "issues": ["kr-is-task"]}),
    ("Publish the '5 habits' guide", {"kind": "milestone", "target": None}),
    ("Send the “2025 outlook” report to 300 customers", {"target": (300, "count")}),
    ('Finish the "Top 10 tips" series', {"kind": "milestone", "target": None}),
]  # fmt: skip
QUOTED_ES = [
    ('Leer el libro "12 reglas para vivir"', {"kind": "milestone", "target": None}),
    ("Leer «Los 4 acuerdos»", {"kind": "milestone", "target": None, "issues": ["kr-is-task"]}),
    ("Terminar el curso “Excel 365 avanzado”", {"kind": "milestone", "target": None}),
    ("Lanzar la campaña «Verano 2x1» en 12 tiendas", {"target": (12, "count")}),
    ("Publicar la guía '7 hábitos' en el blog", {"kind": "milestone", "target": None}),
]  # fmt: skip


# --- an imperative of work with one thing named is a task; no content stays vague --------

_TASK = {"kind": "milestone", "nature": "activity", "issues": ["kr-is-task"]}
_VAGUE = {"kind": "vague"}
TASK_EN = [
    ("Remove the legacy export feature", _TASK),
    ("Hire a data engineer", _TASK),
    ("Buy a new CRM", _TASK),
    ("Rename the billing module", _TASK),
    ("Purchase a forklift for the warehouse", _TASK),
    ("Improve customer satisfaction", _VAGUE),
    ("Hire engineers", _VAGUE),
]  # fmt: skip
TASK_ES = [
    ("Contratar un proveedor de encuestas", _TASK),
    ("Eliminar la función de exportación antigua", _TASK),
    ("Comprar un CRM", _TASK),
    ("Dar de baja los servidores antiguos", _TASK),
    ("Cursar el máster de analítica", _TASK),
    ("Mejorar la satisfacción del cliente", _VAGUE),
    ("Adquirir nuevos clientes", _VAGUE),
]  # fmt: skip


# --- a multiplier word of the other language is applied ----------------------------------

FOREIGN_SCALE_EN = [
    ("Grow revenue to 2 millones USD", {"target": (2_000_000, "currency")}),
    ("Raise ARR to $3 millones", {"target": (3_000_000, "currency")}),
    ("Grow revenue to $1.5 bn", {"target": (1_500_000_000, "currency")}),
    ("Grow revenue to 2 mil millones USD", {"target": (2_000_000_000, "currency")}),
]  # fmt: skip
FOREIGN_SCALE_ES = [
    ("Aumentar las ventas a €2 million", {"target": (2_000_000, "currency")}),
    ("Aumentar ingresos a $3 mil", {"target": (3000, "currency")}),
    ("Subir la facturación a 1,5 bn €", {"target": (1_500_000_000, "currency")}),
    ("Llegar a $4 million en ARR", {"target": (4_000_000, "currency")}),
    ("Alcanzar 2 mil millones de pesos en ventas", {"target": (2_000_000_000, "currency")}),
]  # fmt: skip


# --- an absolute change given as an average ("per changeover" is no period) ---------------

AVERAGE_CHANGE_EN = [
    ("Cut handling time by an average of 2 minutes per ticket",
     {"direction": "decrease", "change": (2, "duration"), "target": None, "per": None}),
    ("Lower lead time by an average of 4 days per order",
     {"direction": "decrease", "change": (4, "duration"), "target": None, "per": None}),
    ("Shorten setup time by a mean of 5 minutes per batch",
     {"direction": "decrease", "change": (5, "duration"), "target": None, "per": None}),
    ("Reduce wait time by an average of 90 seconds per caller",
     {"direction": "decrease", "change": (90, "duration"), "target": None, "per": None}),
]  # fmt: skip
AVERAGE_CHANGE_ES = [
    ("Reducir el tiempo de atención en un promedio de 2 minutos por ticket",
     {"direction": "decrease", "change": (2, "duration"), "target": None, "per": None}),
    ("Bajar el plazo de entrega en una media de 4 días por pedido",
     {"direction": "decrease", "change": (4, "duration"), "target": None, "per": None}),
    ("Acortar el tiempo de preparación en una media de 5 minutos por lote",
     {"direction": "decrease", "change": (5, "duration"), "target": None, "per": None}),
    ("Disminuir la espera en un promedio de 90 segundos por llamada",
     {"direction": "decrease", "change": (90, "duration"), "target": None, "per": None}),
]  # fmt: skip


# --- a growth or reduction noun as the object, and a comparative after the figure ------

COMPARATIVE_EN = [
    ("Achieve an increase in online sales of 12%",
     {"direction": "increase", "change": (12, "percent"), "target": None}),
    ("Deliver a reduction in logistics costs of 8%",
     {"direction": "decrease", "change": (8, "percent"), "target": None}),
    ("Make checkout 10% faster", {"direction": "decrease", "change": (10, "percent")}),
    ("Ship releases 25% quicker", {"direction": "decrease", "change": (25, "percent")}),
    ("Make onboarding 20% cheaper", {"direction": "decrease", "change": (20, "percent")}),
    ("Book 30% more demos", {"direction": "increase", "change": (30, "percent")}),
    ("Log 15% fewer defects", {"direction": "decrease", "change": (15, "percent")}),
]  # fmt: skip
COMPARATIVE_ES = [
    ("Lograr un aumento de las ventas online del 12%",
     {"direction": "increase", "change": (12, "percent"), "target": None}),
    ("Conseguir una reducción de costes logísticos del 8 %",
     {"direction": "decrease", "change": (8, "percent"), "target": None}),
    ("Un proceso de pago un 10% más rápido", {"direction": "decrease", "change": (10, "percent")}),
    ("Entregas un 25 % más rápidas", {"direction": "decrease", "change": (25, "percent")}),
    ("Un alta de clientes un 20% más barata", {"direction": "decrease", "change": (20, "percent")}),
    ("Agendar un 30% más de demos", {"direction": "increase", "change": (30, "percent")}),
    ("Registrar un 15% menos de defectos", {"direction": "decrease", "change": (15, "percent")}),
]  # fmt: skip


# --- a band of ratings is at least its lower end ------------------------------------------

RATING_BAND_EN = [
    ("Get 4 to 5 stars in app store reviews",
     {"direction": "at_least", "target": (4, "number"), "baseline": None}),
    ("Earn 4–5 star ratings on G2",
     {"direction": "at_least", "target": (4, "number"), "baseline": None}),
    ("Collect reviews of 4-5 stars",
     {"direction": "at_least", "target": (4, "number"), "baseline": None}),
    ("Win ratings between 4 and 5 stars",
     {"direction": "at_least", "target": (4, "number"), "baseline": None}),
    ("Keep 4-5-star feedback from buyers",
     {"direction": "at_least", "target": (4, "number"), "baseline": None}),
]  # fmt: skip
RATING_BAND_ES = [
    ("Conseguir reseñas de entre 4 y 5 estrellas",
     {"direction": "at_least", "target": (4, "number"), "baseline": None}),
    ("Lograr calificaciones de 4-5 estrellas en Google",
     {"direction": "at_least", "target": (4, "number"), "baseline": None}),
    ("Recibir opiniones de 4–5 estrellas",
     {"direction": "at_least", "target": (4, "number"), "baseline": None}),
    ("Tener puntuaciones entre 4 y 5 estrellas",
     {"direction": "at_least", "target": (4, "number"), "baseline": None}),
]  # fmt: skip


# --- a percent right after a window phrase, with no preposition, is the change -----------

WINDOW_THEN_CHANGE_EN = [
    ("Reduce support calls in the first 60 days 35%",
     {"direction": "decrease", "change": (35, "percent"), "target": None}),
    ("Lower refunds in the first 14 days 20%",
     {"direction": "decrease", "change": (20, "percent"), "target": None}),
    ("Cut first-30-day support tickets 25%",
     {"direction": "decrease", "change": (25, "percent"), "target": None}),
    ("Increase first-90-day retention 10%",
     {"direction": "increase", "change": (10, "percent"), "target": None}),
    ("Grow usage during the first 30 days 15%",
     {"direction": "increase", "change": (15, "percent"), "target": None}),
]  # fmt: skip
WINDOW_THEN_CHANGE_ES = [
    ("Bajar las devoluciones en los primeros 30 días 20%",
     {"direction": "decrease", "change": (20, "percent"), "target": None}),
    ("Reducir los tickets de los primeros 90 días 15%",
     {"direction": "decrease", "change": (15, "percent"), "target": None}),
    ("Aumentar la retención en los primeros 7 días 10%",
     {"direction": "increase", "change": (10, "percent"), "target": None}),
    ("Disminuir las bajas durante los primeros 30 días 12%",
     {"direction": "decrease", "change": (12, "percent"), "target": None}),
]  # fmt: skip


# --- points per game or match are a count, not percentage points ---------------------------

POINTS_PER_GAME_EN = [
    ("Score 80 points per game",
     {"direction": "increase", "target": (80, "count"), "per": None, "change": None}),
    ("Concede under 65 points per match",
     {"direction": "at_most", "target": (65, "count"), "per": None}),
    ("Hold opponents to < 60 pts/game",
     {"direction": "at_most", "target": (60, "count"), "per": None}),
    ("Average 25 pts a game", {"target": (25, "count"), "per": None}),
    ("Raise the NPS by 5 pts", {"direction": "increase", "change": (5, "percent")}),
]  # fmt: skip
POINTS_PER_GAME_ES = [
    ("Anotar 70 puntos por partido",
     {"direction": "increase", "target": (70, "count"), "per": None, "change": None}),
    ("Recibir menos de 65 puntos por juego",
     {"direction": "at_most", "target": (65, "count"), "per": None}),
    ("Encajar < 60 pts/partido", {"direction": "at_most", "target": (60, "count"), "per": None}),
    ("Promediar 25 puntos por encuentro", {"target": (25, "count"), "per": None}),
    ("Subir el NPS 5 pts", {"direction": "increase", "change": (5, "percent")}),
]  # fmt: skip


# --- a multiple of, or an amount beyond, a level named as current is a change -------------

CURRENT_LEVEL_EN = [
    ("Support 3x current order volume",
     {"direction": "increase", "change": (200, "percent"), "target": None,
      "baseline_ref": "current order volume"}),
    ("Serve 2x the current number of users",
     {"direction": "increase", "change": (100, "percent"), "target": None,
      "baseline_ref": "current number of users"}),
    ("Process 4x today's transaction volume",
     {"direction": "increase", "change": (300, "percent"), "target": None,
      "baseline_ref": "today's transaction volume"}),
    ("Ship orders 2 days faster than the current lead time",
     {"direction": "decrease", "change": (2, "duration"), "target": None}),
    ("Resolve tickets in 4 hours less than current time",
     {"direction": "decrease", "change": (4, "duration"), "target": None}),
]  # fmt: skip
CURRENT_LEVEL_ES = [
    ("Atender 2 veces el volumen actual de pedidos",
     {"direction": "increase", "change": (100, "percent"), "target": None,
      "baseline_ref": "volumen actual de pedidos"}),
    ("Procesar 4 veces las transacciones actuales",
     {"direction": "increase", "change": (300, "percent"), "target": None,
      "baseline_ref": "transacciones actuales"}),
    ("Soportar 3x el tráfico actual",
     {"direction": "increase", "change": (200, "percent"), "target": None,
      "baseline_ref": "tráfico actual"}),
    ("Entregar los pedidos 2 días más rápido que el plazo actual",
     {"direction": "decrease", "change": (2, "duration"), "target": None}),
    ("Resolver incidencias en 4 horas menos que el tiempo actual",
     {"direction": "decrease", "change": (4, "duration"), "target": None}),
]  # fmt: skip


# --- a percent that describes a noun, or the people who do the work, is a qualifier -------

ATTRIBUTE_EN = [
    ("Launch a 20% off promotion in 5 stores",
     {"direction": "increase", "target": (5, "count"), "change": None}),
    ("Run a 10% loyalty offer across 4 regional chains",
     {"direction": "increase", "target": (4, "count"), "change": None}),
    ("Have 90% of pull requests approved by 2 reviewers",
     {"target": (90, "percent"), "change": None, "share": None}),
    ("Get 100% of schema changes signed off by 2 architects",
     {"target": (100, "percent"), "change": None, "share": None}),
]  # fmt: skip
ATTRIBUTE_ES = [
    ("Lanzar una promoción del 20% en 5 tiendas",
     {"direction": "increase", "target": (5, "count"), "change": None}),
    ("Hacer una oferta de fidelización del 10% en 4 cadenas regionales",
     {"direction": "increase", "target": (4, "count"), "change": None}),
    ("Conseguir que el 90% de los cambios sean aprobados por 2 revisores",
     {"target": (90, "percent"), "change": None, "share": None}),
    ("Lograr que el 100% de los contratos sean revisados por 2 abogados",
     {"target": (100, "percent"), "change": None, "share": None}),
]  # fmt: skip


# --- a list of windows names when the metric is read, not what it reaches -----------------

WINDOW_LIST_EN = [
    ("Reach 40% retention at the 7, 14 and 28-day marks",
     {"target": (40, "percent"), "baseline": None, "issues": []}),
    ("Keep churn under 5% at 30, 60 and 90 days",
     {"target": (5, "percent"), "baseline": None, "issues": []}),
    ("Hold activation above 60% at day 1, 7 and 30",
     {"target": (60, "percent"), "baseline": None, "issues": []}),
    ("Lift repeat purchase to 25% at the 30, 60, and 90-day points",
     {"target": (25, "percent"), "baseline": None, "issues": []}),
]  # fmt: skip
WINDOW_LIST_ES = [
    ("Alcanzar una retención del 40% a los 7, 14 y 30 días",
     {"target": (40, "percent"), "baseline": None, "issues": []}),
    ("Mantener el churn por debajo del 5% a los 30, 60 y 90 días",
     {"target": (5, "percent"), "baseline": None, "issues": []}),
    ("Lograr una activación del 60% en los días 1, 7 y 30",
     {"target": (60, "percent"), "baseline": None, "issues": []}),
    ("Subir la recompra al 25% a las 4, 8 y 12 semanas",
     {"target": (25, "percent"), "baseline": None, "issues": []}),
]  # fmt: skip


# --- verbless changes: the metric, then up or down and the figure ---------------------------

SHIFT_EN = [
    ("Average handling time down 15%",
     {"direction": "decrease", "change": (15, "percent"), "metric": "Average handling time"}),
    ("Churn down 2 points", {"direction": "decrease", "metric": "Churn"}),
    ("Signups up 30%", {"direction": "increase", "change": (30, "percent"), "metric": "Signups"}),
    ("Revenue up by 20%", {"direction": "increase", "change": (20, "percent")}),
    ("Trial-to-paid conversion up 12%",
     {"direction": "increase", "change": (12, "percent"),
      "issues": ["ambiguous-percent", "missing-baseline"]}),
]  # fmt: skip
SHIFT_ES = [
    ("Tiempo de respuesta baja un 20%", {"direction": "decrease", "change": (20, "percent")}),
    ("Costes caen un 10%",
     {"direction": "decrease", "change": (10, "percent"), "metric": "Costes"}),
    ("Ventas suben 15%", {"direction": "increase", "change": (15, "percent"), "metric": "Ventas"}),
    ("Las devoluciones disminuyen un 8%", {"direction": "decrease", "change": (8, "percent")}),
]  # fmt: skip


# --- a growth adverb after a change is its period; after a level it is no rate -------------

GROWTH_ADVERB_EN = [
    ("Grow revenue 6% annually", {"change": (6, "percent"), "per": "year"}),
    ("Grow signups 4% quarterly", {"change": (4, "percent"), "per": "quarter"}),
    ("Cut costs 2% yearly", {"direction": "decrease", "per": "year"}),
    ("Grow MRR 3% monthly", {"change": (3, "percent"), "per": "month"}),
    ("Keep churn below 3% monthly", {"direction": "at_most", "per": None}),
]  # fmt: skip
GROWTH_ADVERB_ES = [
    ("Aumentar las ventas un 12% anualmente", {"change": (12, "percent"), "per": "year"}),
    ("Reducir los costes un 5% mensualmente",
     {"direction": "decrease", "change": (5, "percent"), "per": "month"}),
    ("Crecer los registros un 3% trimestralmente", {"per": "quarter"}),
    ("Subir las visitas un 1% diariamente", {"change": (1, "percent"), "per": "day"}),
    ("Mantener el churn por debajo del 3% mensualmente", {"direction": "at_most", "per": None}),
]  # fmt: skip


# --- shipping the team's own output is work -----------------------------------------------

_SHIPPED = {"kind": "metric", "nature": "activity", "direction": "increase"}
SHIPPING_EN = [
    ("Ship 7 connectors this quarter", {**_SHIPPED, "target": (7, "count")}),
    ("Launch 3 new dashboards for sales", {**_SHIPPED, "target": (3, "count")}),
    ("Deliver 12 new endpoints", {**_SHIPPED, "target": (12, "count")}),
    ("Roll out 4 product features", {**_SHIPPED, "target": (4, "count")}),
    ("Publish 6 quarterly reports", {**_SHIPPED, "target": (6, "count")}),
]  # fmt: skip
SHIPPING_ES = [
    ("Entregar 7 conectores este trimestre", {**_SHIPPED, "target": (7, "count")}),
    ("Lanzar 3 nuevos paneles para ventas", {**_SHIPPED, "target": (3, "count")}),
    ("Liberar 5 versiones de la app", {**_SHIPPED, "target": (5, "count")}),
    ("Desplegar 12 microservicios", {**_SHIPPED, "target": (12, "count")}),
    ("Entregar 6 informes trimestrales", {**_SHIPPED, "target": (6, "count")}),
]  # fmt: skip


# --- a verb of making sure leads into the statement ---------------------------------------

_HELD = {"kind": "metric", "nature": "outcome"}
ASSURED_EN = [
    ("Ensure that response time stays below 200 ms",
     {**_HELD, "direction": "at_most", "metric": "response time", "target": (200, "duration")}),
    ("Make sure that the error rate remains under 1%",
     {**_HELD, "direction": "at_most", "target": (1, "percent")}),
    ("Guarantee that uptime stays above 99.9%",
     {**_HELD, "direction": "at_least", "metric": "uptime", "target": (99.9, "percent")}),
    ("Ensure 90% of invoices are paid on time",
     {**_HELD, "direction": "at_least", "target": (90, "percent")}),
]  # fmt: skip
ASSURED_ES = [
    ("Asegurar que el tiempo de respuesta se mantenga por debajo de 200 ms",
     {**_HELD, "direction": "at_most", "metric": "tiempo de respuesta",
      "target": (200, "duration")}),
    ("Asegurarse de que la tasa de error se mantenga menor a 1%",
     {**_HELD, "direction": "at_most", "metric": "tasa de error", "target": (1, "percent")}),
    ("Garantizar que la disponibilidad sea mayor a 99,9%",
     {**_HELD, "direction": "at_least", "metric": "disponibilidad", "target": (99.9, "percent")}),
    ("Asegurar que el 95% de los tickets estén resueltos",
     {**_HELD, "direction": "at_least", "target": (95, "percent")}),
]  # fmt: skip


# --- a leading plus without a verb is a change; a goal header is no metric ----------------

_PLUS = {"kind": "metric", "direction": "increase", "target": None}
PLUS_EN = [
    ("Target: +90 visitors/month from search", {**_PLUS, "change": (90, "count"), "per": "month"}),
    ("Goal: +40 demos per week", {**_PLUS, "change": (40, "count"), "per": "week",
                                  "metric": "demos"}),
    ("Objective: +25 new customers a month", {**_PLUS, "change": (25, "count"), "per": "month"}),
    ("Signups: +30%", {**_PLUS, "change": (30, "percent"), "metric": "Signups"}),
]  # fmt: skip
PLUS_ES = [
    ("Objetivo: +50 leads/semana", {**_PLUS, "change": (50, "count"), "per": "week"}),
    ("Meta: +20 clientes nuevos al mes", {**_PLUS, "change": (20, "count"), "per": "month",
                                          "metric": "clientes nuevos"}),
    ("Meta: +15 reseñas por semana", {**_PLUS, "change": (15, "count"), "per": "week"}),
    ("Objetivo: +10 demos al mes", {**_PLUS, "change": (10, "count"), "per": "month"}),
]  # fmt: skip


CLASSES = {
    "qualifier": (QUALIFIER_EN, QUALIFIER_ES),
    "bound-noun": (BOUND_NOUNS_EN, BOUND_NOUNS_ES),
    "growth-noun": (GROWTH_EN, GROWTH_ES),
    "saving-noun": (SAVINGS_EN, SAVINGS_ES),
    "part": (PART_EN, PART_ES),
    "metric-unit": (METRIC_UNIT_EN, METRIC_UNIT_ES),
    "sign": (SIGNS_EN, SIGNS_ES),
    "habit-feeling": (HABITS_EN, HABITS_ES),
    "other-sources": (FRESH_EN, FRESH_ES),
    "label": (LABEL_EN, LABEL_ES),
    "quoted": (QUOTED_EN, QUOTED_ES),
    "task": (TASK_EN, TASK_ES),
    "foreign-scale": (FOREIGN_SCALE_EN, FOREIGN_SCALE_ES),
    "average-change": (AVERAGE_CHANGE_EN, AVERAGE_CHANGE_ES),
    "comparative": (COMPARATIVE_EN, COMPARATIVE_ES),
    "rating-band": (RATING_BAND_EN, RATING_BAND_ES),
    "window-then-change": (WINDOW_THEN_CHANGE_EN, WINDOW_THEN_CHANGE_ES),
    "points-per-game": (POINTS_PER_GAME_EN, POINTS_PER_GAME_ES),
    "current-level": (CURRENT_LEVEL_EN, CURRENT_LEVEL_ES),
    "attribute": (ATTRIBUTE_EN, ATTRIBUTE_ES),
    "window-list": (WINDOW_LIST_EN, WINDOW_LIST_ES),
    "shift": (SHIFT_EN, SHIFT_ES),
    "growth-adverb": (GROWTH_ADVERB_EN, GROWTH_ADVERB_ES),
    "shipping": (SHIPPING_EN, SHIPPING_ES),
    "assured": (ASSURED_EN, ASSURED_ES),
    "plus": (PLUS_EN, PLUS_ES),
}
CASES = [
    pytest.param(text, lang, want, id=f"{name}-{lang}-{text}")
    for name, tables in CLASSES.items()
    for lang, table in zip(("en", "es"), tables, strict=True)
    for text, want in table
]


@pytest.mark.parametrize(("text", "lang", "want"), CASES)
def test_each_class_is_read_in_every_wording(text: str, lang: str, want: dict[str, Any]) -> None:
    _check(text, lang, want)


def test_every_class_has_variants_in_both_languages() -> None:
    assert all(len(en) >= 4 and len(es) >= 4 for en, es in CLASSES.values())


def test_a_baseline_named_by_a_period_name_is_kept() -> None:
    reading = okrkit.read_statement("Reducir el gasto en viajes en 10% vs Q1")
    assert reading.baseline_ref == "Q1"


def test_a_list_of_windows_gives_every_figure_the_window_role() -> None:
    for text in ("Measure retention at the 7, 14 and 28-day marks",
                 "Medir la retención a los 7, 14 y 30 días"):  # fmt: skip
        roles = [
            figure["role"] for figure in reading_to_dict(okrkit.read_statement(text))["figures"]
        ]
        assert roles == ["window"] * 3, text


@pytest.mark.parametrize(
    ("text", "metric"),
    [
        ("Anotar 70 puntos por partido", "puntos por partido"),
        ("Score 80 points per game", "points per game"),
        ("Keep 4-5-star feedback from buyers", "star feedback from buyers"),
        ("Obtener valoraciones de 4-5 estrellas", "valoraciones"),
    ],
)
def test_a_band_or_points_per_game_leaves_the_metric_readable(text: str, metric: str) -> None:
    got = reading_to_dict(okrkit.read_statement(text))
    assert (got["metric"], got["issues"]) == (metric, []), text
