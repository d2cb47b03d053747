"""The page options and ``nlp report`` through the CLI; ``nlp analyze`` does not import the
page libraries unless asked."""

from __future__ import annotations

import json
import subprocess
import sys

from html_fixtures import write_results

from nlp.html import page_name


def test_html_and_html_dir_belong_to_single_and_batch_runs(cli, example_path, tmp_path):
    result = cli("analyze", example_path, example_path, "--html", tmp_path / "x.html")
    assert result.exit_code == 2 and "use --html-dir DIR" in result.stderr
    result = cli("summarize", example_path, "--html-dir", tmp_path / "pages")
    assert result.exit_code == 2 and "use --html FILE" in result.stderr


def test_batch_run_writes_one_page_per_article(cli, example_path, tmp_path):
    rows = tmp_path / "in.jsonl"
    text = example_path.read_text()
    rows.write_text("".join(json.dumps({"id": i, "text": text}) + "\n" for i in ("a/1", "b 2"))
                    + json.dumps({"id": "empty", "text": " "}) + "\n")
    result = cli("stance", rows, "--out", tmp_path / "out.jsonl", "--html-dir", tmp_path / "pages", "-q")
    assert result.exit_code == 1  # the empty row failed; the others have their pages
    assert sorted(p.name for p in (tmp_path / "pages").iterdir()) == sorted([page_name("a/1"), page_name("b 2")])
    lines = [json.loads(x) for x in (tmp_path / "out.jsonl").read_text().splitlines()]
    page = (tmp_path / "pages" / page_name("a/1")).read_text()
    assert page.count("<mark ") == sum(len(s["evidence"]) for s in lines[0]["stances"])


def test_report_command_writes_the_report(cli, tmp_path):
    write_results(tmp_path / "r.jsonl", 40)
    result = cli("report", tmp_path / "r.jsonl", "--out", tmp_path / "rep", "--top", "3")
    assert result.exit_code == 0, result.output
    assert "wrote" in result.stderr and (tmp_path / "rep" / "report.html").exists()
    assert (tmp_path / "rep" / "movers.csv").read_text().count("\n") == 4
    assert cli("report", tmp_path / "missing.jsonl", "--out", tmp_path / "rep").exit_code == 2


def test_analyze_does_not_import_page_libraries():
    code = ("import sys, nlp.cli; from nlp.cli import app; "
            "print(sorted(m for m in ('jinja2', 'matplotlib', 'nlp.html') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
