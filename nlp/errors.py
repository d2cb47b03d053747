"""Errors a user can act on.

The CLI turns each of these into one line on stderr and an exit code, so the library raises
them instead of printing. Anything else escaping to the CLI is a bug and keeps its traceback
under ``--debug``.
"""

from __future__ import annotations


class NlpError(Exception):
    """Base class: a problem the user can fix. ``exit_code`` is what the CLI exits with."""

    exit_code = 1


class InputError(NlpError):
    """The input text cannot be used: missing, not UTF-8, binary, empty or too large."""


class UsageError(NlpError):
    """An option value does not make sense (bad actor spec, empty label set, bad template)."""

    exit_code = 2


class ModelUnavailableError(NlpError):
    """A model cannot be loaded here: not cached and no hub, or not a model directory."""


class OutputError(NlpError):
    """Results cannot be written: the output is locked by another run, or a write failed."""
