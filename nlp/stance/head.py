"""The learned stance head: a small classifier over each evidence sentence, trained on
labelled (sentence, actor, role, stance) examples on top of the frozen encoder.

For one actor in one sentence it sees the sentence's embedding split by whether the actor
takes part (speaker or agent) or is only a target, place or aside, so the same words can
weigh differently for the one who acts and the one acted upon; the actor's role; and the
sentence's similarity to each label's hypotheses (``nlp.stance.hypotheses``); and word cues
the embedding blurs (background, conditions, refusals, reported clauses: ``nlp.stance.cues``).
A softmax over the default labels comes out.

The weights ship with the package (``head.npz``, about 10 KB) and are rebuilt by
``python -m eval.train_stance``; ``docs/stance.md`` records what the head was trained on and
what it changed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..errors import ModelUnavailableError
from ..evidence import Role
from .labels import DEFAULT_LABELS

HEAD_FILE = Path(__file__).with_name("head.npz")
ROLE_ORDER = (Role.SPEAKER, Role.AGENT, Role.PATIENT, Role.PLACE, Role.OTHER)
#: Bump when ``features`` changes, so an old weights file is refused, not misread.
FEATURE_VERSION = 2


def features(vectors: np.ndarray, roles: Sequence[Role], similarities: np.ndarray,
             cues: np.ndarray) -> np.ndarray:
    """One row per evidence sentence: [vector if active, vector if passive, role, similarities, cues].

    Args:
        vectors: (n, dim) sentence embeddings.
        roles: the actor's role in each sentence.
        similarities: (n, len(DEFAULT_LABELS)) nearest-hypothesis similarity per label.
        cues: (n, len(CUES)) word cues of the actor in each sentence (``nlp.stance.cues``).
    """
    active = np.array([r.active for r in roles], dtype=np.float32)[:, None]
    onehot = np.zeros((len(roles), len(ROLE_ORDER)), dtype=np.float32)
    onehot[np.arange(len(roles)), [ROLE_ORDER.index(r) for r in roles]] = 1.0
    return np.concatenate([vectors * active, vectors * (1 - active), onehot, similarities, cues],
                          axis=1).astype(np.float32)


@dataclass(frozen=True, eq=False)
class StanceHead:
    """Multinomial logistic regression: ``probabilities(x) = softmax(x @ weight.T + bias)``."""

    weight: np.ndarray
    bias: np.ndarray
    labels: tuple[str, ...] = DEFAULT_LABELS

    def probabilities(self, x: np.ndarray) -> np.ndarray:
        """res[i][j] = P(labels[j] | evidence row i)."""
        logits = x @ self.weight.T + self.bias
        logits -= logits.max(axis=1, keepdims=True)
        p = np.exp(logits)
        return p / p.sum(axis=1, keepdims=True)

    def save(self, path: Path = HEAD_FILE) -> None:
        np.savez(path, weight=self.weight.astype(np.float32), bias=self.bias.astype(np.float32),
                 labels=np.array(self.labels), version=np.array(FEATURE_VERSION))

    @classmethod
    def load(cls, path: Path = HEAD_FILE) -> StanceHead:
        """The shipped head (or another weights file).

        Raises:
            ModelUnavailableError: the file is missing, unreadable or of another version.
        """
        try:
            with np.load(path) as data:
                if int(data["version"]) != FEATURE_VERSION:
                    raise ModelUnavailableError(f"{path}: stance head of feature version {int(data['version'])}, "
                                                f"this code reads {FEATURE_VERSION}; rebuild it with python -m eval.train_stance")
                return cls(data["weight"], data["bias"], tuple(str(x) for x in data["labels"]))
        except (OSError, KeyError, ValueError) as exc:
            raise ModelUnavailableError(f"cannot read the stance head {path}: {exc}") from exc
