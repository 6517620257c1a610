"""The checker: each rule fires where it should and stays silent elsewhere; reports and policies."""

from __future__ import annotations

import datetime as dt
import json

import pytest

import okrkit
from okrkit import Link, Policy, Report, Severity


def clean_objective(key: str = "meta", **changes) -> okrkit.Objective:
    objective = (
        okrkit.objective("Cumplir la meta de ventas del trimestre", id=key)
        .owned_by("ventas")
        .during("2026-Q1")
        .measured_by(
            okrkit.reduce("ciclo de venta", from_="35 day", to="26 day").with_id(f"{key}-ciclo"),
            okrkit.increase("ingresos", from_="500000 USD", to="575000 USD").with_id(
                f"{key}-ingresos"
            ),
            okrkit.increase("llamadas", to="20 call", per="week")
            .with_id(f"{key}-llamadas")
            .as_activity(),
        )
    )
    return objective if not changes else okrkit.Objective(**{**_fields(objective), **changes})


def _fields(objective: okrkit.Objective) -> dict:
    import attrs

    return {f.name: getattr(objective, f.name) for f in attrs.fields(type(objective)) if f.init}


def rules_of(plan: okrkit.Plan, **options) -> list[tuple[str, str]]:
    return [(f.rule, f.where) for f in okrkit.check(plan, select=RULES, **options)]


RULES = [
    "no-key-results", "missing-owner", "duplicate-id", "unknown-reference",
    "missing-period", "causal-cycle",
]  # fmt: skip


class TestStructureRules:
    def test_a_clean_plan_has_no_findings(self) -> None:
        """A well-formed plan gives no finding from the structure rules."""
        assert rules_of(okrkit.plan("p").with_objectives(clean_objective())) == []

    def test_no_key_results(self) -> None:
        """An objective without key results is an error at the objective."""
        plan = okrkit.plan("p").with_objectives(clean_objective(key_results=()))

        assert rules_of(plan) == [("no-key-results", "meta")]

    def test_missing_owner(self) -> None:
        """An objective without an owner is an error at the objective."""
        plan = okrkit.plan("p").with_objectives(clean_objective(owner=None))

        assert rules_of(plan) == [("missing-owner", "meta")]

    def test_duplicate_ids(self) -> None:
        """Two objectives, or two key results, with one id are reported at the second."""
        first = clean_objective("meta")
        second = clean_objective("otra").measured_by(okrkit.kr("Otra", id="meta-ciclo"))
        plan = okrkit.plan("p").with_objectives(first, second, clean_objective("meta"))

        found = rules_of(plan)

        assert ("duplicate-id", "otra/meta-ciclo") in found
        assert ("duplicate-id", "meta") in found

    def test_unknown_references(self) -> None:
        """A parent or a link end that names nothing is reported at its place."""
        plan = (
            okrkit.plan("p")
            .with_objectives(clean_objective("a"), clean_objective("b", parent="nada"))
            .linked(Link("a-llamadas", "a-ingresos"), Link("a-llamadas", "fantasma"))
        )

        assert rules_of(plan) == [("unknown-reference", "b"), ("unknown-reference", "links[1]")]

    def test_references_by_objective_and_kr(self) -> None:
        """A link may name a key result as objective-id/kr-id."""
        plan = (
            okrkit.plan("p")
            .with_objectives(clean_objective("a"))
            .linked(Link("a/a-llamadas", "a/a-ingresos"))
        )

        assert rules_of(plan) == []

    def test_a_parent_must_be_an_objective(self) -> None:
        """A parent that names a key result is an unknown reference."""
        plan = okrkit.plan("p").with_objectives(
            clean_objective("a"), clean_objective("b", parent="a-ciclo")
        )

        assert rules_of(plan) == [("unknown-reference", "b")]


class TestTimeAndCausality:
    def test_missing_period(self) -> None:
        """An objective with no period, in a plan with none, is an error."""
        plan = okrkit.plan("p").with_objectives(clean_objective(period=None))

        assert rules_of(plan) == [("missing-period", "meta")]
        assert rules_of(plan.during("2026-Q1")) == []

    def test_alignment_cycle(self) -> None:
        """Objectives whose parents go round are one cycle, named in order."""
        plan = okrkit.plan("p").with_objectives(
            clean_objective("a", parent="b"),
            clean_objective("b", parent="c"),
            clean_objective("c", parent="a"),
        )

        found = okrkit.check(plan, select=["causal-cycle"])

        assert [f.where for f in found] == ["a"]
        assert "a → b → c → a" in found.findings[0].message

    def test_link_cycle_through_key_results(self) -> None:
        """A link from an objective back to one of its own key results closes a cycle."""
        plan = (
            okrkit.plan("p").with_objectives(clean_objective("a")).linked(Link("a", "a-llamadas"))
        )

        found = okrkit.check(plan, select=["causal-cycle"])

        assert "a → a/a-llamadas → a" in found.findings[0].message

    def test_self_parent(self) -> None:
        """An objective that is its own parent is a cycle of one."""
        plan = okrkit.plan("p").with_objectives(clean_objective("a", parent="a"))

        assert rules_of(plan) == [("causal-cycle", "a")]

    def test_long_alignment_chain_without_cycle(self) -> None:
        """A 3,000-level chain of parents is checked without recursion."""
        objectives = [clean_objective("o0")] + [
            clean_objective(
                f"o{i}", parent=f"o{i - 1}", key_results=clean_objective().key_results[:0]
            ).measured_by(okrkit.kr("x", id=f"k{i}", target=1))
            for i in range(1, 3000)
        ]

        assert okrkit.check(
            okrkit.plan("p").with_objectives(*objectives), select=["causal-cycle"]
        ).ok

    def test_cycle_at_the_end_of_a_long_chain(self) -> None:
        """A chain that feeds a cycle: the cycle is found, the chain is not part of it."""
        objectives = [clean_objective("x", parent="y"), clean_objective("y", parent="x")] + [
            clean_objective(f"o{i}", parent="x" if i == 0 else f"o{i - 1}") for i in range(500)
        ]
        found = okrkit.check(okrkit.plan("p").with_objectives(*objectives), select=["causal-cycle"])

        assert [f.where for f in found] == ["x"]
        assert "x → y → x" in found.findings[0].message


class TestReportAndPolicy:
    def plan(self) -> okrkit.Plan:
        return okrkit.plan("p").with_objectives(
            clean_objective("a", owner=None), clean_objective("b", owner=None, period=None)
        )

    def test_filter_count_and_json(self) -> None:
        """A report filters by rule, severity and place, counts, and renders the CLI's JSON."""
        report = okrkit.check(self.plan(), select=RULES)

        assert len(report.filter(rule="missing-owner")) == 2
        assert len(report.filter(where="b")) == 2
        assert report.summary() == {"error": 3, "warning": 0, "info": 0}
        assert report.by_rule() == {"missing-owner": 2, "missing-period": 1}
        data = json.loads(report.to_json())
        assert set(data) == {"findings", "summary"}
        assert set(data["findings"][0]) == {
            "file",
            "rule",
            "severity",
            "where",
            "line",
            "message",
            "hint",
        }

    def test_compare_reports(self) -> None:
        """Comparing two reports shows what a change fixed and what it introduced."""
        before = okrkit.check(self.plan())
        after = okrkit.check(
            okrkit.plan("p").with_objectives(
                clean_objective("a"), clean_objective("b", period=None)
            )
        )

        fixed, introduced = after.compare(before)

        assert [f.rule for f in fixed] == ["missing-owner", "missing-owner"]
        assert len(introduced) == 0

    def test_a_finding_says_how_to_silence_it(self) -> None:
        """Where a finding is about an objective, ignore: goes there; else in the policy."""
        plan = okrkit.plan("p").with_objectives(clean_objective("a", owner=None))
        owner = okrkit.check(plan, select=["missing-owner"]).findings[0]
        linked = plan.linked(Link("a-llamadas", "fantasma"))
        link = okrkit.check(linked, select=["unknown-reference"]).findings[0]

        assert owner.suppression == "ignore: [missing-owner] on a"
        assert link.where == "links[0]"
        assert link.suppression == "policy: {ignore: [unknown-reference]} in the plan"
        spanish = okrkit.check(plan, select=["missing-owner"], lang="es").to_text()
        assert "para silenciarlo: ignore: [missing-owner] en a" in spanish

    def test_one_bad_percent_is_one_finding(self) -> None:
        """A typed metric's percent is judged by its type's range alone; an untyped one
        by the 0..100 % rule."""
        typed = okrkit.increase("tasa de conversión", from_="60 %", to="120 %", id="k").of_type(
            okrkit.metrics.metric_type("percentage")
        )
        untyped = okrkit.increase("tasa de conversión", from_="60 %", to="120 %", id="k")
        both = ["percent-out-of-range", "target-out-of-range"]

        def found(item: okrkit.KeyResult) -> list[str]:
            plan = okrkit.plan("p", period="2026-Q1").with_objectives(
                okrkit.objective("x", id="o").owned_by("v").measured_by(item)
            )
            return [f.rule for f in okrkit.check(plan, select=both)]

        assert found(typed) == ["target-out-of-range"]
        assert found(untyped) == ["percent-out-of-range"]

    def test_a_rule_made_by_hand_runs_like_any_other(self) -> None:
        """A Rule built directly (no ``why``) registers, runs and reports."""

        def check(ctx):
            for place, _objective in ctx.objectives():
                yield ctx.hit(place)

        made = okrkit.rules.Rule(
            "every-objective-noted", "info", check, {"en": "{where} noted"}, {"en": "none"}
        )
        okrkit.rules.register_rule(made)
        try:
            found = okrkit.check(self.plan(), select=["every-objective-noted"])
        finally:
            okrkit.rules.unregister_rule("every-objective-noted")

        assert made.why == {"en": ""}
        assert [f.message for f in found] == ["a noted", "b noted"]

    def test_suppressions(self) -> None:
        """ignore: on an objective silences one rule there only."""
        plan = okrkit.plan("p").with_objectives(
            clean_objective("a", owner=None).ignoring("missing-owner"),
            clean_objective("b", owner=None),
        )

        assert rules_of(plan) == [("missing-owner", "b")]

    def test_policy_turns_rules_off_and_up(self) -> None:
        """A policy can switch a rule off or change its severity."""
        plan = self.plan()

        assert not okrkit.check(plan, policy=Policy(severities={"missing-owner": "off"})).filter(
            rule="missing-owner"
        )
        lowered = okrkit.check(plan, policy=Policy(severities={"missing-owner": "info"}))
        assert {f.severity for f in lowered.filter(rule="missing-owner")} == {Severity.INFO}

    def test_messages_in_spanish(self) -> None:
        """lang='es' gives Spanish messages and hints."""
        report = okrkit.check(self.plan(), lang="es", select=["missing-owner"])

        assert report.findings[0].message == "el objetivo a no tiene responsable"
        assert "añade owner:" in report.findings[0].hint

    def test_lines_come_from_the_file(self) -> None:
        """A plan read from a file gives each finding its line."""
        text = okrkit.dumps(self.plan())

        report = okrkit.check(okrkit.loads(text, name="p.yaml"), select=["missing-owner"])

        assert [f.file for f in report] == ["p.yaml", "p.yaml"]
        assert all(isinstance(f.line, int) for f in report)

    def test_as_of_text(self) -> None:
        """as_of may be a date or its ISO text; nonsense is refused."""
        assert isinstance(okrkit.check(self.plan(), as_of="2026-02-15"), Report)
        assert isinstance(okrkit.check(self.plan(), as_of=dt.date(2026, 2, 15)), Report)
        with pytest.raises(okrkit.InvalidValueError):
            okrkit.check(self.plan(), as_of="mañana")
