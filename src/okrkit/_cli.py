"""The ``okrkit`` command (cli.md).

Exit status: 0 when all is well, 1 when ``check`` finds an error-level finding,
2 when a file cannot be read as a plan or the command is used wrongly. No
traceback reaches the user for bad input.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import gc
import io
import math
import os
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, NoReturn, TextIO

from okrkit._collector import collector_paused
from okrkit._escape import ci_log, file_name, json_dumps, terminal
from okrkit._version import __version__
from okrkit.exceptions import (
    EXCERPT,
    OkrkitError,
    PlanFileError,
    Problem,
    UnknownRuleError,
    excerpt,
)


if TYPE_CHECKING:
    from okrkit._model import Plan
    from okrkit._policy import Policy


__all__ = ["main", "parser_for", "run"]

EXIT_OK, EXIT_FINDINGS, EXIT_BAD_INPUT = 0, 1, 2


class _UsageError(Exception):
    """Bad usage: reported with exit status 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        """Report bad usage as cli.md says: a message and exit status 2, no traceback."""
        self.print_usage(sys.stderr)
        raise _UsageError(f"{self.prog}: {message}")

    def parse_args(self, args: Any = None, namespace: Any = None) -> Any:
        """As argparse parses, but arguments nobody reads are quoted as one excerpt."""
        parsed, extras = self.parse_known_args(args, namespace)
        if extras:
            self.error(f"unrecognized arguments: {_quoted(' '.join(extras))}")
        return parsed


class _Formatter(argparse.RawDescriptionHelpFormatter):
    """argparse's help, descriptions as written, as wide as the terminal.

    argparse asks :func:`shutil.get_terminal_size` for the width, importing
    shutil and the compression modules it loads (a new interpreter pays for them
    on every command); the width is found here by the same rule."""

    def __init__(
        self, prog: str, indent_increment: int = 2, max_help_position: int = 24,
        width: int | None = None,
    ) -> None:  # fmt: skip
        width = _terminal_columns() - 2 if width is None else width
        super().__init__(prog, indent_increment, max_help_position, width)


def _terminal_columns() -> int:
    """:func:`shutil.get_terminal_size`'s columns: ``COLUMNS``, else the width of
    the terminal standard output is, else 80."""
    with contextlib.suppress(KeyError, ValueError):
        columns = int(os.environ["COLUMNS"])
        if columns > 0:
            return columns
    try:
        return os.get_terminal_size(sys.__stdout__.fileno()).columns or 80  # type: ignore[union-attr]
    except (AttributeError, ValueError, OSError):  # no standard output, or no terminal
        return 80


def _quoted(typed: str) -> str:
    """What the user typed, as a usage error quotes it: at most 40 characters."""
    return repr(excerpt(typed))


def _typed_excerpts(message: str, argv: Sequence[str]) -> str:
    """*message* quoting at most 40 characters of each argument (and of the value of
    ``--option=value``) the user typed: argparse's own messages quote them whole."""
    typed = {*argv, *(arg.partition("=")[2] for arg in argv if arg.startswith("-"))}
    for text in sorted((t for t in typed if len(t) > EXCERPT), key=len, reverse=True):
        message = message.replace(repr(text), _quoted(text)).replace(text, excerpt(text))
    return message


def _lang_from_locale() -> str | None:
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name, "")
        if value:
            return "es" if value.lower().startswith("es") else "en"
    return None


def _today() -> dt.date:
    return dt.date.today()


def _date(text: str) -> dt.date:
    try:
        if len(text) == 10:
            return dt.date.fromisoformat(text)
    except ValueError:
        pass
    raise argparse.ArgumentTypeError(f"expected a date like 2026-02-15, got {text!r}")


def _label_width(text: str) -> int:
    if text.isascii() and text.isdigit() and (int(text) == 0 or int(text) >= 2):
        return int(text)
    raise argparse.ArgumentTypeError(f"expected 0 or a whole number ≥ 2, got {text!r}")


def _rule_list(text: str) -> list[str]:
    """Rule ids separated by commas; none at all is refused for --ignore too (it is
    a slip), as the policy refuses it for --select (it would run no rule and pass)."""
    from okrkit._policy import selected_rules  # noqa: PLC0415

    try:
        return list(selected_rules("rule ids", text) or ())
    except OkrkitError:
        raise argparse.ArgumentTypeError(
            f"expected rule ids like missing-owner, got {text!r}"
        ) from None


def _sniff(text: str) -> str:
    """The format of a plan given on standard input."""
    stripped = text.lstrip()
    if stripped.startswith("{"):
        return "json"
    for line in stripped.splitlines()[:50]:
        if line.strip().startswith("okrkit") and "=" in line.split("#", 1)[0]:
            return "toml"
    return "yaml"


def _read_plan(path: str, *, max_bytes: int) -> Any:
    from okrkit._files._io import decode, load, loads  # noqa: PLC0415
    from okrkit._files._source import read_stream  # noqa: PLC0415

    if path == "-":
        raw = read_stream(sys.stdin.buffer, name="<stdin>", max_bytes=max_bytes)
        text = decode(raw, "<stdin>")
        return loads(text, format=_sniff(text), name="<stdin>")  # type: ignore[arg-type]
    return load(path, max_bytes=max_bytes)


def _print_problems(error: PlanFileError, stream: TextIO) -> None:
    for problem in error.problems:
        print(terminal(str(problem)), file=stream)


def _each_plan(
    paths: Sequence[str], max_bytes: int, failed: list[Problem]
) -> Iterator[tuple[str, Plan]]:
    """Each plan read, with its path; the problems of a file that cannot be read
    go to standard error and to *failed*, and the others are still read."""
    for path in paths:
        try:
            plan = _read_plan(path, max_bytes=max_bytes)
        except PlanFileError as exc:
            _print_problems(exc, sys.stderr)
            failed.extend(exc.problems)
            continue
        yield path, plan


def _complain(message: str) -> None:
    """An error for people on standard error, the plan's or the command line's
    text in it escaped (a file name or an argument can hold control characters)."""
    print(terminal(message), file=sys.stderr)


def _use_color(stream: TextIO) -> bool:
    return stream.isatty() and "NO_COLOR" not in os.environ


class _CiLog:
    """Standard output or error as a CI log reads it: every line goes through
    :func:`~okrkit._escape.ci_log`, so nothing the command writes (a plan's text, a
    file name, an argument) starts a workflow command. Only ``check --format github``
    writes commands, through :meth:`commands`. A line is written once it ends, and
    the unfinished last one by :meth:`end`."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self._line = ""

    def write(self, text: str) -> int:
        pending = self._line + text
        done = max(pending.rfind("\n"), pending.rfind("\r")) + 1
        if done:
            self._stream.write(ci_log(pending[:done]))
        self._line = pending[done:]
        return len(text)

    def commands(self, text: str) -> None:
        """Workflow commands, written as they are."""
        self.end()
        self._stream.write(text)

    def end(self) -> None:
        if self._line:
            line, self._line = self._line, ""
            self._stream.write(ci_log(line))

    def __getattr__(self, name: str) -> Any:  # isatty, flush, encoding, close…
        return getattr(self._stream, name)


# --- commands ------------------------------------------------------------------------------


def _lang(args: argparse.Namespace, plan: Plan | None = None) -> str:
    """The language of messages: --lang, the plan's, the locale's, else English."""
    return args.lang or (plan.lang if plan is not None else None) or _lang_from_locale() or "en"


def _config(args: argparse.Namespace, path: str) -> Policy:
    """The ``[tool.okrkit]`` policy for the plan at *path*: the file --config names,
    else the nearest trusted ``pyproject.toml`` above the plan (above the current
    folder for standard input); none with --isolated. Every command that checks
    or scores reads it here."""
    from okrkit._files._config import load_policy  # noqa: PLC0415
    from okrkit._policy import Policy  # noqa: PLC0415

    if args.isolated:
        return Policy()
    return load_policy(args.config, start=path if path != "-" else ".")


def _cmd_check(args: argparse.Namespace) -> int:
    from okrkit._api import check  # noqa: PLC0415
    from okrkit._findings import Report  # noqa: PLC0415
    from okrkit._render_text import report_text  # noqa: PLC0415

    status = EXIT_OK
    findings: list[Any] = []
    problems: list[Problem] = []
    as_of = args.as_of or _today()
    texts = []
    lang = args.lang
    history = None
    if args.history:
        if [*args.paths, *args.history].count("-") > 1:
            _complain(_ONCE[_lang(args)].format(command=args.command))
            return EXIT_BAD_INPUT
        history = _read_history(args.history, max_bytes=args.max_bytes)
        if history is None:
            return EXIT_BAD_INPUT
    for path, plan in _each_plan(args.paths, args.max_bytes, problems):
        lang = _lang(args, plan)
        base = _config(args, path)
        _refuse_unknown_flags(args, plan, base, lang)
        try:
            report = check(
                plan, as_of=as_of, lang=lang, policy=base, select=args.select,
                ignore=args.ignore, strict=args.strict or None, history=history,
            )  # fmt: skip
        except UnknownRuleError as exc:  # the plan names rules no rule has
            for unknown in exc.each:
                problem = Problem(unknown.detail, file=unknown.file, line=unknown.line)
                _complain(str(problem))
                problems.append(problem)
            status = EXIT_BAD_INPUT
            continue
        findings.extend(report.findings)
        if not report.ok and status == EXIT_OK:
            status = EXIT_FINDINGS
        if args.format == "text":
            texts.append(report_text(report, lang=lang, color=_use_color(sys.stdout)))
    status = EXIT_BAD_INPUT if problems else status
    if args.format == "json":
        print(Report(findings).to_json())
    elif args.format in ("github", "sarif"):
        from okrkit._ci import github_commands, sarif_log  # noqa: PLC0415

        lang = lang or _lang(args)
        if args.format == "github":
            commands = github_commands(findings, problems, lang=lang)
            stream = sys.stdout
            (stream.commands if isinstance(stream, _CiLog) else stream.write)(commands)
        else:
            print(json_dumps(sarif_log(findings, problems, lang=lang)))
    else:
        sys.stdout.write("".join(texts))
    return status


def _refuse_unknown_flags(args: argparse.Namespace, plan: Plan, base: Any, lang: str) -> None:
    """``--select`` and ``--ignore`` name rules (with the plugins the configuration
    and the plan load); a typo is bad usage, never a check switched off."""
    from okrkit._rules import load_plugins, refuse_all, unknown_rules  # noqa: PLC0415

    plugins = (*base.plugins, *(plan.policy.plugins if plan.policy is not None else ()))
    load_plugins(plugins)
    refuse_all(
        [
            error
            for flag, ids in (("--select", args.select), ("--ignore", args.ignore))
            for error in unknown_rules(ids or (), source=flag, lang=lang)
        ]
    )


def _cmd_score(args: argparse.Namespace) -> int:
    from okrkit._api import score  # noqa: PLC0415
    from okrkit._render_text import score_text  # noqa: PLC0415

    status = EXIT_OK
    as_of = args.as_of or _today()
    documents: list[dict[str, Any]] = []
    texts: list[str] = []
    failed: list[Problem] = []
    for path, plan in _each_plan(args.paths, args.max_bytes, failed):
        card = score(
            plan, as_of=as_of, policy=_config(args, path), rollup=args.rollup,
            forecasts=args.forecast,
        )  # fmt: skip
        name = "<stdin>" if path == "-" else file_name(path)
        if args.format == "json":
            documents.append({"file": name, **card.to_dict()})
        else:
            text = score_text(card, lang=_lang(args, plan), color=_use_color(sys.stdout))
            texts.append(text if len(args.paths) == 1 else f"==> {terminal(name)} <==\n{text}")
    status = EXIT_BAD_INPUT if failed else status
    if args.format != "json":
        sys.stdout.write("\n".join(texts))
    elif len(args.paths) == 1:
        if documents:  # one plan: the document cli.md describes, as before
            documents[0].pop("file")
            print(json_dumps(documents[0]))
    else:
        print(json_dumps({"plans": documents}))
    return status


def _cmd_report(args: argparse.Namespace) -> int:
    from okrkit._report import report_html, report_markdown  # noqa: PLC0415

    plan = _read_plan(args.path, max_bytes=args.max_bytes)
    history = None
    if args.history:
        history = _read_history(args.history, max_bytes=args.max_bytes)
        if history is None:
            return EXIT_BAD_INPUT
    render = report_html if args.format == "html" else report_markdown
    lang = _lang(args, plan)
    text = render(
        plan, as_of=args.as_of or _today(), lang=lang, policy=_config(args, args.path),
        history=history,
    )  # fmt: skip
    inputs = (args.path, *(args.history or ()), *(() if args.config is None else (args.config,)))
    return _write(text, args.output, "report", inputs=inputs)


def _read_history(paths: Sequence[str], *, max_bytes: int) -> list[Plan] | None:
    """The plans at *paths*, in order; ``None`` after every problem is reported,
    when one cannot be read: a history with a period missing would mislead."""
    plans = []
    failed = False
    for path in paths:
        try:
            plans.append(_read_plan(path, max_bytes=max_bytes))
        except PlanFileError as exc:
            _print_problems(exc, sys.stderr)
            failed = True
    return None if failed else plans


_ONCE = {
    "en": "okrkit {command}: standard input (-) can be read only once",
    "es": "okrkit {command}: la entrada estándar (-) solo se puede leer una vez",
}


def _history_of(args: argparse.Namespace) -> list[Plan] | None:
    """The plans a history command names, in order; ``None`` once a problem is
    reported (standard input named twice, or a plan that cannot be read)."""
    if args.paths.count("-") > 1:
        _complain(_ONCE[_lang(args)].format(command=args.command))
        return None
    return _read_history(args.paths, max_bytes=args.max_bytes)


def _cmd_calibration(args: argparse.Namespace) -> int:
    from okrkit._history._calibration import calibration  # noqa: PLC0415

    plans = _history_of(args)
    if plans is None:
        return EXIT_BAD_INPUT
    names = ["<stdin>" if path == "-" else file_name(path) for path in args.paths]
    result = calibration(
        plans, as_of=args.as_of or _today(), by=args.by, bins=args.bins,
        min_forecasts=args.min_forecasts, min_key_results=args.min_key_results, names=names,
        lang=_lang(args, plans[0]),
    )  # fmt: skip
    return _show(result, args.format)


def _show(result: Any, fmt: str) -> int:
    """A history command's result on standard output, in the format asked."""
    if fmt == "json":
        print(result.to_json())
    elif fmt == "markdown":
        sys.stdout.write(result.to_markdown())
    else:
        sys.stdout.write(result.to_text())
    return EXIT_OK


def _cmd_backtest(args: argparse.Namespace) -> int:
    from okrkit._history._backtest import backtest  # noqa: PLC0415

    plans = _history_of(args)
    if plans is None:
        return EXIT_BAD_INPUT
    result = backtest(
        plans, as_of=args.as_of or _today(), cut=args.cut, method=args.method, seed=args.seed,
        min_key_results=args.min_key_results, lang=_lang(args, plans[0]),
    )  # fmt: skip
    return _show(result, args.format)


def _cmd_evidence(args: argparse.Namespace) -> int:
    from okrkit._history._evidence import evidence  # noqa: PLC0415

    plans = _history_of(args)
    if plans is None:
        return EXIT_BAD_INPUT
    result = evidence(
        plans, as_of=args.as_of or _today(), match=args.match, min_pairs=args.min_pairs,
        min_periods=args.min_periods, max_lag=args.max_lag, level=args.level,
        lang=_lang(args, plans[0]),
    )  # fmt: skip
    return _show(result, args.format)


def _cmd_graph(args: argparse.Namespace) -> int:
    from okrkit._graph import to_dot, to_mermaid  # noqa: PLC0415

    plan = _read_plan(args.path, max_bytes=args.max_bytes)
    draw = to_dot if args.format == "dot" else to_mermaid
    sys.stdout.write(draw(plan, label_width=args.label_width or None))
    return EXIT_OK


def _cmd_parse(args: argparse.Namespace) -> int:
    from okrkit._files._source import read_lines  # noqa: PLC0415
    from okrkit._render_text import reading_text  # noqa: PLC0415
    from okrkit._text import read_statement, reading_to_dict  # noqa: PLC0415

    lines = args.text or read_lines(sys.stdin.buffer, name="<stdin>", max_bytes=args.max_bytes)
    for line in lines:
        reading = read_statement(line, lang=args.lang)
        if args.format == "json":
            print(json_dumps(reading_to_dict(reading)))
        else:
            sys.stdout.write(reading_text(reading))
    return EXIT_OK


def _cmd_rules(args: argparse.Namespace) -> int:
    from okrkit._labels import labels  # noqa: PLC0415
    from okrkit._reference import rule_reference, rules_table  # noqa: PLC0415

    if args.format == "markdown":  # the rules' own Markdown, hidden characters shown
        sys.stdout.write(terminal(rule_reference(), newlines=True))
    elif args.format == "json":
        print(json_dumps(rules_table(), indent=2))
    else:
        lang = _lang(args)
        words = labels(lang)
        for row in rules_table():
            why = row["why"].get(lang) or row["why"].get("en", "")
            print(terminal(f"{row['id']:28} {words[row['severity']]:8} {why}"))
    return EXIT_OK


def _cmd_schema(args: argparse.Namespace) -> int:
    from okrkit._files._schema import plan_schema  # noqa: PLC0415

    text = json_dumps(plan_schema(), indent=2) + "\n"
    return _write(text, args.output, "schema")


def _write(text: str, output: str | None, command: str, *, inputs: tuple[str, ...] = ()) -> int:
    """*text* to standard output, or to the file *output*: a regular file, and none
    of the command's *inputs* (``-`` is standard input, no file)."""
    from okrkit._files._source import write_file  # noqa: PLC0415

    if output is None:
        sys.stdout.write(text)
        return EXIT_OK
    try:
        write_file(output, text, inputs=[path for path in inputs if path != "-"])
    except PlanFileError as exc:
        for problem in exc.problems:
            _complain(f"okrkit {command}: {file_name(output)}: {problem.message}")
        return EXIT_BAD_INPUT
    return EXIT_OK


def _plan_keys(paths: list[str]) -> list[str]:
    """The key of each plan file exported: its path without the extension (the
    title's id for standard input), as typed, with / between folders."""
    from pathlib import Path  # noqa: PLC0415 - only export names keys by path

    from okrkit._files._io import FORMATS  # noqa: PLC0415

    keys = []
    for path in paths:
        stem = Path(path)
        if stem.suffix.lower() in FORMATS:
            stem = stem.with_suffix("")
        keys.append(stem.as_posix())
    return keys


def _cmd_export(args: argparse.Namespace) -> int:
    from okrkit._tables._parquet import write_parquet  # noqa: PLC0415
    from okrkit._tables._write import plan_key, to_tables  # noqa: PLC0415

    failed: list[Problem] = []
    key_of = dict(zip(args.paths, _plan_keys(args.paths), strict=True))
    plans = [
        (plan_key(plan) if path == "-" else key_of[path], plan)
        for path, plan in _each_plan(args.paths, args.max_bytes, failed)
    ]
    if failed:  # half an export is worse than none
        _complain(f"okrkit export: nothing written to {file_name(args.output)}")
        return EXIT_BAD_INPUT
    keys = [key for key, _plan in plans]
    twice = sorted({key for key in keys if keys.count(key) > 1})
    if twice:
        _complain(
            f"okrkit export: two plans have the key {twice[0]!r} (a file's path without "
            "its extension): export them one at a time, or rename one"
        )
        return EXIT_BAD_INPUT
    tables = to_tables(plans, tenant=args.tenant)
    write_parquet(tables, args.output, overwrite=args.overwrite)
    return EXIT_OK


def _cmd_import(args: argparse.Namespace) -> int:
    from okrkit._files._io import dumps, format_of  # noqa: PLC0415
    from okrkit._tables._parquet import read_parquet  # noqa: PLC0415
    from okrkit._tables._read import from_tables  # noqa: PLC0415

    fmt = "yaml" if args.output is None else format_of(args.output)
    tables = read_parquet(
        args.folder, max_bytes=args.max_bytes, max_table_bytes=args.max_table_bytes
    )
    plans = from_tables(tables)
    if args.plan is not None:
        if args.plan not in plans:
            _complain(
                f"okrkit import: {file_name(args.folder)} holds no plan {args.plan!r}: "
                f"expected one of {', '.join(map(repr, plans)) or 'none (it holds no plan)'}"
            )
            return EXIT_BAD_INPUT
        plan = plans[args.plan]
    elif len(plans) == 1:
        plan = next(iter(plans.values()))
    else:
        listed = ", ".join(repr(key) for key in list(plans)[:10])
        more = f" and {len(plans) - 10} more" if len(plans) > 10 else ""
        _complain(
            f"okrkit import: {file_name(args.folder)} holds {len(plans)} plans "
            f"({listed}{more}): pick one with --plan KEY"
            if plans
            else f"okrkit import: {file_name(args.folder)} holds no plan"
        )
        return EXIT_BAD_INPUT
    return _write(dumps(plan, format=fmt), args.output, "import")


_STARTER = {"en": "starter-en.yaml", "es": "starter-es.yaml"}


def _starter(lang: str, fmt: str) -> str:
    """The starter plan for next quarter in *fmt*: the commented YAML template, or
    its data as JSON, or as TOML under the template's opening comments."""
    from importlib import resources  # noqa: PLC0415 - only okrkit init reads a template

    template = resources.files("okrkit").joinpath("_templates", _STARTER[lang]).read_text("utf-8")
    text = template.replace("{period}", _next_quarter(_today()))
    if fmt == "yaml":
        return text
    from okrkit._files._io import data_text  # noqa: PLC0415
    from okrkit._files._yaml import read_yaml  # noqa: PLC0415

    data = read_yaml(text)[0]
    assert isinstance(data, dict)
    if fmt == "json":
        return data_text(data, "json")
    opening = text[: text.index("\nokrkit:") + 1]  # comments are comments in TOML too
    return opening + data_text(data, "toml")


def _cmd_init(args: argparse.Namespace) -> int:
    from okrkit._files._io import format_of  # noqa: PLC0415

    lang = _lang(args)
    if args.path is None:
        sys.stdout.write(_starter(lang, "yaml"))
        return EXIT_OK
    try:
        text = _starter(lang, format_of(args.path))
    except PlanFileError as exc:  # no extension, or one that names no format
        for problem in exc.problems:
            _complain(f"okrkit init: {problem}")
        return EXIT_BAD_INPUT
    from pathlib import Path  # noqa: PLC0415 - only init writes a file

    target = Path(args.path)
    if target.exists():
        _complain(f"okrkit init: {file_name(args.path)} already exists; choose another name")
        return EXIT_BAD_INPUT
    try:
        with target.open("x", encoding="utf-8") as handle:
            handle.write(text)
    except OSError as exc:
        _complain(f"okrkit init: cannot write {file_name(args.path)}: {exc.strerror or exc}")
        return EXIT_BAD_INPUT
    return EXIT_OK


def _next_quarter(today: dt.date) -> str:
    """The quarter after *today*'s: a starter plan is drafted before its period runs."""
    quarter = (today.month - 1) // 3 + 2
    year = today.year + (quarter > 4)
    return f"{year}-Q{(quarter - 1) % 4 + 1}"


# --- the parser ----------------------------------------------------------------------------


_READ_FAILED = "2  a file could not be read as a plan, or the command was used wrongly"
_NO_CONFIG = "2  a pyproject.toml found or named could not be used (it stops the command)"
_EXITS = {
    "check": ("0  no error-level finding (warnings and info do not fail)",
              "1  at least one error-level finding",
              _READ_FAILED + " (2 wins over 1)", _NO_CONFIG),
    "score": ("0  every plan was scored", _READ_FAILED + " (the others are still scored)",
              _NO_CONFIG),
    "report": ("0  the report was written", _READ_FAILED + ", or FILE cannot be written",
               _NO_CONFIG),
    "graph": ("0  the graph was written", _READ_FAILED),
    "calibration": ("0  every plan was read and the calibration written",
                    _READ_FAILED + " (nothing is written then: a history with a gap "
                    "would mislead)"),
    "backtest": ("0  every plan was read and the backtest written",
                 _READ_FAILED + " (nothing is written then: a history with a gap "
                 "would mislead)"),
    "evidence": ("0  every plan was read and the evidence written",
                 _READ_FAILED + " (nothing is written then: a history with a gap "
                 "would mislead)"),
    "parse": ("0  every statement was read (vague ones too: see issues)",
              "2  standard input was too large or not UTF-8 text, or the command was "
              "used wrongly"),
    "rules": ("0  always",),
    "schema": ("0  the schema was written", "2  FILE cannot be written"),
    "init": ("0  the plan was written",
             "2  PATH exists, cannot be written, or does not end in .yaml, .yml, .json "
             "or .toml"),
    "export": ("0  the tables were written",
               _READ_FAILED + " (then nothing is written)",
               "2  FOLDER cannot be written, holds other files, or holds tables already "
               "(see --overwrite); or pyarrow is missing (the tables extra)"),
    "import": ("0  the plan was written",
               "2  FOLDER is no folder of okrkit's tables, a table cannot be read as one, "
               "it holds several plans and --plan names none of them, FILE cannot be "
               "written; or pyarrow is missing (the tables extra)"),
}  # fmt: skip
_EXAMPLES = {
    "check": ("okrkit check okrs/*.yaml",
              "okrkit check plan.yaml --strict --as-of 2026-04-01 --lang es",
              "okrkit check plan.yaml --select missing-owner,not-measurable --format json",
              "okrkit check okrs/*/*.yaml --format github       # in a GitHub Actions step",
              "okrkit check okrs/*/*.yaml --format sarif > okrkit.sarif",
              "okrkit check okrs/2027-Q1.yaml --history okrs/2026-Q*.yaml"),
    "score": ("okrkit score plan.yaml --as-of 2026-02-15",
              "okrkit score okrs/*.yaml --format json --forecast"),
    "report": ("okrkit report plan.yaml > plan.md",
               "okrkit report plan.yaml --format html -o plan.html --lang es",
               "okrkit report plan.yaml --history okrs/2026-Q*.yaml > plan.md"),
    "calibration": ("okrkit calibration okrs/2026-Q*.yaml --as-of 2027-01-05",
                    "okrkit calibration okrs/*.yaml --by team --format json",
                    "okrkit calibration q1.yaml q2.yaml --by plan --bins distinct"),
    "backtest": ("okrkit backtest okrs/2026-Q*.yaml --as-of 2027-01-05",
                 "okrkit backtest okrs/*.yaml --cut 0.75 --method trend --format json"),
    "evidence": ("okrkit evidence okrs/2026-Q*.yaml --as-of 2027-01-05",
                 "okrkit evidence okrs/*.yaml --match id --format json",
                 "okrkit evidence q1.yaml q2.yaml q3.yaml --max-lag 8 --level 0.9"),
    "graph": ("okrkit graph plan.yaml > plan.mmd",
              "okrkit graph plan.yaml --format dot --label-width 0 | dot -Tsvg > plan.svg"),
    "parse": ('okrkit parse "Reducir el ciclo de venta de 35 días a 26 días"',
              "okrkit parse --format json < statements.txt"),
    "rules": ("okrkit rules --lang es", "okrkit rules --format markdown > rules.md"),
    "schema": ("okrkit schema -o okrs/okrkit-plan.schema.json",
               "# then, on a plan's first line:",
               "# yaml-language-server: $schema=okrkit-plan.schema.json"),
    "init": ("okrkit init okrs/2026-Q2/ventas.yaml --lang es", "okrkit init plan.toml",
             "okrkit init > plan.yaml"),
    "export": ("okrkit export okrs/*.yaml --to parquet -o warehouse/okrs",
               "okrkit export plan.yaml -o tables/ --tenant acme --overwrite"),
    "import": ("okrkit import warehouse/okrs --plan okrs/ventas -o ventas.yaml",
               "okrkit import tables/ > plan.yaml"),
}  # fmt: skip


def _epilog(name: str) -> str:
    """A command's exit statuses and examples, shown after its options."""
    lines = ["exit status:", *(f"  {line}" for line in _EXITS[name]), "", "examples:"]
    lines += [f"  {line}" for line in _EXAMPLES[name]]
    return "\n".join(lines)


def _command(commands: Any, name: str, summary: str, description: str) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = commands.add_parser(
        name, help=summary, description=description, epilog=_epilog(name),
        formatter_class=_Formatter,
    )  # fmt: skip
    return parser


def _lang_option(parser: argparse.ArgumentParser, what: str) -> None:
    parser.add_argument(
        "--lang", choices=("en", "es"),
        help=f"language of {what} (default: the plan's lang, then the locale, then en)",
    )  # fmt: skip


def _at_least_one(text: str, what: str = "a whole number") -> int:
    if text.isascii() and text.isdigit() and int(text) >= 1:
        return int(text)
    raise argparse.ArgumentTypeError(f"expected {what} ≥ 1, got {text!r}")


def _bins(text: str) -> int | str:
    if text == "distinct":
        return text
    if text.isascii() and text.isdigit() and 1 <= int(text) <= 100:
        return int(text)
    raise argparse.ArgumentTypeError(
        f"expected a whole number from 1 to 100 or distinct, got {text!r}"
    )


def _cut(text: str) -> float:
    """A share written in ASCII digits (``float`` would also read ``０.5`` and ``0_5``)."""
    share = float(text) if re.fullmatch(_DECIMAL, text) else math.nan
    if 0.05 <= share <= 0.95:
        return share
    raise argparse.ArgumentTypeError(f"expected a share from 0.05 to 0.95, got {text!r}")


_DECIMAL = r"[0-9]*\.?[0-9]+"


def _seed(text: str) -> int:
    from okrkit._history._simulate import MAX_SEED  # noqa: PLC0415

    if text.isascii() and text.isdigit() and len(text) <= 20 and int(text) <= MAX_SEED:
        return int(text)
    raise argparse.ArgumentTypeError(f"expected a whole number from 0 to {MAX_SEED}, got {text!r}")


def _at_least_four(text: str) -> int:
    if text.isascii() and text.isdigit() and int(text) >= 4:
        return int(text)
    raise argparse.ArgumentTypeError(f"expected a whole number ≥ 4, got {text!r}")


def _lag(text: str) -> int:
    if text.isascii() and text.isdigit() and 1 <= int(text) <= 26:
        return int(text)
    raise argparse.ArgumentTypeError(f"expected a whole number of weeks from 1 to 26, got {text!r}")


def _level(text: str) -> float:
    """A confidence level written in ASCII digits, as --cut."""
    level = float(text) if re.fullmatch(_DECIMAL, text) else math.nan
    if 0.5 <= level <= 0.9999:
        return level
    raise argparse.ArgumentTypeError(f"expected a level from 0.5 to 0.9999, got {text!r}")


def _byte_count(text: str) -> int:
    return _at_least_one(text, "a whole number of bytes")


def _max_bytes_option(parser: argparse.ArgumentParser, what: str = "a plan") -> None:
    from okrkit._files._source import MAX_BYTES  # noqa: PLC0415

    parser.add_argument(
        "--max-bytes", type=_byte_count, default=MAX_BYTES, metavar="N",
        help=f"refuse {what} larger than N bytes (default: 64 MiB)",
    )  # fmt: skip


def _config_options(parser: argparse.ArgumentParser) -> None:
    """--config and --isolated, for every command that checks or scores."""
    where = parser.add_mutually_exclusive_group()
    where.add_argument(
        "--config", metavar="PYPROJECT",
        help="take [tool.okrkit] from this file (default: the nearest trusted "
        "pyproject.toml above the plan)",
    )  # fmt: skip
    where.add_argument(
        "--isolated", action="store_true",
        help="read no configuration file: no [tool.okrkit] settings, no plugins from one",
    )  # fmt: skip


def _as_of_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--as-of", type=_date, metavar="DATE",
        help="the date to check or score as of, like 2026-02-15 (default: today)",
    )  # fmt: skip


def _history_inputs(parser: argparse.ArgumentParser) -> None:
    """A history command's first arguments: the plans of several periods, in order,
    and the date they are read as of."""
    parser.add_argument(
        "paths", nargs="+", metavar="PATH", help="plan files, in order, or - for stdin"
    )
    _as_of_option(parser)


def _history_outputs(parser: argparse.ArgumentParser, run: Any) -> None:
    """A history command's last options: its output's format and language, and the
    largest plan it reads; then what runs it."""
    parser.add_argument(
        "--format", choices=("text", "json", "markdown"), default="text",
        help="text for people (default), json (one document) or markdown",
    )  # fmt: skip
    _lang_option(parser, "the output")
    _max_bytes_option(parser, "a plan")
    parser.set_defaults(run=run)


def _check_arguments(check: argparse.ArgumentParser) -> None:
    check.add_argument("paths", nargs="+", metavar="PATH", help="plan files, or - for stdin")
    check.add_argument(
        "--format", choices=("text", "json", "github", "sarif"), default="text",
        help="text for people (default); json, one document; github, workflow-command "
        "annotations; sarif, a SARIF 2.1.0 log for code scanning",
    )  # fmt: skip
    check.add_argument("--strict", action="store_true", help="report every warning as an error")
    _as_of_option(check)
    check.add_argument(
        "--select", type=_rule_list, action="extend", metavar="RULE,...",
        help="run only these rules (may be given again: the lists add up)",
    )  # fmt: skip
    check.add_argument(
        "--ignore", type=_rule_list, action="extend", metavar="RULE,...",
        help="skip these rules (may be given again: the lists add up)",
    )  # fmt: skip
    check.add_argument(
        "--history", nargs="+", metavar="PLAN",
        help="plans of past periods, in order (put it last): also say where their "
        "check-ins show no evidence for a link (link-not-supported-by-history)",
    )  # fmt: skip
    _lang_option(check, "messages")
    _config_options(check)
    _max_bytes_option(check)
    check.set_defaults(run=_cmd_check)


def _score_arguments(score: argparse.ArgumentParser) -> None:
    score.add_argument("paths", nargs="+", metavar="PATH", help="plan files, or - for stdin")
    _as_of_option(score)
    score.add_argument(
        "--format", choices=("text", "json"), default="text",
        help='text for people (default) or json (several plans: {"plans": [...]})',
    )  # fmt: skip
    _lang_option(score, "the text")
    score.add_argument("--rollup", action="store_true", help="weigh aligned objectives in")
    score.add_argument("--forecast", action="store_true", help="add each key result's trend")
    _config_options(score)
    _max_bytes_option(score)
    score.set_defaults(run=_cmd_score)


def _report_arguments(report: argparse.ArgumentParser) -> None:
    report.add_argument("path", metavar="PATH", help="a plan file, or - for stdin")
    _as_of_option(report)
    report.add_argument(
        "--format", choices=("markdown", "html"), default="markdown",
        help="markdown (default) or a self-contained html page",
    )  # fmt: skip
    report.add_argument("-o", "--output", metavar="FILE", help="write here (default: stdout)")
    report.add_argument(
        "--history", nargs="+", metavar="PLAN",
        help="plans of past periods, in order: add a section on how well confidence "
        "foretold their outcomes (see okrkit calibration)",
    )  # fmt: skip
    _lang_option(report, "the report")
    _config_options(report)
    _max_bytes_option(report)
    report.set_defaults(run=_cmd_report)


def _calibration_arguments(calibrated: argparse.ArgumentParser) -> None:
    _history_inputs(calibrated)
    calibrated.add_argument(
        "--by", choices=("owner", "team", "plan"), default="owner",
        help="group forecasts by the key result's owner (default), the objective's owner "
        "(team) or the plan file",
    )  # fmt: skip
    calibrated.add_argument(
        "--bins", type=_bins, default=10, metavar="N|distinct",
        help="N equal bins of confidence from 0 to 1 (default: 10), or one per distinct value",
    )  # fmt: skip
    calibrated.add_argument(
        "--min-forecasts", type=_at_least_one, default=30, metavar="N",
        help="a group with fewer forecasts is not measured (default: 30)",
    )  # fmt: skip
    calibrated.add_argument(
        "--min-key-results", type=_at_least_one, default=5, metavar="N",
        help="nor one whose forecasts are about fewer key results (default: 5)",
    )  # fmt: skip
    _history_outputs(calibrated, _cmd_calibration)


def _backtest_arguments(tested: argparse.ArgumentParser) -> None:
    _history_inputs(tested)
    tested.add_argument(
        "--cut", type=_cut, default=0.5, metavar="SHARE",
        help="the share of each window seen, from 0.05 to 0.95 (default: 0.5)",
    )  # fmt: skip
    tested.add_argument(
        "--method", choices=("pooled", "increments", "trend", "bootstrap"), default="pooled",
        help="how the forecast is made (default: pooled)",
    )  # fmt: skip
    tested.add_argument(
        "--seed", type=_seed, default=0, metavar="N",
        help="the seed of the random draws: the same seed, the same result (default: 0)",
    )  # fmt: skip
    tested.add_argument(
        "--min-key-results", type=_at_least_one, default=10, metavar="N",
        help="a forecaster compared on fewer key results is not measured (default: 10)",
    )  # fmt: skip
    _history_outputs(tested, _cmd_backtest)


def _evidence_arguments(linked: argparse.ArgumentParser) -> None:
    _history_inputs(linked)
    linked.add_argument(
        "--match", choices=("metric", "id"), default="metric",
        help="pool links whose ends measure the same metrics (default), or only links "
        "between the same ids",
    )  # fmt: skip
    linked.add_argument(
        "--min-pairs", type=_at_least_four, default=30, metavar="N",
        help="test a lag only with at least N paired weekly changes (default: 30)",
    )  # fmt: skip
    linked.add_argument(
        "--min-periods", type=_at_least_one, default=2, metavar="N",
        help="and only when they come from at least N periods (default: 2)",
    )  # fmt: skip
    linked.add_argument(
        "--max-lag", type=_lag, default=4, metavar="WEEKS",
        help="test leads of 1 to WEEKS weeks, at most 26 (default: 4)",
    )  # fmt: skip
    linked.add_argument(
        "--level", type=_level, default=0.95, metavar="X",
        help="confidence level of the intervals, from 0.5 to 0.9999 (default: 0.95)",
    )  # fmt: skip
    _history_outputs(linked, _cmd_evidence)


def _graph_arguments(graph: argparse.ArgumentParser) -> None:
    from okrkit._graph import LABEL_WIDTH  # noqa: PLC0415

    graph.add_argument("path", metavar="PATH", help="a plan file, or - for stdin")
    graph.add_argument(
        "--format", choices=("mermaid", "dot"), default="mermaid",
        help="mermaid (default; GitHub and GitLab draw it) or Graphviz dot",
    )  # fmt: skip
    graph.add_argument(
        "--label-width", type=_label_width, default=LABEL_WIDTH, metavar="N",
        help=f"cut labels at N characters (default: {LABEL_WIDTH}; 0: never cut)",
    )  # fmt: skip
    _max_bytes_option(graph)
    graph.set_defaults(run=_cmd_graph)


def _parse_arguments(parse: argparse.ArgumentParser) -> None:
    parse.add_argument("text", nargs="*", metavar="TEXT", help="statements (default: stdin lines)")
    parse.add_argument("--lang", choices=("en", "es"), help="language when detection is unsure")
    parse.add_argument(
        "--format", choices=("text", "json"), default="text",
        help="text, the reader's decisions (default), or json, one object per line",
    )  # fmt: skip
    _max_bytes_option(parse, "standard input")
    parse.set_defaults(run=_cmd_parse)


def _rules_arguments(rules: argparse.ArgumentParser) -> None:
    rules.add_argument(
        "--format", choices=("text", "json", "markdown"), default="text",
        help="text (default), json, or markdown (the rule reference)",
    )  # fmt: skip
    rules.add_argument("--lang", choices=("en", "es"), help="language of the list")
    rules.set_defaults(run=_cmd_rules)


def _schema_arguments(schema: argparse.ArgumentParser) -> None:
    schema.add_argument("-o", "--output", metavar="FILE", help="write here (default: stdout)")
    schema.set_defaults(run=_cmd_schema)


def _init_arguments(init: argparse.ArgumentParser) -> None:
    init.add_argument("path", nargs="?", metavar="PATH",
                      help="where to write it, in the format its extension names: .yaml or "
                      ".yml, .json, .toml (default: YAML to stdout)")  # fmt: skip
    init.add_argument("--lang", choices=("en", "es"), help="language of the plan")
    init.set_defaults(run=_cmd_init)


def _export_arguments(export: argparse.ArgumentParser) -> None:
    export.add_argument("paths", nargs="+", metavar="PLAN", help="plan files, or - for stdin")
    export.add_argument(
        "--to", choices=("parquet",), default="parquet", help="the file format (parquet)"
    )
    export.add_argument(
        "-o", "--output", metavar="FOLDER", required=True,
        help="the folder to write the tables to (made if missing)",
    )  # fmt: skip
    export.add_argument("--tenant", help="the tenant column of every row (default: null)")
    export.add_argument(
        "--overwrite", action="store_true", help="write over the tables FOLDER holds already"
    )
    _max_bytes_option(export)
    export.set_defaults(run=_cmd_export)


def _import_arguments(import_: argparse.ArgumentParser) -> None:
    import_.add_argument("folder", metavar="FOLDER", help="a folder of okrkit's Parquet tables")
    import_.add_argument(
        "--plan", metavar="KEY", help="the plan to write, when the folder holds several"
    )
    import_.add_argument(
        "-o", "--output", metavar="FILE",
        help="write here, in the format its extension names: .yaml, .yml, .json, .toml "
        "(default: YAML to stdout)",
    )  # fmt: skip
    _parquet_limits(import_)
    import_.set_defaults(run=_cmd_import)


_COMMANDS: dict[str, tuple[str, str, Callable[[argparse.ArgumentParser], None]]] = {
    "check": (
        "run every rule on one or more plans",
        "Load each plan and run every rule of the method on it.",
        _check_arguments,
    ),
    "score": (
        "progress, score, pacing and status",
        "Score every key result and objective of each plan as of a date: "
        "progress, score, expected progress and status.",
        _score_arguments,
    ),
    "report": (
        "a readable report: Markdown or HTML",
        "Write a report of the plan: objectives, key results, progress and findings.",
        _report_arguments,
    ),
    "calibration": (
        "how well confidence foretold outcomes",
        "Compare the confidence stated at every check-in with whether its "
        "key result was achieved, for key results whose window has ended: "
        "the Brier score, its decomposition and a reliability curve, per "
        "owner, team or plan. Give the plans of several periods, in order.",
        _calibration_arguments,
    ),
    "backtest": (
        "how well forecasts foretold outcomes",
        "For key results whose window has ended, cut each window (half way by "
        "default), forecast the chance of reaching the target from the "
        "check-ins before the cut, and compare with what happened, beside "
        "pacing and the owners' confidence: Brier scores and the paired "
        "differences. Give the plans of several periods, in order.",
        _backtest_arguments,
    ),
    "evidence": (
        "whether history bears out the links",
        "Test each link of the plans against their check-ins: does "
        "progress on the link's from lead progress on its to, weeks "
        "later? The correlation of their weekly changes (detrended), "
        "pooled over the plans and teams that state the link, with its "
        "interval and a verdict: supported, not supported (no "
        "evidence), or not enough data. Give the plans of several "
        "periods, in order.",
        _evidence_arguments,
    ),
    "graph": (
        "the causality graph: Mermaid or DOT",
        "Draw objectives, key results, the links between them with their reasons, and alignment.",
        _graph_arguments,
    ),
    "parse": (
        "read key-result statements",
        "Read key-result statements in English or Spanish and say what each one measures.",
        _parse_arguments,
    ),
    "rules": (
        "list the rules check runs",
        "List every rule the checker runs, with its default severity and why it exists.",
        _rules_arguments,
    ),
    "schema": (
        "the JSON Schema of plan files, for editors",
        "Print the JSON Schema (draft-07) of a plan file, so editors "
        "complete and check plans as they are typed.",
        _schema_arguments,
    ),
    "init": (
        "write a commented starter plan",
        "Write a commented starter plan for next quarter.",
        _init_arguments,
    ),
    "export": (
        "plans as tables: Parquet files",
        "Write plans as okrkit's tables (docs/tables.md), one Parquet file per "
        "table, for DuckDB, Spark or a warehouse. Needs the tables extra "
        "(pyarrow).",
        _export_arguments,
    ),
    "import": (
        "tables back to a plan file",
        "Read a folder of okrkit's tables (Parquet files, as okrkit export "
        "writes them) and write one of its plans as a plan file. Needs the "
        "tables extra (pyarrow).",
        _import_arguments,
    ),
}
"""Each command: its summary, its description, and what adds its arguments."""


def parser_for(typed: Sequence[str]) -> argparse.ArgumentParser:
    """The parser of the command line *typed*: a line that starts with a command
    runs that command alone; any other (``--help``, ``--version``, a typo) gets
    every command."""
    return build_parser(only=typed[0] if typed and typed[0] in _COMMANDS else None)


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The ``okrkit`` argument parser, with every command of cli.md.

    With *only*, a command's name, that command alone: the parser of a command
    line that starts with the command, which runs that command and needs no
    other (each parser argparse builds costs a new interpreter time)."""
    parser = _Parser(
        prog="okrkit",
        description="Check, score and read OKR plans (objectives and key results) written "
        "as YAML, JSON or TOML files.",
        epilog="Run okrkit COMMAND --help for a command's options, exit statuses and "
        "examples.\n\nexit status: 0 all is well; 1 check found an error-level finding; "
        "2 a file could not be read as a plan, or bad usage.\n\nexamples:\n"
        "  okrkit init plan.yaml\n  okrkit check plan.yaml\n  okrkit score plan.yaml",
        formatter_class=_Formatter,
    )
    parser.add_argument(
        "--version", action="version", version=f"okrkit {__version__}",
        help="print the version and exit",
    )  # fmt: skip
    commands = parser.add_subparsers(
        dest="command", parser_class=_Parser, metavar="COMMAND", help="one of:"
    )
    for name, (summary, description, arguments) in _COMMANDS.items():
        if only is None or only == name:
            arguments(_command(commands, name, summary, description))
    return parser


def _parquet_limits(parser: argparse.ArgumentParser) -> None:
    """The bounds of a Parquet read (okrkit._tables._parquet's defaults, which load
    only when a command reads tables)."""
    parser.add_argument(
        "--max-bytes", type=_byte_count, default=2 << 30, metavar="N",
        help="refuse a Parquet file larger than N bytes (default: 2 GiB)",
    )  # fmt: skip
    parser.add_argument(
        "--max-table-bytes", type=_byte_count, default=8 << 30, metavar="N",
        help="refuse tables that take more than N bytes decoded (default: 8 GiB)",
    )  # fmt: skip


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    for stream in (sys.stdout, sys.stderr):
        # A terminal that cannot show a character gets an escape, never a traceback.
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="backslashreplace")
    out, err = _CiLog(sys.stdout), _CiLog(sys.stderr)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            return _run(argv)
    finally:  # the last lines, also after --help or --version
        for log in (out, err):
            with contextlib.suppress(OSError, ValueError):  # a closed pipe
                log.end()


def run() -> NoReturn:
    """The ``okrkit`` command, and ``python -m okrkit``: :func:`main`, then exit
    with its status."""
    gc.disable()
    status = main()
    # The process ends here: the collector's last pass over every object the
    # command made would only free memory the system takes back at once.
    gc.freeze()
    sys.exit(status)


def _run(argv: Sequence[str] | None) -> int:
    typed = sys.argv[1:] if argv is None else argv
    parser = parser_for(typed)
    try:
        args = parser.parse_args(argv)
        if args.command is None:
            parser.print_help(sys.stderr)
            return EXIT_BAD_INPUT
        with collector_paused():  # one command, one plan: no garbage cycle to chase
            status: int = args.run(args)
        if isinstance(sys.stdout, _CiLog):
            sys.stdout.end()
        sys.stdout.flush()
    except _UsageError as exc:
        _complain(_typed_excerpts(str(exc), typed))
        return EXIT_BAD_INPUT
    except PlanFileError as exc:
        _print_problems(exc, sys.stderr)
        return EXIT_BAD_INPUT
    except UnknownRuleError as exc:  # every unknown id, a line each
        for unknown in exc.each:
            _complain(f"okrkit: {unknown}")
        return EXIT_BAD_INPUT
    except OkrkitError as exc:
        _complain(f"okrkit: {exc}")
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        sys.stderr.close()
        return EXIT_OK
    return status
