"""Lead and embedded summarizers: budget, order, redundancy, whole sentences."""

from __future__ import annotations

import pytest

from nlp.article import Article
from nlp.errors import UsageError
from nlp.summarizers import Budget
from nlp.summarizers.embedded import EmbeddedSummarizer
from nlp.summarizers.lead import LeadSummarizer

STORY = (
    "Russia and Ukraine signed a deal in Istanbul on Friday to reopen Black Sea ports for grain exports. "
    "The agreement was brokered by Turkey and the United Nations after two months of talks. "
    "Russia and Ukraine signed a deal in Istanbul on Friday to reopen Black Sea ports for grain exports, officials said. "
    "Ships will follow a corridor cleared of mines, and joint teams will inspect them in Istanbul. "
    "Wheat prices fell sharply on the news in Chicago trading. "
    "The UN said the deal could ease a global food crisis that has hit poor countries hardest. "
    "Fighting continued in the east, where Russian forces shelled towns in Donetsk."
)


@pytest.fixture(scope="module")
def article(featurize):
    """The story's features (the summarizers take features, not bare articles)."""
    return featurize(Article.from_text(STORY, title="Grain deal signed in Istanbul"))


def test_budget_validation():
    with pytest.raises(UsageError):
        Budget(max_words=0)
    with pytest.raises(UsageError):
        Budget(sentences=0)


def test_lead_takes_opening_sentences(article):
    summary = LeadSummarizer()(article, Budget(sentences=2))
    assert [s.index for s in summary.sentences] == [0, 1]
    assert summary.method == "lead"
    words = LeadSummarizer()(article, Budget(max_words=20))
    assert [s.index for s in words.sentences] == [0]  # the second would pass 20 words


def test_lead_keeps_a_long_first_sentence_whole(article):
    summary = LeadSummarizer()(article, Budget(max_words=5))
    assert summary.text == article.article.sentences[0].text


def test_embedded_respects_budget_order_and_whole_sentences(article):
    summarizer = EmbeddedSummarizer()
    for budget in (Budget(max_words=40), Budget(max_words=60), Budget(max_words=90)):
        summary = summarizer(article, budget)
        assert summary.words <= budget.max_words
        indices = [s.index for s in summary.sentences]
        assert indices == sorted(indices)
        for s in summary.sentences:
            assert s.text in {x.text for x in article.article.sentences}
    assert len(summarizer(article, Budget(sentences=3)).sentences) == 3


def test_embedded_skips_near_duplicates(article):
    summary = EmbeddedSummarizer()(article, Budget(sentences=3))
    assert not {0, 2} <= {s.index for s in summary.sentences}  # sentence 2 repeats sentence 0


def test_embedded_with_more_sentences_requested_than_exist(featurize):
    article = featurize(Article.from_text("Talks resumed on Monday in Istanbul. Both sides sent delegations to the city."))
    summary = EmbeddedSummarizer()(article, Budget(sentences=5))
    assert len(summary.sentences) == 2


def test_embedded_summary_of_seed_article_has_no_boilerplate(featurize, seed_article):
    summary = EmbeddedSummarizer()(featurize(Article.from_text(seed_article)), Budget())
    assert 15 <= summary.words <= 60
    for junk in ("[ad_", "Spread the love", "Source link", "Tags:", "Leave a Reply"):
        assert junk not in summary.text
