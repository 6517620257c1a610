"""A plan file read the short way gives what the general way gives.

The reader makes key results, objectives, initiatives, links and check-ins from
values it has already checked, without checking them again, and takes most
check-ins (a date and a value read before, a plain confidence) without the general
field reader. Here the same documents are read both ways — the general way being
the model's public constructors and the field reader for every check-in — and the
plans, their reprs, the problems and the findings with their lines are compared.
"""

from __future__ import annotations

import datetime as dt
import json
import pickle
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import okrkit
from okrkit import strategies as okst
from okrkit._files import _convert
from okrkit._resolve import Resolved, resolve
from okrkit._text import read_plan
from strategies import key_results, plans, tricky_ids, tricky_texts


AS_OF = dt.date(2026, 2, 15)
FORMATS = ("yaml", "json", "toml")


def _outcome(text: str, fmt: str) -> tuple[Any, ...]:
    """Everything a reader of *text* sees: the problems, or the plan, its repr, the
    lines of its places, its findings with their lines and its scores."""
    try:
        plan = okrkit.loads(text, format=fmt)  # type: ignore[arg-type]
    except okrkit.PlanFileError as exc:
        return ("refused", [(p.message, p.line, p.column, p.path) for p in exc.problems])
    assert plan.source is not None
    report = okrkit.check(plan, as_of=AS_OF)
    findings = [(f.rule, f.where, f.message, f.line) for f in report.findings]
    scores = okrkit.score(plan, as_of=AS_OF).to_dict()
    return ("read", plan, repr(plan), plan.source.lines, findings, scores)


def _general(text: str, fmt: str) -> tuple[Any, ...]:
    """:func:`_outcome` with every value built by the public constructors (which
    check it again) and every check-in read by the general field reader."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_convert, "trusted", lambda cls, **fields: cls(**fields))
        patch.setattr(_convert, "_DATE_VALUE_CONFIDENCE", frozenset())
        return _outcome(text, fmt)


def _checked_again(value: Any) -> None:
    """*value*, built again by its constructor (which checks every field), is equal
    and has the same repr: the reader gave each field in the form the model holds it."""
    again = attrs.evolve(value)
    assert again == value
    assert repr(again) == repr(value)


def _same_both_ways(text: str, fmt: str) -> tuple[Any, ...]:
    short, general = _outcome(text, fmt), _general(text, fmt)
    assert short == general, text
    if short[0] == "read":
        plan = short[1]
        for objective in plan.objectives:
            _checked_again(objective)
        for link in plan.links:
            _checked_again(link)
        for (_o, mine), (_p, theirs) in zip(
            plan.iter_key_results(), general[1].iter_key_results(), strict=True
        ):
            _checked_again(mine)
            for item in (*mine.checkins, *mine.initiatives):
                _checked_again(item)
            assert mine.checkins == theirs.checkins
            assert [type(c) for c in mine.checkins] == [type(c) for c in theirs.checkins]
    return short


def _plan_text(key_result: dict[str, Any], **objective: Any) -> str:
    """One objective with *key_result* and a twin that has seen its dates and values
    (so the second's check-ins are read the short way), as JSON."""
    twin = json.loads(json.dumps(key_result))
    twin["id"] = "twin"
    data = {
        "okrkit": 1,
        "period": "2026-Q1",
        "objectives": [
            {"id": "o", "title": "Grow the partner channel", "owner": "sales", **objective,
             "key_results": [key_result, twin]},
        ],
    }  # fmt: skip
    return json.dumps(data)


def _kr(*checkins: Any, **fields: Any) -> dict[str, Any]:
    return {"id": "k", "metric": "calls", "target": "20 call", **fields, "checkins": list(checkins)}


DAY = "2026-01-05"

HOSTILE_CHECKINS = [
    {"date": DAY, "value": "3 call", "confidence": 1},
    {"date": DAY, "value": "3 call", "confidence": 1.0},
    {"date": DAY, "value": "3 call", "confidence": 0},
    {"date": DAY, "value": "3 call", "confidence": -0.0},
    {"date": DAY, "value": "3 call", "confidence": True},
    {"date": DAY, "value": "3 call", "confidence": False},
    {"date": DAY, "value": "3 call", "confidence": 1.5},
    {"date": DAY, "value": "3 call", "confidence": -0.1},
    {"date": DAY, "value": "3 call", "confidence": 10**400},
    {"date": DAY, "value": "3 call", "confidence": "0.5"},
    {"date": DAY, "value": "3 call", "confidence": None},
    {"date": DAY, "value": 3},
    {"date": DAY, "value": 3.0},
    {"date": DAY, "value": True},
    {"date": DAY, "value": 10**400},
    {"date": DAY, "value": -(10**400)},
    {"date": DAY, "value": "  3 call  "},
    {"date": DAY, "value": "3 xyz/abc"},
    {"date": DAY, "value": ""},
    {"date": DAY, "value": None},
    {"date": DAY, "value": [1]},
    {"date": DAY, "value": {}},
    {"date": "2026-02-30", "value": "3 call"},
    {"date": "2026-1-5", "value": "3 call"},
    {"date": " 2026-01-05", "value": "3 call"},
    {"date": 20260105, "value": "3 call"},
    {"date": None, "value": "3 call"},
    {"value": "3 call"},
    {"date": DAY},
    {"date": DAY, "value": "3 call", "colour": 1},
    {"date": DAY, "value": "3 call", "confidance": 0.5},
    {"date": DAY, "value": "3 call", "note": "  "},
    {"date": DAY, "value": "3 call", "note": " called them all "},
    {"date": DAY, "value": "3 call", "note": "\ud800"},
    {"date": DAY, "value": "3 call", "source": 12},
    {"date": DAY, "value": "3 call", "source": "https://example.com", "confidence": 0.5},
    "3 call",
    None,
    [],
    {},
]


YAML_CHECKINS = [
    "{date: 2026-01-05, value: 3 call, confidence: 1.0e0}",
    "{date: 2026-01-05, value: 0x10}",
    "{date: 2026-01-05, value: 1_000}",
    "{date: 2026-01-05, value: 3 call, confidence: .5}",
    "{date: 2026-01-05, value: .inf}",
    "{date: 2026-01-05 10:00:00, value: 3 call}",
    "{date: '2026-01-05', value: '3 call', confidence: !!float 1}",
    "{date: 2026-01-05, value: 3 call, confidence: +1}",
    "{date: 2026-01-05, value: 3 call, confidence: 0o1}",
]


class TestHostileCheckIns:
    @pytest.mark.parametrize("checkin", HOSTILE_CHECKINS, ids=repr)
    def test_each_reads_the_same_both_ways(self, checkin: Any) -> None:
        """A check-in of any shape, alone or after one that read its date and value,
        gives the same plan or the same problems at the same places."""
        plain = {"date": DAY, "value": "3 call"}
        _same_both_ways(_plan_text(_kr(checkin)), "json")
        _same_both_ways(_plan_text(_kr(plain, checkin)), "json")

    def test_a_whole_number_confidence_reads_as_its_float(self) -> None:
        """``confidence: 1`` read the short way is the float 1.0, as the general way
        makes it (a repr shows ``confidence=1.0`` either way)."""
        outcome = _same_both_ways(
            _plan_text(_kr({"date": DAY, "value": "3 call", "confidence": 1})), "json"
        )

        twin = outcome[1].objectives[0].key_results[1]
        assert type(twin.checkins[0].confidence) is float
        assert "confidence=1.0" in repr(twin)

    @pytest.mark.parametrize("checkin", YAML_CHECKINS)
    def test_yaml_numbers_read_by_how_they_are_written(self, checkin: str) -> None:
        """YAML numbers keep how they are written; a check-in holding one is read the
        general way, so it gives the same plan or problems either way."""
        text = (
            "okrkit: 1\nperiod: 2026-Q1\nobjectives:\n  - id: o\n    title: Grow\n"
            "    owner: sales\n    key_results:\n"
        )
        for kr in ("k", "twin"):
            text += (
                f"      - id: {kr}\n        metric: calls\n        target: 20 call\n"
                f"        checkins:\n          - {{date: 2026-01-05, value: 3 call}}\n"
                f"          - {checkin}\n"
            )
        _same_both_ways(text, "yaml")


HOSTILE_FIELDS = [
    {"owner": "  "},
    {"owner": " ventas "},
    {"metric": " revenue "},
    {"statement": "  "},
    {"statement": " Grow revenue from $100k to $175k "},
    {"id": " k1 "},
    {"id": 12},
    {"id": 10**400},
    {"id": "a b"},
    {"id": "x" * 129},
    {"direction": "INCREASE"},
    {"direction": "decrease"},
    {"per": "week", "nature": "activity"},
    {"weight": True},
    {"weight": -1},
    {"weight": 10**400},
    {"weight": 0},
    {"done": "yes"},
    {"strict": True},
    {"ignore": ["stale-checkins", " missing-owner "]},
    {"ignore": "stale-checkins"},
    {"ignore": [" "]},
    {"deadline": "2026-03-31"},
    {"deadline": "2026-04-31"},
    {"type": "nps"},
    {"type": {"name": " t ", "unit": "  "}},
    {"colour": "red"},
    {"cadence": "weekly"},
    {"cadence": {"every": "monthly", "day": 31}},
    {"initiatives": ["  call everyone  ", {"title": " t ", "owner": " "}, {"owner": "x"}]},
    {"initiatives": [{"title": "\ud800"}, 3, None]},
    {"baseline": "35 day", "target": "26 day", "change": "-9 day"},
    {"share": "90 %", "target": "20 call"},
]


class TestHostileFields:
    @pytest.mark.parametrize("fields", HOSTILE_FIELDS, ids=repr)
    def test_key_result_fields_read_the_same_both_ways(self, fields: dict[str, Any]) -> None:
        """Blank, padded, wrong-typed and out-of-range key result fields give the same
        plan or problems whether the key result is made the short way or checked again
        by its constructor."""
        _same_both_ways(_plan_text(_kr({"date": DAY, "value": "3 call"}, **fields)), "json")

    @pytest.mark.parametrize(
        "fields",
        [
            {"title": "  Grow the channel  "},
            {"title": "  "},
            {"owner": " "},
            {"commitment": "aspirational"},
            {"commitment": "Aspirational"},
            {"weight": 2},
            {"parent": " top "},
            {"parent": "a/b"},
            {"period": "2026-Q2"},
            {"period": "2026-Q5"},
            {"ignore": ["objective-has-number"]},
        ],
        ids=repr,
    )
    def test_objective_fields_read_the_same_both_ways(self, fields: dict[str, Any]) -> None:
        _same_both_ways(_plan_text(_kr({"date": DAY, "value": "3 call"}), **fields), "json")

    @pytest.mark.parametrize(
        "link",
        [
            {"from": " k ", "to": "o", "because": "  "},
            {"from": "o/k", "to": "o/twin", "because": " more calls, more deals "},
            {"from": "a b", "to": "o"},
            {"from": "k"},
            {"from": "k", "to": "o", "colour": 1},
        ],
        ids=repr,
    )
    def test_links_read_the_same_both_ways(self, link: dict[str, Any]) -> None:
        data = json.loads(_plan_text(_kr({"date": DAY, "value": "3 call"})))
        data["links"] = [link]
        _same_both_ways(json.dumps(data), "json")


SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 3),
    st.sampled_from([10**400, -(10**400), 2**53 + 1]),
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from(["2026-01-05", "2026-01-12", "2026-02-30", "3 call", "3", " 5 call ", ""]),
    st.text(max_size=5),
)
CHECKIN_KEYS = st.sampled_from(["date", "value", "confidence", "note", "source", "colour"])


class TestProperties:
    @settings(max_examples=60, deadline=None)
    @given(plans(tricky_texts(), tricky_ids), st.sampled_from(FORMATS))
    def test_any_plan_written_reads_the_same_both_ways(self, plan: okrkit.Plan, fmt: str) -> None:
        """Any plan written in any format reads back equal to itself, the same way
        the general reader reads it."""
        outcome = _same_both_ways(okrkit.dumps(plan, format=fmt), fmt)

        assert outcome[0] == "read"
        assert outcome[1] == plan

    @settings(max_examples=30, deadline=None)
    @given(okst.plans(max_objectives=3), st.sampled_from(FORMATS))
    def test_plans_a_team_writes_read_the_same_both_ways(self, plan: okrkit.Plan, fmt: str) -> None:
        outcome = _same_both_ways(okrkit.dumps(plan, format=fmt), fmt)

        assert outcome[1] == plan

    @settings(max_examples=150, deadline=None)
    @given(
        st.lists(
            st.one_of(st.dictionaries(CHECKIN_KEYS, SCALARS, max_size=4), SCALARS),
            max_size=6,
        )
    )
    def test_any_check_ins_read_the_same_both_ways(self, checkins: list[Any]) -> None:
        """Check-ins of any keys and any scalar values give the same plan or the
        same problems either way."""
        _same_both_ways(_plan_text(_kr({"date": DAY, "value": "3 call"}, *checkins)), "json")


def _key_result_both_ways(kr: okrkit.KeyResult) -> tuple[okrkit.KeyResult, okrkit.KeyResult]:
    """*kr* as built in code (check-ins kept as CheckIn values) and the same key result
    read from a file (check-ins kept as columns), statements read alike."""
    plan = read_plan(
        okrkit.plan("p", period="2026-Q1").with_objectives(
            okrkit.objective("Grow the partner channel", id="o").measured_by(kr)
        )
    )
    built = plan.objectives[0].key_results[0]
    read = okrkit.loads(okrkit.dumps(plan, format="json"), format="json")
    return built, read.objectives[0].key_results[0]


CALLS = okrkit.increase("calls", to="20 call").with_id("calls")


class TestCheckInColumns:
    def _pair(self) -> tuple[okrkit.KeyResult, okrkit.KeyResult]:
        kr = (
            CALLS.checked_in("2026-01-12", "4 call", confidence=0.5)
            .checked_in("2026-01-05", "2 call", note="first week", source="crm")
            .checked_in("2026-01-19", "1 hour")
        )
        return _key_result_both_ways(kr)

    def test_read_and_built_are_the_same_value(self) -> None:
        """A key result whose check-ins are columns is equal to one built with CheckIn
        values, with the same hash, repr, check-ins, history and pickle."""
        built, read = self._pair()

        assert read._checkins._items is None  # columns, until asked for CheckIn values
        assert read == built
        assert hash(read) == hash(built)
        assert repr(read) == repr(built)
        assert read.checkins == built.checkins
        assert read.history(until="2026-01-12") == built.history(until="2026-01-12")
        assert read.checkin_as_of("2026-01-13") == okrkit.CheckIn(
            dt.date(2026, 1, 12), okrkit.Amount(4, "call"), confidence=0.5
        )
        for value in (read, built):
            again = pickle.loads(pickle.dumps(value))
            assert again == value
            assert again.checkins == value.checkins

    def test_building_on_a_read_key_result(self) -> None:
        """Fluent methods on a key result read from a file keep its check-ins."""
        built, read = self._pair()

        assert read.owned_by("sales").checkins == built.checkins
        assert attrs.evolve(read, statement=None) == attrs.evolve(built, statement=None)
        longer = read.checked_in("2026-01-26", "6 call")
        assert longer.checkins == (*built.checkins, okrkit.CheckIn("2026-01-26", "6 call"))
        assert longer != read

    def test_different_check_ins_are_different(self) -> None:
        """Key results that differ only in one check-in's note, source or confidence
        are not equal, whichever way they were made."""
        built, read = self._pair()
        for change in ({"note": "x"}, {"source": "sheet"}, {"confidence": 0.25}):
            first = attrs.evolve(built.checkins[0], **change)
            other = attrs.evolve(built, checkins=(first, *built.checkins[1:]))
            assert other != read
            assert read != other

    def test_resolving_reads_the_columns_as_the_check_ins_say(self) -> None:
        """The numbers a rule or the scorer gets from a read key result are those of
        the same key result built in code: in date order, hours converted, the
        confidences that were stated."""
        built, read = self._pair()
        mine, theirs = resolve(read), resolve(built)

        assert mine.checkins == theirs.checkins == [
            (dt.date(2026, 1, 5), 2.0), (dt.date(2026, 1, 12), 4.0)
        ]  # fmt: skip
        assert mine.mismatches == theirs.mismatches == [("checkins", "hour")]
        assert (mine.confidence_days, mine.confidences) == ([dt.date(2026, 1, 12)], [0.5])
        assert (theirs.confidence_days, theirs.confidences) == ([dt.date(2026, 1, 12)], [0.5])

    @settings(max_examples=80, deadline=None)
    @given(key_results())
    def test_any_key_result_resolves_alike_read_or_built(self, kr: okrkit.KeyResult) -> None:
        built, read = _key_result_both_ways(kr)
        mine, theirs = resolve(read), resolve(built)

        assert read == built
        for name in Resolved.__slots__:
            assert getattr(mine, name) == getattr(theirs, name), name

    @settings(max_examples=10, deadline=None)
    @given(okst.plans(max_objectives=2))
    def test_checking_and_scoring_make_no_check_in_values(self, drawn: okrkit.Plan) -> None:
        """okrkit check and score read a plan file's check-ins as columns: no CheckIn
        is made for them."""
        plan = okrkit.loads(okrkit.dumps(drawn, format="json"), format="json")
        okrkit.check(plan, as_of=AS_OF).to_text()
        okrkit.score(plan, as_of=AS_OF).to_text()

        for _objective, kr in plan.iter_key_results():
            assert kr._checkins._items in (None, ())  # () when it has no check-in
