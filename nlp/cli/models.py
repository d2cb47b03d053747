"""``nlp models``: which backends exist, their default models and whether they are here."""

from __future__ import annotations

from typing import Annotated

import typer

from ._app import Printer, app, dump_json, handle_errors


def model_table() -> list[dict]:
    """One row per backend: task, name, default model, availability here."""
    from huggingface_hub import constants

    from ..encoder import ENCODER_NAME, ENCODER_PACKAGE, packaged_model_path
    from ..models import DEFAULT_NLI_MODEL, DEFAULT_SEQ2SEQ_MODEL, is_cached

    try:
        encoder_path = str(packaged_model_path())
        encoder_ok = (packaged_model_path() / "model.safetensors").exists()
    except Exception as exc:  # reported, not raised: this command is a diagnostic
        encoder_path, encoder_ok = f"unavailable ({exc})", False
    cache = constants.HF_HUB_CACHE
    return [
        {"task": "summarize", "backend": "lead", "model": None, "available": True, "location": "(no model)"},
        {"task": "summarize", "backend": "embedded", "model": ENCODER_NAME, "available": encoder_ok,
         "location": f"{encoder_path} (pip package {ENCODER_PACKAGE})"},
        {"task": "summarize", "backend": "seq2seq", "model": DEFAULT_SEQ2SEQ_MODEL,
         "available": is_cached(DEFAULT_SEQ2SEQ_MODEL), "location": cache},
        {"task": "stance", "backend": "embedded", "model": ENCODER_NAME, "available": encoder_ok,
         "location": f"{encoder_path} (pip package {ENCODER_PACKAGE})"},
        {"task": "stance", "backend": "nli", "model": DEFAULT_NLI_MODEL,
         "available": is_cached(DEFAULT_NLI_MODEL), "location": cache},
    ]


@app.command("models")
def models_cli(
    json_output: Annotated[bool, typer.Option("--json", "-j", help="Print JSON.")] = False,
) -> None:
    """List the backends, their default models, and whether each is available offline here.

    Hub models are looked up in the Hugging Face cache (HF_HOME / HF_HUB_CACHE); any backend
    also takes a local model directory with --model.
    """
    printer = Printer()
    with handle_errors(printer):
        rows = model_table()
        if json_output:
            printer.result(dump_json(rows))
            return
        header = ("task", "backend", "default model", "available")
        cells = [(r["task"], r["backend"], r["model"] or "-", "yes" if r["available"] else "no (not cached)")
                 for r in rows]
        widths = [max(len(c[i]) for c in [header, *cells]) for i in range(4)]
        for row in [header, *cells]:
            printer.result("  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip())
        printer.result(f"\nHub cache: {rows[2]['location']}")
        printer.result(f"Embedded encoder: {rows[1]['location']}")
