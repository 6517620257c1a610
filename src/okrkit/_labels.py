"""The words reports, terminal output and notebooks share, in English and Spanish:
statuses, grades, severities and how a commitment reads."""

from __future__ import annotations

from okrkit._plural import plural


__all__ = ["LABELS", "counted", "findings_count", "labels"]

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
    return plural(count, f"# {words[noun]}|# {words[noun + 's']}")


def findings_count(counts: dict[str, int], words: dict[str, str]) -> str:
    """``1 error, 2 warnings, 0 info`` in the words given."""
    return (
        f"{counted(counts.get('error', 0), 'error', words)}, "
        f"{counted(counts.get('warning', 0), 'warning', words)}, "
        f"{counts.get('info', 0)} {words['info']}"
    )
