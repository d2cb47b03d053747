"""Where a transformer model comes from: a local directory, the Hugging Face cache, or the hub.

Loading a hub id that is not in the local cache needs the hub. When the hub cannot be
reached (no network, or ``HF_HUB_OFFLINE=1``), ``from_pretrained`` would retry for the
better part of a minute before failing with a traceback; here the cache is checked first
and the hub is probed with a short deadline, so the command fails within seconds with one
line that names the model and the ways out.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

from ..errors import ModelUnavailableError

#: Seconds to wait for the hub to answer before declaring it unreachable.
HUB_PROBE_SECONDS = 5.0


def hub_offline() -> bool:
    return os.environ.get("HF_HUB_OFFLINE", "").strip().lower() in {"1", "true", "yes", "on"}


def is_cached(model_id: str) -> bool:
    """Whether a hub id's config is in the local Hugging Face cache."""
    from huggingface_hub import try_to_load_from_cache

    return isinstance(try_to_load_from_cache(model_id, "config.json"), str)


def _probe_hub(model_id: str) -> str | None:
    """None when the hub answers for ``model_id`` in time, else why it does not."""
    from huggingface_hub import model_info

    outcome: list[str | None] = []

    def probe():
        try:
            model_info(model_id, timeout=HUB_PROBE_SECONDS)
            outcome.append(None)
        except Exception as exc:  # any failure means "cannot download from here"
            name = type(exc).__name__
            outcome.append("not found on the hub" if "NotFound" in name or "404" in str(exc)
                           else f"the hub is unreachable ({name})")

    thread = threading.Thread(target=probe, daemon=True)
    thread.start()
    thread.join(HUB_PROBE_SECONDS + 1)
    return outcome[0] if outcome else "the hub did not answer in time"


def resolve_model(model: str, *, option: str) -> tuple[str, bool]:
    """Where to load ``model`` from: (path or id, local_files_only).

    ``option`` is the CLI option that chose the model, for the hint.

    Raises:
        ModelUnavailableError: a missing directory, or a hub id that is neither cached nor
            downloadable from here.
    """
    path = Path(model).expanduser()
    if path.is_dir():
        if not (path / "config.json").exists():
            raise ModelUnavailableError(f"{model}: not a model directory (no config.json)")
        return str(path), True
    if model.startswith((".", "/", "~")) or os.sep in model.strip("/").replace("/", "", 1):
        raise ModelUnavailableError(f"{model}: no such model directory")
    if is_cached(model):
        return model, True
    hint = (
        f"download it where the hub is reachable (it is then cached) or pass a local directory "
        f"with --model, or use the embedded default (drop {option})"
    )
    if hub_offline():
        raise ModelUnavailableError(f"model {model!r} is not cached and HF_HUB_OFFLINE is set; {hint}")
    problem = _probe_hub(model)
    if problem is not None:
        raise ModelUnavailableError(f"model {model!r} is not cached and {problem}; {hint}")
    return model, False
