"""Actor matching and who-does-what-to-whom evidence."""

from __future__ import annotations

import json

import pytest

from nlp.actors import DEFAULT_ACTORS, Actor, find_mentions, load_actors_file, parse_actor_spec, resolve_actors
from nlp.article import Article
from nlp.errors import UsageError
from nlp.evidence import gather_evidence, mention_role


def names(text: str) -> list[tuple[str, str]]:
    return [(m.actor, m.alias) for m in find_mentions(DEFAULT_ACTORS, text)]


def test_us_is_case_sensitive_and_us_pronoun_is_not_the_us():
    assert names("Let us hope, they told us.") == []
    assert names("The US and U.S. officials met the United States envoy.") == [
        ("US", "US"), ("US", "U.S."), ("US", "United States")]
    assert names("USAID and the White House responded.") == [("US", "USAID"), ("US", "White House")]


def test_aliases_cover_leaders_capitals_demonyms_and_spellings():
    text = "Zelenskyy spoke in Kiev; Kyiv, Kremlin, Putin’s aides and Ukrainian troops, Russian-Ukrainian talks."
    assert names(text) == [
        ("Ukraine", "Zelenskyy"), ("Ukraine", "Kiev"), ("Ukraine", "Kyiv"), ("Russia", "Kremlin"),
        ("Russia", "Putin"), ("Ukraine", "Ukrainian"), ("Russia", "Russian"), ("Ukraine", "Ukrainian")]


def test_word_edges_are_respected():
    assert names("Belarussian and Russiagate and Washingtonian") == []


def test_actor_spec_parsing():
    nato = parse_actor_spec("NATO=NATO,Stoltenberg, alliance")
    assert nato.name == "NATO" and nato.aliases == ("NATO", "Stoltenberg", "alliance")
    assert parse_actor_spec("Turkey").aliases == ("Turkey",)
    for bad in ("=NATO", "NATO=", "NATO=a,,b", ""):
        with pytest.raises(UsageError):
            parse_actor_spec(bad)


def test_actors_file_toml_and_json(tmp_path):
    toml = tmp_path / "actors.toml"
    toml.write_text('[actors]\nNATO = ["NATO", "Stoltenberg"]\nTurkey = ["Turkey", "Erdogan", "Ankara"]\n')
    js = tmp_path / "actors.json"
    js.write_text(json.dumps({"EU": ["EU", "European Union", "Brussels"]}))
    assert [a.name for a in load_actors_file(toml)] == ["NATO", "Turkey"]
    assert load_actors_file(js)[0].aliases == ("EU", "European Union", "Brussels")
    (tmp_path / "bad.json").write_text('{"EU": "Brussels"}')
    with pytest.raises(UsageError, match="must be a list"):
        load_actors_file(tmp_path / "bad.json")
    (tmp_path / "broken.toml").write_text("[actors\n")
    with pytest.raises(UsageError, match="not valid TOML"):
        load_actors_file(tmp_path / "broken.toml")


def test_resolve_actors_adds_and_replaces():
    actors = resolve_actors([Actor("NATO"), Actor("us", ("Washington",))])
    assert [a.name for a in actors] == ["Russia", "Ukraine", "us", "NATO"]
    assert [a.name for a in resolve_actors([Actor("NATO")], defaults=False)] == ["NATO"]
    with pytest.raises(UsageError):
        resolve_actors([], defaults=False)


@pytest.mark.parametrize("sentence, expected", [
    ("The United States accused Russia of spreading disinformation.", {"US": "speaker", "Russia": "patient"}),
    ("Russian forces shelled Kharkiv overnight.", {"Russia": "agent"}),
    ("Missiles struck Kyiv on Monday.", {"Ukraine": "patient"}),
    ("The deal was welcomed by Washington.", {"US": "agent"}),
    ("Talks were held in Moscow.", {"Russia": "place"}),
    ("“We will not give up,” said Zelensky.", {"Ukraine": "speaker"}),
    ("But Kuleba, Ukraine’s top diplomat, said there was no progress.", {"Ukraine": "speaker"}),
    ("White House Press Secretary Jen Psaki on Thursday accused the Kremlin of lying.",
     {"US": "speaker", "Russia": "patient"}),
    ("Ukrainian forces retook Izium, according to Kyiv.", {"Ukraine": "speaker"}),
    ("The Institute for the Study of War, a Washington-based think tank, said the lines held.",
     {"US": "other"}),
    # wire-copy patterns of 2024-2025 coverage
    ("A ceasefire between Russia and Ukraine on energy strikes took effect on Tuesday.",
     {"Russia": "agent", "Ukraine": "agent"}),
    ("The pause began at midnight, according to the Kremlin and Ukraine's foreign ministry.",
     {"Russia": "speaker", "Ukraine": "speaker"}),
    ("Turkey, Ukraine and the United States, which spent weeks on the text, say the deal will hold.",
     {"Ukraine": "speaker", "US": "speaker"}),
    ("Ukraine's security cabinet approved the plan on Monday.", {"Ukraine": "agent"}),
])
def test_roles_follow_grammar_not_topic(sentence, expected):
    mentions = find_mentions(DEFAULT_ACTORS, sentence)
    roles: dict[str, str] = {}
    order = ["place", "patient", "other", "agent", "speaker"]
    for m in mentions:
        role = mention_role(sentence, m)
        roles[m.actor] = max(roles.get(m.actor, "place"), role, key=order.index)
    assert roles == expected


def test_evidence_follows_people_and_pronouns():
    article = Article.from_text(
        "At the UN, tensions rose. “This is a false flag,” said Olivia Dalton, spokesperson for the "
        "U.S. Mission. “We will not let it stand,” Dalton added. Kuleba met reporters. He said talks "
        "had stalled. Shelling hit Kharkiv."
    )
    evidence = gather_evidence(article, DEFAULT_ACTORS)
    us = [(e.sentence.index, e.role) for e in evidence["US"]]
    assert us == [(1, "speaker"), (2, "speaker")]  # the surname carries the US forward
    ukraine = [(e.sentence.index, e.role) for e in evidence["Ukraine"]]
    assert ukraine[:2] == [(3, "agent"), (4, "speaker")]  # "He said" refers back to Kuleba
    assert evidence["Russia"] == []


def test_an_actors_evidence_does_not_depend_on_the_other_actors_listed(seed_article):
    un = Actor("UN", ("United Nations", "Security Council"))
    article = Article.from_text(seed_article)
    alone = gather_evidence(article, [un, Actor("Belarus")])["UN"]
    with_defaults = gather_evidence(article, [*DEFAULT_ACTORS, un])["UN"]
    assert [(e.sentence.index, e.role) for e in alone] == [(e.sentence.index, e.role) for e in with_defaults]
    for e in alone:  # every UN sentence names the UN; none comes from a sentence about Russia or Biden
        assert "United Nations" in e.sentence.text or "Security Council" in e.sentence.text


def test_a_title_ties_a_person_to_an_actor_only_when_nothing_else_stands_between():
    from nlp.evidence.coreference import people_introduced

    s = "As the diplomats met at the Security Council, US president Joe Biden warned Moscow Russia would pay."
    assert people_introduced(s, Actor("UN", ("Security Council",)).find(s)) == set()
    s = "Putin told his Belarus counterpart Alexander Lukashenko that talks had made progress."
    assert people_introduced(s, Actor("Belarus").find(s)) == {"Lukashenko"}
    s = "“We will not let that happen,” said Olivia Dalton, spokesperson for the US Mission."
    assert people_introduced(s, DEFAULT_ACTORS[2].find(s)) == {"Dalton"}
