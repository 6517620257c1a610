"""The ``okrkit`` command (cli.md).

Exit status: 0 when all is well, 1 when ``check`` finds an error-level finding,
2 when a file cannot be read as a plan or the command is used wrongly. No
traceback reaches the user for bad input.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import sys
from collections.abc import Sequence
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TextIO

from okrkit._graph import LABEL_WIDTH
from okrkit._version import __version__
from okrkit.exceptions import OkrkitError, PlanFileError, Problem


if TYPE_CHECKING:
    from okrkit._model import Plan


__all__ = ["main"]

EXIT_OK, EXIT_FINDINGS, EXIT_BAD_INPUT = 0, 1, 2


class _UsageError(Exception):
    """Bad usage: reported with exit status 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        """Report bad usage as cli.md says: a message and exit status 2, no traceback."""
        self.print_usage(sys.stderr)
        raise _UsageError(f"{self.prog}: {message}")


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
    return [part.strip() for part in text.split(",") if part.strip()]


def _sniff(text: str) -> str:
    """The format of a plan given on standard input."""
    stripped = text.lstrip()
    if stripped.startswith("{"):
        return "json"
    for line in stripped.splitlines()[:50]:
        if line.strip().startswith("okrkit") and "=" in line.split("#", 1)[0]:
            return "toml"
    return "yaml"


def _read_plan(path: str) -> Any:
    from okrkit._files._io import decode, load, loads  # noqa: PLC0415

    if path == "-":
        raw = sys.stdin.buffer.read()
        text = decode(raw, "<stdin>")
        return loads(text, format=_sniff(text), name="<stdin>")  # type: ignore[arg-type]
    return load(path)


def _print_problems(error: PlanFileError, stream: TextIO) -> None:
    for problem in error.problems:
        print(str(problem), file=stream)


def _use_color(stream: TextIO) -> bool:
    return stream.isatty() and "NO_COLOR" not in os.environ


# --- commands ------------------------------------------------------------------------------


def _lang(args: argparse.Namespace, plan: Plan | None = None) -> str:
    """The language of messages: --lang, the plan's, the locale's, else English."""
    return args.lang or (plan.lang if plan is not None else None) or _lang_from_locale() or "en"


def _cmd_check(args: argparse.Namespace) -> int:
    from okrkit._api import check  # noqa: PLC0415
    from okrkit._files._config import load_policy  # noqa: PLC0415
    from okrkit._findings import Report  # noqa: PLC0415
    from okrkit._render_text import report_text  # noqa: PLC0415

    status = EXIT_OK
    findings: list[Any] = []
    problems: list[Problem] = []
    as_of = args.as_of or _today()
    texts = []
    lang = args.lang
    for path in args.paths:
        try:
            plan = _read_plan(path)
        except PlanFileError as exc:
            _print_problems(exc, sys.stderr)
            problems.extend(exc.problems)
            status = EXIT_BAD_INPUT
            continue
        lang = _lang(args, plan)
        base = load_policy(args.config, start=path if path != "-" else ".")
        report = check(
            plan, as_of=as_of, lang=lang, policy=base, select=args.select, ignore=args.ignore,
            strict=args.strict or None,
        )  # fmt: skip
        findings.extend(report.findings)
        if not report.ok and status == EXIT_OK:
            status = EXIT_FINDINGS
        if args.format == "text":
            texts.append(report_text(report, lang=lang, color=_use_color(sys.stdout)))
    if args.format == "json":
        print(Report(findings).to_json())
    elif args.format in ("github", "sarif"):
        import json  # noqa: PLC0415

        from okrkit._ci import github_commands, sarif_log  # noqa: PLC0415

        lang = lang or _lang(args)
        if args.format == "github":
            sys.stdout.write(github_commands(findings, problems, lang=lang))
        else:
            print(json.dumps(sarif_log(findings, problems, lang=lang), ensure_ascii=False))
    else:
        sys.stdout.write("".join(texts))
    return status


def _cmd_score(args: argparse.Namespace) -> int:
    import json  # noqa: PLC0415

    from okrkit._api import score  # noqa: PLC0415
    from okrkit._render_text import score_text  # noqa: PLC0415

    status = EXIT_OK
    as_of = args.as_of or _today()
    documents: list[dict[str, Any]] = []
    texts: list[str] = []
    for path in args.paths:
        try:
            plan = _read_plan(path)
        except PlanFileError as exc:
            _print_problems(exc, sys.stderr)
            status = EXIT_BAD_INPUT
            continue
        card = score(plan, as_of=as_of, rollup=args.rollup, forecasts=args.forecast)
        name = "<stdin>" if path == "-" else path
        if args.format == "json":
            documents.append({"file": name, **card.to_dict()})
        else:
            text = score_text(card, lang=_lang(args, plan), color=_use_color(sys.stdout))
            texts.append(text if len(args.paths) == 1 else f"==> {name} <==\n{text}")
    if args.format != "json":
        sys.stdout.write("\n".join(texts))
    elif len(args.paths) == 1:
        if documents:  # one plan: the document cli.md describes, as before
            documents[0].pop("file")
            print(json.dumps(documents[0], ensure_ascii=False))
    else:
        print(json.dumps({"plans": documents}, ensure_ascii=False))
    return status


def _cmd_report(args: argparse.Namespace) -> int:
    from okrkit._report import report_html, report_markdown  # noqa: PLC0415

    plan = _read_plan(args.path)
    render = report_html if args.format == "html" else report_markdown
    lang = _lang(args, plan)
    text = render(plan, as_of=args.as_of or _today(), lang=lang)
    return _write(text, args.output, "report")


def _cmd_graph(args: argparse.Namespace) -> int:
    from okrkit._graph import to_dot, to_mermaid  # noqa: PLC0415

    plan = _read_plan(args.path)
    draw = to_dot if args.format == "dot" else to_mermaid
    sys.stdout.write(draw(plan, label_width=args.label_width or None))
    return EXIT_OK


def _cmd_parse(args: argparse.Namespace) -> int:
    import json  # noqa: PLC0415

    from okrkit._text import read_statement, reading_to_dict  # noqa: PLC0415

    lines = args.text if args.text else (line.rstrip("\r\n") for line in sys.stdin)
    for line in lines:
        reading = read_statement(line, lang=args.lang)
        if args.format == "json":
            print(json.dumps(reading_to_dict(reading), ensure_ascii=False))
        else:
            print(reading.explain())
    return EXIT_OK


def _cmd_rules(args: argparse.Namespace) -> int:
    import json  # noqa: PLC0415

    from okrkit._labels import labels  # noqa: PLC0415
    from okrkit._reference import rule_reference, rules_table  # noqa: PLC0415

    if args.format == "markdown":
        sys.stdout.write(rule_reference())
    elif args.format == "json":
        print(json.dumps(rules_table(), ensure_ascii=False, indent=2))
    else:
        lang = _lang(args)
        words = labels(lang)
        for row in rules_table():
            why = row["why"].get(lang) or row["why"].get("en", "")
            print(f"{row['id']:28} {words[row['severity']]:8} {why}")
    return EXIT_OK


def _cmd_schema(args: argparse.Namespace) -> int:
    import json  # noqa: PLC0415

    from okrkit._files._schema import plan_schema  # noqa: PLC0415

    text = json.dumps(plan_schema(), ensure_ascii=False, indent=2) + "\n"
    return _write(text, args.output, "schema")


def _write(text: str, output: str | None, command: str) -> int:
    """*text* to standard output, or to the file *output*."""
    if output is None:
        sys.stdout.write(text)
        return EXIT_OK
    try:
        Path(output).write_text(text, encoding="utf-8")
    except OSError as exc:
        print(f"okrkit {command}: cannot write {output}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    return EXIT_OK


_STARTER = {"en": "starter-en.yaml", "es": "starter-es.yaml"}


def _cmd_init(args: argparse.Namespace) -> int:
    lang = _lang(args)
    template = resources.files("okrkit").joinpath("_templates", _STARTER[lang]).read_text("utf-8")
    text = template.replace("{period}", _next_quarter(_today()))
    if args.path is None:
        sys.stdout.write(text)
        return EXIT_OK
    target = Path(args.path)
    if target.exists():
        print(f"okrkit init: {args.path} already exists; choose another name", file=sys.stderr)
        return EXIT_BAD_INPUT
    try:
        with target.open("x", encoding="utf-8") as handle:
            handle.write(text)
    except OSError as exc:
        print(f"okrkit init: cannot write {args.path}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    return EXIT_OK


def _next_quarter(today: dt.date) -> str:
    """The quarter after *today*'s: a starter plan is drafted before its period runs."""
    quarter = (today.month - 1) // 3 + 2
    year = today.year + (quarter > 4)
    return f"{year}-Q{(quarter - 1) % 4 + 1}"


# --- the parser ----------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    """The ``okrkit`` argument parser, with every command of cli.md."""
    parser = _Parser(
        prog="okrkit",
        description="Check, score and read OKR plans (objectives and key results).",
    )
    parser.add_argument("--version", action="version", version=f"okrkit {__version__}")
    commands = parser.add_subparsers(dest="command", parser_class=_Parser)

    check = commands.add_parser("check", help="run every rule on one or more plans")
    check.add_argument("paths", nargs="+", metavar="PATH", help="plan files, or - for stdin")
    check.add_argument("--format", choices=("text", "json", "github", "sarif"), default="text")
    check.add_argument("--strict", action="store_true", help="report warnings as errors")
    check.add_argument("--as-of", type=_date, metavar="DATE", help="today's date (default: today)")
    check.add_argument("--select", type=_rule_list, metavar="RULE,...", help="run only these rules")
    check.add_argument("--ignore", type=_rule_list, metavar="RULE,...", help="skip these rules")
    check.add_argument("--lang", choices=("en", "es"), help="language of messages")
    check.add_argument(
        "--config", metavar="PYPROJECT",
        help="take [tool.okrkit] from this file (default: the nearest pyproject.toml)",
    )  # fmt: skip
    check.set_defaults(run=_cmd_check)

    score = commands.add_parser("score", help="progress, score, pacing and status")
    score.add_argument("paths", nargs="+", metavar="PATH", help="plan files, or - for stdin")
    score.add_argument("--as-of", type=_date, metavar="DATE", help="today's date (default: today)")
    score.add_argument("--format", choices=("text", "json"), default="text")
    score.add_argument("--lang", choices=("en", "es"), help="language of the text")
    score.add_argument("--rollup", action="store_true", help="weigh aligned objectives in")
    score.add_argument("--forecast", action="store_true", help="add each key result's trend")
    score.set_defaults(run=_cmd_score)

    report = commands.add_parser("report", help="a readable report: Markdown or HTML")
    report.add_argument("path", metavar="PATH", help="a plan file, or - for stdin")
    report.add_argument("--as-of", type=_date, metavar="DATE", help="today's date (default: today)")
    report.add_argument("--format", choices=("markdown", "html"), default="markdown")
    report.add_argument("-o", "--output", metavar="FILE", help="write here (default: stdout)")
    report.add_argument("--lang", choices=("en", "es"), help="language of the report")
    report.set_defaults(run=_cmd_report)

    graph = commands.add_parser("graph", help="the causality graph: Mermaid or DOT")
    graph.add_argument("path", metavar="PATH", help="a plan file, or - for stdin")
    graph.add_argument("--format", choices=("mermaid", "dot"), default="mermaid")
    graph.add_argument(
        "--label-width", type=_label_width, default=LABEL_WIDTH, metavar="N",
        help=f"cut labels at N characters (default: {LABEL_WIDTH}; 0: never cut)",
    )  # fmt: skip
    graph.set_defaults(run=_cmd_graph)

    parse = commands.add_parser("parse", help="read key-result statements")
    parse.add_argument("text", nargs="*", metavar="TEXT", help="statements (default: stdin lines)")
    parse.add_argument("--lang", choices=("en", "es"), help="language when detection is unsure")
    parse.add_argument("--format", choices=("text", "json"), default="text")
    parse.set_defaults(run=_cmd_parse)

    rules = commands.add_parser("rules", help="list the rules check runs")
    rules.add_argument("--format", choices=("text", "json", "markdown"), default="text")
    rules.add_argument("--lang", choices=("en", "es"))
    rules.set_defaults(run=_cmd_rules)

    schema = commands.add_parser("schema", help="the JSON Schema of plan files, for editors")
    schema.add_argument("-o", "--output", metavar="FILE", help="write here (default: stdout)")
    schema.set_defaults(run=_cmd_schema)

    init = commands.add_parser("init", help="write a commented starter plan")
    init.add_argument("path", nargs="?", metavar="PATH", help="where to write it (default: stdout)")
    init.add_argument("--lang", choices=("en", "es"))
    init.set_defaults(run=_cmd_init)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    for stream in (sys.stdout, sys.stderr):
        # A terminal that cannot show a character gets an escape, never a traceback.
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="backslashreplace")
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
        if args.command is None:
            parser.print_help(sys.stderr)
            return EXIT_BAD_INPUT
        status: int = args.run(args)
    except _UsageError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_BAD_INPUT
    except PlanFileError as exc:
        _print_problems(exc, sys.stderr)
        return EXIT_BAD_INPUT
    except OkrkitError as exc:
        print(f"okrkit: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        sys.stderr.close()
        return EXIT_OK
    sys.stdout.flush()
    return status
