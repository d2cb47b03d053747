"""Input reading, boilerplate cleaning and sentence segmentation."""

from __future__ import annotations

import io

import pytest

from nlp.article import Article
from nlp.cleaning import furniture_reason
from nlp.errors import InputError
from nlp.inputs import MAX_INPUT_BYTES, decode_text, read_text
from nlp.segmentation import sentence_spans


def split(text: str) -> list[str]:
    return [text[a:b] for a, b in sentence_spans(text)]


# --- reading ---------------------------------------------------------------------------------

def test_read_text_refuses_what_is_not_usable_text(tmp_path):
    (tmp_path / "empty.txt").write_text("  \n\t\n")
    (tmp_path / "latin1.txt").write_bytes("Café talks".encode("latin-1"))
    (tmp_path / "blob.bin").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    with pytest.raises(InputError, match="empty"):
        read_text(tmp_path / "empty.txt")
    with pytest.raises(InputError, match="not valid UTF-8.*offset 3"):
        read_text(tmp_path / "latin1.txt")
    with pytest.raises(InputError, match="binary"):
        read_text(tmp_path / "blob.bin")
    with pytest.raises(InputError, match="no such file"):
        read_text(tmp_path / "missing.txt")
    with pytest.raises(InputError, match="is a directory"):
        read_text(tmp_path)


def test_size_limit_is_enforced_and_named():
    with pytest.raises(InputError, match="over the 1,000,000-byte limit"):
        decode_text(b"a" * (MAX_INPUT_BYTES + 1), name="big")
    assert decode_text(b"\xef\xbb\xbfHello", name="bom") == "Hello"  # a UTF-8 BOM is dropped


def test_stdin_is_read_with_dash():
    assert read_text("-", stdin=io.BytesIO("Talks resumed.".encode())) == "Talks resumed."


# --- cleaning --------------------------------------------------------------------------------

FURNITURE = [
    "[ad_1]", "[embed]", "Advertisement", "ADVERTISEMENT", "Share on Facebook", "Tweet",
    "Share this article", "Facebook Twitter WhatsApp Email", "Follow us on Telegram",
    "Sign up for our daily briefing", "Subscribe to our newsletter", "Read more: Grain deal explained",
    "Related: How the corridor works | Who inspects the ships", "Tags: Ukraine, Russia, grain",
    "Posted in World News", "Leave a comment", "Comments (12)",
    "Your email address will not be published. Required fields are marked *",
    "We use cookies to improve your experience on our site.", "© 2023 Example Media. All rights reserved.",
    "Photo: A tanker near Odesa. (Reuters)", "Source link", "By Staff Writer | May 9, 2022",
]
STORY = [
    "Sources close to the talks said the grain deal would be extended for 120 days.",
    "Russia's share of the wheat market grew as sanctions bit.",
    "Watch crews cleared the rubble from the station on Sunday morning, officials said.",
    "Ukraine said it would not subscribe to any plan that froze the front line.",
    "Kuleba said there had been zero progress.",
    "Related talks in Istanbul will resume on Tuesday, the Turkish foreign ministry said.",
]


@pytest.mark.parametrize("line", FURNITURE)
def test_furniture_lines_are_recognised(line):
    assert furniture_reason(line) is not None


@pytest.mark.parametrize("line", STORY)
def test_story_sentences_are_kept(line):
    assert furniture_reason(line) is None


def test_article_keeps_headline_as_title_and_reports_removals():
    raw = (
        "Grain ship leaves Odesa\n\nShare on Facebook\n\n"
        "The first ship left Odesa on Monday. It carried corn to Lebanon.\n\n"
        "Advertisement\n\nTurkey and the UN brokered the deal.\n\nTags: grain, Odesa\n\n"
        "Black Sea shipping\n"
    )
    article = Article.from_text(raw)
    assert article.title == "Grain ship leaves Odesa"
    assert [s.text for s in article.sentences] == [
        "The first ship left Odesa on Monday.", "It carried corn to Lebanon.",
        "Turkey and the UN brokered the deal.",
    ]
    assert [(r.line, r.reason) for r in article.removed] == [
        (3, "share"), (7, "advertisement"), (11, "tags"), (13, "footer")]
    for s in article.sentences:  # offsets point into the raw text
        assert raw[s.start:s.end] == s.text


def test_known_title_repeated_at_the_top_is_not_a_sentence():
    article = Article.from_text("Talks resume\n\nTalks resumed on Monday.", title="Talks resume")
    assert article.title == "Talks resume"
    assert [s.text for s in article.sentences] == ["Talks resumed on Monday."]


def test_furniture_only_input_is_an_error():
    with pytest.raises(InputError, match="no article text"):
        Article.from_text("Advertisement\n\nShare on Facebook\n\n[ad_1]\n")


def test_seed_article_is_cleaned(seed_article):
    article = Article.from_text(seed_article)
    assert article.title == "Putin says some ‘positive shifts’ in talks with Ukraine"
    removed = {r.text for r in article.removed}
    assert {"Spread the love", "[ad_1]", "[ad_2]", "Source link", "Tags:", "Leave a Reply"} <= removed
    body = article.text
    for junk in ("[ad_", "Spread the love", "Source link", "Leave a Reply", "Required fields"):
        assert junk not in body
    assert body.startswith("Russian president Vladimir Putin said on Friday")
    assert body.rstrip().endswith("they also pounded targets away from the main battle zones.")
    for s in article.sentences:
        assert " ".join(seed_article[s.start:s.end].split()) == s.text


# --- segmentation ----------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("“There was zero progress,” Kuleba said. He left.",
     ["“There was zero progress,” Kuleba said.", "He left."]),
    ("The U.S. Mission objected. Mr. Biden spoke on Jan. 5 about $3.5 billion. Talks went on.",
     ["The U.S. Mission objected.", "Mr. Biden spoke on Jan. 5 about $3.5 billion.", "Talks went on."]),
    ("He said “it is over.” Then he left.", ["He said “it is over.”", "Then he left."]),
    ("Aid flowed to the U.S. The ships sailed.", ["Aid flowed to the U.S.", "The ships sailed."]),
    ("U.S. officials said so. Prices rose 2.5% in Jan. 2023.",
     ["U.S. officials said so.", "Prices rose 2.5% in Jan. 2023."]),
])
def test_sentence_boundaries_on_news_copy(text, expected):
    assert split(text) == expected


def test_offsets_survive_repeated_sentences():
    text = "Talks resumed. Talks resumed. Shelling went on."
    spans = sentence_spans(text)
    assert spans == [(0, 14), (15, 29), (30, 47)]


def test_lines_without_blank_lines_between_them():
    raw = ("Share on Facebook | Share on X | Email | Print\n"
           "President Putin signed the documents on Friday.\n"
           "Talks stall\n"
           "Negotiators left Istanbul without a date for the next round.\n")
    article = Article.from_text(raw)
    assert article.title is None or article.title != "Share on Facebook | Share on X | Email | Print"
    assert [r.reason for r in article.removed] == ["share"]
    assert [s.text for s in article.sentences] == [
        "President Putin signed the documents on Friday.", "Talks stall",
        "Negotiators left Istanbul without a date for the next round."]


def test_hard_wrapped_paragraphs_stay_whole():
    raw = ("Russian and Ukrainian negotiators met in Istanbul on Tuesday for the\n"
           "first face-to-face talks in weeks, officials from both sides said.\n")
    assert [s.text for s in Article.from_text(raw).sentences] == [
        "Russian and Ukrainian negotiators met in Istanbul on Tuesday for the first face-to-face "
        "talks in weeks, officials from both sides said."]
