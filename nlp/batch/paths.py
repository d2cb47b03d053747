"""Batch outputs checked before anything is opened or any model loads.

No input is ever opened for writing: ``--out``, ``--errors`` and the run record are compared
with every input (and with each other) by resolved path and by (device, inode), and each must
be a regular file, or a new name in a directory that exists. A target another run holds is
refused at once.
"""

from __future__ import annotations

import fcntl
import json
import os
import stat
from collections.abc import Iterator, Sequence
from itertools import combinations
from pathlib import Path

from ..errors import OutputError, UsageError
from ..inputs import os_reason

def errors_path(out: Path) -> Path:
    """The errors file a run uses unless told (``results.jsonl`` -> ``results.errors.jsonl``)."""
    return out.with_name(out.stem + ".errors.jsonl")


def record_path(out: Path) -> Path:
    """The run record beside ``out`` (``results.jsonl`` -> ``results.run.json``)."""
    return out.with_name(out.stem + ".run.json")


def bad_lines_path(path: Path) -> Path:
    """Where ``--resume`` sets aside the lines of ``path`` that are not results."""
    return path.with_name(path.stem + ".bad-lines.txt")


def check_options(*, out: Path | None, resume: bool, overwrite: bool = False) -> None:
    """The batch options' rules that need no file system.

    Raises:
        UsageError: naming the options.
    """
    if resume and out is None:
        raise UsageError("--resume needs --out")
    if resume and overwrite:
        raise UsageError("--resume and --overwrite do not go together: --resume continues --out, "
                         "--overwrite starts it again")


def check_paths(inputs: Sequence[str], *, out: Path | None, errors: Path | None, errors_given: bool = True,
                resume: bool = False, overwrite: bool = False) -> None:
    """Every rule about ``--out`` and ``--errors`` that can be checked without a model.

    Raises:
        UsageError: a target in a missing directory, a directory, not a regular file, the
            same file as another target or as an input, or holding results without
            ``--resume``/``--overwrite``.
        OutputError: the target is in use by another run.
    """
    check_options(out=out, resume=resume, overwrite=overwrite)
    targets: list[tuple[str, Path]] = []
    if out is not None:
        targets += [(f"--out {out}", out), (f"the run record {record_path(out)} (kept beside --out)", record_path(out))]
    if errors is not None:
        targets.append((f"--errors {errors}" if errors_given else
                        f"the errors file {errors} (the default for --out {out}; name another with --errors)", errors))
    for label, path in targets:
        _check_target(label, path)
    for (first, a), (second, b) in combinations(targets, 2):
        if same_file(a, b):
            raise UsageError(f"{second} is the same file as {first}")
    for source in _input_files(inputs):
        for label, path in targets:
            if same_file(path, source):
                also = "" if str(source) == str(path) else f" ({source})"
                raise UsageError(f"{label} is also an input{also}; writing it would destroy that input")
    for _, path in targets[:1] + targets[2:]:  # the JSONL files, not the run record
        _probe_lock(path, out)
    if not (resume or overwrite):
        if out is not None and _size(out):
            raise UsageError(f"{out} already holds results: add --resume to continue that run, "
                             "or --overwrite to start again")
        if errors is not None and _size(errors):
            raise UsageError(f"{errors} already holds errors of an earlier run: add --resume to continue it, "
                             "--overwrite to start again, or name another --errors")


def same_file(a: Path, b: Path) -> bool:
    """Whether two paths name one file: the same resolved path, or the same (device, inode)."""
    try:
        if a.resolve() == b.resolve():
            return True
    except (OSError, RuntimeError):
        pass
    try:
        sa, sb = a.stat(), b.stat()
    except OSError:
        return False
    return (sa.st_dev, sa.st_ino) == (sb.st_dev, sb.st_ino)


def _check_target(label: str, path: Path) -> None:
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        mode = None
    except OSError as exc:
        raise UsageError(f"{label}: {os_reason(exc)}") from None
    if mode is not None:
        if stat.S_ISDIR(mode):
            raise UsageError(f"{label}: is a directory, expected a file name")
        if not stat.S_ISREG(mode):
            raise UsageError(f"{label}: not a regular file (results are appended to a file and resumed from it)")
        if not os.access(path, os.W_OK):
            raise UsageError(f"{label}: not writable")
        return
    parent = path.absolute().parent
    if not parent.is_dir():
        raise UsageError(f"{label}: directory {parent} does not exist")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise UsageError(f"{label}: cannot create files in {parent}")


def _input_files(inputs: Sequence[str]) -> Iterator[Path]:
    for item in inputs:
        if item == "-":
            continue
        path = Path(item)
        if path.is_dir():
            try:
                yield from (p for p in path.iterdir() if p.is_file())
            except OSError:
                continue
        else:
            yield path


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _probe_lock(path: Path, out: Path | None) -> None:
    """Refuse at once, before any model loads, a target another run holds."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC)
    except OSError:
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        raise in_use(path, out) from None
    finally:
        os.close(fd)


def in_use(path: Path, out: Path | None) -> OutputError:
    """The error for a target another run holds, naming that run's pid when the record has it."""
    try:
        pid = (read_record(out) or {}).get("pid") if out is not None else None
    except UsageError:
        pid = None
    who = f" (pid {pid})" if isinstance(pid, int) else ""
    return OutputError(f"{path} is in use by another nlp run{who}; wait for it to finish, or choose another file")


def read_record(out: Path) -> dict | None:
    """The run record beside ``out``, or None when there is none.

    Raises:
        UsageError: a record that is not the JSON this module writes.
    """
    path = record_path(out)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))["nlp_run"]
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise UsageError(f"{path}: not a run record ({type(exc).__name__}); remove it, or start again "
                         "with --overwrite") from None
    if not isinstance(data, dict):
        raise UsageError(f"{path}: not a run record; remove it, or start again with --overwrite")
    return data


