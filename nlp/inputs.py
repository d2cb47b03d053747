"""Reading what users feed the tool: files or stdin as UTF-8 text.

Input is checked before any model loads, so a bad file fails in milliseconds with one line
that says what is wrong with it. Collections of articles (directories, JSONL, CSV) are read
by ``nlp.records``; HTML and Markdown are turned into text by ``nlp.markup``.
"""

from __future__ import annotations

import os
import re
import select
import stat
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from .errors import InputError

#: Largest input accepted, in bytes. A long feature runs to about 60 KB; a megabyte is a
#: book chapter or a whole page dump that should be split before analysis.
MAX_INPUT_BYTES = 1_000_000

#: Seconds to wait for a writer on a named pipe (FIFO) before giving up on it.
FIFO_WAIT_SECONDS = 10.0

_SURROGATES = re.compile("[\ud800-\udfff]")


def safe_text(value: str) -> str:
    """``value`` made printable and writable as UTF-8.

    A lone surrogate (a file-name byte that is not UTF-8, or ``"\\ud800"`` in a JSON string)
    cannot be encoded; it becomes a visible escape: ``\\xe9`` for the byte, ``\\ud800`` for
    the code point. Anything else is returned unchanged.
    """
    return _SURROGATES.sub(_escape, value) if _SURROGATES.search(value) else value


def _escape(match: re.Match) -> str:
    code = ord(match.group())
    return f"\\x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else f"\\u{code:04x}"


def os_reason(exc: OSError) -> str:
    """The lower-case reason of an ``OSError`` (``"no such file or directory"``)."""
    reason = exc.strerror or type(exc).__name__
    return reason[:1].lower() + reason[1:]


def stat_path(path: Path) -> os.stat_result:
    """``os.stat`` with the reason a path cannot be used as an input.

    Raises:
        InputError: missing, a symlink loop, permission denied, ...
    """
    try:
        return path.stat()
    except OSError as exc:
        raise InputError(f"{safe_text(str(path))}: {os_reason(exc)}") from None


def decode_text(data: bytes, *, name: str, max_bytes: int = MAX_INPUT_BYTES, size: int | None = None) -> str:
    """Turn raw bytes into article text, refusing what is not usable text.

    Args:
        data: the input, or its first ``max_bytes + 1`` bytes.
        size: the whole input's size when known (a file), for the message.

    Raises:
        InputError: empty or whitespace-only, over ``max_bytes``, binary, or not UTF-8.
    """
    if len(data) > max_bytes:
        what = f"{size:,} bytes, over" if size is not None and size > max_bytes else "over"
        raise InputError(f"{name}: input is {what} the {max_bytes:,}-byte limit; split it into articles")
    if b"\x00" in data[:8192]:
        raise InputError(f"{name}: looks like a binary file, expected UTF-8 text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{name}: not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            "convert it with e.g. `iconv -t UTF-8`"
        ) from None
    if not text.strip():
        raise InputError(f"{name}: input is empty")
    return text


def open_input(path: Path) -> BinaryIO:
    """Open a file to read, binary. A named pipe is waited on for at most
    ``FIFO_WAIT_SECONDS`` for its writer, so a FIFO nobody writes to never hangs a run.

    Raises:
        InputError: missing, a directory, unreadable, or a pipe with no writer.
    """
    name = safe_text(str(path))
    mode = stat_path(path).st_mode
    if stat.S_ISDIR(mode):
        raise InputError(f"{name}: is a directory, expected a text file")
    try:
        if not stat.S_ISFIFO(mode):
            return path.open("rb")
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as exc:
        raise InputError(f"{name}: cannot read ({os_reason(exc)})") from None
    try:
        poller = select.poll()
        poller.register(fd, select.POLLIN)
        if not poller.poll(int(FIFO_WAIT_SECONDS * 1000)):
            raise InputError(f"{name}: a named pipe that nothing wrote to in {FIFO_WAIT_SECONDS:g} s")
        os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_text(path: str | Path, *, stdin: BinaryIO | None = None,
              max_bytes: int = MAX_INPUT_BYTES) -> str:
    """Read one article from a file, or from stdin when ``path`` is ``-``."""
    if str(path) == "-":
        stream = stdin if stdin is not None else sys.stdin.buffer
        return decode_text(stream.read(max_bytes + 1), name="<stdin>", max_bytes=max_bytes)
    p = Path(path)
    with open_input(p) as fh:
        try:
            data = fh.read(max_bytes + 1)
            size = os.fstat(fh.fileno()).st_size if stat.S_ISREG(os.fstat(fh.fileno()).st_mode) else None
        except OSError as exc:
            raise InputError(f"{safe_text(str(p))}: cannot read ({os_reason(exc)})") from None
    return decode_text(data, name=safe_text(str(p)), max_bytes=max_bytes, size=size)


def jsonl_rows(lines) -> Iterator[tuple[int, object]]:
    """(line number, parsed object or the ``JSONDecodeError``) for each non-blank line."""
    import json

    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            yield number, json.loads(line)
        except json.JSONDecodeError as exc:
            yield number, exc


def json_error(exc: ValueError) -> str:
    """``"Expecting value at column 3"`` from a ``JSONDecodeError`` (never "at at column")."""
    msg, column = getattr(exc, "msg", str(exc)), getattr(exc, "colno", None)
    if column is None:
        return msg
    return f"{msg} column {column}" if msg.endswith(" at") else f"{msg} at column {column}"
