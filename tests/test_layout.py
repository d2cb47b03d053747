"""The shape the project keeps: the library never reaches into the CLI, modules stay small,
and library code changes nothing process-wide."""

from __future__ import annotations

import ast
import csv
import logging
import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = sorted(p for d in ("nlp", "eval") for p in (ROOT / d).rglob("*.py"))


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    package = ".".join(path.relative_to(ROOT).with_suffix("").parts[:-1])
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                out.add(".".join(base + ([node.module] if node.module else [])))
            else:
                out.add(node.module or "")
    return out


def test_only_the_cli_and_entry_points_import_the_cli():
    offenders = [str(p.relative_to(ROOT)) for p in SOURCES
                 if "cli" not in p.relative_to(ROOT).parts[:2] and p.name != "__main__.py"
                 and any(m == "nlp.cli" or m.startswith("nlp.cli.") for m in _imports(p))]
    assert offenders == []


def test_no_source_file_over_300_lines():
    long = {str(p.relative_to(ROOT)): n for p in SOURCES if (n := len(p.read_text().splitlines())) > 300}
    assert long == {}


def test_running_a_command_leaves_logging_csv_and_environment_as_they_were(cli, tmp_path):
    root = logging.getLogger()
    before = (list(root.handlers), root.level, csv.field_size_limit(), dict(os.environ))
    table = tmp_path / "in.csv"
    table.write_text('id,text\na,"' + "Talks resumed in Istanbul on Monday, officials said. " * 4000 + '"\n')
    result = cli("summarize", table, "--summarizer", "lead", "--json", "--debug")
    assert result.exit_code == 0, result.output
    from eval.references import DATA_DIR, load_references

    load_references(DATA_DIR / "test.jsonl", labels=("conciliatory", "confrontational", "neutral"))
    assert (list(root.handlers), root.level, csv.field_size_limit(), dict(os.environ)) == before
