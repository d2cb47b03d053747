"""The unit of work: :func:`analyze_batch`, a batch of columns in, a batch of columns out.

It is the shape ``datasets.Dataset.map(batched=True)`` and Ray Data's ``map_batches`` use,
given the ``Analyzer`` that holds the loaded models, so the same function runs here, in
worker processes, or on a cluster engine (see ``docs/scaling.md``).

Whatever one article raises, a bad input or a bug, becomes that article's error; the others
in the batch are still analysed.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..config import AnalyzerConfig
from ..errors import NlpError
from ..pipeline import Analyzer
from ..records import Record
from .files import dumps_line

#: Columns copied from the input batch to the front of each result object when set.
META_COLUMNS = ("date", "source", "url")


def analyze_batch(batch: dict[str, list], analyzer: Analyzer) -> dict[str, list]:
    """Analyse a batch of articles given as columns.

    Args:
        batch: ``{"id": [...], "text": [...]}``; optionally ``"title"``, and ``"date"``,
            ``"source"``, ``"url"`` (strings, copied into each result when set) or a
            ``"meta"`` column of dicts holding them.
        analyzer: the process's analyzer (models already loaded).

    Returns:
        ``{"id": [...], "result": [...], "error": [...]}``: per article either a JSON string
        of the analysis (``result``) or the reason it failed (``error``), the other None.
    """
    from ..article import Article

    ids = [str(i) for i in batch["id"]]
    texts = list(batch["text"])
    titles = _column(batch, "title", len(ids))
    metas = [_meta(batch, i) for i in range(len(ids))]
    articles: list[Article | None] = []
    errors: list[str | None] = []
    for rid, text, title in zip(ids, texts, titles):
        try:
            article = Article.from_text(text, id=rid, title=title or None)
            analyzer.check_language(article)
            articles.append(article)
            errors.append(None)
        except Exception as exc:  # noqa: BLE001  (one article's problem, whatever it is, stays its own)
            articles.append(None)
            errors.append(f"{rid}: {_reason(exc)}")
    good = [a for a in articles if a is not None]
    try:
        analyses: list = analyzer.analyze_articles(good)
    except Exception:  # one article's failure must not take the others with it: go one by one
        analyses = [_analyze_one(analyzer, a) for a in good]
    results: list[str | None] = []
    done = iter(analyses)
    for i, article in enumerate(articles):
        analysis = next(done) if article is not None else None
        if isinstance(analysis, Exception):
            errors[i] = f"{article.id}: {_reason(analysis)}"
            analysis = None
        if analysis is None:
            results.append(None)
            continue
        result = analysis.as_dict()
        results.append(dumps_line({"id": result.pop("id", ids[i]), **metas[i], **result}))
    return {"id": ids, "result": results, "error": errors}


def _analyze_one(analyzer: Analyzer, article):
    try:
        return analyzer.analyze_articles([article])[0]
    except Exception as exc:  # noqa: BLE001
        return exc


def _reason(exc: Exception) -> str:
    if isinstance(exc, NlpError):
        return str(exc)
    return f"unexpected {type(exc).__name__}: {exc}"


def _column(batch: dict, name: str, n: int) -> list:
    values = batch.get(name)
    return list(values) if values is not None else [None] * n


def _meta(batch: dict, i: int) -> dict[str, str]:
    meta = dict(batch["meta"][i] or {}) if batch.get("meta") is not None else {}
    for name in META_COLUMNS:
        values = batch.get(name)
        if values is not None and isinstance(values[i], str) and values[i]:
            meta[name] = values[i]
    return {k: meta[k] for k in META_COLUMNS if meta.get(k)}


def columns(chunk: Sequence[Record]) -> dict[str, list]:
    """Records as the columns :func:`analyze_batch` takes."""
    return {"id": [r.id for r in chunk], "text": [r.text for r in chunk], "title": [r.title for r in chunk],
            "meta": [dict(r.meta) for r in chunk]}


class AnalyzeBatch:
    """:func:`analyze_batch` as a callable class, the form Ray Data's ``map_batches`` wants
    for stateful work: each Ray actor builds its analyzer (and loads models) once.

    Example (``pip install '.[ray]'``; see docs/scaling.md)::

        import ray
        ds = ray.data.read_json("corpus.jsonl")
        out = ds.map_batches(AnalyzeBatch, fn_constructor_kwargs={"config": AnalyzerConfig()},
                             batch_size=16, concurrency=4)
        out.write_json("results/")
    """

    def __init__(self, config: AnalyzerConfig | None = None):
        self.analyzer = Analyzer(config)

    def __call__(self, batch: dict) -> dict[str, list]:
        return analyze_batch(batch, self.analyzer)
