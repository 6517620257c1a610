"""Rules from installed packages (the ``okrkit.rules`` entry point group) load
as before, and a check with none installed does not import importlib.metadata."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest


CHECK = (
    "import sys, okrkit\n"
    "found = okrkit.check(okrkit.plan('x'), as_of='2026-02-15')\n"
    "print(sorted({f.rule for f in found}))\n"
    "print('importlib.metadata' in sys.modules)\n"
)


def run(*folders: Path) -> list[str]:
    path = [*map(str, folders), *filter(None, [os.environ.get("PYTHONPATH")])]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(path)}
    done = subprocess.run(
        [sys.executable, "-c", CHECK], capture_output=True, text=True, env=env, timeout=120,
        check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()


def installed(folder: Path, *, group: str = "okrkit.rules") -> Path:
    """A package installed in *folder* that declares a rule module under *group*."""
    (folder / "okrkit_site_rules.py").write_text(
        "import okrkit\nfrom okrkit.rules import Place\n\n"
        "@okrkit.rule('site-rule', severity='info', message='{where}', hint='none')\n"
        "def site_rule(ctx):\n"
        "    yield ctx.hit(Place())\n",
        encoding="utf-8",
    )
    info = folder / "okrkit_site_rules-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: okrkit-site-rules\nVersion: 1.0\n", encoding="utf-8"
    )
    (info / "entry_points.txt").write_text(
        f"[{group}]\nsite = okrkit_site_rules\n", encoding="utf-8"
    )
    return folder


def test_no_rules_installed_no_metadata_scan(tmp_path: Path) -> None:
    rules, scanned = run(tmp_path)
    assert "site-rule" not in rules
    assert scanned == "False"


def test_a_package_declaring_rules_has_them_loaded(tmp_path: Path) -> None:
    rules, _ = run(installed(tmp_path))
    assert "site-rule" in rules


def test_entry_points_of_another_group_are_not_loaded(tmp_path: Path) -> None:
    rules, scanned = run(installed(tmp_path, group="other.plugins"))
    assert "site-rule" not in rules
    assert scanned == "False"


@pytest.mark.parametrize("where", ["zip", "egg"])
def test_what_only_importlib_metadata_reads_is_left_to_it(tmp_path: Path, where: str) -> None:
    """A zip file or an egg on the path: importlib.metadata looks, as before."""
    import zipfile

    if where == "zip":
        archive = tmp_path / "bundle.zip"
        with zipfile.ZipFile(archive, "w") as bundle:
            bundle.writestr("README", "")
        folder = archive
    else:
        folder = tmp_path
        (tmp_path / "thing-1.0.egg").mkdir()
    _, scanned = run(folder)
    assert scanned == "True"
