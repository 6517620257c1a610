"""okrkit: OKRs (objectives and key results) as precise, checkable Python objects.

Build plans with the fluent DSL or read them from YAML, JSON or TOML files;
check them against the method's rules; score them as of any date.

>>> import okrkit
>>> o = (okrkit.objective("Cumplir la meta de ventas del trimestre")
...      .owned_by("ventas").during("2026-Q1")
...      .measured_by(okrkit.reduce("ciclo de venta", from_="35 day", to="26 day")))
>>> o.period
Period.parse('2026-Q1')
"""

from __future__ import annotations

import importlib
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from okrkit._version import __version__


if TYPE_CHECKING:
    from okrkit._amount import Amount
    from okrkit._api import check, score
    from okrkit._cadence import Cadence
    from okrkit._cycle import CycleCalendar
    from okrkit._dsl import (
        achieve,
        at_least,
        at_most,
        decrease,
        increase,
        kr,
        link,
        objective,
        plan,
        reduce,
    )
    from okrkit._files import dump, dumps, load, loads
    from okrkit._files._config import load_policy
    from okrkit._findings import Finding, Report
    from okrkit._forecast import Forecast
    from okrkit._frames import from_frame, to_frame
    from okrkit._graph import to_dot, to_mermaid
    from okrkit._metric import MetricKind, MetricType, Polarity
    from okrkit._model import (
        CheckIn,
        Commitment,
        Direction,
        Initiative,
        KeyResult,
        Link,
        Nature,
        Objective,
        Per,
        Plan,
    )
    from okrkit._period import Calendar, Period
    from okrkit._policy import Policy, Thresholds
    from okrkit._reading import (
        Evidence,
        Figure,
        FigureRole,
        ObjectiveReading,
        Reading,
        StatementKind,
    )
    from okrkit._report import report_html, report_markdown
    from okrkit._retail import RetailCalendar
    from okrkit._rules import rule
    from okrkit._score import Grade, KeyResultScore, ObjectiveScore, Scorecard, Status
    from okrkit._sentence import okr_sentence
    from okrkit._severity import Severity
    from okrkit._text import read_statement
    from okrkit.exceptions import (
        InvalidTypeError,
        InvalidValueError,
        OkrkitError,
        PeriodError,
        PlanFileError,
        UnitError,
    )


__all__ = [
    "Amount",
    "Cadence",
    "Calendar",
    "CheckIn",
    "Commitment",
    "CycleCalendar",
    "Direction",
    "Evidence",
    "Figure",
    "FigureRole",
    "Finding",
    "Forecast",
    "Grade",
    "Initiative",
    "InvalidTypeError",
    "InvalidValueError",
    "KeyResult",
    "KeyResultScore",
    "Link",
    "MetricKind",
    "MetricType",
    "Nature",
    "Objective",
    "ObjectiveReading",
    "ObjectiveScore",
    "OkrkitError",
    "Per",
    "Period",
    "PeriodError",
    "Plan",
    "PlanFileError",
    "Polarity",
    "Policy",
    "Reading",
    "Report",
    "RetailCalendar",
    "Scorecard",
    "Severity",
    "StatementKind",
    "Status",
    "Thresholds",
    "UnitError",
    "__version__",
    "achieve",
    "at_least",
    "at_most",
    "check",
    "decrease",
    "dump",
    "dumps",
    "from_frame",
    "increase",
    "kr",
    "link",
    "load",
    "load_policy",
    "loads",
    "objective",
    "okr_sentence",
    "plan",
    "read_statement",
    "reduce",
    "report_html",
    "report_markdown",
    "rule",
    "score",
    "to_dot",
    "to_frame",
    "to_mermaid",
]

# Where each public name lives; modules load on first use so `import okrkit` stays cheap.
_HOMES = {
    "Amount": "okrkit._amount",
    "Cadence": "okrkit._cadence",
    "check": "okrkit._api",
    "score": "okrkit._api",
    "Forecast": "okrkit._forecast",
    **dict.fromkeys(("from_frame", "to_frame"), "okrkit._frames"),
    **dict.fromkeys(("to_dot", "to_mermaid"), "okrkit._graph"),
    **dict.fromkeys(("report_html", "report_markdown"), "okrkit._report"),
    "okr_sentence": "okrkit._sentence",
    **dict.fromkeys(
        ("Grade", "KeyResultScore", "ObjectiveScore", "Scorecard", "Status"), "okrkit._score"
    ),
    **dict.fromkeys(
        ("achieve", "at_least", "at_most", "decrease", "increase", "kr", "link", "objective",
         "plan", "reduce"),
        "okrkit._dsl",
    ),
    **dict.fromkeys(("dump", "dumps", "load", "loads"), "okrkit._files"),
    "load_policy": "okrkit._files._config",
    **dict.fromkeys(("Finding", "Report"), "okrkit._findings"),
    "Severity": "okrkit._severity",
    **dict.fromkeys(("MetricKind", "MetricType", "Polarity"), "okrkit._metric"),
    **dict.fromkeys(
        ("CheckIn", "Commitment", "Direction", "Initiative", "KeyResult", "Link", "Nature",
         "Objective", "Per", "Plan"),
        "okrkit._model",
    ),
    **dict.fromkeys(("Calendar", "Period"), "okrkit._period"),
    "CycleCalendar": "okrkit._cycle",
    "RetailCalendar": "okrkit._retail",
    **dict.fromkeys(("Policy", "Thresholds"), "okrkit._policy"),
    **dict.fromkeys(
        ("Evidence", "Figure", "FigureRole", "ObjectiveReading", "Reading", "StatementKind"),
        "okrkit._reading",
    ),
    "read_statement": "okrkit._text",
    "rule": "okrkit._rules",
    **dict.fromkeys(
        ("InvalidTypeError", "InvalidValueError", "OkrkitError", "PeriodError", "PlanFileError",
         "UnitError"),
        "okrkit.exceptions",
    ),
}  # fmt: skip


_SUBMODULES = frozenset(
    {"exceptions", "history", "metrics", "rules", "strategies", "tables", "text", "units"}
)


_first_use: list[Callable[[], object]] = []
"""Run once, before the first public name loads: how okrkit._hypothesis registers
its strategies without loading the model when Hypothesis is imported."""
_first_use_lock = threading.RLock()


def _run_first_use() -> None:
    with _first_use_lock:  # re-entered by the callbacks themselves, on this thread
        while _first_use:
            _first_use.pop()()


def __getattr__(name: str) -> Any:
    if _first_use:
        _run_first_use()
    if name in _SUBMODULES:
        return importlib.import_module(f"okrkit.{name}")
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'okrkit' has no attribute {name!r}")
    value = getattr(importlib.import_module(home), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
