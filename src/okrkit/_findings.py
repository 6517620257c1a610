"""Findings and reports: what the checker says about a plan.

A finding is a value (rule id, severity, place, message, hint); a report is the
collected findings of one run. Nothing is raised one finding at a time: callers
filter, count, render or compare reports, and decide what to do.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from typing import Any

import attrs

from okrkit._escape import file_name, json_dumps
from okrkit._fields import json_indent, member, of_type, optional_of_type, tuple_of
from okrkit._period_words import check_lang
from okrkit._repr import fields_repr
from okrkit._severity import Severity
from okrkit.exceptions import InvalidTypeError


__all__ = ["Finding", "Report", "Severity", "about_the_plan", "suppression"]


@attrs.frozen(repr=False)
class Finding:
    """One problem the checker found.

    ``where`` is ``""`` for the plan, ``objective-id``, ``objective-id/kr-id`` or
    ``links[3]``; ``line`` is the line in the plan file, where known.
    """

    rule: str
    severity: Severity = attrs.field(converter=Severity)
    where: str
    message: str
    hint: str
    line: int | None = None
    file: str | None = None

    def __repr__(self) -> str:
        return fields_repr(self)

    @property
    def suppression(self) -> str:
        """What to write to silence this finding where it is (plan file syntax)."""
        return suppression(self, on="on", in_plan="in the plan")

    def to_dict(self) -> dict[str, Any]:
        """The finding as ``okrkit check --format json`` writes it."""
        return {
            "file": file_name(self.file),
            "rule": self.rule,
            "severity": self.severity.value,
            "where": self.where,
            "line": self.line,
            "message": self.message,
            "hint": self.hint,
        }


def _findings(value: object) -> tuple[Finding, ...]:
    return tuple_of("Report.findings", value, Finding)


def _lang(value: object) -> str:
    return check_lang(value)


def about_the_plan(finding: Finding) -> bool:
    """Whether *finding* is about the plan or a link, not an objective or key result
    (so it cannot be silenced in place, and reports list it on its own)."""
    return not finding.where or finding.where.startswith("links[")


def suppression(finding: Finding, *, on: str, in_plan: str) -> str:
    """What to write to silence *finding*, joined by the words of a language."""
    if not about_the_plan(finding):
        return f"ignore: [{finding.rule}] {on} {finding.where}"
    return f"policy: {{ignore: [{finding.rule}]}} {in_plan}"


@attrs.frozen(repr=False)
class Report:
    """The findings of one check, in plan order.

    Iterate it, filter it, count it, render it, or compare it with another
    report to see what a change fixed and what it introduced.
    """

    findings: tuple[Finding, ...] = attrs.field(default=(), converter=_findings)
    lang: str = attrs.field(default="en", kw_only=True, converter=_lang)
    """The language the messages were written in."""

    def __repr__(self) -> str:
        from okrkit._labels import findings_count, labels  # noqa: PLC0415 - words sit outside

        return f"<Report: {findings_count(self.summary(), labels('en'))}>"

    def _repr_html_(self) -> str:
        """A rich view for notebooks (it never raises)."""
        from okrkit._notebook import html_for  # noqa: PLC0415 - rendering sits outside

        return html_for(self)

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        """A short readable text for IPython (the repr rebuilds the value)."""
        from okrkit._notebook import text_for  # noqa: PLC0415 - rendering sits outside

        printer.text(text_for(self))

    def __iter__(self) -> Iterator[Finding]:
        return iter(self.findings)

    def __len__(self) -> int:
        return len(self.findings)

    def __bool__(self) -> bool:
        return bool(self.findings)

    @property
    def errors(self) -> tuple[Finding, ...]:
        """The error-level findings: the ones that make ``okrkit check`` fail."""
        return tuple(f for f in self.findings if f.severity is Severity.ERROR)

    @property
    def ok(self) -> bool:
        """No error-level finding (warnings and info are allowed)."""
        return not self.errors

    def filter(
        self,
        *,
        severity: Severity | str | Iterable[Severity | str] | None = None,
        rule: str | Iterable[str] | None = None,
        where: str | None = None,
    ) -> Report:
        """The findings that match every criterion given.

        ``where`` matches a place and everything inside it: ``"meta-q1"`` keeps
        the objective's findings and those of its key results.
        """
        severities = _as_set("Report.filter(severity)", severity, Severity)
        rules = _as_set("Report.filter(rule)", rule, str)
        where = optional_of_type("Report.filter(where)", where, str, "a place like meta-q1")
        kept = [
            f
            for f in self.findings
            if (severities is None or f.severity in severities)
            and (rules is None or f.rule in rules)
            and (where is None or f.where == where or f.where.startswith(where + "/"))
        ]
        return Report(kept, lang=self.lang)

    def summary(self) -> dict[str, int]:
        """How many findings of each severity."""
        counts = Counter(f.severity.value for f in self.findings)
        return {s.value: counts.get(s.value, 0) for s in Severity}

    def by_rule(self) -> dict[str, int]:
        """How many findings of each rule."""
        return dict(Counter(f.rule for f in self.findings))

    def compare(self, before: Report) -> tuple[Report, Report]:
        """``(fixed, introduced)``: what *before* had that this report has not, and
        the reverse. Findings are matched by rule, place and message."""

        of_type("Report.compare(before)", before, Report, "a Report")

        def key(f: Finding) -> tuple[str, str, str]:
            return (f.rule, f.where, f.message)

        now = Counter(key(f) for f in self.findings)
        then = Counter(key(f) for f in before.findings)
        fixed_left = then - now
        new_left = now - then
        fixed, introduced = [], []
        for f in before.findings:
            if fixed_left[key(f)] > 0:
                fixed_left[key(f)] -= 1
                fixed.append(f)
        for f in self.findings:
            if new_left[key(f)] > 0:
                new_left[key(f)] -= 1
                introduced.append(f)
        return Report(fixed, lang=self.lang), Report(introduced, lang=self.lang)

    def to_dict(self) -> dict[str, Any]:
        """The report as ``okrkit check --format json`` writes it."""
        return {"findings": [f.to_dict() for f in self.findings], "summary": self.summary()}

    def to_json(self, *, indent: int | None = None) -> str:
        """The report as ``okrkit check --format json`` prints it (*indent*: None for
        one line, or 0 to 8 spaces)."""
        return json_dumps(self.to_dict(), indent=json_indent("Report.to_json(indent)", indent))

    def to_text(self) -> str:
        """The report as ``okrkit check`` prints it to a pipe, in the report's language."""
        from okrkit._render_text import report_text  # noqa: PLC0415 - rendering sits outside

        return report_text(self, lang=self.lang, color=False)


def _as_set(name: str, value: object, kind: type[Severity] | type[str]) -> set[Any] | None:
    """One choice, or several, as a set of *kind* (None: no choice made)."""
    if value is None:
        return None
    if isinstance(value, (str, kind)):
        value = [value]
    if not isinstance(value, Iterable):
        raise InvalidTypeError(name, value, f"a {kind.__name__.lower()} or a list of them")
    if kind is str:
        return set(tuple_of(name, value, str))
    return {member(name, item, Severity) for item in value}
