"""Markdown and JSON renderings of evaluation results."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from .harness import FileReport

#: Per-actor accuracy columns are shown when a file has at most this many actors.
MAX_ACTOR_COLUMNS = 6
SHORT = {"conciliatory": "conc", "confrontational": "conf", "neutral": "neutral", "absent": "absent"}


def _ci(block: dict) -> str:
    return f"{block['mean']:.3f} [{block['low']:.3f}, {block['high']:.3f}]"


def _macro(block: dict) -> str:
    """Macro-F1, with its bootstrap interval where the harness computed one (the system's)."""
    ci = block.get("macro_f1_ci")
    return f"{block['macro_f1']:.3f}" + (f" [{ci['low']:.3f}, {ci['high']:.3f}]" if ci else "")


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return lines


def render_markdown(reports: Sequence[FileReport], *, system_name: str) -> str:
    """Tables per reference file: summaries with 95% bootstrap CIs, then stance."""
    out: list[str] = []
    for rep in reports:
        out += [f"## {rep.path} ({rep.n_articles} articles, {rep.timing['seconds']:.1f} s, "
                f"{rep.timing['articles_per_s']:.1f} articles/s)", ""]
        if rep.summary:
            out += ["### Summaries (F1, mean [95% bootstrap CI])", ""]
            rows = []
            for name, block in rep.summary.items():
                share = block.get("headroom")
                rows.append([system_name if name == "system" else name, _ci(block["rouge1"]),
                             _ci(block["rouge2"]), _ci(block["rougeLsum"]),
                             "-" if share is None else f"{share:.0%}",
                             f"{block['words']:.1f}", f"{block['compression']:.3f}"])
            out += _table(["system", "ROUGE-1", "ROUGE-2", "ROUGE-Lsum", "headroom", "words", "compression"],
                          rows)
            out += ["", "Headroom: the share of the gap between lead-3 and the greedy extractive oracle "
                        "(whole sentences at the system's budget) that a system closes.", ""]
            if rep.summary_pairs:
                out += ["Paired differences (per-article bootstrap, 95% CI)", ""]
                rows = [[pair.replace("system", system_name), _ci(d["rougeLsum"]), _ci(d["rouge1"])]
                        for pair, d in rep.summary_pairs.items()]
                out += _table(["A vs B", "ROUGE-Lsum A - B", "ROUGE-1 A - B"], rows)
                out.append("")
        if rep.stance:
            labels = list(rep.stance["system"]["per_label_f1"])
            actors = list(rep.stance["system"]["per_actor_accuracy"])
            actors = actors if len(actors) <= MAX_ACTOR_COLUMNS else []
            out += [f"### Stance ({rep.stance['system']['n']} actor slots)", ""]
            rows = []
            for name, block in rep.stance.items():
                rows.append([system_name if name == "system" else name, f"{block['accuracy']:.3f}",
                             _macro(block),
                             *(f"{block['per_label_f1'][label]:.3f}" for label in labels),
                             f"{block['absent']['f1']:.3f}",
                             *(f"{block['per_actor_accuracy'][a]:.3f}" for a in actors)])
            out += _table(["system", "accuracy", "macro-F1", *(f"F1 {SHORT.get(x, x)}" for x in labels),
                           "F1 absent", *(f"acc {a}" for a in actors)], rows)
            if rep.stance_groups:
                out += ["", f"By group, {system_name}", ""]
                out += _table(["group", "actor slots", "accuracy", "macro-F1 [95% CI, articles resampled]"],
                              [[g, b["n"], f"{b['accuracy']:.3f}", _macro(b)]
                               for g, b in rep.stance_groups.items()])
            out += ["", f"Confusion matrix, {system_name} (rows: reference, columns: predicted)", ""]
            confusion = rep.stance["system"]["confusion"]
            names = list(confusion)
            out += _table(["reference \\ predicted", *(SHORT.get(n, n) for n in names)],
                          [[SHORT.get(g, g), *(confusion[g][p] for p in names)] for g in names])
            out.append("")
    return "\n".join(out).rstrip() + "\n"


def write_reports(directory: Path, reports: Sequence[FileReport], *, config: dict, markdown: str,
                  system_name: str = "system", pages: dict[str, str] | None = None) -> list[Path]:
    """report.json, report.md, report.html, one predictions JSONL per reference file, and
    ``articles/`` with each article's page when ``pages`` (id -> HTML) are given."""
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    path = directory / "report.json"
    path.write_text(json.dumps({"config": config, "files": [r.as_dict() for r in reports]},
                               ensure_ascii=False, indent=2) + "\n")
    written.append(path)
    path = directory / "report.md"
    path.write_text(markdown)
    written.append(path)
    names: set[str] = set()
    for rep in reports:
        stem, k = Path(rep.path).stem, 1
        while (name := f"predictions-{stem}{f'-{k}' if k > 1 else ''}.jsonl") in names:
            k += 1  # two reference files with one name (a/x.jsonl, b/x.jsonl) keep both
        names.add(name)
        path = directory / name
        with path.open("w", encoding="utf-8") as fh:
            for row in rep.predictions:
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
        written.append(path)
    written += _write_html(directory, reports, config=config, system_name=system_name, pages=pages or {})
    return written


def _write_html(directory: Path, reports: Sequence[FileReport], *, config: dict, system_name: str,
                pages: dict[str, str]) -> list[Path]:
    from nlp.html import page_name
    from nlp.html.evaluation import eval_page

    links = {}
    if pages:
        (directory / "articles").mkdir(exist_ok=True)
        for rid, html in pages.items():
            (directory / "articles" / page_name(rid)).write_text(html, encoding="utf-8")
            links[rid] = f"articles/{page_name(rid)}"
    path = directory / "report.html"
    files = [{**r.as_dict(), "predictions": r.predictions} for r in reports]
    path.write_text(eval_page(files, config=config, system_name=system_name, pages=links), encoding="utf-8")
    return [path] + ([directory / "articles"] if pages else [])
