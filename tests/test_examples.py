"""The example plans: they load, their DSL scripts agree with them, and they check as documented."""

from __future__ import annotations

import importlib.util
import runpy
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

import okrkit
from okrkit import _cli


if TYPE_CHECKING:
    from types import ModuleType


EXAMPLES = Path(__file__).parent.parent / "examples"
SPANISH = sorted((EXAMPLES / "es").glob("*.yaml"))
ENGLISH = EXAMPLES / "en" / "saas-growth.yaml"
ALL_PLANS = [*SPANISH, ENGLISH]
SCRIPTS = sorted((EXAMPLES / "dsl").glob("*.py"))
AS_OF = "2026-02-15"

SETS = (
    "meta-de-ventas",
    "up-selling",
    "cuenta-clave-kam",
    "ventas-asesor-comercial",
    "preventa",
    "equipo-de-ventas",
)


def _name(path: Path) -> str:
    return f"{path.parent.name}/{path.name}"


def _script_module(path: Path) -> ModuleType:
    """Import a DSL script from its path, without putting examples/ on sys.path."""
    spec = importlib.util.spec_from_file_location(f"okrkit_example_{path.stem}", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_article_set_has_a_plan_file_and_a_script() -> None:
    """Each of the article's six OKR sets is there as a Spanish plan file and a DSL script."""
    assert sorted(p.stem for p in SPANISH) == sorted(SETS)
    assert sorted(p.stem for p in SCRIPTS) == sorted(s.replace("-", "_") for s in SETS)
    assert ENGLISH.is_file()


@pytest.mark.parametrize("path", ALL_PLANS, ids=_name)
def test_example_loads(path: Path) -> None:
    """Every example plan file reads into a plan with objectives and key results."""
    plan = okrkit.load(path)
    assert plan.objectives
    assert all(objective.key_results for objective in plan.objectives)


@pytest.mark.parametrize("path", SPANISH, ids=_name)
def test_spanish_examples_are_in_spanish(path: Path) -> None:
    """The article's plans declare Spanish, name their owners and set a period."""
    plan = okrkit.load(path)
    assert plan.lang == "es"
    assert plan.period is not None
    assert all(objective.owner for objective in plan.objectives)
    assert plan.links
    assert all(link.because for link in plan.links)


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.name)
def test_dsl_script_builds_the_same_plan_as_its_file(script: Path) -> None:
    """A DSL script's build() returns a plan equal to reading its Spanish plan file."""
    built = _script_module(script).build()
    assert isinstance(built, okrkit.Plan)
    assert built == okrkit.load(EXAMPLES / "es" / f"{script.stem.replace('_', '-')}.yaml")


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.name)
def test_dsl_script_prints_its_plan(script: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Run as a script, a DSL example prints YAML that reads back as the plan it builds."""
    runpy.run_path(str(script), run_name="__main__")
    printed = capsys.readouterr().out
    assert okrkit.loads(printed, format="yaml") == _script_module(script).build()


@pytest.mark.parametrize("fmt", ["yaml", "json", "toml"])
@pytest.mark.parametrize("path", ALL_PLANS, ids=_name)
def test_example_round_trips(path: Path, fmt: str) -> None:
    """Writing an example in each format and reading it back gives an equal plan, twice over."""
    plan = okrkit.load(path)
    text = okrkit.dumps(plan, format=fmt)
    again = okrkit.loads(text, format=fmt)
    assert again == plan
    assert okrkit.dumps(again, format=fmt) == text


def test_english_example_is_clean(capsys: pytest.CaptureFixture[str]) -> None:
    """The English SaaS plan checks with exit status 0 and no findings at all."""
    status = _cli.main(["check", str(ENGLISH), "--as-of", AS_OF])
    out = capsys.readouterr().out
    assert status == 0
    assert "no findings" in out
    assert not okrkit.check(okrkit.load(ENGLISH), as_of=AS_OF)


@pytest.mark.parametrize("path", SPANISH, ids=_name)
def test_spanish_exit_status_follows_errors(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The command exits 1 on a Spanish example exactly when the checker finds an error."""
    report = okrkit.check(okrkit.load(path), as_of=AS_OF)
    status = _cli.main(["check", str(path), "--as-of", AS_OF])
    capsys.readouterr()
    assert status == (1 if report.errors else 0)
