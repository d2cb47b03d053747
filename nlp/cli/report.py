"""``nlp report``: a corpus stance report from a batch run's results."""

from __future__ import annotations

import time
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from ._app import Printer, app, handle_errors


class Period(str, Enum):
    week = "week"
    month = "month"


# fmt: off
@app.command("report")
def report_cli(
    results: Annotated[list[Path], typer.Argument(help="Result JSONL files of batch runs (nlp analyze … --out).", exists=True, dir_okay=False, show_default=False)],
    out: Annotated[Path, typer.Option("--out", "-o", help="Directory for report.html, the article lists and the CSV files.", file_okay=False, show_default=False)],
    pages: Annotated[Optional[Path], typer.Option("--pages", "-p", help="Directory of annotated article pages (the batch run's --html-dir) to link to.", exists=True, file_okay=False)] = None,
    by: Annotated[Period, typer.Option("--by", help="Period of the stance-over-time plot.")] = Period.week,
    top: Annotated[int, typer.Option("--top", min=0, help="How many of the articles that moved most to list.")] = 25,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No summary line.")] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks for errors.")] = False,
) -> None:
    # fmt: on
    """Chart each actor's stance over time and by source for a batch's results.

    Writes report.html (inline SVG plots, tables, the articles that moved most; no article
    text), article lists that link to each article's page (--pages), and the aggregates as
    CSV. Rows may carry 'date', 'source' and 'url'; those without go to 'undated' and
    'unknown source'.
    """
    printer = Printer(quiet=quiet)
    with handle_errors(printer, debug=debug):
        from ..html.report import corpus_report

        start = time.perf_counter()
        files = corpus_report(results, out_dir=out, by=by.value, pages_dir=pages, top=top)
        out.mkdir(parents=True, exist_ok=True)
        for name, content in files.items():
            (out / name).write_text(content, encoding="utf-8")
        size = (out / "report.html").stat().st_size
        printer.info(f"wrote {out / 'report.html'} ({size / 1e6:.2f} MB) and {len(files) - 1} more files "
                     f"in {time.perf_counter() - start:.1f} s")
