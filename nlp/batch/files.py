"""The files of a batch run: locked for its life, resumed only into the configuration that
wrote them.

A run with ``--out results.jsonl`` writes

- ``results.jsonl``: one JSON object per line, one line per article analysed;
- ``results.errors.jsonl`` (or ``--errors``): one line per article that failed,
  ``{"id", "input", "error"}``; removed at the end of a run in which nothing failed;
- ``results.run.json``: the run record, ``{"nlp_run": {"version", "config", "pid", "started"}}``.
  ``--resume`` compares its ``config`` with the run's and refuses another configuration, so
  one file never mixes two; the JSONL files stay plain one-result-per-line for consumers.

The JSONL files are locked (``flock``) for the run's life: a second run on the same file is
refused instead of interleaving its lines. No input is ever opened for writing: outputs are
compared with inputs (and with each other) by resolved path and by (device, inode) first.
"""

from __future__ import annotations

import fcntl
import json
import os
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path

from ..errors import OutputError, UsageError
from ..inputs import os_reason
from .paths import bad_lines_path, in_use, read_record, record_path


def dumps_line(obj: object) -> str:
    """``obj`` as one line of JSON that can always be written as UTF-8 (a lone surrogate is
    written as a ``\\ud800`` escape instead of failing the write)."""
    text = json.dumps(obj, ensure_ascii=False)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = json.dumps(obj)
    return text


def write_record(out: Path, config: dict) -> None:
    from .. import __version__

    record = {"nlp_run": {"version": __version__, "config": config, "pid": os.getpid(),
                          "started": datetime.now(timezone.utc).isoformat(timespec="seconds")}}
    path = record_path(out)
    tmp = path.with_name(path.name + ".tmp")
    try:
        tmp.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
        os.replace(tmp, path)
    except OSError as exc:
        raise OutputError(f"cannot write {path} ({os_reason(exc)})") from None


def config_differences(then: dict, now: dict) -> list[str]:
    """What differs between two configs (``AnalyzerConfig.fingerprint`` values), in words."""
    out = []
    for key in sorted(set(then) | set(now)):
        a, b = then.get(key), now.get(key)
        if a == b:
            continue
        if key == "tasks":
            out.append(f"command {_command(a)} (this run: {_command(b)})")
        elif key == "actors" and isinstance(a, dict) and isinstance(b, dict) and set(a) == set(b):
            out.append("other aliases for " + ", ".join(name for name in b if a[name] != b[name]))
        else:
            out.append(f"{key.replace('_', ' ')} {_show(a)} (this run: {_show(b)})")
    return out


def _command(tasks) -> str:
    return {("summary",): "summarize", ("stance",): "stance"}.get(tuple(tasks or ()), "analyze")


def _show(value) -> str:
    if value is None:
        return "none"
    if isinstance(value, dict) and value and all(isinstance(v, list) for v in value.values()):
        value = list(value)  # actors: their names say enough
    text = ", ".join(map(str, value)) if isinstance(value, list) else (
        f"'{value}'" if isinstance(value, str) else json.dumps(value, ensure_ascii=False))
    return text if len(text) <= 80 else text[:79] + "…"


def lock(path: Path, out: Path | None) -> tuple[int, bool]:
    """Open ``path`` for appending (created if need be) and hold an exclusive lock on it.

    Returns:
        (file descriptor, whether this call created the file).

    Raises:
        OutputError: another run holds it, or it cannot be opened.
    """
    for _ in range(3):
        existed = path.exists()
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_CLOEXEC, 0o644)
        except OSError as exc:
            raise OutputError(f"cannot open {path} ({os_reason(exc)})") from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            current = path.stat()
        except BlockingIOError:
            os.close(fd)
            raise in_use(path, out) from None
        except FileNotFoundError:  # removed between open and lock: try again
            os.close(fd)
            continue
        held = os.fstat(fd)
        if (held.st_dev, held.st_ino) == (current.st_dev, current.st_ino):
            return fd, not existed
        os.close(fd)  # replaced between open and lock: lock the new file
    raise OutputError(f"{path} keeps being replaced by another program")


def write_all(fd: int, path: Path, data: bytes) -> None:
    """Write all of ``data``; a failed write (disk full, I/O error) is an ``OutputError``."""
    view = memoryview(data)
    try:
        while view:
            view = view[os.write(fd, view):]
    except OSError as exc:
        raise OutputError(f"cannot write to {path} ({os_reason(exc)})") from None


def scan_done(fd: int, path: Path, warn: Callable[[str], None]) -> set[str]:
    """Ids recorded in a locked JSONL file, for ``--resume``.

    A last line cut short by a killed run is removed; other lines that are not a JSON object
    with an ``id`` are moved to :func:`bad_lines_path` and reported: their articles run again.
    """
    ids: set[str] = set()
    bad: list[int] = []
    end = 0  # just past the last complete line
    with open(path, "rb") as fh:
        for number, line in enumerate(fh, 1):
            if not line.endswith(b"\n"):
                break
            end += len(line)
            if not line.strip():
                continue
            try:
                ids.add(str(json.loads(line)["id"]))
            except (ValueError, KeyError, TypeError):
                bad.append(number)
    if end < os.fstat(fd).st_size:
        os.ftruncate(fd, end)
        warn(f"{path}: removed an unfinished last line (the run before was stopped mid-write)")
    if bad:
        _set_aside(fd, path, set(bad))
        where = bad_lines_path(path)
        warn(f"{path}: {len(bad)} line(s) that are not results (line {', '.join(map(str, bad[:5]))}"
             f"{'…' if len(bad) > 5 else ''}) moved to {where}; their articles will be analysed again")
    return ids


def _set_aside(fd: int, path: Path, bad: set[int]) -> None:
    """Move lines numbered ``bad`` to the bad-lines file, keeping ``path``'s inode (and lock)."""
    repair = path.with_name(path.name + ".repair")
    try:
        with open(path, "rb") as src, open(bad_lines_path(path), "ab") as aside, open(repair, "wb") as keep:
            for number, line in enumerate(src, 1):
                (aside if number in bad else keep).write(line)
            for fh in (aside, keep):
                fh.flush()
                os.fsync(fh.fileno())
        os.ftruncate(fd, 0)
        with open(repair, "rb") as keep:
            while chunk := keep.read(1 << 20):
                write_all(fd, path, chunk)
        os.fsync(fd)
        repair.unlink()
    except OSError as exc:
        raise OutputError(f"cannot set aside the bad lines of {path} ({os_reason(exc)})") from None


class RunFiles:
    """The open, locked files of one run, as a context manager.

    On entry: ``out`` and ``errors`` are locked; ``resume`` checks the run record against
    ``config`` and collects :attr:`done` ids (setting aside lines that are not results);
    without ``overwrite`` they must be empty. ``overwrite`` empties them at the first write
    (or at a successful end), so a run that fails before it (a model that cannot load)
    leaves the old results and their run record as they were. On exit: an empty errors file
    is removed, and so is an ``out`` this run created if the run failed before writing to it.

    Raises:
        UsageError: ``--resume`` into another configuration or a file without a run record;
            files that filled up since the first check.
        OutputError: another run holds a file, or a write failed.
    """

    def __init__(self, out: Path | None, errors: Path | None, *, config: dict, resume: bool = False,
                 overwrite: bool = False, warn: Callable[[str], None] = lambda message: None):
        self.out, self.errors, self.config = out, errors, config
        self.resume, self.overwrite, self.warn = resume, overwrite, warn
        self.fds: dict[Path, int] = {}
        self.created: set[Path] = set()
        self.done: set[str] = set()
        self._errors_dirty = False
        self._truncate = overwrite

    def __enter__(self) -> RunFiles:
        try:
            for path in (self.out, self.errors):
                if path is not None:
                    self.fds[path], created = lock(path, self.out)
                    if created:
                        self.created.add(path)
            self._prepare()
        except BaseException:
            self.close(failed=True)
            raise
        return self

    def __exit__(self, kind, exc, tb) -> None:
        self.close(failed=kind is not None)

    def _prepare(self) -> None:
        sizes = {path: os.fstat(fd).st_size for path, fd in self.fds.items()}
        if self.overwrite:
            return  # emptied, and the record written, by _begin
        if self.resume:
            self._check_record(any(sizes.values()))
            for path, fd in self.fds.items():
                self.done |= scan_done(fd, path, self.warn)
        elif any(sizes.values()):  # filled by another run since the paths were checked
            path = next(p for p, size in sizes.items() if size)
            raise UsageError(f"{path} already holds results: add --resume to continue that run, "
                             "or --overwrite to start again")
        if self.out is not None:
            write_record(self.out, self.config)

    def _check_record(self, has_results: bool) -> None:
        from .. import __version__

        record = read_record(self.out)
        if record is None:
            if has_results:
                raise UsageError(f"--resume: {self.out} has no run record ({record_path(self.out).name}), so the "
                                 "configuration that wrote it cannot be checked; start again with --overwrite")
            return
        differences = config_differences(record.get("config") or {}, self.config)
        if differences:
            raise UsageError(f"--resume: {self.out} was written with {'; '.join(differences)}; resume with the "
                             "options it was written with, or start again with --overwrite")
        if record.get("version") != __version__:
            self.warn(f"{self.out} was written by nlp {record.get('version')}; this is {__version__}")

    def _begin(self) -> None:
        if self._truncate:
            self._truncate = False
            for fd in self.fds.values():
                os.ftruncate(fd, 0)
            if self.out is not None:
                write_record(self.out, self.config)

    def write_results(self, lines: list[str]) -> None:
        """Append result lines (JSON strings from :func:`dumps_line`) and make them durable."""
        self._begin()
        if self.out is not None and lines:
            fd = self.fds[self.out]
            write_all(fd, self.out, "".join(line + "\n" for line in lines).encode("utf-8"))
            os.fsync(fd)
        if self._errors_dirty:
            os.fsync(self.fds[self.errors])
            self._errors_dirty = False

    def write_error(self, obj: dict) -> None:
        self._begin()
        if self.errors is not None:
            write_all(self.fds[self.errors], self.errors, (dumps_line(obj) + "\n").encode("utf-8"))
            self._errors_dirty = True

    def close(self, *, failed: bool = False) -> None:
        """Unlock and close; remove an empty errors file, and what a failed run created empty."""
        if not failed and self.fds:
            self._begin()
        for path in (self.errors, self.out):  # the lock on out goes last
            fd = self.fds.pop(path, None) if path is not None else None
            if fd is None:
                continue
            empty = os.fstat(fd).st_size == 0
            if empty and (path == self.errors or (failed and path in self.created)):
                for doomed in (path, record_path(path)) if path == self.out else (path,):
                    try:
                        doomed.unlink()
                    except OSError:
                        pass
            os.close(fd)
