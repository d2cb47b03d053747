"""The CI quality gate: floors for the default system's headline metrics.

``thresholds.toml`` holds, per configuration, the reference file the gate reads and a
floor for each metric; floors are the measured values minus a small margin, raised as
quality improves. A run fails the gate when any metric falls below its floor.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from nlp.errors import UsageError

THRESHOLDS = Path(__file__).parent / "thresholds.toml"


@dataclass(frozen=True)
class Gate:
    name: str
    summarizer: str
    stance_backend: str
    data: Path
    floors: dict[str, float]


def load_gate(summarizer: str, stance_backend: str, path: Path = THRESHOLDS) -> Gate:
    """The gate for this configuration.

    Raises:
        UsageError: no gate is defined for it (the gate only guards configurations whose
            floors were measured).
    """
    table = tomllib.loads(path.read_text())
    for name, section in table.items():
        if section.get("summarizer") == summarizer and section.get("stance_backend") == stance_backend:
            return Gate(name, summarizer, stance_backend, path.parent / section["data"],
                        {k: float(v) for k, v in section["floors"].items()})
    raise UsageError(f"--gate: no floors in {path.name} for --summarizer {summarizer} "
                     f"--stance-backend {stance_backend}")


def check(gate: Gate, metric) -> list[str]:
    """One line per metric below its floor; ``metric(name)`` returns the measured value."""
    failures = []
    for name, floor in gate.floors.items():
        value = metric(name)
        if value < floor:
            failures.append(f"{name} = {value:.3f} is below its floor {floor:.3f}")
    return failures
