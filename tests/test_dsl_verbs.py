"""The DSL's verbs take the same options wherever the options mean something."""

from __future__ import annotations

import inspect

import pytest

import okrkit
from okrkit import achieve, at_least, at_most, decrease, increase, reduce
from okrkit._model import Per


EVERY_VERB = (increase, decrease, at_least, at_most, achieve)
WITH_A_NUMBER = (increase, decrease, at_least, at_most)
OPTIONS = {
    "every verb": (("id", "owner", "weight", "deadline", "nature", "statement"), EVERY_VERB),
    "a number": (("from_", "per", "share"), WITH_A_NUMBER),
    "a move": (("to", "by"), (increase, decrease)),
    "a bound": (("strict",), (at_least, at_most)),
    "a milestone": (("done",), (achieve,)),
}


def _options(verb: object) -> dict[str, inspect.Parameter]:
    parameters = inspect.signature(verb).parameters.values()  # type: ignore[arg-type]
    return {p.name: p for p in parameters if p.kind is inspect.Parameter.KEYWORD_ONLY}


def test_every_option_is_where_it_means_something() -> None:
    """Each group of options is on each verb it belongs to, with the same default
    and type, and no verb has an option of no group."""
    for group, (names, verbs) in OPTIONS.items():
        first = _options(verbs[0])
        for verb in verbs:
            options = _options(verb)
            for name in names:
                assert name in options, f"{verb.__name__} lacks {name}= ({group})"
                assert options[name].default == first[name].default, (verb.__name__, name)
                assert options[name].annotation == first[name].annotation, (verb.__name__, name)
    for verb in EVERY_VERB:
        allowed = {n for names, verbs in OPTIONS.values() if verb in verbs for n in names}
        assert set(_options(verb)) == allowed, verb.__name__


def test_only_what_is_measured_is_positional() -> None:
    for verb in EVERY_VERB:
        positional = [
            p.name
            for p in inspect.signature(verb).parameters.values()
            if p.kind is not inspect.Parameter.KEYWORD_ONLY
        ]
        assert len(positional) == (2 if verb in (at_least, at_most) else 1), verb.__name__


@pytest.mark.parametrize("verb", [decrease, reduce])
def test_a_decrease_can_be_a_rate(verb: object) -> None:
    made = verb("incidencias", to="2 incident", per="week")  # type: ignore[operator]

    assert made.per is Per.WEEK


def test_a_decrease_can_ask_a_share() -> None:
    made = decrease("tiempo de respuesta", to="5 min", share="90%")

    assert made.share == okrkit.Amount(90, "percent")


def test_a_bound_can_say_where_it_starts() -> None:
    made = at_least("NPS", "40", from_="35")

    assert made.baseline == okrkit.Amount(35)
    assert made.target == okrkit.Amount(40)


def test_a_milestone_can_have_its_sentence() -> None:
    """With statement=, the milestone names what is achieved and the statement says it."""
    made = achieve("concurso privado", statement="Ganar el concurso privado de C y D", id="c")

    assert made.statement == "Ganar el concurso privado de C y D"
    assert made.metric == "concurso privado"
    assert made.direction is okrkit.Direction.ACHIEVE


def test_a_milestone_alone_is_its_statement() -> None:
    assert achieve("Ganar el concurso privado").statement == "Ganar el concurso privado"
