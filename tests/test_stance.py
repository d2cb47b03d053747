"""Stance classification: labels, absent/neutral rules, evidence, custom labels."""

from __future__ import annotations

import pytest

from nlp.actors import DEFAULT_ACTORS, Actor
from nlp.article import Article
from nlp.errors import UsageError
from nlp.evidence import gather_evidence
from nlp.stance import LabelSet
from nlp.stance.embedded import EmbeddedStanceClassifier


@pytest.fixture(scope="module")
def classifier(encoder):
    return EmbeddedStanceClassifier(encoder)


def by_actor(results):
    return {r.actor: r for r in results}


def test_label_set_validation():
    assert LabelSet.parse("pro, anti ,neutral").labels == ("pro", "anti", "neutral")
    assert LabelSet.parse("pro,anti").fallback is None
    assert LabelSet().positions == ("conciliatory", "confrontational")
    for bad in ("", " , ", "a,a", "pro,absent"):
        with pytest.raises(UsageError):
            LabelSet.parse(bad)


def test_who_does_what_decides_the_label(classifier, featurize):
    article = Article.from_text(
        "Russian forces launched a barrage of missiles at Kyiv overnight, hitting power stations. "
        "The Kremlin warned that more strikes would follow. "
        "Ukraine's foreign minister called for talks and proposed a humanitarian corridor for civilians. "
        "Kyiv said it was ready to negotiate a ceasefire with Turkish mediation."
    )
    result = by_actor(classifier(featurize(article), DEFAULT_ACTORS))
    assert result["Russia"].label == "confrontational"
    assert result["Ukraine"].label == "conciliatory"
    assert result["US"].label == "absent" and result["US"].scores == {} and result["US"].evidence == ()


def test_an_actor_that_is_only_a_target_or_place_is_neutral(classifier, featurize):
    article = Article.from_text(
        "Russian forces shelled towns in Ukraine on Monday. Russia warned of more strikes. "
        "Analysts at a think tank in Washington said the shelling was the heaviest in weeks."
    )
    result = by_actor(classifier(featurize(article), DEFAULT_ACTORS))
    assert result["Russia"].label == "confrontational"
    assert result["Ukraine"].label == "neutral"
    assert result["US"].label == "neutral"


def test_result_schema_and_evidence_offsets(classifier, featurize, seed_article):
    results = classifier(featurize(Article.from_text(seed_article)), DEFAULT_ACTORS)
    assert [r.actor for r in results] == ["Russia", "Ukraine", "US"]
    for r in results:
        d = r.as_dict()
        assert set(d) == {"actor", "label", "scores", "runner_up", "mixed", "mentions", "evidence", "pulls"}
        assert d["label"] in {"conciliatory", "confrontational", "neutral"}
        assert set(d["scores"]) == {"conciliatory", "confrontational", "neutral"}
        assert abs(sum(d["scores"].values()) - 1) < 1e-3
        assert d["mentions"] > 0 and 1 <= len(d["evidence"]) <= 3
        for e in d["evidence"]:
            assert " ".join(seed_article[e["start"]:e["end"]].split()) == e["text"]
            assert e["role"] in {"speaker", "agent", "other", "patient", "place"}
    us = by_actor(results)["US"]
    assert us.label == "confrontational"  # it accuses Russia and warns Moscow
    assert us.evidence[0].role in {"speaker", "agent"}


def test_custom_actor_and_custom_labels(encoder, featurize):
    classifier = EmbeddedStanceClassifier(encoder, LabelSet.parse("supportive,hostile"))
    nato = Actor("NATO", ("NATO", "Stoltenberg", "the alliance"))
    article = Article.from_text("NATO pledged more weapons for Kyiv. Stoltenberg said the alliance stood firm.")
    evidence = gather_evidence(article, [nato])
    assert len(evidence["NATO"]) == 2
    result = classifier(featurize(article), [nato], evidence)[0]
    assert result.label in {"supportive", "hostile"}  # no fallback label in this set
    assert set(result.scores) == {"supportive", "hostile"}
