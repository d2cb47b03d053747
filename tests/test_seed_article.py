"""The canonical real input: the scraped article beside the checkout (also in CI)."""

from __future__ import annotations

import json

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
        assert " ".join(seed_article[s["start"]:s["end"]].split()) == s["text"]
