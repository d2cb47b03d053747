"""Run a system and its baselines over a reference file and score both tasks.

The system is an ``nlp.Analyzer`` built from the same options the CLI takes, so the
numbers describe exactly what ``nlp analyze`` does. Baselines run in the same pass:
``lead-3`` for summaries; for stance, the majority label and seeded uniform-random labels.
Baselines share the system's mention detection, so ``absent`` is not what tells them apart.
"""

from __future__ import annotations

import random
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from nlp.actors import Actor
from nlp.article import Article
from nlp.features import ArticleFeatures
from nlp.pipeline import Analyzer
from nlp.segmentation import sentence_spans
from nlp.summarizers import Budget
from nlp.summarizers.lead import LeadSummarizer

from .metrics import ABSENT, ROUGE_TYPES, RougeScorer, bootstrap, stance_scores
from .references import Reference

LEAD_SENTENCES = 3


def _split(text: str) -> list[str]:
    return [text[a:b] for a, b in sentence_spans(text)]


@dataclass
class FileReport:
    """Scores for one reference file: per system, plus per-article predictions."""

    path: str
    n_articles: int
    summary: dict[str, dict] = field(default_factory=dict)
    stance: dict[str, dict] = field(default_factory=dict)
    timing: dict[str, float] = field(default_factory=dict)
    predictions: list[dict] = field(default_factory=list)
    #: The system's stance scores per record ``group`` (e.g. ``war-current``, ``other``).
    stance_groups: dict[str, dict] = field(default_factory=dict)

    def metric(self, key: str) -> float:
        """A headline number by dotted name: ``summary.rougeLsum``, ``stance.macro_f1``, or
        one group's ``stance.macro_f1@other``."""
        key, _, group = key.partition("@")
        section, name = key.split(".", 1)
        if group:
            system = self.stance_groups.get(group) if section == "stance" else None
        else:
            system = (self.summary if section == "summary" else self.stance).get("system")
        if system is None:
            raise KeyError(key)
        value = system[name]
        return value["mean"] if isinstance(value, dict) else value

    def as_dict(self) -> dict:
        return {"path": self.path, "n_articles": self.n_articles, "summary": self.summary,
                "stance": self.stance, "stance_groups": self.stance_groups, "timing": self.timing}


def evaluate_file(
    analyzer: Analyzer,
    references: Sequence[Reference],
    *,
    path: str,
    seed: int = 0,
    samples: int = 1000,
    on_analysis: Callable[[Reference, object], None] | None = None,
) -> FileReport:
    """Score ``analyzer`` and the baselines on ``references``.

    ``on_analysis`` is called with each reference and the system's ``Analysis`` of it (the
    runner renders article pages from them).
    """
    report = FileReport(path, len(references))
    labels = analyzer.labels.labels
    run_actors = _actors_for(analyzer.actors, references)
    rouge = RougeScorer(_split)
    lead = LeadSummarizer()
    lead_budget = Budget(sentences=LEAD_SENTENCES)

    start = time.perf_counter()
    system_rouge: list[dict] = []
    lead_rouge: list[dict] = []
    words, compression, lead_words, lead_compression = [], [], [], []
    gold: list[tuple[str, str]] = []
    predicted: list[str] = []
    mentioned: list[bool] = []
    groups: list[str | None] = []
    for ref in references:
        actors = list(ref.actors) if ref.actors is not None else run_actors
        article = Article.from_text(ref.text, id=ref.id, title=ref.title)
        analysis = analyzer.analyze_articles([article], actors=actors)[0]
        if on_analysis is not None:
            on_analysis(ref, analysis)
        row: dict = {"id": ref.id}
        if analysis.summary is not None:
            scores = rouge.score(ref.summaries, [s.text for s in analysis.summary.sentences])
            system_rouge.append(scores)
            words.append(analysis.summary.words)
            compression.append(analysis.summary.words / max(article.words, 1))
            lead_summary = lead(ArticleFeatures(article), lead_budget)
            lead_rouge.append(rouge.score(ref.summaries, [s.text for s in lead_summary.sentences]))
            lead_words.append(lead_summary.words)
            lead_compression.append(lead_summary.words / max(article.words, 1))
            row["summary"] = analysis.summary.text
            row["rouge"] = {k: round(v, 4) for k, v in scores.items()}
        if analysis.stances is not None:
            by_actor = {s.actor: s for s in analysis.stances}
            row["stances"] = []
            for actor in actors:
                gold_label = ref.stances.get(actor.name)
                if gold_label is None:
                    continue
                stance = by_actor[actor.name]
                gold.append((actor.name, gold_label))
                predicted.append(stance.label)
                mentioned.append(stance.label != ABSENT)
                groups.append(ref.group)
                row["stances"].append({
                    "actor": actor.name, "gold": gold_label, "pred": stance.label,
                    "scores": {k: round(v, 4) for k, v in stance.scores.items()},
                    "evidence": [e.as_dict() for e in stance.evidence],
                })
        report.predictions.append(row)
    seconds = time.perf_counter() - start
    report.timing = {"seconds": round(seconds, 2),
                     "articles_per_s": round(len(references) / seconds, 2) if seconds else 0.0}

    if system_rouge:
        report.summary["system"] = _summary_block(system_rouge, words, compression, seed, samples)
        report.summary[f"lead-{LEAD_SENTENCES}"] = _summary_block(lead_rouge, lead_words, lead_compression, seed, samples)
    if gold:
        report.stance["system"] = stance_scores(gold, predicted, labels).as_dict()
        majority = Counter(g for _, g in gold if g != ABSENT).most_common(1)[0][0]
        report.stance["majority"] = stance_scores(
            gold, [majority if m else ABSENT for m in mentioned], labels).as_dict()
        rng = random.Random(seed)
        report.stance["random"] = stance_scores(
            gold, [rng.choice(labels) if m else ABSENT for m in mentioned], labels).as_dict()
        for group in sorted({g for g in groups if g is not None}):
            idx = [i for i, g in enumerate(groups) if g == group]
            report.stance_groups[group] = stance_scores(
                [gold[i] for i in idx], [predicted[i] for i in idx], labels).as_dict()
    return report


def _summary_block(scores: list[dict], words: list[int], compression: list[float],
                   seed: int, samples: int) -> dict:
    block = {k: bootstrap([s[k] for s in scores], seed=seed, samples=samples).as_dict() for k in ROUGE_TYPES}
    block["words"] = round(sum(words) / len(words), 1)
    block["compression"] = round(sum(compression) / len(compression), 3)
    return block


def _actors_for(actors: Sequence[Actor], references: Sequence[Reference]) -> list[Actor]:
    """The run's actors, plus any actor the references label that the run does not know
    (matched by its name alone, which is all the file tells us)."""
    known = {a.name for a in actors}
    extra = sorted({name for ref in references for name in ref.stances} - known)
    return list(actors) + [Actor(name) for name in extra]
