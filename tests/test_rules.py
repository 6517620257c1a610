"""Every built-in rule fires where it should and stays silent on a clean plan.

A clean plan gives no finding at all; each case changes one thing and expects
one rule at one place. Rules about text are checked in English and Spanish.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import attrs
import pytest

import okrkit
from okrkit import Link, Objective, Plan, Severity, achieve, increase, kr, objective, reduce
from okrkit._reference import example_history
from okrkit.rules import registered_rules


AS_OF = dt.date(2026, 2, 15)


def clean_plan(lang: str = "es") -> Plan:
    """A plan a careful coach would not fault: owned, time-boxed, measurable, linked."""
    sales = (
        objective("Que los clientes nos elijan primero", id="meta")
        .owned_by("ventas")
        .during("2026-Q1")
        .measured_by(
            reduce("ciclo de venta", from_="35 day", to="26 day")
            .with_id("ciclo")
            .checked_in("2026-02-10", "31 day"),
            increase("ingresos", from_="500000 USD", to="575000 USD")
            .with_id("ingresos")
            .checked_in("2026-02-10", "530000 USD"),
            increase("llamadas", to="20 call", per="week")
            .with_id("llamadas")
            .as_activity()
            .checked_in("2026-02-10", "18 call"),
        )
    )
    return (
        okrkit.plan("Ventas", lang=lang)
        .with_objectives(sales)
        .linked(Link("llamadas", "ingresos", because="Más conversaciones abren más negocios"))
    )


def found(plan: Plan, **options: object) -> list[tuple[str, str]]:
    report = okrkit.check(plan, as_of=options.pop("as_of", AS_OF), **options)  # type: ignore[arg-type]
    return [(f.rule, f.where) for f in report]


def objective_of(plan: Plan) -> Objective:
    return plan.objectives[0]


def with_objective(plan: Plan, **changes: object) -> Plan:
    return attrs.evolve(plan, objectives=(attrs.evolve(objective_of(plan), **changes),))


def with_kr(plan: Plan, index: int, **changes: object) -> Plan:
    items = list(objective_of(plan).key_results)
    items[index] = attrs.evolve(items[index], **changes)
    return with_objective(plan, key_results=tuple(items))


def adding(plan: Plan, *items: okrkit.KeyResult) -> Plan:
    return with_objective(plan, key_results=(*objective_of(plan).key_results, *items))


def test_a_clean_plan_has_no_findings() -> None:
    """The clean plan gives no error, warning or info at all."""
    assert found(clean_plan()) == []
    assert found(clean_plan("en")) == []


CASES: list[tuple[str, Callable[[Plan], Plan], str]] = [
    ("no-objectives", lambda p: attrs.evolve(p, objectives=(), links=()), ""),
    ("no-key-results", lambda p: with_objective(p, key_results=()), "meta"),
    ("too-few-key-results", lambda p: with_objective(
        p, key_results=objective_of(p).key_results[1:]), "meta"),
    ("too-many-key-results", lambda p: adding(
        p, *(increase(f"cuentas {i}", to=f"{i + 1} account").with_id(f"c{i}")
             .checked_in("2026-02-10", "0 account") for i in range(3))), "meta"),
    ("missing-owner", lambda p: with_objective(p, owner=None), "meta"),
    ("duplicate-id", lambda p: with_kr(p, 1, id="ciclo"), "meta/ciclo"),
    ("unknown-reference", lambda p: p.linked(Link("llamadas", "fantasma", because="x")),
     "links[1]"),
    ("unknown-reference", lambda p: with_objective(p, parent="nada"), "meta"),
    ("missing-period", lambda p: with_objective(p, period=None), "meta"),
    ("period-too-long", lambda p: with_objective(
        p, period=okrkit.Period.parse("2026-01-01..2027-06-30")), "meta"),
    ("period-too-short", lambda p: with_objective(p, period=okrkit.Period.parse("2026-W07")),
     "meta"),
    ("deadline-outside-period", lambda p: with_kr(p, 0, deadline=dt.date(2026, 5, 1)),
     "meta/ciclo"),
    ("checkin-outside-period", lambda p: with_kr(
        p, 0, checkins=(okrkit.CheckIn("2025-12-20", "34 day"),
                        *objective_of(p).key_results[0].checkins)), "meta/ciclo"),
    ("duplicate-checkin", lambda p: with_kr(
        p, 0, checkins=(*objective_of(p).key_results[0].checkins,
                        okrkit.CheckIn("2026-02-10", "30 day"))), "meta/ciclo"),
    ("stale-checkins", lambda p: with_kr(
        p, 0, checkins=(okrkit.CheckIn("2026-01-20", "33 day"),)), "meta/ciclo"),
    ("not-measurable", lambda p: with_kr(
        p, 1, target=None, baseline=None, direction=None), "meta/ingresos"),
    ("missing-baseline", lambda p: with_kr(
        p, 1, target=None, baseline=None, change=okrkit.Amount(15, "percent")), "meta/ingresos"),
    ("target-equals-baseline", lambda p: with_kr(
        p, 1, target=okrkit.Amount(500000, "USD")), "meta/ingresos"),
    ("wrong-direction", lambda p: with_kr(
        p, 0, baseline=okrkit.Amount(20, "day")), "meta/ciclo"),
    ("unit-mismatch", lambda p: with_kr(
        p, 2, checkins=(okrkit.CheckIn("2026-02-10", "18 lead"),)), "meta/llamadas"),
    ("percent-out-of-range", lambda p: with_kr(
        p, 1, baseline=okrkit.Amount(40, "percent"), target=okrkit.Amount(120, "percent"),
        checkins=()), "meta/ingresos"),
    ("target-out-of-range", lambda p: with_kr(
        p, 1, baseline=okrkit.Amount(40), target=okrkit.Amount(140), checkins=(),
        metric_type=okrkit.metrics.NPS), "meta/ingresos"),
    ("causal-cycle", lambda p: p.linked(Link("ingresos", "llamadas", because="x")),
     "meta/ingresos"),
    ("missing-rationale", lambda p: attrs.evolve(
        p, links=(Link("llamadas", "ingresos"),)), "links[0]"),
    ("no-outcome", lambda p: with_objective(p, key_results=tuple(
        k.as_activity() for k in objective_of(p).key_results)), "meta"),
    ("unlinked-activity", lambda p: adding(
        p, increase("reuniones", to="8 meeting", per="week").with_id("reuniones")
        .as_activity().checked_in("2026-02-10", "7 meeting")), "meta/reuniones"),
    ("unlinked-activity", lambda p: attrs.evolve(p, links=()), ""),
    ("ambiguous-reference", lambda p: attrs.evolve(
        p.with_objectives(objective_of(p).with_id("otra")),
        links=(Link("llamadas", "meta/ingresos", because="x"),)), "links[0]"),
]  # fmt: skip


@pytest.mark.parametrize(("rule", "change", "where"), CASES, ids=[c[0] for c in CASES])
def test_rule_fires(rule: str, change: Callable[[Plan], Plan], where: str) -> None:
    """Changing one thing in a clean plan makes one rule fire, at the place changed."""
    assert (rule, where) in found(change(clean_plan()))


@pytest.mark.parametrize(("rule", "change", "where"), CASES, ids=[c[0] for c in CASES])
def test_rule_is_silent_on_the_clean_plan(rule: str, change: Callable, where: str) -> None:
    """The same rule finds nothing in the clean plan."""
    assert found(clean_plan(), select=[rule]) == []


def test_too_many_objectives() -> None:
    """A sixth objective for one owner in one period is one too many."""
    plan = clean_plan()
    extra = [objective_of(plan).with_id(f"o{i}") for i in range(5)]
    links = tuple(Link(f"o{i}/llamadas", f"o{i}/ingresos", because="x") for i in range(5))
    crowded = attrs.evolve(plan.with_objectives(*extra), links=(*plan.links, *links))

    assert found(crowded, select=["too-many-objectives"]) == [("too-many-objectives", "o4")]


def test_period_outside_parent() -> None:
    """A child objective whose quarter is outside its parent's year is reported."""
    parent = objective_of(clean_plan()).with_id("anual").during("2026")
    child = objective_of(clean_plan()).during("2027-Q1").aligned_to("anual")
    plan = okrkit.plan("p").with_objectives(parent, child)

    assert found(plan, select=["period-outside-parent"]) == [("period-outside-parent", "meta")]


def test_stale_checkins_needs_a_date() -> None:
    """Without as_of there is no today to measure staleness against."""
    plan = with_kr(clean_plan(), 0, checkins=())

    assert found(plan, select=["stale-checkins"], as_of=None) == []
    assert found(plan, select=["stale-checkins"]) == [("stale-checkins", "meta/ciclo")]


def test_done_milestones_are_not_stale() -> None:
    """A milestone already done needs no more check-ins."""
    plan = adding(clean_plan(), achieve("Ganar la licitación", done=True).with_id("licitacion"))

    assert ("stale-checkins", "meta/licitacion") not in found(plan)


@pytest.mark.parametrize(
    ("lang", "vague", "task", "ambiguous"),
    [
        ("es", "Mejorar la comunicación con marketing", "Elaborar el plan de cuenta",
         "Aumentar la retención en un 10%"),
        ("en", "Improve customer satisfaction", "Write the sales playbook",
         "Increase win rate by 10%"),
    ],
)  # fmt: skip
def test_statement_rules_in_both_languages(
    lang: str, vague: str, task: str, ambiguous: str
) -> None:
    """Vague statements, tasks and ambiguous percents are found in either language."""
    plan = adding(
        clean_plan(lang),
        kr(vague, id="vaga"),
        kr(task, id="tarea"),
        kr(ambiguous, id="tasa", baseline="30 %"),
    )

    result = found(plan)

    assert ("not-measurable", "meta/vaga") in result
    assert ("kr-is-task", "meta/tarea") in result
    assert ("ambiguous-percent", "meta/tasa") in result


def test_points_are_not_ambiguous() -> None:
    """A change in percentage points says what it means."""
    plan = adding(clean_plan(), kr("Aumentar la retención en 5 puntos porcentuales",
                                   id="tasa", baseline="30 %"))  # fmt: skip

    assert ("ambiguous-percent", "meta/tasa") not in found(plan)


@pytest.mark.parametrize(
    ("title", "rule"),
    [
        ("Incrementar las ventas del trimestre en un 20%", "objective-has-number"),
        ("Grow third-quarter sales by 20%", "objective-has-number"),
        ("Mantener la cartera de clientes actual", "objective-business-as-usual"),
        ("Continue serving our current accounts", "objective-business-as-usual"),
    ],
)
def test_objective_rules_in_both_languages(title: str, rule: str) -> None:
    """Numbers and business-as-usual verbs in titles are found in either language."""
    assert (rule, "meta") in found(with_objective(clean_plan(), title=title))


@pytest.mark.parametrize(
    "title",
    ["Obtener ingresos trimestrales de $700.000", "Bring in $700,000 in quarterly revenue"],
)
def test_coverage_gap_in_both_languages(title: str) -> None:
    """An objective's amount that its key results in the same unit do not reach is a gap."""
    report = okrkit.check(with_objective(clean_plan(), title=title), select=["coverage-gap"])

    assert [f.where for f in report] == ["meta"]
    assert "82 %" in report.findings[0].message


def test_every_rule_has_both_languages_and_a_why() -> None:
    """Each built-in rule says what it finds, how to fix it and why, in English and Spanish."""
    for made in registered_rules():
        for table in (made.message, made.hint, made.why):
            assert table.get("en"), made.id
            assert table.get("es"), made.id


def test_every_rule_is_tested_here() -> None:
    """No built-in rule lacks a case that makes it fire."""
    tested = {rule for rule, _change, _where in CASES} | {
        "too-many-objectives", "period-outside-parent", "kr-is-task", "ambiguous-percent",
        "objective-has-number", "objective-business-as-usual", "coverage-gap",
        "statement-unclear", "ambiguous-number",
        "link-not-supported-by-history",  # with a history: test_history_evidence.py
    }  # fmt: skip
    builtin = {r.id for r in registered_rules() if r.category != "custom"}

    assert builtin <= tested


def test_statement_unclear() -> None:
    """A statement longer than the reader reads is reported as a warning."""
    plan = adding(clean_plan(), kr("Generar 170 leads " + "y más " * 500, id="larga"))

    report = okrkit.check(plan, select=["statement-unclear"])

    assert [(f.rule, f.where, f.severity) for f in report] == [
        ("statement-unclear", "meta/larga", Severity.WARNING)
    ]


def test_statement_unclear_names_a_number_too_large() -> None:
    """A statement with a number past the largest float is read without it, and says why."""
    huge = "9" * 320
    plan = adding(clean_plan(), kr(f"Aumentar las ventas a {huge} USD", id="enorme"))

    report = okrkit.check(plan, select=["statement-unclear"])

    assert [(f.rule, f.where) for f in report] == [("statement-unclear", "meta/enorme")]
    assert "un número demasiado grande" in report.findings[0].message


def test_an_empty_plan_is_an_error_not_a_pass() -> None:
    """{"okrkit": 1} is a plan with nothing in it: one error at the plan, exit 1."""
    report = okrkit.check(okrkit.loads('{"okrkit": 1}', format="json"))

    assert [(f.rule, f.where, f.severity) for f in report] == [
        ("no-objectives", "", Severity.ERROR)
    ]
    assert not report.ok


def test_two_checkins_on_one_date_are_reported_once_with_the_dates() -> None:
    """Repeated dates are named (first three), once per key result, and scoring takes
    the value written last on that date."""
    days = ["2026-02-01", "2026-02-01", "2026-02-03", "2026-02-03", "2026-02-05",
            "2026-02-05", "2026-02-07", "2026-02-07", "2026-02-08"]  # fmt: skip
    item = reduce("ciclo de venta", from_="35 day", to="26 day").with_id("ciclo")
    for index, day in enumerate(days):
        item = item.checked_in(day, f"{34 - index} day")
    plan = with_kr(clean_plan("en"), 0, checkins=item.checkins)

    report = okrkit.check(plan, select=["duplicate-checkin"])

    assert [f.where for f in report] == ["meta/ciclo"]
    assert "2026-02-01, 2026-02-03, 2026-02-05, …" in report.findings[0].message
    written_last = okrkit.score(plan, as_of="2026-02-07").key_result("ciclo").value
    assert written_last == okrkit.Amount(27, "day")


@pytest.mark.parametrize(
    ("statement", "fires"),
    [
        ("Alcanzar el 120% del plan de ventas", False),
        ("Reach 120% of plan", False),
        ("Raise quota attainment from 90% to 115%", False),
        ("Lograr el 105% de la cuota", False),
        ("Increase conversion rate to 120%", True),
        ("Aumentar la tasa de conversión al 120%", True),
    ],
)
def test_percent_out_of_range_knows_attainment(statement: str, fires: bool) -> None:
    """Attainment of a plan, a quota or a target passes 100 % when the plan is beaten:
    only a share or a rate past 100 % is reported."""
    plan = adding(clean_plan(), kr(statement, id="pct"))

    assert (("percent-out-of-range", "meta/pct") in found(plan)) is fires


class TestUnlinkedActivity:
    """Said where the user can act on it: once for a plan that states no links, at
    each activity of a plan that does, and never again on a task."""

    def test_a_plan_without_links_hears_it_once(self) -> None:
        """Every activity unlinked because the plan has no links: one finding, at the plan."""
        extra = [
            increase(f"visitas {i}", to="8 visit", per="week").with_id(f"v{i}").as_activity()
            for i in range(3)
        ]
        plan = attrs.evolve(adding(clean_plan("en"), *extra), links=())

        report = okrkit.check(plan, select=["unlinked-activity"])

        assert [f.where for f in report] == [""]
        assert report.findings[0].message == (
            "4 activity key results (meta/llamadas, …) are not linked to an outcome key "
            "result or an objective: the plan states no links"
        )

    def test_the_once_per_plan_message_in_spanish(self) -> None:
        """The same in Spanish."""
        plan = attrs.evolve(clean_plan("es"), links=())

        report = okrkit.check(plan, select=["unlinked-activity"])

        assert report.findings[0].message == (
            "1 resultado clave de gestión (meta/llamadas) sin vincular a ningún resultado "
            "clave de logro ni objetivo: el plan no declara vínculos"
        )

    def test_a_plan_with_links_hears_each_unlinked_activity(self) -> None:
        """Where the plan states links, the activity left out is named, with its place."""
        plan = adding(
            clean_plan("en"),
            increase("visitas", to="8 visit", per="week").with_id("visitas").as_activity(),
        )

        assert found(plan, select=["unlinked-activity"]) == [("unlinked-activity", "meta/visitas")]

    def test_a_task_is_left_to_kr_is_task(self) -> None:
        """A yes/no activity is a task: kr-is-task says it, unlinked-activity does not."""
        plan = adding(clean_plan("en"), kr("Write the account plan", id="plan"))
        no_links = attrs.evolve(plan, links=())

        both = ["kr-is-task", "unlinked-activity"]
        assert found(plan, select=both) == [("kr-is-task", "meta/plan")]
        assert ("unlinked-activity", "") in found(no_links)
        assert "1 activity key result (meta/llamadas) is not linked" in next(
            f.message for f in okrkit.check(no_links) if f.rule == "unlinked-activity"
        )


STALE_PLAN = """\
okrkit: 1
period: 2026-Q1
lang: {lang}
objectives:
  - id: meta
    title: Win the quarter
    owner: sales
    key_results:
      - {{id: revenue, metric: revenue, direction: increase, target: 5 deal{first}}}
      - {{id: cycle, metric: cycle, direction: decrease, baseline: 35 day, target: 26 day}}
      - {{id: calls, metric: calls, direction: increase, target: 20 call{third}}}
"""


def stale(lang: str = "en", first: str = "", third: str = "") -> list[okrkit.Finding]:
    plan = okrkit.loads(STALE_PLAN.format(lang=lang, first=first, third=third))
    return list(okrkit.check(plan, as_of="2026-02-15", select=["stale-checkins"]))


class TestStaleCheckins:
    """Said once for a plan that has no check-in at all yet, at each key result of a
    plan that has some."""

    def test_a_plan_without_check_ins_hears_it_once(self) -> None:
        (finding,) = stale()

        assert finding.where == ""
        assert finding.message == (
            "3 key results (meta/revenue, …) have had no check-in since 2026-01-01 "
            "(45 days as of 2026-02-15): the plan has no check-in yet"
        )

    def test_the_once_per_plan_message_in_spanish(self) -> None:
        (finding,) = stale("es")

        assert finding.message == (
            "3 resultados clave (meta/revenue, …) no tienen seguimiento desde el 2026-01-01 "
            "(45 días al 2026-02-15): el plan aún no tiene ningún seguimiento"
        )

    def test_a_check_in_after_the_as_of_date_is_none_yet(self) -> None:
        later = ", checkins: [{date: 2026-03-01, value: 1 deal}]"

        assert [f.where for f in stale(first=later)] == [""]

    def test_a_plan_with_check_ins_hears_each_stale_key_result(self) -> None:
        recent = ", checkins: [{date: 2026-02-10, value: 1 deal}]"

        findings = stale(first=recent)

        assert [f.where for f in findings] == ["meta/cycle", "meta/calls"]
        assert findings[0].message == (
            "key result meta/cycle has had no check-in since 2026-01-01 (45 days as of 2026-02-15)"
        )

    def test_a_key_result_that_ignores_the_rule_is_not_counted(self) -> None:
        """Two key results silence it: the one left is named at its place."""
        quiet = ", ignore: [stale-checkins]"

        assert [f.where for f in stale(first=quiet, third=quiet)] == ["meta/cycle"]


@pytest.mark.parametrize("made", registered_rules(), ids=lambda r: r.id)
def test_rule_examples_fire(made: okrkit.Rule) -> None:
    """The example shown for each rule in the reference makes that rule fire."""
    assert made.example is not None, made.id
    plan = okrkit.loads(made.example)
    history = example_history() if made.needs_history else None

    assert made.id in {f.rule for f in okrkit.check(plan, as_of=AS_OF, history=history)}, made.id
