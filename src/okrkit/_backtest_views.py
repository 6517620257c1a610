"""A backtest shown to people: text for a terminal and Markdown, in English or
Spanish, figures written in the view's language (``0.174``; ``0,174``)."""

from __future__ import annotations

import textwrap

from okrkit._amount import written_for
from okrkit._escape import markdown as _md
from okrkit._history._backtest import Backtest, BacktestRow, Forecaster
from okrkit._history._calibration import GroupStatus
from okrkit._history._predictive import MIN_POINTS, ProbabilityStatus
from okrkit._history_views import (
    columns,
    figure,
    left_out_line,
    markdown_header,
    markdown_opening,
)
from okrkit._plural import plural


__all__ = ["backtest_markdown", "backtest_text"]

_WORDS = {
    "en": {
        "title": "Backtest", "as_of": "as of",
        "cut": "each window cut at {share} %, the forecast by {method}",
        "summary": "{ended}, {compared} forecast",
        "ended_forms": "# key result ended|# key results ended",
        "not_forecast": "Not forecast: {reasons}.",
        ProbabilityStatus.NOT_ENOUGH_DATA: (
            "# with fewer than {least} points before the cut|"
            "# with fewer than {least} points before the cut"
        ),
        ProbabilityStatus.MILESTONE: "# milestone|# milestones",
        ProbabilityStatus.NO_TARGET: "# without a target|# without a target",
        ProbabilityStatus.NOT_FINITE: "# without a finite figure|# without a finite figure",
        "forecaster": "forecaster", "key_results": "key results", "brier": "Brier",
        "forecast_brier": "forecast's Brier", "difference": "forecast − it",
        "interval": "95 % interval", "to": "to",
        Forecaster.FORECAST: "forecast", Forecaster.PACING: "pacing",
        Forecaster.PACE_SHARE: "pace share", Forecaster.CONFIDENCE: "confidence",
        "increments": "increments", "trend": "trend", "bootstrap": "bootstrap",
        "pooled": "pooled increments",
        "not_enough": "not enough data (at least {least})",
        "reading": "Brier: the mean of (probability − outcome)², lower is better (saying 50 % "
        "every time scores 0.25). Each row is compared with the forecast on the key "
        "results both foretold: below 0, the forecast did better.",
        "none": "no key result had ended",
    },
    "es": {
        "title": "Prueba retrospectiva", "as_of": "al",
        "cut": "cada ventana cortada al {share} %, el pronóstico por {method}",
        "summary": "{ended}, {compared} con pronóstico",
        "ended_forms": "# resultado clave terminado|# resultados clave terminados",
        "not_forecast": "Sin pronóstico: {reasons}.",
        ProbabilityStatus.NOT_ENOUGH_DATA: (
            "# con menos de {least} puntos antes del corte|"
            "# con menos de {least} puntos antes del corte"
        ),
        ProbabilityStatus.MILESTONE: "# hito|# hitos",
        ProbabilityStatus.NO_TARGET: "# sin meta|# sin meta",
        ProbabilityStatus.NOT_FINITE: "# sin una cifra finita|# sin una cifra finita",
        "forecaster": "pronosticador", "key_results": "resultados clave", "brier": "Brier",
        "forecast_brier": "Brier del pronóstico", "difference": "pronóstico − este",
        "interval": "intervalo del 95 %", "to": "a",
        Forecaster.FORECAST: "pronóstico", Forecaster.PACING: "ritmo",
        Forecaster.PACE_SHARE: "parte del ritmo", Forecaster.CONFIDENCE: "confianza",
        "increments": "incrementos", "trend": "tendencia", "bootstrap": "remuestreo",
        "pooled": "incrementos agrupados",
        "not_enough": "datos insuficientes (al menos {least})",
        "reading": "Brier: la media de (probabilidad − resultado)², mejor cuanto más bajo "
        "(decir 50 % siempre da 0,25). Cada fila se compara con el pronóstico en los "
        "resultados clave que ambos pronosticaron: por debajo de 0, el pronóstico acertó más.",
        "none": "ningún resultado clave había terminado",
    },
}  # fmt: skip


class _View:
    def __init__(self, result: Backtest) -> None:
        self.result = result
        self.lang = result.lang
        self.words: dict[object, str] = _WORDS[result.lang]  # type: ignore[assignment]

    def number(self, value: float | None) -> str:
        return figure(value, self.lang, missing="")

    def heading(self) -> str:
        result, w = self.result, self.words
        share = written_for(f"{result.cut * 100:g}", self.lang)
        summary = w["summary"].format(
            ended=plural(result.ended, w["ended_forms"]), compared=result.compared
        )
        cut = w["cut"].format(share=share, method=w[result.method.value])
        return f"{w['as_of']} {result.as_of.isoformat()}, {cut}: {summary}"

    def left_out(self) -> list[str]:
        result, w = self.result, self.words
        opened = left_out_line(self.lang, result.open, result.no_period)
        lines = [] if opened is None else [opened]
        counts = result.left_out
        if counts:
            order = list(ProbabilityStatus)
            reasons = [
                plural(counts[status], w[status].format(least=MIN_POINTS))
                for status in order
                if status in counts
            ]
            lines.append(w["not_forecast"].format(reasons=", ".join(reasons)))
        return lines

    def header(self) -> list[str]:
        w = self.words
        return [w["forecaster"], w["key_results"], w["brier"], w["forecast_brier"],
                w["difference"], w["interval"]]  # fmt: skip

    def cells(self, row: BacktestRow) -> list[str]:
        w = self.words
        first = [w[row.forecaster], str(row.key_results)]
        if row.status is GroupStatus.NOT_ENOUGH_DATA:
            return [*first, w["not_enough"].format(least=self.result.min_key_results)]
        if row.forecaster is Forecaster.FORECAST:
            return [*first, self.number(row.brier)]
        span = f"{self.number(row.low)} {w['to']} {self.number(row.high)}"
        return [*first, self.number(row.brier), self.number(row.forecast_brier),
                self.number(row.difference), span]  # fmt: skip


def backtest_text(result: Backtest) -> str:
    """The backtest as ``okrkit backtest`` prints it: what was counted, then a row
    per forecaster."""
    view = _View(result)
    w = view.words
    lines = [f"{w['title'].lower()} {view.heading()}", *view.left_out(), ""]
    if not result.cases:
        return "\n".join([*lines, w["none"]]) + "\n"
    lines += columns([view.header(), *(view.cells(row) for row in result.rows)])
    lines += ["", *textwrap.wrap(w["reading"], width=88)]
    return "\n".join(lines) + "\n"


def backtest_markdown(result: Backtest, *, level: int = 1) -> str:
    """The backtest as a Markdown section headed at *level* (``#`` is 1)."""
    view = _View(result)
    w = view.words
    lines = markdown_opening(w["title"], view.heading(), view.left_out(), level)
    if not result.cases:
        return "\n".join([*lines, _md(w["none"]).capitalize() + "."]) + "\n"
    header = view.header()
    lines += markdown_header(header)
    for row in result.rows:
        cells = view.cells(row)
        cells += [""] * (len(header) - len(cells))
        lines.append("| " + " | ".join(_md(cell) for cell in cells) + " |")
    lines += ["", _md(w["reading"])]
    return "\n".join(lines) + "\n"
