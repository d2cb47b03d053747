"""The corpus stance report: ``report.html`` (plots and tables, no article text), paged
article lists linking to each article's page, and the aggregates as CSV.

:func:`corpus_report` returns ``{file name: content}``; the CLI writes them.
"""

from __future__ import annotations

import csv
import io
import os
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from .corpus import UNDATED, Corpus, aggregate, read_results
from .env import ABSENT, Labels, page_name, render
from .plots import share_by_source, share_over_time

#: Sources drawn and tabled one by one; the rest are summed into one bar.
MAX_SOURCES = 15
#: Rows per page of the article list.
PAGE_SIZE = 500


def corpus_report(paths: Iterable[Path], *, out_dir: Path, by: str = "week", pages_dir: Path | None = None,
                  top: int = 25, page_size: int = PAGE_SIZE) -> dict[str, str]:
    """Everything ``nlp report`` writes, as ``{file name: content}``.

    Args:
        paths: batch result JSONL files (``nlp analyze … --out``).
        out_dir: where the files will be written (links are relative to it).
        by: ``week`` or ``month``: the period the time plot counts by.
        pages_dir: a directory of article pages (``--html-dir`` of the batch run); each
            article whose page is there gets a link.
        top: how many of the articles that moved most to list.
        page_size: articles per page of the article list.
    """
    corpus = aggregate(read_results(paths), by=by, top=top)
    links = _links(corpus, out_dir, pages_dir)
    labels = Labels(corpus.labels)
    for label in [*corpus.labels, ABSENT]:
        labels.cls(label)
    ordered = sorted(corpus.rows, key=lambda r: (r.date is None, r.date or 0, r.id))
    pages = [ordered[i : i + page_size] for i in range(0, len(ordered), page_size)] or [[]]
    names = [f"articles-{i + 1:03d}.html" for i in range(len(pages))]
    files = {}
    for i, rows in enumerate(pages):
        files[names[i]] = render(
            "articles.html.j2", labels=labels, corpus=corpus, rows=_list_rows(rows, corpus, labels, links),
            number=i + 1,
            count=len(pages), prev=names[i - 1] if i else None, next=names[i + 1] if i + 1 < len(pages) else None,
            first=i * page_size + 1)
    period_table, source_table = period_rows(corpus), source_rows(corpus)
    files["stance_by_period.csv"] = _csv(["period", "actor", "label", "count", "share", "articles"], period_table)
    files["stance_by_source.csv"] = _csv(["source", "actor", "label", "count", "share", "articles"], source_table)
    files["movers.csv"] = _csv(
        ["id", "date", "source", "actor", "label", "score", "compared_with", "favoured_there", "shift", "title"],
        [[m.row.id, m.row.date or "", m.row.source, m.actor, m.label, m.score, m.reference, m.before, m.shift,
          m.row.title] for m in corpus.movers])
    files["report.html"] = render(
        "report.html.j2", labels=labels, corpus=corpus, links=links,
        lists=[{"name": n, "first": i * page_size + 1, "last": i * page_size + len(rows), "rows": rows}
               for i, (n, rows) in enumerate(zip(names, pages)) if rows],
        time_svg=_time_plot(corpus, labels), source_svg=_source_plot(corpus, labels),
        periods=_nested(corpus.periods, corpus.by_period, corpus), sources=_source_view(corpus),
        first_date=min((r.date for r in corpus.rows if r.date), default=None),
        last_date=max((r.date for r in corpus.rows if r.date), default=None),
        undated=corpus.volume.get(UNDATED, 0), unknown=corpus.source_volume.get("unknown source", 0))
    return files


def _links(corpus: Corpus, out_dir: Path, pages_dir: Path | None) -> dict[str, str]:
    """id -> link to the article's page (relative to the report), for pages that exist."""
    if pages_dir is None or not pages_dir.is_dir():
        return {}
    present = set(os.listdir(pages_dir))
    rel = Path(os.path.relpath(pages_dir.resolve(), out_dir.resolve()))
    out = {}
    for row in corpus.rows:
        name = page_name(row.id)
        if name in present:
            out[row.id] = (rel / name).as_posix()
    return out


def _list_rows(rows, corpus: Corpus, labels: Labels, links: dict[str, str]) -> list[tuple]:
    """(date, source, title, link, [(class, label) per actor]) per row: the article list's
    cells, prepared here because a template macro per cell is slow over 20,000 rows."""
    out = []
    for row in rows:
        link = links.get(row.id) or (row.url if row.url and row.url.lower().startswith(("http://", "https://"))
                                     else None)
        cells = [(labels.cls(row.stances[a][0]), row.stances[a][0]) if a in row.stances else ("", "")
                 for a in corpus.actors]
        out.append((row.date or "undated", row.source, row.title, link, cells))
    return out


def _shares(counter: Counter, labels: list[str]) -> tuple[int, list[float]]:
    n = sum(counter[x] for x in labels)
    return n, [counter[x] / n if n else 0.0 for x in labels]


def _share_rows(corpus: Corpus, keys: list[str], table: dict) -> list[list]:
    """[key, actor, label, count, share, total] for each actor, key and label."""
    out = []
    for actor in corpus.actors:
        for key in keys:
            counter = table[actor].get(key, Counter())
            n, shares = _shares(counter, corpus.labels)
            out += [[key, actor, x, counter[x], round(s, 4), n] for x, s in zip(corpus.labels, shares)]
    return out


def period_rows(corpus: Corpus) -> list[list]:
    return _share_rows(corpus, corpus.periods, corpus.by_period)


def _grouped_sources(corpus: Corpus) -> tuple[list[str], dict]:
    shown = corpus.sources[:MAX_SOURCES]
    rest = corpus.sources[MAX_SOURCES:]
    by_source = {a: dict(corpus.by_source[a]) for a in corpus.actors}
    if rest:
        other = f"{len(rest)} other sources"
        for actor in corpus.actors:
            total = Counter()
            for s in rest:
                total.update(by_source[actor].get(s, Counter()))
            by_source[actor][other] = total
        shown = [*shown, other]
    return shown, by_source


def source_rows(corpus: Corpus) -> list[list]:
    return _share_rows(corpus, corpus.sources, corpus.by_source)


def _nested(keys: list[str], table: dict, corpus: Corpus) -> list[dict]:
    """Per key (period or source): articles, and per actor its mentions and label shares."""
    out = []
    for key in keys:
        cells = {}
        for actor in corpus.actors:
            counter = table[actor].get(key, Counter())
            n, shares = _shares(counter, corpus.labels)
            cells[actor] = {"n": n, "absent": counter[ABSENT], "shares": shares}
        out.append({"key": key, "cells": cells})
    return out


def _source_view(corpus: Corpus) -> list[dict]:
    shown, by_source = _grouped_sources(corpus)
    return _nested(shown, by_source, corpus)


def _time_plot(corpus: Corpus, labels: Labels) -> str | None:
    periods = [p for p in corpus.periods if p != UNDATED]
    if not periods or not corpus.labels:
        return None
    actors = {}
    for actor in corpus.actors:
        per = [_shares(corpus.by_period[actor].get(p, Counter()), corpus.labels)[1] for p in periods]
        actors[actor] = {x: [row[i] for row in per] for i, x in enumerate(corpus.labels)}
    return share_over_time(periods, [corpus.volume[p] for p in periods], actors, labels.swatches)


def _source_plot(corpus: Corpus, labels: Labels) -> str | None:
    if not corpus.sources or not corpus.labels:
        return None
    shown, by_source = _grouped_sources(corpus)
    actors = {}
    for actor in corpus.actors:
        per = [_shares(by_source[actor].get(s, Counter()), corpus.labels)[1] for s in shown]
        actors[actor] = {x: [row[i] for row in per] for i, x in enumerate(corpus.labels)}
    return share_by_source(shown, actors, labels.swatches)


def _csv(header: list[str], rows: list[list]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buf.getvalue()


__all__ = ["corpus_report"]
