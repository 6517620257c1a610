"""Writing and reading back: any text survives every format, and equal plans give equal text."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

import okrkit
from okrkit._files._yaml import Flow, dump_yaml, read_yaml
from okrkit._text import read_plan
from strategies import TRICKY_WORDS, plans, tricky_ids, tricky_texts


FORMATS = ("yaml", "json", "toml")


def _one_key_result(**fields: object) -> okrkit.Plan:
    """A plan of one key result with *fields*, its statement read (as a loaded one is)."""
    item = okrkit.KeyResult("Launch the partner portal", id="portal", **fields)  # type: ignore[arg-type]
    return read_plan(
        okrkit.plan("Partners").with_objectives(
            okrkit.objective("Open a partner channel", id="partners").measured_by(item)
        )
    )


def _initiatives(plan: okrkit.Plan) -> list[str]:
    return [i.title for i in plan.objectives[0].key_results[0].initiatives]


class TestTextThatLooksLikeSomethingElse:
    @pytest.mark.parametrize("word", ["1e5", "0o17", "0x1F", "-1E-5", ".5", "+12"])
    def test_yaml_1_2_numbers_come_back_as_text(self, word: str) -> None:
        """An initiative or a note that YAML 1.2 reads as a number is quoted when written."""
        checkin = okrkit.CheckIn(dt.date(2026, 1, 9), okrkit.Amount(1), note=word)
        plan = _one_key_result(initiatives=[okrkit.Initiative(word)], checkins=[checkin])

        text = okrkit.dumps(plan)
        again = okrkit.loads(text)

        assert again == plan, text
        assert _initiatives(again) == [word]

    @pytest.mark.parametrize("word", ["1e5", "0o17", "12:30", "NO", "~", ".inf"])
    def test_ids_that_look_like_numbers_or_words_stay_ids(self, word: str) -> None:
        """An id like 1e5 is written so that it is read back as that id, not a number."""
        plan = read_plan(
            okrkit.plan("p").with_objectives(
                okrkit.objective("Grow", id=word, owner=word).measured_by(
                    okrkit.KeyResult("Win 10 deals", id="deals", owner=word)
                )
            )
        )

        assert okrkit.loads(okrkit.dumps(plan)) == plan

    @pytest.mark.parametrize(
        "title",
        [
            "Cut churn\x85then grow",  # NEL: a line break to YAML 1.1 only
            "Cut churn\u2028then grow",  # LINE SEPARATOR
            "Cut churn\u2029then grow",  # PARAGRAPH SEPARATOR
            "Cut churn\x0cthen grow",  # form feed
            "Cut\x1b[31m churn\x7f",  # escape and delete
            "Cut\rchurn",  # a lone carriage return
            "Cut\r\nchurn",
            "Cut churn \nthen grow",  # a space before a line break
            "Cut churn\n  then grow",  # indentation after a line break
            "Cut churn\n\n\nthen grow",
            "Cut: churn # now\n- then grow",
        ],
    )
    @pytest.mark.parametrize("fmt", FORMATS)
    def test_separators_and_control_characters_are_kept(self, title: str, fmt: str) -> None:
        """Every character of a title comes back, in every format."""
        plan = okrkit.plan(title).with_objectives(
            okrkit.objective(title, id="o").measured_by(okrkit.KeyResult("Win 10 deals"))
        )

        again = okrkit.loads(okrkit.dumps(plan, format=fmt), format=fmt)

        assert again.title == title
        assert again.objectives[0].title == title

    def test_yaml_1_1_words_stay_quoted_for_other_tools(self) -> None:
        """Words a YAML 1.1 tool would read as booleans, nulls or numbers stay quoted, so
        a script reading the plan with such a tool sees the same text okrkit does."""
        words = ["yes", "NO", "on", "Off", "~", "null", "1_000", "12:30", "1.10", ".inf"]
        text = okrkit.dumps(_one_key_result(initiatives=[okrkit.Initiative(w) for w in words]))

        for word in words:
            assert f"- '{word}'\n" in text


class TestDeterminism:
    def test_a_shared_date_is_written_like_two_equal_dates(self) -> None:
        """A deadline and a check-in on the same day give the same YAML whether they
        are one date object or two (no anchors, no aliases)."""
        day = dt.date(2026, 3, 31)
        shared = _one_key_result(deadline=day, checkins=[okrkit.CheckIn(day, okrkit.Amount(1))])
        apart = _one_key_result(
            deadline=dt.date(2026, 3, 31),
            checkins=[okrkit.CheckIn(dt.date(2026, 3, 31), okrkit.Amount(1))],
        )

        assert shared == apart
        assert okrkit.dumps(shared) == okrkit.dumps(apart)
        assert "&" not in okrkit.dumps(shared)
        assert "*" not in okrkit.dumps(shared)

    def test_a_loaded_plan_with_whole_numbers_is_written_again(self) -> None:
        """Numbers a plan keeps as read (a cadence's day) are written like any number."""
        text = "okrkit: 1\ncadence:\n  every: monthly\n  day: 15\nobjectives: []\n"

        assert okrkit.dumps(okrkit.loads(text)) == text

    def test_dates_are_written_plain(self) -> None:
        """Dates keep their plain ISO form: no tag, no quotes."""
        text = okrkit.dumps(_one_key_result(deadline=dt.date(2026, 3, 31)))

        assert "    deadline: 2026-03-31\n" in text


class TestAnyText:
    @given(plans(tricky_texts(), tricky_ids))
    def test_every_format_gives_back_an_equal_plan_and_the_same_text(
        self, plan: okrkit.Plan
    ) -> None:
        """Titles, statements, notes, owners and ids made of number-like words, YAML 1.1
        words, separators and control characters survive YAML, JSON and TOML; and the
        plan read back, equal to the one written, writes the same text in every format,
        though the reader shares one date object among equal dates where the drawn
        plan has one per field."""
        written = {fmt: okrkit.dumps(plan, format=fmt) for fmt in FORMATS}
        for source in FORMATS:
            again = okrkit.loads(written[source], format=source)

            assert again == plan, (source, written[source])
            for fmt in FORMATS:
                assert okrkit.dumps(again, format=fmt) == written[fmt], (source, fmt)

    @settings(max_examples=300)
    @given(
        st.one_of(
            st.sampled_from(TRICKY_WORDS),
            tricky_texts(),
            st.text(st.characters(codec="utf-8"), max_size=20),
        )
    )
    def test_the_yaml_writer_keeps_any_text(self, text: str) -> None:
        """Any text, unstripped and even empty, as a value, a key, a list item and a value
        in a one-line mapping, is read back as that same text, by okrkit and by PyYAML."""
        data = {"value": text, text: "key", "items": [text, text], "flow": Flow(note=text)}

        written = dump_yaml(data)

        assert read_yaml(written)[0] == data, written
        assert yaml.safe_load(written) == data, written  # and a YAML 1.1 tool agrees


# Text libyaml accepts raw in a scalar (no other control, surrogate or BOM), and more
# than its share of the characters YAML 1.1 took for line breaks and of private use.
_RAW = st.text(
    st.one_of(
        st.characters(codec="utf-8", exclude_categories=("Cc", "Cs"), exclude_characters="\ufeff"),
        st.sampled_from("\x85\u2028\u2029\ue000\ue001\U000f0000\\ '\"#:-"),
    ),
    max_size=20,
)


class TestRawSeparators:
    @given(_RAW)
    def test_raw_separators_read_as_written_in_every_style(self, text: str) -> None:
        """NEL, U+2028 and U+2029 written raw (not escaped, as other tools write them)
        come back as themselves from single quotes, double quotes and a literal block,
        and the key after them is where YAML 1.2 puts it."""
        double = text.replace("\\", "\\\\").replace('"', '\\"')
        single = text.replace("'", "''")
        written = (
            f"single: '{single}'  # {text}\n"
            f'double: "{double}"\n'
            f"block: |-\n  .{text}\n"
            f"# {text}\n"
            "after: [1]\n"
        )

        data, starts = read_yaml(written)

        assert data == {"single": text, "double": text, "block": "." + text, "after": [1]}
        assert sorted(starts.values()) == [(1, 1), (6, 8)]
