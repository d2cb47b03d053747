"""The canonical real input: the scraped article beside the checkout (also in CI)."""

from __future__ import annotations

import json

from nlp.summarizers.base import join_pieces


def test_analyze_seed_article_json(cli, seed_article, seed_path):
    result = cli("analyze", seed_path, "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["title"] == "Putin says some ‘positive shifts’ in talks with Ukraine"
    summary = data["summary"]["text"]
    for junk in ("[ad_", "Spread the love", "Source link", "Tags:", "Leave a Reply", "email address"):
        assert junk not in summary
    labels = {s["actor"]: s["label"] for s in data["stances"]}
    assert set(labels) == {"Russia", "Ukraine", "US"}
    assert all(label in {"conciliatory", "confrontational", "neutral"} for label in labels.values())
    for s in data["summary"]["sentences"]:
        spans = s.get("spans", [[s["start"], s["end"]]])  # a compressed sentence lists its pieces
        assert join_pieces(seed_article[a:b] for a, b in spans) == s["text"]
        assert all(s["start"] <= a < b <= s["end"] for a, b in spans)
