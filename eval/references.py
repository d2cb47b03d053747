"""The reference set: JSON Lines of articles with reference summaries and stance labels.

One record per line::

    {"id": str, "title": str | null, "text": str, "summaries": [str, ...],
     "stances": {actor: label},
     "actors": {actor: [alias, ...]},      # optional: the record's own actors
     "date": "YYYY-MM-DD", "group": str}   # optional: when, and the slice it is reported in

A record with ``actors`` is tagged for exactly those actors, as a user would with
``--actors-file --no-default-actors``; one without is tagged for the run's actors.

Every line is checked before anything runs, and a bad one is reported by line number and
field, so a typo in a hand-edited file never surfaces as a stack trace mid-evaluation.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from nlp.actors import Actor
from nlp.errors import InputError, NlpError
from nlp.inputs import json_error, jsonl_rows

DATA_DIR = Path(__file__).parent / "data"
DEFAULT_FILES = tuple(DATA_DIR / f"{name}.jsonl" for name in (
    "dev", "dev-current", "dev-current-2", "dev-current-3", "dev-current-4", "test", "test-current"))
ABSENT = "absent"


@dataclass(frozen=True)
class Reference:
    id: str
    title: str | None
    text: str
    summaries: tuple[str, ...]
    stances: dict[str, str]
    actors: tuple[Actor, ...] | None = None
    group: str | None = None
    date: str | None = None


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
    for key in ("group", "date"):
        if row.get(key) is not None and not isinstance(row[key], str):
            raise InputError(f"{where}: field '{key}' must be a string")
    actors = row.get("actors")
    if actors is not None:
        if not isinstance(actors, dict) or not all(
            isinstance(v, list) and all(isinstance(a, str) for a in v) for v in actors.values()
        ):
            raise InputError(f"{where}: field 'actors' must map each actor to a list of aliases")
        if set(actors) != set(row["stances"]):
            raise InputError(f"{where}: fields 'actors' and 'stances' must name the same actors")


def _actors(row: dict) -> tuple[Actor, ...] | None:
    if row.get("actors") is None:
        return None
    try:
        return tuple(Actor(name, tuple(aliases)) for name, aliases in row["actors"].items())
    except NlpError as exc:
        raise InputError(f"record {row['id']!r}: field 'actors': {exc}") from None


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
    data = path.read_bytes()
    try:
        lines = data.decode("utf-8-sig").split("\n")  # not splitlines: U+2028 may sit in a string
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise InputError(f"{path}:{line}: not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})") from None
    for number, row in jsonl_rows(lines):
        if isinstance(row, json.JSONDecodeError):
            raise InputError(f"{path}:{number}: invalid JSON ({json_error(row)})")
        _check(row, number, path, set(labels))
        if row["id"] in ids:
            raise InputError(f"{path}:{number}: duplicate id {row['id']!r}")
        ids.add(row["id"])
        rows.append(row)
    if not rows:
        raise InputError(f"{path}: no records")
    return [Reference(r["id"], r.get("title"), r["text"], tuple(r["summaries"]), dict(r["stances"]),
                      _actors(r), r.get("group"), r.get("date")) for r in rows]
