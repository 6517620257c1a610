"""The statement reader: the rules of statements.md, in English and Spanish, in my own cases."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import okrkit
from okrkit import Amount, Direction, Figure, InvalidValueError, Nature, Per, StatementKind
from okrkit.text import Lexicon, read_objective, read_statement, reading_to_dict


def A(value: float, unit: str | None = None) -> Amount:
    return Amount(value, unit)


# text, kind, nature, direction, baseline, target, change, per, share, ambiguous
CASES = [
    # from/to pairs, by the sign and by the verb; a unit written once serves both
    ("Bajar la tasa de abandono del 8% al 5%", "metric", "outcome", "decrease",
     A(8, "percent"), A(5, "percent"), None, None, None, False),
    ("Reducir los días de cobro de 60 a 45 días", "metric", "outcome", "decrease",
     A(60, "day"), A(45, "day"), None, None, None, False),
    ("Grow revenue from €800k to €1.2M", "metric", "outcome", "increase",
     A(800000, "EUR"), A(1200000, "EUR"), None, None, None, False),
    ("Improve win rate from 18% to 25%", "metric", "outcome", "increase",
     A(18, "percent"), A(25, "percent"), None, None, None, False),
    ("Subir la calificación en la tienda de 3,8 a 4,5", "metric", "outcome", "increase",
     A(3.8), A(4.5), None, None, None, False),
    ("Aumentar la facturación de 2,5 millones de euros a 3 millones de euros", "metric",
     "outcome", "increase", A(2500000, "EUR"), A(3000000, "EUR"), None, None, None, False),
    # changes: relative, points, absolute, multiples and halves
    ("Increase ARR by $2M", "metric", "outcome", "increase", None, None, A(2000000, "USD"),
     None, None, False),
    ("Aumentar el ticket promedio en un 10%", "metric", "outcome", "increase", None, None,
     A(10, "percent"), None, None, False),
    ("Increase trial-to-paid conversion by 5 percentage points", "metric", "outcome",
     "increase", None, None, A(5, "percentage_point"), None, None, False),
    ("Reducir la morosidad en 2 puntos porcentuales", "metric", "outcome", "decrease", None,
     None, A(2, "percentage_point"), None, None, False),
    ("Double the pipeline", "metric", "outcome", "increase", None, None, A(100, "percent"),
     None, None, False),
    ("Reducir a la mitad el tiempo de onboarding", "metric", "outcome", "decrease", None, None,
     A(50, "percent"), None, None, False),
    ("Disminuir el tiempo de entrega en 2 días", "metric", "outcome", "decrease", None, None,
     A(2, "day"), None, None, False),
    # percent changes of rates are ambiguous, unless they say points
    ("Aumentar la retención en un 5%", "metric", "outcome", "increase", None, None,
     A(5, "percent"), None, None, True),
    ("Increase win rate by 10%", "metric", "outcome", "increase", None, None,
     A(10, "percent"), None, None, True),
    ("Incrementar la cuota de mercado del 12% al 15%", "metric", "outcome", "increase",
     A(12, "percent"), A(15, "percent"), None, None, None, False),
    # explicit bounds, before and after the amount, and the longest phrase winning
    ("Close at least 20 deals this quarter", "metric", "outcome", "at_least", None,
     A(20, "deal"), None, None, None, False),
    ("Conseguir 50 reseñas positivas o más", "metric", "outcome", "at_least", None,
     A(50, "review"), None, None, None, False),
    ("Spend no more than $5,000 on paid ads each month", "metric", "outcome", "at_most", None,
     A(5000, "USD"), None, "month", None, False),
    ("Gastar no más de 3.000 euros en publicidad", "metric", "outcome", "at_most", None,
     A(3000, "EUR"), None, None, None, False),
    ("Keep the error rate at 1% or less", "metric", "outcome", "at_most", None,
     A(1, "percent"), None, None, None, False),
    ("Mantener la tasa de error inferior al 2%", "metric", "outcome", "at_most", None,
     A(2, "percent"), None, None, None, False),
    ("Despachar los pedidos en menos de 24 horas", "metric", "outcome", "at_most", None,
     A(24, "hour"), None, None, None, False),
    ("Alcanzar una tasa de respuesta mayor a 30%", "metric", "outcome", "at_least", None,
     A(30, "percent"), None, None, None, False),
    # a bound on a qualifier is not the direction
    ("Cerrar 8 tratos nuevos de más de 20.000 dólares cada uno", "metric", "outcome",
     "increase", None, A(8, "deal"), None, None, None, False),
    # keep a level: the metric's polarity decides
    ("Mantener el margen bruto en 40%", "metric", "outcome", "at_least", None,
     A(40, "percent"), None, None, None, False),
    # shares of a population
    ("Resolver el 90% de los tickets en menos de 24 horas", "metric", "outcome", "at_most",
     None, A(24, "hour"), None, None, A(90, "percent"), False),
    ("Answer all chats within 60 seconds", "metric", "outcome", "at_most", None,
     A(60, "second"), None, None, A(100, "percent"), False),
    ("Lograr que el 80% de los clientes renueven su contrato", "metric", "outcome", "increase",
     None, A(80, "percent"), None, None, None, False),
    # rates, and what is not one
    ("Enviar 100 correos de prospección por semana", "metric", "activity", "increase", None,
     A(100, "email"), None, "week", None, False),
    ("Make twenty-five outbound calls a day", "metric", "activity", "increase", None,
     A(25, "call"), None, "day", None, False),
    ("Visit 25 key accounts per month", "metric", "activity", "increase", None,
     A(25, "account"), None, "month", None, False),
    ("Entregar 6 informes, uno en cada trimestre", "metric", "activity", "increase", None,
     A(6, "report"), None, None, None, False),
    # multipliers, spelled-out numbers, language habits for separators
    ("Alcanzar 1.500 usuarios activos mensuales", "metric", "outcome", "increase", None,
     A(1500, "user"), None, None, None, False),
    # a period adjective between a flow's figure and its noun is a rate (as "20k daily sessions")
    ("Reach 50k monthly visitors", "metric", "outcome", "increase", None, A(50000, "visitor"),
     None, "month", None, False),
    ("Raise $3 MM in seed funding", "metric", "outcome", "increase", None,
     A(3000000, "USD"), None, None, None, False),
    ("Facturar 40 mil dólares en el primer mes", "metric", "outcome", "increase", None,
     A(40000, "USD"), None, None, None, False),
    ("Obtener treinta y cinco nuevos distribuidores", "metric", "outcome", "increase", None,
     A(35, "distributor"), None, None, None, False),
    ("Reducir el gasto mensual en USD 5.000", "metric", "outcome", "decrease", None, None,
     A(5000, "USD"), None, None, False),
    # zero is a ceiling
    ("Tener cero incidentes críticos en producción", "metric", "outcome", "at_most", None,
     A(0, "incidente"), None, None, None, False),
    # dates, versions and certifications are not amounts
    ("Launch the new pricing page by March 31", "milestone", "outcome", "achieve",
     None, None, None, None, None, False),
    ("Complete SOC 2 certification", "milestone", "activity", "achieve",
     None, None, None, None, None, False),
    ("Contratar 3 ingenieros de backend antes de junio", "metric", "outcome", "increase", None,
     A(3, "engineer"), None, None, None, False),
    # milestones, tasks and vague statements
    ("Ganar la licitación del Ministerio de Salud", "milestone", "outcome", "achieve",
     None, None, None, None, None, False),
    ("Preparar el plan de capacitación del equipo de ventas", "milestone", "activity",
     "achieve", None, None, None, None, None, False),
    ("Hold a weekly pipeline review with the sales team", "milestone", "activity", "achieve",
     None, None, None, None, None, False),
    ("Fortalecer la relación con los distribuidores", "vague", None, None,
     None, None, None, None, None, False),
    ("Be the best sales team in the region", "vague", None, None,
     None, None, None, None, None, False),
    # activity by the verb or by the counted noun; outcome when signed or won
    ("Raise weekly demos from 10 to 15", "metric", "activity", "increase", A(10, "demo"),
     A(15, "demo"), None, None, None, False),
    ("Conseguir la firma de 4 contratos marco", "metric", "outcome", "increase", None,
     A(4, "contract"), None, None, None, False),
]  # fmt: skip


@pytest.mark.parametrize("case", CASES, ids=lambda case: case[0][:50])
def test_reading(case: tuple) -> None:
    """Each statement reads into the fields the rules say."""
    text, kind, nature, direction, baseline, target, change, per, share, ambiguous = case

    reading = read_statement(text)

    assert (
        kind, nature, direction, baseline, target, change, per, share, ambiguous
    ) == (
        reading.kind.value,
        reading.nature.value if reading.nature else None,
        reading.direction.value if reading.direction else None,
        reading.baseline, reading.target, reading.change,
        reading.per.value if reading.per else None,
        reading.share, reading.ambiguous_percent,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Alcanzar 1.500 usuarios activos mensuales", "es"),
        ("Grow the number of active users to 10,000", "en"),
        ("Generar leads", "es"),
        ("Reducir el ciclo", "es"),
        ("Keep churn low", "en"),
    ],
)
def test_language(text: str, lang: str) -> None:
    """The language is told from its own words, accents and endings."""
    assert lang == read_statement(text).lang


def test_numbers_follow_the_language() -> None:
    """40.000 is forty thousand in Spanish; 18,000 eighteen thousand in English."""
    assert Amount(40000, "customer") == read_statement("Conseguir 40.000 clientes").target
    assert Amount(4.5) == read_statement("Mantener la nota por encima de 4,5").target
    assert Amount(18000, "customer") == read_statement("Win 18,000 customers").target
    assert Amount(4.5) == read_statement("Keep the rating above 4.5").target


def test_the_language_given_breaks_a_tie() -> None:
    """When the words do not tell, the language given (the plan's) is used."""
    assert read_statement("NPS 40", lang="es").lang == "es"
    assert read_statement("NPS 40").lang == "en"


def test_dollar_is_the_plans_currency() -> None:
    """$ means the plan's currency; dólares and USD mean USD; € and euros EUR."""
    assert Amount(5, "MXN") == read_statement("Vender $5 en promedio", currency="MXN").target
    assert Amount(5, "USD") == read_statement("Vender 5 dólares por visita").target
    assert Amount(5, "EUR") == read_statement("Sell 5 € per visit").target


def test_issues() -> None:
    """Statement-only findings: vague, task, ambiguous percent, missing baseline."""
    assert read_statement("Mejorar la comunicación interna").issues == ("not-measurable",)
    assert read_statement("Elaborar el presupuesto comercial").issues == ("kr-is-task",)
    assert read_statement("Aumentar la retención en un 5%").issues == (
        "ambiguous-percent", "missing-baseline",
    )  # fmt: skip
    assert read_statement("Reduce churn from 3% to 5%").issues == ("wrong-direction",)
    assert read_statement("Answer 120% of calls within 2 minutes").issues == (
        "percent-out-of-range",
    )
    assert read_statement("Hit 120% of the quarterly sales quota").issues == ()


@pytest.mark.parametrize(
    "text",
    [
        "Reach 120% of plan",
        "Hit 120% of the quarterly sales target",
        "Achieve 110% of quota",
        "Raise quota attainment from 90% to 115%",
        "Alcanzar el 120% del plan de ventas",
        "Lograr el 105% de la cuota anual",
        "Alcanzar el 110% del objetivo de ventas",
        "Llegar al 120% de cumplimiento",
    ],
)
def test_attainment_percentages_are_told_apart(text: str) -> None:
    """A percent of a plan, a quota or a target is attainment: it may pass 100 %, and
    "del plan" is not a work plan, so the key result is an outcome."""
    reading = read_statement(text)

    assert reading.attainment
    assert reading.nature is Nature.OUTCOME
    assert "attainment" in reading.explain()


@pytest.mark.parametrize(
    "text",
    [
        "Increase conversion rate to 120%",
        "Contact 100% of target accounts",
        "Aumentar la tasa de conversión al 120%",
        "Reach 170 qualified leads per quarter",
    ],
)
def test_shares_and_rates_are_not_attainment(text: str) -> None:
    """A rate, a share of a population, or no percent at all is not attainment."""
    assert not read_statement(text).attainment


def test_explain_names_the_words() -> None:
    """explain() traces each decision to the words that made it."""
    text = read_statement("Mantener el tiempo de respuesta de menos de 5 min").explain()

    assert "direction = at_most ← 'de menos de'" in text
    assert "target = 5 minute" in text


def test_projection_matches_the_contract() -> None:
    """The JSON projection has the contract's fields and quantity shapes."""
    data = reading_to_dict(read_statement("Increase gross margin by 4 percentage points"))

    assert set(data) == {
        "text", "lang", "kind", "nature", "direction", "metric", "baseline", "target",
        "change", "per", "share", "ambiguous_percent", "issues", "baseline_ref", "figures",
    }  # fmt: skip
    assert data["change"] == {"value": 4, "unit": "percent", "kind": "percent", "points": True}


class TestRobustness:
    @given(st.text(max_size=300))
    def test_any_text_gives_a_reading(self, text: str) -> None:
        """Any string, of any script, gives a reading, never an exception."""
        reading = read_statement(text)

        assert reading.text == text
        assert reading.lang in ("en", "es")
        assert reading.kind in StatementKind

    @given(st.binary(max_size=200))
    def test_binary_junk(self, junk: bytes) -> None:
        """Bytes decoded any which way still give a reading."""
        assert read_statement(junk.decode("latin-1")).kind in StatementKind

    @given(
        st.sampled_from(
            [
                "Increase revenue to {n} USD",
                "Increase leads to {n}",
                "Aumentar las ventas de 5 a {n} millones de euros",
                "Reduce the cycle from {n} days to 3 days",
                "Increase calls to {n} per week",
                "Raise NPS by {n}%",
                "Grow sales to ${n}M",
                "Reach {n}x the pipeline",
                "{n}",
                "Increase revenue to 1 {n}",
            ]
        ),
        st.builds(
            lambda lead, size, body, tail: f"{lead}{(body * size)[:size]}{tail}",
            st.integers(1, 9),
            st.integers(309, 1500),
            st.from_regex(r"[0-9]{1,12}", fullmatch=True),
            st.sampled_from(["", ".5", ",25", ".000"]),
        ),
    )
    @settings(max_examples=30)
    def test_numbers_of_hundreds_of_digits_give_a_reading(self, template, digits) -> None:
        """A number past the largest float is no amount, and the reading says it is unclear."""
        reading = read_statement(template.format(n=digits))

        amounts = (reading.baseline, reading.target, reading.change, reading.share)
        assert all(abs(a.value) < float("inf") for a in amounts if a)
        assert "statement-unclear" in reading.issues

    @pytest.mark.parametrize(
        "text",
        [
            "Increase leads to 1" + " billion" * 40,
            "Increase leads to one hundred" + " hundred" * 200,
            "Increase revenue to " + "9" * 305 + " million USD",
            "Increase " + "9" * 310 + " leads to " + "9" * 310 + " leads",
        ],
    )
    def test_multipliers_past_the_largest_float_give_a_reading(self, text) -> None:
        """Scales that multiply a number past the largest float leave it unread, not infinite."""
        reading = read_statement(text)

        amounts = (reading.baseline, reading.target, reading.change, reading.share)
        assert all(abs(a.value) < float("inf") for a in amounts if a)
        assert "statement-unclear" in reading.issues

    @given(st.sampled_from(["o'clock", "follow-ups", "a" * 80, "x" * 65 + "s"]))
    def test_counted_nouns_that_are_no_unit_name_give_a_reading(self, noun) -> None:
        """A word after a number that is no unit name leaves the number without a unit."""
        reading = read_statement(f"Run 12 {noun} a week")

        assert (
            reading.target is None
            or reading.target.unit is None
            or (len(reading.target.unit) <= 64 and "'" not in reading.target.unit)
        )

    def test_a_huge_statement_is_read_from_its_start(self) -> None:
        """A 1 MB statement is read from its first characters and says so."""
        text = "Reducir el ciclo de venta de 35 días a 26 días " + "x" * 1_000_000

        reading = read_statement(text)

        assert reading.target == Amount(26, "day")
        assert "statement-unclear" in reading.issues


class TestReadingPlans:
    def plan(self) -> okrkit.Plan:
        items = [
            okrkit.KeyResult("Generar 170 leads calificados por trimestre", id="leads"),
            okrkit.KeyResult("Reducir el ciclo de venta de 35 días a 26 días", id="ciclo"),
        ]
        goal = okrkit.Objective("Que los clientes nos elijan", id="o", key_results=tuple(items))
        return okrkit.Plan("p", lang="es", objectives=(goal,))

    def test_a_plan_is_read_once(self) -> None:
        """Reading the same plan again gives the very same read plan, and a read
        plan reads as itself: checking a plan twice reads its statements once."""
        from okrkit._text import read_plan  # the checker's first step

        plan = self.plan()
        read = read_plan(plan)

        assert read_plan(plan) is read
        assert read_plan(read) is read
        assert read.objectives[0].key_results[0].target == Amount(170, "lead")
        assert plan.objectives[0].key_results[0].target is None

    def test_an_item_already_read_is_kept(self) -> None:
        """A key result whose reading is current comes back as the same value."""
        from okrkit._text import read_key_result

        read = read_key_result(self.plan().objectives[0].key_results[1], lang="es")

        assert read_key_result(read, lang="es") is read

    def test_a_changed_plan_is_read_again(self) -> None:
        """A plan made from a read one (every change makes a new value) is read anew."""
        from okrkit._text import read_plan

        plan = self.plan()
        read_plan(plan)
        grown = plan.objectives[0].measured_by(
            okrkit.KeyResult("Realizar 20 llamadas cada semana", id="llamadas")
        )
        changed = okrkit.Plan("p", lang="es", objectives=(grown,))

        assert read_plan(changed).objectives[0].key_results[-1].target == Amount(20, "call")


class TestExtending:
    def test_own_words(self) -> None:
        """A team's own nouns change the reading, without editing the package."""
        text = "Aumentar los peritajes de 20 a 30 por semana"
        plain = read_statement(text)
        lexicon = Lexicon.default().extended(
            "es", activity_nouns=["peritajes"], count_nouns={"peritajes": "appraisal"}
        )

        taught = read_statement(text, lexicon=lexicon)

        assert plain.nature is Nature.OUTCOME
        assert plain.target == Amount(30, "peritaje")  # a plural head counts itself
        assert taught.nature is Nature.ACTIVITY
        assert taught.target == Amount(30, "appraisal")
        assert taught.per is Per.WEEK

    def test_own_verbs(self) -> None:
        """A verb taught as a result verb is read as one, where an unknown
        imperative would be read as work."""
        plain = read_statement("Peritar 30 siniestros por semana")
        lexicon = Lexicon.default().extended(
            "es", produce_verbs=["peritar"], count_nouns={"siniestros": "claim"}
        )

        taught = read_statement("Peritar 30 siniestros por semana", lexicon=lexicon)

        assert plain.nature is Nature.ACTIVITY
        assert plain.target == Amount(30, "siniestro")
        assert taught.nature is Nature.OUTCOME
        assert taught.target == Amount(30, "claim")

    def test_own_words_with_accents(self) -> None:
        """Words taught with accents match however the statement writes them."""
        lexicon = Lexicon.default().extended(
            "es", scales={"cuatrillón": 1e24}, count_nouns={"pólizas": "policy"}
        )

        money = read_statement("Lograr 2 cuatrillón de euros en primas", lexicon=lexicon)
        bare = read_statement("Reducir las pólizas pendientes de 300 a 100", lexicon=lexicon)
        plain = read_statement("Reducir las polizas pendientes de 300 a 100", lexicon=lexicon)

        assert money.target == Amount(2e24, "EUR")
        assert bare.baseline == Amount(300, "policy")
        assert bare.target == plain.target == Amount(100, "policy")

    def test_files_written_for_a_lexicon_read_back_equal(self) -> None:
        """A field the team's words would read differently is written out, so the
        file read with those words gives the same plan."""
        lexicon = Lexicon.default().extended("es", activity_verbs=["peritar"])
        item = okrkit.KeyResult("Peritar 30 siniestros por semana", id="k", nature="outcome")
        plan = okrkit.plan("p", period="2026-Q1", lang="es").with_objectives(
            okrkit.objective("Atender bien cada siniestro", id="o").owned_by("v").measured_by(item)
        )

        text = okrkit.dumps(plan, lexicon=lexicon)

        assert "nature: outcome" in text
        assert okrkit.loads(text, lexicon=lexicon) == okrkit.loads(okrkit.dumps(plan))

    def test_unknown_list(self) -> None:
        """Extending a list that does not exist says which lists there are."""
        with pytest.raises(okrkit.InvalidValueError, match="activity_verbs"):
            Lexicon.default().extended("es", activty_verbs=["x"])


class TestObjectives:
    def test_numbers_in_titles(self) -> None:
        """Amounts in an objective's title are found; dates and ordinals are not amounts."""
        assert read_objective("Crecer un 20% en el tercer trimestre").numbers == ("20%",)
        assert read_objective("Win the European market in 2026").numbers == ()

    def test_business_as_usual(self) -> None:
        """Only keeping things as they are is business as usual; keeping and growing is not."""
        assert read_objective("Mantener la cartera actual").business_as_usual == "mantener"
        assert read_objective("Continue the partner program").business_as_usual == "continue"
        assert read_objective("Mantener y ampliar la cartera").business_as_usual is None


class TestWiring:
    def test_kr_reads_its_statement(self) -> None:
        """kr() fills the fields the sentence gives; fields passed explicitly win."""
        made = okrkit.kr("Generar 170 leads calificados por trimestre", owner="ana")
        kept = okrkit.kr("Generar 170 leads calificados por trimestre", per="month")

        assert (made.direction, made.target, made.per) == (
            Direction.INCREASE, Amount(170, "lead"), Per.QUARTER,
        )  # fmt: skip
        assert kept.per is Per.MONTH
        assert made.reading.kind is StatementKind.METRIC

    def test_kr_refuses_unknown_fields(self) -> None:
        """A misspelt field says which one was meant."""
        with pytest.raises(okrkit.InvalidTypeError, match="did you mean 'target'"):
            okrkit.kr("Generar leads", targt="170 lead")

    def test_plan_files_read_statements_and_write_them_back_short(self) -> None:
        """A file's statement fills its key result; writing leaves out what it says."""
        text = (
            "okrkit: 1\nlang: es\nobjectives:\n  - title: Crecer\n    key_results:\n"
            "      - statement: Reducir el ciclo de venta de 35 días a 26 días\n"
        )

        plan = okrkit.loads(text)
        written = okrkit.dumps(plan)

        assert plan.objectives[0].key_results[0].target == Amount(26, "day")
        assert "target" not in written
        assert plan == okrkit.loads(written)


class TestParseCommand:
    def run(self, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "okrkit", "parse", *args],
            input=stdin, capture_output=True, text=True, check=False,
        )  # fmt: skip

    def test_json_lines_from_stdin(self) -> None:
        """With no text, each line of standard input gives one JSON object, in order."""
        done = self.run("--format", "json", stdin="Generar 170 leads\nLaunch the portal\n\n")

        lines = [json.loads(line) for line in done.stdout.splitlines()]
        assert done.returncode == 0
        assert [line["kind"] for line in lines] == ["metric", "milestone", "vague"]

    def test_text_explains(self) -> None:
        """The text format shows the reader's decisions."""
        done = self.run("Reducir el ciclo de venta de 35 días a 26 días")

        assert "direction = decrease" in done.stdout


def test_figures_keep_every_amount_with_its_role() -> None:
    """Each figure written keeps its text, amount and role, in the API and the JSON."""
    reading = read_statement("Reducir el ciclo de venta de 35 días a 26 días")

    assert reading.figures == (
        Figure("35 días", Amount(35, "day"), "baseline"),
        Figure("26 días", Amount(26, "day"), "target"),
    )
    assert reading_to_dict(reading)["figures"][1] == {
        "text": "26 días", "value": 26, "unit": "day", "kind": "duration", "role": "target",
    }  # fmt: skip


def test_a_figure_refuses_a_role_it_does_not_know() -> None:
    """A figure's role is one of the contract's roles, named when it is not."""
    with pytest.raises(InvalidValueError, match=r"Figure\.role"):
        Figure("5", Amount(5), "guess")
