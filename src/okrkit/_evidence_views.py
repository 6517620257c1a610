"""The evidence for links shown to people: text for a terminal, and Markdown.

Every name from a plan (a metric, an id) is escaped for where it lands; figures
are written in the view's language (``0.214``; ``0,214``)."""

from __future__ import annotations

import textwrap

from okrkit._amount import number_for_people
from okrkit._escape import markdown as _md
from okrkit._escape import terminal
from okrkit._history._evidence import CausalityEvidence, LinkEvidence, Verdict
from okrkit._history_views import columns, figure, markdown_header, markdown_opening
from okrkit._plural import plural


__all__ = ["evidence_markdown", "evidence_text"]

_WIDTH = 88

_WORDS = {
    "en": {
        "title": "Evidence for links", "as_of": "as of",
        "metric": "links matched by what their ends measure",
        "id": "links matched by their ids",
        "from": "from", "to": "to", "verdict": "verdict", "lag": "lag (weeks)",
        "estimate": "correlation", "interval": "interval", "pairs": "pairs",
        "periods": "periods", "teams": "teams",
        "supported": "supported", "not_supported": "not supported",
        "not_enough_data": "not enough data",
        "to_word": "to",
        "method": "Each link asks whether progress on its from leads progress on its to. The "
        "figure is the correlation of their weekly changes (each detrended), the to's taken a "
        "lag later, pooled over every plan and team that states the link; its interval is at "
        "{level}, shared among the lags tried (1 to {max_lag}). Supported: the interval lies "
        "above 0.",
        "caveat": "Not supported means history shows no lead at that level: no proof the "
        "link is false. Supported means the changes moved together in that order: other "
        "causes can do that too (see docs/history.md).",
        "minimum": "Not enough data: fewer than {pairs} paired weekly changes, or from "
        "fewer than {periods}, at every lag.",
        "none": "no plan states a link whose ends it can read",
        "weeks": "# week|# weeks", "pair_forms": "# pair|# pairs",
        "period_forms": "# period|# periods",
    },
    "es": {
        "title": "Evidencia de los vínculos", "as_of": "al",
        "metric": "vínculos emparejados por lo que miden sus extremos",
        "id": "vínculos emparejados por sus ids",
        "from": "desde", "to": "hasta", "verdict": "veredicto", "lag": "desfase (semanas)",
        "estimate": "correlación", "interval": "intervalo", "pairs": "pares",
        "periods": "periodos", "teams": "equipos",
        "supported": "respaldado", "not_supported": "no respaldado",
        "not_enough_data": "datos insuficientes",
        "to_word": "a",
        "method": "Cada vínculo pregunta si el avance de su origen se adelanta al de su "
        "destino. La cifra es la correlación de sus cambios semanales (cada uno sin su "
        "tendencia), los del destino tomados un desfase después, sumando todos los planes y "
        "equipos que declaran el vínculo; su intervalo es del {level}, repartido entre los "
        "desfases probados (de 1 a {max_lag}). Respaldado: el intervalo queda por encima de 0.",
        "caveat": "No respaldado significa que el historial no muestra adelanto con ese "
        "nivel: no prueba que el vínculo sea falso. Respaldado significa que los cambios se "
        "movieron juntos en ese orden: otras causas también pueden hacerlo (ver "
        "docs/history.md).",
        "minimum": "Datos insuficientes: menos de {pairs} cambios semanales emparejados, o de "
        "menos de {periods}, en todos los desfases.",
        "none": "ningún plan declara un vínculo cuyos extremos se puedan leer",
        "weeks": "# semana|# semanas", "pair_forms": "# par|# pares",
        "period_forms": "# periodo|# periodos",
    },
}  # fmt: skip


_COUNTS = {
    "en": {Verdict.SUPPORTED: "# supported|# supported",
           Verdict.NOT_SUPPORTED: "# not supported|# not supported",
           Verdict.NOT_ENOUGH_DATA: "# without enough data|# without enough data"},
    "es": {Verdict.SUPPORTED: "# respaldado|# respaldados",
           Verdict.NOT_SUPPORTED: "# no respaldado|# no respaldados",
           Verdict.NOT_ENOUGH_DATA: "# sin datos suficientes|# sin datos suficientes"},
}  # fmt: skip
"""How many links got each verdict."""


class _View:
    def __init__(self, result: CausalityEvidence) -> None:
        self.result = result
        self.lang = result.lang
        self.words = _WORDS[result.lang]

    def number(self, value: float | None) -> str:
        return figure(value, self.lang)

    def heading(self) -> str:
        result, w = self.result, self.words
        counts = ", ".join(
            plural(sum(found.verdict is verdict for found in result), _COUNTS[self.lang][verdict])
            for verdict in Verdict
        )
        return f"{w['as_of']} {result.as_of.isoformat()}, {w[result.match.value]}: {counts}"

    def notes(self) -> list[str]:
        result, w = self.result, self.words
        level = number_for_people(result.level * 100, self.lang) + " %"
        lines = [
            w["method"].format(lag="L", level=level, max_lag=plural(result.max_lag, w["weeks"])),
            w["caveat"],
        ]
        if any(found.verdict is Verdict.NOT_ENOUGH_DATA for found in result):
            lines.append(
                w["minimum"].format(
                    pairs=result.min_pairs,
                    periods=plural(result.min_periods, w["period_forms"]),
                )
            )
        return lines

    def header(self) -> list[str]:
        w = self.words
        return [w["from"], w["to"], w["verdict"], w["lag"], w["estimate"], w["interval"],
                w["pairs"], w["periods"], w["teams"]]  # fmt: skip

    def figures(self, found: LinkEvidence) -> list[str]:
        interval = "—"
        if found.interval is not None:
            low, high = found.interval
            interval = f"{self.number(low)} {self.words['to_word']} {self.number(high)}"
        return [
            self.words[found.verdict.value],
            "—" if found.lag is None else str(found.lag),
            self.number(found.estimate),
            interval,
            str(found.pairs),
            str(found.periods),
            str(found.teams),
        ]


def evidence_text(result: CausalityEvidence) -> str:
    """The evidence as ``okrkit evidence`` prints it: what was tested, a table of
    the links, and what the verdicts mean."""
    view = _View(result)
    w = view.words
    lines = [f"{w['title'].lower()} {view.heading()}", ""]
    if not result.links:
        return "\n".join([*lines, w["none"]]) + "\n"
    table = [view.header()]
    table += [[terminal(found.from_), terminal(found.to), *view.figures(found)]
              for found in result]  # fmt: skip
    lines += columns(table, left=3)
    lines.append("")
    lines += [textwrap.fill(note, width=_WIDTH) for note in view.notes()]
    return "\n".join(lines) + "\n"


def evidence_markdown(result: CausalityEvidence, *, level: int = 1) -> str:
    """The evidence as a Markdown section headed at *level* (``#`` is 1): what was
    tested, what the verdicts mean, and a table of the links."""
    view = _View(result)
    w = view.words
    lines = markdown_opening(w["title"], view.heading(), view.notes(), level)
    if not result.links:
        return "\n".join([*lines, _md(w["none"]).capitalize() + "."]) + "\n"
    lines += markdown_header(view.header(), left=3)
    for found in result:
        cells = [_md(found.from_), _md(found.to), *(_md(cell) for cell in view.figures(found))]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"
