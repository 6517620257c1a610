"""The backtest: a small history worked out by hand (the cut, what each forecaster
said, the Brier scores and differences), what is left out and why, determinism,
what it shows on simulated histories, and the command."""

from __future__ import annotations

import datetime as dt
import json

import pytest

import okrkit
from okrkit.exceptions import InvalidTypeError, InvalidValueError
from okrkit.history import (
    Forecaster,
    GroupStatus,
    ProbabilityStatus,
    backtest,
    forecast,
    simulate,
)
from test_history_views import HISTORY, at_root, run  # noqa: F401 - the same runner and folder


D = dt.date
AFTER = "2026-04-01"  # the day after 2026-Q1
ANY = {"min_key_results": 1}


def weekly(
    key: str, per_week: float, end: float, confidence: dict[int, float] | None = None
) -> okrkit.KeyResult:
    """Leads from 0 toward 100 in 2026-Q1: *per_week* more each week for ten weeks
    (8 January to 12 March), *confidence* stated in the weeks it names, and *end*
    on 31 March."""
    item = okrkit.increase("leads", from_="0 lead", to="100 lead", id=key, owner="ana")
    stated = confidence or {}
    for week in range(10):
        day = D(2026, 1, 8) + dt.timedelta(days=7 * week)
        item = item.checked_in(day, f"{per_week * (week + 1)} lead", confidence=stated.get(week))
    return item.checked_in("2026-03-31", f"{end} lead")


def plan(*items: okrkit.KeyResult, period: str | None = "2026-Q1") -> okrkit.Plan:
    made = okrkit.plan("Q1", period=period) if period else okrkit.plan("Q1")
    return made.with_objectives(
        okrkit.objective("Grow", id="grow", owner="sales").measured_by(*items)
    )


# a: on pace, achieved; b: on pace, then stalls and misses; c: behind, then a late surge.
A = weekly("a", 10, 100, {3: 0.7, 5: 0.8, 7: 0.1})
B = weekly("b", 10, 60, {3: 0.5})
C = weekly("c", 5, 100)


# --- a history worked out by hand ---------------------------------------------------------


def test_the_cut_hides_what_came_after_it() -> None:
    """Q1 has 90 days: half is 45, so the cut is 15 February and the check-ins of
    8 January to 12 February (six) are seen; the confidence of 26 February (week
    7, 0.1) is not, so a's latest is that of 12 February (week 5, 0.8)."""
    result = backtest(plan(A, B, C), as_of=AFTER, **ANY)
    a, b, c = result.cases

    assert [case.cut for case in result.cases] == [D(2026, 2, 15)] * 3
    assert [case.seen for case in result.cases] == [6, 6, 6]
    assert (a.confidence, b.confidence, c.confidence) == (0.8, 0.5, None)
    assert (a.achieved, b.achieved, c.achieved) == (True, False, True)
    assert a.forecast == forecast(A, period="2026-Q1", as_of="2026-02-14").probability


def test_what_each_forecaster_said() -> None:
    """Each series is a straight line from 0 (no scatter), so the forecast is sure:
    a and b project 10/7 a day to 127 by 31 March (1), c 5/7 a day to 63.6 (0).
    Pacing is judged at the latest check-in, 12 February (day 42): 43 of 90 days
    gone, 0.478. a and b are at 0.6, on pace (1; share 1); c at 0.3 is behind
    (0; share 0.3 / 0.478 = 0.628)."""
    a, b, c = backtest(plan(A, B, C), as_of=AFTER, **ANY).cases

    assert (a.forecast, b.forecast, c.forecast) == (1.0, 1.0, 0.0)
    assert (a.pacing, b.pacing, c.pacing) == (1.0, 1.0, 0.0)
    assert (a.pace_share, b.pace_share) == (1.0, 1.0)
    assert c.pace_share == pytest.approx(0.3 / (43 / 90))
    assert all(case.status is ProbabilityStatus.ESTIMATED for case in (a, b, c))


def test_brier_scores_and_differences_by_hand() -> None:
    """Outcomes 1, 0, 1. Forecast and pacing both say 1, 1, 0: Brier (0 + 1 + 1) / 3.
    Pace share: (0 + 1 + (1 − 0.628)²) / 3. Confidence, stated for a and b only:
    ((0.8 − 1)² + 0.5²) / 2 = 0.145, beside the forecast's (0 + 1) / 2 = 0.5 on
    those two: a difference of 0.355, from the gaps −0.04 and 0.75."""
    result = backtest(plan(A, B, C), as_of=AFTER, **ANY)
    share = 0.3 / (43 / 90)

    assert result.row("forecast").brier == pytest.approx(2 / 3)
    pacing = result.row(Forecaster.PACING)
    assert (pacing.brier, pacing.forecast_brier, pacing.difference) == pytest.approx(
        (2 / 3, 2 / 3, 0)
    )
    assert (pacing.low, pacing.high) == (0.0, 0.0)
    assert result.row("pace_share").brier == pytest.approx((1 + (1 - share) ** 2) / 3)
    confidence = result.row("confidence")
    assert confidence.key_results == 2
    assert confidence.brier == pytest.approx(0.145)
    assert confidence.forecast_brier == pytest.approx(0.5)
    assert confidence.difference == pytest.approx(0.355)
    assert confidence.low is not None
    assert confidence.high is not None
    assert -0.04 - 1e-12 <= confidence.low <= confidence.difference <= confidence.high <= 0.75


def test_a_deadline_cuts_its_own_window() -> None:
    """Due 28 February: a window of 59 days, 29 seen, so the cut is 30 January."""
    result = backtest(plan(weekly("a", 10, 100).due("2026-02-28")), as_of=AFTER, **ANY)

    assert result.cases[0].cut == D(2026, 1, 30)
    assert result.cases[0].seen == 4


def test_what_is_left_out_is_counted() -> None:
    """A milestone, a key result with too few check-ins before the cut, a quarter
    still open and a plan without a period: none is forecast, each is counted."""
    milestone = okrkit.achieve("Launch", id="launch").checked_in("2026-01-10", "0", confidence=0.5)
    sparse = (okrkit.increase("leads", to="10 lead", id="sparse")
              .checked_in("2026-01-20", "2 lead").checked_in("2026-03-31", "9 lead"))  # fmt: skip
    history = [
        plan(A, milestone, sparse),
        plan(weekly("later", 10, 100), period="2026-Q2"),
        plan(weekly("nowhen", 10, 100), period=None),
    ]

    result = backtest(history, as_of=AFTER, **ANY)

    assert (result.ended, result.compared, result.open, result.no_period) == (3, 1, 1, 1)
    assert result.left_out == {
        ProbabilityStatus.MILESTONE: 1,
        ProbabilityStatus.NOT_ENOUGH_DATA: 1,
    }
    assert result.row("forecast").key_results == 1
    assert result.to_dict()["key_results"] == {
        "ended": 3, "forecast": 1, "open": 1, "no_period": 1,
        "left_out": {"not_enough_data": 1, "milestone": 1},
    }  # fmt: skip


def test_below_the_minimum_a_row_shows_its_count_only() -> None:
    result = backtest(plan(A, B, C), as_of=AFTER)  # at least 10 by default

    for row in result.rows:
        assert row.status is GroupStatus.NOT_ENOUGH_DATA
        assert row.brier is None
        assert row.difference is None
    assert [row.key_results for row in result.rows] == [3, 3, 3, 2]
    assert "not enough data (at least 10)" in result.to_text()


def test_nothing_ended_yet() -> None:
    english = backtest(plan(A), as_of="2026-03-01")
    spanish = backtest(plan(A), as_of="2026-03-01", lang="es")

    assert (english.ended, english.open) == (0, 1)
    assert english.to_text() == (
        "backtest as of 2026-03-01, each window cut at 50 %, the forecast by pooled "
        "increments: 0 key results ended, 0 forecast\n"
        "Left out: 1 key result still open, 0 without a period.\n\n"
        "no key result had ended\n"
    )
    assert spanish.to_markdown() == (
        "# Prueba retrospectiva\n\n"
        "Al 2026-03-01, cada ventana cortada al 50 %, el pronóstico por incrementos agrupados: "
        "0 resultados clave terminados, 0 con pronóstico.\n\n"
        "Fuera: 1 resultado clave aún abierto, 0 sin periodo.\n\n"
        "Ningún resultado clave había terminado.\n"
    )


# --- determinism, arguments --------------------------------------------------------------------


def test_the_same_arguments_give_the_same_backtest() -> None:
    history = simulate(teams=1, quarters=2, seed=5).plans

    for method in ("increments", "bootstrap", "pooled"):
        first = backtest(history, as_of="2027-01-01", method=method, seed=3, resamples=300)
        again = backtest(history, as_of="2027-01-01", method=method, seed=3, resamples=300)
        assert first == again
        assert first.to_json() == again.to_json()


def test_another_seed_draws_another_interval_not_another_brier() -> None:
    history = simulate(teams=2, quarters=2, seed=5).plans

    one = backtest(history, as_of="2027-01-01", seed=1)
    two = backtest(history, as_of="2027-01-01", seed=2)

    assert [row.brier for row in one.rows] == [row.brier for row in two.rows]
    assert [row.low for row in one.rows] != [row.low for row in two.rows]


@pytest.mark.parametrize(
    ("options", "error"),
    [
        ({"cut": 0.0}, InvalidValueError),
        ({"cut": 1.0}, InvalidValueError),
        ({"cut": "half"}, InvalidTypeError),
        ({"method": "guess"}, InvalidValueError),
        ({"seed": None}, InvalidTypeError),
        ({"resamples": 5}, InvalidValueError),
        ({"min_key_results": 0}, InvalidValueError),
        ({"lang": "fr"}, InvalidValueError),
        ({"as_of": "yesterday"}, InvalidValueError),
    ],
)
def test_wrong_arguments_are_refused_by_name(options: dict[str, object], error: type) -> None:
    arguments: dict[str, object] = {"as_of": AFTER, **options}
    with pytest.raises(error):
        backtest(plan(A), **arguments)  # type: ignore[arg-type]


def test_plans_are_needed() -> None:
    with pytest.raises(InvalidTypeError, match=r"backtest\(plans"):
        backtest("q1.yaml", as_of=AFTER)  # type: ignore[arg-type]


# --- on simulated histories ----------------------------------------------------------------


def test_on_simulated_histories_the_forecast_beats_pacing() -> None:
    """Three histories (192 key results): the forecast's Brier score is below
    pacing's, both conversions, and the whole interval of the difference too."""
    history = [p for seed in range(3) for p in simulate(seed=seed).plans]

    result = backtest(history, as_of="2027-01-01")

    assert result.compared == 192
    for other in ("pacing", "pace_share"):
        row = result.row(other)
        assert row.high is not None
        assert row.high < 0


# --- views and the command ---------------------------------------------------------------------


def test_views_in_both_languages() -> None:
    english = backtest(plan(A, B, C), as_of=AFTER, **ANY).to_text()
    spanish = backtest(plan(A, B, C), as_of=AFTER, lang="es", **ANY).to_text()

    assert english.splitlines()[:7] == [
        "backtest as of 2026-04-01, each window cut at 50 %, the forecast by pooled "
        "increments: 3 key results ended, 3 forecast",
        "",
        "forecaster  key results  Brier  forecast's Brier  forecast − it    95 % interval",
        "forecast              3  0.667",
        "pacing                3  0.667             0.667          0.000   0.000 to 0.000",
        "pace share            3  0.379             0.667          0.287   0.000 to 0.862",
        "confidence            2  0.145             0.500          0.355  -0.040 to 0.750",
    ]
    assert spanish.splitlines()[:7] == [
        "prueba retrospectiva al 2026-04-01, cada ventana cortada al 50 %, el pronóstico por "
        "incrementos agrupados: 3 resultados clave terminados, 3 con pronóstico",
        "",
        "pronosticador    resultados clave  Brier  Brier del pronóstico  pronóstico − este"
        "  intervalo del 95 %",
        "pronóstico                      3  0,667",
        "ritmo                           3  0,667                 0,667              0,000"
        "       0,000 a 0,000",
        "parte del ritmo                 3  0,379                 0,667              0,287"
        "       0,000 a 0,862",
        "confianza                       2  0,145                 0,500              0,355"
        "      -0,040 a 0,750",
    ]
    markdown = backtest(plan(A, B, C), as_of=AFTER, **ANY).to_markdown(level=2)
    assert markdown.startswith("## Backtest\n")
    assert "| confidence | 2 | 0.145 | 0.500 | 0.355 | -0.040 to 0.750 |" in markdown
    assert "| forecast | 3 | 0.667 |  |  |  |" in markdown


@pytest.mark.usefixtures("at_root")
class TestCommand:
    def test_json_is_the_api_s_document(self) -> None:
        status, out, err = run("backtest", *HISTORY, "--as-of", "2027-01-05", "--format", "json",
                               "--cut", "0.75", "--seed", "4")  # fmt: skip
        found = backtest([okrkit.load(path) for path in HISTORY], as_of="2027-01-05", cut=0.75,
                         seed=4)  # fmt: skip

        assert (status, err) == (0, "")
        assert json.loads(out) == json.loads(found.to_json())

    def test_text_and_markdown(self) -> None:
        status, out, _ = run("backtest", *HISTORY, "--as-of", "2027-01-05")
        assert status == 0
        assert out.startswith("backtest as of 2027-01-05, each window cut at 50 %")

        status, out, _ = run("backtest", *HISTORY, "--as-of", "2027-01-05", "--format",
                             "markdown", "--lang", "es")  # fmt: skip
        assert status == 0
        assert out.startswith("# Prueba retrospectiva\n")

    def test_a_file_that_cannot_be_read_stops_it(self) -> None:
        status, out, err = run("backtest", HISTORY[0], "missing.yaml", "--as-of", "2027-01-05")

        assert status == 2
        assert out == ""
        assert "missing.yaml" in err

    @pytest.mark.parametrize(
        ("arguments", "said"),
        [(["--cut", "1"], "--cut"), (["--cut", "half"], "--cut"), (["--cut", "nan"], "--cut"),
         (["--cut", "\uff10.5"], "--cut"), (["--cut", "0_5"], "--cut"),
         (["--method", "oracle"], "--method"), (["--seed", "1.5"], "--seed"),
         (["--seed", "-1"], "--seed"), (["--seed", str(2**64)], "--seed"),
         (["--min-key-results", "0"], "--min-key-results")],
    )  # fmt: skip
    def test_bad_usage_is_status_two(self, arguments: list[str], said: str) -> None:
        status, out, err = run("backtest", HISTORY[0], *arguments)

        assert status == 2
        assert out == ""
        assert said in err

    def test_standard_input_is_read_once(self) -> None:
        status, _, err = run("backtest", "-", "-", "--lang", "es")

        assert status == 2
        assert "okrkit backtest: la entrada estándar (-) solo se puede leer una vez" in err
