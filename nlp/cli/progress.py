"""A progress bar on stderr for batch runs: articles done, articles/s, ETA.

Shown only when stderr is a terminal, so logs and pipes stay clean.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager


class _Silent:
    def advance(self, n: int) -> None:
        pass

    def skip(self, n: int) -> None:
        pass


@contextmanager
def progress_bar(total: int | None, *, enabled: bool = True) -> Iterator[_Silent]:
    """Yield a tracker with ``advance(n)`` (articles finished) and ``skip(n)`` (articles a
    resumed run leaves out, which shrink the total); draws a bar if stderr is a TTY."""
    if not enabled or not sys.stderr.isatty():
        yield _Silent()
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn,
        TimeRemainingColumn,
    )

    columns = [
        TextColumn("analysing"), BarColumn(), MofNCompleteColumn(),
        TextColumn("{task.fields[rate]:.1f} articles/s"), TimeElapsedColumn(),
        TextColumn("ETA"), TimeRemainingColumn(),
    ]
    with Progress(*columns, console=Console(stderr=True), transient=False) as progress:
        task = progress.add_task("batch", total=total, rate=0.0)

        class Tracker:
            def advance(self, n: int) -> None:
                progress.advance(task, n)
                progress.update(task, rate=progress.tasks[0].speed or 0.0)

            def skip(self, n: int) -> None:
                if progress.tasks[0].total is not None:
                    progress.update(task, total=max(progress.tasks[0].total - n, 0))

        yield Tracker()
