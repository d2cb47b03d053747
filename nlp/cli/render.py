"""Human-readable output: the summary, then a per-actor stance table."""

from __future__ import annotations

import textwrap

WIDTH = 100
QUOTE_CHARS = 70


def _quote(text: str, limit: int = QUOTE_CHARS) -> str:
    text = " ".join(text.split())
    return f"“{text}”" if len(text) <= limit else f"“{text[: limit - 1].rstrip()}…”"


def render_analysis(result: dict) -> str:
    """Format one analysis (the JSON object of ``Analysis.as_dict``) for a terminal."""
    lines: list[str] = []
    if result.get("title"):
        lines += [result["title"], ""]
    summary = result.get("summary")
    if summary is not None:
        words = len(summary["text"].split())
        lines.append(f"Summary ({summary['method']}, {words} words)")
        lines += textwrap.wrap(summary["text"], WIDTH, initial_indent="  ", subsequent_indent="  ")
    stances = result.get("stances")
    if stances is not None:
        if summary is not None:
            lines.append("")
        lines.append("Stance")
        rows = [("actor", "label", "score", "evidence")]
        for s in stances:
            score = max(s["scores"].values()) if s["scores"] else None
            label_score = s["scores"].get(s["label"], score) if s["scores"] else None
            evidence = _quote(s["evidence"][0]["text"]) if s["evidence"] else "(not mentioned)"
            label = s["label"] + (f" (mixed; next: {s['runner_up']})" if s.get("mixed") else "")
            rows.append((s["actor"], label, "-" if label_score is None else f"{label_score:.2f}", evidence))
        widths = [max(len(r[i]) for r in rows) for i in range(3)]
        for r in rows:
            lines.append("  " + "  ".join(c.ljust(w) for c, w in zip(r[:3], widths)) + "  " + r[3])
    return "\n".join(lines)
