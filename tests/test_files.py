"""Plan files: round trips in every format, and every malformed input refused with a place."""

from __future__ import annotations

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import okrkit
from okrkit import PlanFileError
from okrkit._text import read_plan
from strategies import plans, raw_key_results


MINIMAL = """\
okrkit: 1
title: Ventas
period: 2026-Q1
objectives:
  - id: meta
    title: Cumplir la meta de ventas
    owner: ventas
    key_results:
      - id: ciclo
        metric: ciclo de venta
        direction: decrease
        baseline: 35 day
        target: 26 day
"""


def problems(text: str, fmt: str = "yaml") -> list[str]:
    with pytest.raises(PlanFileError) as info:
        okrkit.loads(text, format=fmt, name="plan." + fmt)
    return [str(p) for p in info.value.problems]


class TestRoundTrip:
    @given(plans())
    def test_every_format_gives_back_an_equal_plan(self, plan: okrkit.Plan) -> None:
        """Writing any valid plan and reading it back gives an equal plan, in all three formats."""
        for fmt in ("yaml", "json", "toml"):
            text = okrkit.dumps(plan, format=fmt)

            assert plan == okrkit.loads(text, format=fmt), fmt

    @given(st.lists(raw_key_results(), min_size=1, max_size=3))
    def test_unread_statements_are_read_on_the_way_back(self, items) -> None:
        """A plan whose statements were never read comes back read, and equal to reading it."""
        plan = okrkit.plan("p").with_objectives(okrkit.objective("o").measured_by(*items))

        assert read_plan(plan) == okrkit.loads(okrkit.dumps(plan))

    def test_files_on_disk(self, tmp_path) -> None:
        """dump() picks the format from the extension and load() reads it back."""
        plan = okrkit.loads(MINIMAL)
        for name in ("p.yaml", "p.yml", "p.json", "p.toml"):
            okrkit.dump(plan, tmp_path / name)

            assert plan == okrkit.load(tmp_path / name)

    def test_source_lines_name_each_place(self) -> None:
        """A loaded plan knows the line of each objective and key result."""
        plan = okrkit.loads(MINIMAL, name="plan.yaml")

        assert plan.source.file == "plan.yaml"
        assert plan.source.line("meta") == 5
        assert plan.source.line("meta/ciclo") == 9

    @given(plans())
    def test_json_source_lines_point_at_each_place(self, plan: okrkit.Plan) -> None:
        """In indented JSON each place's line opens its object; in one-line JSON it is line 1."""
        import json

        text = okrkit.dumps(plan, format="json")
        lines = text.splitlines()
        loaded = okrkit.loads(text, format="json")
        found = loaded.source.lines if loaded.source else ()

        assert len(found) == len(plan.objectives) + sum(
            len(o.key_results) for o in plan.objectives
        ) + len(plan.links)
        assert all(lines[line - 1].strip() == "{" for _where, line in found)
        assert [line for _where, line in found] == sorted(line for _where, line in found)
        compact = okrkit.loads(json.dumps(json.loads(text)), format="json")
        assert {line for _w, line in compact.source.lines} <= {1}

    def test_a_duplicate_key_deep_in_json_is_located(self) -> None:
        text = (
            '{"okrkit": 1, "objectives": [\n'
            '  {"title": "Crecer", "key_results": [\n'
            '    {"statement": "Generar 10 leads", "statement": "otra"}]}]}'
        )

        assert problems(text, "json") == ["plan.json:3:39: duplicate key"]


class TestErrors:
    def test_the_spec_example(self) -> None:
        """A spelled-out number is refused at the target's line and column."""
        text = MINIMAL.replace("target: 26 day", "target: veintiséis")

        assert problems(text) == [
            'plan.yaml:13:17: target: expected a quantity like "26 day", got "veintiséis"'
        ]

    def test_every_problem_is_reported(self) -> None:
        """Problems are collected, not stopped at the first."""
        text = MINIMAL.replace("direction: decrease", "direction: down").replace(
            "baseline: 35 day", "baseline: 35 day\n        colour: red"
        )

        found = problems(text)

        assert len(found) == 2
        assert "direction: expected one of" not in found[0]
        assert (
            'direction: expected increase | decrease | at_least | at_most | achieve, got "down"'
            in found[0]
        )
        assert "colour: unknown key 'colour'" in found[1]

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("title: x\nobjectives: []\n", "plan.yaml:1:1: okrkit: required: the format version"),
            ("okrkit: 2\nobjectives: []\n", "okrkit: expected format version 1, got 2"),
            ("", "the file is empty"),
            ("- a\n- b\n", "expected a mapping with okrkit: 1"),
            ("okrkit: 1\nokrkit: 1\n", "plan.yaml:2:1: duplicate key 'okrkit'"),
            ("okrkit: 1\n---\nokrkit: 1\n", "one YAML document"),
            ("okrkit: 1\nobjectives: [\n", "not valid YAML"),
            ("okrkit: 1\ntitle: !!python/object/apply:os.system [echo hi]\n", "tag"),
            ("okrkit: 1\n? [a, b]\n: x\n", "a key must be plain text"),
            ("okrkit: 1\nobjectives: {a: 1}\n", "objectives: expected a list of objectives"),
            ("okrkit: 1\nlang: fr\n", 'lang: expected en | es, got "fr"'),
            ("okrkit: 1\ncurrency: dollars\n", "currency: expected an ISO 4217 code"),
            ("okrkit: 1\nperiod: Q5 2026\n", "period: expected a period"),
            ("okrkit: 1\nperiod: 2026-02-30..2026-03-01\n", "a date that exists"),
            ("okrkit: 1\nperiod: 2026-03-01..2026-02-01\n", "ends before it starts"),
            (
                "okrkit: 1\nobjectives:\n  - {id: two words, title: x}\n",
                "id: expected an id without spaces",
            ),
            (
                "okrkit: 1\ncalendar: {fiscal_year_start: 13}\n",
                "fiscal_year_start: expected a number from 1 to 12",
            ),
        ],
    )
    def test_malformed_documents(self, text: str, expected: str) -> None:
        """Each malformed document is refused with a message that says what was expected."""
        found = "\n".join(problems(text))

        assert expected in found

    @pytest.mark.parametrize(
        ("field", "value", "expected"),
        [
            ("weight", "-1", "weight: expected a number ≥ 0, got -1"),
            ("weight", "heavy", 'weight: expected a number, got "heavy"'),
            ("done", "yes", 'done: expected true or false, got "yes"'),
            ("done", "NO", 'done: expected true or false, got "NO"'),
            ("deadline", "2026-02-30", 'deadline: expected a date that exists, got "2026-02-30"'),
            ("deadline", "12:30", 'deadline: expected a date like 2026-03-31, got "12:30"'),
            (
                "baseline",
                "[1, 2]",
                'baseline: expected a quantity like "26 day", got a list of 2 items',
            ),
            (
                "per",
                "fortnight",
                'per: expected day | week | month | quarter | year, got "fortnight"',
            ),
            ("baseline", ".inf", "baseline: expected a finite number, got .inf"),
            ("checkins", "[{date: 2026-01-05}]", "required: value"),
            (
                "checkins",
                "[{date: 2026-01-05, value: 3, confidence: 3}]",
                "confidence: expected a number from 0 to 1, got 3",
            ),
        ],
    )
    def test_malformed_fields(self, field: str, value: str, expected: str) -> None:
        """A bad field value is refused at its place, naming what was expected."""
        lines = MINIMAL.splitlines()
        for index, line in enumerate(lines):
            if line.startswith(f"        {field}:"):
                lines[index] = f"        {field}: {value}"
                break
        else:
            lines.append(f"        {field}: {value}")
        found = "\n".join(problems("\n".join(lines) + "\n"))

        assert expected in found
        assert "plan.yaml:" in found

    @pytest.mark.parametrize(
        ("value", "expected"),
        [
            ("5,000 USD", 'target: expected a quantity like "26 day", got "5,000 USD"; '
                          "write 5000 USD"),
            ("12:30", 'target: expected a quantity like "26 day", got "12:30"; '
                      'a quantity is one number and a unit, like "90 minute", not a time'),
            ("1_000 lead", "; write 1000 lead"),
            ("0x10 lead", "; write the number in decimal: 16 lead"),
            ("10 " + "x" * 40_000, "target: expected a unit of at most 64 characters"),
        ],
    )  # fmt: skip
    def test_quantities_written_otherwise_are_refused_at_their_place(self, value, expected):
        """A quantity the file writes otherwise is refused at its line and column, with the fix."""
        text = MINIMAL.replace("target: 26 day", f"target: {value}")

        found = problems(text)

        assert len(found) == 1
        assert found[0].startswith("plan.yaml:13:17: target: expected")
        assert expected in found[0]
        assert len(found[0]) < 300

    @pytest.mark.parametrize("fmt", ["json", "toml"])
    def test_quantities_are_refused_in_every_format(self, fmt) -> None:
        """JSON and TOML strings follow the same quantity syntax; their numbers stay numbers."""
        plan = okrkit.loads(MINIMAL)
        good = okrkit.dumps(plan, format=fmt)
        line = next(n for n, text in enumerate(good.splitlines(), 1) if "26 day" in text)
        bad = good.replace('"26 day"', '"26,5 day"')

        found = problems(bad, fmt)

        assert len(found) == 1
        assert found[0].startswith(f"plan.{fmt}:{line}:")
        assert 'got "26,5 day"; write 26.5 day' in found[0]
        bare = okrkit.loads(good.replace('"26 day"', "26"), format=fmt)
        assert bare.objectives[0].key_results[0].target == okrkit.Amount(26)

    def test_a_check_in_value_is_refused_at_its_place(self) -> None:
        """Check-in values follow the quantity syntax too."""
        text = MINIMAL + "        checkins:\n          - {date: 2026-01-31, value: 3O day}\n"

        assert problems(text) == [
            'plan.yaml:15:39: value: expected a quantity like "26 day", got "3O day"; '
            'write the number, a space, then the unit, like "26 day"'
        ]

    def test_yaml_1_1_words_stay_what_they_look_like(self) -> None:
        """NO, 1.10 and 12:30 are read as the text they look like, not as bool, 1.1 or 750."""
        text = MINIMAL.replace("title: Ventas", "title: NO").replace("owner: ventas", "owner: 1.10")
        text = text.replace("metric: ciclo de venta", "metric: 12:30")

        plan = okrkit.loads(text)

        assert plan.title == "NO"
        assert plan.objectives[0].owner == "1.10"
        assert plan.objectives[0].key_results[0].metric == "12:30"

    def test_alias_bombs_are_refused_quickly(self) -> None:
        """A billion-laughs document is refused before it expands."""
        lines = ["okrkit: 1", 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
        for index in range(1, 10):
            prev = chr(ord("a") + index - 1)
            name = chr(ord("a") + index)
            lines.append(f"{name}: &{name} [{', '.join('*' + prev for _ in range(9))}]")

        assert "aliases expand the document" in "\n".join(problems("\n".join(lines) + "\n"))

    def test_json_errors_are_located(self) -> None:
        """JSON syntax errors, duplicate keys and bad values carry a line and column."""
        assert problems('{"okrkit": 1,\n "title": }', "json")[0].startswith("plan.json:2:")
        assert problems('{"okrkit": 1,\n "okrkit": 1}', "json") == ["plan.json:2:2: duplicate key"]
        found = problems('{"okrkit": 1,\n "lang": "fr"}', "json")

        assert found == ['plan.json:2:10: lang: expected en | es, got "fr"']

    def test_json_refuses_nan_and_deep_nesting(self) -> None:
        """NaN is no number a plan holds; absurd nesting is refused, not a crash."""
        assert "NaN" in problems('{"okrkit": NaN}', "json")[0]
        assert "nested too deeply" in problems("[" * 100_000 + "]" * 100_000, "json")[0]

    def test_toml_errors_are_located(self) -> None:
        """TOML syntax errors and bad values carry a line."""
        assert problems("okrkit = 1\ntitle = \n", "toml")[0].startswith("plan.toml:2:")
        text = 'okrkit = 1\n\n[[objectives]]\ntitle = "x"\nweight = -3\n'

        assert problems(text, "toml") == ["plan.toml:5:10: weight: expected a number ≥ 0, got -3"]

    def test_a_spanish_thousands_point_is_refused_in_every_quantity_field(self) -> None:
        """In a Spanish plan 30.000 USD is thirty thousand, to an English reader thirty:
        refused at its place wherever it is written, never read as 30."""
        text = (
            MINIMAL.replace("title: Ventas", "title: Ventas\nlang: es")
            .replace("baseline: 35 day", "baseline: 20.000 USD")
            .replace("target: 26 day", "target: 40.000 USD")
        ) + "        checkins:\n          - {date: 2026-01-31, value: 30.000 USD}\n"

        found = problems(text)

        assert [line.split(": expected")[0] for line in found] == [
            "plan.yaml:13:19: baseline", "plan.yaml:14:17: target", "plan.yaml:16:39: value",
        ]  # fmt: skip
        assert found[2].endswith(  # the plan's language: the hint in Spanish
            'got "30.000 USD"; escribe 30000 USD si el punto agrupa miles, '
            "o 30.0 USD si es un punto decimal"
        )

    @pytest.mark.parametrize("fmt", ["yaml", "json", "toml"])
    def test_a_bare_number_of_a_format_stays_a_number(self, fmt) -> None:
        """2.125 written bare is the format's own number: read, and written back the
        same (in YAML and TOML as 2.1250, since a bare 2.125 reads two ways there)."""
        good = okrkit.dumps(okrkit.loads(MINIMAL), format=fmt)
        bare = {"yaml": "2.1250", "json": "2.125", "toml": "2.1250"}[fmt]
        quoted = '"26 day"' if fmt != "yaml" else "26 day"

        plan = okrkit.loads(good.replace(quoted, bare), format=fmt)

        assert plan.objectives[0].key_results[0].target == okrkit.Amount(2.125)
        assert okrkit.loads(okrkit.dumps(plan, format=fmt), format=fmt) == plan

    @pytest.mark.parametrize(
        ("written", "hint"),
        [
            ("0x10", "expected a number in decimal, got 0x10; write the number in decimal: 16"),
            ("0o17", "expected a number in decimal, got 0o17; write the number in decimal: 15"),
            ("0010", "expected a number without a leading zero, got 0010; "
                     "write 10: a YAML 1.1 tool reads 0010 as 8"),
            ("-012", "expected a number without a leading zero, got -012; "
                     "write -12: a YAML 1.1 tool reads -012 as -10"),
            ("0019", "expected a number without a leading zero, got 0019; write 19"),
            ("01.5", "expected a number without a leading zero, got 01.5; write 1.5"),
        ],
    )  # fmt: skip
    def test_a_bare_yaml_number_in_hex_octal_or_with_a_leading_zero_is_refused(
        self, written, hint
    ) -> None:
        """YAML tools disagree on 0x10, 0o17 and 0010 (10 here, 8 in YAML 1.1): in a
        quantity or a number field they are refused at their place, as quoted text is."""
        as_target = MINIMAL.replace("target: 26 day", f"target: {written}")
        as_weight = MINIMAL.replace("target: 26 day", f"target: 26 day\n        weight: {written}")

        assert problems(as_target) == [f"plan.yaml:13:17: target: {hint}"]
        assert problems(as_weight) == [f"plan.yaml:14:17: weight: {hint}"]

    def test_a_check_in_and_a_confidence_in_hex_are_refused(self) -> None:
        """Check-in values and confidences are number fields too."""
        checkin = "{date: 2026-01-31, value: 0x1A, confidence: 0o1}"
        text = MINIMAL + f"        checkins:\n          - {checkin}\n"

        found = problems(text)

        assert [line.split(": expected")[0] for line in found] == [
            "plan.yaml:15:39: value", "plan.yaml:15:57: confidence",
        ]  # fmt: skip

    def test_toml_hex_is_tomls_own_syntax_and_read(self) -> None:
        """TOML writes 0x10 only as a number: it stays one."""
        good = okrkit.dumps(okrkit.loads(MINIMAL), format="toml")

        plan = okrkit.loads(good.replace('"26 day"', "0x10"), format="toml")

        assert plan.objectives[0].key_results[0].target == okrkit.Amount(16)

    @pytest.mark.parametrize("fmt", ["yaml", "json", "toml"])
    def test_a_bare_number_too_close_to_zero_is_refused_in_every_format(self, fmt) -> None:
        """1e-400 is not 0, though a float reads it as 0: refused at its place."""
        good = okrkit.dumps(okrkit.loads(MINIMAL), format=fmt)
        quoted = '"26 day"' if fmt != "yaml" else "26 day"
        line = next(n for n, text in enumerate(good.splitlines(), 1) if "26 day" in text)

        found = problems(good.replace(quoted, "1e-400"), fmt)

        assert len(found) == 1
        assert found[0].startswith(f"plan.{fmt}:{line}:")
        assert "expected a number a float can hold, got 1e-400; 1e-400 is so close to 0" in found[0]
        zero = okrkit.loads(good.replace(quoted, "0.0e-400"), format=fmt)
        assert zero.objectives[0].key_results[0].target == okrkit.Amount(0)

    def test_a_unit_of_one_letter_is_refused_at_its_place(self) -> None:
        """10 c is not ten times the speed of light, nor a count of c: refused where it
        is written."""
        found = problems(MINIMAL.replace("target: 26 day", "target: 10 c"))

        assert found == [
            "plan.yaml:13:17: target: expected a unit like day, USD, % or call/week, got "
            '"10 c"; name what you count with a word, like c_count'
        ]

    def test_unknown_extension(self, tmp_path) -> None:
        """A file whose extension names no format is refused."""
        path = tmp_path / "plan.txt"
        path.write_text(MINIMAL)

        with pytest.raises(PlanFileError, match=r"expected a \.yaml"):
            okrkit.load(path)

    def test_bytes_that_are_not_utf8(self, tmp_path) -> None:
        """Binary junk is refused as not UTF-8, with its line."""
        path = tmp_path / "plan.yaml"
        path.write_bytes(b"okrkit: 1\ntitle: \xff\xfe\n")

        with pytest.raises(PlanFileError, match=r"plan.yaml:2: expected UTF-8"):
            okrkit.load(path)


class TestStrictBoundaries:
    """What a file may hold at the edges: the format version as written, ids of a
    bounded length, and characters YAML and JSON refuse, each placed."""

    @pytest.mark.parametrize("written", ["!!float 1", "1.0", "0x1", "+1", '"1"', "!!str 1"])
    def test_the_format_version_is_the_whole_number_1_written_plainly(self, written: str) -> None:
        found = problems(f"okrkit: {written}\nobjectives: []\n")

        assert len(found) == 1
        assert found[0].startswith("plan.yaml:1:9: okrkit: expected format version 1, got ")

    @pytest.mark.parametrize("written", ["0x1", "+1", "0o1", "0b1", "0x01", "1.0", '"1"'])
    def test_a_toml_format_version_is_1_written_plainly_too(self, written: str) -> None:
        """tomllib reads 0x1, +1, 0o1 and 0b1 as 1: the version is refused as written."""
        found = problems(f"objectives = []\nokrkit = {written}\n", "toml")

        assert found == [f"plan.toml:2:10: okrkit: expected format version 1, got {written}"]

    @pytest.mark.parametrize("written", ["okrkit = 1", "okrkit=1  # the format", '"okrkit" = 1'])
    def test_a_toml_format_version_of_1_is_read(self, written: str) -> None:
        assert okrkit.loads(f"{written}\nperiod = '2026-Q1'\n", format="toml").objectives == ()

    def test_a_float_tag_makes_a_float(self) -> None:
        """`!!float 3` is the number 3.0, where a whole number is expected too."""
        text = MINIMAL.replace("target: 26 day", "target: 26 day\n        weight: !!float 3")

        assert okrkit.loads(text).objectives[0].key_results[0].weight == 3.0
        assert "got 1.0" in problems(MINIMAL.replace("okrkit: 1", "okrkit: !!float 1"))[0]

    @pytest.mark.parametrize("fmt", ["yaml", "json", "toml"])
    def test_an_id_holds_at_most_128_characters(self, fmt: str) -> None:
        """A longer id is refused at its place, saying the limit and the length."""
        plan = okrkit.loads(MINIMAL)
        renamed = attrs.evolve(plan, objectives=(plan.objectives[0].with_id("m" * 128),))
        fine = okrkit.dumps(renamed, format=fmt)
        long = fine.replace("m" * 128, "m" * 1_000_000)

        assert okrkit.loads(fine, format=fmt).objectives[0].id == "m" * 128
        (found,) = problems(long, fmt)
        assert ": id: expected an id of at most 128 characters, like meta-q1, got " in found
        assert found.endswith("; this one has 1,000,000 characters")
        assert found.startswith(f"plan.{fmt}:")

    @pytest.mark.parametrize("fmt", ["yaml", "json", "toml"])
    def test_a_link_end_holds_ids_of_at_most_128_characters(self, fmt: str) -> None:
        """Each id a link names (``objective-id/kr-id`` is two) is bounded like any
        id; a longer one is refused at its place, quoted as 39 characters and "…"."""
        plan = okrkit.loads(MINIMAL).linked(okrkit.Link("l" * 128, "meta/" + "k" * 128))
        fine = okrkit.dumps(plan, format=fmt)

        assert okrkit.loads(fine, format=fmt).links == plan.links
        for id_, place, quoted, which in (
            ("l" * 128, "from", "l" * 39, "this one"),
            ("k" * 128, "to", "meta/" + "k" * 34, "the longer one"),
        ):
            (found,) = problems(fine.replace(id_, id_ * 8_000), fmt)
            assert found.startswith(f"plan.{fmt}:")
            assert f": {place}: expected " in found
            assert found.endswith(
                f' at most 128 characters, like meta-q1/pipeline, got "{quoted}…"; '
                f"{which} has 1,024,000 characters"
            )

    def test_the_model_bounds_link_ends(self) -> None:
        with pytest.raises(okrkit.InvalidValueError, match=r"^Link\.from_: .* at most 128 "):
            okrkit.Link("k" * 129, "meta")
        with pytest.raises(okrkit.InvalidValueError, match=r"^Link\.to: .* at most 128 "):
            okrkit.link("meta", "meta/" + "k" * 129)
        for odd in ("a/b/c", "two words", "/k", "meta/"):
            with pytest.raises(okrkit.InvalidValueError, match=r"^Link\.to: .*objective-id/kr-id"):
                okrkit.Link("meta", odd)

    def test_the_model_bounds_ids_too(self) -> None:
        with pytest.raises(okrkit.InvalidValueError, match=r"^KeyResult\.id: .* at most 128 "):
            okrkit.kr("Generar 10 leads", id="k" * 129)
        with pytest.raises(okrkit.InvalidValueError, match=r"^Objective\.parent: .* at most 128 "):
            okrkit.objective("Crecer", parent="p" * 129)

    @pytest.mark.parametrize(
        ("character", "escape"),
        [
            ("\x0c", "\\x0c"),
            ("\x01", "\\x01"),
            ("\x7f", "\\x7f"),
            ("\x9b", "\\x9b"),
            ("\ufffe", "\\ufffe"),
        ],
    )
    def test_a_character_yaml_refuses_is_placed(self, character: str, escape: str) -> None:
        """libyaml names no line for it, and counts UTF-8 bytes: okrkit finds its line
        and column, and says how to write it instead."""
        text = MINIMAL.replace("owner: ventas", f'owner: "añó {character}"')

        (found,) = problems(text)

        code = f"U+{ord(character):04X}"
        assert found == (
            f"plan.yaml:7:17: not valid YAML: found the character {code}, which YAML does "
            f"not allow in a file; inside double quotes, write it as {escape}"
        )

    @pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
    def test_a_json_constant_is_placed(self, constant: str) -> None:
        text = '{"okrkit": 1, "title": "NaN, Infinity",\r\n "objectives": [{"weight": ' + constant

        assert problems(text + "}]}", "json") == [
            f"plan.json:2:28: not valid JSON: {constant} is not a number a plan can hold"
        ]
