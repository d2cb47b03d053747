"""Shared options and the runner behind ``nlp summarize``, ``nlp stance`` and ``nlp analyze``.

The three commands differ only in which tasks run, so they share one option set and one
function; each command module registers it with the options that concern it.
"""

from __future__ import annotations

import inspect
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from ..actors import load_actors_file, parse_actor_spec, resolve_actors
from ..batch import run_batch
from ..pipeline import AnalyzerSpec
from ..errors import UsageError
from ..inputs import RECORD_SUFFIXES, count_records, iter_records
from ..models import DEVICES
from ..stance import DEFAULT_STANCE_BACKEND, STANCE_BACKENDS, LabelSet
from ..summarizers import DEFAULT_MAX_WORDS, DEFAULT_SUMMARIZER, SUMMARIZERS, Budget
from ._app import Printer, dump_json, handle_errors
from .render import render_analysis

SummarizerName = Enum("SummarizerName", {k: k for k in SUMMARIZERS}, type=str)
StanceBackendName = Enum("StanceBackendName", {k: k for k in STANCE_BACKENDS}, type=str)
DeviceName = Enum("DeviceName", {k: k for k in DEVICES}, type=str)

SUMMARY, STANCE, MODELS, OUTPUT, BATCH = "Summary", "Stance", "Models", "Output", "Batch runs"

# fmt: off
INPUTS = Annotated[list[str], typer.Argument(
    help="Article files (.txt, .md, .html), directories of them, .jsonl/.csv files with one "
         "article per row, or - for stdin.", show_default=False)]
OPTIONS: dict[str, tuple[object, object]] = {
    "summarizer": (SummarizerName, typer.Option("--summarizer", "-s", help="Summarization method.", rich_help_panel=SUMMARY)),
    "max_words": (int, typer.Option("--max-words", "-w", help="Word budget for the summary (whole sentences only).", rich_help_panel=SUMMARY)),
    "sentences": (Optional[int], typer.Option("--sentences", "-n", help="Take exactly N sentences instead of a word budget.", rich_help_panel=SUMMARY)),
    "stance_backend": (StanceBackendName, typer.Option("--stance-backend", "-b", help="Stance classifier.", rich_help_panel=STANCE)),
    "labels": (Optional[str], typer.Option("--labels", "-l", help="Comma-separated label set (default: conciliatory,confrontational,neutral). 'neutral', if present, wins when no label is clearly supported.", rich_help_panel=STANCE)),
    "actor": (Optional[list[str]], typer.Option("--actor", "-a", help="Add an actor: NAME or NAME=alias1,alias2 (repeatable; a default's name replaces it).", rich_help_panel=STANCE)),
    "actors_file": (Optional[Path], typer.Option("--actors-file", help="TOML or JSON mapping actor names to alias lists.", rich_help_panel=STANCE)),
    "no_default_actors": (bool, typer.Option("--no-default-actors", help="Tag only the actors given with --actor/--actors-file.", rich_help_panel=STANCE)),
    "hypothesis": (Optional[str], typer.Option("--hypothesis", help="NLI hypothesis template with {actor} and {label} (nli backend only).", rich_help_panel=STANCE)),
    "generation": (Optional[list[str]], typer.Option("--generation", help="generate() option for seq2seq as KEY=VALUE, e.g. num_beams=2 (repeatable).", rich_help_panel=SUMMARY)),
    "model": (Optional[str], typer.Option("--model", "-m", help="Hub id or local directory for the transformer backend in use (seq2seq or nli).", rich_help_panel=MODELS)),
    "summarizer_model": (Optional[str], typer.Option("--summarizer-model", help="Model for --summarizer seq2seq when --model would be ambiguous.", rich_help_panel=MODELS)),
    "stance_model": (Optional[str], typer.Option("--stance-model", help="Model for --stance-backend nli when --model would be ambiguous.", rich_help_panel=MODELS)),
    "device": (DeviceName, typer.Option("--device", help="Device for transformer backends.", rich_help_panel=MODELS)),
    "batch_size": (int, typer.Option("--batch-size", help="Inputs per forward pass for transformer backends.", min=1, rich_help_panel=MODELS)),
    "quantize": (bool, typer.Option("--quantize/--no-quantize", help="Run the embedded encoder in int8 with ONNX Runtime: about 1.6x faster on CPU, results may differ slightly with batch composition (see docs/scaling.md).", rich_help_panel=MODELS)),
    "json_output": (bool, typer.Option("--json", "-j", help="Print JSON (one object; JSON Lines for several inputs).", rich_help_panel=OUTPUT)),
    "verbose": (bool, typer.Option("--verbose", "-v", help="Also say what the cleaner removed and where time went.", rich_help_panel=OUTPUT)),
    "quiet": (bool, typer.Option("--quiet", "-q", help="No progress bar or summary line.", rich_help_panel=OUTPUT)),
    "debug": (bool, typer.Option("--debug", help="Show tracebacks for errors.", rich_help_panel=OUTPUT)),
    "out": (Optional[Path], typer.Option("--out", "-o", help="Stream results to this JSONL file, one line per article.", rich_help_panel=BATCH)),
    "errors": (Optional[Path], typer.Option("--errors", help="JSONL file for records that failed (default: OUT with .errors.jsonl).", rich_help_panel=BATCH)),
    "resume": (bool, typer.Option("--resume", help="Skip ids already in --out/--errors and append.", rich_help_panel=BATCH)),
    "overwrite": (bool, typer.Option("--overwrite", help="Replace an existing --out file.", rich_help_panel=BATCH)),
    "text_field": (str, typer.Option("--text-field", help="Text column of JSONL/CSV inputs.", rich_help_panel=BATCH)),
    "id_field": (str, typer.Option("--id-field", help="Id column of JSONL/CSV inputs.", rich_help_panel=BATCH)),
    "workers": (int, typer.Option("--workers", help="Processes for batch runs (each loads its own models).", min=1, rich_help_panel=BATCH)),
}
DEFAULTS = {
    "summarizer": SummarizerName(DEFAULT_SUMMARIZER), "max_words": DEFAULT_MAX_WORDS,
    "sentences": None, "stance_backend": StanceBackendName(DEFAULT_STANCE_BACKEND), "labels": None,
    "actor": None, "actors_file": None, "generation": None, "no_default_actors": False, "hypothesis": None,
    "model": None, "summarizer_model": None, "stance_model": None, "device": DeviceName("auto"),
    "batch_size": 16, "quantize": False, "json_output": False, "verbose": False, "quiet": False,
    "debug": False, "out": None, "errors": None, "resume": False, "overwrite": False,
    "text_field": "text", "id_field": "id", "workers": 1,
}
# fmt: on
SUMMARY_OPTIONS = {"summarizer", "max_words", "sentences", "generation"}
STANCE_OPTIONS = {"stance_backend", "labels", "actor", "actors_file", "no_default_actors", "hypothesis"}


def option_parameters(keys: set[str] | None = None) -> list[inspect.Parameter]:
    """Keyword-only parameters (Annotated typer options) for the named shared options."""
    return [
        inspect.Parameter(key, inspect.Parameter.KEYWORD_ONLY, default=DEFAULTS[key],
                          annotation=Annotated[kind, option])
        for key, (kind, option) in OPTIONS.items() if keys is None or key in keys
    ]


def register(app: typer.Typer, name: str, tasks: tuple[str, ...], help: str) -> None:
    """Add a command running ``tasks`` with the options that concern them."""
    skip = set()
    if "summary" not in tasks:
        skip |= SUMMARY_OPTIONS | {"summarizer_model"}
    if "stance" not in tasks:
        skip |= STANCE_OPTIONS | {"stance_model"}
    if len(tasks) == 1:
        skip |= {"summarizer_model", "stance_model"}

    def command(inputs, **options):
        run_command(inputs, tasks=tasks, **{**DEFAULTS, **options})

    inputs = inspect.Parameter("inputs", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=INPUTS)
    # typer reads the options from this signature, so the three commands share one definition
    command.__signature__ = inspect.Signature([inputs, *option_parameters(set(OPTIONS) - skip)])
    command.__doc__ = help
    app.command(name)(command)


def build_spec(tasks: tuple[str, ...], o: dict) -> AnalyzerSpec:
    """Check every option and turn them into an ``AnalyzerSpec``; usage errors raise here."""
    summarizer, backend = o["summarizer"].value, o["stance_backend"].value
    seq2seq = "summary" in tasks and summarizer == "seq2seq"
    nli = "stance" in tasks and backend == "nli"
    seq2seq_model, nli_model = o["summarizer_model"], o["stance_model"]
    if o["model"] is not None:
        if seq2seq and nli:
            raise UsageError("--model is ambiguous with --summarizer seq2seq and --stance-backend nli; "
                             "use --summarizer-model and --stance-model")
        if not (seq2seq or nli):
            raise UsageError("--model applies to --summarizer seq2seq or --stance-backend nli only")
        if seq2seq:
            seq2seq_model = o["model"]
        else:
            nli_model = o["model"]
    summarizer_options: dict = {}
    if o["generation"]:
        if not seq2seq:
            raise UsageError("--generation applies to --summarizer seq2seq only")
        summarizer_options["generation"] = tuple(parse_generation(o["generation"]).items())
    stance_options: dict = {}
    if o["hypothesis"] is not None:
        if not nli:
            raise UsageError("--hypothesis applies to --stance-backend nli only")
        from ..stance.nli import check_template

        stance_options["hypothesis"] = check_template(o["hypothesis"])
    labels = LabelSet.parse(o["labels"]) if o["labels"] is not None else LabelSet()
    extra = [parse_actor_spec(spec) for spec in (o["actor"] or [])]
    if o["actors_file"] is not None:
        extra += load_actors_file(o["actors_file"])
    actors = resolve_actors(extra, defaults=not o["no_default_actors"])
    Budget(o["max_words"], o["sentences"])  # validates
    if o["resume"] and o["out"] is None:
        raise UsageError("--resume needs --out")
    return AnalyzerSpec(
        summarizer=summarizer, stance_backend=backend, tasks=tasks,
        labels=labels.labels, actors=tuple((a.name, a.aliases) for a in actors),
        max_words=o["max_words"], sentences=o["sentences"], device=o["device"].value,
        seq2seq_model=seq2seq_model, nli_model=nli_model, quantize=o["quantize"],
        batch_size=o["batch_size"], summarizer_options=tuple(summarizer_options.items()),
        stance_options=tuple(stance_options.items()),
    )


def parse_generation(specs: list[str]) -> dict:
    """``["num_beams=2", "do_sample=false"]`` -> ``{"num_beams": 2, "do_sample": False}``."""
    out: dict = {}
    for spec in specs:
        key, sep, raw = spec.partition("=")
        if not sep or not key.strip() or not raw.strip():
            raise UsageError(f"--generation {spec!r}: expected KEY=VALUE, e.g. num_beams=2")
        value: object = raw.strip()
        if raw.strip().lower() in {"true", "false"}:
            value = raw.strip().lower() == "true"
        else:
            for cast in (int, float):
                try:
                    value = cast(raw)
                    break
                except ValueError:
                    continue
        out[key.strip()] = value
    return out


def is_single(inputs: list[str], out: Path | None) -> bool:
    """One plain article (file or stdin) and no --out: print it, fail loudly on bad input."""
    if out is not None or len(inputs) != 1:
        return False
    path = Path(inputs[0])
    return inputs[0] == "-" or not (path.is_dir() or path.suffix.lower() in RECORD_SUFFIXES)


def run_command(inputs: list[str], *, tasks: tuple[str, ...], **o) -> None:
    printer = Printer(quiet=o["quiet"], verbose=o["verbose"])
    with handle_errors(printer, debug=o["debug"]):
        spec = build_spec(tasks, o)
        if is_single(inputs, o["out"]):
            _run_single(inputs[0], spec, printer, json_output=o["json_output"])
        else:
            _run_many(inputs, spec, printer, o)


def _run_single(item: str, spec: AnalyzerSpec, printer: Printer, *, json_output: bool) -> None:
    from ..pipeline import get_analyzer
    from ..errors import InputError

    record = next(iter_records([item]))
    if record.error is not None:
        raise InputError(record.error)
    analyzer = get_analyzer(spec)
    analysis = analyzer.analyze(record.text, title=record.title)
    for removed in analysis.article.removed:
        printer.detail(f"removed line {removed.line} ({removed.reason}): {removed.text}")
    printer.detail("timings (ms): " + ", ".join(f"{k} {v:.0f}" for k, v in analysis.timings_ms.items())
                   + f", model load {analyzer.load_ms:.0f}")
    result = analysis.as_dict()
    printer.result(dump_json(result) if json_output else render_analysis(result))


def _run_many(inputs: list[str], spec: AnalyzerSpec, printer: Printer, o: dict) -> None:
    out: Path | None = o["out"]
    errors = o["errors"] or (out.with_name(out.stem + ".errors.jsonl") if out is not None else None)
    records = iter_records(inputs, text_field=o["text_field"], id_field=o["id_field"])
    first = [True]

    def show(result: dict) -> None:
        if o["json_output"]:
            printer.result(dump_json(result, indent=None))
        else:
            printer.result(("" if first[0] else "\n") + f"== {result.get('id')}\n" + render_analysis(result))
        first[0] = False

    from .progress import progress_bar

    with progress_bar(count_records(inputs), enabled=not o["quiet"]) as bar:
        report = run_batch(
            records, spec, out=out, errors=errors, resume=o["resume"], overwrite=o["overwrite"],
            workers=o["workers"], on_result=None if out is not None else show,
            on_progress=bar.advance, on_skip=bar.skip,
        )
    for failure in report.failures[:20]:
        printer.warn(failure)
    if len(report.failures) > 20:
        printer.warn(f"… and {len(report.failures) - 20} more in {errors}")
    where = f" -> {out}" if out is not None else ""
    printer.info(
        f"{report.done} analysed, {report.failed} failed, {report.skipped} skipped (already done) "
        f"in {report.seconds:.1f} s ({report.rate:.1f} articles/s){where}"
        + (f"; failures in {errors}" if report.failed and errors is not None else "")
    )
    if report.failed:
        raise typer.Exit(1)
