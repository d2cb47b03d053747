"""The reference set: JSON Lines of articles with reference summaries and stance labels.

One record per line::

    {"id": str, "title": str | null, "text": str, "summaries": [str, ...],
     "stances": {actor: label}}

Every line is checked before anything runs, and a bad one is reported by line number and
field, so a typo in a hand-edited file never surfaces as a stack trace mid-evaluation.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from nlp.errors import InputError
from nlp.inputs import jsonl_rows

DATA_DIR = Path(__file__).parent / "data"
DEFAULT_FILES = (DATA_DIR / "dev.jsonl", DATA_DIR / "test.jsonl")
ABSENT = "absent"


@dataclass(frozen=True)
class Reference:
    id: str
    title: str | None
    text: str
    summaries: tuple[str, ...]
    stances: dict[str, str]


def _check(row: object, number: int, path: Path, labels: set[str]) -> None:
    where = f"{path}:{number}"
    if not isinstance(row, dict):
        raise InputError(f"{where}: expected a JSON object")
    for key, kind in (("id", str), ("text", str), ("summaries", list), ("stances", dict)):
        if key not in row:
            raise InputError(f"{where}: missing field '{key}'")
        if not isinstance(row[key], kind):
            raise InputError(f"{where}: field '{key}' must be a {kind.__name__}")
    if row.get("title") is not None and not isinstance(row["title"], str):
        raise InputError(f"{where}: field 'title' must be a string or null")
    if not row["text"].strip():
        raise InputError(f"{where}: field 'text' is empty")
    if not row["summaries"] or not all(isinstance(s, str) and s.strip() for s in row["summaries"]):
        raise InputError(f"{where}: field 'summaries' must be a non-empty list of non-empty strings")
    for actor, label in row["stances"].items():
        if label not in labels | {ABSENT}:
            raise InputError(
                f"{where}: field 'stances.{actor}' has label {label!r}; "
                f"expected one of {', '.join(sorted(labels | {ABSENT}))}"
            )


def load_references(path: str | Path, *, labels: tuple[str, ...]) -> list[Reference]:
    """Read and validate a reference file.

    Raises:
        InputError: the file is missing, or a line is not valid JSON or lacks a field
            (the message names the line number and the field).
    """
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path}: no such reference file")
    ids: set[str] = set()
    rows = []
    with path.open(encoding="utf-8") as fh:
        for number, row in jsonl_rows(fh):
            if isinstance(row, json.JSONDecodeError):
                raise InputError(f"{path}:{number}: invalid JSON ({row.msg} at column {row.colno})")
            _check(row, number, path, set(labels))
            if row["id"] in ids:
                raise InputError(f"{path}:{number}: duplicate id {row['id']!r}")
            ids.add(row["id"])
            rows.append(row)
    if not rows:
        raise InputError(f"{path}: no records")
    return [Reference(r["id"], r.get("title"), r["text"], tuple(r["summaries"]), dict(r["stances"]))
            for r in rows]
