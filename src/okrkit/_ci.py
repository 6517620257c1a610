"""Findings as CI systems read them: GitHub Actions workflow commands and SARIF 2.1.0.

``okrkit check --format github`` prints one ``::error``/``::warning``/``::notice``
command per finding, which a GitHub Actions runner turns into an annotation on
the finding's line of the pull request. ``--format sarif`` writes one SARIF log
for code-scanning views: the rules okrkit knows (id, why, how to fix) and a result
per finding at its file and line.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Sequence
from pathlib import PurePath
from typing import Any
from urllib.parse import quote_from_bytes

from okrkit._escape import file_name, terminal
from okrkit._findings import Finding
from okrkit._reference import rules_table
from okrkit._version import __version__
from okrkit.exceptions import Problem


__all__ = ["UNREADABLE", "github_commands", "sarif_log"]

UNREADABLE = "unreadable-plan"
"""The rule id CI output gives a file that could not be read as a plan."""

_UNREADABLE_WHY = {
    "en": "A file that is not a plan cannot be checked at all; its problems are listed "
    "at their lines.",
    "es": "Un archivo que no es un plan no se puede comprobar; sus problemas se indican "
    "en su línea.",
}
_UNREADABLE_HINT = {
    "en": "fix the file so it reads as a plan (see the plan-file format)",
    "es": "corrige el archivo para que se lea como un plan (ver el formato de los planes)",
}
_GITHUB_LEVELS = {"error": "error", "warning": "warning", "info": "notice"}
_SARIF_LEVELS = {"error": "error", "warning": "warning", "info": "note"}
_BRACKET = re.compile(r"\\(?=[\[\]])|[\[\]]")
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


# --- GitHub Actions workflow commands ------------------------------------------------------


_LINE_BREAK = re.compile(r"(\r|\n)")
_LINE_BREAK_CODES = {"\r": "%0D", "\n": "%0A"}


def _data(text: str) -> str:
    """A workflow command's message: ``%``, CR and LF escaped, so it stays one command,
    and any other hidden character shown as in a terminal (the log is one)."""
    return "".join(
        _LINE_BREAK_CODES.get(part) or terminal(part).replace("%", "%25")
        for part in _LINE_BREAK.split(text)
    )


def _property(text: str) -> str:
    """A workflow command's property value: also ``:`` and ``,``, which end a property."""
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def _command(
    level: str, message: str, *, title: str, file: str | None, line: int | None,
    column: int | None = None,
) -> str:  # fmt: skip
    properties = []
    if file is not None:
        properties.append(f"file={_property(file_name(file))}")
        if line is not None:
            properties.append(f"line={line}")
            if column is not None:
                properties.append(f"col={column}")
    properties.append(f"title={_property(title)}")
    return f"::{level} {','.join(properties)}::{_data(message)}"


def github_commands(
    findings: Iterable[Finding], problems: Iterable[Problem] = (), *, lang: str = "en"
) -> str:
    """One workflow command per finding (message, then the hint on a second line) and
    per problem of a file that could not be read; one command per line."""
    hint_word = "sugerencia" if lang == "es" else "hint"
    lines = [
        _command(
            "error", problem.message, title=f"okrkit {UNREADABLE}", file=problem.file,
            line=problem.line, column=problem.column,
        )
        for problem in problems
    ]  # fmt: skip
    for finding in findings:
        lines.append(
            _command(
                _GITHUB_LEVELS[finding.severity.value],
                f"{finding.message}\n{hint_word}: {finding.hint}",
                title=f"okrkit {finding.rule}",
                file=finding.file,
                line=finding.line,
            )
        )
    return "".join(line + "\n" for line in lines)


# --- SARIF 2.1.0 ---------------------------------------------------------------------------


def _uri(file: str) -> str:
    """A file name as a SARIF artifact URI: relative paths stay relative (code scanning
    matches them to the repository), with ``/`` separators and every byte of the
    name that is unsafe in a URI percent-encoded, a byte that is not UTF-8 too
    (``y%9B.yaml``): a URI names the file by its bytes. A lone surrogate that
    stands for no byte (one given to the API) is written as :func:`file_name` does."""
    try:
        file.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        file = file_name(file)
    path = PurePath(file)
    if path.is_absolute():
        return path.as_uri()
    return quote_from_bytes(path.as_posix().encode("utf-8", "surrogateescape"), safe="/")


def _plain(text: str) -> str:
    """SARIF plain text: ``[`` and ``]`` (and a ``\\`` before one) escaped, so a plan's
    words never read as an embedded link (SARIF 2.1.0, 3.11.6)."""
    return _BRACKET.sub(r"\\\g<0>", text)


def _first_sentence(text: str) -> str:
    end = text.find(". ")
    return text if end < 0 else text[: end + 1]


def _rule(row: dict[str, Any], lang: str) -> dict[str, Any]:
    def say(texts: dict[str, str]) -> str:
        return texts.get(lang) or texts.get("en", "")

    why, hint = say(row["why"]), say(row["hint"])
    return {
        "id": row["id"],
        "shortDescription": {"text": _plain(_first_sentence(why) or row["id"])},
        "fullDescription": {"text": _plain(why or row["id"])},
        "help": {"text": _plain(f"{why}\n\n{hint}".strip())},
        "defaultConfiguration": {"level": _SARIF_LEVELS[row["severity"]]},
        "properties": {"tags": ["okr", row["category"]]},
    }


def _location(file: str | None, line: int | None, where: str = "") -> list[dict[str, Any]]:
    if file is None:
        return []
    physical: dict[str, Any] = {"artifactLocation": {"uri": _uri(file)}}
    if line is not None:
        physical["region"] = {"startLine": line}
    location: dict[str, Any] = {"physicalLocation": physical}
    if where:
        location["logicalLocations"] = [{"fullyQualifiedName": where}]
    return [location]


def _fingerprint(*parts: object) -> str:
    """What identifies a finding across runs, as Report.compare matches them: the rule,
    the file (as :func:`file_name` shows it), the place and the message, not the line."""
    return hashlib.sha256(json.dumps(parts, ensure_ascii=False).encode()).hexdigest()[:32]


def sarif_log(
    findings: Sequence[Finding], problems: Sequence[Problem] = (), *, lang: str = "en"
) -> dict[str, Any]:
    """A SARIF 2.1.0 log of one okrkit run: every rule okrkit knows, and a result per
    finding and per problem of a file that could not be read."""
    rows = rules_table()
    if problems:
        rows.append(
            {"id": UNREADABLE, "severity": "error", "category": "plan-file",
             "why": _UNREADABLE_WHY, "hint": _UNREADABLE_HINT}
        )  # fmt: skip
    index = {row["id"]: number for number, row in enumerate(rows)}
    results = []
    for problem in problems:
        location = _location(problem.file, problem.line)
        if location and problem.column is not None and problem.line is not None:
            location[0]["physicalLocation"]["region"]["startColumn"] = problem.column
        results.append(
            {
                "ruleId": UNREADABLE,
                "ruleIndex": index[UNREADABLE],
                "level": "error",
                "message": {"text": _plain(problem.message)},
                "locations": location,
                "partialFingerprints": {
                    "okrkitFinding/v1": _fingerprint(
                        UNREADABLE, file_name(problem.file), problem.message
                    )
                },
            }
        )
    for finding in findings:
        result: dict[str, Any] = {
            "ruleId": finding.rule,
            "level": _SARIF_LEVELS[finding.severity.value],
            "message": {"text": _plain(f"{finding.message}. {finding.hint}")},
            "locations": _location(finding.file, finding.line, finding.where),
            "partialFingerprints": {
                "okrkitFinding/v1": _fingerprint(
                    finding.rule, file_name(finding.file), finding.where, finding.message
                )
            },
        }
        if finding.rule in index:
            result["ruleIndex"] = index[finding.rule]
        results.append(result)
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "okrkit",
                        "version": __version__,
                        "rules": [_rule(row, lang) for row in rows],
                    }
                },
                "language": lang,
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }
