"""``nlp bench``: speed and memory of the embedded pipeline against the encoder-only floor."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from ._app import Printer, app, dump_json, handle_errors


@app.command("bench")
def bench_cli(
    articles: Annotated[int, typer.Option("--articles", "-n", min=1, help="Articles to run.")] = 200,
    data: Annotated[Optional[Path], typer.Option("--data", "-d", help="JSONL of articles to read instead of the built-in corpus.", exists=True, dir_okay=False)] = None,
    text_field: Annotated[str, typer.Option("--text-field", help="Text field of --data rows.")] = "text",
    json_output: Annotated[bool, typer.Option("--json", "-j", help="Print the measurements as JSON.")] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks for errors.")] = False,
) -> None:
    """Measure model load, cold start, articles/s, p50/p95 latency and peak RSS.

    Runs the encoder alone (the floor), the embedded default in fp32 and int8, and the lead
    baseline, each in its own process, and prints a table with their ratios to the floor.
    Takes a few minutes for 200 articles on two cores.
    """
    printer = Printer()
    with handle_errors(printer, debug=debug):
        from eval.bench import build_corpus, render, run_bench

        corpus = build_corpus(articles, data=data, text_field=text_field)  # a bad --data fails here, at once
        printer.info(f"benchmarking {articles} articles; each configuration runs in its own process…")
        results = run_bench(articles, corpus=corpus, data=data, text_field=text_field)
        printer.result(dump_json([m.__dict__ for m in results]) if json_output else render(results, articles))
