"""What people read from the command: headed columns, their language, graph labels
as wide as asked, and several plans scored at once."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import okrkit
from okrkit._cli import main
from readers import assert_dot, assert_mermaid


ROOT = Path(__file__).resolve().parent.parent
SAAS = ROOT / "examples" / "en" / "saas-growth.yaml"
VENTAS = ROOT / "examples" / "es" / "meta-de-ventas.yaml"
LONG_TITLE = "Make mid-market the segment we win most reliably"


def run(capsys, *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


class TestRules:
    def test_spanish_list_names_severities_in_spanish(self, capsys) -> None:
        """`rules --lang es` says "aviso", not "warning", beside a Spanish explanation."""
        status, out, _ = run(capsys, "rules", "--lang", "es")

        severities = {line.split()[1] for line in out.splitlines()}
        assert status == 0
        assert "aviso" in severities
        assert "warning" not in severities

    def test_english_list_keeps_english_severities(self, capsys) -> None:
        _, out, _ = run(capsys, "rules", "--lang", "en")

        assert {line.split()[1] for line in out.splitlines()} >= {"error", "warning"}


class TestScoreText:
    @pytest.mark.parametrize(
        ("lang", "words"),
        [
            ("en", ["key result", "progress", "score", "expected", "status", "latest value"]),
            ("es", ["resultado clave", "avance", "puntuación", "esperado", "estado"]),
        ],
    )
    def test_key_result_columns_have_headers(self, capsys, lang: str, words: list[str]) -> None:
        """Each objective's key results sit under a header that names every column."""
        _, out, _ = run(capsys, "score", str(VENTAS), "--as-of", "2026-02-15", "--lang", lang)
        lines = out.splitlines()
        header = next(line for line in lines if words[0] in line)
        row = lines[lines.index(header) + 1]

        assert all(word in header for word in words)
        assert row.split()[0] == "pipeline"
        # the numbers end where their headers end
        for word in words[1:4]:
            end = header.index(word) + len(word)
            assert row[end - 1].isdigit(), (word, header, row)


class TestScoreSeveralPlans:
    def test_one_path_keeps_the_documented_document(self, capsys) -> None:
        """One path prints the single-plan document (no list, no file name)."""
        _, out, _ = run(capsys, "score", str(SAAS), "--as-of", "2026-02-15", "--format", "json")
        document = json.loads(out)

        assert set(document) == {"as_of", "score", "objectives"}

    def test_several_paths_give_one_entry_per_plan(self, capsys) -> None:
        """Several paths print {"plans": [...]}: each entry is a one-plan document
        with its file, in the order given."""
        status, out, _ = run(
            capsys, "score", str(SAAS), str(VENTAS), "--as-of", "2026-02-15", "--format", "json"
        )
        document = json.loads(out)
        alone = okrkit.score(okrkit.load(VENTAS), as_of="2026-02-15").to_dict()

        assert status == 0
        assert [entry["file"] for entry in document["plans"]] == [str(SAAS), str(VENTAS)]
        assert document["plans"][1] == {"file": str(VENTAS), **alone}

    def test_several_paths_in_text_are_headed_by_file(self, capsys) -> None:
        _, out, _ = run(capsys, "score", str(SAAS), str(VENTAS), "--as-of", "2026-02-15")

        assert out.startswith(f"==> {SAAS} <==\n")
        assert f"\n==> {VENTAS} <==\n" in out

    def test_an_unreadable_plan_is_reported_and_the_others_scored(
        self, capsys, tmp_path: Path
    ) -> None:
        """A file that is not a plan exits 2 with its problem; the rest are still scored."""
        broken = tmp_path / "broken.yaml"
        broken.write_text("okrkit: 1\nobjectives: 3\n", encoding="utf-8")

        status, out, err = run(capsys, "score", str(broken), str(SAAS), "--format", "json")

        assert status == 2
        assert "broken.yaml" in err
        assert [entry["file"] for entry in json.loads(out)["plans"]] == [str(SAAS)]


class TestGraphLabels:
    def test_a_narrow_width_cuts_long_titles(self, capsys) -> None:
        _, out, _ = run(capsys, "graph", str(SAAS), "--label-width", "20")

        assert_mermaid(out)
        assert LONG_TITLE not in out
        assert '"Make mid-market the…"' in out

    @pytest.mark.parametrize("fmt", ["mermaid", "dot"])
    def test_zero_keeps_labels_whole(self, capsys, fmt: str) -> None:
        """`--label-width 0` never cuts; a wider width keeps a long title whole too."""
        _, whole, _ = run(capsys, "graph", str(SAAS), "--format", fmt, "--label-width", "0")
        _, wide, _ = run(capsys, "graph", str(SAAS), "--format", fmt, "--label-width", "200")

        assert LONG_TITLE in whole
        assert whole == wide
        (assert_dot if fmt == "dot" else assert_mermaid)(whole)

    @pytest.mark.parametrize("width", ["1", "-3", "many", "٣"])
    def test_bad_width_is_bad_usage(self, capsys, width: str) -> None:
        status, out, err = run(capsys, "graph", str(SAAS), "--label-width", width)

        assert (status, out) == (2, "")
        assert "--label-width" in err

    @pytest.mark.parametrize("width", [1, -1, 2.5, "48", True])
    def test_api_refuses_a_bad_width(self, width: object) -> None:
        plan = okrkit.load(SAAS)

        with pytest.raises(okrkit.OkrkitError, match="label_width"):
            okrkit.to_mermaid(plan, label_width=width)  # type: ignore[arg-type]
