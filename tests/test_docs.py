"""Documentation examples run as tests: README.md and every page in docs/.

Each page's ```python blocks run in order in one namespace, from the repository
root. A ```text block right after a python block is the output it must print.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
from pathlib import Path

import pytest


ROOT = Path(__file__).resolve().parent.parent
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]
FENCE = re.compile(r"^(<!-- spark -->\n)?```(\w*)[^\n]*\n(.*?)^```\s*$", re.DOTALL | re.MULTILINE)
"""A fenced block; ``<!-- spark -->`` on the line before marks an example that
needs Spark (run by ``pytest -m spark``, which starts a local Spark first)."""


def blocks(text: str) -> list[tuple[str, str]]:
    return [(m.group(2), m.group(3)) for m in FENCE.finditer(text)]


def spark_blocks(text: str) -> set[int]:
    """The positions, among blocks(text), of the examples that need Spark."""
    return {index for index, m in enumerate(FENCE.finditer(text)) if m.group(1)}


EXTRAS = {
    "tables.md": ("pyarrow", "duckdb"),
    "tables-duckdb-spark.md": ("pyarrow", "duckdb"),
}
"""Pages whose examples need an optional extra: skipped where it is not installed."""


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_page_examples_run(page: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every python example on the page runs, and prints what the page says it prints
    (those that need Spark: in test_spark_examples_run)."""
    run_examples(page, monkeypatch, spark=False)


SPARK_PAGES = [page for page in PAGES if spark_blocks(page.read_text(encoding="utf-8"))]


@pytest.mark.spark
@pytest.mark.parametrize("page", SPARK_PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_spark_examples_run(page: Path, monkeypatch: pytest.MonkeyPatch, spark: object) -> None:
    """The page's examples run with those that need Spark, on the local Spark."""
    run_examples(page, monkeypatch, spark=True)


def run_examples(page: Path, monkeypatch: pytest.MonkeyPatch, *, spark: bool) -> None:
    for module in EXTRAS.get(page.name, ()):
        pytest.importorskip(module)
    monkeypatch.chdir(ROOT)
    text = page.read_text(encoding="utf-8")
    found = blocks(text)
    needs_spark = spark_blocks(text)
    namespace: dict[str, object] = {"__name__": "__doc_example__"}
    ran = 0
    for index, (language, code) in enumerate(found):
        if language != "python" or (index in needs_spark and not spark):
            continue
        output = io.StringIO()
        with contextlib.redirect_stdout(output):
            exec(compile(code, f"{page.name}[{index}]", "exec"), namespace)
        ran += 1
        following = found[index + 1] if index + 1 < len(found) else None
        if following is not None and following[0] == "text":
            expected = following[1].strip()
            assert expected == output.getvalue().strip(), f"block {index} of {page.name}"
    if page.name == "README.md":
        assert ran, "the README shows a Python example"


def test_readme_set_up_commands_are_marked() -> None:
    """The README holds the two set-up commands CI runs."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")

    assert "<!-- setup:main -->" in text
    assert "<!-- setup:tests -->" in text
    assert os.path.exists(ROOT / ".ci" / "run")


def test_rule_reference_is_current() -> None:
    """docs/rules.md is what `okrkit rules --format markdown` writes today."""
    from okrkit._reference import rule_reference

    assert (ROOT / "docs" / "rules.md").read_text(encoding="utf-8") == rule_reference()
