"""Carrying actors forward: references to an actor that do not name it.

Quotes are where positions are stated, and they rarely repeat the country's name. Two kinds
of reference are followed, sentence by sentence:

- a person's surname, once the article has tied that person to an actor ("Olivia Dalton,
  spokesperson for the US Mission" makes a later "Dalton added" US evidence);
- a sentence that opens with "He"/"She"/"They" or a quote, or ends in "he said", right after
  one where the actor was the only speaker (or, with no speaker, the only agent).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..actors import Mention
from .base import Role
from .lexicon import OFFICIALS
from .roles import mention_role

_REFERS_BACK = re.compile(
    r"^(?:[“\"]|(?:He|She|They)\b)|[,”\"]\s*(?:he|she|they)\s+(?:said|added|told|warned|noted)\b"
)
_PERSON = re.compile(r"\b([A-Z][a-z]+(?:[- ][A-Z][a-z]+)*)\s+([A-Z][a-zA-Z’'-]+)\b")

Found = dict[str, list[tuple[Role, Mention]]]


class CarryForward:
    """The article's people and latest subject, updated one sentence at a time."""

    def __init__(self) -> None:
        self.people: dict[str, str] = {}  # surname -> actor name
        self.last_subject: str | None = None

    def add_references(self, text: str, mentions: Sequence[Mention], found: Found) -> None:
        """Add to ``found`` (actor -> roles) the actors this sentence refers to without naming."""
        for surname, actor in self.people.items():
            if actor not in found:
                for m in re.finditer(rf"(?<!\w){re.escape(surname)}(?!\w)", text):
                    pseudo = Mention(actor, surname, m.start(), m.end())
                    found.setdefault(actor, []).append((mention_role(text, pseudo, mentions), pseudo))
        if self.last_subject and self.last_subject not in found and _REFERS_BACK.search(text):
            found[self.last_subject] = [(Role.SPEAKER, Mention(self.last_subject, "", 0, 0))]

    def update(self, text: str, mentions: Sequence[Mention], found: Found) -> None:
        """Learn the people this sentence introduces and who its subject is."""
        for surname, actor in _people_tied_to_actors(text, mentions).items():
            self.people.setdefault(surname, actor)
        # "He said…" refers to the latest sentence's subject: its one speaker, else its one agent.
        for role in (Role.SPEAKER, Role.AGENT):
            subjects = [a for a, rs in found.items() if any(r == role for r, _ in rs)]
            if subjects:
                self.last_subject = subjects[0] if len(subjects) == 1 else None
                break


def _people_tied_to_actors(text: str, mentions: Sequence[Mention]) -> dict[str, str]:
    """Surnames that an official title ties to an actor within a few words.

    "Ukraine's foreign minister Dmytro Kuleba" -> {"Kuleba": "Ukraine"}
    "Olivia Dalton, spokesperson for the U.S. Mission" -> {"Dalton": "US"}
    """
    out: dict[str, str] = {}
    for m in _PERSON.finditer(text):
        surname = m.group(2).removesuffix("’s").removesuffix("'s")
        if any(surname in mention.alias or mention.alias in m.group(0) for mention in mentions):
            continue
        best = None
        for mention in mentions:
            if mention.end <= m.start():
                gap = text[mention.end : m.start()]
            elif mention.start >= m.end():
                gap = text[m.end() : mention.start]
            else:
                continue
            words = [w.lower().strip("’'s,") for w in gap.split()]
            if len(words) <= 6 and any(w in OFFICIALS for w in words) and "said" not in words:
                if best is None or len(gap) < best[0]:
                    best = (len(gap), mention.actor)
        if best is not None:
            out[surname] = best[1]
    return out
