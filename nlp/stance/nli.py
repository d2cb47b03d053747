"""``nli``: zero-shot stance with an NLI model (DeBERTa-v3, BART-MNLI…).

The mechanics of transformers' zero-shot-classification pipeline, done directly so that
pairs are batched across labels and windows, ids are resolved by name, and the premise
is the actor's evidence rather than the whole article:

- premise: the actor's evidence sentences, strongest roles first, packed into windows that
  fit the model next to the hypothesis (only the premise is ever truncated);
- hypothesis: a template naming the actor and the label, ``"{actor} is {label}."`` by
  default (``--hypothesis``);
- scoring (``multi_label``): each label independently, softmax over [contradiction,
  entailment] (or [not_entailment, entailment] for 2-way heads); windows are averaged,
  weighted by their evidence weight.

``neutral`` and ``absent`` follow the shared rules: ``neutral`` is scored like any label
and also wins when no position label is more likely entailed than not.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from ..actors import Actor
from ..evidence import Evidence
from ..features import ArticleFeatures
from ..models import NliBundle
from .base import EvidenceStanceClassifier, Scored
from .labels import DEFAULT_HYPOTHESIS, LabelSet, check_template
#: Evidence sentences considered per actor (strongest first); the rest add little but cost.
MAX_SENTENCES = 12


def by_strength(evidence: Sequence[Evidence]) -> list[Evidence]:
    """Speaker and agent evidence first, then by weight, then in article order."""
    return sorted(evidence, key=lambda e: (not e.role.active, -e.weight, e.sentence.index))


class NliStanceClassifier(EvidenceStanceClassifier):
    """Entailment of "{actor} is {label}." by the actor's evidence.

    Args:
        bundle: the loaded NLI model (``Models.nli``), with entailment/contradiction ids.
        labels: the label set.
        hypothesis: the template; must contain ``{actor}`` and ``{label}``.
        batch_size: (premise, hypothesis) pairs per forward pass.
        min_support: a position label must be entailed with at least this probability.
    """

    name = "nli"

    def __init__(self, bundle: NliBundle, labels: LabelSet | None = None, *,
                 hypothesis: str = DEFAULT_HYPOTHESIS, batch_size: int,
                 min_support: float = 0.5):
        super().__init__(labels, min_support=min_support)
        self.bundle = bundle
        self.hypothesis = check_template(hypothesis)
        self.batch_size = batch_size
        model = bundle.model
        limit = getattr(model.config, "max_position_embeddings", None)
        tokenizer_limit = bundle.tokenizer.model_max_length
        candidates = [x for x in (limit, tokenizer_limit) if isinstance(x, int) and 0 < x < 100_000]
        self.max_tokens = min(candidates + [512])

    def windows(self, actor: Actor, evidence: Sequence[Evidence]) -> list[tuple[str, float]]:
        """Premises for ``actor``: evidence packed into windows that fit beside the hypothesis.

        Returns (premise text, total evidence weight) per window.
        """
        tokenizer = self.bundle.tokenizer
        longest = max(self.labels.labels, key=len)
        room = (self.max_tokens - tokenizer.num_special_tokens_to_add(pair=True)
                - len(tokenizer(self.hypothesis.format(actor=actor.name, label=longest),
                                add_special_tokens=False)["input_ids"]))
        ranked = by_strength(evidence)
        chosen = sorted(ranked[:MAX_SENTENCES], key=lambda e: e.sentence.index)
        windows: list[tuple[list[str], float]] = []
        used = room + 1
        for e in chosen:
            n = len(tokenizer(e.sentence.text, add_special_tokens=False)["input_ids"])
            if used + n > room or not windows:
                windows.append(([], 0.0))
                used = 0
            windows[-1][0].append(e.sentence.text)
            windows[-1] = (windows[-1][0], windows[-1][1] + e.weight)
            used += n
        return [(" ".join(texts), weight) for texts, weight in windows]

    def entailment(self, pairs: Sequence[tuple[str, str]]) -> np.ndarray:
        """P(entailment) per (premise, hypothesis) pair, softmax over [contradiction, entailment]."""
        import torch

        tokenizer, model = self.bundle.tokenizer, self.bundle.model
        out = []
        for lo in range(0, len(pairs), self.batch_size):
            batch = pairs[lo : lo + self.batch_size]
            inputs = tokenizer([p for p, _ in batch], [h for _, h in batch], return_tensors="pt",
                               padding=True, truncation="only_first", max_length=self.max_tokens)
            inputs = {k: v.to(self.bundle.device) for k, v in inputs.items()}
            with torch.inference_mode():
                logits = model(**inputs).logits.float().cpu().numpy()
            two = logits[:, [self.bundle.contradiction_id, self.bundle.entailment_id]]
            two -= two.max(axis=1, keepdims=True)
            probs = np.exp(two)
            out.append(probs[:, 1] / probs.sum(axis=1))
        return np.concatenate(out) if out else np.zeros(0)

    def score_many(self, features: ArticleFeatures,
                   items: Sequence[tuple[Actor, Sequence[Evidence]]]) -> list[Scored]:
        """All actors' (window, label) pairs go through the model together, in batches."""
        labels = self.labels.labels
        plans = [(actor, evidence, self.windows(actor, evidence)) for actor, evidence in items]
        pairs = [(premise, self.hypothesis.format(actor=actor.name, label=label))
                 for actor, _, windows in plans for premise, _ in windows for label in labels]
        probs = self.entailment(pairs)
        out, at = [], 0
        for _actor, evidence, windows in plans:
            block = probs[at : at + len(windows) * len(labels)].reshape(len(windows), len(labels))
            at += len(windows) * len(labels)
            weights = np.array([w for _, w in windows])
            mean = weights @ block / weights.sum()
            ranked = by_strength(evidence)
            out.append(Scored({label: float(p) for label, p in zip(labels, mean)}, ranked))
        return out
