"""Compression rules, one real-looking sentence each: what is cut, that every kept span and
every cut points into the input, that the rest is unchanged, and where each rule holds back."""

from __future__ import annotations

import pytest

from nlp.article import Article
from nlp.summarizers.base import join_pieces
from nlp.summarizers.compress import compress
from nlp.summarizers.rules import DEFAULT_RULES, RULES


def compressed(sentence: str, rule: str, *, prefix: str = "Officials met again.\n\n"):
    """Compress ``sentence`` (the second paragraph of a small article) with one rule."""
    source = prefix + sentence + "\n\nTalks are due to resume next week in Geneva, officials said."
    article = Article.from_text(source, title="Talks")
    target = next(s for s in article.sentences if s.text == " ".join(sentence.split()))
    return compress(target, source, rules=[rule]), source, target


def check_offsets(result, source, sentence):
    """Spans and cuts lie inside the sentence, do not overlap, and rebuild the text."""
    assert sentence.start <= result.spans[0][0] and result.spans[-1][1] <= sentence.end
    assert join_pieces(source[a:b] for a, b in result.spans) == result.text
    pieces = sorted([(a, b) for a, b in result.spans] + [(c.start, c.end) for c in result.cuts])
    assert all(b <= a2 for (_, b), (a2, _) in zip(pieces, pieces[1:]))


CASES = [
    # rule, sentence, expected text, cut text
    ("dateline",
     "KYIV, Oct 11 — Russia fired dozens of cruise missiles and attack drones at cities across Ukraine.",
     "Russia fired dozens of cruise missiles and attack drones at cities across Ukraine.",
     "KYIV, Oct 11"),
    ("dateline",
     "JERUSALEM/SHARM EL-SHEIKH, Egypt, Oct 13 — Hamas freed the last 20 living hostages from Gaza.",
     "Hamas freed the last 20 living hostages from Gaza.",
     "JERUSALEM/SHARM EL-SHEIKH, Egypt, Oct 13"),
    ("attribution",
     "Two residential buildings in the capital were hit and at least one person was killed there, "
     "the city authorities said.",
     "Two residential buildings in the capital were hit and at least one person was killed there.",
     "the city authorities said"),
    ("attribution",
     "Goma's streets were littered with bodies and hospitals were overwhelmed with wounded, "
     "U.N. humanitarian spokesman Jens Laerke told reporters in Geneva.",
     "Goma's streets were littered with bodies and hospitals were overwhelmed with wounded.",
     "U.N. humanitarian spokesman Jens Laerke told reporters in Geneva"),
    ("attribution",
     "Almost 33 million tonnes of grain left three Ukrainian ports aboard more than 1,000 ships, "
     "according to the UN.",
     "Almost 33 million tonnes of grain left three Ukrainian ports aboard more than 1,000 ships.",
     "according to the UN"),
    ("parenthetical",
     "The truce began at 4 a.m. (0200 GMT), after Israel's security cabinet approved the deal by 10 votes to one.",
     "The truce began at 4 a.m., after Israel's security cabinet approved the deal by 10 votes to one.",
     "(0200 GMT)"),
    ("parenthetical",
     "The Zaporizhzhia plant — Europe's largest nuclear station — lost its last power line for the sixth time.",
     "The Zaporizhzhia plant lost its last power line for the sixth time.",
     "Europe's largest nuclear station"),
    ("relative clause",
     "Zelensky, who first acknowledged the operation in his nightly address, said Russia had brought war "
     "to other people's land.",
     "Zelensky said Russia had brought war to other people's land.",
     "who first acknowledged the operation in his nightly address"),
    ("relative clause",
     "Ukrainian officials identified the aircraft as Iranian-made Shahed-136 drones, which Russian forces "
     "have used in growing numbers this autumn.",
     "Ukrainian officials identified the aircraft as Iranian-made Shahed-136 drones.",
     "which Russian forces have used in growing numbers this autumn"),
    ("relative clause",
     "The UN said 101 people had been evacuated in that operation, which started the previous weekend, "
     "and dozens more joined the convoy from Manhush.",
     "The UN said 101 people had been evacuated in that operation, and dozens more joined the convoy from Manhush.",
     "which started the previous weekend"),
    ("appositive",
     "Trevor Reed, a former US Marine who had been held in Russia for almost three years, was freed in a "
     "prisoner swap.",
     "Trevor Reed was freed in a prisoner swap.",
     "a former US Marine who had been held in Russia for almost three years"),
    ("appositive",
     "Grossi travelled to Kaliningrad for talks with Alexei Likhachev, the head of the state nuclear corporation.",
     "Grossi travelled to Kaliningrad for talks with Alexei Likhachev.",
     "the head of the state nuclear corporation"),
    ("time",
     "Russia fired dozens of cruise missiles at cities across Ukraine on Monday in what Putin called retaliation.",
     "Russia fired dozens of cruise missiles at cities across Ukraine in what Putin called retaliation.",
     "on Monday"),
    ("time",
     "On Tuesday, Russia's Defence Ministry said it had carried out a retaliatory strike on Odesa.",
     "Russia's Defence Ministry said it had carried out a retaliatory strike on Odesa.",
     "On Tuesday"),
    ("time",
     "Ukraine said late on Friday night that it had hit 41 Russian military aircraft.",
     "Ukraine said that it had hit 41 Russian military aircraft.",
     "late on Friday night"),
]


@pytest.mark.parametrize("rule,sentence,expected,cut", CASES)
def test_each_rule_cuts_what_it_should_and_keeps_offsets(rule, sentence, expected, cut):
    result, source, target = compressed(sentence, rule)
    check_offsets(result, source, target)
    assert result.text == expected
    removed = result.removed(source)
    assert [r["reason"] for r in removed] == [rule] and removed[0]["text"] == cut
    assert all(cut in source[c.start:c.end] for c in result.cuts)
    as_json = result.summary_sentence(source).as_dict()
    assert (as_json["start"], as_json["end"]) == (target.start, target.end)
    assert as_json["removed"] == removed and as_json["spans"] == [list(s) for s in result.spans]


KEPT = [
    # rule, sentence that must stay whole
    ("attribution", '"We will not surrender, whatever happens," Zelensky said.'),  # a quotation's speaker
    ("attribution", "Those negotiations would begin immediately in the Middle East, it said."),  # a claim
    ("attribution", "Andriy Yermak, the head of the presidential office, said 116 Ukrainians had been returned."),
    ("relative clause", "India suspended its part in the Indus Waters Treaty, which governs the sharing of "
                        "rivers, expelled Pakistani military advisers and closed the main land crossing."),
    ("appositive", "Strikes were also reported in Lviv, Dnipro, Zaporizhzhia, Kharkiv, Ternopil and Zhytomyr, "
                   "many of them aimed at power stations."),
    ("appositive", "In Kyiv, the commander-in-chief of Ukraine's armed forces, Oleksandr Syrskyi, told "
                   "President Volodymyr Zelensky that troops held 1,000 square km."),
    ("appositive", "The military said 200 aircraft hit some 100 targets, including the enrichment plant at "
                   "Natanz, missile production sites and command centres."),
    ("time", "The decision to meet at all was reached only on Sunday, after a telephone call."),
    ("time", "The agreement signed on Friday allows ships to sail from three Ukrainian ports."),
    ("time", "On Tuesday, the Russian Defence Ministry said it had struck Odesa."),  # a lower-case start
    ("relative clause", "Polish President Karol Nawrocki, who met Trump at the White House last week, "
                        "said he had spoken to him on Wednesday."),  # "him" needs the aside's "Trump"
]


@pytest.mark.parametrize("rule,sentence", KEPT)
def test_rules_hold_back_where_a_cut_would_break_the_sentence_or_its_meaning(rule, sentence):
    result, _, target = compressed(sentence, rule)
    assert result.cuts == () and result.text == target.text


def test_nothing_inside_a_quotation_is_cut():
    sentence = 'Putin said Russia would "respond, as it did on Monday, with force" if attacked again by Kyiv.'
    result, _, target = compressed(sentence, "time")
    assert result.cuts == ()


def test_default_rules_together_on_a_hard_wrapped_lead():
    lead = ("WASHINGTON, March 5 — The United States has stopped sharing intelligence\nwith Ukraine, "
            "widening a freeze on military aid that President Donald Trump\nordered two days earlier, "
            "CIA Director John Ratcliffe said on Wednesday.")
    result, source, target = compressed(lead, "dateline", prefix="")
    everything = compress(target, source, rules=DEFAULT_RULES)
    check_offsets(everything, source, target)
    assert everything.text == ("The United States has stopped sharing intelligence with Ukraine, widening a "
                               "freeze on military aid that President Donald Trump ordered two days earlier.")
    assert [c.reason for c in everything.cuts] == ["dateline", "attribution"]
    assert "appositive" not in DEFAULT_RULES and set(DEFAULT_RULES) < set(RULES)


def test_a_compression_that_would_leave_too_little_is_not_made():
    result, _, target = compressed("Kyiv held firm, officials said.", "attribution")
    assert result.cuts == () and result.text == target.text
