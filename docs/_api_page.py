"""Write docs/api.md, the API reference, from okrkit's public names.

Run it from anywhere after changing what okrkit exports::

    python docs/_api_page.py            # rewrite docs/api.md
    python docs/_api_page.py --check    # exit 1 if docs/api.md is out of date

Every name in ``okrkit.__all__`` and in the ``__all__`` of each public submodule
(a module of the package whose name has no leading underscore) gets an autodoc
directive. Names are grouped by the private module that defines them; a name
from a module no group claims yet lands in "Other names", so nothing is left out.

A name that the package and a submodule both export is described in full once,
under the name of the module that defines it when that module is public
(``okrkit.exceptions.UnitError``), else under the package's name
(``okrkit.Reading``); the other entry is marked ``:no-index:`` and
``docs/conf.py`` replaces its text with a pointer to the full one.
"""

from __future__ import annotations

import argparse
import enum
import importlib
import inspect
import pkgutil
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType


PAGE = Path(__file__).resolve().parent / "api.md"
PACKAGE = "okrkit"


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


@dataclass(frozen=True)
class Group:
    """One section of the page: the names that the listed modules define."""

    title: str
    intro: str
    modules: tuple[str, ...] = ()
    submodules: tuple[str, ...] = ()
    order: tuple[str, ...] = ()
    names: tuple[str, ...] = field(default=())


GROUPS = (
    Group(
        "The package",
        "What `import okrkit` gives you. Every name below is importable from the "
        "package itself; modules load on first use.",
        names=("__version__",),
    ),
    Group(
        "The model",
        "Frozen values. Every method returns a new value, and a broken invariant raises "
        "{py:class}`~okrkit.exceptions.InvalidValueError` or "
        "{py:class}`~okrkit.exceptions.InvalidTypeError` at once.",
        modules=("okrkit._model", "okrkit._amount"),
        order=_words(
            "Plan Objective KeyResult CheckIn Initiative "
            "Link Amount Direction Nature Commitment Per"
        ),
    ),
    Group(
        "The DSL",
        "Functions that start a plan, an objective or a key result; chain their methods "
        "to finish it.",
        modules=("okrkit._dsl",),
        order=_words("plan objective kr increase decrease reduce at_least at_most achieve link"),
    ),
    Group(
        "Plan files",
        "YAML, JSON and TOML, read and written; see [plan files](plan-files.md).",
        modules=("okrkit._files",),
        order=("load", "loads", "dump", "dumps"),
    ),
    Group(
        "Checking",
        "Run the rules, read the findings, tune the policy, and add rules of your own; "
        "see [configuration](configuration.md) and the [rule reference](rules.md).",
        modules=_words(
            "okrkit._api.check okrkit._findings okrkit._severity "
            "okrkit._policy okrkit._files._config okrkit._rules"
        ),
        submodules=("rules",),
        order=_words("check Report Finding Severity Policy Thresholds load_policy rule"),
    ),
    Group(
        "Scoring and tracking",
        "Progress, pacing, forecasts and check-in cadences; see [scoring](scoring.md).",
        modules=("okrkit._api.score", "okrkit._score", "okrkit._forecast", "okrkit._cadence"),
        order=_words("score Scorecard ObjectiveScore KeyResultScore Grade Status Forecast Cadence"),
    ),
    Group(
        "History",
        "Simulated histories with planted truth, the calibration of owners' "
        "confidence, probabilistic forecasts with their backtest, and the evidence "
        "for links; see [history](history.md).",
        modules=("okrkit._history",),
        submodules=("history",),
        order=_words(
            "simulate Simulation SimulationSettings PlantedTruth calibration Calibration "
            "CalibrationGroup forecast ForecastMethod "
            "ProbabilityStatus backtest Backtest BacktestRow BacktestCase Forecaster"
        ),
    ),
    Group(
        "Reports, graphs and frames",
        "A plan shown to people and to other tools.",
        modules=_words(
            "okrkit._report okrkit._graph okrkit._frames "
            "okrkit._notebook okrkit._sentence okrkit._render_text"
        ),
    ),
    Group(
        "Plans as tables",
        "Plans as Arrow tables and Parquet files, checking and scoring at scale, and "
        "learning from history on tables (the `tables` extra; on Spark, the `spark` "
        "extra); see [plans as tables](tables.md).",
        submodules=("tables",),
        order=_words(
            "to_tables from_tables PlanTables write_parquet read_parquet check_tables "
            "check_batches score_tables TableScores calibration_tables evidence_tables "
            "backtest_tables COLUMNS Column arrow_schema"
        ),
    ),
    Group(
        "Reading statements",
        "Key-result sentences and objective titles, in English and Spanish; see "
        "[measurable key results](statements.md).",
        modules=("okrkit._reading", "okrkit._text"),
        submodules=("text",),
        order=("read_statement", "Reading", "ObjectiveReading", "Evidence", "StatementKind"),
    ),
    Group(
        "Units",
        "Physical units on a pint registry (yours, or pint's application registry);\n"
        "currencies, counted nouns and percentage points kept by okrkit, outside it.",
        modules=("okrkit._units",),
        submodules=("units",),
    ),
    Group(
        "Metric types",
        "What kind of number a key result measures, its valid range and which way is better.",
        modules=("okrkit._metric",),
        submodules=("metrics",),
        order=("MetricType", "MetricKind", "Polarity"),
    ),
    Group(
        "Periods and calendars",
        "Period labels and the calendars that read them; see [calendars](calendars.md).",
        modules=("okrkit._period", "okrkit._retail", "okrkit._cycle", "okrkit._calendars"),
        order=("Period", "Calendar", "RetailCalendar", "CycleCalendar"),
    ),
    Group(
        "Testing with Hypothesis",
        "Strategies that draw plans and their parts, for testing code built on okrkit "
        "(the `hypothesis` extra); `st.from_type(okrkit.Plan)` uses them. See "
        "[testing your code](howto/testing.md).",
        submodules=("strategies",),
    ),
    Group(
        "Exceptions",
        "Every error okrkit raises derives from {py:class}`~okrkit.exceptions.OkrkitError`.",
        modules=("okrkit.exceptions",),
        submodules=("exceptions",),
        order=_words(
            "OkrkitError InvalidValueError InvalidTypeError PlanFileError PeriodError UnitError"
        ),
    ),
)
OTHER = Group("Other names", "Names that no section above claims yet.")


def public_submodules() -> list[str]:
    """The package's public submodules, by name: ``text``, ``units``, …"""
    package = importlib.import_module(PACKAGE)
    return sorted(
        info.name
        for info in pkgutil.iter_modules(package.__path__)
        if not info.name.startswith("_")
    )


def exported(module: ModuleType) -> list[str]:
    """A module's ``__all__``; a public module without one is refused."""
    names = getattr(module, "__all__", None)
    if names is None:
        raise SystemExit(f"{module.__name__} has no __all__: say which names are public")
    return list(names)


def home_of(obj: object) -> str | None:
    """The module that defines *obj*, for classes and functions; ``None`` for values."""
    if inspect.isclass(obj) or inspect.isroutine(obj):
        return getattr(obj, "__module__", None)
    return None


def canonical(qualified: str) -> str:
    """The name under which the object called *qualified* is described in full."""
    package = importlib.import_module(PACKAGE)
    module_name, _, attribute = qualified.rpartition(".")
    obj = getattr(importlib.import_module(module_name), attribute)
    home = home_of(obj)
    if module_name == PACKAGE:
        if home is not None and home != PACKAGE and not home.split(".")[-1].startswith("_"):
            module = importlib.import_module(home)
            if attribute in getattr(module, "__all__", ()) and getattr(module, attribute) is obj:
                return f"{home}.{attribute}"
        return qualified
    if home == module_name:
        return qualified
    if attribute in getattr(package, "__all__", ()) and getattr(package, attribute) is obj:
        return f"{PACKAGE}.{attribute}"
    return qualified


def directive(qualified: str) -> str:
    """The autodoc directive, with its options, that documents *qualified*."""
    module_name, _, attribute = qualified.rpartition(".")
    obj = getattr(importlib.import_module(module_name), attribute)
    alias = canonical(qualified) != qualified
    options: list[str] = []
    if inspect.isclass(obj):
        if issubclass(obj, BaseException):
            kind = "autoexception"
            options = [":members:", ":show-inheritance:"]
        elif issubclass(obj, enum.Enum):
            kind = "autoclass"
            options = [":members:", ":undoc-members:"]
        else:
            kind = "autoclass"
            options = [":members:"]
            bases = obj.__mro__[1:-1]  # without the class itself and object
            if bases and all(base.__module__.startswith(PACKAGE) for base in bases):
                options.append(":inherited-members:")
    elif inspect.isroutine(obj):
        kind = "autofunction"
    else:
        kind = "autodata"
    if alias:
        options = [":no-index:"]
    lines = [f".. {kind}:: {qualified}"]
    lines += [f"   {option}" for option in options]
    return "\n".join(lines)


def group_of(name: str, obj: object) -> Group:
    """The section a top-level name belongs in."""
    home = home_of(obj)
    best: tuple[int, Group] | None = None
    for group in GROUPS:
        if name in group.names:
            return group
        if home is None:
            continue
        for module in group.modules:
            # "okrkit._api.check" claims one name of a module that holds several.
            if module in (f"{home}.{name}", home) or home.startswith(module + "."):
                size = len(module) + (1000 if module == f"{home}.{name}" else 0)
                if best is None or size > best[0]:
                    best = (size, group)
    return best[1] if best is not None else OTHER


def ordered(module: ModuleType, names: list[str], order: tuple[str, ...]) -> list[str]:
    """*names* in the group's chosen order first, then the rest: classes, then
    functions, then other values, each alphabetically."""

    def rank(name: str) -> tuple[int, str]:
        obj = getattr(module, name)
        kind = 0 if inspect.isclass(obj) else 1 if inspect.isroutine(obj) else 2
        return kind, name.lower()

    first = [name for name in order if name in names]
    return first + sorted((name for name in names if name not in order), key=rank)


def rst_block(directives: list[str]) -> Iterator[str]:
    yield "```{eval-rst}"
    yield "\n\n".join(directives)
    yield "```"
    yield ""


def render() -> str:
    """The text of docs/api.md for the package as it is now."""
    package = importlib.import_module(PACKAGE)
    top: dict[str, list[str]] = {}
    for name in exported(package):
        group = group_of(name, getattr(package, name))
        top.setdefault(group.title, []).append(name)
    subs: dict[str, list[str]] = {}
    for sub in public_submodules():
        owner = next((g for g in GROUPS if sub in g.submodules), OTHER)
        subs.setdefault(owner.title, []).append(sub)

    lines = [
        "# API reference",
        "",
        "<!-- Written by docs/_api_page.py from okrkit.__all__ and the public submodules'",
        "     __all__; do not edit by hand: run `python docs/_api_page.py`. -->",
        "",
        "Every public name of okrkit, from its docstrings. Names are importable from the "
        "package (`okrkit.plan`, `okrkit.Report`) or, where a section says so, from a "
        "public submodule (`okrkit.text`, `okrkit.units`, `okrkit.metrics`, "
        "`okrkit.rules`, `okrkit.strategies`, `okrkit.history`, `okrkit.exceptions`). "
        "Anything not listed here, including "
        "every module whose name starts with an underscore, is private and may change.",
        "",
    ]
    for group in (*GROUPS, OTHER):
        names = top.get(group.title, [])
        modules = subs.get(group.title, [])
        if not names and not modules:
            continue
        lines += [f"## {group.title}", "", group.intro, ""]
        entries = [f".. automodule:: {PACKAGE}"] if group is GROUPS[0] else []
        found = ordered(package, names, group.order)
        entries += [directive(f"{PACKAGE}.{name}") for name in found]
        if entries:
            lines += list(rst_block(entries))
        for sub in modules:
            module = importlib.import_module(f"{PACKAGE}.{sub}")
            found = ordered(module, exported(module), group.order)
            lines += [f"### `{PACKAGE}.{sub}`", ""]
            entries = [f".. automodule:: {PACKAGE}.{sub}"]
            entries += [directive(f"{PACKAGE}.{sub}.{name}") for name in found]
            lines += list(rst_block(entries))
    return "\n".join(lines).rstrip("\n") + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if docs/api.md is stale")
    args = parser.parse_args(argv)
    text = render()
    if args.check:
        current = PAGE.read_text(encoding="utf-8") if PAGE.exists() else ""
        if current != text:
            print(f"{PAGE} is out of date: run python docs/_api_page.py", file=sys.stderr)
            return 1
        return 0
    PAGE.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
