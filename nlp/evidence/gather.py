"""``gather_evidence``: every sentence that involves each actor, with the actor's role there."""

from __future__ import annotations

from collections.abc import Sequence

from ..actors import Actor
from ..article import Article
from .base import Evidence, Role
from .coreference import CarryForward, subject_of
from .roles import mention_role, tokenize


def gather_evidence(article: Article, actors: Sequence[Actor]) -> dict[str, list[Evidence]]:
    """Evidence for every actor, in article order.

    A sentence counts for an actor when one of its aliases appears there or when a reference
    carries the actor forward (``nlp.evidence.coreference``). The evidence's role is the
    actor's strongest role in the sentence. Each actor is read on its own: its evidence
    never depends on which other actors are listed.

    Example:
        >>> from nlp.actors import DEFAULT_ACTORS
        >>> article = Article.from_text("Russian forces shelled Kharkiv. Kyiv called for talks.")
        >>> {a: [e.role.value for e in ev] for a, ev in gather_evidence(article, DEFAULT_ACTORS).items()}
        {'Russia': ['agent'], 'Ukraine': ['speaker'], 'US': []}
    """
    evidence: dict[str, list[Evidence]] = {a.name: [] for a in actors}
    carry = {a.name: CarryForward(a.name) for a in actors}
    for sentence in article.sentences:
        text = sentence.text
        tokens = tokenize(text)
        subject = subject_of(text, tokens)
        for actor in actors:
            mentions = actor.find(text)
            found: list[tuple[Role, object]] = [(mention_role(text, m, tokens), m) for m in mentions]
            carry[actor.name].references(text, mentions, found, tokens)
            carry[actor.name].update(text, mentions, subject, found)
            if found:
                role = max((r for r, _ in found), key=lambda r: r.weight)
                evidence[actor.name].append(Evidence(sentence, role, tuple(m for _, m in found if m.alias)))
    return evidence
