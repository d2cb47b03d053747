"""Many inputs as one stream of records: files, directories, JSONL and CSV collections.

Every record has an id that is unique in the run and safe to print (see
:func:`nlp.inputs.safe_text`), the text to analyse or the reason it cannot be, where it came
from, and the metadata a result line carries along (``date``, ``source``, ``url``).
"""

from __future__ import annotations

import stat
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import BinaryIO

from .errors import InputError
from .inputs import MAX_INPUT_BYTES, decode_text, json_error, jsonl_rows, open_input, read_text, safe_text, stat_path
from .markup import HTML_SUFFIXES, MARKDOWN_SUFFIXES, host, html_to_text, iso_date, looks_like_html, markdown_to_text

#: File types a directory is scanned for.
ARTICLE_SUFFIXES = (".txt", ".md", ".html", ".htm")
RECORD_SUFFIXES = (".jsonl", ".ndjson", ".csv")


@dataclass(frozen=True)
class Record:
    """One article to analyse, or the reason it cannot be (``error``), with where it came from
    (``source``: a path, ``PATH:LINE`` or ``<stdin>``) and ``meta`` for its result line."""

    id: str
    text: str | None
    source: str
    title: str | None = None
    error: str | None = None
    meta: Mapping[str, str] = field(default_factory=dict)


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
    (``FILE:LINE`` when the row has none); an id already taken gets the first free ``#2``,
    ``#3``… so that every result line can be told apart and resumed.

    An input that cannot be read at all (a missing path, a directory without articles, a
    CSV without the text column) comes back as one record with ``error`` set, so the other
    inputs of a batch still run.
    """
    taken: set[str] = set()
    for item in inputs:
        for record in _records_of(item, text_field, id_field, stdin, max_bytes):
            record = replace(record, id=safe_text(record.id), source=safe_text(record.source),
                             title=safe_text(record.title) if record.title else record.title,
                             error=safe_text(record.error) if record.error else None)
            if record.id in taken:
                k = 2
                while f"{record.id}#{k}" in taken:
                    k += 1
                record = replace(record, id=f"{record.id}#{k}")
            taken.add(record.id)
            yield record


def _records_of(item, text_field, id_field, stdin, max_bytes) -> Iterator[Record]:
    if item == "-":
        yield _file_record("-", "<stdin>", stdin, max_bytes)
        return
    path = Path(item)
    try:
        mode = stat_path(path).st_mode
        suffix = path.suffix.lower()
        if stat.S_ISDIR(mode):
            files = _article_files(path)
            if not files:
                raise InputError(f"{path}: no {', '.join(ARTICLE_SUFFIXES)} files in this directory")
            for f in files:
                yield _file_record(str(f), str(f), None, max_bytes)
        elif suffix in (".jsonl", ".ndjson"):
            yield from _jsonl_records(path, text_field, id_field, max_bytes)
        elif suffix == ".csv":
            yield from _csv_records(path, text_field, id_field, max_bytes)
        else:
            yield _file_record(str(path), str(path), None, max_bytes)
    except InputError as exc:
        yield Record(str(path), None, str(path), error=str(exc))


def _article_files(directory: Path) -> list[Path]:
    try:
        return sorted(p for p in directory.iterdir() if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES)
    except OSError as exc:
        raise InputError(f"{directory}: cannot list ({exc.strerror})") from None


def _file_record(path: str, id: str, stdin, max_bytes) -> Record:
    try:
        text = read_text(path, stdin=stdin, max_bytes=max_bytes)
        suffix = Path(path).suffix.lower() if path != "-" else ""
        title, meta = None, {}
        if suffix in HTML_SUFFIXES or (suffix not in MARKDOWN_SUFFIXES and looks_like_html(text)):
            text, title, meta = html_to_text(text, name=id)
        elif suffix in MARKDOWN_SUFFIXES:
            text, title = markdown_to_text(text, name=id)
        return Record(id, text, id, title, meta=meta)
    except InputError as exc:
        return Record(id, None, id, error=str(exc))


def row_meta(row: Mapping) -> dict[str, str]:
    """``date`` (ISO), ``source`` (the row's, else its url's host) and ``url`` of a row, when it has them."""
    url = row.get("url") if isinstance(row.get("url"), str) and row["url"].strip() else None
    source = row.get("source") if isinstance(row.get("source"), str) and row["source"].strip() else host(url)
    meta = {"date": iso_date(row.get("date")), "source": source, "url": url and url.strip()}
    return {k: safe_text(v.strip()) for k, v in meta.items() if v}


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
        # bytes that were not UTF-8 in the file come back as they were (surrogateescape)
        text = decode_text(value.encode("utf-8", "surrogateescape"), name=source, max_bytes=max_bytes)
    except InputError as exc:
        return Record(rid, None, source, error=str(exc))
    except UnicodeEncodeError:
        return Record(rid, None, source, error=f"{source}: '{text_field}' holds a lone surrogate (\\u escape), "
                                               "not text")
    title = row.get("title") if isinstance(row.get("title"), str) else None
    return Record(rid, text, source, title, meta=row_meta(row))


def _jsonl_records(path: Path, text_field, id_field, max_bytes) -> Iterator[Record]:
    with _open_text(path) as fh:
        for number, row in jsonl_rows(fh):
            if isinstance(row, ValueError):
                source = f"{path}:{number}"
                yield Record(source, None, source, error=f"{source}: invalid JSON ({json_error(row)})")
                continue
            yield _row_record(row, number, path, text_field, id_field, max_bytes)


def _csv_records(path: Path, text_field, id_field, max_bytes) -> Iterator[Record]:
    import csv

    with _open_text(path) as fh:
        reader = csv.DictReader(fh)
        while True:
            # csv's field limit (128 KiB) is process-wide: raise it only while a row is read
            with _csv_field_limit(csv, max(max_bytes * 4, 1 << 20)):
                try:
                    row = next(reader, None)
                except csv.Error as exc:
                    raise InputError(f"{path}:{reader.line_num}: not valid CSV ({exc})") from None
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
    import io

    return io.TextIOWrapper(open_input(path), encoding="utf-8-sig", errors="surrogateescape", newline="")


def count_records(inputs: Sequence[str]) -> int | None:
    """A quick count of what :func:`iter_records` will yield, for progress bars (None: unknown).

    Only regular files are counted: a named pipe can be read once, by the run itself.
    """
    total = 0
    for item in inputs:
        path = Path(item)
        try:
            mode = path.stat().st_mode
        except OSError:
            mode = None
        if item == "-" or mode is None:
            total += 1
        elif stat.S_ISDIR(mode):
            try:
                total += len(_article_files(path))
            except InputError:
                total += 1
        elif not stat.S_ISREG(mode):
            return None
        elif path.suffix.lower() in (".jsonl", ".ndjson"):
            with path.open("rb") as fh:
                total += sum(1 for line in fh if line.strip())
        elif path.suffix.lower() == ".csv":
            return None  # quoted newlines make line counts wrong; no bar total beats a wrong one
        else:
            total += 1
    return total
