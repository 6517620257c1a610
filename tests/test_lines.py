"""Lines: every finding and problem points at the line of its own item, in every format."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given

import okrkit
from okrkit import PlanFileError
from okrkit._cli import main
from strategies import plans, tricky_ids, tricky_texts


# Key results written as people write them from a published OKR set: a statement
# each, no id, so each one is named after the metric its statement gives it.
STATEMENTS_ONLY = """\
okrkit: 1
period: 2026-Q1
objectives:
  - title: Delight our customers
    owner: support
    key_results:
      - statement: Raise the net promoter score from 30 to 45
      - statement: Answer tickets faster
      - statement: Cut the churn rate from 5% to 3%
"""


def _lines(plan: okrkit.Plan) -> dict[str, int]:
    assert plan.source is not None
    return dict(plan.source.lines)


def _problems(text: str, fmt: str) -> list[str]:
    with pytest.raises(PlanFileError) as info:
        okrkit.loads(text, format=fmt, name="plan." + fmt)
    return [str(p) for p in info.value.problems]


class TestKeyResultsWithoutIds:
    def test_each_is_placed_under_the_name_findings_use(self) -> None:
        """A key result named after its statement's metric is found at its own line."""
        plan = okrkit.loads(STATEMENTS_ONLY, name="plan.yaml")
        names = [f"delight-our-customers/{k}" for k in plan.objectives[0].key_result_keys()]

        assert [_lines(plan).get(name) for name in names] == [7, 8, 9]

    def test_every_finding_on_them_has_its_line(self) -> None:
        """The finding on the key result with no number names line 8, not just the file."""
        plan = okrkit.loads(STATEMENTS_ONLY, name="plan.yaml")

        found = [f for f in okrkit.check(plan) if f.rule == "not-measurable"]

        assert [(f.where, f.line) for f in found] == [("delight-our-customers/tickets-faster", 8)]

    def test_the_command_shows_the_line_as_text_and_json(self, tmp_path: Path, capsys) -> None:
        path = tmp_path / "plan.yaml"
        path.write_text(STATEMENTS_ONLY, encoding="utf-8")

        main(["check", str(path), "--select", "not-measurable"])
        text = capsys.readouterr().out
        main(["check", str(path), "--select", "not-measurable", "--format", "json"])
        data = json.loads(capsys.readouterr().out)

        assert f"{path}:8: error[not-measurable]" in text
        assert [f["line"] for f in data["findings"]] == [8]

    def test_objectives_with_the_same_title_keep_their_own_lines(self) -> None:
        """Two objectives named alike (a duplicate the checker reports) each keep their line."""
        text = STATEMENTS_ONLY + STATEMENTS_ONLY.split("objectives:\n", 1)[1]
        plan = okrkit.loads(text, name="plan.yaml")

        found = [f for f in okrkit.check(plan) if f.rule == "not-measurable"]

        assert [f.line for f in found] == [8, 14]


class TestToml:
    def test_inline_key_results_are_placed_at_their_own_lines(self) -> None:
        """The form dump() writes: each key result of key_results = [...] at its own line."""
        plan = okrkit.loads(STATEMENTS_ONLY)
        text = okrkit.dumps(plan, format="toml")
        lines = text.split("\n")

        again = okrkit.loads(text, format="toml")
        places = _lines(again)

        for item, key in zip(
            plan.objectives[0].key_results, plan.objectives[0].key_result_keys(), strict=True
        ):
            line = places[f"delight-our-customers/{key}"]
            assert item.statement is not None
            assert item.statement in lines[line - 1]

    def test_a_problem_inside_an_inline_key_result_is_placed_at_its_field(self) -> None:
        text = """\
okrkit = 1

[[objectives]]
title = "Grow"
key_results = [
    { statement = "Win 10 deals" },
    { statement = "Win 20 deals", weight = -2 },
]
"""
        assert _problems(text, "toml") == ["plan.toml:7:44: weight: expected a number ≥ 0, got -2"]

    @pytest.mark.parametrize("character", ["\u2028", "\u2029", "\x85"])
    def test_characters_python_splits_lines_at_do_not_end_a_line(self, character: str) -> None:
        """U+2028, U+2029 and NEL are text in TOML, not line breaks (a form feed and the
        other control characters str.splitlines breaks at may not appear unescaped)."""
        text = f"""\
okrkit = 1
title = "Plan{character}2026{character}Q1"

[[objectives]]
title = "Grow"
key_results = [
    {{ statement = "Win 10 deals", owner = "Ana{character}Ruiz" }},
]
"""
        assert _lines(okrkit.loads(text, format="toml")) == {"grow": 4, "grow/deals": 7}

    def test_a_multi_line_string_is_not_read_for_table_headers(self) -> None:
        text = '''\
okrkit = 1
title = """
[[objectives]]
title = "not an objective"
"""

[[objectives]]
title = "Grow"

[[objectives.key_results]]
statement = "Win 10 deals"
'''
        assert _lines(okrkit.loads(text, format="toml")) == {"grow": 7, "grow/deals": 10}


class TestLineBreaks:
    @pytest.mark.parametrize("fmt", ["yaml", "json"])
    def test_a_file_with_carriage_returns_only(self, fmt: str) -> None:
        """Old Mac line ends (CR alone) end lines in YAML and JSON."""
        plan = okrkit.loads(STATEMENTS_ONLY)
        text = okrkit.dumps(plan, format=fmt)
        expected = _lines(okrkit.loads(text, format=fmt))

        again = okrkit.loads(text.replace("\n", "\r"), format=fmt)

        assert _lines(again) == expected
        assert max(expected.values()) > 1

    def test_a_json_error_in_a_file_with_carriage_returns_only(self) -> None:
        text = '{\r  "okrkit": 1,\r  "title": "x",,\r}'

        assert _problems(text, "json") == [
            "plan.json:3:16: not valid JSON: Expecting property name enclosed in double quotes"
        ]

    def test_a_nul_or_a_bad_byte_in_a_file_with_carriage_returns_only(self, tmp_path) -> None:
        assert _problems("okrkit: 1\rtitle: x\r\x00\r", "yaml") == [
            "plan.yaml:3: expected text, found a NUL character"
        ]
        path = tmp_path / "plan.yaml"
        path.write_bytes(b"okrkit: 1\rtitle: \xff\r")
        with pytest.raises(PlanFileError, match=r"plan.yaml:2: expected UTF-8"):
            okrkit.load(path)

    def test_crlf_is_one_line_break(self) -> None:
        plan = okrkit.loads(STATEMENTS_ONLY.replace("\n", "\r\n"))

        assert _lines(plan)["delight-our-customers"] == 4

    @pytest.mark.parametrize("character", ["\u2028", "\u2029", "\x85"])
    def test_yaml_1_1_line_breaks_are_text_in_yaml_1_2(self, character: str) -> None:
        """A title pasted with a line separator in quotes does not move every line after it."""
        text = STATEMENTS_ONLY.replace(
            "period: 2026-Q1", f'title: "Customer{character}OKRs"\nperiod: 2026-Q1'
        )

        plan = okrkit.loads(text)

        assert _lines(plan)["delight-our-customers"] == 5
        assert _problems(text + "  - title: [\n", "yaml")[0].startswith("plan.yaml:12:")


SEPARATORS = ["\x85", "\u2028", "\u2029"]


class TestYaml12Separators:
    """YAML 1.2 ends a line at LF, CR and CRLF only: NEL, U+2028 and U+2029 are
    characters like any other, wherever they are written."""

    @pytest.mark.parametrize("character", SEPARATORS)
    @pytest.mark.parametrize(
        "written",
        [
            'title: "Customer{c}OKRs"',
            "title: 'Customer{c}OKRs'",
            "title: Customer{c}OKRs",
            "title: |-\n  Customer{c}OKRs",
            "title: >-\n  Customer{c}OKRs",
        ],
        ids=["double-quoted", "single-quoted", "plain", "literal", "folded"],
    )
    def test_a_separator_in_any_scalar_is_that_character(self, written: str, character: str):
        """The title comes back with the very character written, in every style, and
        the objectives after it keep their lines."""
        head = written.format(c=character)
        text = STATEMENTS_ONLY.replace("period: 2026-Q1", f"{head}\nperiod: 2026-Q1")
        plan = okrkit.loads(text)

        assert plan.title == f"Customer{character}OKRs"
        assert _lines(plan)["delight-our-customers"] == 4 + head.count("\n") + 1

    @pytest.mark.parametrize("character", SEPARATORS)
    def test_a_comment_stays_a_comment_to_the_end_of_its_line(self, character: str) -> None:
        """What follows a separator in a comment is not read as a key."""
        text = STATEMENTS_ONLY.replace(
            "period: 2026-Q1", f"period: 2026-Q1  # reviewed{character}owner: nobody"
        ).replace("okrkit: 1", f"# draft{character}title: Not the title\nokrkit: 1")

        plan = okrkit.loads(text)

        assert plan.title is None or "Not the title" not in plan.title
        assert plan.objectives[0].owner == "support"
        assert _lines(plan)["delight-our-customers"] == 5

    @pytest.mark.parametrize("character", SEPARATORS)
    def test_problems_after_separators_are_placed_by_yaml_1_2_lines(self, character: str):
        """A syntax error and a field problem after lines holding separators outside
        quotes are placed at the line and column an editor shows."""
        text = f"okrkit: 1  # a{character}b{character}c\ntitle: x{character}y\n"

        assert _problems(text + "objectives: [\n", "yaml") == [
            "plan.yaml:4:1: not valid YAML: did not find expected node content "
            "(while parsing a flow node)"
        ]
        assert _problems(text + f"period: Q{character}1\n", "yaml")[0].startswith(
            "plan.yaml:3:9: period:"
        )

    def test_escapes_and_private_use_characters_keep_their_meaning(self) -> None:
        """A private-use character written raw or as an escape is itself, next to
        separators written raw; the escapes \\L, \\P, \\N are the separators."""
        text = (
            "okrkit: 1\n"
            'title: "\\ue000\u2028\\U0000E001\x85\\L\\N\\P."\n'
            "objectives:\n"
            "  - title: \ue002\u2029\ue003\n"
        )

        plan = okrkit.loads(text)

        assert plan.title == "\ue000\u2028\ue001\x85\u2028\x85\u2029."
        assert plan.objectives[0].title == "\ue002\u2029\ue003"

    @pytest.mark.parametrize("character", SEPARATORS)
    def test_a_key_with_a_separator_is_refused_at_its_place(self, character: str) -> None:
        """An unknown key holding a separator is named with it, at its own line."""
        text = f"okrkit: 1\nobjectives:\n  - title: Grow\n    own{character}er: ana\n"

        (problem,) = _problems(text, "yaml")

        shown = ascii(character)[1:-1]
        assert problem.startswith(f"plan.yaml:4:5: own{shown}er: unknown key 'own{shown}er'")

    def test_a_file_that_leaves_no_placeholder_is_refused_not_misread(self) -> None:
        """A crafted file holding every private-use character and a raw separator is
        refused with a message that says what to write instead."""
        blocks = [range(0xE000, 0xF900), range(0xF0000, 0xFFFFE), range(0x100000, 0x10FFFE)]
        every = "".join(chr(c) for block in blocks for c in block)

        (problem,) = _problems(f"okrkit: 1\ntitle: '{every}'  # x\u2028y\n", "yaml")

        assert problem.startswith("plan.yaml: the file uses every private-use character")
        assert "escapes in double quotes" in problem


class TestEveryItemHasALine:
    @given(plans(tricky_texts(), tricky_ids))
    def test_in_every_format_each_item_is_found_where_it_opens(self, plan: okrkit.Plan) -> None:
        """Every objective, key result and link is placed at the line that opens it,
        and every finding on one of them carries that line, in YAML, JSON and TOML."""
        opens = {"yaml": ("- ",), "json": ("{",), "toml": ("{", "[[")}
        for fmt, starts in opens.items():
            text = okrkit.dumps(plan, format=fmt)
            lines = text.split("\n")
            loaded = okrkit.loads(text, format=fmt)
            places = _lines(loaded)

            count = sum(1 + len(o.key_results) for o in plan.objectives) + len(plan.links)
            assert loaded.source is not None
            assert len(loaded.source.lines) == count
            for where, line in loaded.source.lines:
                assert lines[line - 1].lstrip().startswith(starts), (fmt, where, line)
            names = [where for where, _line in loaded.source.lines]
            for finding in okrkit.check(loaded):
                if finding.where:
                    assert finding.line is not None, (fmt, finding)
                    if names.count(finding.where) == 1:
                        assert finding.line == places[finding.where], (fmt, finding)
