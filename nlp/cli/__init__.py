"""The ``nlp`` command line. Importing this package registers every command on ``app``."""

from __future__ import annotations

from . import analyze, bench, evaluate, models, report, stance, summarize  # noqa: F401  (registration)
from ._app import app


def main() -> None:
    """Console-script entry point."""
    app()


__all__ = ["app", "main"]
