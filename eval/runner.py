"""What ``nlp eval`` does, as a function: build the system, score every file, check the gate.

Like spaCy's ``evaluate()`` behind its CLI wrapper, this takes typed values and returns
data; ``nlp/cli/evaluate.py`` only parses options and prints.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from nlp.config import AnalyzerConfig
from nlp.errors import UsageError
from nlp.pipeline import Analyzer

from .gate import check, load_gates
from .harness import FileReport, evaluate_file
from .references import DEFAULT_FILES, load_references
from .report import render_markdown, write_reports


@dataclass
class EvalResult:
    reports: list[FileReport]
    markdown: str
    written: list[Path] = field(default_factory=list)
    gate_failures: list[str] = field(default_factory=list)


def run_eval(
    config: AnalyzerConfig,
    *,
    data: Sequence[Path] | None = None,
    gate: bool = False,
    seed: int = 0,
    samples: int = 1000,
    out: Path | None = None,
    pages: bool = True,
) -> EvalResult:
    """Evaluate ``config`` and the baselines on reference files.

    Args:
        config: the system to score (tasks are always both).
        data: reference JSONL files (default: the dev and test files).
        gate: also check the floors in ``eval/thresholds.toml``, on the files they name.
        seed / samples: bootstrap resampling and the random baseline.
        out: a directory for report.json, report.md, report.html and per-article predictions.
        pages: with ``out``, also an annotated page per article (``out/articles/``), which
            report.html links to.
    """
    if out is not None and out.exists() and not out.is_dir():
        raise UsageError(f"--out {out}: exists and is not a directory (the reports go in a directory)")
    if out is not None and not out.exists() and not out.absolute().parent.is_dir():
        raise UsageError(f"--out {out}: directory {out.absolute().parent} does not exist")
    gates = load_gates(config.summarizer, config.stance_backend) if gate else []
    paths = list(data or [])
    paths += [g.data for g in gates if g.data not in paths]
    paths = paths or [p for p in DEFAULT_FILES if p.exists()]
    references = {p: load_references(p, labels=config.labels) for p in paths}  # all checked up front

    start = time.perf_counter()
    analyzer = Analyzer(config)
    load_s = time.perf_counter() - start
    article_pages: dict[str, str] = {}
    on_analysis = _page_maker(article_pages) if out is not None and pages else None
    reports = [
        evaluate_file(analyzer, refs, path=_display(path), seed=seed, samples=samples, on_analysis=on_analysis)
        for path, refs in references.items()
    ]
    name = (f"{config.summarizer}/{config.stance_backend}" + (" int8" if config.quantize else "")
            + ("" if config.compress else " no-compress"))
    markdown = render_markdown(reports, system_name=name)
    markdown += f"\nModel load {load_s:.1f} s; system: summarizer={config.summarizer}, stance={config.stance_backend}.\n"
    result = EvalResult(reports, markdown)
    for spec in gates:
        gated = next(r for p, r in zip(references, reports) if p == spec.data)
        result.gate_failures += check(spec, gated.metric)
    if out is not None:
        settings = {**config.as_dict(), "seed": seed}
        result.written = write_reports(out, reports, config=settings, markdown=markdown,
                                       system_name=name, pages=article_pages)
    return result


def _page_maker(pages: dict[str, str]):
    """An ``on_analysis`` callback keeping each article's page (by id), reference labels shown."""
    from nlp.html import article_page

    def make(ref, analysis) -> None:
        pages[ref.id] = article_page(analysis.as_dict(), analysis.article, gold=ref.stances,
                                     back="../report.html")

    return make


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)
