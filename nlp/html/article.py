"""The annotated article page: headline, summary, the article with summary sentences
marked and each actor's evidence highlighted in its stance colour, and a bar per actor of
its label scores.

The page is built from the documented JSON object (``Analysis.as_dict``) and the article
it describes (its text and sentence offsets), so a batch run can render it from a result
line and the input text. Optional keys other parts of the tool may add are shown when
present and never required: in summary sentences ``spans``, ``removed`` and ``truncated``;
in stances ``runner_up``, ``mixed`` and ``pulls``.
"""

from __future__ import annotations

from collections.abc import Mapping

from ..article import Article, Sentence
from .env import ABSENT, Labels, render

#: Nesting depths with their own underline offset (one sentence, several actors' evidence).
MAX_DEPTH = 6


def article_page(result: Mapping, article: Article | str, *, gold: Mapping[str, str] | None = None,
                 back: str | None = None) -> str:
    """One self-contained HTML page for one analysis.

    Args:
        result: the analysis as ``Analysis.as_dict()`` returns it (or a batch result line).
        article: the article it was made from, or the raw text (cleaned again here, which
            gives the same sentences and offsets).
        gold: reference labels per actor, shown beside the predicted ones (eval pages).
        back: a link target for "back to the report", relative to the page.

    Returns:
        The page, with inline CSS and no script or external resource.
    """
    if isinstance(article, str):
        article = Article.from_text(article, id=result.get("id"), title=result.get("title"))
    stances = list(result.get("stances") or [])
    summary = result.get("summary")
    labels = Labels([k for s in stances for k in (s.get("scores") or {})] + [s["label"] for s in stances])
    cards, marks = _stance_cards(stances, labels, gold or {})
    summary_view, ranges = _summary(summary)
    paragraphs = _paragraphs(article, marks, ranges)
    return render(
        "article.html.j2", labels=labels, title=result.get("title") or article.title or result.get("id") or "Untitled article",
        record_id=result.get("id"), summary=summary_view, method=(summary or {}).get("method"),
        stances=cards, paragraphs=paragraphs, meta=result.get("meta") or {}, back=back,
        n_evidence=sum(len(c["evidence"]) for c in cards),
        extra={k: result[k] for k in ("date", "source", "url") if result.get(k)},
        link=_web_link(result.get("url")),
    )


def _web_link(url) -> str | None:
    """``url`` when it is an http(s) address, the only kind a page links to."""
    return url if isinstance(url, str) and url.lower().startswith(("http://", "https://")) else None


def _stance_cards(stances: list[Mapping], labels: Labels, gold: Mapping[str, str]):
    """Per actor: label, scores as bars, evidence with anchors; and the highlight for each
    evidence sentence, keyed by its (start, end)."""
    cards, marks, n = [], {}, 0
    for s in stances:
        scores = s.get("scores") or {}
        label = s["label"]
        score = scores.get(label)
        card = {
            "actor": s["actor"], "label": label, "cls": labels.cls(label), "score": score,
            "mentions": s.get("mentions"), "mixed": s.get("mixed"), "gold": gold.get(s["actor"]),
            "runner_up": s.get("runner_up"),
            "bars": [{"label": k, "cls": labels.cls(k), "p": float(v)} for k, v in scores.items()],
            "evidence": [], "pulls": _pulls(s.get("pulls"), labels),
        }
        if card["runner_up"]:
            card["runner_up_cls"] = labels.cls(card["runner_up"])
        if card["gold"]:
            card["gold_cls"] = labels.cls(card["gold"])
        for e in s.get("evidence") or []:
            n += 1
            item = {"id": f"ev-{n}", "text": e.get("text", ""), "role": e.get("role"),
                    "weight": e.get("weight"), "actor": s["actor"], "label": label,
                    "cls": card["cls"], "score": score}
            item["pill"] = " · ".join(
                x for x in (f"{s['actor']}: {label}" + (f" {score:.2f}" if score is not None else ""),
                            item["role"]) if x)
            card["evidence"].append(item)
            if e.get("start") is not None and e.get("end") is not None:
                marks.setdefault((int(e["start"]), int(e["end"])), []).append(item)
        cards.append(card)
    return cards, marks


def _pulls(pulls, labels: Labels) -> list[dict]:
    """``pulls``: per label, the evidence that pulled that way (texts or evidence objects)."""
    if not isinstance(pulls, Mapping):
        return []
    out = []
    for label, items in pulls.items():
        texts = [i.get("text", "") if isinstance(i, Mapping) else str(i) for i in (items or [])]
        out.append({"label": label, "cls": labels.cls(label), "texts": texts})
    return out


def _summary(summary: Mapping | None):
    """The summary's sentences for display, and the ranges of the article they keep."""
    if not summary:
        return None, []
    view, ranges = [], []
    for i, s in enumerate(summary.get("sentences") or [], 1):
        start, end = s.get("start"), s.get("end")
        anchored = start is not None and end is not None
        pieces = s.get("spans") or ([[start, end]] if anchored else [])
        for a, b in pieces:
            ranges.append((int(a), int(b), i))
        view.append({"n": i, "text": s.get("text", ""), "anchor": f"sum-{i}" if anchored else None,
                     "removed": list(s.get("removed") or []), "truncated": bool(s.get("truncated"))})
    return {"text": summary.get("text", ""), "sentences": view}, ranges


def _paragraphs(article: Article, marks: dict, ranges: list[tuple[int, int, int]]) -> list[list[dict]]:
    """The article's paragraphs as sentences, each with its highlights and summary pieces."""
    by_sentence: dict[int, list[dict]] = {}
    for (start, end), items in marks.items():
        sentence = _sentence_at(article.sentences, start, end)
        if sentence is not None:
            by_sentence.setdefault(sentence.index, []).extend(items)
    paragraphs: dict[int, list[dict]] = {}
    anchored: set[int] = set()
    for sentence in article.sentences:
        own = by_sentence.get(sentence.index, [])
        depth = min(len(own), MAX_DEPTH)
        view = {"marks": [{**m, "depth": max(depth - 1 - k, 0)} for k, m in enumerate(own)],
                "pieces": [], "summary": None}
        for a, b, n in ranges:
            if a < sentence.end and b > sentence.start and n not in anchored:
                anchored.add(n)
                view["summary"] = n
        view["pieces"] = _pieces(article.source, sentence, ranges)
        paragraphs.setdefault(sentence.paragraph, []).append(view)
    return list(paragraphs.values())


def _sentence_at(sentences: tuple[Sentence, ...], start: int, end: int) -> Sentence | None:
    for s in sentences:
        if s.start == start and s.end == end:
            return s
    return next((s for s in sentences if s.start <= start < s.end), None)


def _pieces(source: str, sentence: Sentence, ranges: list[tuple[int, int, int]]) -> list[dict]:
    """The sentence's raw text cut where summary pieces start and end."""
    cuts = {sentence.start, sentence.end}
    inside = [(max(a, sentence.start), min(b, sentence.end)) for a, b, _ in ranges
              if a < sentence.end and b > sentence.start]
    for a, b in inside:
        cuts |= {a, b}
    points = sorted(cuts)
    return [{"text": source[a:b], "summary": any(x <= a and b <= y for x, y in inside)}
            for a, b in zip(points, points[1:]) if b > a]


__all__ = ["ABSENT", "article_page"]
