"""Lines found when asked: the same lines and columns as reading every place at once,
in every shape a plan file takes (one-line JSON included), and no reading when nothing
asks for a line."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import okrkit
from okrkit import Amount, CheckIn, KeyResult, Link, Objective
from okrkit._files import _io, _locate
from okrkit._model import Source
from strategies import plans, tricky_texts


AS_OF = dt.date(2026, 2, 15)


def _spread_plan(teams: int) -> okrkit.Plan:
    """A plan with findings on many of its places: objectives without an owner,
    key results without check-ins, activities linked to outcomes."""
    objectives = []
    for team in range(teams):
        items = [
            KeyResult(
                id=f"t{team}-calls", metric="calls", direction="increase", per="week",
                target=Amount(20 + team, "call"), nature="activity",
            ),
            KeyResult(
                id=f"t{team}-revenue", metric="revenue", direction="increase",
                baseline=Amount(100000, "USD"), target=Amount(175000, "USD"),
                checkins=(CheckIn(dt.date(2026, 1, 8), Amount(110000, "USD"), confidence=0.6),),
            ),
        ]  # fmt: skip
        if team % 2:
            items.append(
                KeyResult(
                    metric="sales cycle", baseline=Amount(35, "day"), target=Amount(26, "day")
                )
            )
        objectives.append(
            Objective(
                f"Customers of team {chr(97 + team % 26)} choose us",
                id=f"team-{team}",
                owner=f"team-{team}" if team % 3 else None,
                key_results=tuple(items),
            )
        )
    links = [Link(f"t{team}-calls", f"t{team}-revenue") for team in range(teams)]
    return okrkit.plan("Org", period="2026-Q1").with_objectives(*objectives).linked(*links)


def _findings(plan: okrkit.Plan) -> list[tuple[str, str, str, int | None]]:
    report = okrkit.check(plan, as_of=AS_OF)
    return [(f.rule, f.where, f.message, f.line) for f in report]


def _eager(source: Source) -> Source:
    """The same source with every place's line found up front, as loading did."""
    from okrkit._model import KnownLines

    every = source.find([path for _name, path in source.places])
    return Source(source.file, source.places, source.rule_ids, find=KnownLines(every))


def _shapes(plan: okrkit.Plan) -> dict[str, tuple[str, str]]:
    indented = okrkit.dumps(plan, format="json")
    return {
        "json-line": (json.dumps(json.loads(indented), ensure_ascii=False), "json"),
        "json": (indented, "json"),
        "yaml": (okrkit.dumps(plan, format="yaml"), "yaml"),
        "toml": (okrkit.dumps(plan, format="toml"), "toml"),
    }


class TestFoundWhenAsked:
    def test_loading_json_or_toml_reads_no_line(self, monkeypatch) -> None:
        calls: list[int] = []
        for name in ("json", "toml"):
            real = _io._LOCATORS[name]

            def counting(text, paths, real=real):
                calls.append(len(paths))
                return real(text, paths)

            monkeypatch.setitem(_io._LOCATORS, name, counting)
        plan = _spread_plan(4)
        for fmt in ("json", "toml"):
            loaded = okrkit.loads(okrkit.dumps(plan, format=fmt), format=fmt)
            okrkit.score(loaded, as_of=AS_OF)
        assert calls == []

    def test_checking_looks_only_for_the_places_with_findings(self, monkeypatch) -> None:
        asked: list[list[tuple[str | int, ...]]] = []
        real = _io._LOCATORS["json"]

        def counting(text, paths):
            asked.append(list(paths))
            return real(text, paths)

        monkeypatch.setitem(_io._LOCATORS, "json", counting)
        plan = okrkit.loads(okrkit.dumps(_spread_plan(6), format="json"), format="json")
        report = okrkit.check(plan, as_of=AS_OF)
        assert len(asked) == 1  # the text is read once for every finding
        named = dict(plan.source.places)
        assert set(asked[0]) == {named[f.where] for f in report if f.where}
        assert len(asked[0]) < len(plan.source.places)


class TestSameLinesAsReadingEverything:
    @pytest.mark.parametrize("shape", ["json-line", "json", "yaml", "toml"])
    def test_findings_have_the_lines_of_eagerly_found_places(self, shape: str) -> None:
        text, fmt = _shapes(_spread_plan(9))[shape]
        plan = okrkit.loads(text, format=fmt)
        eager = okrkit.Plan(**{**_fields(plan), "source": _eager(plan.source)})
        assert _findings(plan) == _findings(eager)
        assert any(line is not None for *_rest, line in _findings(plan))

    def test_one_line_json_gives_the_findings_of_indented_json_on_line_1(self) -> None:
        shapes = _shapes(_spread_plan(9))
        line = _findings(okrkit.loads(shapes["json-line"][0], format="json"))
        indented = _findings(okrkit.loads(shapes["json"][0], format="json"))
        assert [f[:3] for f in line] == [f[:3] for f in indented]
        assert {f[3] for f in line} == {1}
        assert len({f[3] for f in indented}) > 5  # each place on a line of its own

    @given(plans())
    @settings(max_examples=30, deadline=None)
    def test_every_place_asked_alone_or_together(self, plan: okrkit.Plan) -> None:
        for text, fmt in _shapes(plan).values():
            source = okrkit.loads(text, format=fmt).source
            assert source is not None
            eager = _eager(source)
            asked = [(name, path) for name, path in source.places]
            asked += [(name, ()) for name, _path in source.places]  # by name alone
            asked += [("no-such-place", ())]
            assert source.lines_of(asked) == [eager.line(w, p) for w, p in asked]
            assert source.lines == eager.lines
            assert source.paths == eager.paths

    def test_a_source_pickles_with_what_it_has_not_found_yet(self) -> None:
        import pickle

        text, fmt = _shapes(_spread_plan(3))["json"]
        source = okrkit.loads(text, format=fmt).source
        again = pickle.loads(pickle.dumps(source))
        assert again.lines == source.lines
        assert again == source


def _fields(plan: okrkit.Plan) -> dict[str, object]:
    import attrs

    return {
        field.alias: getattr(plan, field.name)
        for field in attrs.fields(okrkit.Plan)
        if field.init and field.name != "source"
    }


def _reference_spot(text: str, offset: int, *, cr: bool) -> tuple[int, int]:
    """Line and column counted from the start of the text, break by break."""
    line, begins, index = 1, -1, 0
    while index < offset:
        char = text[index]
        if char == "\n" or (cr and char == "\r" and text[index + 1 : index + 2] != "\n"):
            line += 1
            begins = index
        elif cr and char == "\r":
            begins = index
        index += 1
    return line, offset - begins


class TestLinesAndColumns:
    @given(
        st.text(alphabet="ab\n\r{", max_size=80),
        st.lists(st.integers(min_value=0, max_value=80), max_size=12),
        st.booleans(),
    )
    def test_offsets_in_any_order_are_counted_as_from_the_start(
        self, text: str, offsets: list[int], cr: bool
    ) -> None:
        lines = _locate._Lines(text, cr=cr)
        for offset in sorted(o for o in offsets if o <= len(text)) + offsets[:3]:
            if offset <= len(text):
                assert lines.spot(offset) == _reference_spot(text, offset, cr=cr and "\r" in text)

    def test_an_offset_between_cr_and_lf_counts_the_break_once(self) -> None:
        # The CR before LF is no break of its own: asked there, then further on, the
        # CRLF is one line break, not two.
        lines = _locate._Lines("a\r\nb", cr=True)
        assert lines.spot(2) == (1, 1)
        assert lines.spot(3) == (2, 1)

    def test_a_column_far_along_one_line(self) -> None:
        text = '{"a": [' + "1, " * 50_000 + '"x"]}'
        assert _locate.locate_json(text, [("a", 50_000)])[("a", 50_000)][1] == (1, 150_008)


def _both_emitters(plan: okrkit.Plan) -> tuple[str, str]:
    """The plan as dumps writes it, and as PyYAML's pure-Python emitter writes it."""
    from okrkit._files import _yaml
    from okrkit._files._convert import plan_to_data

    pytest.importorskip("yaml._yaml")
    data = plan_to_data(plan, flow=_yaml.Flow)
    return _yaml.dump_yaml(data), _yaml._dump(data, _yaml._Dumper)


class TestYamlWriters:
    """libyaml's emitter, where PyYAML has it, writes what the pure-Python one does:
    the same text for plans of ordinary texts, and text that reads back the same where
    it folds a long quoted line elsewhere."""

    @given(plans())
    @settings(max_examples=40, deadline=None)
    def test_the_same_text_for_ordinary_plans(self, plan: okrkit.Plan) -> None:
        fast, plain = _both_emitters(plan)
        assert fast == plain

    @given(plans(text=tricky_texts()))
    @settings(max_examples=40, deadline=None)
    def test_the_same_plan_for_any_text(self, plan: okrkit.Plan) -> None:
        fast, plain = _both_emitters(plan)
        assert okrkit.loads(fast) == okrkit.loads(plain) == plan
