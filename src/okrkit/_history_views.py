"""A calibration shown to people: text for a terminal, Markdown, and HTML with a
reliability diagram drawn as SVG by okrkit itself (no plotting library).

Every name from a plan (an owner, a team, a plan's title) is escaped for where
it lands; figures are written in the view's language (``0.174``; ``0,174``)."""

from __future__ import annotations

import math
from collections.abc import Sequence

from okrkit._amount import number_for_people, written_for
from okrkit._escape import markdown as _md
from okrkit._escape import terminal
from okrkit._history._calibration import Calibration, CalibrationGroup, GroupStatus
from okrkit._html import escape as _e
from okrkit._plural import plural


__all__ = [
    "calibration_html",
    "calibration_markdown",
    "calibration_text",
    "columns",
    "figure",
    "left_out_line",
    "markdown_header",
    "markdown_opening",
    "reliability_svg",
]

_WORDS = {
    "en": {
        "title": "Calibration", "as_of": "as of", "by": "by",
        "owner": "owner", "team": "team", "plan": "plan", "all": "all",
        "nobody": "(no owner)", "forecasts": "forecasts", "key_results": "key results",
        "brier": "Brier", "reliability": "reliability", "resolution": "resolution",
        "uncertainty": "uncertainty", "within_bins": "within bins",
        "not_enough": "not enough data (at least {forecasts} on {key_results})",
        "bins": "{count} bins", "distinct": "one bin per distinct confidence",
        "summary": "{forecasts} on {key_results}",
        "curve": "Reliability curve (all forecasts)", "confidence": "confidence",
        "mean": "mean confidence", "observed": "achieved",
        "none": "no key result had ended with a stated confidence",
        "diagram": "reliability diagram: how often key results were achieved (up) against "
        "the confidence stated for them (across); the diagonal is perfect calibration",
        "forecast_forms": "# forecast|# forecasts", "kr_forms": "# key result|# key results",
    },
    "es": {
        "title": "Calibración", "as_of": "al", "by": "por",
        "owner": "responsable", "team": "equipo", "plan": "plan", "all": "todos",
        "nobody": "(sin responsable)", "forecasts": "pronósticos",
        "key_results": "resultados clave", "brier": "Brier", "reliability": "fiabilidad",
        "resolution": "resolución", "uncertainty": "incertidumbre",
        "within_bins": "dentro de los tramos",
        "not_enough": "datos insuficientes (al menos {forecasts} sobre {key_results})",
        "bins": "{count} tramos", "distinct": "un tramo por cada confianza distinta",
        "summary": "{forecasts} sobre {key_results}",
        "curve": "Curva de fiabilidad (todos los pronósticos)", "confidence": "confianza",
        "mean": "confianza media", "observed": "logrado",
        "none": "ningún resultado clave con confianza declarada había terminado",
        "diagram": "diagrama de fiabilidad: con qué frecuencia se lograron los resultados "
        "clave (vertical) frente a la confianza declarada (horizontal); la diagonal es la "
        "calibración perfecta",
        "forecast_forms": "# pronóstico|# pronósticos",
        "kr_forms": "# resultado clave|# resultados clave",
    },
}  # fmt: skip


def figure(value: float | None, lang: str, *, missing: str = "—") -> str:
    """A figure of a history's result for people: three decimals in *lang*'s
    marks (``0.174``; ``0,174``), *missing* for none."""
    if value is None:
        return missing
    return written_for(f"{round(value, 3) + 0.0:.3f}", lang)  # + 0.0: no "-0.000"


_FIGURES = ("brier", "reliability", "resolution", "uncertainty", "within_bins")


class _View:
    def __init__(self, result: Calibration) -> None:
        self.result = result
        self.lang = result.lang
        self.words = _WORDS[result.lang]

    def number(self, value: float | None) -> str:
        return figure(value, self.lang)

    def edge(self, value: float) -> str:
        """A bin's edge, as short as it is: ``0``, ``0.1``, ``0.05``."""
        return number_for_people(value, self.lang, decimals=3)

    def name(self, group: CalibrationGroup, *, overall: bool = False) -> str:
        if overall:
            return self.words["all"]
        return self.words["nobody"] if group.name is None else group.name

    def counted(self, count: int, forms: str) -> str:
        return plural(count, self.words[forms])

    def heading(self) -> str:
        result, w = self.result, self.words
        binning = (
            w["distinct"] if isinstance(result.bins, str) else w["bins"].format(count=result.bins)
        )
        summary = w["summary"].format(
            forecasts=self.counted(result.overall.forecasts, "forecast_forms"),
            key_results=self.counted(result.overall.key_results, "kr_forms"),
        )
        return (
            f"{w['as_of']} {result.as_of.isoformat()}, {w['by']} {w[result.by.value]}: "
            f"{summary} ({binning})"
        )

    def not_enough(self) -> str:
        result = self.result
        return self.words["not_enough"].format(
            forecasts=self.counted(result.min_forecasts, "forecast_forms"),
            key_results=self.counted(result.min_key_results, "kr_forms"),
        )

    def left_out(self) -> str | None:
        return left_out_line(self.lang, self.result.open, self.result.no_period)

    def rows(self) -> list[tuple[str, CalibrationGroup]]:
        named = [(self.name(g), g) for g in self.result.groups]
        return [*named, (self.name(self.result.overall, overall=True), self.result.overall)]

    def figures(self, group: CalibrationGroup) -> list[str]:
        return [self.number(getattr(group, figure)) for figure in _FIGURES]

    def header(self) -> list[str]:
        w = self.words
        return [w[self.result.by.value], w["forecasts"], w["key_results"],
                *(w[figure] for figure in _FIGURES)]  # fmt: skip

    def curve_rows(self) -> list[list[str]]:
        """The bins that hold forecasts (the JSON document lists the empty ones too)."""
        rows = []
        for piece in self.result.overall.curve:
            if not piece.count:
                continue
            span = self.edge(piece.lower)
            if not isinstance(self.result.bins, str):
                span += f"–{self.edge(piece.upper)}"
            rows.append([span, str(piece.count), self.number(piece.mean_forecast),
                         self.number(piece.observed)])  # fmt: skip
        return rows


# --- text ------------------------------------------------------------------------------------


_LEFT_OUT = {
    "en": ("Left out: {open}, {no_period}.", "# key result still open|# key results still open",
           "# without a period|# without a period"),
    "es": ("Fuera: {open}, {no_period}.",
           "# resultado clave aún abierto|# resultados clave aún abiertos",
           "# sin periodo|# sin periodo"),
}  # fmt: skip


def left_out_line(lang: str, still_open: int, no_period: int) -> str | None:
    """What a history's figures left out, each count agreeing with its words
    (``1 resultado clave aún abierto``); ``None`` when nothing was."""
    if not still_open and not no_period:
        return None
    line, open_forms, period_forms = _LEFT_OUT[lang]
    return line.format(
        open=plural(still_open, open_forms), no_period=plural(no_period, period_forms)
    )


def columns(rows: list[list[str]], *, left: int = 1) -> list[str]:
    """*rows* as aligned columns, the first *left* to the left, the others to the
    right. A row shorter than the first ends in free text (a note), written as it is."""
    full = len(rows[0])

    def aligned(row: list[str]) -> int:
        return len(row) if len(row) == full else len(row) - 1

    widths = [max(len(row[i]) for row in rows if i < aligned(row)) for i in range(full)]
    out = []
    for row in rows:
        cells = [
            cell.ljust(widths[i]) if i < left else cell.rjust(widths[i])
            for i, cell in enumerate(row[: aligned(row)])
        ]
        out.append("  ".join([*cells, *row[aligned(row) :]]).rstrip())
    return out


def calibration_text(result: Calibration) -> str:
    """The calibration as ``okrkit calibration`` prints it: a line that says what
    was counted, a table of the groups and of all forecasts, and the curve."""
    view = _View(result)
    w = view.words
    lines = [f"{w['title'].lower()} {view.heading()}"]
    left_out = view.left_out()
    if left_out:
        lines.append(left_out)
    lines.append("")
    if not result.overall.forecasts:
        return "\n".join([*lines, w["none"]]) + "\n"
    table = [view.header()]
    for name, group in view.rows():
        counts = [terminal(name), str(group.forecasts), str(group.key_results)]
        if group.status is GroupStatus.NOT_ENOUGH_DATA:
            table.append([*counts, view.not_enough()])
        else:
            table.append([*counts, *view.figures(group)])
    lines += columns(table)
    if result.overall.curve:
        lines += ["", w["curve"], ""]
        lines += columns([[w["confidence"], w["forecasts"], w["mean"], w["observed"]],
                           *view.curve_rows()])  # fmt: skip
    return "\n".join(lines) + "\n"


# --- Markdown --------------------------------------------------------------------------------


def markdown_opening(title: str, heading: str, notes: Sequence[str], level: int) -> list[str]:
    """A Markdown section's first lines: *title* at *level*, the sentence that says
    what was counted, and each note a paragraph, all escaped."""
    lines = [f"{'#' * level} {title}", "", _md(heading[:1].upper() + heading[1:]) + "."]
    lines += [line for note in notes for line in ("", _md(note))]
    return [*lines, ""]


def markdown_header(header: Sequence[str], *, left: int = 1) -> list[str]:
    """A Markdown table's header: the first *left* columns to the left, the others
    to the right."""
    return [
        "| " + " | ".join(header) + " |",
        "|" + "---|" * left + "---:|" * (len(header) - left),
    ]


def calibration_markdown(result: Calibration, *, level: int = 1) -> str:
    """The calibration as a Markdown section headed at *level* (``#`` is 1)."""
    view = _View(result)
    w = view.words
    left_out = view.left_out()
    lines = markdown_opening(w["title"], view.heading(), [left_out] if left_out else [], level)
    if not result.overall.forecasts:
        return "\n".join([*lines, _md(w["none"]).capitalize() + "."]) + "\n"
    header = view.header()
    lines += markdown_header(header)
    for name, group in view.rows():
        cells = [_md(name), str(group.forecasts), str(group.key_results)]
        if group.status is GroupStatus.NOT_ENOUGH_DATA:
            cells += [_md(view.not_enough())] + [""] * 4
        else:
            cells += view.figures(group)
        lines.append("| " + " | ".join(cells) + " |")
    if result.overall.curve:
        lines += ["", f"{w['curve']}:", ""]
        lines += [f"| {w['confidence']} | {w['forecasts']} | {w['mean']} | {w['observed']} |",
                  "|---|---:|---:|---:|"]  # fmt: skip
        lines += ["| " + " | ".join(row) + " |" for row in view.curve_rows()]
    return "\n".join(lines) + "\n"


# --- HTML and SVG -----------------------------------------------------------------------------

_SIZE, _MARGIN = 240, 34


def reliability_svg(result: Calibration, group: CalibrationGroup | None = None) -> str:
    """An inline SVG reliability diagram of *group* (all forecasts by default):
    each non-empty bin a dot at (mean confidence, share achieved), its area
    growing with its count, joined by a line; the dashed diagonal is perfect
    calibration. Empty when the group was not measured."""
    view = _View(result)
    chosen = result.overall if group is None else group
    points = [b for b in chosen.curve if b.count and b.mean_forecast is not None]
    if not points:
        return ""
    inner = _SIZE - 2 * _MARGIN
    largest = max(b.count for b in points)

    def x(value: float) -> float:
        return _MARGIN + inner * value

    def y(value: float) -> float:
        return _SIZE - _MARGIN - inner * value

    shapes = [
        f'<rect x="{_MARGIN}" y="{_MARGIN}" width="{inner}" height="{inner}" fill="#fafafa" '
        'stroke="#ddd"/>',
        f'<line x1="{x(0)}" y1="{y(0)}" x2="{x(1)}" y2="{y(1)}" stroke="#999" '
        'stroke-dasharray="4 3"/>',
    ]
    path = " ".join(f"{x(b.mean_forecast or 0):.1f},{y(b.observed or 0):.1f}" for b in points)
    shapes.append(f'<polyline points="{path}" fill="none" stroke="#2471a3" stroke-width="1.5"/>')
    for piece in points:
        radius = 2 + 5 * math.sqrt(piece.count / largest)
        shapes.append(
            f'<circle cx="{x(piece.mean_forecast or 0):.1f}" cy="{y(piece.observed or 0):.1f}" '
            f'r="{radius:.1f}" fill="#2471a3" fill-opacity="0.7"><title>'
            f"{_e(view.number(piece.mean_forecast))} → {_e(view.number(piece.observed))} "
            f"({piece.count})</title></circle>"
        )
    w = view.words
    shapes += [
        f'<text x="{x(0)}" y="{_SIZE - _MARGIN + 14}" text-anchor="middle">0</text>',
        f'<text x="{x(1)}" y="{_SIZE - _MARGIN + 14}" text-anchor="middle">1</text>',
        f'<text x="{_MARGIN - 6}" y="{y(0) + 3}" text-anchor="end">0</text>',
        f'<text x="{_MARGIN - 6}" y="{y(1) + 3}" text-anchor="end">1</text>',
        f'<text x="{_SIZE / 2}" y="{_SIZE - 6}" text-anchor="middle">{_e(w["confidence"])}</text>',
        f'<text x="10" y="{_SIZE / 2}" text-anchor="middle" '
        f'transform="rotate(-90 10 {_SIZE / 2})">{_e(w["observed"])}</text>',
    ]
    label = _e(f"{w['diagram']} ({view.name(chosen, overall=group is None)})")
    return (
        f'<svg role="img" aria-label="{label}" width="{_SIZE}" height="{_SIZE}" '
        f'viewBox="0 0 {_SIZE} {_SIZE}" style="font:10px system-ui,sans-serif">'
        f"<title>{label}</title>{''.join(shapes)}</svg>"
    )


def calibration_html(result: Calibration, *, level: int = 2) -> str:
    """The calibration as an HTML fragment: a heading at *level*, the table of
    groups and the reliability diagram of all forecasts."""
    view = _View(result)
    w = view.words
    parts = [f"<h{level}>{_e(w['title'])}</h{level}>", f"<p>{_e(view.heading())}</p>"]
    left_out = view.left_out()
    if left_out:
        parts.append(f"<p>{_e(left_out)}</p>")
    if not result.overall.forecasts:
        return "".join([*parts, f"<p>{_e(w['none'])}</p>"])
    rows = ["<tr>" + "".join(f"<th>{_e(cell)}</th>" for cell in view.header()) + "</tr>"]
    for name, group in view.rows():
        cells = [f"<td>{_e(name)}</td>", f"<td>{group.forecasts}</td>",
                 f"<td>{group.key_results}</td>"]  # fmt: skip
        if group.status is GroupStatus.NOT_ENOUGH_DATA:
            cells.append(f'<td colspan="5">{_e(view.not_enough())}</td>')
        else:
            cells += [f"<td>{_e(figure)}</td>" for figure in view.figures(group)]
        rows.append("<tr>" + "".join(cells) + "</tr>")
    parts.append(f"<table>{''.join(rows)}</table>")
    parts.append(reliability_svg(result))
    return "".join(parts)
