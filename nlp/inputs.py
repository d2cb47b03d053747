"""Reading what users feed the tool: files or stdin as UTF-8 text, and collections of articles.

Input is checked before any model loads, so a bad file fails in milliseconds with one line
that says what is wrong with it.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import BinaryIO

from .errors import InputError

#: Largest input accepted, in bytes. A long feature runs to about 60 KB; a megabyte is a
#: book chapter or a whole page dump that should be split before analysis.
MAX_INPUT_BYTES = 1_000_000


def decode_text(data: bytes, *, name: str, max_bytes: int = MAX_INPUT_BYTES) -> str:
    """Turn raw bytes into article text, refusing what is not usable text.

    Raises:
        InputError: empty or whitespace-only, over ``max_bytes``, binary, or not UTF-8.
    """
    if len(data) > max_bytes:
        raise InputError(
            f"{name}: input is {len(data):,} bytes, over the {max_bytes:,}-byte limit; "
            "split it into articles"
        )
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


def read_text(path: str | Path, *, stdin: BinaryIO | None = None,
              max_bytes: int = MAX_INPUT_BYTES) -> str:
    """Read one article from a file, or from stdin when ``path`` is ``-``."""
    if str(path) == "-":
        stream = stdin if stdin is not None else sys.stdin.buffer
        return decode_text(stream.read(max_bytes + 1), name="<stdin>", max_bytes=max_bytes)
    p = Path(path)
    if not p.exists():
        raise InputError(f"{p}: no such file")
    if p.is_dir():
        raise InputError(f"{p}: is a directory, expected a text file")
    try:
        with p.open("rb") as fh:
            data = fh.read(max_bytes + 1)
    except OSError as exc:
        raise InputError(f"{p}: cannot read ({exc.strerror})") from None
    return decode_text(data, name=str(p), max_bytes=max_bytes)


# --- many inputs: files, directories, JSONL and CSV collections ------------------------------

#: File types a directory is scanned for.
ARTICLE_SUFFIXES = (".txt", ".md", ".html", ".htm")
RECORD_SUFFIXES = (".jsonl", ".ndjson", ".csv")


@dataclass(frozen=True)
class Record:
    """One article to analyse, or the reason it cannot be (``error``), with where it came from."""

    id: str
    text: str | None
    source: str
    title: str | None = None
    error: str | None = None


def html_to_text(html: str, *, name: str) -> tuple[str, str | None]:
    """Main text and title of an HTML page (trafilatura), paragraphs on their own lines.

    Offsets reported for an HTML input refer to this extracted text.
    """
    import trafilatura

    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or not text.strip():
        raise InputError(f"{name}: no article text found in the HTML page")
    title = getattr(doc, "title", None) or None
    lines = text.splitlines()
    if title and lines and lines[0].strip() == title.strip():
        lines = lines[1:]
    return "\n\n".join(line for line in lines if line.strip()), title


def iter_records(
    inputs: Sequence[str],
    *,
    text_field: str = "text",
    id_field: str = "id",
    stdin: BinaryIO | None = None,
    max_bytes: int = MAX_INPUT_BYTES,
) -> Iterator[Record]:
    """Every article named by ``inputs``, in order; bad ones come back with ``error`` set.

    An input is ``-`` (stdin), a text/Markdown/HTML file, a directory (its ``*.txt``,
    ``*.md``, ``*.html`` files, sorted, not recursive) or a ``.jsonl``/``.csv`` file with one
    article per row (``text_field``, ``id_field``). Ids are the file path or the row's id
    (``FILE:LINE`` when the row has none); a repeated id gets ``#2``, ``#3``… so that every
    result line can be told apart and resumed.

    An input that cannot be read at all (a missing path, a directory without articles, a
    CSV without the text column) comes back as one record with ``error`` set, so the other
    inputs of a batch still run.
    """
    seen: dict[str, int] = {}
    for item in inputs:
        for record in _records_of(item, text_field, id_field, stdin, max_bytes):
            count = seen.get(record.id, 0) + 1
            seen[record.id] = count
            yield record if count == 1 else replace(record, id=f"{record.id}#{count}")


def _records_of(item, text_field, id_field, stdin, max_bytes) -> Iterator[Record]:
    if item == "-":
        yield _file_record("-", "<stdin>", stdin, max_bytes)
        return
    path = Path(item)
    try:
        if not path.exists():
            raise InputError(f"{path}: no such file or directory")
        if path.is_dir():
            files = sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES)
            if not files:
                raise InputError(f"{path}: no {', '.join(ARTICLE_SUFFIXES)} files in this directory")
            for f in files:
                yield _file_record(str(f), str(f), None, max_bytes)
        elif path.suffix.lower() in (".jsonl", ".ndjson"):
            yield from _jsonl_records(path, text_field, id_field, max_bytes)
        elif path.suffix.lower() == ".csv":
            yield from _csv_records(path, text_field, id_field, max_bytes)
        else:
            yield _file_record(str(path), str(path), None, max_bytes)
    except InputError as exc:
        yield Record(str(path), None, str(path), error=str(exc))


def _file_record(path: str, id: str, stdin, max_bytes) -> Record:
    try:
        text = read_text(path, stdin=stdin, max_bytes=max_bytes)
        title = None
        if Path(path).suffix.lower() in (".html", ".htm"):
            text, title = html_to_text(text, name=id)
        return Record(id, text, id, title)
    except InputError as exc:
        return Record(id, None, id, error=str(exc))


def _row_record(row, number: int, path: Path, text_field: str, id_field: str, max_bytes: int) -> Record:
    source = f"{path}:{number}"
    raw_id = row.get(id_field) if isinstance(row, dict) else None
    rid = str(raw_id) if raw_id not in (None, "") else source
    if not isinstance(row, dict):
        return Record(rid, None, source, error=f"{source}: expected an object, got {type(row).__name__}")
    value = row.get(text_field)
    if value is None:
        return Record(rid, None, source, error=f"{source}: no '{text_field}' field")
    if not isinstance(value, str):
        return Record(rid, None, source, error=f"{source}: '{text_field}' is not a string")
    try:
        text = decode_text(value.encode("utf-8", "surrogatepass"), name=source, max_bytes=max_bytes)
    except (InputError, UnicodeEncodeError) as exc:
        return Record(rid, None, source, error=str(exc) if isinstance(exc, InputError)
                      else f"{source}: '{text_field}' is not valid text")
    title = row.get("title") if isinstance(row.get("title"), str) else None
    return Record(rid, text, source, title)


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


def _jsonl_records(path: Path, text_field, id_field, max_bytes) -> Iterator[Record]:
    with _open_text(path) as fh:
        for number, row in jsonl_rows(fh):
            if isinstance(row, ValueError):
                source = f"{path}:{number}"
                yield Record(source, None, source, error=f"{source}: invalid JSON ({row.msg} at column {row.colno})")
                continue
            yield _row_record(row, number, path, text_field, id_field, max_bytes)


def _csv_records(path: Path, text_field, id_field, max_bytes) -> Iterator[Record]:
    import csv

    with _open_text(path) as fh:
        reader = csv.DictReader(fh)
        while True:
            # csv's field limit (128 KiB) is process-wide: raise it only while a row is read
            with _csv_field_limit(csv, max(max_bytes * 4, 1 << 20)):
                row = next(reader, None)
                if reader.fieldnames is None or text_field not in reader.fieldnames:
                    raise InputError(f"{path}: CSV has no '{text_field}' column (use --text-field)")
            if row is None:
                return
            yield _row_record(row, reader.line_num, path, text_field, id_field, max_bytes)


@contextmanager
def _csv_field_limit(csv, limit: int) -> Iterator[None]:
    previous = csv.field_size_limit(limit)
    try:
        yield
    finally:
        csv.field_size_limit(previous)


def _open_text(path: Path):
    try:
        return path.open(encoding="utf-8-sig", errors="surrogateescape", newline="")
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from None


def count_records(inputs: Sequence[str]) -> int | None:
    """A quick count of what :func:`iter_records` will yield, for progress bars (None: unknown)."""
    total = 0
    for item in inputs:
        path = Path(item)
        if item == "-" or not path.exists():
            total += 1
        elif path.is_dir():
            total += sum(1 for p in path.iterdir() if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES)
        elif path.suffix.lower() in (".jsonl", ".ndjson"):
            with path.open("rb") as fh:
                total += sum(1 for line in fh if line.strip())
        elif path.suffix.lower() == ".csv":
            return None  # quoted newlines make line counts wrong; no bar total beats a wrong one
        else:
            total += 1
    return total
