"""Stance classification: labels, absent/neutral rules, evidence, custom labels."""

from __future__ import annotations

import json

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


def test_the_learned_head_reads_who_acts(models, featurize):
    """The same words weigh differently for the side that acts and the side acted upon."""
    from nlp.stance.embedded import WITH_HEAD

    classifier = EmbeddedStanceClassifier(models.encoder, head=models.stance_head, **WITH_HEAD)
    article = featurize(Article.from_text(
        "Washington brokered a pause in strikes on energy facilities after separate calls with both leaders. "
        "The Kremlin said it would observe the pause. "
        "Ukrainian drones set fire to a refinery deep inside Russia on Sunday, the regional governor said."))
    result = by_actor(classifier(article, DEFAULT_ACTORS))
    assert result["US"].label == "conciliatory"  # a mediator
    assert result["Ukraine"].label == "confrontational"  # the side that strikes


def test_split_decisions_report_the_runner_up_and_what_pulled_each_way(models, featurize):
    from nlp.stance.embedded import WITH_HEAD

    classifier = EmbeddedStanceClassifier(models.encoder, head=models.stance_head, **WITH_HEAD)
    article = featurize(Article.from_text(
        "The Kremlin said on Monday it was ready for talks and would free 300 prisoners. "
        "Russian forces launched a barrage of missiles at Kyiv hours later, killing 12 people."))
    russia = by_actor(classifier(article, DEFAULT_ACTORS))["Russia"]
    assert russia.runner_up in {"conciliatory", "confrontational"} and russia.runner_up != russia.label
    assert set(russia.pulls) == {"conciliatory", "confrontational"}
    assert "talks" in russia.pulls["conciliatory"][0].sentence.text
    assert "missiles" in russia.pulls["confrontational"][0].sentence.text
    gap = abs(russia.scores["conciliatory"] - russia.scores["confrontational"])
    assert russia.mixed == (gap < 0.1)
    d = russia.as_dict()
    assert d["pulls"]["confrontational"][0]["role"] == "agent" and isinstance(d["mixed"], bool)


def test_custom_labels_get_no_head(cli, example_path):
    result = cli("stance", example_path, "--json", "--labels", "supportive,hostile,neutral")
    assert result.exit_code == 0, result.output
    assert all(set(s["scores"]) <= {"supportive", "hostile", "neutral"} for s in json.loads(result.stdout)["stances"])


def test_head_file_round_trips_and_refuses_another_version(tmp_path):
    import numpy as np

    from nlp.errors import ModelUnavailableError
    from nlp.stance.head import StanceHead

    head = StanceHead(np.ones((3, 4), dtype=np.float32), np.zeros(3, dtype=np.float32))
    head.save(tmp_path / "h.npz")
    again = StanceHead.load(tmp_path / "h.npz")
    assert np.allclose(again.probabilities(np.eye(4, dtype=np.float32)), head.probabilities(np.eye(4, dtype=np.float32)))
    np.savez(tmp_path / "old.npz", weight=head.weight, bias=head.bias, labels=np.array(head.labels), version=np.array(0))
    with pytest.raises(ModelUnavailableError, match="feature version 0"):
        StanceHead.load(tmp_path / "old.npz")


def test_training_learns_from_labelled_sentences(encoder):
    """``eval.train_stance.train`` on a small labelled set separates the labels it was shown."""
    from eval.train_stance import sentence_examples, train

    zero_shot = EmbeddedStanceClassifier(encoder)
    x, y = sentence_examples(zero_shot, encoder)
    head = train(x[:400], y[:400])
    accuracy = (head.probabilities(x[:400]).argmax(axis=1) == y[:400]).mean()
    assert accuracy > 0.8  # fits what it saw; held-out figures are in docs/stance.md


def test_word_cues_read_the_actor_and_the_clause():
    from nlp.actors import Actor
    from nlp.stance.cues import CUES, cues

    russia = Actor("Russia", ("Russia", "Moscow", "Kremlin"))
    flags = dict(zip(CUES, cues("Kyiv said Moscow had brokered a truce in 2020.", russia)))
    assert flags["year"] and flags["background"] and flags["reported_before_actor"]
    assert not flags["actor_opens_sentence"] and not flags["condition"]
    flags = dict(zip(CUES, cues("Moscow will respect the truce as long as Kyiv does, the Kremlin said.", russia)))
    assert flags["actor_opens_sentence"] and flags["condition"] and flags["modal"] and flags["actor_named_twice"]
    assert not flags["reported_before_actor"] and not flags["year"]
    # reached only through "he": no position flags
    assert cues("He said the talks had failed.", russia)[CUES.index("actor_opens_sentence")] == 0


def test_the_head_uses_the_word_cues(models, featurize):
    """An act dated years back, in someone else's reported clause, reads as less of a position
    with the cues than without them (the embedding alone barely sees the difference)."""
    from nlp.stance.embedded import WITH_HEAD

    article = featurize(Article.from_text("Officials in Kyiv said Russia had offered a similar truce in 2023."))
    neutral = [by_actor(EmbeddedStanceClassifier(models.encoder, head=models.stance_head,
                                                 **{**WITH_HEAD, "word_cues": on})(article, DEFAULT_ACTORS))["Russia"].scores["neutral"]
               for on in (True, False)]
    assert neutral[0] > neutral[1] + 0.1


def test_every_variant_row_builds_a_classifier(encoder):
    """The trainer's variant table and the ablation rows only hold settings the classifier
    takes (the head's L2 penalty is the trainer's business, not the classifier's)."""
    from eval.stance_ablations import variants
    from eval.train_stance import L2, VARIANTS
    from nlp.stance.head import StanceHead

    head = StanceHead.load()
    rows = variants(head)
    assert all("l2" not in settings for _, settings in rows)
    shipped = [name for name, settings in VARIANTS.items() if "shipped" in name and settings.get("l2", L2) == L2]
    assert set(shipped) <= {name for name, _ in rows}
    for _, settings in rows:
        EmbeddedStanceClassifier(encoder, **settings)


def test_leave_one_source_out_folds_follow_the_files(tmp_path):
    """``--by-source`` holds out whole dev files: every article's fold is its file, so no
    file's articles are scored by a head that saw any of them."""
    import json

    from eval.train_stance import DEV_FILES, by_article, by_source

    for name, ids in (("a", ("a1", "a2", "a3")), ("b", ("b1", "b2"))):
        with (tmp_path / f"{name}.jsonl").open("w") as fh:
            for i in ids:
                fh.write(json.dumps({"id": i, "text": "Russia said so.", "summaries": ["Russia said so."],
                                     "stances": {"Russia": "neutral", "Ukraine": "absent", "US": "absent"}}) + "\n")

    class Ref:
        def __init__(self, i):
            self.id = i

    articles = [(Ref(i), None, None, None) for i in ("a1", "a2", "a3", "b1", "b2")]
    folds = by_source(articles, [tmp_path / "a.jsonl", tmp_path / "b.jsonl"])
    assert folds == {"a1": "a", "a2": "a", "a3": "a", "b1": "b", "b2": "b"}
    assert sorted(set(by_article(articles).values())) == [0, 1, 2, 3, 4]
    assert not any(path.stem.startswith("test") for path in DEV_FILES)  # test files are never read
