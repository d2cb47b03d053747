"""``nlp models``: the backend registry as a table, with whether each model is here."""

from __future__ import annotations

from typing import Annotated

import typer

from ..backends import BACKENDS, Backend
from ._app import Printer, app, dump_json, handle_errors


def _availability(backend: Backend) -> tuple[bool, str]:
    """(available offline here, where it loads from); reported, never raised."""
    if backend.model_kind is None:
        return True, "(no model)"
    if backend.model_kind == "encoder":
        try:
            from ..encoder import ENCODER_PACKAGE, packaged_model_path

            path = packaged_model_path()
            return (path / "model.safetensors").exists(), f"{path} (pip package {ENCODER_PACKAGE})"
        except Exception as exc:  # a diagnostic: say what is wrong instead of failing
            return False, f"unavailable ({exc})"
    from huggingface_hub import constants

    from ..models import is_cached

    return is_cached(backend.default_model), constants.HF_HUB_CACHE


def model_table() -> list[dict]:
    """One row per registered backend: task, name, default model, availability here."""
    rows = []
    for backend in BACKENDS:
        available, location = _availability(backend)
        rows.append({"task": backend.task, "backend": backend.name, "model": backend.default_model,
                     "alternative": backend.alternative, "about": backend.about,
                     "available": available, "location": location})
    return rows


def markdown_table() -> str:
    """The README's backend table, generated from the registry (a test keeps them equal)."""
    option = {"summary": "--summarizer", "stance": "--stance-backend"}
    lines = ["| option | default model | alternative | what it does |", "| --- | --- | --- | --- |"]
    for b in BACKENDS:
        model = f"`{b.default_model}`" if b.default_model else "-"
        alternative = f"`{b.alternative}`" if b.alternative else "-"
        lines.append(f"| `{option[b.task]} {b.name}` | {model} | {alternative} | {b.about} |")
    return "\n".join(lines)


@app.command("models")
def models_cli(
    json_output: Annotated[bool, typer.Option("--json", "-j", help="Print JSON.")] = False,
    markdown: Annotated[bool, typer.Option("--markdown", help="Print the README's backend table.")] = False,
) -> None:
    """List the backends, their default models, and whether each is available offline here.

    Hub models are looked up in the Hugging Face cache (HF_HOME / HF_HUB_CACHE); the
    transformer backends also take a local model directory with --model.
    """
    printer = Printer()
    with handle_errors(printer):
        if markdown:
            printer.result(markdown_table())
            return
        rows = model_table()
        if json_output:
            printer.result(dump_json(rows))
            return
        header = ("task", "backend", "default model", "available", "loads from")
        cells = [(r["task"], r["backend"], r["model"] or "-", "yes" if r["available"] else "no (not cached)",
                  r["location"]) for r in rows]
        widths = [max(len(c[i]) for c in [header, *cells]) for i in range(4)]
        for row in [header, *cells]:
            printer.result(("  ".join(c.ljust(w) for c, w in zip(row[:4], widths)) + "  " + row[4]).rstrip())
