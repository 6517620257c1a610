"""Every public callable refuses a wrong argument with an okrkit error, and changes nothing.

The callables are found by introspection: the functions and classes the package
and its public submodules export, and the public methods of those classes. Each
has a valid call below (``CALLS``); the property swaps one argument of that call
for a wrong-typed or out-of-range value and expects either an answer or an
:class:`~okrkit.OkrkitError`, never another exception, and after a refusal the
arguments, the rule registry, the metric types and the unit registries as they
were. A public callable with no valid call here, and no reason to leave it out,
fails ``test_every_public_callable_has_a_call``.
"""

from __future__ import annotations

import copy
import datetime as dt
import enum
import importlib
import inspect
import math
from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import okrkit
import okrkit.history
import okrkit.metrics
import okrkit.rules
import okrkit.text
import okrkit.units
from okrkit.exceptions import OkrkitError


PUBLIC_MODULES = ("okrkit", "okrkit.units", "okrkit.metrics", "okrkit.rules", "okrkit.text",
                  "okrkit.strategies", "okrkit.history")  # fmt: skip


def _own_methods(cls: type) -> dict[str, Callable[..., Any]]:
    """The public methods a class defines itself (not those of str, int or Enum)."""
    found = {}
    for klass in cls.__mro__:
        if klass.__module__ in ("builtins", "enum") or klass is object:
            continue
        for name, raw in vars(klass).items():
            if name.startswith("_") or name in found:
                continue
            if isinstance(raw, (staticmethod, classmethod)) or inspect.isfunction(raw):
                found[name] = raw
    return found


def public_callables() -> dict[str, Callable[..., Any]]:
    """``name -> callable`` for every public function, class and method (each once)."""
    found: dict[str, Any] = {}
    seen: set[int] = set()
    for module_name in PUBLIC_MODULES:
        module = importlib.import_module(module_name)
        for name in module.__all__:
            value = getattr(module, name)
            if id(value) in seen or not callable(value):
                continue
            seen.add(id(value))
            if inspect.isclass(value):
                if issubclass(value, BaseException):
                    continue
                if not issubclass(value, enum.Enum):
                    found[value.__name__] = value
                for method in _own_methods(value):
                    found[f"{value.__name__}.{method}"] = getattr(value, method)
            else:
                found[f"{module_name}.{name}"] = value
    return found


# --- valid values, and valid calls made from them ----------------------------------------


Q1 = okrkit.Period.parse("2026-Q1")
CALLS_KR = (
    okrkit.increase("llamadas", to="20 call", per="week", owner="ana")
    .checked_in("2026-01-10", "12 call", confidence=0.6)
    .with_id("llamadas")
)
SALES_KR = okrkit.kr("Aumentar las ventas de 100 USD a 200 USD", owner="ana").with_id("ventas")
OBJ = (
    okrkit.objective("Crecer en el trimestre", owner="ventas", period=Q1)
    .measured_by(CALLS_KR, SALES_KR)
    .with_id("crecer")
)
PLAN = (
    okrkit.plan("Plan", period="2026-Q1", lang="es")
    .with_objectives(OBJ)
    .linked(okrkit.link(CALLS_KR, SALES_KR, because="más llamadas, más ventas"))
)
AS_OF = dt.date(2026, 2, 15)
REPORT = okrkit.check(PLAN, as_of=AS_OF)
CARD = okrkit.score(PLAN, as_of=AS_OF, forecasts=True)
OBJ_SCORE = CARD.objectives[0]
KR_SCORE = OBJ_SCORE.key_results[0]
FINDING = okrkit.Finding("missing-owner", "warning", "crecer", "m", "h")
READING = okrkit.read_statement("Reducir el ciclo de venta de 35 días a 26 días")
POLICY = okrkit.Policy()
CONTEXT = okrkit.rules.Context(PLAN, policy=POLICY, as_of=AS_OF)
PLACE = okrkit.rules.Place(objective=0, key_result=0)
RULE = okrkit.rules.Rule(
    "x-rule", "warning", lambda ctx: (), {"en": "{where}", "es": "{where}"}, "hint"
)
LEXICON = okrkit.text.Lexicon.default()
CYCLES = okrkit.CycleCalendar("2026-01-05", weeks=6)
RETAIL = okrkit.RetailCalendar()
CALENDAR = okrkit.Calendar(fiscal_year_start=4)
AMOUNT = okrkit.Amount(5, "USD")
SIMULATION = okrkit.history.simulate(teams=1, quarters=1, seed=1)
TRUTH = SIMULATION.truth
CALIBRATION = okrkit.history.calibration(SIMULATION.plans, as_of="2026-04-01", min_forecasts=1,
                                         min_key_results=1)  # fmt: skip
BACKTEST = okrkit.history.backtest(SIMULATION.plans, as_of="2026-04-01", min_key_results=1)
EVIDENCE = okrkit.history.evidence(SIMULATION.plans, as_of="2026-04-01", min_pairs=4,
                                   min_periods=1)  # fmt: skip


@attrs.frozen
class Call:
    """A valid call: what to call (made fresh for each example) and its arguments;
    *before* makes what the call needs in the working folder (a file to read)."""

    target: Callable[[], Callable[..., Any]]
    args: tuple[Any, ...] = ()
    kwargs: dict[str, Any] = attrs.field(factory=dict)
    before: Callable[[], object] = lambda: None


def call(target: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Call:
    return Call(lambda: target, args, kwargs)


def method(owner: Any, name: str, /, *args: Any, **kwargs: Any) -> Call:
    return Call(lambda: getattr(owner, name), args, kwargs)


def _check(ctx: Any) -> tuple[()]:
    return ()


CALLS: dict[str, Call] = {
    # the package's functions
    "okrkit.achieve": call(okrkit.achieve, "Ganar el concurso", done=False, id="concurso",
                           owner="ana", weight=1, deadline="2026-03-01", nature="outcome"),
    "okrkit.at_least": call(okrkit.at_least, "nps", "40", share="90%", per="week", strict=False,
                            id="nps", owner="ana", weight=2, deadline="2026-03-01",
                            nature="outcome", statement="Mantener el NPS en 40"),
    "okrkit.at_most": call(okrkit.at_most, "tiempo de respuesta", "5 min", share="90%",
                           strict=True, id="t", owner="ana", weight=1, deadline=None,
                           nature=None, statement=None),
    "okrkit.check": call(okrkit.check, PLAN, as_of=AS_OF, policy=POLICY, lang="es",
                         select=["missing-owner"], ignore=["objective-has-number"], strict=True,
                         history=SIMULATION.plans),
    "okrkit.decrease": call(okrkit.decrease, "ciclo", to="26 day", from_="35 day", id="ciclo",
                            owner="ana", weight=1, deadline="2026-03-01", nature="outcome",
                            statement="Reducir el ciclo"),
    "okrkit.dump": Call(lambda: okrkit.dump, (PLAN, "plan.yaml"), {"format": "yaml",
                                                                    "lexicon": LEXICON}),
    "okrkit.dumps": call(okrkit.dumps, PLAN, format="json", omit=None, lexicon=LEXICON),
    "okrkit.from_frame": call(okrkit.from_frame, okrkit.to_frame(PLAN),
                              checkins=okrkit.to_frame(PLAN, rows="checkins"),
                              links=okrkit.to_frame(PLAN, rows="links"), title="Plan"),
    "okrkit.increase": call(okrkit.increase, "llamadas", by="10 call", from_="10 call",
                            per="week", id="ll", owner="ana", weight=1, deadline=AS_OF,
                            nature="activity", statement="Hacer más llamadas"),
    "okrkit.kr": call(okrkit.kr, "Reducir el ciclo de 35 días a 26 días", lang="es",
                      currency="EUR", lexicon=LEXICON, owner="ana", weight=2),
    "okrkit.link": call(okrkit.link, CALLS_KR, "crecer/ventas", because="porque sí"),
    "okrkit.load": Call(lambda: okrkit.load, ("plan.yaml",), {"format": "yaml",
                                                             "lexicon": LEXICON},
                        before=lambda: okrkit.dump(PLAN, "plan.yaml")),
    "okrkit.load_policy": Call(lambda: okrkit.load_policy, (None,), {"start": "."}),
    "okrkit.loads": call(okrkit.loads, "okrkit: 1\ntitle: Plan\nperiod: 2026-Q1\n", format="yaml",
                         name="plan.yaml", lexicon=LEXICON),
    "okrkit.objective": call(okrkit.objective, "Crecer", id="crecer", owner="ana",
                             period="FY2026-Q1", calendar=CALENDAR, commitment="aspirational",
                             parent="empresa", weight=2),
    "okrkit.okr_sentence": call(okrkit.okr_sentence, OBJ, lang="es"),
    "okrkit.plan": call(okrkit.plan, "Plan", period="C1", currency="EUR", lang="es",
                        calendar=CYCLES),
    "okrkit.read_statement": call(okrkit.read_statement, "Generar 170 leads", lang="es",
                                  currency="EUR", lexicon=LEXICON),
    "okrkit.report_html": call(okrkit.report_html, PLAN, as_of=AS_OF, lang="en", policy=POLICY),
    "okrkit.report_markdown": call(okrkit.report_markdown, PLAN, as_of=AS_OF, lang="es",
                                   policy="strict"),
    "okrkit.rule": call(okrkit.rule, "x-made", severity="info", message="{where}", hint="h",
                        why={"en": "w"}, category="custom", example="title: x",
                        thresholds=("stale_after_days",), replace=False, needs_history=False),
    "okrkit.score": call(okrkit.score, PLAN, as_of=AS_OF, policy=POLICY, rollup=True,
                         forecasts=True, lang="es"),
    "okrkit.to_dot": call(okrkit.to_dot, PLAN, label_width=20),
    "okrkit.to_frame": call(okrkit.to_frame, PLAN, rows="checkins", as_of=AS_OF),
    "okrkit.to_mermaid": call(okrkit.to_mermaid, PLAN, label_width=None),
    # okrkit.units
    "okrkit.units.convert": call(okrkit.units.convert, AMOUNT, "USD", ureg=None),
    "okrkit.units.define_units": call(okrkit.units.define_units, okrkit.units.registry()),
    "okrkit.units.registry": call(okrkit.units.registry, None),
    "okrkit.units.to_quantity": call(okrkit.units.to_quantity, AMOUNT, ureg=None),
    "okrkit.units.unit_info": call(okrkit.units.unit_info, "call/week", None),
    # okrkit.metrics
    "okrkit.metrics.count": call(okrkit.metrics.count, "call"),
    "okrkit.metrics.currency": call(okrkit.metrics.currency, "EUR"),
    "okrkit.metrics.duration": call(okrkit.metrics.duration, "hour", polarity="lower_is_better"),
    "okrkit.metrics.metric_type": call(okrkit.metrics.metric_type, "nps"),
    "okrkit.metrics.percentage": call(okrkit.metrics.percentage, polarity=None),
    "okrkit.metrics.rate": call(okrkit.metrics.rate, "call", "week"),
    "okrkit.metrics.register_metric_type": call(okrkit.metrics.register_metric_type,
                                                okrkit.metrics.NPS, replace=False),
    "okrkit.metrics.scale": call(okrkit.metrics.scale, "ces", 1, 7, polarity="lower_is_better"),
    # okrkit.rules
    "okrkit.rules.register_rule": call(okrkit.rules.register_rule, RULE, replace=False),
    "okrkit.rules.registered_rules": call(okrkit.rules.registered_rules),
    "okrkit.rules.unregister_rule": call(okrkit.rules.unregister_rule, "no-such-rule"),
    # okrkit.text
    "okrkit.text.quantity_kind": call(okrkit.text.quantity_kind, AMOUNT),
    "okrkit.text.read_objective": call(okrkit.text.read_objective, "Vender 10 % más",
                                       lang="es", currency="EUR", lexicon=LEXICON),
    "okrkit.text.reading_to_dict": call(okrkit.text.reading_to_dict, READING),
    # okrkit.strategies (each returns a strategy; the arguments are checked at once)
    "okrkit.strategies.amounts": call(okrkit.strategies.amounts, units=["call", None]),
    "okrkit.strategies.checkins": call(okrkit.strategies.checkins, within=Q1, unit="call",
                                       low=0, high=10, confidence=True),
    "okrkit.strategies.key_results": call(okrkit.strategies.key_results,
                                          directions=["increase"], languages=["es"],
                                          activities=True, within=Q1, max_checkins=2,
                                          statements=True),
    "okrkit.strategies.objectives": call(okrkit.strategies.objectives, min_key_results=1,
                                         max_key_results=2, directions=["decrease"],
                                         languages=["en"], period=Q1, max_checkins=1,
                                         statements=False),
    "okrkit.strategies.periods": call(okrkit.strategies.periods, kinds=["quarter"],
                                      calendar=CALENDAR, min_year=2020, max_year=2030),
    "okrkit.strategies.plans": call(okrkit.strategies.plans, min_objectives=1, max_objectives=2,
                                    min_key_results=1, max_key_results=2, directions=["achieve"],
                                    languages=["es"], period_kinds=["year"], links=False,
                                    aligned=False, max_checkins=1, statements=False),
    # okrkit.history
    "okrkit.history.simulate": call(okrkit.history.simulate, teams=1, quarters=1,
                                    first_quarter="2026-Q2", lag=1, conversion=0.2,
                                    background=0.5, calls=10, posts=2, referrals=1,
                                    deal_size=100, spread=0.1, stretch=1, overconfident=1,
                                    overconfidence=0.3, trend=0.4, seed=4),
    "SimulationSettings": call(okrkit.history.SimulationSettings, teams=2, seed=3),
    "PlantedTruth.owner": method(TRUTH, "owner", "owner-1"),
    "PlantedTruth.owners_who_are": method(TRUTH, "owners_who_are", "calibrated"),
    "PlantedTruth.to_dict": method(TRUTH, "to_dict"),
    "PlantedLink.to_dict": method(TRUTH.links[0], "to_dict"),
    "PlantedOwner.to_dict": method(TRUTH.owners[0], "to_dict"),
    "PlantedConfidence.to_dict": method(TRUTH.confidences[0], "to_dict"),
    "okrkit.history.calibration": call(okrkit.history.calibration, SIMULATION.plans,
                                       as_of="2026-04-01", by="team", bins="distinct",
                                       min_forecasts=2, min_key_results=1, names=["q1.yaml"],
                                       lang="es"),
    "okrkit.history.forecast": call(okrkit.history.forecast, CALLS_KR, period=Q1, as_of=AS_OF,
                                    method="bootstrap", level=0.9, seed=2, resamples=200,
                                    ureg=None),
    "okrkit.history.backtest": call(okrkit.history.backtest, SIMULATION.plans,
                                    as_of="2026-04-01", cut=0.6, method="trend", seed=3,
                                    resamples=200, min_key_results=2, lang="es"),
    "Backtest.row": method(BACKTEST, "row", "pacing"),
    "Backtest.to_dict": method(BACKTEST, "to_dict"),
    "Backtest.to_json": method(BACKTEST, "to_json", indent=2),
    "Backtest.to_markdown": method(BACKTEST, "to_markdown", level=3),
    "Backtest.to_text": method(BACKTEST, "to_text"),
    "BacktestCase.said": method(BACKTEST.cases[0], "said", "confidence"),
    "BacktestCase.to_dict": method(BACKTEST.cases[0], "to_dict"),
    "BacktestRow.to_dict": method(BACKTEST.rows[0], "to_dict"),
    "Calibration.group": method(CALIBRATION, "group", "owner-1"),
    "Calibration.to_dict": method(CALIBRATION, "to_dict"),
    "Calibration.to_json": method(CALIBRATION, "to_json", indent=2),
    "Calibration.to_markdown": method(CALIBRATION, "to_markdown", level=2),
    "Calibration.to_svg": method(CALIBRATION, "to_svg", "owner-2"),
    "Calibration.to_text": method(CALIBRATION, "to_text"),
    "CalibrationGroup.to_dict": method(CALIBRATION.overall, "to_dict"),
    "ReliabilityBin.to_dict": method(CALIBRATION.overall.curve[0], "to_dict"),
    "StatedConfidence.to_dict": method(CALIBRATION.forecasts[0], "to_dict"),
    "okrkit.history.evidence": call(okrkit.history.evidence, SIMULATION.plans, as_of="2026-04-01",
                                    match="id", min_pairs=5, min_periods=1, max_lag=3,
                                    level=0.9, lang="es"),
    "CausalityEvidence.link": method(EVIDENCE, "link", "sales calls", "revenue"),
    "CausalityEvidence.for_link": method(EVIDENCE, "for_link", SIMULATION.plans[0],
                                         SIMULATION.plans[0].links[0]),
    "CausalityEvidence.to_dict": method(EVIDENCE, "to_dict"),
    "CausalityEvidence.to_json": method(EVIDENCE, "to_json", indent=2),
    "CausalityEvidence.to_markdown": method(EVIDENCE, "to_markdown", level=2),
    "CausalityEvidence.to_text": method(EVIDENCE, "to_text"),
    "LinkEvidence.to_dict": method(EVIDENCE.links[0], "to_dict"),
    "LagEstimate.to_dict": method(EVIDENCE.links[0].lags[0], "to_dict"),
    # value classes, built by users
    "Amount": call(okrkit.Amount, 5, "USD"),
    "Amount.coerce": call(okrkit.Amount.coerce, "5 USD", field="KeyResult.target"),
    "Amount.parse": call(okrkit.Amount.parse, "5 USD", field="KeyResult.target"),
    "Cadence": call(okrkit.Cadence, "monthly", weekday=None, day=31),
    "Cadence.due_dates": method(okrkit.Cadence("weekly"), "due_dates", Q1.start, Q1.end),
    "Cadence.next_due": method(okrkit.Cadence("weekly"), "next_due", start=Q1.start,
                               end=Q1.end, last=AS_OF),
    "Calendar": call(okrkit.Calendar, 4, "start"),
    "Calendar.describe": method(CALENDAR, "describe", Q1, lang="es"),
    "Calendar.fiscal_half": method(CALENDAR, "fiscal_half", 2026, 2),
    "Calendar.fiscal_quarter": method(CALENDAR, "fiscal_quarter", 2026, 3),
    "Calendar.fiscal_year": method(CALENDAR, "fiscal_year", 2026),
    "Calendar.half": method(CALENDAR, "half", 2026, 1),
    "Calendar.iso_week": method(CALENDAR, "iso_week", 2026, 53),
    "Calendar.month": method(CALENDAR, "month", 2026, 12),
    "Calendar.period": method(CALENDAR, "period", "FY2026-Q2"),
    "Calendar.periods": method(CALENDAR, "periods", 2026, "quarter"),
    "Calendar.quarter": method(CALENDAR, "quarter", 2026, 4),
    "Calendar.year": method(CALENDAR, "year", 2026),
    "CheckIn": call(okrkit.CheckIn, "2026-01-10", "5 call", confidence=0.5, note="n",
                    source="crm"),
    "CycleCalendar": call(okrkit.CycleCalendar, "2026-01-05", weeks=6, days=None),
    "CycleCalendar.cycle": method(CYCLES, "cycle", 3),
    "CycleCalendar.cycle_of": method(CYCLES, "cycle_of", AS_OF),
    "CycleCalendar.describe": method(CYCLES, "describe", CYCLES.cycle(2), lang="es"),
    "CycleCalendar.period": method(CYCLES, "period", "C2"),
    "CycleCalendar.periods": method(CYCLES, "periods", 2026, "cycle"),
    "Initiative": call(okrkit.Initiative, "Llamar", owner="ana", done=True),
    "KeyResult": call(okrkit.KeyResult, "Llamadas", id="ll", metric="llamadas",
                      direction="increase", baseline="1 call", target="5 call", change=None,
                      per="week", share=None, nature="activity", deadline="2026-03-01",
                      weight=2, owner="ana", done=False, strict=False,
                      metric_type=okrkit.metrics.count("call"), checkins=(), initiatives=["x"],
                      ignore=["missing-owner"], cadence="weekly", reading=None),
    "KeyResult.as_activity": method(CALLS_KR, "as_activity"),
    "KeyResult.as_outcome": method(CALLS_KR, "as_outcome"),
    "KeyResult.checked_in": method(CALLS_KR, "checked_in", "2026-01-17", "14 call",
                                   confidence=0.7, note="n", source="crm"),
    "KeyResult.checked_in_every": method(CALLS_KR, "checked_in_every", "biweekly"),
    "KeyResult.checkin_as_of": method(CALLS_KR, "checkin_as_of", AS_OF),
    "KeyResult.completed": method(CALLS_KR, "completed", False),
    "KeyResult.drives": method(CALLS_KR, "drives", SALES_KR, because="porque"),
    "KeyResult.due": method(CALLS_KR, "due", "2026-03-01"),
    "KeyResult.history": method(CALLS_KR, "history", until=AS_OF),
    "KeyResult.ignoring": method(CALLS_KR, "ignoring", "missing-owner"),
    "KeyResult.measuring": method(CALLS_KR, "measuring", "calls"),
    "KeyResult.of_type": method(CALLS_KR, "of_type", okrkit.metrics.count("call")),
    "KeyResult.owned_by": method(CALLS_KR, "owned_by", "luis"),
    "KeyResult.starting_at": method(CALLS_KR, "starting_at", "3 call"),
    "KeyResult.weighted": method(CALLS_KR, "weighted", 3),
    "KeyResult.with_id": method(CALLS_KR, "with_id", "calls"),
    "KeyResult.with_initiatives": method(CALLS_KR, "with_initiatives", "Llamar",
                                         okrkit.Initiative("Visitar")),
    "Link": call(okrkit.Link, "a", "b", because="c"),
    "MetricType": call(okrkit.MetricType, "ces", "score", unit="point", minimum=1, maximum=7,
                       polarity="lower_is_better", per=None),
    "MetricType.contains": method(okrkit.metrics.NPS, "contains", 40),
    "Objective": call(okrkit.Objective, "Crecer", id="crecer", owner="ana", period="2026-Q1",
                      commitment="committed", parent="empresa", weight=1,
                      key_results=[CALLS_KR], ignore=["missing-owner"], reading=None),
    "Objective.aligned_to": method(OBJ, "aligned_to", "empresa"),
    "Objective.aspirational": method(OBJ, "aspirational"),
    "Objective.committed": method(OBJ, "committed"),
    "Objective.drives": method(OBJ, "drives", "otra", because="porque"),
    "Objective.during": method(OBJ, "during", "FY2026-Q1", calendar=CALENDAR),
    "Objective.ignoring": method(OBJ, "ignoring", "missing-owner"),
    "Objective.key_result_keys": method(OBJ, "key_result_keys"),
    "Objective.measured_by": method(OBJ, "measured_by", SALES_KR.with_id("otra")),
    "Objective.owned_by": method(OBJ, "owned_by", "luis"),
    "Objective.weighted": method(OBJ, "weighted", 2),
    "Objective.with_id": method(OBJ, "with_id", "crecer-mas"),
    "Period": call(okrkit.Period, "2026-01-01", "2026-03-31", "2026-Q1"),
    "Period.contains": method(Q1, "contains", AS_OF),
    "Period.describe": method(Q1, "describe", lang="es", calendar=CALENDAR),
    "Period.overlaps": method(Q1, "overlaps", okrkit.Period.parse("2026-03")),
    "Period.parse": call(okrkit.Period.parse, "2026-Q1", calendar=CALENDAR),
    "Plan": call(okrkit.Plan, "Plan", period="2026-Q1", currency="EUR", lang="es",
                 calendar=CALENDAR, objectives=[OBJ], links=[], policy=POLICY, cadence="weekly",
                 source=None),
    "Plan.check": method(PLAN, "check", as_of=AS_OF, lang="en"),
    "Plan.checked_in_every": method(PLAN, "checked_in_every", "monthly"),
    "Plan.during": method(PLAN, "during", "2026-Q2"),
    "Plan.from_frame": call(okrkit.Plan.from_frame, okrkit.to_frame(PLAN),
                            checkins=okrkit.to_frame(PLAN, rows="checkins"),
                            links=okrkit.to_frame(PLAN, rows="links")),
    "Plan.in_language": method(PLAN, "in_language", "en"),
    "Plan.iter_key_results": method(PLAN, "iter_key_results"),
    "Plan.key_result": method(PLAN, "key_result", "crecer/ventas"),
    "Plan.linked": method(PLAN, "linked", okrkit.Link("ventas", "llamadas")),
    "Plan.objective": method(PLAN, "objective", "crecer"),
    "Plan.period_of": method(PLAN, "period_of", OBJ),
    "Plan.score": method(PLAN, "score", as_of=AS_OF, rollup=False),
    "Plan.to_frame": method(PLAN, "to_frame", rows="key_results"),
    "Plan.with_calendar": method(PLAN, "with_calendar", RETAIL),
    "Plan.with_currency": method(PLAN, "with_currency", "EUR"),
    "Plan.with_objectives": method(PLAN, "with_objectives", OBJ.with_id("otro")),
    "Plan.with_policy": method(PLAN, "with_policy", POLICY),
    "Policy": call(okrkit.Policy, name="mine", severities={"missing-owner": "error"},
                   select=None, ignore=["objective-has-number"], strict=True,
                   thresholds=okrkit.Thresholds(), plugins=()),
    "Policy.coerce": Call(lambda: okrkit.Policy.coerce, ("strict",), {"field": "check(policy)"}),
    "Policy.from_mapping": call(okrkit.Policy.from_mapping, {"preset": "strict"}, base=POLICY),
    "Policy.preset": call(okrkit.Policy.preset, "strict"),
    "Policy.severity_of": method(POLICY, "severity_of", "missing-owner", "warning",
                                 at_most="info"),
    "Policy.to_mapping": method(POLICY, "to_mapping"),
    "Policy.with_options": method(POLICY, "with_options", strict=True, select=["missing-owner"],
                                  ignore=["x"], severities={"missing-owner": "info"},
                                  thresholds={"stale_after_days": 7}),
    "Report": call(okrkit.Report, [FINDING], lang="es"),
    "Report.by_rule": method(REPORT, "by_rule"),
    "Report.compare": method(REPORT, "compare", okrkit.Report()),
    "Report.filter": method(REPORT, "filter", severity="warning", rule="missing-owner",
                            where="crecer"),
    "Report.summary": method(REPORT, "summary"),
    "Report.to_dict": method(REPORT, "to_dict"),
    "Report.to_json": method(REPORT, "to_json", indent=2),
    "Report.to_text": method(REPORT, "to_text"),
    "RetailCalendar": call(okrkit.RetailCalendar, pattern="4-4-5", year_end_month=12,
                           week_ends_on="sunday", rule="last", named_by="end", week53=3),
    "RetailCalendar.describe": method(RETAIL, "describe", RETAIL.quarter(2026, 1), lang="es"),
    "RetailCalendar.half": method(RETAIL, "half", 2026, 2),
    "RetailCalendar.month": method(RETAIL, "month", 2026, 12),
    "RetailCalendar.period": method(RETAIL, "period", "FY2026-P05"),
    "RetailCalendar.periods": method(RETAIL, "periods", 2026, "month"),
    "RetailCalendar.quarter": method(RETAIL, "quarter", 2026, 4),
    "RetailCalendar.week": method(RETAIL, "week", 2026, 1),
    "RetailCalendar.weeks_in": method(RETAIL, "weeks_in", 2026),
    "RetailCalendar.year": method(RETAIL, "year", 2026),
    "RetailCalendar.year_of": method(RETAIL, "year_of", AS_OF),
    "Thresholds": call(okrkit.Thresholds, min_key_results=2, max_key_results=6,
                       max_objectives_per_owner=4, min_period_days=7, max_period_days=400,
                       stale_after_days=21, at_risk_gap=-0.2, off_track_gap=-0.3,
                       yellow_from=0.3, green_from=0.8),
    "Lexicon": call(okrkit.text.Lexicon, {"en": {}, "es": {}}),
    "Lexicon.default": call(okrkit.text.Lexicon.default),
    "Lexicon.extended": method(LEXICON, "extended", "es", activity_verbs=["cotizar"]),
    "Lexicon.grammar": method(LEXICON, "grammar"),
    "Lexicon.markers": method(LEXICON, "markers"),
    "Lexicon.words": method(LEXICON, "words", "es"),
    # what rule authors write and call
    "Context": call(okrkit.rules.Context, PLAN, policy=POLICY, as_of=AS_OF,
                    history=SIMULATION.plans),
    "Context.hit": method(CONTEXT, "hit", PLACE, value=3),
    "Context.key_results": method(CONTEXT, "key_results"),
    "Context.kr_key": method(CONTEXT, "kr_key", 0, 1),
    "Context.memo": method(CONTEXT, "memo", "answer", lambda: 42),
    "Context.objectives": method(CONTEXT, "objectives"),
    "Context.period": method(CONTEXT, "period", 0),
    "Context.references": method(CONTEXT, "references"),
    "Context.resolved": method(CONTEXT, "resolved", PLACE),
    "Context.suppressed": method(CONTEXT, "suppressed", "missing-owner", PLACE),
    "Context.where": method(CONTEXT, "where", PLACE),
    "Context.window": method(CONTEXT, "window", PLACE),
    "Hit": call(okrkit.rules.Hit, PLACE, {"value": 3}, ceiling="warning"),
    "Hit.at_most": method(okrkit.rules.Hit(PLACE), "at_most", "warning"),
    "Place": call(okrkit.rules.Place, 0, 1, None),
    "Figure": call(okrkit.Figure, "$60", okrkit.Amount(60, "USD"), "baseline"),
    "Rule": call(okrkit.rules.Rule, "x-rule", "warning", _check, {"en": "m"}, "h", why="w",
                 category="custom", example=None, thresholds=(), needs_history=True),
    "Rule.text": method(RULE, "text", "message", "es", {"where": "crecer"}),
    # what okrkit makes: the methods of results
    "Finding.to_dict": method(FINDING, "to_dict"),
    "Forecast.to_dict": method(KR_SCORE.forecast, "to_dict"),
    "KeyResultScore.to_dict": method(KR_SCORE, "to_dict"),
    "ObjectiveScore.to_dict": method(OBJ_SCORE, "to_dict"),
    "Reading.explain": method(READING, "explain"),
    "Scorecard.key_result": method(CARD, "key_result", "crecer/ventas"),
    "Scorecard.objective": method(CARD, "objective", "crecer"),
    "Scorecard.to_dict": method(CARD, "to_dict"),
    "Scorecard.to_json": method(CARD, "to_json", indent=None),
    "Scorecard.to_text": method(CARD, "to_text"),
}  # fmt: skip

# Results okrkit makes and hands out: their constructors take what okrkit computed,
# unchecked, and are not a way in for data (their methods are called above).
MADE_BY_OKRKIT = {
    "Evidence": "a note the statement reader makes",
    "Finding": "made by the checker from a rule's hit",
    "Forecast": "made by score(forecasts=True)",
    "KeyResultScore": "made by score()",
    "ObjectiveReading": "made by read_objective()",
    "ObjectiveScore": "made by score()",
    "Backtest": "made by okrkit.history.backtest()",
    "BacktestCase": "made by okrkit.history.backtest()",
    "BacktestRow": "made by okrkit.history.backtest()",
    "Calibration": "made by okrkit.history.calibration()",
    "CausalityEvidence": "made by okrkit.history.evidence()",
    "LinkEvidence": "made by okrkit.history.evidence()",
    "LagEstimate": "made by okrkit.history.evidence()",
    "CalibrationGroup": "made by okrkit.history.calibration()",
    "ReliabilityBin": "made by okrkit.history.calibration()",
    "StatedConfidence": "made by okrkit.history.calibration()",
    "PlantedConfidence": "made by okrkit.history.simulate()",
    "PlantedLink": "made by okrkit.history.simulate()",
    "PlantedOwner": "made by okrkit.history.simulate()",
    "PlantedTruth": "made by okrkit.history.simulate()",
    "Simulation": "made by okrkit.history.simulate()",
    "Reading": "made by read_statement()",
    "Scorecard": "made by score()",
    "UnitInfo": "made by unit_info()",
}


def test_every_public_callable_has_a_call() -> None:
    """A new public function, class or method fails here until it has a valid call
    in CALLS (so the property below covers it) or a reason in MADE_BY_OKRKIT."""
    public = set(public_callables())

    missing = sorted(public - set(CALLS) - set(MADE_BY_OKRKIT))
    stale = sorted((set(CALLS) | set(MADE_BY_OKRKIT)) - public)

    assert not missing, f"public callables without a call in CALLS: {missing}"
    assert not stale, f"entries for callables that are not public: {stale}"


def test_every_valid_call_succeeds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The calls the property starts from are valid, so a refusal is the swapped value's."""
    monkeypatch.chdir(tmp_path)
    failed = {}
    for name, made in CALLS.items():
        try:
            made.before()
            made.target()(*made.args, **made.kwargs)
        except Exception as exc:
            failed[name] = exc
        finally:
            _forget_made_rules()
    assert not failed, failed


# --- the cases that used to escape -------------------------------------------------------


class TestSiblingsAcceptTheSame:
    @pytest.mark.parametrize("render", [okrkit.report_html, okrkit.report_markdown])
    def test_reports_take_as_of_as_text_like_check_and_score(self, render: Any) -> None:
        """as_of="2026-02-15" is the date check() and score() read it as, in a report too."""
        assert render(PLAN, as_of="2026-02-15") == render(PLAN, as_of=AS_OF)

    @pytest.mark.parametrize("action", [okrkit.check, okrkit.score])
    def test_policy_may_be_a_preset_name(self, action: Any) -> None:
        """policy="strict" means Policy.preset("strict"), for checking and scoring alike."""
        by_name = action(PLAN, as_of=AS_OF, policy="strict")

        assert by_name == action(PLAN, as_of=AS_OF, policy=okrkit.Policy.preset("strict"))

    def test_an_unknown_preset_is_named(self) -> None:
        with pytest.raises(okrkit.InvalidValueError) as info:
            okrkit.score(PLAN, as_of=AS_OF, policy="lenient")

        assert str(info.value).startswith("score(policy): expected a Policy or a preset")

    def test_loads_reads_utf8_bytes(self) -> None:
        """Bytes are read as UTF-8, as load() reads a file."""
        text = okrkit.dumps(PLAN)

        assert okrkit.loads(text.encode("utf-8")) == okrkit.loads(text)

    def test_loads_refuses_other_types(self) -> None:
        with pytest.raises(okrkit.InvalidTypeError, match=r"^loads\(text\)"):
            okrkit.loads(["okrkit: 1"])  # type: ignore[arg-type]

    def test_dates_are_dates_or_iso_text_everywhere(self) -> None:
        """Methods that take a date read ISO text as check() does."""
        cadence = okrkit.Cadence("weekly")

        assert CALLS_KR.checkin_as_of("2026-02-15") == CALLS_KR.checkin_as_of(AS_OF)
        assert cadence.due_dates("2026-01-01", "2026-01-31") == cadence.due_dates(
            dt.date(2026, 1, 1), dt.date(2026, 1, 31)
        )
        assert Q1.contains("2026-02-15")
        assert RETAIL.year_of("2026-02-15") == RETAIL.year_of(AS_OF)


class TestRefusals:
    def test_writing_into_a_missing_folder_names_the_path(self, tmp_path: Path) -> None:
        target = tmp_path / "no-such-folder" / "plan.yaml"

        with pytest.raises(okrkit.PlanFileError) as info:
            okrkit.dump(PLAN, target)

        assert str(target) in str(info.value)
        assert "cannot write the file" in str(info.value)

    @pytest.mark.parametrize("field", ["day", "weekday"])
    def test_an_int_too_long_to_print_is_out_of_range(self, field: str) -> None:
        """10**5000 has more digits than Python prints; the error still says what fits."""
        with pytest.raises(okrkit.InvalidValueError) as info:
            okrkit.Cadence("monthly", **{field: HUGE})

        assert f"Cadence.{field}: expected" in str(info.value)
        assert "more than" in str(info.value)

    def test_strict_is_true_or_false(self) -> None:
        """strict="yes" is not silently true: it is refused, naming the argument."""
        with pytest.raises(okrkit.InvalidTypeError) as info:
            okrkit.check(PLAN, strict="yes")  # type: ignore[arg-type]

        assert str(info.value).startswith("check(strict): expected True or False")

    def test_flags_of_the_model_raise_okrkit_errors(self) -> None:
        with pytest.raises(okrkit.InvalidTypeError, match=r"^KeyResult\.done"):
            okrkit.KeyResult(done="no")  # type: ignore[arg-type]

    def test_a_lookup_that_misses_is_an_okrkit_error_and_a_key_error(self) -> None:
        with pytest.raises(okrkit.exceptions.NotFoundError) as info:
            PLAN.objective("nope")

        assert isinstance(info.value, KeyError)
        assert str(info.value).startswith("Plan.objective(id): expected the id of an objective")

    def test_a_calendar_builds_only_numbered_parts_it_has(self) -> None:
        with pytest.raises(okrkit.PeriodError, match="4 quarters"):
            CALENDAR.quarter(2026, 5)
        with pytest.raises(okrkit.InvalidTypeError, match=r"^Calendar\.year\(year\)"):
            CALENDAR.year("2026")  # type: ignore[arg-type]
        with pytest.raises(okrkit.PeriodError, match=r"outside 0001-01-01\.\.9999-12-31"):
            okrkit.Calendar().iso_week(9999, 52)  # its Sunday is 10000-01-02

    def test_a_cadence_stops_at_the_last_day_of_the_calendar(self) -> None:
        """No check-in is due after 9999-12-31, and asking is no OverflowError."""
        monthly, weekly = okrkit.Cadence("monthly", day=31), okrkit.Cadence("weekly")

        assert monthly.due_dates("9999-11-01", "9999-12-31")[-1] == dt.date(9999, 12, 31)
        assert weekly.next_due(start="9999-12-01", end="9999-12-31", last="9999-12-31") is None

    def test_a_folder_name_too_long_for_the_system_has_no_policy(self) -> None:
        """load_policy(start=...) looks up from a folder; one that cannot exist has none."""
        assert okrkit.load_policy(start="x" * 300) == okrkit.Policy()

    def test_text_of_a_str_subclass_is_read_as_text(self) -> None:
        """A StrEnum member is text: the YAML reader is given its characters."""
        with pytest.raises(okrkit.PlanFileError, match="expected a mapping"):
            okrkit.loads(okrkit.Severity.INFO)

    def test_a_unit_pint_cannot_name_is_a_unit_error(self) -> None:
        with pytest.raises(okrkit.UnitError):
            okrkit.units.unit_info("A¼")


# --- wrong values ----------------------------------------------------------------------------


class Opaque:
    """An object of no type okrkit knows."""

    def __repr__(self) -> str:
        return "Opaque()"

    def __deepcopy__(self, memo: dict[int, Any]) -> Opaque:
        return self


HUGE = 10**5000
WRONG: st.SearchStrategy[Any] = st.one_of(
    st.sampled_from([
        None, True, False, 0, -1, -7, 13, 10**20, 2.5, -0.5, math.nan, math.inf,
        -math.inf, 1e308, "", " ", "2026-01-01", "2026-02-30", "yes", "strict", "x" * 300,
        "\ud800", "a/b c", "nan", "-1", "1e999", b"", b"2026-01-01", b"title: x",
        dt.datetime(2026, 1, 2, 3, 4), dt.date(1, 1, 1), dt.date(9999, 12, 31),
        dt.timedelta(days=1), Decimal("1.5"), Decimal("NaN"), Fraction(1, 3), 1j, Opaque,
        print, okrkit.Period, Q1, AMOUNT, CALLS_KR, OBJ, PLAN, POLICY, PLACE, REPORT,
        okrkit.Severity.INFO, okrkit.Direction.ACHIEVE,
    ]),
    st.builds(Opaque),
    st.sampled_from([1, -1]).map(lambda sign: sign * HUGE),  # its repr would fail in a list
    st.integers(),
    st.floats(),
    st.text(max_size=8),
    st.binary(max_size=8),
    st.lists(st.one_of(st.none(), st.integers(), st.text(max_size=4), st.builds(Opaque)),
             max_size=3),
    st.dictionaries(st.one_of(st.text(max_size=4), st.integers()),
                    st.one_of(st.none(), st.integers(), st.text(max_size=4)), max_size=3),
    st.frozensets(st.integers(), max_size=2),
)  # fmt: skip


def _swap(made: Call, parameter: inspect.Parameter, index: int, wrong: Any) -> Call:
    args, kwargs = list(made.args), dict(made.kwargs)
    if parameter.kind is inspect.Parameter.VAR_POSITIONAL:
        args.append(wrong)
    elif parameter.kind is inspect.Parameter.VAR_KEYWORD:
        extra = [key for key in kwargs if key not in inspect.signature(made.target()).parameters]
        kwargs[extra[0] if extra else "wrong"] = wrong
    elif index < len(args):
        args[index] = wrong
    else:
        kwargs[parameter.name] = wrong
    return Call(made.target, tuple(args), kwargs)


def _mutable_parts(value: Any) -> list[Any]:
    """The lists, dicts and sets inside *value* (a call's arguments), to compare later."""
    if isinstance(value, (list, dict, set, bytearray)):
        return [value]
    if isinstance(value, tuple):
        return [part for item in value for part in _mutable_parts(item)]
    return []


def _global_state() -> tuple[Any, ...]:
    from okrkit import _metric, _units

    return (
        tuple((r.id, id(r)) for r in okrkit.rules.registered_rules()),
        tuple(sorted((name, id(m)) for name, m in _metric._named.items())),
        tuple(sorted(id(ureg) for ureg in _units._states)),
    )


_BUILTIN_RULES = {r.id for r in okrkit.rules.registered_rules()}


def _forget_made_rules() -> None:
    for made in okrkit.rules.registered_rules():
        if made.id not in _BUILTIN_RULES:
            okrkit.rules.unregister_rule(made.id)


def _parameters(made: Call) -> list[tuple[int, inspect.Parameter]]:
    return list(enumerate(inspect.signature(made.target()).parameters.values()))


def _takes_arguments(made: Call) -> bool:
    try:
        return bool(_parameters(made))
    except AttributeError:  # not there at all: its case fails, not the collection
        return True


@pytest.mark.parametrize(
    "name", sorted(name for name, made in CALLS.items() if _takes_arguments(made))
)
@settings(
    max_examples=max(10, settings.default.max_examples // 3),
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(data=st.data())
def test_a_wrong_argument_is_refused_with_an_okrkit_error(
    name: str, data: st.DataObject, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Swap one argument of a valid call for a wrong one: okrkit answers or raises
    an OkrkitError, and when it refuses, nothing it was given or keeps has changed."""
    monkeypatch.chdir(tmp_path)
    valid = CALLS[name]
    valid.before()
    index, parameter = data.draw(st.sampled_from(_parameters(valid)), label="parameter")
    # What a function okrkit is given raises when called is the caller's own error.
    takes_function = "Callable" in str(parameter.annotation)
    wrong = data.draw(
        WRONG.filter(lambda value: not callable(value)) if takes_function else WRONG,
        label=parameter.name,
    )
    made = _swap(valid, parameter, index, wrong)
    parts = _mutable_parts((made.args, tuple(made.kwargs.values())))
    before = copy.deepcopy(parts), _global_state()
    try:
        made.target()(*made.args, **made.kwargs)
    except OkrkitError:
        assert (parts, _global_state()) == before, "a refused call changed something"
    finally:
        _forget_made_rules()
