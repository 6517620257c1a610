"""`okrkit schema`: the JSON Schema of plan files, written from the reader's own tables,
accepts every plan okrkit reads and writes and refuses the usual mistakes."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import okrkit
from okrkit import strategies
from okrkit._cli import main
from okrkit._files._calendar import CALENDAR, CALENDAR_KEYS
from okrkit._files._convert import PlanReader
from okrkit._files._keys import PLAN, POLICY, SECTIONS, Key, Section, choices
from okrkit._files._yaml import read_yaml
from okrkit._policy import POLICY_KEYS


ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").rglob("*.yaml"))
TEMPLATES = sorted(resources.files("okrkit").joinpath("_templates").iterdir(), key=str)


@pytest.fixture(scope="module")
def schema(capsys_module=None) -> dict[str, Any]:
    """The schema exactly as `okrkit schema` prints it."""
    import contextlib
    import io

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["schema"]) == 0
    return json.loads(out.getvalue())  # type: ignore[no-any-return]


@pytest.fixture(scope="module")
def validator(schema: dict[str, Any]) -> jsonschema.Draft7Validator:
    jsonschema.Draft7Validator.check_schema(schema)
    return jsonschema.Draft7Validator(schema)


def data(text: str) -> Any:
    """A YAML document as an editor's YAML 1.2 language server sees it."""
    return read_yaml(text)[0]


def errors(validator: jsonschema.Draft7Validator, document: Any) -> list[str]:
    return [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
        for e in validator.iter_errors(document)
    ]


STARTER = """\
okrkit: 1
period: 2026-Q1
objectives:
  - id: meta
    title: Cumplir la meta
    owner: ventas
    key_results:
      - {id: ciclo, metric: ciclo de venta, direction: decrease, baseline: 35 day, target: 26 day}
"""


def test_it_is_draft_07(schema: dict[str, Any]) -> None:
    """Draft-07: the newest draft yaml-language-server supports."""
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_every_example_is_valid(validator, path: Path) -> None:
    assert errors(validator, data(path.read_text(encoding="utf-8"))) == []


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: p.name)
def test_every_starter_template_is_valid(validator, template) -> None:
    text = template.read_text("utf-8").replace("{period}", "2026-Q3")

    assert errors(validator, data(text)) == []


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_every_example_written_as_json_is_valid(validator, path: Path) -> None:
    text = okrkit.dumps(okrkit.load(path), format="json")

    assert errors(validator, json.loads(text)) == []


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plan=strategies.plans())
def test_every_plan_okrkit_writes_is_valid(validator, plan) -> None:
    """Whatever okrkit writes, an editor with the schema accepts."""
    assert errors(validator, data(okrkit.dumps(plan))) == []


KR = "{id: ciclo, metric: ciclo de venta, direction: decrease, baseline: 35 day, target: 26 day}"


@pytest.mark.parametrize(
    ("old", "new", "where"),
    [
        ("owner: ventas", "owner: ventas\n    colour: red", "objectives/0"),  # unknown key
        ("owner: ventas", "commitment: maybe", "objectives/0/commitment"),  # not a choice
        ("owner: ventas", "weight: -1", "objectives/0/weight"),
        ("owner: ventas", "ignore: [1]", "objectives/0/ignore/0"),
        ("id: meta", "id: meta q1", "objectives/0/id"),
        ("direction: decrease", "direction: down", "objectives/0/key_results/0/direction"),
        ("baseline: 35 day", "deadline: 31/03/2026", "objectives/0/key_results/0/deadline"),
        ("baseline: 35 day", "checkins: [{value: 3}]", "objectives/0/key_results/0/checkins/0"),
        ("baseline: 35 day", "nature: result", "objectives/0/key_results/0/nature"),
    ],
)
def test_typical_mistakes_are_refused_at_their_place(
    validator, old: str, new: str, where: str
) -> None:
    """An unknown key, a value outside its choices, a bad date or id, a missing field:
    the schema refuses each where it is, as okrkit's reader does."""
    assert old in STARTER
    text = STARTER.replace(old, new)
    found = errors(validator, data(text))

    assert any(e.startswith(where + ":") for e in found), found
    with pytest.raises(okrkit.PlanFileError):
        okrkit.loads(text)


@pytest.mark.parametrize(
    "top",
    [
        "okrkit: 2\n",
        "okrkit: 1\nlang: fr\n",
        "okrkit: 1\ncurrency: dollars\n",
        "okrkit: 1\ncalendar: {kind: retail, start: 2026-01-05}\n",
        "okrkit: 1\ncalendar: {kind: cycle, start: 2026-01-05}\n",
        "okrkit: 1\ncalendar: {fiscal_year_start: 13}\n",
        "okrkit: 1\npolicy: {severities: {missing-owner: loud}}\n",
        "okrkit: 1\npolicy: {thresholds: {max_key_results: 4.5, unknown: 1}}\n",
        "okrkit: 1\ncadence: hourly\n",
        "title: no version\n",
    ],
)
def test_plan_level_mistakes_are_refused(validator, top: str) -> None:
    assert errors(validator, data(top)) != []
    with pytest.raises(okrkit.PlanFileError):
        okrkit.loads(top)


@pytest.mark.parametrize(
    "top",
    [
        "okrkit: 1\ncalendar: {kind: retail, pattern: 4-5-4, week53: last}\n",
        "okrkit: 1\ncalendar: {kind: cycle, start: 2026-01-05, weeks: 6}\n",
        "okrkit: 1\ncalendar: {fiscal_year_start: 4, fiscal_year_named_by: start}\n",
        "okrkit: 1\ncadence: {every: quincenal, weekday: viernes}\n",
        "okrkit: 1\npolicy: {preset: strict, ignore: missing-owner,"
        " thresholds: {max_key_results: 4}}\n",
        "okrkit: 1\nperiod: 2026\ntitle: 2026\n",
    ],
)
def test_what_okrkit_reads_the_schema_accepts(validator, top: str) -> None:
    okrkit.loads(top)

    assert errors(validator, data(top)) == []


def test_a_link_end_is_an_id_or_two_of_at_most_128_characters(validator) -> None:
    """The schema bounds each id of a link's end as the reader does."""
    fine = {"okrkit": 1, "links": [{"from": "o" * 128 + "/" + "k" * 128, "to": "k" * 128}]}
    too_long = {"okrkit": 1, "links": [{"from": "k" * 129, "to": "o/" + "k" * 129}]}

    assert errors(validator, fine) == []
    assert sorted(e.split(":")[0] for e in errors(validator, too_long)) == [
        "links/0/from",
        "links/0/to",
    ]


def test_the_policy_table_is_the_policy_reader_s() -> None:
    """The schema's policy keys are the ones Policy.from_mapping reads, but plugins,
    which a plan never names."""
    assert (*POLICY, "plugins") == POLICY_KEYS
    assert tuple(CALENDAR) == CALENDAR_KEYS


WRONG = {
    "text": [["a list"]],
    "identifier": ["two words"],
    "reference": ["two words", "a/b/c", "l" * 129],
    "amount": [["a list"]],
    "date": ["31/03/2026"],
    "number": ["many"],
    "boolean": ["yes"],
    "choice": ["none of them"],
    "period": [["a list"]],
    "rule_ids": [{"a": "mapping"}],
    "cadence": ["hourly"],
    "metric_type": ["no-such-type"],
    "list": ["not a list"],
}


MINIMAL = {
    "plan": {"okrkit": 1},
    "objective": {"title": "t"},
    "key_result": {"statement": "Generar 10 leads"},
    "checkin": {"date": "2026-01-05", "value": 1},
    "initiative": {"title": "t"},
    "link": {"from": "a", "to": "b"},
    "metric_type": {"name": "t"},
}


def placed(section: str, mapping: dict[str, Any]) -> tuple[dict[str, Any], tuple[Any, ...]]:
    """A plan holding *mapping* as a *section*, and the path where it sits."""
    if section == "plan":
        return mapping, ()
    if section in ("objective", "link"):
        return {"okrkit": 1, f"{section}s": [mapping]}, (f"{section}s", 0)
    if section == "key_result":
        plan, path = placed("objective", {"title": "t", "key_results": [mapping]})
        return plan, (*path, "key_results", 0)
    kr = {"statement": "Generar 10 leads"}
    where: tuple[Any, ...] = {"metric_type": ("type",)}.get(section, (f"{section}s", 0))
    kr[where[0]] = mapping if section == "metric_type" else [mapping]
    plan, path = placed("key_result", kr)
    return plan, (*path, *where)


CASES = [
    (section, name)
    for section, keys in SECTIONS.items()
    if section in MINIMAL
    for name in keys
    if keys[name].reads in WRONG
]


@pytest.mark.parametrize(("section", "name"), CASES)
def test_the_reader_reads_every_key_of_its_tables(section: str, name: str) -> None:
    """Each key the schema offers is read by the reader as the table says: a value of
    the wrong kind there is a problem at that key (nothing is accepted and dropped)."""
    for wrong in WRONG[SECTIONS[section][name].reads]:
        plan, path = placed(section, {**MINIMAL[section], name: wrong})
        reader = PlanReader()
        reader.plan(plan)

        at = [problem.path[: len(path) + 1] for problem in reader.problems]
        assert (*path, name) in at, (section, name, wrong, [p.message for p in reader.problems])


def test_every_section_and_key_is_tried() -> None:
    assert len(CASES) > 40
    assert {section for section, _ in CASES} == set(MINIMAL)


# --- null: an optional key set to null is left out, for the reader and the schema --------

SECTION_OF = {**SECTIONS, "calendar": CALENDAR}

NULL_CASES = [
    (section, name)
    for section, keys in SECTION_OF.items()
    if section in MINIMAL or section in ("calendar", "cadence", "policy")
    for name, key in keys.items()
    if not key.required and (section, name) != ("calendar", "start")
]


def holding(section: str, mapping: dict[str, Any]) -> dict[str, Any]:
    """A plan document holding *mapping* as a *section* of its own."""
    if section in ("calendar", "cadence", "policy"):
        return {"okrkit": 1, section: mapping}
    return placed(section, mapping)[0]


@pytest.mark.parametrize(("section", "name"), NULL_CASES)
def test_an_optional_key_set_to_null_is_accepted_by_both(
    validator, section: str, name: str
) -> None:
    """`owner: ~` reads as if the key were left out; an editor must not mark it."""
    base = {"every": "weekly"} if section == "cadence" else MINIMAL.get(section, {})
    if section == "calendar" and name in ("weeks", "days"):  # start is a cycle's must
        base = {"kind": "cycle", "start": "2026-01-05", "weeks": 2, "days": 14}
    elif section == "calendar" and name not in (
        "kind",
        "fiscal_year_start",
        "fiscal_year_named_by",
    ):
        base = {"kind": "retail"}
    document = holding(section, {**base, name: None})

    okrkit.loads(json.dumps(document), format="json")

    assert errors(validator, document) == []


SAMPLES: dict[str, list[Any]] = {
    "text": ["Reach 5 leads", 2026, "", None],
    "identifier": ["meta-q1", 7, "two words", None],
    "reference": ["meta-q1", "meta-q1/leads", None],
    "amount": ["5 lead", "35 day", "20 %", 3, None],
    "date": ["2026-01-31", "31/01/2026", None],
    "number": [1, 0.5, -1, None],
    "whole": [1, 12, 0, None],
    "boolean": [True, False, None],
    "period": ["2026-Q1", 2026, None],
    "rule_ids": [["missing-owner"], "missing-owner", [], None],
    "currency": ["USD", "usd", None],
    "weekday": ["friday", "viernes", 4, None],
    "week53": ["last", 12, None],
    "severities": [{"missing-owner": "info"}, {"missing-owner": None}, None],
    "thresholds": [{"stale_after_days": 7}, {"stale_after_days": None}, None],
    "version": [1],
}
"""Values of each kind the reader reads: good ones, wrong ones and null."""

WORDS = {"cadence": ["weekly", "hourly"], "metric_type": ["nps", "no-such-type"]}
TEXT_ITEMS = {"key_result": "Reach 5 leads", "initiative": "Call the list"}


def value_of(key: Key, depth: int) -> st.SearchStrategy[Any]:
    """A value for *key*, of the kind it reads or not, from the tables the reader uses."""
    read = key.reads
    if read == "choice":
        return st.sampled_from([*choices(key), None, "none-of-them"])
    if read in ("calendar", "policy", "cadence", "metric_type"):
        table = SECTION_OF[read]
        return st.one_of(st.sampled_from([None, *WORDS.get(read, [])]), documents(table, depth))
    if read == "list":
        assert key.items is not None
        item = documents(SECTION_OF[key.items], depth + 1)
        if key.items in TEXT_ITEMS:
            item = st.one_of(st.just(TEXT_ITEMS[key.items]), item)
        return st.one_of(st.none(), st.lists(item, max_size=2 if depth < 2 else 0))
    return st.sampled_from(SAMPLES[read])


@st.composite
def documents(draw: st.DrawFn, keys: Section = PLAN, depth: int = 0) -> dict[str, Any]:
    """A mapping of *keys* (a whole plan document by default): every required key
    and some optional ones, with values that the reader may or may not accept."""
    optional = [name for name in keys if name not in keys.required]
    names = [*keys.required, *draw(st.lists(st.sampled_from(optional), unique=True))]
    return {name: draw(value_of(keys[name], depth)) for name in names}


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document=documents())
def test_what_the_reader_accepts_the_schema_accepts(validator, document: dict[str, Any]) -> None:
    """For any plan document (about half of these are refused): if okrkit reads it,
    the schema an editor checks it with has nothing to say against it."""
    try:
        okrkit.loads(json.dumps(document), format="json")
    except okrkit.PlanFileError:
        return
    assert errors(validator, document) == []


def test_schema_to_a_file(tmp_path: Path, capsys) -> None:
    target = tmp_path / "okrkit-plan.schema.json"

    assert main(["schema", "-o", str(target)]) == 0
    assert json.loads(target.read_text(encoding="utf-8"))["title"].startswith("okrkit plan")
    assert main(["schema", "-o", str(tmp_path / "missing" / "x.json")]) == 2
    assert "cannot write" in capsys.readouterr().err
