"""The API reference page, docs/api.md: complete, and as its generator writes it."""

from __future__ import annotations

import importlib
import importlib.util
import pkgutil
import re
import sys
from pathlib import Path
from types import ModuleType

import okrkit


ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "docs" / "api.md"
GENERATOR = ROOT / "docs" / "_api_page.py"
TARGET = re.compile(r"^\.\. auto\w+::\s*(\S+)", re.MULTILINE)


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("_api_page", GENERATOR)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the file runs
    try:
        spec.loader.exec_module(module)
    finally:
        del sys.modules[spec.name]
    return module


def _public_names() -> list[str]:
    names = [f"okrkit.{name}" for name in okrkit.__all__]
    for info in pkgutil.iter_modules(okrkit.__path__):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"okrkit.{info.name}")
        names.append(module.__name__)
        names += [f"{module.__name__}.{name}" for name in module.__all__]
    return names


def test_every_public_name_has_an_entry() -> None:
    """Each name the package or a public submodule exports is the target of an autodoc directive."""
    targets = set(TARGET.findall(PAGE.read_text(encoding="utf-8")))

    missing = [name for name in _public_names() if name not in targets]

    assert not missing, f"not in docs/api.md (run python docs/_api_page.py): {missing}"


def test_page_is_what_the_generator_writes() -> None:
    """The committed page matches a fresh run of docs/_api_page.py, so nobody edits it by hand."""
    written = _generator().render()

    assert PAGE.read_text(encoding="utf-8") == written, "run python docs/_api_page.py"
