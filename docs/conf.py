"""Sphinx configuration for okrkit's documentation site.

Build it from the repository root, in a fresh virtual environment (``--group``
needs pip 25.1 or newer), with::

    python3 -m venv .venv-docs
    .venv-docs/bin/python -m pip install -q --upgrade pip
    .venv-docs/bin/python -m pip install -q . --group docs
    .venv-docs/bin/sphinx-build -W --keep-going -b html docs /tmp/okrkit-site

The pages are Markdown read by MyST; docs/api.md is written by docs/_api_page.py
from the package's public names. Nothing is fetched from the network while the
site is built: no intersphinx, and the theme's assets ship with it.
"""

from __future__ import annotations

import enum
import importlib
import inspect
import sys
from pathlib import Path
from typing import Any


DOCS = Path(__file__).resolve().parent
ROOT = DOCS.parent
# Document the code in this tree, whether or not it is installed in editable mode.
sys.path.insert(0, str(ROOT / "src"))

from sphinx.errors import PycodeError  # noqa: E402
from sphinx.pycode import ModuleAnalyzer  # noqa: E402

import okrkit  # noqa: E402


sys.path.insert(0, str(DOCS))
from _api_page import canonical, public_submodules  # noqa: E402


_SUBMODULES = set(public_submodules())


project = "okrkit"
author = "the okrkit authors"
copyright = "the okrkit authors"
release = okrkit.__version__
version = ".".join(release.split(".")[:2])

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
]

source_suffix = {".md": "markdown"}
root_doc = "index"
# Only the pages are sources: the configuration, the API page's generator, build
# output and editor or tool leftovers are not.
exclude_patterns = [
    "_build",
    "**/_build",
    "_api_page.py",
    "conf.py",
    "**/__pycache__",
    "**/.*",
    "Thumbs.db",
    ".DS_Store",
]
templates_path: list[str] = []
language = "en"

# --- MyST -----------------------------------------------------------------------------
# Anchors for headings down to ### so links like architecture.md#adding-a-rule resolve.
myst_heading_anchors = 3

# --- autodoc and napoleon -------------------------------------------------------------
autodoc_default_options = {"member-order": "bysource"}
autodoc_typehints = "signature"
autodoc_class_signature = "mixed"
napoleon_google_docstring = True
napoleon_numpy_docstring = False
napoleon_use_rtype = False

# No network at build time: no intersphinx, and no external links are checked.
# --- HTML -----------------------------------------------------------------------------
html_theme = "furo"
html_title = f"okrkit {release}"
html_static_path: list[str] = []
html_show_sourcelink = False
html_copy_source = False


def _value_doc(name: str, obj: object) -> list[str] | None:
    """The docstring written under a module-level value where it is defined
    (``NPS = scale(...)`` followed by a string), looked up in okrkit's modules."""
    attribute = name.rpartition(".")[2]
    for module_name in sorted(sys.modules):
        if module_name != "okrkit" and not module_name.startswith("okrkit."):
            continue
        if getattr(sys.modules[module_name], attribute, None) is not obj:
            continue
        try:
            docs = ModuleAnalyzer.for_module(module_name).find_attr_docs()
        except PycodeError:
            continue
        found = docs.get(("", attribute))
        if found:
            return list(found)
    return None


def _api_docstring(
    app: Any, what: str, name: str, obj: object, options: Any, lines: list[str]
) -> None:
    """Keep the API page to okrkit's own words.

    A value such as ``NPS`` or ``__version__`` is described by the docstring
    written under it where it is defined; when it has none, autodoc would show
    its type's docstring (``str``, ``tuple``, ``MetricType``), so nothing is shown.
    A name that the package and a submodule both export is described in full
    once (see docs/_api_page.py); the other entry points to it.
    """
    if what == "data" and obj is not None and not inspect.ismodule(obj):
        own = type(obj).__doc__
        if own is not None and " ".join(lines).split() == inspect.cleandoc(own).split():
            lines[:] = _value_doc(name, obj) or []
    parts = name.split(".")
    if len(parts) != 2 and not (len(parts) == 3 and parts[1] in _SUBMODULES):
        return
    if parts[0] != "okrkit":
        return
    try:
        full = canonical(name)
    except (AttributeError, ImportError):
        return
    if full != name:
        lines[:] = [f"The same object as :py:obj:`{full}`.", ""]


def _enum_signature(
    app: Any,
    what: str,
    name: str,
    obj: object,
    options: Any,
    signature: str | None,
    return_annotation: str | None,
) -> tuple[str, str | None] | None:
    """An enumeration is not called to make one: show its members, not ``(*values)``."""
    if what == "class" and inspect.isclass(obj) and issubclass(obj, enum.Enum):
        return "", None
    return None


def _short_reference(app: Any, env: Any, node: Any, contnode: Any) -> Any:
    """Resolve a docstring's short name (``:class:`Context``` in the rules module,
    ``:func:`rule```) to the one public name it can mean, if there is exactly one."""
    if node.get("refdomain") != "py":
        return None
    target = node["reftarget"].removeprefix("okrkit.")
    domain = env.get_domain("py")
    modules = ["okrkit", *(f"okrkit.{name}" for name in sorted(_SUBMODULES))]
    found = [f"{module}.{target}" for module in modules if f"{module}.{target}" in domain.objects]
    if len(found) != 1:
        return None
    return domain.resolve_xref(
        env, node.get("refdoc"), app.builder, node["reftype"], found[0], node, contnode
    )


def _notebook_members(
    app: Any, what: str, name: str, obj: object, skip: bool, options: Any
) -> bool | None:
    """Show how values display in a notebook (``_repr_html_``, ``_repr_pretty_``)
    where a class documents it, although the names start with an underscore."""
    if name in ("_repr_html_", "_repr_pretty_") and getattr(obj, "__doc__", None):
        return False
    return None


def _names_for_annotations() -> None:
    """Give autodoc the names some modules import only for type checkers, so that
    a command loads less (the retail and cycle calendars, scoring): autodoc reads a
    signature's annotations with its module's names (attrs writes a class's
    methods with a copy of them), and shows the types they name
    (``Calendar | RetailCalendar | CycleCalendar``, not ``AnyCalendar``)."""
    from okrkit import _api, _calendars, _dsl, _model, _score  # noqa: PLC0415

    calendars = {"AnyCalendar": _calendars.AnyCalendar}
    given = {_model: calendars, _dsl: calendars, _api: {"Scorecard": _score.Scorecard}}
    for module, names in given.items():
        vars(module).update(names)
        for value in list(vars(module).values()):
            if isinstance(value, type) and value.__module__ == module.__name__:
                for method in vars(value).values():
                    if inspect.isfunction(method):
                        method.__globals__.update(names)


def setup(app: Any) -> dict[str, Any]:
    app.connect("autodoc-process-docstring", _api_docstring)
    app.connect("autodoc-process-signature", _enum_signature)
    app.connect("missing-reference", _short_reference)
    app.connect("autodoc-skip-member", _notebook_members)
    # Import the public submodules now, so a broken import fails the build at once.
    for name in sorted(_SUBMODULES):
        importlib.import_module(f"okrkit.{name}")
    _names_for_annotations()
    return {"parallel_read_safe": True}
