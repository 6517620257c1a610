"""Readable reports of a plan: Markdown for pull requests and wikis, and one
self-contained HTML file (no scripts, no network) with a burn-up chart per key
result drawn from its check-ins against the expected line, and the findings next
to what they are about. In English or Spanish."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from okrkit._amount import amount_for_people, number_for_people, score_for_people, trusted_amount
from okrkit._api import check, score
from okrkit._escape import markdown as _md
from okrkit._escape import markdown_code as _code
from okrkit._fields import of_type, to_date
from okrkit._findings import Finding, Report, about_the_plan
from okrkit._history._calibration import Calibration, calibration, history_plans
from okrkit._history_views import calibration_html, calibration_markdown
from okrkit._html import GRADE_COLOURS, STATUS_COLOURS, badge
from okrkit._html import escape as _e
from okrkit._labels import findings_count, labels
from okrkit._model import Direction, KeyResult, Objective, Plan
from okrkit._period_words import check_lang
from okrkit._policy import Policy
from okrkit._resolve import resolve
from okrkit._score import KeyResultScore, ObjectiveScore, Scorecard, span_fraction
from okrkit._sentence import kr_phrase, okr_sentence
from okrkit.exceptions import OkrkitError


__all__ = ["report_html", "report_markdown"]

_OWN_WORDS = {
    "en": {
        "report": "OKR report", "score": "score", "owner": "owner", "period": "period",
        "kr": "key result", "progress": "progress", "status": "status", "value": "latest",
        "target": "target", "links": "Causality", "because": "because",
        "plan_findings": "Plan findings", "no_period": "no period", "done": "done",
        "open": "not done yet", "summary": "findings",
        "chart": "burn-up: check-ins (solid) against the expected line (dashed) toward "
        "the target",
    },
    "es": {
        "report": "Informe de OKR", "score": "puntuación", "owner": "responsable",
        "period": "periodo", "kr": "resultado clave", "progress": "avance", "status": "estado",
        "value": "último valor", "target": "meta", "links": "Causalidad", "because": "porque",
        "plan_findings": "Hallazgos del plan", "no_period": "sin periodo", "done": "logrado",
        "open": "aún no logrado", "summary": "hallazgos",
        "chart": "evolución: seguimientos (línea continua) frente a la línea esperada "
        "(discontinua) hacia la meta",
    },
}  # fmt: skip


class _Context:
    """Everything one report needs, computed once."""

    def __init__(
        self,
        report: str,
        plan: Plan,
        as_of: dt.date | str,
        lang: str | None,
        policy: Policy | str | None,
        history: Iterable[Plan] | None,
    ) -> None:
        self.plan = plan = of_type(f"{report}(plan)", plan, Plan, "a Plan")
        self.as_of = as_of = to_date("as_of", as_of)
        self.lang = check_lang(plan.lang or "en" if lang is None else lang)
        self.words = labels(self.lang, **_OWN_WORDS)
        chosen = None if policy is None else Policy.coerce(policy, field=f"{report}(policy)")
        self.card: Scorecard = score(plan, as_of=as_of, lang=self.lang, policy=chosen)
        self.findings: Report = check(plan, as_of=as_of, lang=self.lang, policy=chosen)
        self.calibration: Calibration | None = None
        if history is not None:
            self.calibration = calibration(
                history_plans(f"{report}(history)", history), as_of=as_of, lang=self.lang
            )
        self.by_place: dict[str, list[Finding]] = {}
        for finding in self.findings:
            self.by_place.setdefault(finding.where, []).append(finding)

    def take(self, where: str) -> list[Finding]:
        """The findings about *where*, once: when objectives share an id, the first
        one shows them, so a plan of duplicates does not print each finding per copy."""
        return self.by_place.pop(where, [])

    def w(self, key: str) -> str:
        return self.words[key]

    def number(self, value: float) -> str:
        """A score, a progress or an expected pace, in the report's language."""
        return score_for_people(value, self.lang)

    def period_text(self, objective: Objective) -> str:
        period = self.plan.period_of(objective)
        if period is None:
            return self.w("no_period")
        try:
            return self.plan.calendar.describe(period, lang=self.lang)
        except OkrkitError:  # a range no calendar names
            return str(period)


def _compact(value: float, lang: str) -> str:
    """A short number for a chart's axis: 3.5M, 120k, 35; 1 × 10^15 and up as a power
    of ten, as every number that large is said."""
    for size, suffix in ((1e9, "B" if lang == "en" else " mil M"), (1e6, "M"), (1e3, "k")):
        if size <= abs(value) < 1e15:
            return number_for_people(value / size, lang) + suffix
    return number_for_people(value, lang)


def _target(item: KeyResult, context: _Context) -> str:
    if item.direction is Direction.ACHIEVE:
        return context.w("done") if item.done else context.w("open")
    resolved = resolve(item)
    if resolved.target is None:
        return "—"
    unit = resolved.rate_unit
    prefix = {Direction.AT_LEAST: "≥ ", Direction.AT_MOST: "≤ "}.get(
        item.direction or Direction.INCREASE, ""
    )
    return prefix + amount_for_people(trusted_amount(resolved.target, unit), context.lang)


# --- Markdown ------------------------------------------------------------------------


def _bar(score: float, width: int = 10) -> str:
    filled = round(max(0.0, min(1.0, score)) * width)
    return "▰" * filled + "▱" * (width - filled)


def _md_findings(findings: Iterable[Finding], context: _Context) -> list[str]:
    return [
        f"- **{context.w(f.severity.value)}** {_code(f.rule)}: {_md(f.message)} — *{_md(f.hint)}*"
        for f in findings
    ]


def report_markdown(
    plan: Plan,
    *,
    as_of: dt.date | str,
    lang: str | None = None,
    policy: Policy | str | None = None,
    history: Iterable[Plan] | None = None,
) -> str:
    """The plan, its scores and its findings as Markdown, as of a date (or ISO date
    text); *policy* is the base policy :func:`~okrkit.check` and
    :func:`~okrkit.score` take. With *history* (plans of past periods, in order), a
    section on how well their owners' confidence foretold the outcomes
    (:func:`okrkit.history.calibration`, by owner)."""
    context = _Context("report_markdown", plan, as_of, lang, policy, history)
    card = context.card
    counts = context.findings.summary()
    lines = [
        f"# {_md(plan.title or context.w('report'))}",
        "",
        f"{context.w('as_of').capitalize()} {context.as_of.isoformat()} · {context.w('score')} "
        f"**{context.number(card.score)}** ({context.w(card.grade.value)}) · "
        f"{context.w('summary')}: "
        f"{findings_count(counts, context.words)}",
        "",
    ]
    for objective, scored in zip(plan.objectives, card.objectives, strict=True):
        lines += _md_objective(objective, scored, context)
    if plan.links:
        lines += [f"## {context.w('links')}", ""]
        for link in plan.links:
            because = f" — {context.w('because')}: {_md(link.because)}" if link.because else ""
            lines.append(f"- {_code(link.from_)} → {_code(link.to)}{because}")
        lines.append("")
    plan_level = [f for f in context.findings if about_the_plan(f)]
    if plan_level:
        lines += [f"## {context.w('plan_findings')}", "", *_md_findings(plan_level, context), ""]
    if context.calibration is not None:
        lines.append(calibration_markdown(context.calibration, level=2))
    return "\n".join(lines).rstrip() + "\n"


def _md_objective(objective: Objective, scored: ObjectiveScore, context: _Context) -> list[str]:
    w = context.w
    lines = [
        f"## {_md(objective.title)}",
        "",
        f"{_code(scored.id)} · {w('owner')}: {_md(objective.owner or '—')} · {w('period')}: "
        f"{_md(context.period_text(objective))} · {w(objective.commitment.value)}",
        "",
        f"{w('score')} **{context.number(scored.score)}** ({w(scored.grade.value)}) · "
        f"{w('status')}: "
        f"{w(scored.status.value)}"
        + (
            ""
            if scored.expected is None
            else f" · {w('expected')} {context.number(scored.expected)}"
        ),
        "",
        f"> {_md(okr_sentence(objective, lang=context.lang))}",
        "",
    ]
    own = context.take(scored.id)
    if own:
        lines += [*_md_findings(own, context), ""]
    if objective.key_results:
        lines += [
            f"| {w('kr')} | {w('progress')} | {w('expected')} | {w('status')} | {w('value')} "
            f"| {w('target')} |",
            "|---|---|---|---|---|---|",
        ]
        for item, result in zip(objective.key_results, scored.key_results, strict=True):
            expected = "—" if result.expected is None else context.number(result.expected)
            label = _md(kr_phrase(item, lang=context.lang))
            lines.append(
                f"| {_code(result.id, in_table=True)} {label} | {_bar(result.score)} "
                f"{context.number(result.progress)} | {expected} | {w(result.status.value)} | "
                f"{_md(amount_for_people(result.value, context.lang))} | "
                f"{_md(_target(item, context))} |"
            )
        lines.append("")
        for result in scored.key_results:
            found = context.take(f"{scored.id}/{result.id}")
            if found:
                lines += [f"{_code(result.id)}:", "", *_md_findings(found, context), ""]
    return lines


# --- HTML ------------------------------------------------------------------------------

_CSS = """
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:2rem auto;
max-width:60rem;padding:0 1rem;color:#222}
h1{margin-bottom:.2rem}h2{margin:2rem 0 .3rem}
.meta{color:#555}.badge{display:inline-block;padding:.05rem .5rem;border-radius:1rem;
color:#fff;font-size:.8rem;font-weight:600;white-space:nowrap}
.sentence{border-left:3px solid #bbb;margin:.6rem 0;padding:.2rem .8rem;color:#444;
font-style:italic}
table{border-collapse:collapse;width:100%;margin:.6rem 0}
th,td{text-align:left;padding:.35rem .5rem;border-bottom:1px solid #eee;vertical-align:top}
th{font-size:.8rem;color:#666;font-weight:600}
.bar{background:#eee;border-radius:3px;height:.6rem;width:7rem;display:inline-block;
vertical-align:middle;overflow:hidden}.fill{height:100%}
.finding{margin:.2rem 0;font-size:.9rem}.finding code{background:#f4f4f4;padding:0 .2rem}
.sev-error{color:#c0392b}.sev-warning{color:#b9770e}.sev-info{color:#2471a3}
.kr{margin:1rem 0 1.4rem}.kr h3{font-size:1rem;margin:.2rem 0}
svg text{font:10px system-ui,sans-serif;fill:#555}
"""


def _html_findings(findings: Iterable[Finding], context: _Context) -> str:
    return "".join(
        f'<p class="finding sev-{f.severity.value}"><strong>{_e(context.w(f.severity.value))}'
        f"</strong> <code>{_e(f.rule)}</code> {_e(f.message)} — <em>{_e(f.hint)}</em></p>"
        for f in findings
    )


def report_html(
    plan: Plan,
    *,
    as_of: dt.date | str,
    lang: str | None = None,
    policy: Policy | str | None = None,
    history: Iterable[Plan] | None = None,
) -> str:
    """The plan, its scores, charts and findings as one self-contained HTML page, as
    of a date (or ISO date text); *policy* is the base policy :func:`~okrkit.check`
    and :func:`~okrkit.score` take. With *history* (plans of past periods, in
    order), a section on how well their owners' confidence foretold the outcomes,
    with a reliability diagram."""
    context = _Context("report_html", plan, as_of, lang, policy, history)
    card = context.card
    counts = context.findings.summary()
    w = context.w
    title = plan.title or w("report")
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{_e(context.lang)}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(title)}</title><style>{_CSS}</style></head><body>",
        f"<h1>{_e(title)}</h1>",
        f'<p class="meta">{_e(w("as_of").capitalize())} {context.as_of.isoformat()} · '
        f"{_e(w('score'))} <strong>{context.number(card.score)}</strong> "
        f"{badge(w(card.grade.value), GRADE_COLOURS[card.grade.value])} · {_e(w('summary'))}: "
        f"{_e(findings_count(counts, context.words))}</p>",
    ]
    for objective, scored in zip(plan.objectives, card.objectives, strict=True):
        parts.append(_html_objective(objective, scored, context))
    if plan.links:
        items = "".join(
            f"<li><code>{_e(link.from_)}</code> → <code>{_e(link.to)}</code>"
            + (f" — {_e(w('because'))}: {_e(link.because)}" if link.because else "")
            + "</li>"
            for link in plan.links
        )
        parts.append(f"<h2>{_e(w('links'))}</h2><ul>{items}</ul>")
    plan_level = [f for f in context.findings if about_the_plan(f)]
    if plan_level:
        parts.append(f"<h2>{_e(w('plan_findings'))}</h2>{_html_findings(plan_level, context)}")
    if context.calibration is not None:
        parts.append(calibration_html(context.calibration, level=2))
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def _html_objective(objective: Objective, scored: ObjectiveScore, context: _Context) -> str:
    w = context.w
    expected = (
        ""
        if scored.expected is None
        else f" · {_e(w('expected'))} {context.number(scored.expected)}"
    )
    head = (
        f"<h2>{_e(objective.title)}</h2>"
        f'<p class="meta"><code>{_e(scored.id)}</code> · {_e(w("owner"))}: '
        f"{_e(objective.owner or '—')} · {_e(w('period'))}: {_e(context.period_text(objective))}"
        f" · {_e(w(objective.commitment.value))}</p>"
        f"<p>{_e(w('score'))} <strong>{context.number(scored.score)}</strong> "
        f"{badge(w(scored.grade.value), GRADE_COLOURS[scored.grade.value])} "
        f"{badge(w(scored.status.value), STATUS_COLOURS[scored.status.value])}{expected}</p>"
        f'<p class="sentence">{_e(okr_sentence(objective, lang=context.lang))}</p>'
        + _html_findings(context.take(scored.id), context)
    )
    rows = []
    details = []
    for item, result in zip(objective.key_results, scored.key_results, strict=True):
        colour = STATUS_COLOURS[result.status.value]
        width = round(100 * result.score)
        expected_text = "—" if result.expected is None else context.number(result.expected)
        rows.append(
            f"<tr><td><code>{_e(result.id)}</code><br>{_e(kr_phrase(item, lang=context.lang))}</td>"
            f'<td><span class="bar"><span class="fill" style="display:block;width:{width}%;'
            f'background:{colour}"></span></span> {context.number(result.progress)}</td>'
            f"<td>{expected_text}</td><td>{badge(w(result.status.value), colour)}</td>"
            f"<td>{_e(amount_for_people(result.value, context.lang))}</td>"
            f"<td>{_e(_target(item, context))}</td></tr>"
        )
        chart = _burn_up(item, result, context)
        found = _html_findings(context.take(f"{scored.id}/{result.id}"), context)
        if chart or found:
            details.append(
                f'<div class="kr"><h3><code>{_e(result.id)}</code></h3>{chart}{found}</div>'
            )
    table = ""
    if rows:
        table = (
            f"<table><tr><th>{_e(w('kr'))}</th><th>{_e(w('progress'))}</th>"
            f"<th>{_e(w('expected'))}</th><th>{_e(w('status'))}</th><th>{_e(w('value'))}</th>"
            f"<th>{_e(w('target'))}</th></tr>{''.join(rows)}</table>"
        )
    return head + table + "".join(details)


def _burn_up(item: KeyResult, result: KeyResultScore, context: _Context) -> str:
    """An inline SVG: check-ins (solid) against the expected line (dashed), the target,
    and today."""
    if result.window is None or item.direction is Direction.ACHIEVE:
        return ""
    resolved = resolve(item)
    if resolved.target is None:
        return ""
    start, end = result.window
    days = max(1, (end - start).days)
    points = [(d, v) for d, v in resolved.checkins if start <= d <= end]
    base = resolved.baseline
    if base is None:
        base = (
            0.0
            if item.direction is Direction.INCREASE
            else (points[0][1] if points else resolved.target)
        )
    values = [base, resolved.target, *(v for _, v in points)]
    low, high = min(values), max(values)
    width, height, left, right, top, bottom = 380, 150, 58, 10, 10, 22

    def x(day: dt.date) -> float:
        return left + (width - left - right) * (day - start).days / days

    def y(value: float) -> float:
        # low..high fills the plot but for 8 % of its height at each end; the share
        # is worked out so that no range of finite values overflows to NaN
        share = 0.0 if high == low else span_fraction(value, low, high)
        return top + (height - top - bottom) * (1.08 - share) / 1.16

    shapes = [
        f'<rect x="{left}" y="{top}" width="{width - left - right}" '
        f'height="{height - top - bottom}" fill="#fafafa" stroke="#ddd"/>',
        f'<line x1="{left}" x2="{width - right}" y1="{y(resolved.target):.1f}" '
        f'y2="{y(resolved.target):.1f}" stroke="#2e8b57" stroke-width="1"/>',
    ]
    if item.direction in (Direction.INCREASE, Direction.DECREASE):
        shapes.append(
            f'<line x1="{x(start):.1f}" y1="{y(base):.1f}" x2="{x(end):.1f}" '
            f'y2="{y(resolved.target):.1f}" stroke="#999" stroke-dasharray="4 3"/>'
        )
    if start <= context.as_of <= end:
        shapes.append(
            f'<line x1="{x(context.as_of):.1f}" x2="{x(context.as_of):.1f}" y1="{top}" '
            f'y2="{height - bottom}" stroke="#bbb" stroke-dasharray="1 2"/>'
        )
    track = [(start, base)] if resolved.baseline is not None else []
    track += [(d, v) for d, v in points if d <= context.as_of]
    if track:
        path = " ".join(f"{x(d):.1f},{y(v):.1f}" for d, v in track)
        shapes.append(f'<polyline points="{path}" fill="none" stroke="#2471a3" stroke-width="2"/>')
        shapes += [
            f'<circle cx="{x(d):.1f}" cy="{y(v):.1f}" r="2.5" fill="#2471a3"/>' for d, v in track
        ]
    shapes += [
        f'<text x="{left - 4}" y="{y(resolved.target) + 3:.1f}" text-anchor="end">'
        f"{_e(_compact(resolved.target, context.lang))}</text>",
        f'<text x="{left - 4}" y="{y(base) + 3:.1f}" text-anchor="end">'
        f"{_e(_compact(base, context.lang))}</text>",
        f'<text x="{left}" y="{height - 6}">{start.isoformat()}</text>',
        f'<text x="{width - right}" y="{height - 6}" text-anchor="end">{end.isoformat()}</text>',
    ]
    label = _e(
        f"{context.w('chart')} ({context.w('target')}: "
        f"{amount_for_people(trusted_amount(resolved.target, resolved.rate_unit), context.lang)})"
    )
    return (
        f'<svg role="img" aria-label="{label}" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}"><title>{label}</title>{"".join(shapes)}</svg>'
    )
