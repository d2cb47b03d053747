"""Run a system and its baselines over a reference file and score both tasks.

The system is an ``nlp.Analyzer`` built from the same options the CLI takes, so the
numbers describe exactly what ``nlp analyze`` does. Baselines run in the same pass:
``lead-3`` for summaries, with the greedy extractive ``oracle`` at the system's budget as
the ceiling (``eval.summary_eval``); for stance, the majority label and seeded
uniform-random labels. Baselines share the system's mention detection, so ``absent`` is not
what tells them apart.
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

from .metrics import ABSENT, ROUGE_TYPES, RougeScorer, bootstrap, macro_f1_interval, stance_scores
from .references import Reference
from .summary_eval import ORACLE, compare_systems, greedy_oracle

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
    #: Paired bootstrap of per-article differences: ``{"system vs lead-3": {rouge type: interval}}``.
    summary_pairs: dict[str, dict] = field(default_factory=dict)

    def metric(self, key: str) -> float:
        """A headline number by dotted name: ``summary.rougeLsum``, ``stance.macro_f1``, one
        group's ``stance.macro_f1@other``, or the system's paired difference from another
        system, ``summary.rougeLsum.vs.lead-3`` (its lower bound: ``….vs.lead-3.low``)."""
        key, _, group = key.partition("@")
        if ".vs." in key:
            metric, _, other = key.partition(".vs.")
            bound = "mean"
            if other.endswith((".low", ".high")):
                other, bound = other.rsplit(".", 1)
            pair = self.summary_pairs.get(f"system vs {other}")
            if pair is None or not metric.startswith("summary."):
                raise KeyError(key)
            return pair[metric.split(".", 1)[1]][bound]
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
                "summary_pairs": self.summary_pairs, "stance": self.stance,
                "stance_groups": self.stance_groups, "timing": self.timing}


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
    budget = analyzer.config.budget
    runs: dict[str, list[dict]] = {"system": [], f"lead-{LEAD_SENTENCES}": [], ORACLE: []}
    lengths: dict[str, list[tuple[int, float]]] = {name: [] for name in runs}
    gold: list[tuple[str, str]] = []
    predicted: list[str] = []
    mentioned: list[bool] = []
    groups: list[str | None] = []
    slot_articles: list[int] = []
    for number, ref in enumerate(references):
        actors = list(ref.actors) if ref.actors is not None else run_actors
        article = Article.from_text(ref.text, id=ref.id, title=ref.title)
        analysis = analyzer.analyze_articles([article], actors=actors)[0]
        if on_analysis is not None:
            on_analysis(ref, analysis)
        row: dict = {"id": ref.id}
        if analysis.summary is not None:
            texts = [s.text for s in article.sentences]
            summaries = {
                "system": [s.text for s in analysis.summary.sentences],
                f"lead-{LEAD_SENTENCES}": [s.text for s in lead(ArticleFeatures(article), lead_budget).sentences],
                ORACLE: [texts[i] for i in greedy_oracle(texts, ref.summaries, rouge, budget=budget)],
            }
            for name, sentences in summaries.items():
                runs[name].append(rouge.score(ref.summaries, sentences))
                n_words = sum(len(s.split()) for s in sentences)
                lengths[name].append((n_words, n_words / max(article.words, 1)))
            row["summary"] = analysis.summary.text
            row["summary_sentences"] = [s.as_dict() for s in analysis.summary.sentences]
            row["rouge"] = {k: round(v, 4) for k, v in runs["system"][-1].items()}
            row["rouge_lead"] = {k: round(v, 4) for k, v in runs[f"lead-{LEAD_SENTENCES}"][-1].items()}
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
                slot_articles.append(number)
                row["stances"].append({
                    "actor": actor.name, "gold": gold_label, "pred": stance.label,
                    "scores": {k: round(v, 4) for k, v in stance.scores.items()},
                    "evidence": [e.as_dict() for e in stance.evidence],
                })
        report.predictions.append(row)
    seconds = time.perf_counter() - start
    report.timing = {"seconds": round(seconds, 2),
                     "articles_per_s": round(len(references) / seconds, 2) if seconds else 0.0}

    if runs["system"]:
        shares, report.summary_pairs = compare_systems(runs, lead=f"lead-{LEAD_SENTENCES}", seed=seed,
                                                       samples=samples)
        for name, scores in runs.items():
            report.summary[name] = _summary_block(scores, lengths[name], seed, samples)
            if shares.get(name) is not None:
                report.summary[name]["headroom"] = round(shares[name], 4)
    if gold:
        report.stance["system"] = stance_scores(gold, predicted, labels).as_dict()
        report.stance["system"]["macro_f1_ci"] = macro_f1_interval(
            gold, predicted, labels, slot_articles, seed=seed, samples=samples).as_dict()
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
            report.stance_groups[group]["macro_f1_ci"] = macro_f1_interval(
                [gold[i] for i in idx], [predicted[i] for i in idx], labels, [slot_articles[i] for i in idx],
                seed=seed, samples=samples).as_dict()
    return report


def _summary_block(scores: list[dict], lengths: list[tuple[int, float]], seed: int, samples: int) -> dict:
    block = {k: bootstrap([s[k] for s in scores], seed=seed, samples=samples).as_dict() for k in ROUGE_TYPES}
    block["words"] = round(sum(w for w, _ in lengths) / len(lengths), 1)
    block["compression"] = round(sum(c for _, c in lengths) / len(lengths), 3)
    return block


def _actors_for(actors: Sequence[Actor], references: Sequence[Reference]) -> list[Actor]:
    """The run's actors, plus any actor the references label that the run does not know
    (matched by its name alone, which is all the file tells us)."""
    known = {a.name for a in actors}
    extra = sorted({name for ref in references for name in ref.stances} - known)
    return list(actors) + [Actor(name) for name in extra]
