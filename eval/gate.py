"""The CI quality gate: floors for the default system's headline metrics.

``thresholds.toml`` holds sections, each naming a configuration, the reference file it is
measured on and a floor for each metric (``stance.macro_f1@other`` for one record group);
floors are the measured values minus a small margin, raised as quality improves. A run fails
the gate when any metric of any of its configuration's sections falls below its floor.
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


def load_gates(summarizer: str, stance_backend: str, path: Path = THRESHOLDS) -> list[Gate]:
    """Every section of floors for this configuration, one per reference file.

    Raises:
        UsageError: no gate is defined for it (the gate only guards configurations whose
            floors were measured).
    """
    table = tomllib.loads(path.read_text())
    gates = [Gate(name, summarizer, stance_backend, path.parent / section["data"],
                  {k: float(v) for k, v in section["floors"].items()})
             for name, section in table.items()
             if section.get("summarizer") == summarizer and section.get("stance_backend") == stance_backend]
    if not gates:
        raise UsageError(f"--gate: no floors in {path.name} for --summarizer {summarizer} "
                         f"--stance-backend {stance_backend}")
    return gates


def check(gate: Gate, metric) -> list[str]:
    """One line per metric below its floor; ``metric(name)`` returns the measured value."""
    failures = []
    for name, floor in gate.floors.items():
        value = metric(name)
        if value < floor:
            failures.append(f"{gate.data.name}: {name} = {value:.3f} is below its floor {floor:.3f}")
    return failures
