"""Calibration shown to people: the command, the report's section, the notebook
view and its diagram; text from a plan escaped wherever it lands."""

from __future__ import annotations

import contextlib
import io
import json
import re
import unicodedata
from html.parser import HTMLParser
from pathlib import Path

import attrs
import pytest

import okrkit
from okrkit._cli import main
from okrkit._notebook import html_for, text_for
from okrkit.history import calibration, simulate
from readers import gfm_links, markdown_tokens


ROOT = Path(__file__).resolve().parent.parent
HISTORY = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "examples" / "history").glob("*.yaml"))
AFTER = "2027-01-05"
HOSTILE = "\x1b[2J::error::x <b>bold</b> [x](javascript:y) www.example.com ##[x] \u202e|"


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(list(args))
    return status, out.getvalue(), err.getvalue()


@pytest.fixture
def at_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)


# --- the command -----------------------------------------------------------------------------


@pytest.mark.usefixtures("at_root")
class TestCommand:
    def test_json_is_the_api_s_document(self) -> None:
        status, out, err = run("calibration", *HISTORY, "--as-of", AFTER, "--by", "plan",
                               "--format", "json")  # fmt: skip

        assert (status, err) == (0, "")
        found = calibration([okrkit.load(path) for path in HISTORY], as_of=AFTER, by="plan",
                            names=HISTORY)  # fmt: skip
        assert json.loads(out) == found.to_dict()
        assert [g["name"] for g in json.loads(out)["groups"]] == HISTORY

    def test_text_names_every_owner_and_all_forecasts(self) -> None:
        status, out, _ = run("calibration", *HISTORY, "--as-of", AFTER)

        assert status == 0
        assert out.startswith("calibration as of 2027-01-05, by owner: 400 forecasts on 32 ")
        rows = [line.split()[0] for line in out.splitlines()[3:8]]
        assert rows == ["owner-1", "owner-2", "owner-3", "owner-4", "all"]

    def test_spanish_and_markdown(self) -> None:
        status, out, _ = run("calibration", *HISTORY, "--as-of", AFTER, "--lang", "es",
                             "--format", "markdown", "--by", "team")  # fmt: skip

        assert status == 0
        assert out.startswith("# Calibración\n\nAl 2027-01-05, por equipo: 400 pronósticos")
        assert "| todos | 400 | 32 | 0," in out

    def test_a_group_too_small_says_so(self) -> None:
        status, out, _ = run("calibration", *HISTORY, "--as-of", "2026-04-02",
                             "--min-key-results", "5")  # fmt: skip

        assert status == 0
        row = next(line for line in out.splitlines() if line.startswith("owner-1"))
        assert row.split() == [
            "owner-1", "24", "2", "not", "enough", "data", "(at", "least", "30", "forecasts",
            "on", "5", "key", "results)",
        ]  # fmt: skip
        assert "Left out: 24 key results still open, 0 without a period." in out

    def test_nothing_ended_yet(self) -> None:
        status, out, _ = run("calibration", HISTORY[0], "--as-of", "2026-02-01")

        assert status == 0
        assert out.endswith("\n\nno key result had ended with a stated confidence\n")

    def test_a_file_that_cannot_be_read_writes_nothing(self) -> None:
        status, out, err = run("calibration", HISTORY[0], "missing.yaml", "--as-of", AFTER)

        assert status == 2
        assert out == ""
        assert "missing.yaml" in err

    @pytest.mark.parametrize(
        ("arguments", "said"),
        [(["--bins", "0"], "--bins"), (["--bins", "wide"], "--bins"),
         (["--min-forecasts", "0"], "--min-forecasts"), (["--by", "person"], "--by")],
    )  # fmt: skip
    def test_bad_usage_is_status_two(self, arguments: list[str], said: str) -> None:
        status, out, err = run("calibration", HISTORY[0], *arguments)

        assert status == 2
        assert out == ""
        assert said in err

    def test_standard_input_is_read_once(self) -> None:
        status, _, err = run("calibration", "-", "-", "--lang", "es")

        assert status == 2
        assert "solo se puede leer una vez" in err


# --- the report --------------------------------------------------------------------------------


class TestReport:
    PLANS = simulate(teams=2, quarters=3, seed=4).plans

    def test_markdown_has_the_section_only_with_a_history(self) -> None:
        current = self.PLANS[-1]
        plain = okrkit.report_markdown(current, as_of="2026-08-15")
        with_history = okrkit.report_markdown(current, as_of="2026-08-15", history=self.PLANS[:2])

        assert "Calibration" not in plain
        assert with_history.startswith(plain.rstrip("\n"))
        section = with_history[len(plain.rstrip("\n")) :]
        assert section.startswith("\n\n## Calibration\n\nAs of 2026-08-15, by owner: 192 ")

    def test_html_has_a_table_and_a_diagram(self) -> None:
        page = okrkit.report_html(self.PLANS[-1], as_of="2026-08-15", history=self.PLANS[:2],
                                  lang="es")  # fmt: skip

        assert "<h2>Calibración</h2>" in page
        assert page.count("<svg") == 1 + 8  # the diagram, and a burn-up per key result
        _closed(page)

    def test_the_command_reads_the_history(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.chdir(tmp_path)
        paths = []
        for plan in self.PLANS:
            okrkit.dump(plan, f"{plan.period}.yaml")
            paths.append(f"{plan.period}.yaml")

        status, out, _ = run("report", paths[-1], "--as-of", "2026-08-15", "--history",
                             *paths[:2])  # fmt: skip

        assert status == 0
        assert "## Calibration" in out
        status, out, err = run("report", paths[-1], "--history", "missing.yaml")
        assert (status, out) == (2, "")
        assert "missing.yaml" in err
        status, _, err = run("report", paths[0], "-o", paths[1], "--history", paths[1])
        assert status == 2
        assert "a file this command reads" in err

    def test_a_history_of_other_things_is_refused_by_name(self) -> None:
        with pytest.raises(okrkit.InvalidTypeError, match=r"report_markdown\(history\)\[0\]"):
            okrkit.report_markdown(self.PLANS[0], as_of="2026-08-15", history=["q1.yaml"])


class _Closed(HTMLParser):
    VOID = frozenset({"meta", "br", "rect", "line", "polyline", "circle", "path"})

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []

    def handle_starttag(self, tag: str, attrs: object) -> None:
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.VOID:
            return
        assert self.stack[-1] == tag, f"</{tag}> closes {self.stack[-1:]}"
        self.stack.pop()


def _closed(page: str) -> None:
    checker = _Closed()
    checker.feed(page)
    checker.close()
    assert checker.stack in ([], ["html"], ["html", "body"])


# --- the notebook ------------------------------------------------------------------------------


def test_a_notebook_shows_the_table_and_the_diagram() -> None:
    made = simulate(teams=2, quarters=4, seed=1)
    found = calibration(made.plans, as_of=AFTER)

    shown = found._repr_html_()
    assert shown == html_for(found)
    assert shown.count("<svg") == 1
    assert "<td>owner-3</td>" in shown
    _closed(shown)
    assert text_for(found) == found.to_text()
    assert found.to_svg("owner-1").startswith('<svg role="img"')
    assert found.to_svg(found.groups[0]) == found.to_svg("owner-1")


def test_the_diagram_puts_each_bin_where_its_figures_say() -> None:
    made = simulate(teams=2, quarters=4, seed=1)
    found = calibration(made.plans, as_of=AFTER)
    svg = found.to_svg()

    dots = re.findall(r'<circle cx="([\d.]+)" cy="([\d.]+)"', svg)
    measured = [b for b in found.overall.curve if b.count]
    assert len(dots) == len(measured)
    for (x, y), piece in zip(dots, measured, strict=True):
        assert float(x) == pytest.approx(34 + 172 * (piece.mean_forecast or 0), abs=0.06)
        assert float(y) == pytest.approx(240 - 34 - 172 * (piece.observed or 0), abs=0.06)


def test_an_unmeasured_group_draws_nothing() -> None:
    made = simulate(teams=2, quarters=1, seed=1)
    found = calibration(made.plans, as_of=AFTER)

    assert found.to_svg("owner-1") == ""
    assert found.to_svg() != ""


# --- text from a plan, escaped -----------------------------------------------------------------


def _hostile_history() -> list[okrkit.Plan]:
    plans = []
    for plan in simulate(teams=1, quarters=2, seed=2).plans:
        objective = plan.objectives[0]
        items = tuple(item.owned_by(HOSTILE) for item in objective.key_results)
        hostile = objective.owned_by(HOSTILE + "team")
        plans.append(
            okrkit.Plan(HOSTILE, period=plan.period, links=plan.links,
                        objectives=(okrkit.Objective(hostile.title, id=hostile.id,
                                                     owner=hostile.owner, key_results=items),))
        )  # fmt: skip
    return plans


def _hidden(text: str) -> list[str]:
    return [c for c in text if unicodedata.category(c) in ("Cc", "Cf") and c != "\n"]


@pytest.mark.parametrize("by", ["owner", "team", "plan"])
def test_names_from_a_plan_never_act(by: str) -> None:
    found = calibration(_hostile_history(), as_of=AFTER, by=by, min_key_results=1)
    names = {g.name for g in found.groups}
    assert len(names) == (2 if by == "plan" else 1)

    text = found.to_text()
    assert not _hidden(text)
    assert not [line for line in text.splitlines() if line.lstrip().startswith("::")]
    assert "\\x1b[2J" in text

    markdown = found.to_markdown()
    tokens = markdown_tokens(markdown)
    assert not [t for t in tokens if t.type in ("html_inline", "html_block", "link_open")]
    assert gfm_links(markdown) == []
    assert not _hidden(markdown)

    page = html_for(found)
    assert "<b>bold</b>" not in page
    assert "&lt;b&gt;bold&lt;/b&gt;" in page
    _closed(page)

    document = json.loads(found.to_json())
    assert {g["name"] for g in document["groups"]} == names  # the very text, read back


def test_a_hostile_file_name_is_shown_escaped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    made = simulate(teams=1, quarters=1, seed=3)
    name = "q1\x1b]0;pwned\x07::error::x.yaml"
    okrkit.dump(made.plans[0], name)

    status, out, _ = run("calibration", name, "--as-of", AFTER, "--by", "plan",
                         "--min-key-results", "1")  # fmt: skip

    assert status == 0
    assert "\x1b" not in out
    assert "\\x1b]0;pwned\\x07::error::x.yaml" in out


# --- what is left out agrees with its count ----------------------------------------------------


@pytest.mark.parametrize(
    ("still_open", "spanish", "english"),
    [
        (1, "Fuera: 1 resultado clave aún abierto, 0 sin periodo.",
         "Left out: 1 key result still open, 0 without a period."),
        (2, "Fuera: 2 resultados clave aún abiertos, 0 sin periodo.",
         "Left out: 2 key results still open, 0 without a period."),
    ],
)  # fmt: skip
def test_the_left_out_line_agrees_with_its_count(
    still_open: int, spanish: str, english: str
) -> None:
    ended, later = simulate(teams=1, quarters=2, seed=3).plans
    objective = later.objectives[0]
    kept = attrs.evolve(objective, key_results=objective.key_results[:still_open])
    history = [ended, attrs.evolve(later, objectives=(kept,))]

    for lang, line in (("es", spanish), ("en", english)):
        found = calibration(history, as_of="2026-05-01", min_key_results=1, lang=lang)
        assert line in found.to_text()
        assert line in found.to_markdown()
