"""The words reports, terminal output and notebooks share, in English and Spanish:
statuses, grades, severities and how a commitment reads."""

from __future__ import annotations

from okrkit._amount import Amount, unit_symbol


__all__ = [
    "LABELS",
    "amount_for_people",
    "counted",
    "findings_count",
    "labels",
    "number_for_people",
    "score_for_people",
    "written_for",
]

LABELS: dict[str, dict[str, str]] = {
    "en": {
        "as_of": "as of", "expected": "expected", "no_findings": "no findings",
        "committed": "committed: expected to reach 1.0",
        "aspirational": "aspirational: 0.6–0.7 reads well",
        "on_track": "on track", "at_risk": "at risk", "off_track": "off track",
        "not_started": "not started", "achieved": "achieved", "missed": "missed",
        "red": "red", "yellow": "yellow", "green": "green",
        "error": "error", "errors": "errors", "warning": "warning", "warnings": "warnings",
        "info": "info", "objective": "objective", "objectives": "objectives",
        "key_result": "key result", "key_results": "key results",
    },
    "es": {
        "as_of": "al", "expected": "esperado", "no_findings": "sin hallazgos",
        "committed": "comprometido: se espera llegar a 1,0",
        "aspirational": "aspiracional: 0,6–0,7 es un buen resultado",
        "on_track": "en camino", "at_risk": "en riesgo", "off_track": "desviado",
        "not_started": "sin empezar", "achieved": "logrado", "missed": "no logrado",
        "red": "rojo", "yellow": "amarillo", "green": "verde",
        "error": "error", "errors": "errores", "warning": "aviso", "warnings": "avisos",
        "info": "info", "objective": "objetivo", "objectives": "objetivos",
        "key_result": "resultado clave", "key_results": "resultados clave",
    },
}  # fmt: skip


def labels(lang: str, **own: dict[str, str]) -> dict[str, str]:
    """The shared words of *lang* (English for an unknown one) with a renderer's
    own words for that language laid over them: ``labels("es", es={...}, en={...})``."""
    chosen = lang if lang in LABELS else "en"
    return {**LABELS[chosen], **own.get(chosen, {})}


def counted(count: int, noun: str, words: dict[str, str]) -> str:
    """``1 objective``, ``2 objectives``, ``0 objetivos``: *count* with the word
    *noun* names, or with its plural (the word named *noun* + ``s``)."""
    return f"{count} {words[noun if count == 1 else noun + 's']}"


def findings_count(counts: dict[str, int], words: dict[str, str]) -> str:
    """``1 error, 2 warnings, 0 info`` in the words given."""
    return (
        f"{counted(counts.get('error', 0), 'error', words)}, "
        f"{counted(counts.get('warning', 0), 'warning', words)}, "
        f"{counts.get('info', 0)} {words['info']}"
    )


def written_for(text: str, lang: str) -> str:
    """A number written with English marks (``1,234.5``) in *lang*'s marks
    (``1.234,5``): one decimal mark throughout a view."""
    if lang == "es":
        return text.replace(",", "\u2009").replace(".", ",").replace("\u2009", ".")
    return text


def number_for_people(value: float, lang: str) -> str:
    """A number for people: grouped thousands, at most two decimals, in the
    language's habits (1,234.5 in English, 1.234,5 in Spanish)."""
    return written_for(f"{round(value, 2):,.2f}".rstrip("0").rstrip("."), lang)


def score_for_people(value: float, lang: str) -> str:
    """A score or a progress with two decimals, in the language's habits: ``0.75``
    in English, ``0,75`` in Spanish."""
    return written_for(f"{value:,.2f}", lang)


def amount_for_people(amount: Amount | None, lang: str = "en") -> str:
    """An amount for people (``1.234,5 %``), or a dash when there is none."""
    if amount is None:
        return "—"
    return f"{number_for_people(amount.value, lang)} {unit_symbol(amount.unit)}".strip()
