"""The one Typer app, its error handling and the printer every command writes through.

Commands live one per module and register on ``app`` when ``nlp.cli`` imports them.
Every failure a user can cause ends as one line on stderr: ``error: …``. Exit codes:
0 ok, 1 input or runtime error, 2 usage error. ``--debug`` keeps tracebacks.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import typer
from typer.core import TyperGroup

from ..errors import NlpError

HELP = (
    "Condense conflict news and tag each actor's stance, with the sentences that justify it.\n\n"
    "Runs offline on an embedded MiniLM model by default; transformer backends "
    "(seq2seq summaries, NLI stance) load hub models or local directories."
)

# typer vendors click; find its exception base without importing a private module.
_ClickException = next(c for c in typer.BadParameter.__mro__ if c.__name__ == "ClickException")


class _OneLineErrors(TyperGroup):
    """Print click's usage errors as one ``error:`` line instead of a usage block."""

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        try:
            rv = super().main(args=args, prog_name=prog_name, complete_var=complete_var,
                              standalone_mode=False, **extra)
        except _ClickException as exc:
            if type(exc).__name__ == "NoArgsIsHelpError":  # bare `nlp`: show the help, not an error
                typer.echo(exc.format_message())
                if standalone_mode:
                    sys.exit(0)
                raise
            command = " ".join(filter(None, [prog_name or "nlp", _command_name(args)]))
            typer.echo(f"error: {exc.format_message()} (see '{command} --help')", err=True)
            if not standalone_mode:
                raise
            sys.exit(exc.exit_code)
        except typer.Abort:
            typer.echo("error: aborted", err=True)
            if not standalone_mode:
                raise
            sys.exit(1)
        if standalone_mode:
            sys.exit(rv if isinstance(rv, int) else 0)
        return rv


def _command_name(args) -> str:
    argv = list(args) if args is not None else sys.argv[1:]
    return next((a for a in argv if not a.startswith("-")), "")


app = typer.Typer(
    name="nlp",
    help=HELP,
    cls=_OneLineErrors,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class Printer:
    """Messages for people go to stderr; results go to stdout (so ``--json`` pipes cleanly)."""

    def __init__(self, *, quiet: bool = False, verbose: bool = False):
        self.quiet = quiet
        self.verbose = verbose

    def info(self, message: str) -> None:
        if not self.quiet:
            typer.echo(message, err=True)

    def detail(self, message: str) -> None:
        if self.verbose and not self.quiet:
            typer.echo(message, err=True)

    def warn(self, message: str) -> None:
        typer.echo(f"warning: {message}", err=True)

    def fail(self, message: str, code: int = 1) -> typer.Exit:
        typer.echo(f"error: {message}", err=True)
        return typer.Exit(code)

    def result(self, text: str) -> None:
        typer.echo(text)


#: The loggers whose records a command shows on stderr (the library's own).
LOGGERS = ("nlp", "eval")


@contextmanager
def _log_to_stderr(debug: bool) -> Iterator[None]:
    """Show the library's log records for the command's duration, then undo it: the root
    logger and everyone else's loggers are left alone."""
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    loggers = [logging.getLogger(name) for name in LOGGERS]
    levels = [log.level for log in loggers]
    for log in loggers:
        log.addHandler(handler)
        log.setLevel(logging.DEBUG if debug else logging.WARNING)
    try:
        yield
    finally:
        for log, level in zip(loggers, levels):
            log.removeHandler(handler)
            log.setLevel(level)


@contextmanager
def handle_errors(printer: Printer, *, debug: bool = False) -> Iterator[None]:
    """Turn library errors into one line and an exit code; keep tracebacks under --debug."""
    try:
        with _log_to_stderr(debug):
            yield
    except typer.Exit:
        raise
    except NlpError as exc:
        if debug:
            raise
        raise printer.fail(str(exc), exc.exit_code) from None
    except KeyboardInterrupt:
        raise printer.fail("interrupted", 130) from None
    except BrokenPipeError:  # the reader went away (`nlp analyze corpus.jsonl | head -1`): stop quietly
        _silence_stdout()
        raise typer.Exit(BROKEN_PIPE) from None
    except Exception as exc:  # a bug: say so in one line, the traceback is one flag away
        if debug:
            raise
        raise printer.fail(
            f"unexpected {type(exc).__name__}: {exc} (rerun with --debug for the traceback)"
        ) from None


#: Exit code when stdout's reader goes away, as for a process ended by SIGPIPE.
BROKEN_PIPE = 141


def _silence_stdout() -> None:
    """Point stdout at /dev/null, so the interpreter's last flush does not fail again."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):  # not a real file (tests' captured output)
        pass


def dump_json(obj: Any, *, indent: int | None = 2) -> str:
    import json

    return json.dumps(obj, ensure_ascii=False, indent=indent)
