"""One language per output: Spanish messages, scores and reports say nothing in
English and write decimals with a comma; English ones stay English; and numbers
too large or too small for digits are written as powers of ten wherever people
read them, while JSON and plan files keep them exact."""

from __future__ import annotations

import json
import pickle
import re
from pathlib import Path

import pytest

import okrkit
from okrkit import _amount as amounts
from okrkit._cli import main
from okrkit._notebook import text_for
from okrkit._plural import plural
from okrkit._reference import EXAMPLE_AS_OF, example_history
from okrkit._render_text import score_text
from okrkit._report import report_html, report_markdown
from okrkit.rules import registered_rules


BUILT_IN = [r for r in registered_rules() if r.category != "custom"]
SPOKEN = list(BUILT_IN)
"""The rules whose examples fire today (a rule waiting for the reader is an xfail)."""

# English words that give an English piece away inside a Spanish sentence; a word
# followed by a colon is a plan-file key a Spanish hint names on purpose (objectives:).
ENGLISH = re.compile(
    r"\b(percent|plain number|no unit|no period|days?|weeks?|months?|hours?|calls?|"
    r"objectives?|key results?|hint|should|above|below|covered|outside|states)\b(?!:)",
    re.IGNORECASE,
)
SPANISH = re.compile(
    r"\b(resultados? clave|objetivos?|días|llamadas|sugerencia|meta|línea base|sin unidad)\b",
    re.IGNORECASE,
)
DOT_DECIMAL = re.compile(r"\d\.\d(?!\d\d(?!\d))|\d\.\d\d\d\d")
"""A dot between digits that is not a thousands mark (a dot before exactly three digits)."""
COMMA_DECIMAL = re.compile(r"\d,\d(?!\d\d(?!\d))|\d,\d\d\d\d")

# Plans that make rules speak of decimals, units and missing things the examples of
# the rule reference do not: each must make its rule fire.
_HEAD = "okrkit: 1\nperiod: 2026-Q1\nobjectives:\n"
MORE = {
    "missing-baseline": _HEAD + "  - id: m\n    title: Vender\n    owner: v\n    key_results:\n"
    "      - {metric: pipeline, direction: increase, change: 7.5 %}\n",
    "target-equals-baseline": _HEAD + "  - id: m\n    title: Vender\n    owner: v\n"
    "    key_results:\n      - {metric: ciclo, direction: decrease, baseline: 12.5 day, "
    "target: 12.5 day}\n",
    "wrong-direction": _HEAD + "  - id: m\n    title: Vender\n    owner: v\n    key_results:\n"
    "      - {metric: llamadas, direction: increase, baseline: 1500.5 call/week, "
    "target: 20.25 call/week}\n",
    "unit-mismatch": _HEAD + "  - id: m\n    title: Vender\n    owner: v\n    key_results:\n"
    "      - metric: ciclo\n        target: 26.5\n        checkins:\n"
    "          - {date: 2026-02-01, value: 30.5 day}\n",
    "percent-out-of-range": _HEAD + "  - id: m\n    title: Vender\n    owner: v\n"
    "    key_results:\n      - {metric: tasa, direction: increase, baseline: 60.5 %, "
    "target: 120.5 %}\n",
    "target-out-of-range": _HEAD + "  - id: m\n    title: Vender\n    owner: v\n"
    "    key_results:\n      - {metric: NPS, type: nps, direction: increase, baseline: 40.5, "
    "target: 140.5}\n",
    "too-many-objectives": "okrkit: 1\nobjectives:\n"
    + "".join(
        f"  - {{id: o{i}, title: Crecer {i}, owner: ana, key_results: [Generar 40 leads]}}\n"
        for i in range(6)
    ),
    "coverage-gap": "okrkit: 1\nperiod: 2026-Q2\nobjectives:\n  - id: ingresos\n"
    "    title: Obtener ingresos de 1.5 USD\n    owner: v\n    key_results:\n"
    "      - {metric: ventas, direction: increase, target: 0.75 USD}\n",
}


# What the last finding of each rule in MORE says, in each language.
SAID = [
    ("es", "wrong-direction", "1.500,5 llamadas/semana"),
    ("es", "wrong-direction", "20,25 llamadas/semana"),
    ("en", "wrong-direction", "1,500.5 call/week"),
    ("es", "missing-baseline", "cambia en 7,5 %"),
    ("es", "target-equals-baseline", "meta 12,5 días"),
    ("es", "unit-mismatch", "está en un número sin unidad"),
    ("es", "unit-mismatch", "seguimientos (días)"),
    ("en", "unit-mismatch", "is in a plain number"),
    ("es", "percent-out-of-range", "120,5 %"),
    ("es", "target-out-of-range", "140,5"),
    ("es", "too-many-objectives", "6 objetivos sin periodo"),
    ("es", "coverage-gap", "fija 1,5 USD"),
]


def _findings(rule: okrkit.Rule, lang: str) -> list[okrkit.Finding]:
    """What *rule* says, in *lang*, on its reference example and on its plan in MORE."""
    texts = [t for t in (rule.example, MORE.get(rule.id)) if t is not None]
    history = example_history() if rule.needs_history else None
    found = []
    for text in texts:
        report = okrkit.check(okrkit.loads(text), as_of=EXAMPLE_AS_OF, lang=lang, select=[rule.id],
                              history=history)  # fmt: skip
        assert report.findings, f"{rule.id} does not fire on {text!r}"
        found += report.findings
    return found


class TestEveryRuleSpeaksOneLanguage:
    def test_every_built_in_rule_has_a_plan_it_fires_on(self) -> None:
        assert all(r.example is not None for r in BUILT_IN), "a rule without an example"
        assert set(MORE) <= {r.id for r in BUILT_IN}

    @pytest.mark.parametrize("rule", SPOKEN, ids=lambda r: r.id)
    def test_spanish_messages_and_hints_hold_no_english(self, rule: okrkit.Rule) -> None:
        for finding in _findings(rule, "es"):
            for text in (finding.message, finding.hint):
                assert not ENGLISH.search(text), (rule.id, text)
                assert not DOT_DECIMAL.search(text), (rule.id, text)

    @pytest.mark.parametrize("rule", SPOKEN, ids=lambda r: r.id)
    def test_english_messages_and_hints_hold_no_spanish(self, rule: okrkit.Rule) -> None:
        """Titles and ids come from the (Spanish) examples; only okrkit's words count."""
        for finding in _findings(rule, "en"):
            for text in (finding.message, finding.hint):
                own = text.replace(finding.where, "")
                own = re.sub(r"'[^']*'|«[^»]*»|\([^)]*\)$", "", own)  # quoted plan text
                assert not SPANISH.search(own), (rule.id, text)
                assert not COMMA_DECIMAL.search(own), (rule.id, text)

    def test_the_numbers_of_a_message_are_said_in_its_language(self) -> None:
        """The decimals MORE writes come back with the language's mark and unit words."""
        said = {
            lang: {r.id: _findings(r, lang)[-1].message for r in BUILT_IN if r.id in MORE}
            for lang in ("en", "es")
        }

        for lang, rule, piece in SAID:
            assert piece in said[lang][rule], (lang, rule, said[lang][rule])

    def test_the_command_line_speaks_spanish_around_the_messages(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        path = tmp_path / "plan.yaml"
        path.write_text(MORE["wrong-direction"], encoding="utf-8")

        main(["check", str(path), "--lang", "es", "--as-of", "2026-02-15"])
        out = capsys.readouterr().out

        assert "sugerencia:" in out
        assert not ENGLISH.search(out.replace(str(path), "")), out
        assert not DOT_DECIMAL.search(out), out

    def test_a_float_in_a_custom_rule_keeps_its_format_spec(self) -> None:
        """A number a rule formats itself ({share:.1f}) is formatted as it asks; a bare
        {share} is said in the message's language."""
        message = {"en": "{share} or {share:.3f}", "es": "{share} o {share:.3f} ({share!r})"}

        en, es = said_by_a_custom_rule(message, [1234.5])

        assert es == ["1.234,5 o 1234.500 (1234.5)"]
        assert en == ["1,234.5 or 1234.500"]


def said_by_a_custom_rule(
    message: dict[str, str], shares: list[float]
) -> tuple[list[str], list[str]]:
    """What a rule with *message* says in English and Spanish, one hit per share."""

    @okrkit.rule("share-said", severity="info", message=message, hint="-")
    def share_said(ctx):  # type: ignore[no-untyped-def]
        for share in shares:
            yield ctx.hit(okrkit.rules.Place(), share=share)

    try:
        plan = okrkit.plan("p")
        said = [
            [f.message for f in okrkit.check(plan, select=["share-said"], lang=lang)]
            for lang in ("en", "es")
        ]
    finally:
        okrkit.rules.unregister_rule("share-said")
    return said[0], said[1]


def _spanish_plan(target: str = "1e300 deal", value: str = "2.5e299 deal") -> okrkit.Plan:
    text = f"""\
okrkit: 1
lang: es
period: 2026-Q1
objectives:
  - id: crecer
    title: Crecer
    owner: ventas
    key_results:
      - id: ventas
        metric: ventas
        baseline: 0.000001 deal
        target: {target}
        checkins:
          - {{date: 2026-01-15, value: {value}}}
      - id: tiempo
        metric: tiempo
        direction: decrease
        baseline: 12.5 day
        target: 0.0000003 day
        checkins:
          - {{date: 2026-01-15, value: 3.25 day}}
"""
    return okrkit.loads(text)


LONG_NUMBER = re.compile(r"\d[\d.,]{20,}")


class TestHugeAndTinyNumbers:
    @pytest.mark.parametrize(
        ("value", "lang", "said"),
        [
            (1e300, "en", "1 × 10^300"),
            (-2.5e299, "es", "-2,5 × 10^299"),
            (1e15, "en", "1 × 10^15"),
            (999_999_999_999_999.0, "en", "999,999,999,999,999"),
            (3e-7, "es", "3 × 10^-7"),
            (0.004, "en", "4 × 10^-3"),
            (0.005, "en", "0.01"),
            (-0.0, "en", "0"),
            (1234.5, "es", "1.234,5"),
            (0.5, "es", "0,5"),
        ],
    )
    def test_a_number_for_people(self, value: float, lang: str, said: str) -> None:
        assert amounts.number_for_people(value, lang) == said

    def test_a_score_keeps_two_decimals_until_it_is_huge(self) -> None:
        assert amounts.score_for_people(0.5, "es") == "0,50"
        assert amounts.score_for_people(2.5e299, "en") == "2.5 × 10^299"

    def test_amounts_in_spanish_name_units_in_spanish(self) -> None:
        amount, amount_for_people = okrkit.Amount, amounts.amount_for_people
        assert amount_for_people(amount(1, "day"), "es") == "1 día"
        assert amount_for_people(amount(35.5, "day"), "es") == "35,5 días"
        assert amount_for_people(amount(20, "call/week"), "es") == "20 llamadas/semana"
        assert amount_for_people(amount(20, "call/week"), "en") == "20 call/week"
        assert amount_for_people(amount(7.5, "percent"), "es") == "7,5 %"
        assert amount_for_people(amount(3, "lead"), "es") == "3 lead"  # as written
        assert amount_for_people(amount(2, "percent/week"), "en") == "2 %/week"
        assert amount_for_people(amount(9.5, "km/hour"), "es") == "9,5 km/hora"

    def test_every_spanish_unit_word_reads_back_as_its_unit(self) -> None:
        """The words Spanish output uses for a unit are words the reader takes for it."""
        from okrkit._units import ALIASES

        words_of = amounts._UNIT_WORDS_ES
        for unit, words in words_of.items():
            for word in words:
                assert ALIASES[word] == unit, (unit, word)
        spanish_aliases = {u for w, u in ALIASES.items() if not w.isascii() or w.endswith("s")}
        assert spanish_aliases - {"USD", "EUR", "percent", "percentage_point"} <= set(words_of)

    def test_score_text_reports_and_views_write_powers_of_ten(self) -> None:
        plan = _spanish_plan()
        card = okrkit.score(plan, as_of="2026-02-01")
        shown = {
            "score text": score_text(card, lang="es"),
            "markdown": report_markdown(plan, as_of="2026-02-01"),
            "html": report_html(plan, as_of="2026-02-01"),
            "notebook": plan._repr_html_(),
            "scorecard": card._repr_html_(),
        }

        for name, text in shown.items():
            assert not LONG_NUMBER.search(text), name
            words = re.sub(r"<style>.*?</style>|<[^>]*>", " ", text, flags=re.DOTALL)  # no CSS
            assert not DOT_DECIMAL.search(words), name
        assert "2,5 × 10^299 tratos" in shown["score text"]
        assert "1 × 10^300 tratos" in shown["markdown"]
        assert "3 × 10^-7 días" in shown["markdown"]  # the target, not rounded to 0
        assert "0,000001 tratos" in shown["markdown"]

    def test_json_and_plan_files_keep_every_digit(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        plan = _spanish_plan(target="1.2345678901234568e17 deal", value="1e300 deal")
        path = tmp_path / "plan.yaml"
        okrkit.dump(plan, path)

        main(["score", str(path), "--as-of", "2026-02-01", "--format", "json"])
        data = json.loads(capsys.readouterr().out)

        assert okrkit.load(path) == plan
        assert "1.2345678901234568e+17 deal" in path.read_text(encoding="utf-8")
        assert "1e+300 deal" in path.read_text(encoding="utf-8")
        assert data["objectives"][0]["key_results"][0]["value"] == {"value": 1e300, "unit": "deal"}


class TestScorecardLanguage:
    def test_a_scorecard_speaks_its_plans_language(self) -> None:
        card = okrkit.score(_spanish_plan(), as_of="2026-02-01")

        html, text = card._repr_html_(), text_for(card)

        assert card.lang == "es"
        for spanish in ("Al 2026-02-01", "amarillo", "en camino", "0,50"):
            assert spanish in html, spanish
        assert "plan al 2026-02-01: 0,50 amarillo" in text
        for english in ("As of", "yellow", "on track"):
            assert english not in html, english

    def test_score_takes_a_language_as_check_does(self) -> None:
        plan = _spanish_plan()

        card = okrkit.score(plan, as_of="2026-02-01", lang="en")

        assert card.lang == okrkit.check(plan, lang="en").lang == "en"
        assert "As of 2026-02-01" in card._repr_html_()
        assert okrkit.score(plan.in_language("en"), as_of="2026-02-01").lang == "en"
        with pytest.raises(okrkit.InvalidValueError, match=r"en \| es"):
            okrkit.score(plan, as_of="2026-02-01", lang="fr")

    def test_the_language_survives_pickling(self) -> None:
        card = okrkit.score(_spanish_plan(), as_of="2026-02-01")

        again = pickle.loads(pickle.dumps(card))

        assert again == card
        assert again.lang == "es"


# A plan that makes rules count to one: one key result, one check-in outside the
# period, one day without a check-in, one value in a unit that does not convert;
# and, with a limit of one, two objectives and two key results.
_ONE = """\
okrkit: 1
period: 2026-Q1
objectives:
  - id: a
    title: Crecer
    owner: ana
    key_results:
      - id: k
        metric: ciclo
        direction: decrease
        baseline: 3 lead
        target: 20 day
        checkins:
          - {date: 2026-01-05, value: 25 day}
          - {date: 2026-04-01, value: 21 day}
  - id: b
    title: Vender
    owner: ana
    key_results: [Generar 10 leads, Generar 20 leads]
"""
_ONE_DAY = _ONE.replace("period: 2026-Q1", "period: 2026-01-05..2026-01-05")
_LIMITS = okrkit.Thresholds(
    stale_after_days=0, max_objectives_per_owner=1, max_key_results=1, min_key_results=1
)
AGREES = [
    ("en", "period-too-short", "lasts 1 day,"),
    ("es", "period-too-short", "dura 1 día,"),
    ("en", "checkin-outside-period", "has 1 check-in dated"),
    ("es", "checkin-outside-period", "tiene 1 seguimiento con fecha"),
    ("en", "stale-checkins", "(1 day as of"),
    ("es", "stale-checkins", "(1 día al"),
    ("en", "unit-mismatch", "its baseline (lead) does not convert"),
    ("es", "unit-mismatch", "línea base (lead) no se convierte"),
    ("en", "too-many-objectives", "choose the one that matters most"),
    ("es", "too-many-objectives", "elige el que más importa"),
    ("en", "too-many-key-results", "keep the one that best shows"),
    ("es", "too-many-key-results", "quédate con el que mejor muestra"),
    ("en", "too-many-key-results", "has 2 key results;"),
    ("es", "too-many-key-results", "tiene 2 resultados clave;"),
    ("en", "too-few-key-results", "has 1 key result;"),
    ("es", "too-few-key-results", "tiene 1 resultado clave;"),
]


class TestAgreement:
    """Words agree with the numbers next to them: one key result, two key results;
    un seguimiento, dos seguimientos. No message writes "(s)"."""

    @pytest.mark.parametrize(("lang", "rule", "said"), AGREES)
    def test_a_rule_says_one_and_many_as_they_are(self, lang: str, rule: str, said: str) -> None:
        limits = _LIMITS if rule != "too-few-key-results" else okrkit.Thresholds()
        plan = okrkit.loads(_ONE_DAY if rule == "period-too-short" else _ONE)

        report = okrkit.check(
            plan,
            as_of="2026-01-06",
            lang=lang,
            select=[rule],
            policy=okrkit.Policy(thresholds=limits),
        )

        said_all = " ".join(f"{f.message} {f.hint}" for f in report)
        assert said in said_all
        assert "(s)" not in said_all

    @pytest.mark.parametrize(
        ("count", "forms", "said"),
        [
            (1, "# key result|# key results", "1 key result"),
            (0, "# key result|# key results", "0 key results"),
            (2, "# seguimiento|# seguimientos", "2 seguimientos"),
            (-1, "# day|# days", "-1 day"),
            (1.0, "# día|# días", "1.0 día"),
            (1.5, "# día|# días", "1.5 días"),
            (1, "does|do", "does"),
            (3, "does|do", "do"),
        ],
    )
    def test_plural(self, count: float, forms: str, said: str) -> None:
        assert plural(count, forms) == said

    def test_a_custom_rule_can_say_both_forms(self) -> None:
        message = {"en": "{share:# day|# days}", "es": "{share:# día|# días} ({share!r})"}

        en, es = said_by_a_custom_rule(message, [1, 2.5])

        assert en == ["1 day", "2.5 days"]
        assert es == ["1 día (1)", "2,5 días (2.5)"]

    def test_messages_outside_rules_agree_too(self, tmp_path: Path) -> None:
        path = tmp_path / "plan.yaml"
        path.write_text(_ONE, encoding="utf-8")

        with pytest.raises(okrkit.PlanFileError, match=r"expected a plan of at most 1 byte,"):
            okrkit.load(path, max_bytes=1)
        with pytest.raises(okrkit.PlanFileError, match=r"got a list of 1 item$"):
            okrkit.loads("okrkit: 1\ntitle: [x]\n")
