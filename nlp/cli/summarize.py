"""``nlp summarize``: condense articles."""

from __future__ import annotations

from ._analysis import register
from ._app import app

register(app, "summarize", ("summary",), """Condense articles into a short summary.

The default method is extractive and offline (MiniLM embeddings); 'lead' takes the opening
sentences; 'seq2seq' writes an abstractive summary with a BART-class model (--model).
""")
