"""Plain and coloured text for reports, as ``okrkit check`` prints them."""

from __future__ import annotations

from okrkit._findings import Finding, Report
from okrkit._severity import Severity


__all__ = ["report_text"]

_COLOURS = {Severity.ERROR: "31", Severity.WARNING: "33", Severity.INFO: "36"}
_WORDS = {
    "en": {"hint": "hint", "error": "error", "warning": "warning", "info": "info",
           "errors": "errors", "warnings": "warnings", "clean": "no findings",
           "silence": "to silence", "on": "on", "plan": "in the plan"},
    "es": {"hint": "sugerencia", "error": "error", "warning": "aviso", "info": "info",
           "errors": "errores", "warnings": "avisos", "clean": "sin hallazgos",
           "silence": "para silenciarlo", "on": "en", "plan": "en el plan"},
}  # fmt: skip


def _silence(finding: Finding, words: dict[str, str]) -> str:
    if finding.where and not finding.where.startswith("links["):
        return f"ignore: [{finding.rule}] {words['on']} {finding.where}"
    return f"policy: {{ignore: [{finding.rule}]}} {words['plan']}"


def _paint(text: str, code: str, color: bool) -> str:
    return f"\x1b[{code}m{text}\x1b[0m" if color else text


def report_text(report: Report, *, lang: str = "en", color: bool = False) -> str:
    """One block per finding (place, severity, rule, message, hint) and a summary."""
    words = _WORDS.get(lang, _WORDS["en"])
    lines = []
    for finding in report:
        place = finding.file or ""
        if finding.line is not None:
            place += f":{finding.line}"
        where = finding.where or "plan"
        severity = _paint(words[finding.severity.value], _COLOURS[finding.severity], color)
        head = f"{place}: " if place else ""
        lines.append(f"{head}{severity}[{finding.rule}] {where}: {finding.message}")
        lines.append(f"    {words['hint']}: {finding.hint}")
        lines.append(f"    {words['silence']}: {_silence(finding, words)}")
    counts = report.summary()
    if not report:
        lines.append(words["clean"])
    else:
        lines.append(
            f"{counts['error']} {words['errors'] if counts['error'] != 1 else words['error']}, "
            f"{counts['warning']} "
            f"{words['warnings'] if counts['warning'] != 1 else words['warning']}, "
            f"{counts['info']} {words['info']}"
        )
    return "\n".join(lines) + "\n"
