"""``gather_evidence``: every sentence that involves each actor, with the actor's role there."""

from __future__ import annotations

from collections.abc import Sequence

from ..actors import Actor, find_mentions
from ..article import Article
from .base import Evidence
from .coreference import CarryForward, Found
from .roles import mention_role


def gather_evidence(article: Article, actors: Sequence[Actor]) -> dict[str, list[Evidence]]:
    """Evidence for every actor, in article order.

    A sentence counts for an actor when one of its aliases appears there or when a reference
    carries the actor forward (``nlp.evidence.coreference``). The evidence's role is the
    actor's strongest role in the sentence.

    Example:
        >>> from nlp.actors import DEFAULT_ACTORS
        >>> article = Article.from_text("Russian forces shelled Kharkiv. Kyiv called for talks.")
        >>> {a: [e.role.value for e in ev] for a, ev in gather_evidence(article, DEFAULT_ACTORS).items()}
        {'Russia': ['agent'], 'Ukraine': ['speaker'], 'US': []}
    """
    evidence: dict[str, list[Evidence]] = {a.name: [] for a in actors}
    carry = CarryForward()
    for sentence in article.sentences:
        text = sentence.text
        mentions = find_mentions(actors, text)
        found: Found = {}
        for m in mentions:
            found.setdefault(m.actor, []).append((mention_role(text, m, mentions), m))
        carry.add_references(text, mentions, found)
        carry.update(text, mentions, found)
        for actor, roles in found.items():
            role = max((r for r, _ in roles), key=lambda r: r.weight)
            evidence[actor].append(Evidence(sentence, role, tuple(m for _, m in roles if m.alias)))
    return evidence
