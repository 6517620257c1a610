"""The statement reader against key results written the way people write them.

``tests/corpus/statements-{en,es}.yaml`` hold sentences modeled on public OKR
pages, handbooks, templates and repositories (the source of each is named in the
file), labeled by the reading contract in docs/statements.md. The reader must get
at least 95 % of them wholly right, and 95 % of every field, in each language.
A miss is listed with what was expected and what was read, so a failure says
which sentences to look at.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pytest
import yaml

import okrkit
from okrkit._text import reading_to_dict


CORPUS = Path(__file__).parent / "corpus"
LANGUAGES = ("en", "es")
GOAL = 0.95

_SECONDS = {
    "millisecond": 0.001, "second": 1.0, "minute": 60.0, "hour": 3600.0,
    "day": 86400.0, "week": 604800.0,
}  # fmt: skip
"""Durations written in different units are the same figure ("90 min" = "1.5 hour");
months and years have no fixed length, so they match only the same unit."""


def _items(lang: str) -> list[dict[str, Any]]:
    with (CORPUS / f"statements-{lang}.yaml").open(encoding="utf-8") as handle:
        items: list[dict[str, Any]] = yaml.safe_load(handle)["items"]
    return items


def _read(text: str) -> dict[str, Any]:
    """The reading as ``okrkit parse --format json`` prints it."""
    return reading_to_dict(okrkit.read_statement(text))


def _seconds(quantity: Mapping[str, Any]) -> float | None:
    factor = _SECONDS.get(str(quantity.get("unit")))
    return None if factor is None else float(quantity["value"]) * factor


def _same_quantity(want: Mapping[str, Any] | None, got: Mapping[str, Any] | None) -> bool:
    if want is None or got is None:
        return want is None and got is None
    if got.get("kind") != want["kind"]:
        return False
    if bool(got.get("points")) != bool(want.get("points")):
        return False
    expected, found = float(want["value"]), float(got["value"])
    if want["kind"] == "duration" and got.get("unit") != want.get("unit"):
        expected_s, found_s = _seconds(want), _seconds(got)
        if expected_s is None or found_s is None:
            return False
        expected, found = expected_s, found_s
    if want["kind"] == "currency" and got.get("unit") != want.get("unit"):
        return False
    return math.isclose(found, expected, rel_tol=1e-6, abs_tol=1e-9)


def _quantities(item: Mapping[str, Any], got: Mapping[str, Any]) -> bool:
    return all(
        _same_quantity(item.get(field), got.get(field))
        for field in ("baseline", "target", "change")
    )


Judge = Callable[[Mapping[str, Any], Mapping[str, Any]], bool]

_JUDGES: dict[str, Judge] = {
    "kind": lambda item, got: got["kind"] == item["kind"],
    "nature": lambda item, got: got["nature"] == item["nature"],
    "direction": lambda item, got: got["direction"] == item["direction"],
    "quantities": _quantities,
    "per": lambda item, got: got["per"] == item.get("per"),
    "share": lambda item, got: _same_quantity(item.get("share"), got.get("share")),
    "ambiguous_percent": lambda item, got: (
        bool(got["ambiguous_percent"]) == bool(item.get("ambiguous_percent"))
    ),
    "baseline_ref": lambda item, got: (
        (got.get("baseline_ref") is None) == (item["baseline_ref"] is None)
    ),
}
_METRIC_ONLY = frozenset({"quantities", "per", "share", "ambiguous_percent"})


def _judged(item: Mapping[str, Any]) -> list[str]:
    """The fields an item is judged on: those it labels, and for a metric every
    figure (an unlabeled figure must be read as none)."""
    fields = [name for name in ("kind", "nature", "direction", "baseline_ref") if name in item]
    if item["kind"] == "metric":
        fields.extend(sorted(_METRIC_ONLY))
    return fields


def _verdicts(lang: str) -> tuple[dict[str, list[bool]], list[str]]:
    per_field: dict[str, list[bool]] = {name: [] for name in _JUDGES}
    misses = []
    for item in _items(lang):
        got = _read(item["text"])
        wrong = []
        for name in _judged(item):
            right = _JUDGES[name](item, got)
            per_field[name].append(right)
            if not right:
                wrong.append(name)
        if wrong:
            shown = {name: got.get(name) for name in ("kind", "nature", "direction", "per")}
            shown.update({f: got.get(f) for f in ("baseline", "target", "change", "share")})
            misses.append(f"{item['text']!r}: {', '.join(wrong)} wrong; read {shown}")
    return per_field, misses


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_corpus_is_labeled_in_its_language(lang: str) -> None:
    items = _items(lang)
    assert len(items) >= 100
    assert all(item["lang"] == lang for item in items)
    texts = [item["text"] for item in items]
    assert len(set(texts)) == len(texts), "a sentence appears twice"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_language_is_read(lang: str) -> None:
    items = _items(lang)
    right = sum(_read(item["text"])["lang"] == lang for item in items)
    assert right / len(items) >= GOAL


@pytest.mark.parametrize("lang", LANGUAGES)
def test_real_world_sentences_are_read_as_the_contract_says(lang: str) -> None:
    per_field, misses = _verdicts(lang)
    items = len(_items(lang))
    strict = 1 - len(misses) / items
    shortfalls = [
        f"{name}: {sum(results)}/{len(results)}"
        for name, results in per_field.items()
        if results and sum(results) / len(results) < GOAL
    ]
    report = "\n".join(misses)
    assert strict >= GOAL, f"strict {strict:.1%} ({len(misses)} misses of {items}):\n{report}"
    assert not shortfalls, f"fields under {GOAL:.0%}: {shortfalls}\n{report}"
