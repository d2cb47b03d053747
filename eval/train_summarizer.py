"""``python -m eval.train_summarizer``: fit the ``embedded`` summarizer's sentence scorer on
the dev references, print cross-validated figures, and write the weights the package ships.

    python -m eval.train_summarizer              # rebuild nlp/summarizers/weights/embedded-scorer.json
    python -m eval.train_summarizer --check      # rebuild in memory, exit 1 if it differs from the shipped file
    python -m eval.train_summarizer --ablation   # also cross-validate without each feature group / rule

Data: ``eval/data/dev.jsonl`` and ``dev-current.jsonl`` only (the test file is never read).
Each sentence is compressed with the default rules, described by
:func:`nlp.summarizers.scoring.sentence_features`, and labelled with how much of the
references it covers on its own: the mean of its ROUGE-1 and ROUGE-2 F1 against the
best-matching reference, divided by the article's best sentence's (a soft label; the greedy
oracle's 0/1 labels did worse in cross-validation, see docs/summaries.md). The model is an
L2-regularised logistic regression on those labels, fitted by Newton's method with a
backtracking line search: no randomness, so the same data gives the same weights.

Cross-validation is k-fold over articles, stratified by each record's ``group``, repeated
over seeds; every article is summarized by a model that never saw it, and its scores are
averaged over the repeats.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from nlp.article import Article
from nlp.features import ArticleFeatures, compute_features
from nlp.segmentation import sentence_spans
from nlp.summarizers import Budget
from nlp.summarizers.compress import compress
from nlp.summarizers.embedded import EmbeddedSummarizer
from nlp.summarizers.rules import DEFAULT_RULES, RULES
from nlp.summarizers.scoring import FEATURES, WEIGHTS, LinearScorer, sentence_features

from .metrics import ROUGE_TYPES, RougeScorer
from .references import DATA_DIR, load_references
from .summary_eval import ORACLE, compare_systems, greedy_oracle

DEV_FILES = (DATA_DIR / "dev.jsonl", DATA_DIR / "dev-current.jsonl")
LABELS = ("conciliatory", "confrontational", "neutral")
#: Inverse L2 strength, chosen by cross-validation on the dev files (docs/summaries.md).
C = 0.05
LEAD, HEURISTIC, PLAIN, LEARNED = "lead-3", "heuristic (before)", "learned, no compression", "learned + compression"


@dataclass
class Example:
    """One reference article with its features and, per rule set, its candidates."""

    id: str
    group: str | None
    features: ArticleFeatures
    references: tuple[str, ...]
    _cache: dict = field(default_factory=dict, repr=False)

    def design(self, rules: Sequence[str], rouge: RougeScorer) -> tuple[np.ndarray, np.ndarray]:
        """Feature rows and soft labels for the sentences compressed with ``rules``."""
        key = tuple(rules)
        if key not in self._cache:
            article = self.features.article
            pieces = [compress(s, article.source, rules=rules) for s in article.sentences]
            rows = sentence_features(self.features, [c.words for c in pieces])
            self._cache[key] = rows, soft_labels([c.text for c in pieces], self.references, rouge)
        return self._cache[key]


def soft_labels(texts: Sequence[str], references: Sequence[str], rouge: RougeScorer) -> np.ndarray:
    """Each text's mean ROUGE-1/ROUGE-2 F1 against the references, over the best text's."""
    scores = np.array([(s["rouge1"] + s["rouge2"]) / 2 for s in (rouge.score(references, [t]) for t in texts)])
    return scores / (scores.max() or 1.0)


def prepare(paths: Sequence[Path], encoder, *, batch_size: int = 16) -> list[Example]:
    """Read reference files and embed their articles in one batched pass."""
    refs = [r for path in paths for r in load_references(path, labels=LABELS)]
    articles = [Article.from_text(r.text, id=r.id, title=r.title) for r in refs]
    features = compute_features(articles, encoder, batch_size=batch_size)
    return [Example(r.id, r.group, f, r.summaries) for r, f in zip(refs, features)]


def fit(rows: np.ndarray, labels: np.ndarray, *, names: Sequence[str] = FEATURES, c: float = C,
        meta: dict | None = None, max_iter: int = 100) -> LinearScorer:
    """Logistic regression of ``labels`` (0..1) on ``rows`` (columns named ``names``)."""
    mean, scale = rows.mean(axis=0), rows.std(axis=0)
    scale[scale < 1e-9] = 1.0
    x = np.hstack([(rows - mean) / scale, np.ones((len(rows), 1))])
    penalty = np.eye(x.shape[1]) / c
    penalty[-1, -1] = 0.0  # the intercept is not shrunk

    def loss(beta: np.ndarray) -> float:
        z = x @ beta
        return float(np.sum(np.logaddexp(0.0, z) - labels * z) + beta @ penalty @ beta / 2)

    beta = np.zeros(x.shape[1])
    current = loss(beta)
    for _ in range(max_iter):
        p = 1.0 / (1.0 + np.exp(-(x @ beta)))
        gradient = x.T @ (p - labels) + penalty @ beta
        hessian = (x * (p * (1 - p))[:, None]).T @ x + penalty
        step, size = np.linalg.solve(hessian, gradient), 1.0
        while size > 1e-8 and loss(beta - size * step) > current:
            size /= 2
        beta = beta - size * step
        new = loss(beta)
        if current - new < 1e-10:
            current = new
            break
        current = new
    return LinearScorer(tuple(names), mean, scale, beta[:-1], float(beta[-1]), meta or {})


def train(examples: Sequence[Example], rouge: RougeScorer, *, rules: Sequence[str] = DEFAULT_RULES,
          names: Sequence[str] = FEATURES, c: float = C, meta: dict | None = None) -> LinearScorer:
    cols = [FEATURES.index(n) for n in names]
    designs = [e.design(rules, rouge) for e in examples]
    rows = np.vstack([d[0][:, cols] for d in designs])
    return fit(rows, np.concatenate([d[1] for d in designs]), names=names, c=c, meta=meta)


def folds(examples: Sequence[Example], k: int, seed: int) -> np.ndarray:
    """A fold number per example, stratified by ``group`` (shuffled with ``seed``)."""
    rng = np.random.default_rng(seed)
    out = np.zeros(len(examples), dtype=int)
    for group in sorted({e.group or "" for e in examples}):
        members = np.array([i for i, e in enumerate(examples) if (e.group or "") == group])
        rng.shuffle(members)
        out[members] = np.arange(len(members)) % k
    return out


def cross_validate(examples: Sequence[Example], rouge: RougeScorer, *, k: int, seeds: Sequence[int],
                   budget: Budget, variants: dict[str, dict] | None = None) -> dict[str, list[dict]]:
    """Per-article ROUGE of the baselines and of learned variants, each article summarized by
    a model fitted on the other folds (averaged over ``seeds``).

    ``variants`` maps a name to ``{"names": features, "rules": rules, "compress": bool}``
    (defaults: all features, the default rules, compression on), or to ``{"scorer":
    "heuristic", ...}`` for the hand-weighted scorer, which has nothing to fit.
    """
    variants = variants or {PLAIN: {"compress": False}, LEARNED: {}}
    texts = {e.id: [s.text for s in e.features.article.sentences] for e in examples}
    out: dict[str, list[dict]] = {
        LEAD: [rouge.score(e.references, texts[e.id][:3]) for e in examples],
        ORACLE: [rouge.score(e.references, [texts[e.id][i] for i in greedy_oracle(
            texts[e.id], e.references, rouge, budget=budget)]) for e in examples],
        HEURISTIC: [_score(EmbeddedSummarizer(scorer="heuristic", compress=False), e, budget, rouge)
                    for e in examples],
    }
    for name, spec in variants.items():
        names, rules = spec.get("names", FEATURES), spec.get("rules", DEFAULT_RULES)
        if spec.get("scorer") == "heuristic":  # nothing to fit
            summarizer = EmbeddedSummarizer(scorer="heuristic", compress=spec.get("compress", True), rules=rules)
            out[name] = [_score(summarizer, e, budget, rouge) for e in examples]
            continue
        totals = [dict.fromkeys(ROUGE_TYPES, 0.0) for _ in examples]
        for seed in seeds:
            assignment = folds(examples, k, seed)
            for fold in range(k):
                held_out = [i for i in range(len(examples)) if assignment[i] == fold]
                if not held_out:
                    continue
                model = train([e for i, e in enumerate(examples) if assignment[i] != fold], rouge,
                              rules=rules, names=names)
                summarizer = EmbeddedSummarizer(scorer=model, compress=spec.get("compress", True), rules=rules)
                for i in held_out:
                    for key, value in _score(summarizer, examples[i], budget, rouge).items():
                        totals[i][key] += value / len(seeds)
        out[name] = totals
    return out


def _score(summarizer, example: Example, budget: Budget, rouge: RougeScorer) -> dict[str, float]:
    summary = summarizer(example.features, budget)
    return rouge.score(example.references, [s.text for s in summary.sentences])


def ablations() -> dict[str, dict]:
    """The learned + compression variants the docs' ablation table compares."""
    groups = sorted({n.split(":")[0] for n in FEATURES})
    out = {"heuristic + compression": {"scorer": "heuristic"}}
    out |= {f"- {g} features": {"names": [n for n in FEATURES if not n.startswith(g + ":")]} for g in groups}
    out |= {f"- {r} rule": {"rules": [x for x in DEFAULT_RULES if x != r]} for r in DEFAULT_RULES}
    out |= {f"+ {r} rule": {"rules": [x for x in RULES if x in DEFAULT_RULES or x == r]}
            for r in RULES if r not in DEFAULT_RULES}
    return out


def render(results: dict[str, list[dict]], examples: Sequence[Example], *, seed: int = 0,
           samples: int = 1000) -> str:
    """A Markdown table: ROUGE-Lsum per system (all and per group), headroom share, and the
    paired difference from lead-3 and from the learned + compression system."""
    shares, pairs = compare_systems(results, lead=LEAD, seed=seed, samples=samples)
    groups = sorted({e.group for e in examples if e.group})
    reference = LEARNED if LEARNED in results else None
    head = ["system", "ROUGE-Lsum", *groups, "headroom", "vs lead-3 [95% CI]",
            *([f"vs {reference} [95% CI]"] if reference else [])]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for name, rows in results.items():
        lsum = np.array([r["rougeLsum"] for r in rows])
        cells = [name, f"{lsum.mean():.4f}"]
        cells += [f"{lsum[[e.group == g for e in examples]].mean():.4f}" for g in groups]
        share = shares.get(name)
        cells.append("-" if share is None else f"{share:.0%}")
        for other in [LEAD] + ([reference] if reference else []):
            d = pairs.get(f"{name} vs {other}") or pairs.get(f"{other} vs {name}")
            sign = 1 if f"{name} vs {other}" in pairs else -1
            cells.append("-" if d is None else _diff(d["rougeLsum"], sign))
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _diff(d: dict, sign: int) -> str:
    lo, hi = sorted((sign * d["low"], sign * d["high"]))
    return f"{sign * d['mean']:+.4f} [{lo:+.4f}, {hi:+.4f}]"


def main(argv: Sequence[str] | None = None, *, encoder=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval.train_summarizer", description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, action="append", help="reference JSONL (default: the dev files)")
    parser.add_argument("--out", type=Path, default=WEIGHTS, help="where to write the weights")
    parser.add_argument("--check", action="store_true", help="compare with --out instead of writing it")
    parser.add_argument("--ablation", action="store_true", help="also cross-validate the ablations")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--seeds", type=int, default=3, help="repeats of the k-fold split")
    parser.add_argument("--max-words", type=int, default=60)
    args = parser.parse_args(argv)
    if encoder is None:
        from nlp.encoder import load_encoder

        encoder = load_encoder()
    paths = args.data or list(DEV_FILES)
    rouge = RougeScorer(lambda t: [t[a:b] for a, b in sentence_spans(t)])
    examples = prepare(paths, encoder)
    budget = Budget(max_words=args.max_words)
    variants = {PLAIN: {"compress": False}, LEARNED: {}} | (ablations() if args.ablation else {})
    results = cross_validate(examples, rouge, k=args.folds, seeds=range(args.seeds), budget=budget,
                             variants=variants)
    print(f"Cross-validated on {len(examples)} articles ({args.folds} folds x {args.seeds} seeds), "
          f"{args.max_words}-word budget:\n")
    print(render(results, examples))
    digest = hashlib.sha256(b"".join(p.read_bytes() for p in paths)).hexdigest()[:16]
    meta = {"data": [p.name for p in paths], "data_sha256": digest, "articles": len(examples),
            "labels": "mean ROUGE-1/2 F1 of the compressed sentence / the article's best", "C": C,
            "rules": list(DEFAULT_RULES), "command": "python -m eval.train_summarizer"}
    text = json.dumps(train(examples, rouge, meta=meta).as_dict(), indent=1) + "\n"
    if args.check:
        same = args.out.is_file() and args.out.read_text() == text
        print(f"\n{args.out}: {'identical' if same else 'DIFFERS from the rebuilt weights'}")
        return 0 if same else 1
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text)
    print(f"\nwrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
