"""Plain and coloured text for reports, as ``okrkit check`` prints them.

Every piece of the plan's text (ids, places, messages, values) goes through
``terminal()``: a control character in a plan shows as ``\\x1b``, never acts."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from okrkit._amount import (
    Amount,
    amount_for_people,
    number_for_people,
    percent_for_people,
    score_for_people,
    unit_for_people,
    written_for,
)
from okrkit._escape import file_name, terminal
from okrkit._findings import Report, suppression
from okrkit._labels import findings_count, labels
from okrkit._severity import Severity


if TYPE_CHECKING:
    from okrkit._forecast import Forecast
    from okrkit._reading import Reading
    from okrkit._score import Scorecard


__all__ = ["reading_text", "report_text", "score_text"]

_COLOURS = {Severity.ERROR: "31", Severity.WARNING: "33", Severity.INFO: "36"}
_REPORT_WORDS = {
    "en": {"hint": "hint", "silence": "to silence", "on": "on", "plan": "in the plan"},
    "es": {"hint": "sugerencia", "silence": "para silenciarlo", "on": "en", "plan": "en el plan"},
}  # fmt: skip


def _paint(text: str, code: str, color: bool) -> str:
    return f"\x1b[{code}m{text}\x1b[0m" if color else text


def report_text(report: Report, *, lang: str = "en", color: bool = False) -> str:
    """One block per finding (place, severity, rule, message, hint) and a summary."""
    words = labels(lang, **_REPORT_WORDS)
    lines = []
    for finding in report:
        place = terminal(file_name(finding.file or ""))
        if finding.line is not None:
            place += f":{finding.line}"
        where = terminal(finding.where or "plan")
        severity = _paint(words[finding.severity.value], _COLOURS[finding.severity], color)
        head = f"{place}: " if place else ""
        silence = suppression(finding, on=words["on"], in_plan=words["plan"])
        lines.append(
            f"{head}{severity}[{terminal(finding.rule)}] {where}: {terminal(finding.message)}"
        )
        lines.append(f"    {words['hint']}: {terminal(finding.hint)}")
        lines.append(f"    {words['silence']}: {terminal(silence)}")
    counts = report.summary()
    if not report:
        lines.append(words["no_findings"])
    else:
        lines.append(findings_count(counts, words))
    return "\n".join(lines) + "\n"


_SCORE_WORDS = {
    "en": {"plan": "plan", "none": "no check-in", "trend": "trend",
           "reached": "reaches the target", "due": "next check-in",
           "chance": "chance of reaching the target", "interval": "{level} % interval",
           "too_few": "not enough data (at least {least} points)",
           "key_result": "key result", "progress": "progress", "score": "score",
           "status": "status", "value": "latest value"},
    "es": {"plan": "plan", "none": "sin seguimiento", "trend": "tendencia",
           "reached": "alcanza la meta", "due": "próximo seguimiento",
           "chance": "probabilidad de alcanzar la meta", "interval": "intervalo del {level} %",
           "too_few": "datos insuficientes (al menos {least} puntos)",
           "key_result": "resultado clave", "progress": "avance", "score": "puntuación",
           "status": "estado", "value": "último valor"},
}  # fmt: skip
_COLUMNS = ("key_result", "progress", "score", "expected", "status", "value")
_GRADE_COLOURS = {"red": "31", "yellow": "33", "green": "32"}


def score_text(card: Scorecard, *, lang: str = "en", color: bool = False) -> str:
    """The scores as ``okrkit score`` prints them: the plan, then each objective and
    its key results in aligned columns."""
    words = labels(lang, **_SCORE_WORDS)

    def number(value: float) -> str:
        return score_for_people(value, lang)

    def amount(value: Amount) -> str:
        return amount_for_people(value, lang, decimals=6)

    def grade(text: str, name: str) -> str:
        return _paint(text, _GRADE_COLOURS[name], color)

    lines = [
        f"{words['plan']} {words['as_of']} {card.as_of.isoformat()}: "
        + grade(f"{number(card.score)} {words[card.grade.value]}", card.grade.value)
    ]
    statuses = [words[k.status.value] for o in card.objectives for k in o.key_results]
    width = max((len(terminal(k.id)) for o in card.objectives for k in o.key_results), default=10)
    width = max(width, len(words["key_result"]))
    # progress, score and expected are right-aligned numbers; status and value text
    widths = [max(cells, len(words[name])) for cells, name in
              ((6, "progress"), (5, "score"), (4, "expected"))]  # fmt: skip
    status_width = max([len(words["status"]), *map(len, statuses)])
    head = "  ".join(
        [f"{words['key_result']:<{width}}"]
        + [f"{words[name]:>{w}}" for name, w in zip(_COLUMNS[1:4], widths, strict=True)]
        + [f"{words['status']:<{status_width}}", words["value"]]
    )
    progress_width, score_width, expected_width = widths
    for objective in card.objectives:
        expected = (
            ""
            if objective.expected is None
            else f"  {words['expected']} {number(objective.expected)}"
        )
        lines.append("")
        lines.append(
            f"{terminal(objective.id)}  "
            + grade(
                f"{number(objective.score)} {words[objective.grade.value]}", objective.grade.value
            )
            + f"  {words[objective.status.value]}{expected}"
        )
        lines.append(f"  ({words[objective.commitment.value]})")
        if objective.key_results:
            lines.append(f"  {head}")
        for item in objective.key_results:
            value = words["none"] if item.value is None else terminal(amount(item.value))
            paced = "" if item.expected is None else number(item.expected)
            lines.append(
                f"  {terminal(item.id):<{width}}  {number(item.progress):>{progress_width}}  "
                f"{number(item.score):>{score_width}}  {paced:>{expected_width}}  "
                f"{words[item.status.value]:<{status_width}}  {value}"
            )
            if item.next_checkin is not None:
                lines.append(f"  {'':<{width}}  {words['due']}: {item.next_checkin.isoformat()}")
            trend = item.forecast
            if trend is not None and trend.projected is not None:
                reach = f", {words['reached']} {trend.reached.isoformat()}" if trend.reached else ""
                lines.append(
                    f"  {'':<{width}}  {words['trend']}: {number(trend.projected_score)}{reach}"
                )
            chance = _chance(trend, words, lang)
            if chance:
                lines.append(f"  {'':<{width}}  {words['chance']}: {chance}")
    return "\n".join(lines) + "\n"


def _chance(trend: Forecast | None, words: dict[str, str], lang: str) -> str | None:
    """A forecast's probability and interval for people (``73 % (80 % interval:
    7.38–16.62 leads)``), or why it has none; ``None`` for a milestone."""
    if trend is None or trend.probability_status is None:
        return None
    # check prints its findings with this module and never loads forecasts
    from okrkit._history._predictive import MIN_POINTS, ProbabilityStatus  # noqa: PLC0415

    if trend.probability_status is ProbabilityStatus.NOT_ENOUGH_DATA:
        return words["too_few"].format(least=MIN_POINTS)
    if trend.probability is None or trend.interval is None or trend.level is None:
        return None
    low, high = trend.interval
    level = written_for(f"{trend.level * 100:g}", lang)
    largest = max(abs(low.value), abs(high.value))
    digits = 2 - math.floor(math.log10(largest)) if 0 < largest < 1e15 else 0
    ends = [number_for_people(round(end.value, digits), lang, decimals=max(0, digits))
            for end in (low, high)]  # fmt: skip
    unit = unit_for_people(high.unit, lang, one=False)
    span = terminal(f"{ends[0]}–{ends[1]} {unit}".rstrip())
    interval = words["interval"].format(level=level)
    return f"{percent_for_people(trend.probability, lang)} ({interval}: {span})"


def reading_text(reading: Reading) -> str:
    """A statement's reading as ``okrkit parse`` prints it: what it measures and
    how, each figure with its role and the words it was read from, the issues,
    then every decision of the reader (:meth:`Reading.explain`). The words of the
    statement are quoted; nothing in them acts on a terminal."""
    fields = [("kind", reading.kind.value)]
    fields += [
        (name, value.value)
        for name, value in (("nature", reading.nature), ("direction", reading.direction))
        if value is not None
    ]
    lines = [
        f"{reading.text!r} ({reading.lang})",
        "  metric: " + ("none found" if reading.metric is None else repr(reading.metric)),
        "  " + ", ".join(f"{name}: {value}" for name, value in fields),
    ]
    if reading.per is not None:
        lines.append(f"  per: {reading.per.value}")
    if reading.baseline_ref is not None:
        lines.append(f"  baseline named in words: {reading.baseline_ref!r}")
    lines.append("  figures:" if reading.figures else "  figures: none")
    lines += [
        f"    {figure.role.value} = {figure.amount or 'not read'} ← {figure.text!r}"
        for figure in reading.figures
    ]
    lines.append("  issues: " + (", ".join(reading.issues) or "none"))
    decisions = reading.explain().split("\n")[1:]
    if decisions:
        lines += ["  decisions:", *(f"  {line}" for line in decisions)]
    return "".join(terminal(line) + "\n" for line in lines)
