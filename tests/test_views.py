"""Notebook views: each says what it shows, and in one language."""

from __future__ import annotations

import re

import pytest

import okrkit
from okrkit import increase, objective
from okrkit._notebook import text_for


def _shown(html: str) -> str:
    """What a person reads in a view: the text, without the style sheet and tags."""
    return re.sub(r"<[^>]+>", " ", re.sub(r"<style>.*?</style>", "", html))


def _sales(lang: str | None) -> okrkit.Plan:
    first = (
        objective("Crecer en el norte", id="norte", owner="ventas")
        .during("2026-Q1")
        .measured_by(
            increase("ventas", from_="1000 USD", to="1500.5 USD", id="ventas").checked_in(
                "2026-01-15", "1200.25 USD"
            ),
            increase("conversión", from_="27.5%", to="35%", id="conversion"),
        )
    )
    return okrkit.plan("Ventas", lang=lang).with_objectives(first)


class TestShownAlone:
    def test_a_key_result_is_titled_as_one(self) -> None:
        """A key result on its own is headed "Key result", not "Plan"."""
        page = increase("leads", to="100 lead", id="leads")._repr_html_()

        assert "<h4>Key result</h4>" in page
        assert "<h4>Plan</h4>" not in page

    def test_a_key_result_shows_only_findings_about_it(self) -> None:
        """No finding about the objective and plan it was checked in, and its own
        findings name it by its key."""
        vague = okrkit.kr("Mejorar la comunicación con marketing", id="comunicacion")

        shown = _shown(vague._repr_html_())

        assert "not-measurable" in shown
        assert "comunicacion" in shown
        for wrapper in ("missing-owner", "too-few-key-results", "missing-period", "lone/"):
            assert wrapper not in shown
        assert "Resultado clave" in shown  # read as Spanish, shown in Spanish

    @pytest.mark.parametrize("key", ["lone", "alone", "objective"])
    def test_whatever_its_id_a_key_result_is_not_confused_with_its_holder(self, key: str) -> None:
        shown = _shown(increase("leads", to="100 lead", id=key)._repr_html_())

        for wrapper in ("duplicate-id", "missing-owner", "too-few-key-results"):
            assert wrapper not in shown

    def test_a_sound_key_result_shows_no_finding(self) -> None:
        shown = _shown(increase("leads", to="100 lead", id="leads")._repr_html_())

        assert "error" not in shown
        assert "warning" not in shown

    def test_an_objective_keeps_findings_about_itself_only(self) -> None:
        """An objective alone is headed "Objective"; its missing owner is about it,
        but a plan's period or a parent elsewhere in a plan is not."""
        alone = (
            objective("Crecer en el norte", id="norte")
            .aligned_to("empresa")
            .measured_by(increase("leads", to="100 lead", id="leads"))
        )

        page = alone._repr_html_()
        shown = _shown(page)

        assert "<h4>Objective</h4>" in page
        assert "missing-owner" in shown
        assert "too-few-key-results" in shown
        assert "missing-period" not in shown
        assert "unknown-reference" not in shown
        assert "1 key result " in shown


class TestCounts:
    @pytest.mark.parametrize(
        ("lang", "one", "two"),
        [("en", "1 objective ", "2 objectives "), ("es", "1 objetivo ", "2 objetivos ")],
    )
    def test_objectives_are_counted_in_the_plans_language(
        self, lang: str, one: str, two: str
    ) -> None:
        plan = _sales(lang)
        twice = plan.with_objectives(objective("Otro", id="otro", owner="x"))

        assert one in _shown(plan._repr_html_())
        assert two in _shown(twice._repr_html_())
        assert text_for(plan).splitlines()[0].endswith(one.strip())

    def test_key_results_in_the_plain_view(self) -> None:
        plan = okrkit.plan("p").with_objectives(
            objective("Uno", id="uno").measured_by(increase("a", to="1 lead"))
        )

        assert text_for(plan).splitlines()[1] == "  uno: Uno (1 key result)"
        assert text_for(plan.in_language("es")).splitlines()[1] == "  uno: Uno (1 resultado clave)"

    def test_a_reports_repr_counts_in_the_singular(self) -> None:
        plan = okrkit.plan("p", period="2026-Q1").with_objectives(
            objective("Uno", id="uno").measured_by(increase("a", to="1 lead"))
        )

        report = okrkit.check(plan, select=["missing-owner", "too-few-key-results"])

        assert repr(report) == "<Report: 1 error, 1 warning, 0 info>"


class TestOneLanguage:
    def test_a_spanish_plan_is_shown_in_spanish(self) -> None:
        """Labels, grades, statuses, severities and phrases in Spanish; every
        number, percentage and score with the Spanish decimal comma."""
        shown = _shown(_sales("es")._repr_html_())

        for spanish in ("1 objetivo", "según su último seguimiento", "rojo", "en camino",
                        "sin empezar", "aviso", "aumentar ventas", "0,40", "0,20",
                        "1.200,25 USD", "1.500,5 USD", "27,5 %"):  # fmt: skip
            assert spanish in shown, spanish
        for english in ("objectives", "as of", " red", "on track", "not started",
                        "warning", "increase"):  # fmt: skip
            assert english not in shown, english
        assert not re.search(r"\d\.\d{1,2}(?!\d)", shown), "an English decimal point"

    def test_an_english_plan_keeps_the_decimal_point(self) -> None:
        shown = _shown(_sales("en")._repr_html_())

        for english in ("0.40", "1,200.25 USD", "1,500.5 USD", "27.5 %", "on track"):
            assert english in shown, english
        assert not re.search(r"\d,\d{1,2}(?!\d)", shown), "a decimal comma"
