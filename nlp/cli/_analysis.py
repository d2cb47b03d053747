"""The runner behind ``nlp summarize``, ``nlp stance`` and ``nlp analyze``.

The three commands differ only in which tasks run, so they share one option set
(``options.py``) and one function; each command module registers it with the options that
concern it.
"""

from __future__ import annotations

import inspect
from pathlib import Path

import typer

from ..batch import check_paths, errors_path, run_batch
from ..config import AnalyzerConfig
from ..records import RECORD_SUFFIXES, count_records, iter_records
from ._app import Printer, dump_json, handle_errors
from .options import DEFAULTS, INPUTS, OPTIONS, STANCE_OPTIONS, SUMMARY_OPTIONS, config_from_options, option_parameters
from .render import render_analysis


def register(app: typer.Typer, name: str, tasks: tuple[str, ...], help: str) -> None:
    """Add a command running ``tasks`` with the options that concern them."""
    skip = set()
    if "summary" not in tasks:
        skip |= SUMMARY_OPTIONS
    if "stance" not in tasks:
        skip |= STANCE_OPTIONS
    if len(tasks) == 1:  # one transformer backend at most: --model says it all
        skip |= {"summarizer_model", "stance_model"}

    def command(inputs, **options):
        run_command(inputs, tasks=tasks, **{**DEFAULTS, **options})

    inputs = inspect.Parameter("inputs", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=INPUTS)
    # typer reads the options from this signature, so the three commands share one definition
    command.__signature__ = inspect.Signature([inputs, *option_parameters(set(OPTIONS) - skip)])
    command.__doc__ = help
    app.command(name)(command)


def is_single(inputs: list[str], out: Path | None) -> bool:
    """One plain article (file or stdin) and no --out: print it, fail loudly on bad input."""
    if out is not None or len(inputs) != 1:
        return False
    path = Path(inputs[0])
    return inputs[0] == "-" or not (path.is_dir() or path.suffix.lower() in RECORD_SUFFIXES)


def run_command(inputs: list[str], *, tasks: tuple[str, ...], **o) -> None:
    printer = Printer(quiet=o["quiet"], verbose=o["verbose"])
    with handle_errors(printer, debug=o["debug"]):
        config = config_from_options(tasks, o)
        out, errors = o["out"], o["errors"] or (errors_path(o["out"]) if o["out"] is not None else None)
        check_paths(inputs, out=out, errors=errors, errors_given=o["errors"] is not None,
                    resume=o["resume"], overwrite=o["overwrite"])
        single = is_single(inputs, o["out"]) and errors is None
        check_html_options(single, html=o["html"], html_dir=o["html_dir"])
        if single:
            _run_single(inputs[0], config, printer, json_output=o["json_output"], html=o["html"])
        else:
            _run_many(inputs, config, printer, o)


def check_html_options(single: bool, *, html: Path | None, html_dir: Path | None) -> None:
    """--html is for one article, --html-dir for batch runs; say which when they are swapped."""
    from ..errors import UsageError

    if html is not None and not single:
        raise UsageError("--html writes one article's page; for several articles or --out use --html-dir DIR")
    if html_dir is not None and single:
        raise UsageError("--html-dir is for batch runs (several inputs or --out); for one article use --html FILE")


def _run_single(item: str, config: AnalyzerConfig, printer: Printer, *, json_output: bool,
                html: Path | None = None) -> None:
    from ..article import Article
    from ..errors import InputError
    from ..language import check_english
    from ..pipeline import Analyzer

    record = next(iter_records([item]))
    if record.error is not None:
        raise InputError(record.error)
    if config.language == "en":  # refused before any model loads
        try:
            check_english(Article.from_text(record.text, title=record.title).text)
        except InputError as exc:
            raise InputError(f"{record.source}: {exc}") from None
    analyzer = Analyzer(config)
    try:
        analysis = analyzer.analyze(record.text, title=record.title)
    except InputError as exc:
        raise InputError(f"{record.source}: {exc}") from None
    for removed in analysis.article.removed:
        printer.detail(f"removed line {removed.line} ({removed.reason}): {removed.text}")
    printer.detail("timings (ms): " + ", ".join(f"{k} {v:.0f}" for k, v in analysis.timings_ms.items())
                   + f", model load {analyzer.load_ms:.0f}")
    result = {**record.meta, **analysis.as_dict()}
    printer.result(dump_json(result) if json_output else render_analysis(result))
    if html is not None:
        from ..html import article_page

        html.write_text(article_page(result, analysis.article), encoding="utf-8")
        printer.info(f"wrote {html}")


def _run_many(inputs: list[str], config: AnalyzerConfig, printer: Printer, o: dict) -> None:
    out: Path | None = o["out"]
    errors = o["errors"] or (errors_path(out) if out is not None else None)
    records = iter_records(inputs, text_field=o["text_field"], id_field=o["id_field"])
    first = [True]

    def show(result: dict) -> None:
        if o["json_output"]:
            printer.result(dump_json(result, indent=None))
        else:
            printer.result(("" if first[0] else "\n") + f"== {result.get('id')}\n" + render_analysis(result))
        first[0] = False

    from .progress import progress_bar

    on_record = _page_writer(o["html_dir"]) if o["html_dir"] is not None else None

    with progress_bar(count_records(inputs), enabled=not o["quiet"]) as bar:
        report = run_batch(
            records, config, out=out, errors=errors, inputs=inputs, errors_given=o["errors"] is not None,
            resume=o["resume"], overwrite=o["overwrite"], workers=o["workers"],
            on_result=None if out is not None else show, on_progress=bar.advance, on_skip=bar.skip,
            on_warning=printer.warn, on_record=on_record,
        )
    for failure in report.failures[:20]:
        printer.warn(failure)
    if len(report.failures) > 20:
        printer.warn(f"… and {len(report.failures) - 20} more in {errors}")
    where = f" -> {out}" if out is not None else ""
    where += f", pages in {o['html_dir']}" if o["html_dir"] is not None else ""
    printer.info(
        f"{report.done} analysed, {report.failed} failed, {report.skipped} skipped (already done) "
        f"in {report.seconds:.1f} s ({report.rate:.1f} articles/s){where}"
        + (f"; failures in {errors}" if report.failed and errors is not None else "")
    )
    if report.failed:
        raise typer.Exit(1)


def _page_writer(directory: Path):
    """An ``on_record`` callback writing each article's page into ``directory``."""
    from ..article import Article
    from ..html import article_page, page_name

    directory.mkdir(parents=True, exist_ok=True)

    def write(record, result: dict) -> None:
        article = Article.from_text(record.text, id=record.id, title=record.title)
        (directory / page_name(record.id)).write_text(article_page(result, article), encoding="utf-8")

    return write
