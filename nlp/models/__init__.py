"""Every model the tool uses is loaded here, once per run, on one chosen device.

- ``store``: :class:`Models`, the run's models (the embedded encoder, seq2seq and NLI models).
- ``hub``: where a hub id or directory loads from, failing fast when the hub is unreachable.
- ``device``: ``--device`` resolved once.
"""

from __future__ import annotations

from .device import DEVICES, choose_device
from .hub import is_cached, resolve_model
from .store import Models, NliBundle, Seq2SeqBundle, nli_label_ids

__all__ = ["DEVICES", "Models", "NliBundle", "Seq2SeqBundle", "choose_device", "is_cached",
           "nli_label_ids", "resolve_model"]
