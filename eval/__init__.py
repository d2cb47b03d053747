"""Evaluation harness: reference set, metrics, baselines, report and the CI quality gate.

Run it as ``nlp eval`` or ``python -m eval`` (same options as ``nlp analyze``).
"""

from .harness import FileReport, evaluate_file
from .metrics import bootstrap, stance_scores
from .references import Reference, load_references

__all__ = ["FileReport", "Reference", "bootstrap", "evaluate_file", "load_references", "stance_scores"]
