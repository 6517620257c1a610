"""A unit symbol's capitals carry its size (ms and Ms, ml and Ml are 10⁹ apart): a
symbol reads only as written, and a case okrkit does not read is refused with
how to write it, never read as another size. Whole words read in any case."""

from __future__ import annotations

import itertools
import subprocess
import sys

import pint
import pytest

import okrkit
from okrkit import Amount, InvalidValueError, PlanFileError, UnitError
from okrkit._unit_words import (
    ALIASES,
    COMPOUNDS,
    MULTIPLIERS,
    PHYSICAL,
    Refusal,
    UnitReading,
    case_refusal,
    read_unit,
)
from okrkit.units import unit_info


@pytest.fixture
def ureg() -> pint.UnitRegistry:
    return pint.UnitRegistry()


TABLE = (*PHYSICAL, *ALIASES, *COMPOUNDS)
"""Every word okrkit's unit table holds."""


def _cases(word: str) -> set[str]:
    """*word* in every mix of capitals (in five for a long word)."""
    if len(word) <= 6:
        letters = [{c.lower(), c.upper()} for c in word]
        return {"".join(mix) for mix in itertools.product(*letters)}
    return {word.lower(), word.upper(), word.capitalize(), word.title(), word.swapcase()}


def _meaning(reading: UnitReading | Refusal) -> object:
    if isinstance(reading, Refusal):
        return reading
    return tuple((t.name, t.kind, t.power) for t in reading.terms), reading.per


def _a_count(reading: UnitReading) -> bool:
    """A count of a noun of its own ("SEC", "pUNtOS"): no size of anything."""
    return reading.per is None and all(t.kind in ("noun", "open") for t in reading.terms)


@pytest.mark.parametrize("word", TABLE)
def test_no_table_word_in_another_case_reads_as_another_unit(word) -> None:
    """Over the whole table: a word in a case the table does not hold is refused,
    read as the same unit (a whole word or an abbreviation whose case means
    nothing: ``Hours``, ``Sec``) or as a count of its own (an acronym, ``SEC``);
    never a physical unit, currency or percent of another meaning or size."""
    meant = _meaning(read_unit(word))
    for variant in _cases(word) - set(TABLE):
        reading = read_unit(variant)
        if isinstance(reading, Refusal):
            continue
        assert _meaning(reading) == meant or _a_count(reading), (
            f"{variant!r} read as {reading}, where {word!r} is {meant}"
        )


LOWERCASE_SYMBOLS = (
    "s", "ms", "m", "mm", "cm", "km", "kms", "g", "mg", "kg", "kgs", "t", "l", "ml", "h", "hs",
    "d", "kB", "kbit", "cal", "cals", "kcal", "bps", "kbps",
)  # fmt: skip
"""Lowercase symbols whose capitals would change them (Ms, Mm, Kg, T, Cal, Mb)."""
CASE_CARRYING = sorted(
    {*LOWERCASE_SYMBOLS, *(w for w in TABLE if not w.islower())}
    - {"B", "degree_Celsius", "degree_Fahrenheit"}  # B is a billion first; two names
)


@pytest.mark.parametrize("symbol", CASE_CARRYING)
def test_a_symbol_in_any_other_case_is_refused(symbol) -> None:
    """A symbol whose capitals carry meaning (every symbol the table writes with a
    capital, and the lowercase ones a capital changes) is read only as written."""
    assert not isinstance(read_unit(symbol), Refusal)
    for variant in _cases(symbol) - set(TABLE):
        reading = read_unit(variant)
        assert isinstance(reading, Refusal), f"{variant!r} read as {reading}"
        if variant not in MULTIPLIERS:  # "M", "MM": refused as a multiplier first
            assert "capitals" in (reading.hint or "")
            assert "mayúsculas" in (reading.hint_es or "")


@pytest.mark.parametrize(
    ("written", "name"),
    [
        ("ms", "millisecond"), ("mg", "milligram"), ("mm", "millimeter"), ("ml", "milliliter"),
        ("mL", "milliliter"), ("L", "liter"), ("cal", "calorie"), ("kcal", "kilocalorie"),
        ("MB", "megabyte"), ("Mbit", "megabit"), ("kB", "kilobyte"), ("MW", "megawatt"),
        ("kWh", "kilowatt_hour"), ("kg", "kilogram"), ("t", "metric_ton"), ("GHz", "gigahertz"),
    ],
)  # fmt: skip
def test_a_symbol_reads_as_written(ureg, written, name) -> None:
    assert unit_info(written, ureg).canonical == name


@pytest.mark.parametrize(
    "written",
    ["Ms", "Mg", "Mm", "Ml", "ML", "Cal", "CAL", "Mb", "mb", "kb", "KB", "MS", "MG", "KG",
     "Kg", "kwh", "KWH", "Kwh", "MWH", "Kcal", "KCAL", "mbps", "MBps", "hz", "GHZ", "T", "S"],
)  # fmt: skip
def test_a_symbol_in_another_case_is_refused(ureg, written) -> None:
    """Ml is a megalitre, not a millilitre; Cal a food Calorie (a kcal); Mb a megabit."""
    with pytest.raises(UnitError, match="capitals change what a unit symbol means"):
        unit_info(written, ureg)
    with pytest.raises(UnitError, match="capitals"):
        unit_info(f"{written}/month", ureg)


@pytest.mark.parametrize(
    ("text", "english", "spanish"),
    [
        ("5 Ml", "(1 Ml = 1000000 l); write 1000000 l, ml or mL",
         "(1 Ml = 1000000 l); escribe 1000000 l, ml o mL"),
        ("200 Ms", "(1 Ms = 1000000 s); write 1000000 s or ms",
         "(1 Ms = 1000000 s); escribe 1000000 s o ms"),
        ("10 Mg", "(1 Mg = 1000 kg); write 1000 kg or mg",
         "(1 Mg = 1000 kg); escribe 1000 kg o mg"),
        ("3 Mm", "(1 Mm = 1000 km); write 1000 km or mm", "(1 Mm = 1000 km); escribe 1000 km o mm"),
        ("2000 Cal", "(1 Cal = 1 kcal); write kcal or cal", "(1 Cal = 1 kcal); escribe kcal o cal"),
        ("5 Mb", "(1 Mb = 1 Mbit); write Mbit or MB", "(1 Mb = 1 Mbit); escribe Mbit o MB"),
        ("5 KG", "write kg, or name a count with a word, like KG_count",
         "escribe kg, o nombra un recuento con una palabra, como KG_count"),
        ("5 kwh", "write kWh", "escribe kWh"),
    ],
)  # fmt: skip
def test_the_refusal_says_what_the_symbol_is_and_how_to_write_it(text, english, spanish) -> None:
    with pytest.raises(InvalidValueError) as info:
        Amount.parse(text)

    assert english in (info.value.hint or "")
    assert spanish in (info.value.hint_es or "")


def test_the_hints_are_written_as_okrkit_reads_them(ureg) -> None:
    """Each unit a hint offers reads, and is the size the hint says."""
    assert unit_info("l", ureg).canonical == "liter"
    assert Amount.parse("1000000 l").unit == "l"
    assert Amount.parse("5 KG_count").unit == "KG_count"
    assert unit_info("KG_count", ureg).kind.value == "count"


@pytest.mark.parametrize(
    ("written", "name"),
    [("Hours", "hour"), ("HOURS", "hour"), ("Days", "day"), ("Kilometres", "kilometer"),
     ("KILOMETRES", "kilometer"), ("Megabytes", "megabyte"), ("Sec", "second"),
     ("Mins", "minute"), ("Kilos", "kilogram"), ("Celsius", "degree_Celsius")],
)  # fmt: skip
def test_whole_words_read_in_any_case(ureg, written, name) -> None:
    assert unit_info(written, ureg).canonical == name
    assert case_refusal(written) is None


@pytest.mark.parametrize("written", ["USD", "usd", "Eur", "MAU", "NPS", "MQLs", "Leads", "M", "k"])
def test_currencies_acronyms_and_multipliers_are_no_symbols(written) -> None:
    assert case_refusal(written) is None


def test_a_rate_period_reads_in_the_same_cases_as_a_unit() -> None:
    """``call/D`` is no rate per day: D is no symbol okrkit reads, there or alone."""
    assert read_unit("call/Weeks").per == "week"
    assert isinstance(read_unit("call/D"), Refusal)
    from okrkit._resolve import split_rate

    assert split_rate("call/Weeks") == ("call", "week")
    assert split_rate("call/D") == ("call/D", None)


_PLAN = """\
okrkit: 1
title: Agua
period: 2026-Q1
{lang}objectives:
  - id: agua
    title: Reduce water loss across the network
    owner: ana
    key_results:
      - id: perdidas
        metric: water saved
        direction: increase
        baseline: 0 {unit}
        target: 5 {unit}
        owner: ana
        checkins:
          - {{date: 2026-02-01, value: {checkin}}}
"""


@pytest.mark.parametrize(
    ("unit", "checkin"), [("Ml", "2500000 l"), ("Mg", "5 t"), ("Cal", "1000 kcal")]
)
def test_a_plan_in_a_miscased_symbol_is_refused_never_scored(tmp_path, unit, checkin) -> None:
    """Scored as written before, each key result was achieved 500 or 500,000,000 times
    over; now the file is refused at its place, with the hint in the plan's language."""
    english = tmp_path / "plan.yaml"
    english.write_text(_PLAN.format(lang="", unit=unit, checkin=checkin), encoding="utf-8")
    with pytest.raises(PlanFileError, match="capitals change what a unit symbol means"):
        okrkit.load(english)
    spanish = _PLAN.format(lang="lang: es\n", unit=unit, checkin=checkin)
    with pytest.raises(PlanFileError, match="las mayúsculas cambian"):
        okrkit.loads(spanish, format="yaml")

    done = subprocess.run(
        [sys.executable, "-m", "okrkit", "score", str(english), "--as-of", "2026-02-15"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 2
    assert f"{unit} is not read" in done.stderr
    assert "Traceback" not in done.stderr


def test_the_written_out_hint_scores_as_meant(tmp_path) -> None:
    """Written as the hint says (5 Ml as 5000000 l), 2500000 l is half way."""
    path = tmp_path / "plan.yaml"
    text = _PLAN.format(lang="", unit="l", checkin="2500000 l").replace(" 5 l", " 5000000 l")
    path.write_text(text, encoding="utf-8")
    card = okrkit.score(okrkit.load(path), as_of="2026-02-15")
    assert card.objectives[0].key_results[0].progress == pytest.approx(0.5)
