"""What ``nlp eval`` does, as a function: build the system, score every file, check the gate."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from .gate import check, load_gate
from .harness import FileReport, evaluate_file
from .references import DEFAULT_FILES, load_references
from .report import render_markdown, write_reports


@dataclass
class EvalResult:
    reports: list[FileReport]
    markdown: str
    written: list[Path] = field(default_factory=list)
    gate_failures: list[str] = field(default_factory=list)


def run_eval(options: dict) -> EvalResult:
    """Evaluate the configuration described by CLI ``options`` (see ``nlp eval --help``)."""
    from nlp.pipeline import get_analyzer
    from nlp.cli._analysis import build_spec

    spec = build_spec(("summary", "stance"), {**options, "out": None, "resume": False})
    gate = load_gate(spec.summarizer, spec.stance_backend) if options["gate"] else None
    paths = list(options["data"] or [])
    if gate is not None and gate.data not in paths:
        paths.append(gate.data)
    paths = paths or [p for p in DEFAULT_FILES if p.exists()]
    references = {p: load_references(p, labels=spec.labels) for p in paths}  # all checked up front

    start = time.perf_counter()
    analyzer = get_analyzer(spec)
    load_s = time.perf_counter() - start
    reports = [
        evaluate_file(analyzer, refs, path=_display(path), seed=options["seed"],
                      samples=options["bootstrap_samples"])
        for path, refs in references.items()
    ]
    name = f"{spec.summarizer}/{spec.stance_backend}" + (" int8" if spec.quantize else "")
    markdown = render_markdown(reports, system_name=name)
    markdown += f"\nModel load {load_s:.1f} s; system: summarizer={spec.summarizer}, stance={spec.stance_backend}.\n"
    result = EvalResult(reports, markdown)
    if gate is not None:
        gated = next(r for p, r in zip(references, reports) if p == gate.data)
        result.gate_failures = check(gate, gated.metric)
    if options["out"] is not None:
        config = {"summarizer": spec.summarizer, "stance_backend": spec.stance_backend,
                  "labels": list(spec.labels or ()), "quantize": spec.quantize,
                  "max_words": spec.max_words, "sentences": spec.sentences, "seed": options["seed"]}
        result.written = write_reports(options["out"], reports, config=config, markdown=markdown)
    return result


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)
