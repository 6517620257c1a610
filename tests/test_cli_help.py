"""`okrkit --help` and `okrkit COMMAND --help`: every option says what it does, and every
command lists its exit statuses and examples that the parser accepts."""

from __future__ import annotations

import argparse
import shlex

import pytest

from okrkit._cli import build_parser, main


def commands() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    (action,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return dict(action.choices)


COMMANDS = commands()


def test_the_top_level_options_have_help() -> None:
    parser = build_parser()

    assert all(a.help and a.help != argparse.SUPPRESS for a in parser._actions)


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_option_of_every_command_has_help(name: str) -> None:
    missing = [
        action.option_strings or action.dest
        for action in COMMANDS[name]._actions
        if not action.help or action.help == argparse.SUPPRESS
    ]

    assert missing == []


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_says_its_exit_statuses_and_examples(name: str, capsys) -> None:
    with pytest.raises(SystemExit) as info:
        main([name, "--help"])
    out = capsys.readouterr().out

    assert info.value.code == 0
    assert "exit status:" in out
    assert "\n  0  " in out
    assert "examples:" in out


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_example_is_a_command_the_parser_accepts(name: str) -> None:
    epilog = COMMANDS[name].epilog or ""
    examples = epilog.split("examples:\n", 1)[1].splitlines()
    runs = [line.strip() for line in examples if line.strip().startswith("okrkit ")]

    assert runs
    for line in runs:
        words = shlex.split(line.split("#")[0].split("|")[0].split(">")[0].split("<")[0])
        args = build_parser().parse_args(words[1:])
        assert args.command == name


def test_the_top_level_help_lists_every_command(capsys) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out

    assert all(name in out for name in COMMANDS)
    assert "exit status" in out
