"""The layers: imports point inward, and `import okrkit` stays cheap."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

import okrkit


SOURCE = Path(okrkit.__file__).parent

# Lower numbers are closer to the centre; a module may import only from its own
# layer or layers below it (at module level; function-level imports are lazy).
LAYERS = {
    0: {
        "exceptions",
        "_escape",
        "_version",
        "_fields",
        "_repr",
        "_amount",
        "_unit_words",
        "_period",
        "_period_words",
        "_plural",
        "_retail",
        "_cycle",
        "_calendars",
        "_metric",
        "_model",
        "_reading",
        "_severity",
        "_policy",
        "_cadence",
        "_collector",
    },
    1: {
        "_units",
        "_resolve",
        "_findings",
        "_rules",
        "_rules_builtin",
        "_score",
        "_forecast",
        "_history",
    },
    2: {
        "_text",
        "_dsl",
        "_files",
        "_render_text",
        "_labels",
        "_html",
        "_api",
        "units",
        "metrics",
        "history",
        "rules",
        "text",
        "_sentence",
        "_graph",
        "strategies",
        "_hypothesis",
        "_tables",
        "tables",
    },
    2.5: {
        "_reference",
        "_report",
        "_notebook",
        "_frames",
        "_ci",
        "_history_views",
        "_backtest_views",
        "_evidence_views",
    },
    3: {"_cli", "__main__", "__init__"},
}
RANK = {name: rank for rank, names in LAYERS.items() for name in names}


def module_name(path: Path) -> str:
    relative = path.relative_to(SOURCE).with_suffix("")
    return relative.parts[0]


def top_level_imports(path: Path) -> list[str]:
    """okrkit modules imported at module level, outside TYPE_CHECKING blocks."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in tree.body:
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            continue
        for child in (
            ast.walk(node) if isinstance(node, (ast.Import, ast.ImportFrom, ast.Try)) else []
        ):
            if (
                isinstance(child, ast.ImportFrom)
                and child.module
                and child.module.startswith("okrkit")
            ):
                found.append(child.module)
            elif isinstance(child, ast.Import):
                found.extend(a.name for a in child.names if a.name.startswith("okrkit"))
    return found


MODULES = sorted(p for p in SOURCE.rglob("*.py"))


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(SOURCE)))
def test_imports_point_inward(path: Path) -> None:
    """No module imports, at module level, a module of an outer layer."""
    own = module_name(path)
    assert own in RANK, f"{own} has no layer in LAYERS"
    for imported in top_level_imports(path):
        parts = imported.split(".")
        if len(parts) < 2:
            continue
        other = parts[1]
        assert RANK[other] <= RANK[own], f"{own} (layer {RANK[own]}) imports {imported}"


def test_core_needs_no_heavy_dependency() -> None:
    """Importing the model loads neither pint nor a file format."""
    code = (
        "import sys, okrkit._model, okrkit._dsl\n"
        "heavy = {'pint', 'yaml', 'tomli_w', 'tomllib', 'json'} & set(sys.modules)\n"
        "assert not heavy, heavy\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_import_okrkit_loads_nothing_of_its_own() -> None:
    """`import okrkit` loads its version and no other module of okrkit's, nor any of
    its dependencies: each public name loads its module on first use."""
    code = (
        "import sys, okrkit\n"
        "own = {m for m in sys.modules if m.startswith('okrkit.')} - {'okrkit._version'}\n"
        "deps = {'attr', 'attrs', 'dateutil', 'yaml', 'pint', 'json', 'tomllib'}\n"
        "used = deps & set(sys.modules)\n"
        "assert not own and not used, (sorted(own), sorted(used))\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_the_model_loads_no_module_of_numbers_paths_or_other_calendars() -> None:
    """The model reads durations, amounts and Gregorian periods without decimal,
    fractions or pathlib, and without the retail and cycle calendars."""
    code = (
        "import sys, okrkit._model\n"
        "unused = {'decimal', 'fractions', 'pathlib', 'okrkit._retail', 'okrkit._cycle'}\n"
        "assert not unused & set(sys.modules), sorted(unused & set(sys.modules))\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_every_public_name_resolves() -> None:
    """Every name in __all__ can be imported from okrkit."""
    for name in okrkit.__all__:
        assert getattr(okrkit, name) is not None
    assert set(okrkit.__all__) <= set(dir(okrkit))


def test_tables_load_no_engine_until_used() -> None:
    """`import okrkit` and `import okrkit.tables` load neither pyarrow nor duckdb."""
    code = (
        "import sys, okrkit, okrkit.tables\n"
        "okrkit.tables.COLUMNS\n"
        "heavy = {m for m in sys.modules if m.split('.')[0] in ('pyarrow', 'duckdb', 'pyspark')}\n"
        "assert not heavy, sorted(heavy)[:5]\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_history_needs_no_table_engine() -> None:
    """okrkit._history, which the tables' history functions finish their figures
    with, imports no table engine and nothing of okrkit._tables, anywhere."""
    for path in sorted((SOURCE / "_history").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            else:
                continue
            for name in names:
                root = name.split(".")
                assert root[0] not in ("pyarrow", "duckdb", "pyspark", "sqlglot"), (path, name)
                assert root[:2] != ["okrkit", "_tables"], (path, name)
