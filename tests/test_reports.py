"""Where people look: reports, the causality graph, the OKR sentence, notebook views, frames."""

from __future__ import annotations

import datetime as dt
import html.parser
import re
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings

import okrkit
from okrkit import Link, increase, objective, reduce
from okrkit._cli import main
from readers import assert_dot, assert_mermaid
from strategies import raw_plans


ROOT = Path(__file__).resolve().parent.parent
SALES = ROOT / "examples" / "es" / "meta-de-ventas.yaml"
AS_OF = dt.date(2026, 2, 15)


class _Checker(html.parser.HTMLParser):
    """Collects every URL-like attribute and checks that tags close in order."""

    VOID = frozenset(
        {"meta", "br", "img", "input", "link", "hr", "circle", "line", "rect", "polyline"}
    )

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.urls: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        for name, value in attrs:
            if name in ("src", "href", "xlink:href", "action") and value:
                self.urls.append(value)
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        for name, value in attrs:
            if name in ("src", "href") and value:
                self.urls.append(value)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack, f"</{tag}> closes nothing"
        assert self.stack[-1] == tag, f"</{tag}> closes {self.stack[-1:]}"
        self.stack.pop()


@pytest.fixture(scope="module")
def page() -> str:
    """The HTML report of the seed's sales-target plan."""
    return okrkit.report_html(okrkit.load(SALES), as_of=AS_OF)


class TestHtmlReport:
    def test_it_parses_and_closes_every_tag(self, page: str) -> None:
        """The report is well-formed HTML: every tag it opens, it closes in order."""
        checker = _Checker()
        checker.feed(page)
        checker.close()

        assert checker.stack in (["html"], [])
        assert checker.tags.count("svg") == 4

    def test_it_fetches_nothing(self, page: str) -> None:
        """No script, stylesheet link, image source, font or import: it stands alone."""
        checker = _Checker()
        checker.feed(page)

        assert checker.urls == []
        assert "<script" not in page
        assert not re.search(r"https?://|url\(|@import", page)

    def test_it_shows_scores_findings_and_reasons(self, page: str) -> None:
        """Objectives, key results, findings and link reasons are all there, in Spanish."""
        assert "Cerrar el primer trimestre con la meta de ventas cumplida" in page
        assert "stale-checkins" in page
        assert "en riesgo" in page
        assert "porque" in page

    def test_english(self) -> None:
        """The same plan reports in English when asked."""
        page = okrkit.report_html(okrkit.load(SALES), as_of=AS_OF, lang="en")

        assert "at risk" in page
        assert 'lang="en"' in page


class TestMarkdownReport:
    def test_tables_and_findings(self) -> None:
        """The Markdown report has a table per objective and the findings under it."""
        text = okrkit.report_markdown(okrkit.load(SALES), as_of=AS_OF, lang="en")

        assert "| key result | progress | expected | status | latest | target |" in text
        assert "`pipeline`" in text
        assert "**warning** `stale-checkins`" in text
        assert "2,450,000 USD" in text

    def test_spanish_numbers(self) -> None:
        """Spanish reports write 2.450.000 for two million four hundred fifty thousand."""
        text = okrkit.report_markdown(okrkit.load(SALES), as_of=AS_OF)

        assert "2.450.000 USD" in text
        assert "| resultado clave |" in text

    def test_command(self, tmp_path: Path, capsys) -> None:
        """okrkit report writes Markdown to stdout, or HTML to a file."""
        out = tmp_path / "r.html"

        assert main(["report", str(SALES), "--as-of", "2026-02-15"]) == 0
        assert capsys.readouterr().out.startswith("# ")
        assert main(["report", str(SALES), "--format", "html", "-o", str(out)]) == 0
        assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
        assert main(["report", str(tmp_path / "missing.yaml")]) == 2


WEEKLY = """\
okrkit: 1
period: 2026-Q1
lang: LANG
objectives:
  - id: ventas
    title: Vender más
    owner: ventas
    key_results:
      - id: llamadas
        statement: Make 20 prospecting calls per week
        checkins:
          - {date: 2026-01-20, value: 14 call/week}
          - {date: 2026-02-10, value: 17 call/week}
"""


class TestRates:
    """A key result counted per week reads per week wherever its numbers show."""

    @pytest.mark.parametrize(
        ("lang", "target", "latest"),
        [
            ("en", "20 call/week", "17 call/week"),
            ("es", "20 llamadas/semana", "17 llamadas/semana"),
        ],
    )
    def test_the_report_keeps_the_rate(self, lang: str, target: str, latest: str) -> None:
        plan = okrkit.loads(WEEKLY.replace("LANG", lang))
        markdown = okrkit.report_markdown(plan, as_of=AS_OF)
        page = okrkit.report_html(plan, as_of=AS_OF)

        row = next(line for line in markdown.splitlines() if line.startswith("| `llamadas`"))
        assert row.endswith(f"| {latest} | {target} |")
        assert f"<td>{latest}</td><td>{target}</td>" in page
        assert f"{target})" in page  # the burn-up chart's label

    def test_scores_views_and_json_keep_the_rate(self) -> None:
        plan = okrkit.loads(WEEKLY.replace("LANG", "en"))
        card = okrkit.score(plan, as_of=AS_OF, forecasts=True)
        (item,) = card.objectives[0].key_results

        assert any(line.endswith("  17 call/week") for line in card.to_text().splitlines())
        assert "<td>17 call/week</td>" in plan._repr_html_()
        assert item.to_dict()["value"] == {"value": 17, "unit": "call/week"}
        assert item.forecast is not None
        assert item.forecast.projected is not None
        assert item.forecast.projected.unit == "call/week"


class TestSharedIds:
    def test_findings_about_a_shared_id_are_shown_once(self) -> None:
        """Objectives that share an id (an error) show its findings under the first, once:
        a plan of copies gives a report that grows with the plan, not with its square."""
        copy = objective("Crecer", id="o").owned_by("x").during("2026-Q1")
        plan = okrkit.plan("p").with_objectives(*[copy] * 200)
        report = okrkit.check(plan)
        for text in (
            okrkit.report_markdown(plan, as_of=AS_OF, lang="en"),
            okrkit.report_html(plan, as_of=AS_OF, lang="en"),
        ):
            assert text.count("`no-key-results`") + text.count(
                "<code>no-key-results</code>"
            ) == sum(f.rule == "no-key-results" for f in report)


def big_plan(objectives: int, key_results: int = 3) -> okrkit.Plan:
    items = []
    links = []
    for o in range(objectives):
        krs = [
            increase(f"métrica {o}-{k}", to="10 lead").with_id(f"k{o}-{k}")
            for k in range(key_results)
        ]
        items.append(objective(f"Objetivo {o}", id=f"o{o}").owned_by("x").during("2026-Q1")
                     .measured_by(*krs))  # fmt: skip
        links.append(Link(f"k{o}-0", f"k{o}-1", because="la primera mueve la segunda"))
    return okrkit.plan("Grande").with_objectives(*items).linked(*links)


class TestGraph:
    def test_mermaid(self) -> None:
        """Mermaid shows each objective as a group, activities dashed, links with reasons."""
        plan = okrkit.load(ROOT / "examples" / "en" / "saas-growth.yaml")
        text = okrkit.to_mermaid(plan)

        assert_mermaid(text)
        assert text.startswith("flowchart LR")
        assert text.count("subgraph") == 3
        activities = [k for _o, k in plan.iter_key_results() if k.nature is okrkit.Nature.ACTIVITY]
        dashed = re.findall(r"^    class n\d+_\d+ activity$", text, re.MULTILINE)
        assert len(dashed) == len(activities)
        assert '==>|"' in text

    def test_dot(self) -> None:
        """DOT clusters objectives and labels links with their reasons."""
        text = okrkit.to_dot(big_plan(2))

        assert_dot(text)
        assert text.startswith("digraph okrs {")
        assert text.count("subgraph cluster_") == 2
        assert 'label="la primera mueve la segunda"' in text

    def test_fifty_nodes_stay_readable(self) -> None:
        """At 50 nodes every label is short and every node is declared once."""
        text = okrkit.to_mermaid(big_plan(12, 3))
        declared = re.findall(r"^\s+(n\w+)\[", text, re.MULTILINE)

        assert_mermaid(text)
        assert_dot(okrkit.to_dot(big_plan(12, 3)))

        assert len(declared) == 36
        assert len(set(declared)) == len(declared)
        assert max(len(line) for line in text.splitlines()) < 120

    def test_ids_that_read_alike_stay_apart(self) -> None:
        """Keys that make the same node text (q-1, q_1) are still two nodes."""
        plan = okrkit.plan("p").with_objectives(
            objective("Primero", id="q-1").measured_by(okrkit.kr("Generar 10 leads", id="k")),
            objective("Segundo", id="q_1").measured_by(okrkit.kr("Generar 20 leads", id="k")),
        )

        text = okrkit.to_mermaid(plan)
        declared = re.findall(r"^\s+(n\w+)[\[(]", text, re.MULTILINE)

        assert_mermaid(text)

        assert len(declared) == 4
        assert len(set(declared)) == 4
        assert text.count("subgraph ") == 2

    def test_only_objectives_are_parents(self) -> None:
        """A parent that names a key result is an unknown reference, not an edge; an
        objective that repeats an id aligns from its own node."""
        plan = okrkit.plan("p").with_objectives(
            objective("Primero", id="a").measured_by(okrkit.kr("Generar 10 leads", id="k")),
            objective("Segundo", id="b", parent="k"),
            objective("Tercero", id="a", parent="a"),
        )

        text = okrkit.to_mermaid(plan)

        assert_mermaid(text)
        assert text.count("aligns to") == 1
        assert "n3 -. aligns to .-> n1" in text

    def test_alignment_edges(self) -> None:
        """An objective that aligns to another is drawn with a dotted 'aligns to' arrow."""
        plan = big_plan(2)
        child = attrs_evolve(plan.objectives[1], parent="o0")
        text = okrkit.to_dot(okrkit.plan("p").with_objectives(plan.objectives[0], child))

        assert_dot(text)
        assert 'n2 -> n1 [style=dotted, label="aligns to"];' in text

    def test_command(self, capsys) -> None:
        """okrkit graph prints Mermaid by default and DOT when asked."""
        assert main(["graph", str(SALES)]) == 0
        text = capsys.readouterr().out
        assert text.startswith("flowchart")
        assert_mermaid(text)
        assert main(["graph", str(SALES), "--format", "dot"]) == 0
        text = capsys.readouterr().out
        assert text.startswith("digraph")
        assert_dot(text)


def attrs_evolve(value, **changes):
    import attrs

    return attrs.evolve(value, **changes)


class TestSentence:
    def test_doerr_in_english(self) -> None:
        """I will <objective>, as measured by <key results>."""
        o = objective("Win the mid-market").measured_by(
            reduce("sales cycle", from_="35 day", to="26 day"), okrkit.kr("Sign 12 new customers")
        )

        assert okrkit.okr_sentence(o) == (
            "I will win the mid-market, as measured by reduce sales cycle from 35 day to 26 "
            "day; and sign 12 new customers."
        )

    def test_percent_and_points_read_as_symbols(self) -> None:
        """Percent is written %, percentage points pp, in the words built from fields."""
        o = objective("Keep the customers we have").measured_by(
            okrkit.decrease("monthly churn", by="2 percentage_point"),
            okrkit.increase("trial conversion", from_="20%", to="25%"),
        )

        assert okrkit.okr_sentence(o) == (
            "I will keep the customers we have, as measured by reduce monthly churn by 2 pp; "
            "and increase trial conversion from 20 % to 25 %."
        )

    def test_the_seed_in_spanish(self) -> None:
        """Voy a <resultados clave> para <objetivo>."""
        o = objective("Cumplir la meta del trimestre").measured_by(
            okrkit.kr("Generar 170 leads calificados"),
            okrkit.kr("Reducir el ciclo de venta a 26 días"),
        )

        assert okrkit.okr_sentence(o, lang="es") == (
            "Voy a generar 170 leads calificados y reducir el ciclo de venta a 26 días para "
            "cumplir la meta del trimestre."
        )


class TestNotebook:
    def test_every_kind_has_html(self) -> None:
        """Plans, objectives, key results, reports and scorecards render as HTML."""
        plan = okrkit.load(SALES)
        for value in (
            plan, plan.objectives[0], plan.objectives[0].key_results[0],
            okrkit.check(plan), okrkit.score(plan, as_of=AS_OF),
        ):  # fmt: skip
            page = value._repr_html_()
            assert page.startswith('<div class="okrkit">'), type(value)

    def test_large_plans_stay_small(self) -> None:
        """A plan of 400 objectives shows the first ones and counts the rest."""
        page = big_plan(400)._repr_html_()

        assert "… 380 more objectives" in page
        assert len(page) < 60_000

    @settings(max_examples=40)
    @given(raw_plans())
    def test_never_raises(self, plan: okrkit.Plan) -> None:
        """Whatever the plan, its notebook views render without raising."""
        assert plan._repr_html_()
        for item in plan.objectives:
            assert item._repr_html_()

    def test_plain_text(self) -> None:
        """IPython's plain view is a short outline, not the constructor repr."""
        printed = []

        class Printer:
            def text(self, value: str) -> None:
                printed.append(value)

        big_plan(30)._repr_pretty_(Printer(), False)

        assert printed[0].startswith("Plan Grande: 30 objectives")
        assert printed[0].endswith("… 10 more objectives")


class TestTerminal:
    def test_scores_speak_the_plan_language(self) -> None:
        """okrkit score's text names grades and statuses in the language asked."""
        from okrkit._render_text import score_text

        plan = okrkit.plan("p", period="2026-Q1").with_objectives(
            objective("Crecer", id="o").measured_by(
                okrkit.increase("leads", to="100 lead", id="k").checked_in("2026-01-20", "10 lead")
            )
        )
        card = okrkit.score(plan, as_of="2026-02-15")

        spanish, english = score_text(card, lang="es"), score_text(card, lang="en")

        assert "0,10 rojo" in spanish
        assert "desviado" in spanish
        assert "0.10 red" in english
        assert "off track" in english

    def test_findings_are_counted_alike_everywhere(self) -> None:
        """Terminal, Markdown and notebook views count findings with the same words."""
        from okrkit._notebook import report_html_fragment
        from okrkit._render_text import report_text

        plan = okrkit.plan("p").with_objectives(objective("a"), objective("b"))
        report = okrkit.check(plan, select=["missing-owner"], lang="es")

        assert report_text(report, lang="es").endswith("2 errores, 0 avisos, 0 info\n")
        assert "2 errores, 0 avisos, 0 info" in report_html_fragment(report)


class TestFrames:
    def plan(self) -> okrkit.Plan:
        first = (
            objective("Crecer", id="crecer").owned_by("ana").during("2026-Q1").measured_by(
                increase("leads", to="170 lead", per="quarter").with_id("leads")
                .checked_in("2026-01-20", "60 lead", confidence=0.6, note="buen mes"),
                reduce("ciclo", from_="35 day", to="26 day").with_id("ciclo")
                .checked_in("2026-02-01", "720 hour"),
            )
        )  # fmt: skip
        return okrkit.plan(None).with_objectives(first)

    def test_one_row_per_key_result_with_scores(self) -> None:
        """The key-result frame has one row each, and scores when a date is given."""
        frame = okrkit.to_frame(self.plan(), as_of=AS_OF)

        assert list(frame["key_result"]) == ["leads", "ciclo"]
        assert frame.loc[1, "progress"] == pytest.approx(5 / 9)
        assert frame.loc[0, "target"] == 170
        assert frame.loc[0, "target_unit"] == "lead"

    def test_one_row_per_checkin(self) -> None:
        """The check-in frame holds values as floats, ready to plot."""
        frame = self.plan().to_frame(rows="checkins")

        assert list(frame["value"]) == [60.0, 720.0]
        assert list(frame["unit"]) == ["lead", "hour"]

    def test_round_trip(self) -> None:
        """from_frame rebuilds the plan's objectives, key results and check-ins."""
        plan = self.plan()

        again = okrkit.Plan.from_frame(plan.to_frame(), checkins=plan.to_frame(rows="checkins"))

        assert again.objectives == plan.objectives

    def test_empty_weights_mean_the_default(self) -> None:
        """An empty weight cell, for an objective or a key result, is weight 1."""
        plan = self.plan()
        frame = plan.to_frame()
        frame["objective_weight"] = None
        frame["weight"] = None

        again = okrkit.Plan.from_frame(frame, checkins=plan.to_frame(rows="checkins"))

        assert again.objectives[0].weight == 1.0
        assert [item.weight for item in again.objectives[0].key_results] == [1.0, 1.0]

    def test_without_pandas(self, monkeypatch) -> None:
        """Without pandas installed, the error names the extra to install."""
        monkeypatch.setitem(sys.modules, "pandas", None)

        with pytest.raises(okrkit.exceptions.OptionalDependencyError, match=r"okrkit\[pandas\]"):
            okrkit.to_frame(self.plan())
