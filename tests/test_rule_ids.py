"""Rule ids given by people are refused when no rule has them (rules.md, "Rule ids
given by people"): a typo in --select must never make a check pass in silence."""

from __future__ import annotations

import json
import pickle
import re
from pathlib import Path

import pytest

import okrkit
from okrkit import Policy
from okrkit._cli import main
from okrkit.exceptions import OkrkitError, PlanFileError, UnknownRuleError


PLAN = """\
okrkit: 1
period: 2026-Q1
objectives:
  - id: meta
    title: Cumplir la meta de ventas
    key_results:
      - id: ciclo
        metric: ciclo de venta
        direction: decrease
        baseline: 35 day
        target: 26 day
"""
"""A plan with no owner: missing-owner is an error, so a working --select fails it."""


def plan() -> okrkit.Plan:
    return okrkit.loads(PLAN, name="plan.yaml")


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


class TestTheApi:
    def test_a_typo_in_select_is_refused_with_the_nearest_id(self) -> None:
        """check(select=) with a misspelt id raises, naming the id and the one meant."""
        with pytest.raises(UnknownRuleError) as info:
            okrkit.check(plan(), select=["missing-ownr"])

        assert info.value.rule == "missing-ownr"
        assert info.value.nearest == "missing-owner"
        assert "'missing-ownr'" in str(info.value)
        assert "did you mean 'missing-owner'?" in str(info.value)
        assert "check(select=...)" in str(info.value)

    def test_a_typo_in_ignore_is_refused(self) -> None:
        """check(ignore=) refuses an id no rule has, like select."""
        with pytest.raises(UnknownRuleError, match=re.escape("check(ignore=...)")):
            okrkit.check(plan(), ignore=["missing-owner", "no-such-rule"])

    def test_the_error_is_a_value_error_and_pickles(self) -> None:
        """Callers can catch ValueError or OkrkitError, and send the error between processes."""
        with pytest.raises(ValueError, match="missing-ownr") as info:
            okrkit.check(plan(), select=["missing-ownr"])

        assert isinstance(info.value, OkrkitError)
        again = pickle.loads(pickle.dumps(info.value))
        assert str(again) == str(info.value)
        assert again.nearest == "missing-owner"

    def test_nothing_near_says_so(self) -> None:
        """An id like no other still says where it came from and where the ids are listed."""
        with pytest.raises(UnknownRuleError) as info:
            okrkit.check(plan(), select=["zzzzzzzz"])

        assert info.value.nearest is None
        assert "okrkit rules" in str(info.value)

    @pytest.mark.parametrize(
        ("options", "source"),
        [
            ({"severities": {"missing-ownr": "off"}}, "Policy.severities"),
            ({"ignore": ["missing-ownr"]}, "Policy.ignore"),
            ({"select": ["missing-ownr"]}, "Policy.select"),
        ],
    )
    def test_a_policy_naming_an_unknown_rule_is_refused(
        self, options: dict[str, object], source: str
    ) -> None:
        """A Policy's severities, ignore and select name rules too."""
        with pytest.raises(UnknownRuleError, match=re.escape(source)):
            okrkit.check(plan(), policy=Policy(**options))  # type: ignore[arg-type]

    def test_a_plans_own_policy_is_checked_with_its_file(self) -> None:
        """policy: in a plan file names rules; the error names the file and the line."""
        with pytest.raises(UnknownRuleError) as info:
            okrkit.check(
                okrkit.loads("policy: {ignore: [too-few-key-result]}\n" + PLAN, name="plan.yaml")
            )

        assert info.value.nearest == "too-few-key-results"
        assert str(info.value).startswith("plan.yaml:1: ")

    def test_an_ignore_on_an_objective_names_the_file_and_line(self) -> None:
        """ignore: on an objective is refused at check time, located in the file."""
        text = PLAN.replace("    title:", "    ignore: [missing-ownr]\n    title:")

        with pytest.raises(UnknownRuleError) as info:
            okrkit.check(okrkit.loads(text, name="plan.yaml"))

        assert str(info.value).startswith("plan.yaml:4: ")
        assert "objective meta" in str(info.value)
        assert info.value.line == 4

    def test_an_ignore_on_a_key_result_from_the_dsl(self) -> None:
        """The DSL's .ignoring() is checked the same way, in the plan's language."""
        item = okrkit.reduce("ciclo de venta", from_="35 day", to="26 day").with_id("ciclo")
        built = okrkit.plan("Ventas", period="2026-Q1", lang="es").with_objectives(
            okrkit.objective("Crecer", id="meta", owner="ventas").measured_by(
                item.ignoring("stale-checkin")
            )
        )

        with pytest.raises(UnknownRuleError) as info:
            okrkit.check(built)

        assert "resultado clave meta/ciclo" in str(info.value)
        assert "¿quisiste decir 'stale-checkins'?" in str(info.value)

    def test_a_huge_id_is_shown_shortened(self) -> None:
        """An id of a million characters gives a message of a line, not a megabyte."""
        with pytest.raises(UnknownRuleError) as info:
            okrkit.check(plan(), select=["x" * 1_000_000])

        assert len(str(info.value)) < 300
        assert len(info.value.rule) == 1_000_000

    def test_known_ids_still_work(self) -> None:
        """Correct ids select, ignore and silence as before; a string is a comma list."""
        assert [f.rule for f in okrkit.check(plan(), select=["missing-owner"])] == ["missing-owner"]
        assert [f.rule for f in okrkit.check(plan(), select="missing-owner")] == ["missing-owner"]
        assert "missing-owner" not in {
            f.rule for f in okrkit.check(plan(), ignore=["missing-owner"])
        }

    def test_a_rule_registered_later_is_known_then(self) -> None:
        """Custom rules count from the moment they are registered."""
        policy = Policy(severities={"team-rule": "error"})
        with pytest.raises(UnknownRuleError):
            okrkit.check(plan(), policy=policy)

        @okrkit.rule("team-rule", severity="info", message="team", hint="fix it")
        def team_rule(ctx):  # type: ignore[no-untyped-def]
            yield from ()

        try:
            assert okrkit.check(plan(), policy=policy, select=["team-rule"]).findings == ()
        finally:
            okrkit.rules.unregister_rule("team-rule")

    def test_a_policys_plugin_rules_are_known(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Ids of rules a policy's plugins register are known once the plugins load."""
        (tmp_path / "ids_team_rules.py").write_text(
            "import okrkit\n"
            "@okrkit.rule('ids-team-rule', severity='warning', message='m', hint='h')\n"
            "def check(ctx):\n"
            "    yield from ()\n"
        )
        monkeypatch.syspath_prepend(str(tmp_path))
        policy = Policy(plugins=["ids_team_rules"], severities={"ids-team-rule": "error"})
        try:
            assert okrkit.check(plan(), policy=policy, select=["ids-team-rule"]).findings == ()
        finally:
            okrkit.rules.unregister_rule("ids-team-rule")


class TestConfiguration:
    def test_tool_okrkit_naming_an_unknown_rule_is_refused(self, tmp_path: Path) -> None:
        """[tool.okrkit] is read with its rule ids checked, naming the file."""
        path = tmp_path / "pyproject.toml"
        path.write_text('[tool.okrkit.severities]\n"too-many-key-result" = "off"\n')

        with pytest.raises(UnknownRuleError) as info:
            okrkit.load_policy(path)

        assert info.value.file == str(path)
        assert "[tool.okrkit] severities" in str(info.value)
        assert info.value.nearest == "too-many-key-results"

    def test_other_config_errors_are_still_file_errors(self, tmp_path: Path) -> None:
        """A bad threshold stays a PlanFileError, as before."""
        path = tmp_path / "pyproject.toml"
        path.write_text("[tool.okrkit.thresholds]\nstale_days = 3\n")

        with pytest.raises(PlanFileError):
            okrkit.load_policy(path)


class TestTheCommandLine:
    @pytest.fixture
    def path(self, tmp_path: Path) -> Path:
        found = tmp_path / "plan.yaml"
        found.write_text(PLAN)
        return found

    @pytest.mark.parametrize("flag", ["--select", "--ignore"])
    def test_a_typo_in_a_flag_exits_2_with_the_nearest_id(
        self, capsys: pytest.CaptureFixture[str], path: Path, flag: str
    ) -> None:
        """okrkit check --select missing-ownr is bad usage, not "no findings"."""
        status, out, err = run(capsys, "check", str(path), flag, "missing-owner,missing-ownr")

        assert status == 2
        assert "no findings" not in out
        assert f"'missing-ownr' in {flag}" in err
        assert "'missing-owner'" in err
        assert "Traceback" not in err

    @pytest.mark.parametrize("flag", ["--select", "--ignore"])
    def test_an_empty_flag_is_bad_usage(
        self, capsys: pytest.CaptureFixture[str], path: Path, flag: str
    ) -> None:
        """--select "" would run no rule at all and pass: it is refused."""
        status, out, err = run(capsys, "check", str(path), flag, " , ")

        assert status == 2
        assert "no findings" not in out
        assert "expected rule ids" in err

    def test_the_flag_error_speaks_spanish(
        self, capsys: pytest.CaptureFixture[str], path: Path
    ) -> None:
        """With --lang es the refusal is in Spanish."""
        status, _, err = run(capsys, "check", str(path), "--select", "missing-ownr", "--lang", "es")

        assert status == 2
        assert "id de regla desconocido 'missing-ownr'" in err

    def test_an_ignore_in_the_plan_exits_2_at_its_line(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """A plan's ignore: naming no rule exits 2 with file:line; other plans still run."""
        bad = tmp_path / "bad.yaml"
        bad.write_text(
            PLAN.replace(
                "        target: 26 day", "        target: 26 day\n        ignore: [stale-checkin]"
            )
        )
        good = tmp_path / "good.yaml"
        good.write_text(PLAN)

        status, out, err = run(capsys, "check", str(bad), str(good), "--as-of", "2026-02-15")

        assert status == 2
        assert err.startswith(f"{bad}:7: unknown rule id 'stale-checkin'")
        assert "missing-owner" in out

    def test_an_ignore_in_the_plan_is_an_annotation_in_ci(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """--format github reports the refused id as an error at the plan's line."""
        bad = tmp_path / "bad.yaml"
        bad.write_text(PLAN.replace("    title:", "    ignore: [missing-ownr]\n    title:"))

        status, out, _ = run(capsys, "check", str(bad), "--format", "github")

        assert status == 2
        assert out.startswith(f"::error file={bad},line=4,")
        assert "'missing-owner'" in out

    def test_tool_okrkit_exits_2(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path, path: Path
    ) -> None:
        """An unknown id in [tool.okrkit] exits 2 naming pyproject.toml."""
        (tmp_path / "pyproject.toml").write_text('[tool.okrkit]\nignore = ["missing-ownr"]\n')

        status, out, err = run(capsys, "check", str(path))

        assert status == 2
        assert "pyproject.toml" in err
        assert "'missing-owner'" in err
        assert "no findings" not in out


# --- a selection of no rule at all ---------------------------------------------------------


def refused(text: str) -> list[str]:
    """The problems reading *text* as plan.yaml gives."""
    with pytest.raises(PlanFileError) as info:
        okrkit.loads(text, name="plan.yaml")
    return [str(problem) for problem in info.value.problems]


NOTHING = [[], (), "", " ", " , "]
"""Ways of writing a select that names no rule."""


class TestAnEmptySelect:
    """select names the rules that run: naming none would run none and pass every
    plan, so it is refused wherever a select is given, by the same words."""

    @pytest.mark.parametrize("nothing", NOTHING, ids=repr)
    def test_check_refuses_it(self, nothing: object) -> None:
        with pytest.raises(okrkit.InvalidValueError, match="at least one rule id") as info:
            okrkit.check(plan(), select=nothing)  # type: ignore[arg-type]

        assert str(info.value).startswith("check(select): ")
        assert "leave select out to run every rule" in str(info.value)

    @pytest.mark.parametrize("nothing", NOTHING, ids=repr)
    def test_a_policy_refuses_it(self, nothing: object) -> None:
        with pytest.raises(okrkit.InvalidValueError, match="at least one rule id"):
            Policy(select=nothing)  # type: ignore[arg-type]
        with pytest.raises(okrkit.InvalidValueError, match="at least one rule id"):
            Policy.from_mapping({"select": nothing})

    def test_a_plan_refuses_it_at_its_line(self) -> None:
        assert refused("okrkit: 1\npolicy:\n  select: ''\nobjectives: []\n") == [
            "plan.yaml:3:11: select: expected at least one rule id, like missing-owner, "
            "got ''; leave select out to run every rule"
        ]

    def test_tool_okrkit_refuses_it(self, tmp_path: Path) -> None:
        path = tmp_path / "pyproject.toml"
        path.write_text("[tool.okrkit]\nselect = []\n")

        with pytest.raises(PlanFileError, match="at least one rule id"):
            okrkit.load_policy(path)

    @pytest.mark.parametrize(
        ("policy", "pyproject"),
        [("policy: {select: ''}\n", None), ("", "[tool.okrkit]\nselect = []\n")],
        ids=["plan", "pyproject"],
    )
    def test_the_command_line_exits_2(
        self,
        capsys: pytest.CaptureFixture[str],
        tmp_path: Path,
        policy: str,
        pyproject: str | None,
    ) -> None:
        path = tmp_path / "plan.yaml"
        path.write_text(policy + PLAN)
        if pyproject is not None:
            (tmp_path / "pyproject.toml").write_text(pyproject)

        status, out, err = run(capsys, "check", str(path))

        assert status == 2
        assert "no findings" not in out
        assert "at least one rule id" in err

    def test_none_still_means_every_rule(self) -> None:
        assert Policy(select=None).select is None
        assert "missing-owner" in {f.rule for f in okrkit.check(plan(), select=None)}


# --- more about rule ids in a plan's policy and on the command line -------------------------


class TestThePlansPolicy:
    def test_an_unknown_key_is_placed_and_plugins_is_not_offered(self) -> None:
        """plugins is refused in a plan, so it is not among the keys a plan may use."""
        text = "okrkit: 1\npolicy:\n  strict: true\n  selct: [missing-owner]\nobjectives: []\n"

        assert refused(text) == [
            "plan.yaml:4:3: selct: unknown key 'selct'; did you mean 'select'? (expected one "
            "of: preset, strict, select, ignore, severities, thresholds)"
        ]

    @pytest.mark.parametrize(
        ("fmt", "text", "line"),
        [
            ("yaml", "okrkit: 1\npolicy:\n  ignore:\n    - missing-owner\n"
                     "    - stale-checkin\nobjectives: []\n", 5),
            ("yaml", "okrkit: 1\npolicy:\n  select: missing-owner,\n    stale-checkin\n"
                     "objectives: []\n", 3),
            ("yaml", "okrkit: 1\npolicy:\n  severities:\n    missing-owner: info\n"
                     "    stale-checkin: off\nobjectives: []\n", 5),
            ("json", '{"okrkit": 1,\n "policy": {"ignore": ["missing-owner",\n'
                     '   "stale-checkin"]},\n "objectives": []}\n', 3),
            ("toml", 'okrkit = 1\nobjectives = []\n[policy]\nselect = [\n  "missing-owner",\n'
                     '  "stale-checkin",\n]\n', 6),
        ],
        ids=["yaml-list", "yaml-comma-text", "yaml-severities", "json", "toml"],
    )  # fmt: skip
    def test_an_unknown_rule_id_is_placed_at_its_line(self, fmt: str, text: str, line: int) -> None:
        loaded = okrkit.loads(text, format=fmt, name=f"plan.{fmt}")  # type: ignore[arg-type]

        with pytest.raises(UnknownRuleError) as info:
            okrkit.check(loaded)

        assert info.value.line == line
        assert str(info.value).startswith(f"plan.{fmt}:{line}: unknown rule id 'stale-checkin'")

    def test_on_the_command_line_too(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        path = tmp_path / "plan.yaml"
        path.write_text("policy:\n  ignore: [missing-owner, stale-checkin]\n" + PLAN)

        status, _out, err = run(capsys, "check", str(path))

        assert status == 2
        assert err.startswith(f"{path}:2: unknown rule id 'stale-checkin' in the plan's policy")


@pytest.mark.parametrize("flag", ["--select", "--ignore"])
def test_a_repeated_flag_adds_up(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, flag: str
) -> None:
    """--select a --select b runs a and b, as --select a,b does (the same for --ignore)."""
    path = tmp_path / "plan.yaml"
    path.write_text(PLAN)
    common = ("check", str(path), "--as-of", "2026-02-15", "--format", "json")

    _, once, _ = run(capsys, *common, flag, "missing-owner,too-few-key-results")
    _, twice, _ = run(capsys, *common, flag, "missing-owner", flag, "too-few-key-results")

    assert json.loads(once) == json.loads(twice)
    rules = {finding["rule"] for finding in json.loads(twice)["findings"]}
    if flag == "--select":
        assert rules == {"missing-owner", "too-few-key-results"}
    else:
        assert not rules & {"missing-owner", "too-few-key-results"}


TYPOS = """\
okrkit: 1
title: T
period: 2026-Q1
policy:
  severities: {too-few-key-result: off}
  select: [missing-owner, kr-is-taks]
objectives:
  - id: o
    title: Grow
    owner: ana
    ignore: [too-few-key-results, objectve-has-number]
    key_results:
      - id: k
        statement: Increase leads from 10 lead to 20 lead
        owner: ana
        ignore: [kr-is-tsk]
"""
"""A plan with four rule ids that no rule has, in its policy and its ignore lists."""


class TestEveryUnknownIdAtOnce:
    def test_check_names_every_unknown_id_with_its_nearest_and_line(self) -> None:
        with pytest.raises(UnknownRuleError) as info:
            okrkit.check(okrkit.loads(TYPOS, name="plan.yaml"), as_of="2026-02-01")
        said = [(error.rule, error.nearest, error.line) for error in info.value.each]
        assert said == [
            ("too-few-key-result", "too-few-key-results", 5),
            ("kr-is-taks", "kr-is-task", 6),
            ("objectve-has-number", "objective-has-number", 8),
            ("kr-is-tsk", "kr-is-task", 13),
        ]
        assert len(str(info.value).splitlines()) == 4

    def test_the_command_line_prints_each_on_its_own_line(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        path = tmp_path / "plan.yaml"
        path.write_text(TYPOS, encoding="utf-8")
        status, _out, err = run(capsys, "check", "--isolated", str(path))
        assert status == 2
        assert [line.split(": ")[0].rsplit(":", 1)[1] for line in err.splitlines()] == [
            "5", "6", "8", "13",
        ]  # fmt: skip

    def test_every_unknown_flag_is_named(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        path = tmp_path / "plan.yaml"
        path.write_text(PLAN, encoding="utf-8")
        status, _out, err = run(
            capsys, "check", "--isolated", "--select", "missing-ownr", "--ignore", "kr-is-tsk",
            str(path),
        )  # fmt: skip
        assert status == 2
        assert err.splitlines() == [
            "okrkit: unknown rule id 'missing-ownr' in --select: did you mean 'missing-owner'? "
            "(okrkit rules lists them)",
            "okrkit: unknown rule id 'kr-is-tsk' in --ignore: did you mean 'kr-is-task'? "
            "(okrkit rules lists them)",
        ]

    def test_the_error_for_several_ids_pickles(self) -> None:
        with pytest.raises(UnknownRuleError) as info:
            okrkit.check(okrkit.loads(TYPOS), as_of="2026-02-01")
        again = pickle.loads(pickle.dumps(info.value))
        assert str(again) == str(info.value)
        assert [error.rule for error in again.each] == [error.rule for error in info.value.each]


@pytest.mark.parametrize("given", ["MISSING-OWNER", "Missing-Owner", "MISSING-OWNR"])
def test_an_id_in_another_case_is_refused_with_the_id_it_means(given: str) -> None:
    with pytest.raises(UnknownRuleError) as info:
        okrkit.check(plan(), as_of="2026-02-01", select=[given])
    assert info.value.nearest == "missing-owner"
    assert "did you mean 'missing-owner'?" in str(info.value)
