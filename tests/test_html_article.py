"""The annotated article page, without a browser: escaping, highlights, optional keys.
(tests/test_browser.py loads the same pages in Chromium.)"""

from __future__ import annotations

import re

import pytest

from nlp.article import Article
from nlp.html import article_page, page_name

HOSTILE = (
    "Talks collapse as Russia walks out <script>alert('title')</script>\n\n"
    "Russia said on Monday it would leave the talks <img src=x onerror=alert(1)> and accused Ukraine "
    "of bad faith. Ukraine's foreign minister said Kyiv remained ready to negotiate.\n\n"
    "The US urged both sides to return to the table </p><script>alert(2)</script> within a week.\n"
)


def _result(article: Article, **extra) -> dict:
    s = article.sentences
    return {
        "title": article.title,
        "summary": {"text": s[0].text, "method": "lead", "sentences": [s[0].as_dict()]},
        "stances": [
            {"actor": "Russia", "label": "confrontational",
             "scores": {"conciliatory": 0.1, "confrontational": 0.8, "neutral": 0.1}, "mentions": 2,
             "evidence": [{**s[0].as_dict(), "role": "speaker", "weight": 1.0}]},
            {"actor": "Ukraine", "label": "conciliatory",
             "scores": {"conciliatory": 0.7, "confrontational": 0.2, "neutral": 0.1}, "mentions": 2,
             "evidence": [{**s[0].as_dict(), "role": "patient", "weight": 0.2},
                          {**s[1].as_dict(), "role": "speaker", "weight": 1.0}]},
            {"actor": "UN", "label": "absent", "scores": {}, "mentions": 0, "evidence": []},
        ],
        "meta": {"models": {"encoder": "x"}, "sentences": len(s), "words": article.words},
        **extra,
    }


@pytest.fixture(scope="module")
def hostile() -> Article:
    return Article.from_text(HOSTILE)


def test_article_text_is_escaped_everywhere(hostile):
    page = article_page(_result(hostile), hostile)
    assert "<script" not in page and "<img" not in page and "</p><script" not in page
    assert "&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;" in page  # the headline, as text
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "default-src 'none'" in page  # and nothing could run or load even if it were not


def test_one_highlight_per_evidence_sentence_nested_when_shared(hostile):
    result = _result(hostile)
    page = article_page(result, hostile)
    assert page.count("<mark ") == sum(len(s["evidence"]) for s in result["stances"]) == 3
    # the first sentence is evidence for two actors: two nested marks, two visible labels
    first = re.search(r"(<mark[^>]*>){2}", page)
    assert first is not None and "Russia: confrontational 0.80 · speaker" in page
    assert "Ukraine: conciliatory 0.70 · patient" in page
    assert 'tabindex="0"' in page and 'aria-describedby="ev-1-l"' in page
    assert "Not mentioned in this article." in page


def test_rendering_from_raw_text_gives_the_same_page(hostile):
    result = _result(hostile)
    assert article_page(result, HOSTILE) == article_page(result, hostile)


def test_optional_keys_render_when_present(hostile):
    result = _result(hostile, date="2024-03-01", source="wire.example", url="javascript:alert(3)")
    sentence = result["summary"]["sentences"][0]
    sentence.update(spans=[[sentence["start"], sentence["start"] + 20]], truncated=True,
                    removed=[{"text": "and accused Ukraine of bad faith", "reason": "clause"}])
    result["stances"][0].update(runner_up="neutral", mixed=True,
                                pulls={"neutral": [{"text": "a <b>pull</b>"}], "conciliatory": ["plain"]})
    page = article_page(result, hostile, gold={"Russia": "neutral"})
    assert "runner-up" in page and "mixed" in page and "(truncated)" in page
    assert "Removed from this sentence (1)" in page and "(clause)" in page
    assert "a &lt;b&gt;pull&lt;/b&gt;" in page and "What pulled each way" in page
    assert "reference:" in page and "(differs)" in page
    assert "wire.example" in page and 'href="javascript' not in page  # only http(s) links
    assert page.count('<span class="summ">') == 1  # only the kept piece is marked


def test_page_without_summary_or_stances(hostile):
    result = {**_result(hostile), "summary": None}
    assert "<mark " in article_page(result, hostile) and 'id="h-summary"' not in article_page(result, hostile)
    result = {**_result(hostile), "stances": None}
    page = article_page(result, hostile)
    assert "<mark " not in page and "S1" in page


def test_page_names_are_safe_and_distinct():
    names = {page_name(x) for x in ("a/b.txt", "a-b.txt", "../../etc/passwd", "x" * 500, "")}
    assert len(names) == 5
    assert all(re.fullmatch(r"[A-Za-z0-9._-]+\.html", n) and len(n) < 90 for n in names)
