"""``nlp eval``: score a configuration and its baselines against the reference set."""

from __future__ import annotations

import inspect
from pathlib import Path
from typing import Annotated, Optional

import typer

from ._app import Printer, app, handle_errors
from .options import DEFAULTS, config_from_options, option_parameters

EVAL_OPTIONS = {
    "summarizer", "max_words", "sentences", "compress", "stance_backend", "labels", "actor", "actors_file",
    "no_default_actors", "hypothesis", "generation", "model", "summarizer_model", "stance_model", "device",
    "batch_size", "quantize", "quiet", "debug",
}
# fmt: off
EXTRA = [
    inspect.Parameter("data", inspect.Parameter.KEYWORD_ONLY, default=None, annotation=Annotated[
        Optional[list[Path]], typer.Option("--data", "-d", help="Reference JSONL file (repeatable; default: eval/data/dev.jsonl and test.jsonl).")]),
    inspect.Parameter("out", inspect.Parameter.KEYWORD_ONLY, default=None, annotation=Annotated[
        Optional[Path], typer.Option("--out", "-o", help="Also write report.json, report.md and per-article predictions here.")]),
    inspect.Parameter("pages", inspect.Parameter.KEYWORD_ONLY, default=True, annotation=Annotated[
        bool, typer.Option("--pages/--no-pages", help="With --out: also an annotated HTML page per article, linked from report.html.")]),
    inspect.Parameter("gate", inspect.Parameter.KEYWORD_ONLY, default=False, annotation=Annotated[
        bool, typer.Option("--gate", help="Check the floors in eval/thresholds.toml on their reference file; exit 1 naming each metric below its floor.")]),
    inspect.Parameter("seed", inspect.Parameter.KEYWORD_ONLY, default=0, annotation=Annotated[
        int, typer.Option("--seed", min=0, help="Seed for bootstrap resampling and the random baseline.")]),
    inspect.Parameter("bootstrap_samples", inspect.Parameter.KEYWORD_ONLY, default=1000, annotation=Annotated[
        int, typer.Option("--bootstrap-samples", min=1, help="Bootstrap resamples for confidence intervals.")]),
]
# fmt: on


def eval_cli(**options) -> None:
    """Score summaries (ROUGE) and stances (accuracy, macro-F1) against hand-written references.

    Runs the configuration given by the same flags as 'nlp analyze', with baselines side by
    side (lead-3; majority and random stance), and prints Markdown tables.
    """
    o = {**DEFAULTS, **options}
    printer = Printer(quiet=o["quiet"])
    with handle_errors(printer, debug=o["debug"]):
        from eval.runner import run_eval

        config = config_from_options(("summary", "stance"), o)
        result = run_eval(config, data=o["data"], gate=o["gate"], seed=o["seed"],
                          samples=o["bootstrap_samples"], out=o["out"], pages=o.get("pages", True))
        printer.result(result.markdown)
        for path in result.written:
            printer.info(f"wrote {path}")
        for failure in result.gate_failures:
            printer.warn(f"gate: {failure}")
        if result.gate_failures:
            raise printer.fail(f"quality gate failed ({len(result.gate_failures)} metric(s) below floor)")
        if o["gate"]:
            printer.info("quality gate passed")


eval_cli.__signature__ = inspect.Signature(option_parameters(EVAL_OPTIONS) + EXTRA)
app.command("eval")(eval_cli)
