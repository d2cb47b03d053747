"""Aggregates of a batch's results for the corpus report: each actor's stance share by
period and by source, and the articles whose stance moved most.

Result lines are read one at a time and only what the report shows is kept (id, title,
date, source, url and each actor's label and scores, never the article text), so tens of
thousands of rows fit in a few tens of MB. ``date``, ``source`` and ``url`` are optional:
rows without them go to an "undated" period and an "unknown source" bucket.
"""

from __future__ import annotations

import heapq
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import urlsplit

from ..inputs import jsonl_rows
from .env import ABSENT

UNDATED = "undated"
UNKNOWN_SOURCE = "unknown source"
PERIODS = ("week", "month")
_DATE = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})")
TITLE_CHARS = 160
_ALL = "*all*"  # the key of an actor's mean over the whole corpus


@dataclass(frozen=True)
class Row:
    """One article as the report sees it."""

    id: str
    title: str
    date: date | None
    source: str
    url: str | None
    stances: dict[str, tuple[str, tuple[float, ...]]]  # actor -> (label, scores in label order)


@dataclass(frozen=True)
class Mover:
    row: Row
    actor: str
    label: str
    score: float | None
    before: str  # the label the reference scores favour
    reference: str  # what the article was compared with
    shift: float


@dataclass
class Corpus:
    """Everything the report shows, built by :func:`aggregate`."""

    by: str
    labels: list[str] = field(default_factory=list)
    actors: list[str] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    periods: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)  # by number of articles, most first
    by_period: dict = field(default_factory=dict)  # actor -> period -> Counter(label), ABSENT included
    by_source: dict = field(default_factory=dict)  # actor -> source -> Counter(label)
    volume: Counter = field(default_factory=Counter)  # period -> articles
    source_volume: Counter = field(default_factory=Counter)
    movers: list[Mover] = field(default_factory=list)
    skipped: int = 0  # lines that were not result objects


def parse_date(value) -> date | None:
    """A date from ``2024-03-01``, ``2024-03-01T12:00:00Z`` and the like; None otherwise."""
    if not isinstance(value, str):
        return None
    m = _DATE.match(value)
    if m is None:
        return None
    try:
        return date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def period_of(day: date | None, by: str) -> str:
    if day is None:
        return UNDATED
    if by == "month":
        return f"{day.year:04d}-{day.month:02d}"
    monday = day - timedelta(days=day.weekday())
    year, week, _ = monday.isocalendar()
    return f"{year:04d}-W{week:02d}"


def source_of(result: dict) -> str:
    """The row's ``source``, else its URL's host, else the unknown bucket."""
    source = result.get("source")
    if isinstance(source, str) and source.strip():
        return source.strip()[:80]
    url = result.get("url")
    if isinstance(url, str) and url.strip():
        host = urlsplit(url.strip()).hostname or ""
        host = host[4:] if host.startswith("www.") else host
        if host:
            return host
    return UNKNOWN_SOURCE


def read_results(paths: Iterable[Path]) -> Iterator[dict | None]:
    """Result objects from batch JSONL files, one at a time (None for a line that is not one)."""
    for path in paths:
        with open(path, encoding="utf-8", errors="replace") as fh:
            for _, row in jsonl_rows(fh):
                ok = isinstance(row, dict) and ("stances" in row or "summary" in row) and "error" not in row
                yield row if ok else None


def aggregate(results: Iterable[dict | None], *, by: str = "week", top: int = 25) -> Corpus:
    """Count each actor's labels by period and by source, and find the articles that moved."""
    if by not in PERIODS:
        raise ValueError(f"by must be one of {PERIODS}, not {by!r}")
    corpus = Corpus(by)
    labels: dict[str, int] = {}
    actors: dict[str, None] = {}
    for n, result in enumerate(results):
        if result is None:
            corpus.skipped += 1
            continue
        stances = {}
        for s in result.get("stances") or []:
            for label in [*(s.get("scores") or {}), s.get("label")]:
                if label and label != ABSENT:
                    labels.setdefault(label, len(labels))
            actors.setdefault(str(s.get("actor")), None)
            scores = s.get("scores") or {}
            stances[str(s.get("actor"))] = (str(s.get("label")), tuple(float(scores.get(x, 0.0)) for x in labels))
        title = str(result.get("title") or result.get("id") or f"row {n + 1}")
        url = result.get("url") if isinstance(result.get("url"), str) else None
        corpus.rows.append(Row(str(result.get("id", f"row {n + 1}")), title[:TITLE_CHARS],
                               parse_date(result.get("date") or (result.get("meta") or {}).get("date")),
                               source_of(result), url, stances))
    corpus.labels, corpus.actors = list(labels), list(actors)
    _count(corpus)
    corpus.movers = _movers(corpus, top)
    return corpus


def _count(corpus: Corpus) -> None:
    by_period: dict = defaultdict(lambda: defaultdict(Counter))
    by_source: dict = defaultdict(lambda: defaultdict(Counter))
    periods: set[str] = set()
    for row in corpus.rows:
        period = period_of(row.date, corpus.by)
        periods.add(period)
        corpus.volume[period] += 1
        corpus.source_volume[row.source] += 1
        for actor, (label, _) in row.stances.items():
            by_period[actor][period][label] += 1
            by_source[actor][row.source][label] += 1
    corpus.periods = sorted(periods - {UNDATED}) + ([UNDATED] if UNDATED in periods else [])
    corpus.sources = [s for s, _ in corpus.source_volume.most_common()]
    corpus.by_period = {a: dict(by_period[a]) for a in corpus.actors}
    corpus.by_source = {a: dict(by_source[a]) for a in corpus.actors}


def _movers(corpus: Corpus, top: int) -> list[Mover]:
    """The (article, actor) pairs whose label scores differ most from that actor's average
    in the period before the article's (the whole corpus for the first period and undated
    rows): half the L1 distance, from 0 (the same) to 1 (nothing in common)."""
    k = len(corpus.labels)
    sums: dict = defaultdict(lambda: [0.0] * k)
    counts: Counter = Counter()
    for row in corpus.rows:
        period = period_of(row.date, corpus.by)
        for actor, (label, scores) in row.stances.items():
            if label == ABSENT or not any(scores):
                continue
            for key in ((actor, period), (actor, _ALL)):
                acc = sums[key]
                for i, v in enumerate(scores):
                    acc[i] += v
                counts[key] += 1
    means = {key: [v / counts[key] for v in acc] for key, acc in sums.items()}
    dated = [p for p in corpus.periods if p != UNDATED]
    previous = {p: dated[i - 1] for i, p in enumerate(dated) if i}

    def candidates() -> Iterator[tuple[float, int, Mover]]:
        for n, row in enumerate(corpus.rows):
            period = period_of(row.date, corpus.by)
            for actor, (label, scores) in row.stances.items():
                if label == ABSENT or not any(scores):
                    continue
                before = previous.get(period)
                ref, where = means.get((actor, before)) if before else None, f"{actor} in {before}"
                if ref is None:
                    ref, where = means[(actor, _ALL)], f"{actor} across the corpus"
                padded = list(scores) + [0.0] * (k - len(scores))
                shift = 0.5 * sum(abs(a - b) for a, b in zip(padded, ref))
                favoured = corpus.labels[max(range(k), key=ref.__getitem__)]
                score = padded[corpus.labels.index(label)] if label in corpus.labels else None
                yield shift, -n, Mover(row, actor, label, score, favoured, where, round(shift, 3))

    return [m for _, _, m in heapq.nlargest(top, candidates(), key=lambda t: (t[0], t[1]))]
