"""How plans, objectives, key results, reports and scores show in a notebook.

Every renderer here is called from a ``_repr_html_`` or ``_repr_pretty_`` method
and must never raise: on any error the object falls back to its plain repr. Large
plans are cut to the first objectives and key results, with a count of the rest.
A view speaks one language throughout (the plan's, else the one its statements
were read in, else English): its words, and its numbers' decimal mark.
"""

from __future__ import annotations

from typing import Any

import attrs

from okrkit._amount import amount_for_people, score_for_people
from okrkit._api import check, score
from okrkit._escape import terminal
from okrkit._findings import Finding, Report
from okrkit._history._calibration import Calibration
from okrkit._history_views import calibration_html
from okrkit._html import GRADE_COLOURS, STATUS_COLOURS, badge
from okrkit._html import escape as _e
from okrkit._labels import counted, findings_count, labels
from okrkit._model import KeyResult, Objective, Plan
from okrkit._plural import plural
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

_OWN_WORDS = {
    "en": {"plan": "Plan", "an_objective": "Objective", "a_key_result": "Key result",
           "latest": "as of its latest check-in", "more": "… {count} more {things}",
           "finding": "finding", "findings": "findings"},
    "es": {"plan": "Plan", "an_objective": "Objetivo", "a_key_result": "Resultado clave",
           "latest": "según su último seguimiento", "more": "… {count} {things} más",
           "finding": "hallazgo", "findings": "hallazgos"},
}  # fmt: skip

OUTSIDE_RULES = (
    "missing-period", "unknown-reference", "ambiguous-reference", "period-outside-parent",
    "too-many-objectives", "unlinked-activity",
)  # fmt: skip
"""Rules about what surrounds an objective in a plan (the plan's period, the
objective its ``parent`` names, the plan's links, the owner's other objectives):
shown alone, an objective or a key result has none of it, so they are not run."""

_LONE = ("lone", "alone")
"""Ids for the objective a key result shown alone is checked and scored in: the
first that is not the key result's own."""


class _View:
    """The words and number habits of one view's language."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.words = labels(lang, **_OWN_WORDS)

    def number(self, value: float) -> str:
        return score_for_people(value, self.lang)

    def count(self, count: int, noun: str) -> str:
        return counted(count, noun, self.words)

    def more(self, count: int, noun: str) -> str:
        things = plural(count, f"{self.words[noun]}|{self.words[noun + 's']}")
        return self.words["more"].format(count=count, things=things)

    def status(self, status: str) -> str:
        return badge(self.words[status], STATUS_COLOURS[status])

    def grade(self, grade: str) -> str:
        return badge(self.words[grade], GRADE_COLOURS[grade])

    def scored(self, card: Scorecard | None) -> str:
        """`` · as of its latest check-in, 2026-01-15: 0.40 red`` (nothing unscored)."""
        if card is None:
            return ""
        return (
            f" · {self.words['latest']}, {card.as_of.isoformat()}: "
            f"{self.number(card.score)} {self.grade(card.grade.value)}"
        )


def _lang_of(*values: Objective | KeyResult) -> str:
    """The language the first of *values* whose text was read is written in."""
    for value in values:
        lang = getattr(value.reading, "lang", None)
        if lang in ("en", "es"):
            return str(lang)
    return "en"


def _latest_score(plan: Plan) -> Scorecard | None:
    """The plan scored as of its latest check-in (None before any)."""
    dates = [c.date for _o, k in plan.iter_key_results() for c in k.checkins]
    return score(plan, as_of=max(dates)) if dates else None


def _by_place(findings: list[Finding]) -> dict[str, list[Finding]]:
    found: dict[str, list[Finding]] = {}
    for finding in findings:
        found.setdefault(finding.where, []).append(finding)
    return found


def _bar(score: float, colour: str) -> str:
    width = round(100 * max(0.0, min(1.0, score)))
    return (
        f'<span class="bar"><span class="fill" style="width:{width}%;background:{colour}">'
        "</span></span>"
    )


def _finding_lines(findings: list[Finding], view: _View) -> str:
    return "".join(
        f'<div class="f"><b>{_e(view.words[f.severity.value])}</b> <code>{_e(f.rule)}</code> '
        f"{_e(f.message)}</div>"
        for f in findings[:5]
    )


def _kr_row(
    item: KeyResult, key: str, result: KeyResultScore | None, found: list[Finding], view: _View
) -> str:
    if result is None:
        progress = "—"
        status = ""
    else:
        colour = STATUS_COLOURS[result.status.value]
        progress = f"{_bar(result.score, colour)} {view.number(result.progress)}"
        status = view.status(result.status.value)
    value = amount_for_people(result.value if result is not None else None, view.lang)
    return (
        f"<tr><td><code>{_e(key)}</code> {_e(kr_phrase(item, lang=view.lang))}"
        f"{_finding_lines(found, view)}</td>"
        f"<td>{progress}</td><td>{status}</td><td>{_e(value)}</td></tr>"
    )


def _objective_block(
    objective: Objective,
    scored: ObjectiveScore | None,
    findings: dict[str, list[Finding]],
    view: _View,
) -> str:
    head = f"<b>{_e(objective.title)}</b> <code>{_e(objective.key)}</code>"
    if objective.owner:
        head += f" · {_e(objective.owner)}"
    if scored is not None:
        head += (
            f" · {view.number(scored.score)} {view.grade(scored.grade.value)} "
            f"{view.status(scored.status.value)}"
        )
    rows = []
    keys = objective.key_result_keys()
    for index, (item, key) in enumerate(zip(objective.key_results, keys, strict=True)):
        if index == MAX_KEY_RESULTS:
            rows.append(f"<tr><td>{_e(view.more(len(keys) - index, 'key_result'))}</td></tr>")
            break
        result = scored.key_results[index] if scored is not None else None
        place = findings.get(f"{objective.key}/{key}", [])
        rows.append(_kr_row(item, key, result, place, view))
    return (
        f"<div>{head}{_finding_lines(findings.get(objective.key, []), view)}"
        f"<table>{''.join(rows)}</table></div>"
    )


def _page(heading: str, summary: str, body: str) -> str:
    return (
        f'<div class="okrkit">{_STYLE}<h4>{heading}</h4>'
        f"{f'<div>{summary}</div>' if summary else ''}{body}</div>"
    )


def plan_html(plan: Plan) -> str:
    """A plan's objectives and key results, scored as of its latest check-in, with
    findings next to what they are about, in the plan's language."""
    view = _View(plan.lang or "en")
    card = _latest_score(plan)
    findings = _by_place(list(check(plan)))
    blocks = []
    for index, objective in enumerate(plan.objectives):
        if index == MAX_OBJECTIVES:
            more = view.more(len(plan.objectives) - index, "objective")
            blocks.append(f"<div>{_e(more)}</div>")
            break
        scored = card.objectives[index] if card is not None else None
        blocks.append(_objective_block(objective, scored, findings, view))
    summary = _e(view.count(len(plan.objectives), "objective")) + view.scored(card)
    return _page(_e(plan.title or view.words["plan"]), summary, "".join(blocks))


def objective_html(objective: Objective) -> str:
    """An objective shown alone: its key results and the findings about it, without
    the rules that need a plan around it (:data:`OUTSIDE_RULES`)."""
    lang = _lang_of(objective, *objective.key_results)
    plan = Plan(objectives=(objective,), lang=lang)
    view = _View(lang)
    card = _latest_score(plan)
    found = [f for f in check(plan, ignore=OUTSIDE_RULES) if f.where]  # not the plan's
    block = _objective_block(
        objective, card.objectives[0] if card else None, _by_place(found), view
    )
    summary = _e(view.count(len(objective.key_results), "key_result")) + view.scored(card)
    return _page(_e(view.words["an_objective"]), summary, block)


def key_result_html(item: KeyResult) -> str:
    """A key result shown alone, with the findings about it (not those about the
    objective and plan it is checked in, nor the rules that need them)."""
    lang = _lang_of(item)
    holder = _LONE[item.key == _LONE[0]]
    plan = Plan(objectives=(Objective("—", id=holder, key_results=(item,)),), lang=lang)
    view = _View(lang)
    card = _latest_score(plan)
    key = plan.objectives[0].key_result_keys()[0]
    path = f"{holder}/{key}"
    found = [_named(f, path, key) for f in check(plan, ignore=OUTSIDE_RULES) if f.where == path]
    result = card.objectives[0].key_results[0] if card else None
    row = _kr_row(item, key, result, found, view)
    summary = view.scored(card).removeprefix(" · ")
    return _page(_e(view.words["a_key_result"]), summary, f"<table>{row}</table>")


def _named(finding: Finding, path: str, key: str) -> Finding:
    """A finding about the lone key result, naming it by its own key rather than
    by the *path* through the objective it was checked in."""
    return attrs.evolve(
        finding,
        where=key,
        message=finding.message.replace(path, key),
        hint=finding.hint.replace(path, key),
    )


def scorecard_html(card: Scorecard) -> str:
    """A scorecard as a small HTML table for notebooks."""
    view = _View(card.lang)
    rows = []
    for index, objective in enumerate(card.objectives):
        if index == MAX_OBJECTIVES:
            more = view.more(len(card.objectives) - index, "objective")
            rows.append(f"<tr><td>{_e(more)}</td></tr>")
            break
        colour = GRADE_COLOURS[objective.grade.value]
        rows.append(
            f"<tr><th>{_e(objective.id)}</th><th>{_bar(objective.score, colour)} "
            f"{view.number(objective.score)}</th><th>{view.status(objective.status.value)}</th>"
            "<th></th></tr>"
        )
        for item in objective.key_results[:MAX_KEY_RESULTS]:
            status_colour = STATUS_COLOURS[item.status.value]
            expected = "" if item.expected is None else view.number(item.expected)
            rows.append(
                f"<tr><td><code>{_e(item.id)}</code></td><td>{_bar(item.score, status_colour)} "
                f"{view.number(item.progress)}</td><td>{view.status(item.status.value)}"
                f"</td><td>{expected}</td></tr>"
            )
    return (
        f'<div class="okrkit">{_STYLE}<div>{_e(view.words["as_of"].capitalize())} '
        f"{card.as_of.isoformat()}: "
        f"{view.number(card.score)} {view.grade(card.grade.value)}</div>"
        f"<table>{''.join(rows)}</table></div>"
    )


def report_html_fragment(report: Report) -> str:
    """A check report as a small HTML table for notebooks."""
    view = _View(report.lang)
    words = view.words
    counts = report.summary()
    rows = "".join(
        f"<tr><td>{_e(words[f.severity.value])}</td><td><code>{_e(f.rule)}</code></td>"
        f"<td>{_e(f.where or 'plan')}</td><td>{_e(f.message)}"
        f"<div class='f'>{_e(f.hint)}</div></td></tr>"
        for f in report.findings[:MAX_FINDINGS]
    )
    more = len(report.findings) - MAX_FINDINGS
    tail = f"<div>{_e(view.more(more, 'finding'))}</div>" if more > 0 else ""
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
            return objective_html(value)
        if isinstance(value, KeyResult):
            return key_result_html(value)
        if isinstance(value, Scorecard):
            return scorecard_html(value)
        if isinstance(value, Report):
            return report_html_fragment(value)
        if isinstance(value, Calibration):
            return f'<div class="okrkit">{_STYLE}{calibration_html(value, level=4)}</div>'
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
            view = _View(value.lang or "en")
            count = view.count(len(value.objectives), "objective")
            title = terminal(value.title or "")
            lines = [f"{view.words['plan']} {title}".rstrip() + f": {count}"]
            for objective in value.objectives[:MAX_OBJECTIVES]:
                items = view.count(len(objective.key_results), "key_result")
                key, name = terminal(objective.key), terminal(objective.title)
                lines.append(f"  {key}: {name} ({items})")
            if len(value.objectives) > MAX_OBJECTIVES:
                lines.append(f"  {view.more(len(value.objectives) - MAX_OBJECTIVES, 'objective')}")
            return "\n".join(lines)
        if isinstance(value, Scorecard):
            from okrkit._render_text import score_text  # noqa: PLC0415

            return score_text(value, lang=value.lang)
        if isinstance(value, (Report, Calibration)):
            return value.to_text()
    except Exception:
        pass
    return _short_repr(value)
