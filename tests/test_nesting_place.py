"""A document nested too deeply is refused at a line and column in every format,
as YAML's parser places it: where the nesting is deepest."""

from __future__ import annotations

import pytest

import okrkit
from okrkit import PlanFileError


DEPTH = 100_000


def _problem(text: str, format: str) -> okrkit.Problem:
    with pytest.raises(PlanFileError) as info:
        okrkit.loads(text, format=format)  # type: ignore[arg-type]
    (problem,) = info.value.problems
    assert "nested too deeply" in problem.message
    return problem


def test_json_nested_too_deeply_is_placed_at_its_deepest_bracket() -> None:
    head = '{"okrkit": 1,\n "title": "[{ in a string",\n "objectives": '
    problem = _problem(head + "[" * DEPTH + "]" * DEPTH + "}", "json")
    assert (problem.line, problem.column) == (3, len(' "objectives": ') + DEPTH)


def test_json_objects_nested_too_deeply_are_placed_too() -> None:
    text = '{"okrkit": 1, "x":\n' + '{"a":' * DEPTH + "1" + "}" * DEPTH + "}"
    problem = _problem(text, "json")
    assert (problem.line, problem.column) == (2, 5 * (DEPTH - 1) + 1)


@pytest.mark.parametrize(("opening", "closing"), [("[", "]"), ("{a=", "}")])
def test_toml_nested_too_deeply_is_placed_at_its_deepest_bracket(
    opening: str, closing: str
) -> None:
    head = 'okrkit = 1\ntitle = "[[{{ in a string" # [{ in a comment\nx = '
    problem = _problem(head + opening * DEPTH + closing * DEPTH + "\n", "toml")
    assert (problem.line, problem.column) == (3, len("x = ") + len(opening) * (DEPTH - 1) + 1)
