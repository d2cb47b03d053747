"""``nlp analyze``: summary and stances together."""

from __future__ import annotations

from ._analysis import register
from ._app import app

register(app, "analyze", ("summary", "stance"), """Summarize articles and tag each actor's stance.

Prints the summary and a per-actor table (label, score, evidence); --json prints the
documented JSON object. Several inputs, a directory or a JSONL/CSV file run as a batch:
results stream to --out (resumable) or to stdout.
""")
