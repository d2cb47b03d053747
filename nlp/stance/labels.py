"""The stance label set and the NLI hypothesis template: plain values, checked up front.

Nothing here loads a model or imports numpy, so ``AnalyzerConfig`` can check labels and
templates before anything heavy runs.
"""

from __future__ import annotations

import string
from collections.abc import Sequence
from dataclasses import dataclass

from ..errors import UsageError

DEFAULT_LABELS = ("conciliatory", "confrontational", "neutral")
ABSENT = "absent"
#: The label that wins when no other is clearly supported, if the label set has it.
FALLBACK = "neutral"
#: The NLI backend's default hypothesis.
DEFAULT_HYPOTHESIS = "{actor} is {label}."


@dataclass(frozen=True)
class LabelSet:
    """The labels to choose from. ``fallback`` ("neutral") is chosen when evidence is weak."""

    labels: tuple[str, ...] = DEFAULT_LABELS

    def __post_init__(self):
        if not self.labels:
            raise UsageError("--labels: give at least one label, e.g. --labels pro,anti,neutral")
        if any(not label for label in self.labels):
            raise UsageError("--labels: empty label (check the commas)")
        if len(set(self.labels)) != len(self.labels):
            raise UsageError(f"--labels: duplicate label in {', '.join(self.labels)}")
        if ABSENT in self.labels:
            raise UsageError(f"--labels: '{ABSENT}' is reserved for actors the article never mentions")

    @classmethod
    def parse(cls, spec: str | Sequence[str] | None) -> LabelSet:
        """``"a,b,c"`` or a sequence; None gives the default set."""
        if spec is None:
            return cls()
        parts = spec.split(",") if isinstance(spec, str) else list(spec)
        return cls(tuple(p.strip() for p in parts))

    @property
    def fallback(self) -> str | None:
        return FALLBACK if FALLBACK in self.labels else None

    @property
    def positions(self) -> tuple[str, ...]:
        """The labels that state a position (all but the fallback)."""
        return tuple(label for label in self.labels if label != self.fallback)


def check_template(template: str) -> str:
    """An NLI hypothesis template must name both ``{actor}`` and ``{label}`` and nothing else.

    Raises:
        UsageError: with the reason, for the CLI to print.
    """
    try:
        fields = {f for _, f, _, _ in string.Formatter().parse(template) if f is not None}
    except ValueError as exc:
        raise UsageError(f"--hypothesis {template!r}: {exc}") from None
    missing = {"actor", "label"} - fields
    if missing:
        raise UsageError(f"--hypothesis {template!r}: needs both {{actor}} and {{label}} "
                         f"(missing {', '.join('{' + m + '}' for m in sorted(missing))})")
    extra = fields - {"actor", "label"}
    if extra:
        raise UsageError(f"--hypothesis {template!r}: unknown placeholder(s) {', '.join(sorted(extra))}")
    return template
