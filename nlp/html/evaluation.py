"""The evaluation report page: ROUGE with confidence intervals for every system, stance
scores and confusion matrices, and per-article rows opening each article's page.

It renders whatever systems and keys the report holds (a new baseline or an oracle shows
up without a change here): a ``{"mean", "low", "high"}`` block is an interval, a number a
column, a dict of numbers one column per key, and ``confusion`` a matrix.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from .env import ABSENT, Labels, render
from .palette import HEAT
from .plots import intervals


def _is_interval(v) -> bool:
    return isinstance(v, Mapping) and {"mean", "low", "high"} <= set(v)


def _number(v) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def _columns(blocks: Mapping[str, Mapping]) -> tuple[list[str], list[str]]:
    """The keys over all systems that are intervals or numbers (one table), and those that
    are dicts of numbers (a table each); the confusion matrix is drawn apart."""
    flat: dict[str, None] = {}
    nested: dict[str, None] = {}
    for block in blocks.values():
        for key, value in block.items():
            if key == "confusion":
                continue
            if _is_interval(value) or _number(value):
                flat[key] = None
            elif isinstance(value, Mapping) and any(_number(v) for v in value.values()):
                nested[key] = None
    return list(flat), list(nested)


def _cell(value) -> dict:
    if _is_interval(value):
        return {"text": f"{value['mean']:.3f}", "ci": f"[{value['low']:.3f}, {value['high']:.3f}]"}
    if _number(value):
        text = str(value) if isinstance(value, int) else f"{value:.3f}" if abs(value) < 10 else f"{value:.1f}"
        return {"text": text, "ci": None}
    return {"text": "–", "ci": None}


def _grid(title: str | None, header: list[str], blocks: Mapping[str, Mapping], get, system_name: str) -> dict:
    return {"title": title, "header": header,
            "rows": [{"system": system_name if name == "system" else name,
                      "cells": [_cell(get(block, h)) for h in header]} for name, block in blocks.items()]}


def _tables(blocks: Mapping[str, Mapping], system_name: str) -> list[dict]:
    """One table of the plain scores, then one per dict of scores (per label, per actor…)."""
    flat, nested = _columns(blocks)
    out = [_grid(None, flat, blocks, lambda b, k: b.get(k), system_name)] if flat else []
    for key in nested:
        subs = list(dict.fromkeys(k for b in blocks.values() if isinstance(b.get(key), Mapping)
                                  for k, v in b[key].items() if _number(v)))
        out.append(_grid(key.replace("_", " "), subs, blocks,
                         lambda b, k, key=key: (b.get(key) or {}).get(k), system_name))
    return out


def _confusion(matrix: Mapping[str, Mapping[str, int]]) -> dict:
    names = list(matrix)
    rows = []
    for gold in names:
        total = sum(matrix[gold].get(p, 0) for p in names) or 1
        cells = []
        for pred in names:
            n = matrix[gold].get(pred, 0)
            level = 0 if n == 0 else 1 + min(3, int(4 * n / total - 1e-9))
            cells.append({"n": n, "heat": f"h{level}" if level else "", "share": n / total,
                          "hit": gold == pred})
        rows.append({"gold": gold, "cells": cells})
    return {"names": names, "rows": rows}


def _plot(summary: Mapping[str, Mapping], system_name: str, name: str) -> str | None:
    metrics = [k for k, v in next(iter(summary.values()), {}).items() if _is_interval(v)]
    if not metrics:
        return None
    systems = {(system_name if s == "system" else s): {m: (b[m]["mean"], b[m]["low"], b[m]["high"])
                                                       for m in metrics if _is_interval(b.get(m))}
               for s, b in summary.items()}
    systems = {s: v for s, v in systems.items() if len(v) == len(metrics)}
    return intervals(metrics, systems, name=name) if systems else None


def _predictions(rows: Sequence[Mapping], pages: Mapping[str, str]) -> dict:
    rouge = list(dict.fromkeys(k for r in rows for k in (r.get("rouge") or {})))
    out = []
    for r in rows:
        stances = [{"actor": s.get("actor"), "gold": s.get("gold"), "pred": s.get("pred"),
                    "miss": s.get("gold") != s.get("pred")} for s in r.get("stances") or []]
        out.append({"id": r.get("id"), "page": pages.get(str(r.get("id"))),
                    "rouge": [(r.get("rouge") or {}).get(k) for k in rouge], "stances": stances,
                    "misses": sum(s["miss"] for s in stances)})
    return {"rouge": rouge, "rows": out}


def eval_page(files: Sequence[Mapping], *, config: Mapping | None = None, system_name: str = "system",
              pages: Mapping[str, str] | None = None) -> str:
    """The report page for ``nlp eval --out``.

    Args:
        files: per reference file, ``FileReport.as_dict()`` plus its ``predictions``.
        config: the settings evaluated, listed at the foot of the page.
        system_name: what to call the evaluated system in tables and plots.
        pages: article id -> link (relative to the report) of its annotated page.
    """
    labels = Labels([])
    views = []
    for i, f in enumerate(files):
        summary, stance = f.get("summary") or {}, f.get("stance") or {}
        for block in stance.values():
            for label in (block.get("per_label_f1") or {}):
                labels.cls(label)
        views.append({
            "path": f.get("path"), "n": f.get("n_articles"), "timing": f.get("timing") or {},
            "summary": _tables(summary, system_name) if summary else None,
            "plot": _plot(summary, system_name, f"rouge{i}") if summary else None,
            "stance": _tables(stance, system_name) if stance else None,
            "confusions": [{"system": system_name if s == "system" else s, **_confusion(b["confusion"])}
                           for s, b in stance.items() if isinstance(b.get("confusion"), Mapping)],
            "groups": _tables(f.get("stance_groups") or {}, system_name)[:1] if f.get("stance_groups") else None,
            "predictions": _predictions(f.get("predictions") or [], pages or {}),
            "anchor": f"file-{i + 1}",
        })
    labels.cls(ABSENT)
    return render("eval.html.j2", labels=labels, files=views, config=dict(config or {}),
                  system_name=system_name, heat=HEAT)
