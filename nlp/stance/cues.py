"""Word cues the sentence embedding blurs, as features for the learned stance head.

A mean-pooled sentence embedding barely changes between "Russia offered a truce" and
"Officials in Kyiv said Russia had offered a truce in 2023", or between "Iran will respect the
truce" and "Iran will respect the truce if Israel does". Wire copy leans on exactly those
differences: dated background, conditions, refusals, offers in the conditional, and an actor
that only appears inside someone else's reported clause. Each cue is a yes/no flag over the
sentence and the actor's place in it; the head learns what each is worth per label (trained,
a year or a reported clause before the actor pull toward ``neutral``, a refusal toward
``confrontational``, the actor opening the sentence toward a position). ``docs/stance.md``
has the cross-validated gain.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from ..actors import Actor

_YEAR = re.compile(r"\b(?:19[5-9]\d|20[0-4]\d)\b")
_BACKGROUND = re.compile(
    r"\bhad (?:been |not )?\w+(?:ed|en|t)\b|\bsince\b|\blast year\b|\bearlier this year\b"
    r"|\bformer\b|\bpreviously\b|\bin the past\b", re.IGNORECASE)
_CONDITION = re.compile(r"\b(?:if|unless|as long as|on condition|provided|only after|only if)\b", re.IGNORECASE)
_NEGATION = re.compile(r"\b(?:not|no|never|refused|declined|rejected|without)\b|n't\b", re.IGNORECASE)
_MODAL = re.compile(r"\b(?:would|could|may|might|will|ready to|prepared to|willing to)\b", re.IGNORECASE)
_REPORTING = re.compile(
    r"\b(?:said|says|told|according to|reported|claimed|accused|urged|called on|warned|asked|demanded)\b",
    re.IGNORECASE)

#: The cue names, in feature order.
CUES = ("year", "background", "condition", "negation", "modal", "reported_before_actor",
        "actor_opens_sentence", "actor_named_twice")


def cues(text: str, actor: Actor) -> np.ndarray:
    """The ``CUES`` flags (0/1) of ``actor`` in the sentence ``text``.

    The actor's place is read from its aliases in ``text``; a sentence that reaches the actor
    only through "he" or "the minister" has no position flags set.
    """
    mentions = actor.find(text)
    first = mentions[0].start if mentions else None
    before = text[:first] if first is not None else ""
    flags = (
        _YEAR.search(text), _BACKGROUND.search(text), _CONDITION.search(text), _NEGATION.search(text),
        _MODAL.search(text), _REPORTING.search(before), first is not None and first < 3, len(mentions) > 1,
    )
    return np.array([bool(f) for f in flags], dtype=np.float32)


def cue_rows(texts: Sequence[str], actor: Actor) -> np.ndarray:
    """``cues`` for each sentence, shape (len(texts), len(CUES))."""
    if not texts:
        return np.zeros((0, len(CUES)), dtype=np.float32)
    return np.stack([cues(t, actor) for t in texts])
