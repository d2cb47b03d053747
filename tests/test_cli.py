"""Every command through typer's CliRunner: output, JSON schema, errors and exit codes."""

from __future__ import annotations

import json

import pytest

SUMMARY_KEYS = {"text", "method", "sentences"}
STANCE_KEYS = {"actor", "label", "scores", "runner_up", "mixed", "mentions", "evidence", "pulls"}


def test_analyze_prints_summary_and_stance_table(cli, example_path):
    result = cli("analyze", example_path)
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.startswith("First grain ship under Black Sea deal leaves Odesa")
    assert "Summary (embedded," in out and "Stance" in out
    for actor in ("Russia", "Ukraine", "US"):
        assert f"\n  {actor} " in out


def test_analyze_json_schema(cli, example_path):
    result = cli("analyze", example_path, "--json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert set(data) == {"title", "summary", "stances", "meta"}
    assert SUMMARY_KEYS <= set(data["summary"]) and data["summary"]["method"] == "embedded"
    for s in data["summary"]["sentences"]:
        assert {"text", "start", "end"} <= set(s) <= {"text", "start", "end", "spans", "removed", "truncated"}
    assert [s["actor"] for s in data["stances"]] == ["Russia", "Ukraine", "US"]
    assert all(set(s) == STANCE_KEYS for s in data["stances"])
    assert set(data["meta"]) >= {"models", "timings_ms"}
    assert data["meta"]["models"]["encoder"] == "sentence-transformers/all-MiniLM-L6-v2"


def test_summarize_and_stance_run_one_task(cli, example_path):
    summary = json.loads(cli("summarize", example_path, "--json", "--summarizer", "lead", "-n", "2").stdout)
    assert summary["stances"] is None and summary["summary"]["method"] == "lead"
    assert len(summary["summary"]["sentences"]) == 2
    stance = json.loads(cli("stance", example_path, "--json").stdout)
    assert stance["summary"] is None and len(stance["stances"]) == 3


def test_compression_is_reported_in_the_json_and_off_with_no_compress(cli, example_path):
    from nlp.summarizers.base import join_pieces

    source = example_path.read_text()
    compressed = json.loads(cli("summarize", example_path, "--json").stdout)["summary"]["sentences"]
    cut = [s for s in compressed if "removed" in s]
    assert cut and all({"text", "reason"} == set(r) for s in cut for r in s["removed"])
    assert {r["reason"] for s in cut for r in s["removed"]} >= {"dateline"}  # "ODESA, Ukraine — "
    for s in cut:
        assert join_pieces(source[a:b] for a, b in s["spans"]) == s["text"]
        assert all(s["start"] <= a < b <= s["end"] for a, b in s["spans"])
    whole = json.loads(cli("summarize", example_path, "--json", "--no-compress").stdout)["summary"]["sentences"]
    assert all(set(s) == {"text", "start", "end"} for s in whole)
    assert all(source[s["start"]:s["end"]] == s["text"] for s in whole)


def test_stdin_and_verbose_report_removed_lines(cli, seed_article):
    result = cli("summarize", "-", "--verbose", input=seed_article)
    assert result.exit_code == 0
    assert "removed line 5 (placeholder): [ad_1]" in result.stderr
    assert "[ad_1]" not in result.stdout


def test_custom_actors_and_labels(cli, example_path, tmp_path):
    actors = tmp_path / "actors.toml"
    actors.write_text('[actors]\nTurkey = ["Turkey", "Turkish", "Ankara", "Erdogan"]\n')
    result = cli("stance", example_path, "--json", "--actor", "UN=UN,United Nations,Guterres",
                 "--actors-file", actors, "--labels", "supportive,hostile,neutral")
    assert result.exit_code == 0, result.output
    stances = {s["actor"]: s for s in json.loads(result.stdout)["stances"]}
    assert list(stances) == ["Russia", "Ukraine", "US", "UN", "Turkey"]
    assert stances["Turkey"]["mentions"] > 0
    assert set(stances["UN"]["scores"]) == {"supportive", "hostile", "neutral"}
    only = json.loads(cli("stance", example_path, "--json", "--no-default-actors", "--actor", "Turkey").stdout)
    assert [s["actor"] for s in only["stances"]] == ["Turkey"]


@pytest.mark.parametrize("args, code, message", [
    (["analyze", "missing.txt"], 1, "missing.txt: no such file"),
    (["analyze", "-"], 1, "<stdin>: input is empty"),
    (["analyze", "EXAMPLE", "--actor", "NATO="], 2, "no aliases after '='"),
    (["analyze", "EXAMPLE", "--labels", ""], 2, "--labels"),
    (["analyze", "EXAMPLE", "--summarizer", "magic"], 2, "'magic' is not one of"),
    (["analyze", "EXAMPLE", "--stance-backend", "oracle"], 2, "'oracle' is not one of"),
    (["analyze", "EXAMPLE", "--max-words", "0"], 2, "--max-words must be at least 1"),
    (["summarize", "EXAMPLE", "--summarizer", "lead", "--no-compress"], 2,
     "--no-compress applies to --summarizer embedded only"),
    (["analyze", "EXAMPLE", "--actors-file", "nope.toml"], 2, "--actors-file nope.toml: cannot read"),
    (["analyze", "EXAMPLE", "--resume"], 2, "--resume needs --out"),
    (["analyze", "EXAMPLE", "--bogus"], 2, "No such option"),
])
def test_errors_are_one_line_with_exit_codes(cli, example_path, args, code, message):
    args = [str(example_path) if a == "EXAMPLE" else a for a in args]
    result = cli(*args, input="")
    assert result.exit_code == code, result.output
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and result.stderr.startswith("error: ")
    assert "Traceback" not in result.output and result.stdout == ""


def test_binary_and_undecodable_input(cli, tmp_path):
    (tmp_path / "a.bin").write_bytes(b"\x00\x01\x02 binary")
    (tmp_path / "b.txt").write_bytes(b"caf\xe9 talks")
    assert "binary" in cli("analyze", tmp_path / "a.bin").stderr
    result = cli("analyze", tmp_path / "b.txt")
    assert result.exit_code == 1 and "not valid UTF-8" in result.stderr


def test_models_lists_the_registry(cli):
    from nlp.backends import BACKENDS

    result = cli("models", "--json")
    assert result.exit_code == 0
    rows = json.loads(result.stdout)
    assert [(r["task"], r["backend"], r["model"]) for r in rows] == [
        (b.task, b.name, b.default_model) for b in BACKENDS]
    assert all(r["available"] for r in rows if r["backend"] in {"lead", "embedded"})
    assert "default model" in cli("models").stdout


def test_readme_backend_table_is_the_registry(cli):
    from pathlib import Path

    table = cli("models", "--markdown").stdout.strip()
    readme = Path(__file__).resolve().parents[1] / "README.md"
    assert table.count("\n") == 6 and table in readme.read_text()


def test_cli_choices_come_from_the_registry(cli):
    from nlp.backends import names

    help_text = cli("analyze", "--help").stdout
    for name in names("summary") + names("stance"):
        assert name in help_text


def test_help_and_bare_command(cli):
    assert cli().exit_code == 0 and "analyze" in cli().stdout
    assert "--stance-backend" in cli("analyze", "--help").stdout
    assert "--labels" not in cli("summarize", "--help").stdout  # stance options stay off summarize


def test_terminal_table_flags_a_split_decision():
    from nlp.cli.render import render_analysis

    result = {"title": None, "summary": None, "stances": [
        {"actor": "Russia", "label": "confrontational", "scores": {"conciliatory": 0.36, "confrontational": 0.4,
         "neutral": 0.24}, "runner_up": "conciliatory", "mixed": True, "evidence": [{"text": "Moscow warned."}]},
        {"actor": "US", "label": "absent", "scores": {}, "runner_up": None, "mixed": False, "evidence": []}]}
    out = render_analysis(result)
    assert "confrontational (mixed; next: conciliatory)  0.40" in out
    assert "absent" in out and "(not mentioned)" in out and out.count("mixed") == 1
