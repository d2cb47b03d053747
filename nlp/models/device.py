"""Choosing the device the transformer backends run on, once per run."""

from __future__ import annotations

from ..errors import UsageError

DEVICES = ("auto", "cpu", "cuda", "mps")


def choose_device(requested: str = "auto") -> str:
    """Resolve ``--device``: ``auto`` picks CUDA, then Apple's MPS, then the CPU.

    Raises:
        UsageError: an unknown device, or one this machine does not have.
    """
    import torch

    if requested not in DEVICES:
        raise UsageError(f"unknown device {requested!r}; choose from {', '.join(DEVICES)}")
    mps = bool(getattr(torch.backends, "mps", None) and torch.backends.mps.is_available())
    if requested == "auto":
        return "cuda" if torch.cuda.is_available() else "mps" if mps else "cpu"
    if requested == "cuda" and not torch.cuda.is_available():
        raise UsageError("--device cuda: no CUDA device is available here")
    if requested == "mps" and not mps:
        raise UsageError("--device mps: Apple's MPS backend is not available here")
    return requested
