"""The rules that surface what the statement reader was unsure of (rules.md,
Measurability): ``ambiguous-number``, ``statement-unclear`` and the softer
``missing-baseline`` for a baseline named in words."""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest

import okrkit
from okrkit import Amount, Figure, Policy, Severity
from okrkit._cli import main
from okrkit.exceptions import UnknownRuleError
from okrkit.rules import Context, Hit, Place


HEAD = """\
okrkit: 1
period: 2026-Q1
lang: {lang}
objectives:
  - id: meta
    title: Cumplir la meta del trimestre
    owner: ventas
    key_results:
"""


def plan_of(*statements: str, lang: str = "es") -> okrkit.Plan:
    lines = "".join(f"      - {{id: kr{i}, statement: '{s}'}}\n" for i, s in enumerate(statements))
    return okrkit.loads(HEAD.format(lang=lang) + lines)


def findings(plan: okrkit.Plan, rule: str, **options: object) -> list[tuple[str, Severity]]:
    report = okrkit.check(plan, select=[rule], **options)  # type: ignore[arg-type]
    return [(f.where, f.severity) for f in report]


def with_reading(plan: okrkit.Plan, **changes: object) -> okrkit.Plan:
    """The plan with its first key result's reading changed (what the reader would say)."""
    objective = plan.objectives[0]
    first = objective.key_results[0]
    changed = attrs.evolve(first, reading=attrs.evolve(first.reading, **changes))
    items = (changed, *objective.key_results[1:])
    return attrs.evolve(plan, objectives=(attrs.evolve(objective, key_results=items),))


class TestMissingBaseline:
    def test_a_change_with_no_baseline_at_all_is_an_error(self) -> None:
        plan = plan_of("Incrementar el pipeline de ventas en un 75%")

        assert findings(plan, "missing-baseline") == [("meta/kr0", Severity.ERROR)]

    @pytest.mark.parametrize(
        ("statement", "lang", "named"),
        [
            ("Aumentar las ventas un 15% respecto al año pasado", "es", "año pasado"),
            ("Increase signups by 20% compared to last quarter", "en", "last quarter"),
        ],
    )
    def test_a_baseline_named_in_words_is_a_warning_asking_for_its_figure(
        self, statement: str, lang: str, named: str
    ) -> None:
        plan = plan_of(statement, lang=lang)

        report = okrkit.check(plan, select=["missing-baseline"], lang=lang)

        assert [(f.where, f.severity) for f in report] == [("meta/kr0", Severity.WARNING)]
        assert named in report.findings[0].message
        assert named in report.findings[0].hint

    def test_both_languages_ask_for_the_figure(self) -> None:
        plan = plan_of("Increase signups by 20% compared to last quarter", lang="en")

        english = okrkit.check(plan, select=["missing-baseline"], lang="en").findings[0]
        spanish = okrkit.check(plan, select=["missing-baseline"], lang="es").findings[0]

        assert english.message.endswith(
            "changes by 20 % over 'last quarter', but has no baseline figure to apply it to"
        )
        assert english.hint == (
            "add baseline: with the figure for 'last quarter', or write the target itself"
        )
        assert "cambia en 20 % respecto a «last quarter»" in spanish.message
        assert (
            spanish.hint
            == "añade baseline: con la cifra de «last quarter», o escribe la meta misma"
        )

    def test_strict_makes_the_warning_an_error(self) -> None:
        plan = plan_of("Aumentar las ventas un 15% respecto al año pasado")

        assert findings(plan, "missing-baseline", policy="strict") == [("meta/kr0", Severity.ERROR)]

    def test_a_policy_that_lowers_the_rule_lowers_both_cases(self) -> None:
        plan = plan_of(
            "Aumentar las ventas un 15% respecto al año pasado",
            "Incrementar el pipeline de ventas en un 75%",
        )
        policy = Policy().with_options(severities={"missing-baseline": "info"})

        assert findings(plan, "missing-baseline", policy=policy) == [
            ("meta/kr0", Severity.INFO),
            ("meta/kr1", Severity.INFO),
        ]

    def test_a_baseline_given_as_a_field_silences_it(self) -> None:
        plan = okrkit.loads(
            HEAD.format(lang="es") + "      - statement: Aumentar las ventas un 15% respecto "
            "al año pasado\n        baseline: 400 USD\n"
        )

        assert findings(plan, "missing-baseline") == []


class TestAmbiguousNumber:
    def test_a_number_read_two_ways_is_a_warning_that_names_it(self) -> None:
        plan = with_reading(
            plan_of("Conseguir 1,500 leads calificados"), issues=("ambiguous-number",)
        )

        report = okrkit.check(plan, select=["ambiguous-number"], lang="en")
        spanish = okrkit.check(plan, select=["ambiguous-number"], lang="es").findings[0]

        ((finding),) = report.findings
        assert (finding.where, finding.severity) == ("meta/kr0", Severity.WARNING)
        assert finding.message == (
            "key result meta/kr0's statement writes '1,500', which English and Spanish read "
            "differently: okrkit read it as thousands"
        )
        assert finding.hint.startswith("write the thousands without a separator (1500)")
        assert spanish.message == (
            "el enunciado del resultado clave meta/kr0 escribe «1,500», que el inglés y el "
            "español leen distinto: okrkit lo leyó como miles"
        )
        assert spanish.hint.startswith("escribe los miles sin separador (1500)")

    def test_each_number_read_two_ways_is_named_once(self) -> None:
        plan = with_reading(
            plan_of("Grow active users from 1.500 to 2.500 (1.500 today)", lang="en"),
            issues=("ambiguous-number",),
        )

        (finding,) = okrkit.check(plan, select=["ambiguous-number"], lang="en").findings

        assert "writes '1.500', '2.500', which" in finding.message
        assert "read them as thousands" in finding.message

    def test_a_reading_without_the_issue_is_silent(self) -> None:
        assert findings(plan_of("Conseguir 1.500 leads calificados"), "ambiguous-number") == []

    @pytest.mark.parametrize(
        ("statement", "lang"),
        [("Conseguir 1,500 leads calificados", "es"), ("Get 1.500 qualified leads", "en")],
    )
    def test_the_reader_flags_a_number_the_other_language_reads_otherwise(
        self, statement: str, lang: str
    ) -> None:
        plan = plan_of(statement, lang=lang)

        assert plan.objectives[0].key_results[0].target == Amount(1500, "lead")
        assert findings(plan, "ambiguous-number") == [("meta/kr0", Severity.WARNING)]


class TestStatementUnclear:
    def test_it_is_a_warning(self) -> None:
        plan = plan_of("Generar 170 leads " + "y más " * 500)

        assert findings(plan, "statement-unclear") == [("meta/kr0", Severity.WARNING)]

    def test_it_names_a_figure_given_no_role_in_both_languages(self) -> None:
        plan = with_reading(
            plan_of("Generar 170 leads por trimestre (3 veces)"),
            figures=(
                Figure("170 leads", Amount(170, "lead"), "target"),
                Figure("3 veces", Amount(3), "unclear"),
            ),
        )

        english = okrkit.check(plan, select=["statement-unclear"], lang="en").findings
        spanish = okrkit.check(plan, select=["statement-unclear"], lang="es").findings

        assert [f.severity for f in english] == [Severity.WARNING]
        assert english[0].message.endswith(
            "could not be read with confidence: it could give no role to '3 veces'"
        )
        assert spanish[0].message.endswith("no pudo dar un papel a «3 veces»")

    def test_an_issue_with_no_reason_says_the_reader_was_unsure(self) -> None:
        plan = with_reading(plan_of("Generar 170 leads"), issues=("statement-unclear",))

        (finding,) = okrkit.check(plan, select=["statement-unclear"], lang="en").findings

        assert finding.message.endswith(
            "the reader could not tell what it measures or what its figures are"
        )


class TestASofterHit:
    def test_the_ceiling_caps_the_rules_severity_and_strict_still_applies(self) -> None:
        assert Policy().severity_of("missing-baseline", "error", at_most="warning") == (
            Severity.WARNING
        )
        assert Policy().severity_of("missing-baseline", "info", at_most="warning") == (
            Severity.INFO
        )
        assert Policy.preset("strict").severity_of(
            "missing-baseline", "error", at_most="warning"
        ) == (Severity.ERROR)

    def test_a_wrong_ceiling_is_refused_by_name(self) -> None:
        ctx = Context(plan_of("Generar 170 leads"), policy="default", as_of=None)

        with pytest.raises(okrkit.InvalidValueError, match=r"Hit\.at_most\(severity\)"):
            ctx.hit(Place(0, 0)).at_most("gentle")
        with pytest.raises(okrkit.InvalidValueError, match=r"Hit\.ceiling"):
            Hit(Place(0, 0), ceiling="gentle")


class TestTheIdsArePeoplesToo:
    def test_select_and_ignore_know_the_new_id(self) -> None:
        plan = with_reading(
            plan_of("Conseguir 1,500 leads calificados"), issues=("ambiguous-number",)
        )

        assert findings(plan, "ambiguous-number") == [("meta/kr0", Severity.WARNING)]
        assert not okrkit.check(plan, select=["ambiguous-number"], ignore=["ambiguous-number"])
        with pytest.raises(UnknownRuleError) as info:
            okrkit.check(plan, ignore=["ambiguous-numbr"])
        assert info.value.nearest == "ambiguous-number"

    def test_the_command_lists_them_in_spanish(self, capsys: pytest.CaptureFixture[str]) -> None:
        assert main(["rules", "--lang", "es"]) == 0
        listed = {line.split()[0]: line.split()[1] for line in capsys.readouterr().out.splitlines()}

        assert listed["ambiguous-number"] == "aviso"
        assert listed["statement-unclear"] == "aviso"
        assert listed["missing-baseline"] == "error"

    def test_the_command_line_refuses_a_typo_of_it(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        path = tmp_path / "plan.yaml"
        path.write_text(HEAD.format(lang="es") + "      - Generar 170 leads\n", encoding="utf-8")

        assert main(["check", str(path), "--lang", "en", "--select", "ambiguous-numbers"]) == 2
        assert "did you mean 'ambiguous-number'?" in capsys.readouterr().err
