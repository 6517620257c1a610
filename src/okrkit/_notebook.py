"""How plans, objectives, key results, reports and scores show in a notebook.

Every renderer here is called from a ``_repr_html_`` or ``_repr_pretty_`` method
and must never raise: on any error the object falls back to its plain repr. Large
plans are cut to the first objectives and key results, with a count of the rest.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from okrkit._api import check, score
from okrkit._findings import Finding, Report
from okrkit._html import GRADE_COLOURS, STATUS_COLOURS, badge
from okrkit._html import escape as _e
from okrkit._labels import amount_for_people, findings_count, labels
from okrkit._model import KeyResult, Objective, Plan
from okrkit._score import KeyResultScore, ObjectiveScore, Scorecard
from okrkit._sentence import kr_phrase


__all__ = ["html_for", "text_for"]

MAX_OBJECTIVES = 20
MAX_KEY_RESULTS = 8
MAX_FINDINGS = 30

_STYLE = (
    "<style>.okrkit td,.okrkit th{text-align:left;padding:2px 8px;vertical-align:top}"
    ".okrkit .bar{display:inline-block;width:70px;height:8px;background:#eee;"
    "border-radius:3px;overflow:hidden;vertical-align:middle}.okrkit .fill{display:block;"
    "height:100%}.okrkit .badge{display:inline-block;padding:0 6px;border-radius:8px;"
    "color:#fff;font-size:11px}.okrkit .f{font-size:12px;color:#555}</style>"
)


def _status_badge(status: str) -> str:
    return badge(status.replace("_", " "), STATUS_COLOURS[status])


def _latest_checkin(plan: Plan) -> dt.date | None:
    dates = [c.date for _o, k in plan.iter_key_results() for c in k.checkins]
    return max(dates) if dates else None


def _bar(score: float, colour: str) -> str:
    width = round(100 * max(0.0, min(1.0, score)))
    return (
        f'<span class="bar"><span class="fill" style="width:{width}%;background:{colour}">'
        "</span></span>"
    )


def _finding_lines(findings: list[Finding]) -> str:
    return "".join(
        f'<div class="f"><b>{_e(f.severity.value)}</b> <code>{_e(f.rule)}</code> '
        f"{_e(f.message)}</div>"
        for f in findings[:5]
    )


def _kr_row(item: KeyResult, key: str, result: KeyResultScore | None, found: list[Finding]) -> str:
    if result is None:
        progress = "—"
        status = ""
    else:
        colour = STATUS_COLOURS[result.status.value]
        progress = f"{_bar(result.score, colour)} {result.progress:.2f}"
        status = _status_badge(result.status.value)
    return (
        f"<tr><td><code>{_e(key)}</code> {_e(kr_phrase(item))}{_finding_lines(found)}</td>"
        f"<td>{progress}</td><td>{status}</td>"
        f"<td>{_e(amount_for_people(result.value) if result is not None else '—')}</td></tr>"
    )


def _objective_block(
    objective: Objective,
    scored: ObjectiveScore | None,
    findings: dict[str, list[Finding]],
) -> str:
    head = f"<b>{_e(objective.title)}</b> <code>{_e(objective.key)}</code>"
    if objective.owner:
        head += f" · {_e(objective.owner)}"
    if scored is not None:
        head += (
            f" · {scored.score:.2f} {badge(scored.grade.value, GRADE_COLOURS[scored.grade.value])} "
            f"{_status_badge(scored.status.value)}"
        )
    rows = []
    keys = objective.key_result_keys()
    for index, (item, key) in enumerate(zip(objective.key_results, keys, strict=True)):
        if index == MAX_KEY_RESULTS:
            rows.append(f"<tr><td>… {len(keys) - index} more</td></tr>")
            break
        result = scored.key_results[index] if scored is not None else None
        rows.append(_kr_row(item, key, result, findings.get(f"{objective.key}/{key}", [])))
    return (
        f"<div>{head}{_finding_lines(findings.get(objective.key, []))}"
        f"<table>{''.join(rows)}</table></div>"
    )


def plan_html(plan: Plan) -> str:
    """A plan's objectives and key results, scored as of its latest check-in, with
    findings next to what they are about."""
    as_of = _latest_checkin(plan)
    card = None if as_of is None else score(plan, as_of=as_of)
    findings: dict[str, list[Finding]] = {}
    for finding in check(plan):
        findings.setdefault(finding.where, []).append(finding)
    title = _e(plan.title or "Plan")
    summary = f"{len(plan.objectives)} objectives"
    if card is not None:
        summary += (
            f" · as of its latest check-in, {card.as_of.isoformat()}: "
            f"{card.score:.2f} {badge(card.grade.value, GRADE_COLOURS[card.grade.value])}"
        )
    blocks = []
    for index, objective in enumerate(plan.objectives):
        if index == MAX_OBJECTIVES:
            blocks.append(f"<div>… {len(plan.objectives) - index} more objectives</div>")
            break
        scored = card.objectives[index] if card is not None else None
        blocks.append(_objective_block(objective, scored, findings))
    return (
        f'<div class="okrkit">{_STYLE}<h4>{title}</h4><div>{summary}</div>{"".join(blocks)}</div>'
    )


def scorecard_html(card: Scorecard) -> str:
    """A scorecard as a small HTML table for notebooks."""
    rows = []
    for index, objective in enumerate(card.objectives):
        if index == MAX_OBJECTIVES:
            rows.append(f"<tr><td>… {len(card.objectives) - index} more</td></tr>")
            break
        colour = GRADE_COLOURS[objective.grade.value]
        status = _status_badge(objective.status.value)
        rows.append(
            f"<tr><th>{_e(objective.id)}</th><th>{_bar(objective.score, colour)} "
            f"{objective.score:.2f}</th><th>{status}</th><th></th></tr>"
        )
        for item in objective.key_results[:MAX_KEY_RESULTS]:
            status_colour = STATUS_COLOURS[item.status.value]
            expected = "" if item.expected is None else f"{item.expected:.2f}"
            rows.append(
                f"<tr><td><code>{_e(item.id)}</code></td><td>{_bar(item.score, status_colour)} "
                f"{item.progress:.2f}</td><td>{_status_badge(item.status.value)}"
                f"</td><td>{expected}</td></tr>"
            )
    return (
        f'<div class="okrkit">{_STYLE}<div>As of {card.as_of.isoformat()}: '
        f"{card.score:.2f} {badge(card.grade.value, GRADE_COLOURS[card.grade.value])}</div>"
        f"<table>{''.join(rows)}</table></div>"
    )


def report_html_fragment(report: Report) -> str:
    """A check report as a small HTML table for notebooks."""
    words = labels(report.lang)
    counts = report.summary()
    rows = "".join(
        f"<tr><td>{_e(words[f.severity.value])}</td><td><code>{_e(f.rule)}</code></td>"
        f"<td>{_e(f.where or 'plan')}</td><td>{_e(f.message)}"
        f"<div class='f'>{_e(f.hint)}</div></td></tr>"
        for f in report.findings[:MAX_FINDINGS]
    )
    more = len(report.findings) - MAX_FINDINGS
    tail = f"<div>… {more} more</div>" if more > 0 else ""
    return (
        f'<div class="okrkit">{_STYLE}<div>{_e(findings_count(counts, words))}</div>'
        f"<table>{rows}</table>{tail}</div>"
    )


def html_for(value: Any) -> str:
    """The notebook HTML for a plan, objective, key result, report or scorecard;
    the escaped plain repr when anything goes wrong."""
    try:
        if isinstance(value, Plan):
            return plan_html(value)
        if isinstance(value, Objective):
            return plan_html(Plan(objectives=(value,)))
        if isinstance(value, KeyResult):
            return plan_html(Plan(objectives=(Objective("—", key_results=(value,)),)))
        if isinstance(value, Scorecard):
            return scorecard_html(value)
        if isinstance(value, Report):
            return report_html_fragment(value)
    except Exception:
        pass
    return f"<pre>{_e(_short_repr(value))}</pre>"


def _short_repr(value: Any) -> str:
    try:
        text = repr(value)
    except Exception:
        text = object.__repr__(value)
    return text if len(text) <= 2000 else text[:1999] + "…"


def text_for(value: Any) -> str:
    """A short readable text for IPython's plain display."""
    try:
        if isinstance(value, Plan):
            lines = [f"Plan {value.title or ''}".rstrip() + f": {len(value.objectives)} objectives"]
            for objective in value.objectives[:MAX_OBJECTIVES]:
                count = len(objective.key_results)
                lines.append(f"  {objective.key}: {objective.title} ({count} key results)")
            if len(value.objectives) > MAX_OBJECTIVES:
                lines.append(f"  … {len(value.objectives) - MAX_OBJECTIVES} more")
            return "\n".join(lines)
        if isinstance(value, Scorecard):
            from okrkit._render_text import score_text  # noqa: PLC0415

            return score_text(value)
        if isinstance(value, Report):
            return value.to_text()
    except Exception:
        pass
    return _short_repr(value)
