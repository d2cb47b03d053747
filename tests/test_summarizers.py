"""Lead and embedded summarizers: budget, order, redundancy, compression with offsets, and
sentences too long for the budget."""

from __future__ import annotations

import pytest

from nlp.article import Article
from nlp.errors import UsageError
from nlp.summarizers import Budget
from nlp.summarizers.base import budget_words, join_pieces
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


def test_lead_cuts_a_first_sentence_longer_than_the_budget(article):
    summary = LeadSummarizer()(article, Budget(max_words=5))
    (sentence,) = summary.sentences
    assert sentence.truncated and summary.words <= 5
    assert article.article.sentences[0].text.startswith(sentence.text)


@pytest.mark.parametrize("scorer", ["learned", "heuristic"])
def test_embedded_without_compression_respects_budget_order_and_whole_sentences(article, scorer):
    summarizer = EmbeddedSummarizer(scorer=scorer, compress=False)
    for budget in (Budget(max_words=40), Budget(max_words=60), Budget(max_words=90)):
        summary = summarizer(article, budget)
        assert summary.words <= budget.max_words
        indices = [s.index for s in summary.sentences]
        assert indices == sorted(indices)
        for s in summary.sentences:
            assert s.text in {x.text for x in article.article.sentences}
            assert "spans" not in s.as_dict() and "removed" not in s.as_dict()
    assert len(summarizer(article, Budget(sentences=3)).sentences) == 3


def test_embedded_compresses_and_every_kept_piece_points_into_the_input(featurize):
    source = ("KYIV, March 3 — Russia and Ukraine agreed on Thursday to open humanitarian corridors for "
              "civilians fleeing the fighting, Ukrainian negotiator Mykhailo Podolyak said.\n\n"
              "The second round of talks, which took place in Belarus near the Polish border, ended without "
              "a ceasefire.\n\nRussian forces kept shelling Kharkiv and Mariupol through the night.")
    features = featurize(Article.from_text(source))
    compressed = EmbeddedSummarizer()(features, Budget(max_words=60))
    whole = EmbeddedSummarizer(compress=False)(features, Budget(max_words=60))
    assert compressed.words < whole.words or len(compressed.sentences) > len(whole.sentences)
    reasons = set()
    for s in compressed.sentences:
        d = s.as_dict()
        sentence = features.article.sentences[s.index]
        assert (d["start"], d["end"]) == (sentence.start, sentence.end)
        if "removed" in d:
            assert join_pieces(source[a:b] for a, b in d["spans"]) == s.text
            assert all(sentence.start <= a < b <= sentence.end for a, b in d["spans"])
            reasons |= {r["reason"] for r in d["removed"]}
        else:
            assert s.text == sentence.text and "spans" not in d
    assert {"dateline", "time"} <= reasons
    assert compressed.text.startswith("Russia and Ukraine agreed to open humanitarian corridors")


RUN_ON = " ".join(["the convoy moved on toward the city while officials argued"] * 500)  # 5,000 words


@pytest.mark.parametrize("make", [LeadSummarizer, EmbeddedSummarizer])
@pytest.mark.parametrize("text", [RUN_ON, "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo" * 300],
                         ids=["5000-word run-on", "base64 blob"])
def test_a_sentence_longer_than_the_budget_is_cut_never_returned_whole(featurize, make, text):
    features = featurize(Article.from_text(text))
    summary = make()(features, Budget(max_words=60))
    (sentence,) = summary.sentences
    d = sentence.as_dict()
    assert d["truncated"] is True and budget_words(sentence.text) <= 60
    assert len(sentence.text) < len(features.article.sentences[0].text)
    (start, end), = d["spans"]
    assert text[start:end] == sentence.text and (d["start"], d["end"]) == (0, len(text))


def test_truncation_prefers_a_clause_boundary(featurize):
    text = ("Officials from both governments met in the border town for a second day of talks on prisoner "
            "exchanges and humanitarian corridors for the besieged cities of the south, "
            + " ".join(["and the delegations went on to discuss the many other open questions"] * 6) + ".")
    summary = LeadSummarizer()(featurize(Article.from_text(text)), Budget(max_words=40))
    assert summary.sentences[0].truncated
    assert summary.text == text[: text.index(",")]


@pytest.mark.parametrize("scorer", ["learned", "heuristic"])
def test_embedded_skips_near_duplicates(article, scorer):
    summary = EmbeddedSummarizer(scorer=scorer)(article, Budget(sentences=3))
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


def test_a_link_label_the_cleaner_let_through_is_never_summary(featurize):
    source = ("Polish and allied aircraft shot down drones that crossed into Poland during a large Russian "
              "attack on Ukraine.\n\nRead more: What is NATO's Article 4, and what happens next?\n\n"
              "Warsaw asked the alliance for formal consultations under Article 4 of the treaty.")
    features = featurize(Article.from_text(source))
    for scorer in ("learned", "heuristic"):
        summary = EmbeddedSummarizer(scorer=scorer)(features, Budget(max_words=60))
        assert "Read more" not in summary.text and len(summary.sentences) == 2
