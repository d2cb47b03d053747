"""The options ``nlp summarize``, ``nlp stance``, ``nlp analyze`` and ``nlp eval`` share, and
the one function that turns their strings into an :class:`~nlp.AnalyzerConfig`.

Defaults come from ``AnalyzerConfig`` and choices from the backend registry; every rule
about which options go together is checked by the config itself, not here.
"""

from __future__ import annotations

import inspect
from dataclasses import fields
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from ..actors import load_actors_file, parse_actor_spec, resolve_actors
from ..backends import names
from ..config import LANGUAGES, AnalyzerConfig
from ..errors import UsageError
from ..models.device import DEVICES

SummarizerName = Enum("SummarizerName", {k: k for k in names("summary")}, type=str)
StanceBackendName = Enum("StanceBackendName", {k: k for k in names("stance")}, type=str)
DeviceName = Enum("DeviceName", {k: k for k in DEVICES}, type=str)
LanguageName = Enum("LanguageName", {k: k for k in LANGUAGES}, type=str)

SUMMARY, STANCE, MODELS, OUTPUT, BATCH = "Summary", "Stance", "Models", "Output", "Batch runs"

# fmt: off
INPUTS = Annotated[list[str], typer.Argument(
    help="Article files (.txt, .md, .html), directories of them, .jsonl/.csv files with one "
         "article per row, or - for stdin.", show_default=False)]
OPTIONS: dict[str, tuple[object, object]] = {
    "summarizer": (SummarizerName, typer.Option("--summarizer", "-s", help="Summarization method.", rich_help_panel=SUMMARY)),
    "max_words": (int, typer.Option("--max-words", "-w", help="Word budget for the summary.", rich_help_panel=SUMMARY)),
    "sentences": (Optional[int], typer.Option("--sentences", "-n", help="Take exactly N sentences instead of a word budget.", rich_help_panel=SUMMARY)),
    "compress": (bool, typer.Option("--compress/--no-compress", help="Cut datelines, attribution tails, asides and days of the week from the picked sentences (embedded summarizer; the JSON lists what was cut).", rich_help_panel=SUMMARY)),
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
    "batch_size": (int, typer.Option("--batch-size", help="Inputs per forward pass, for whichever model runs.", min=1, rich_help_panel=MODELS)),
    "quantize": (bool, typer.Option("--quantize/--no-quantize", help="Run the embedded encoder in int8 with ONNX Runtime: about 1.6x faster on CPU, results may differ slightly with batch composition (see docs/scaling.md).", rich_help_panel=MODELS)),
    "language": (LanguageName, typer.Option("--language", help="'en' refuses an article that is clearly in another language, naming it (the models read English); 'any' analyses it anyway.", rich_help_panel=MODELS)),
    "json_output": (bool, typer.Option("--json", "-j", help="Print JSON (one object; JSON Lines for several inputs).", rich_help_panel=OUTPUT)),
    "verbose": (bool, typer.Option("--verbose", "-v", help="Also say what the cleaner removed and where time went.", rich_help_panel=OUTPUT)),
    "quiet": (bool, typer.Option("--quiet", "-q", help="No progress bar or summary line.", rich_help_panel=OUTPUT)),
    "debug": (bool, typer.Option("--debug", help="Show tracebacks for errors.", rich_help_panel=OUTPUT)),
    "html": (Optional[Path], typer.Option("--html", help="Also write a self-contained annotated HTML page of the article here (one article; batch runs: --html-dir).", dir_okay=False, rich_help_panel=OUTPUT)),
    "html_dir": (Optional[Path], typer.Option("--html-dir", help="Write one annotated HTML page per article into this directory (for 'nlp report' to link to).", file_okay=False, rich_help_panel=BATCH)),
    "out": (Optional[Path], typer.Option("--out", "-o", help="Stream results to this JSONL file, one line per article.", rich_help_panel=BATCH)),
    "errors": (Optional[Path], typer.Option("--errors", help="JSONL file for records that failed (default: OUT with .errors.jsonl).", rich_help_panel=BATCH)),
    "resume": (bool, typer.Option("--resume", help="Skip ids already in --out/--errors and append.", rich_help_panel=BATCH)),
    "overwrite": (bool, typer.Option("--overwrite", help="Replace an existing --out file.", rich_help_panel=BATCH)),
    "text_field": (str, typer.Option("--text-field", help="Text column of JSONL/CSV inputs.", rich_help_panel=BATCH)),
    "id_field": (str, typer.Option("--id-field", help="Id column of JSONL/CSV inputs.", rich_help_panel=BATCH)),
    "workers": (int, typer.Option("--workers", help="Processes for batch runs (each loads its own models).", min=1, rich_help_panel=BATCH)),
}
_CONFIG_DEFAULTS = {f.name: f.default for f in fields(AnalyzerConfig) if not callable(f.default_factory)}
DEFAULTS = {
    "summarizer": SummarizerName(_CONFIG_DEFAULTS["summarizer"]), "max_words": _CONFIG_DEFAULTS["max_words"],
    "sentences": _CONFIG_DEFAULTS["sentences"], "stance_backend": StanceBackendName(_CONFIG_DEFAULTS["stance_backend"]),
    "device": DeviceName(_CONFIG_DEFAULTS["device"]), "batch_size": _CONFIG_DEFAULTS["batch_size"],
    "quantize": _CONFIG_DEFAULTS["quantize"], "language": LanguageName(_CONFIG_DEFAULTS["language"]),
    "compress": _CONFIG_DEFAULTS["compress"], "summarizer_model": None, "stance_model": None, "hypothesis": None,
    "labels": None, "actor": None, "actors_file": None, "generation": None, "no_default_actors": False,
    "model": None, "json_output": False, "verbose": False, "quiet": False, "debug": False, "out": None,
    "errors": None, "html": None, "html_dir": None, "resume": False, "overwrite": False, "text_field": "text", "id_field": "id", "workers": 1,
}
# fmt: on
SUMMARY_OPTIONS = {"summarizer", "max_words", "sentences", "compress", "generation", "summarizer_model"}
STANCE_OPTIONS = {"stance_backend", "labels", "actor", "actors_file", "no_default_actors", "hypothesis",
                  "stance_model"}


def option_parameters(keys: set[str] | None = None) -> list[inspect.Parameter]:
    """Keyword-only parameters (Annotated typer options) for the named shared options."""
    return [
        inspect.Parameter(key, inspect.Parameter.KEYWORD_ONLY, default=DEFAULTS[key],
                          annotation=Annotated[kind, option])
        for key, (kind, option) in OPTIONS.items() if keys is None or key in keys
    ]


def config_from_options(tasks: tuple[str, ...], o: dict) -> AnalyzerConfig:
    """Turn option strings into an ``AnalyzerConfig``; the config checks how they combine.

    Raises:
        UsageError: a value that does not parse, or options that do not go together.
    """
    extra = [parse_actor_spec(spec) for spec in (o["actor"] or [])]
    if o["actors_file"] is not None:
        try:
            extra += load_actors_file(o["actors_file"])
        except UnicodeDecodeError as exc:
            raise UsageError(f"--actors-file {o['actors_file']}: not valid UTF-8 (byte 0x{exc.object[exc.start]:02x} "
                             f"at offset {exc.start})") from None
    values = dict(
        summarizer=o["summarizer"].value, stance_backend=o["stance_backend"].value, tasks=tasks,
        actors=tuple(resolve_actors(extra, defaults=not o["no_default_actors"])),
        max_words=o["max_words"], sentences=o["sentences"], summarizer_model=o["summarizer_model"],
        stance_model=o["stance_model"], hypothesis=o["hypothesis"], device=o["device"].value,
        batch_size=o["batch_size"], quantize=o["quantize"], language=o["language"].value,
        compress=o["compress"],
        generation=parse_generation(o["generation"] or []),
    )
    if o["labels"] is not None:
        values["labels"] = o["labels"]
    return AnalyzerConfig.with_model(o["model"], **values)


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
