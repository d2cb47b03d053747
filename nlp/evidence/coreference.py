"""Carrying an actor forward: references to it that do not name it.

Quotes are where positions are stated, and they rarely repeat the country's name. Two kinds
of reference are followed, sentence by sentence:

- a person's surname, once a sentence has tied that person to the actor by a title that
  stands between them and nothing else ("Ukraine's foreign minister Dmytro Kuleba",
  "Olivia Dalton, spokesperson for the U.S. Mission", "his Belarus counterpart Alexander
  Lukashenko"); a later "Dalton added" is then the actor's evidence;
- a sentence that opens with "He"/"She"/"They" or a quote, or ends in "he said", right after
  one whose only speaker (or, with no speaker, only agent) was the actor.

Both are decided from the sentence itself, never from which other actors the user listed,
so one actor's evidence does not change when another actor is added or dropped.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..actors import Mention
from .base import Role
from .lexicon import DETERMINERS, FUNCTION_WORDS, OFFICIALS
from .roles import mention_role, tokenize

_REFERS_BACK = re.compile(
    r"^(?:[“\"]|(?:He|She|They)\b)|[,”\"]\s*(?:he|she|they)\s+(?:said|added|told|warned|noted)\b"
)
_PERSON = re.compile(r"\b([A-Z][a-z]+(?:[- ][A-Z][a-z]+)*)\s+([A-Z][a-zA-Z’'-]+)\b")
_NAME_PHRASE = re.compile(r"[A-Z][\w’'.-]*(?:\s+(?:of\s+|the\s+)?[A-Z][\w’'.-]*)*")
#: Words that may join an actor to a person's name as part of a title.
_TITLE_GLUE = OFFICIALS | DETERMINERS | {"of", "for", "at", "to", "in", "first", "senior", "former",
                                         "acting", "chief", "counterpart", "special", "and", "his", "her"}

Found = dict[str, list[tuple[Role, Mention]]]


def refers_back(text: str) -> bool:
    """Whether the sentence opens with a pronoun or a quote, or ends in "he said"."""
    return bool(_REFERS_BACK.search(text))


def people_introduced(text: str, mentions: Sequence[Mention]) -> set[str]:
    """Surnames of the people a title ties to the actor whose ``mentions`` are given.

    Example:
        >>> from nlp.actors import Actor
        >>> s = "Ukraine's foreign minister Dmytro Kuleba met US president Joe Biden."
        >>> sorted(people_introduced(s, Actor("Ukraine").find(s)))
        ['Kuleba']
    """
    out: set[str] = set()
    for m in _PERSON.finditer(text):
        if any(m.start() < x.end and x.start < m.end() for x in mentions):
            continue  # the name is one of the actor's own aliases
        surname = m.group(2).removesuffix("’s").removesuffix("'s")
        for mention in mentions:
            if mention.end <= m.start():
                gap = text[mention.end : m.start()]
            elif mention.start >= m.end():
                gap = text[m.end() : mention.start]
            else:
                continue
            words = [w for w in (w.lower().strip("’',").removesuffix("’s").removesuffix("'s")
                                 for w in gap.replace("’s", " ").replace("'s", " ").split()) if w]
            if 1 <= len(words) <= 6 and any(w in OFFICIALS for w in words) and all(w in _TITLE_GLUE for w in words):
                out.add(surname)
    return out


def subject_of(text: str, tokens: list | None = None) -> tuple[int, int] | None:
    """The span of the sentence's one named speaker (or, if none speaks, its one named
    agent), whoever it is; None when there is none or more than one."""
    phrases = []
    for m in _NAME_PHRASE.finditer(text):
        start, words = m.start(), m.group(0).split()
        while words and words[0].lower() in FUNCTION_WORDS:  # "The Kremlin", "But Moscow"
            start += len(words[0]) + 1
            words = words[1:]
        if words:
            phrases.append(Mention("", " ".join(words), start, m.end()))
    tokens = tokens if tokens is not None else tokenize(text)
    roles = [(mention_role(text, p, tokens), p) for p in phrases]
    for wanted in (Role.SPEAKER, Role.AGENT):
        found = [p for r, p in roles if r == wanted]
        if found:
            return (found[0].start, found[0].end) if len(found) == 1 else None
    return None


class CarryForward:
    """One actor's people and whether it was the latest sentence's subject."""

    def __init__(self, actor: str) -> None:
        self.actor = actor
        self.people: set[str] = set()
        self.was_subject = False

    def references(self, text: str, mentions: Sequence[Mention], found: list[tuple[Role, Mention]],
                   tokens: list | None = None) -> None:
        """Add to ``found`` the references to the actor this sentence makes without naming it."""
        if not mentions:
            for surname in self.people:
                for m in re.finditer(rf"(?<!\w){re.escape(surname)}(?!\w)", text):
                    pseudo = Mention(self.actor, surname, m.start(), m.end())
                    found.append((mention_role(text, pseudo, tokens), pseudo))
        if not found and self.was_subject and refers_back(text):
            found.append((Role.SPEAKER, Mention(self.actor, "", 0, 0)))

    def update(self, text: str, mentions: Sequence[Mention], subject: tuple[int, int] | None,
               found: list[tuple[Role, Mention]]) -> None:
        """Learn the people this sentence introduces and whether the actor is its subject."""
        self.people |= people_introduced(text, mentions)
        if subject is not None:
            a, b = subject
            self.was_subject = any(m.start < b and a < m.end for _, m in found if m.alias)
        elif any(not m.alias for _, m in found):
            self.was_subject = True  # "…, he added": still the same speaker
