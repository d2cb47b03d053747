"""Who does what to whom: the role of one actor mention in its sentence, by word order.

``mention_role`` finds the noun phrase around the mention ("Ukraine's foreign minister
Dmytro Kuleba", "Russian forces") and reads the words on either side of it: a verb after
it makes the actor the subject, a speech verb before it makes it the speaker ("…, said
the Pentagon"), a preposition before it makes it a target or a place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..actors import Mention
from .base import Role
from .lexicon import (
    ACTION_NOUNS, ADJUNCTS, BACKGROUND_OPENERS, BE_FORMS, CLAUSE_OPENERS, CLAUSE_PUNCT, DETERMINERS,
    FUNCTION_WORDS, OBJECT_PREPS, OFFICIALS, PLACE_PREPS, SPEECH_NOUNS, SPEECH_VERBS, VERBS,
)

_TOKEN = re.compile(r"[A-Za-z0-9][\w’'.-]*\w\.?|[A-Za-z0-9]|[^\w\s]")


@dataclass(frozen=True)
class _Token:
    text: str
    start: int
    end: int
    low: str  # lower case, without a possessive 's or a final full stop


def tokenize(text: str) -> list[_Token]:
    """The sentence's tokens, once: every mention of every actor in it reads the same list."""
    return [_Token(m.group(0), m.start(), m.end(),
                   m.group(0).lower().removesuffix("’s").removesuffix("'s").rstrip("."))
            for m in _TOKEN.finditer(text)]


def _is_verb(tok: _Token) -> bool:
    low = tok.low
    return low in VERBS or (len(low) > 4 and low.endswith("ed") and tok.text.islower())


def _is_name(tok: _Token) -> bool:
    return tok.text[:1].isupper() and tok.low not in FUNCTION_WORDS and tok.low not in VERBS


def _is_possessive(tok: _Token) -> bool:
    return tok.text.endswith(("’s", "'s")) or tok.text in {"’s", "'s"}


def mention_role(text: str, mention: Mention, tokens: list[_Token] | None = None) -> Role:
    """The role of ``mention`` in the sentence ``text`` (see the module docstring).

    Only the sentence and the mention decide it, never which other actors are tagged.
    ``tokens`` is ``tokenize(text)``, for callers that ask about several mentions.

    Example:
        >>> from nlp.actors import DEFAULT_ACTORS, find_mentions
        >>> s = "The United States accused Russia of spreading disinformation."
        >>> [(m.actor, mention_role(s, m).value) for m in find_mentions(DEFAULT_ACTORS, s)]
        [('US', 'speaker'), ('Russia', 'patient')]
    """
    toks = tokens if tokens is not None else tokenize(text)
    first = next(i for i, t in enumerate(toks) if t.end > mention.start)
    last = max(i for i, t in enumerate(toks) if t.start < mention.end)

    # The noun phrase around the mention: "Ukraine's foreign minister Dmytro Kuleba",
    # "US president Joe Biden", "Russian forces".
    i = first - 1
    while i >= 0 and _np_token(toks[i]) and toks[i].low not in {"that", "this"}:
        i -= 1
    # "the foreign minister of Ukraine", "a spokesperson for the US Mission": the official's
    # phrase decides the role.
    if i >= 1 and toks[i].low in {"of", "for", "at"} and toks[i - 1].low in OFFICIALS:
        i -= 1
        while i >= 0 and _np_token(toks[i]):
            i -= 1
    j = last + 1
    while j < len(toks) and _np_token(toks[j]) and toks[j].low not in DETERMINERS:
        j += 1
    # A demonym before a plain noun ("Russian lines had collapsed"): the noun heads the phrase.
    if j + 1 < len(toks) and toks[j].text.islower() and toks[j].low not in FUNCTION_WORDS and (
        not _is_verb(toks[j]) and _is_verb(toks[j + 1])
    ):
        j += 1
    i = _start_of_coordination(toks, i)  # "according to Netanyahu's office and Qatar's ministry"
    left = toks[i] if i >= 0 else None
    right = toks[j] if j < len(toks) else None

    if left is not None and left.low in {"by", "between"}:
        return Role.AGENT  # "brokered by Turkey", "a truce between Israel and Hezbollah"
    if left is not None and (left.low == "according" or (
        left.low == "to" and i >= 1 and toks[i - 1].low == "according"
    )):
        return Role.SPEAKER
    if left is not None and left.low in SPEECH_VERBS:
        if right is None or right.text in CLAUSE_PUNCT or right.text in {".", "!", "?"}:
            return Role.SPEAKER  # "…,” said Kuleba." / "…, said the Pentagon."
        if _is_verb(right):
            return Role.AGENT  # "said Russian forces had withdrawn": subject of the reported clause
        return Role.PATIENT  # "warned Moscow", "accused Russia of…"
    opens_clause = left is None or left.text in CLAUSE_PUNCT or left.low in CLAUSE_OPENERS or left.low == "with"
    if opens_clause:
        if _is_possessive(toks[j - 1]) and right is not None:
            # "Putin's remarks", "Russia's invasion": a noun follows, never a verb.
            if right.low in SPEECH_NOUNS:
                return Role.SPEAKER
            return Role.AGENT if right.low in ACTION_NOUNS else Role.OTHER
        verb = _verb_after_adjuncts(toks, j)
        if verb is not None:
            if _passive(toks, verb):
                return Role.PATIENT  # "Russia was not invited", "Kyiv was hit"
            if left is not None and left.low in BACKGROUND_OPENERS:
                return Role.OTHER  # "since Russia invaded", "after Russian forces withdrew"
            return Role.SPEAKER if verb.low in SPEECH_VERBS or _speech_follows(toks[j : j + 4]) else Role.AGENT
        if right is not None and right.low in {"and", "or", ","}:
            verb = _verb_after_coordination(toks, j + 1)
            if verb is not None:
                return Role.SPEAKER if verb.low in SPEECH_VERBS else Role.AGENT
            j = _end_of_coordination(toks, j)  # "Qatar, Egypt and the United States, which…, say"
            right = toks[j] if j < len(toks) else None
        if right is not None and right.text in {",", "("} and _speech_after_apposition(toks, j):
            return Role.SPEAKER  # "Kuleba, Ukraine's top diplomat, said…"
        if left is not None and left.text == "," and _apposition_of_speaker(toks, i):
            return Role.SPEAKER  # "said Olivia Dalton, spokesperson for the US Mission"
        return Role.OTHER
    if left.low in PLACE_PREPS:
        return Role.PLACE
    if left.low in OBJECT_PREPS or left.low == "of" or _is_verb(left):
        return Role.PATIENT
    return Role.OTHER


def _np_token(t: _Token) -> bool:
    return t.low in DETERMINERS or t.low in OFFICIALS or _is_name(t) or t.text in {"’s", "'s"}


def _starts_name(toks: list[_Token], k: int) -> bool:
    """A proper name starts at ``k`` ("Egypt", "the United States"), not an apposition ("a …")."""
    if k < len(toks) and toks[k].low == "the":
        k += 1
    return k < len(toks) and _is_name(toks[k])


def _start_of_coordination(toks: list[_Token], i: int) -> int:
    """Walk left over "X and", "X, Y and" chains of noun phrases; the index before them."""
    while i >= 1 and toks[i].low in {"and", "or", ","} and _np_token(toks[i - 1]):
        k = i - 1
        while k >= 0 and _np_token(toks[k]):
            k -= 1
        if k >= 0 and toks[k].low in {"and", "or", ","} | {"according", "to", "by", "between"}:
            i = k
        else:
            return i if toks[i].text == "," else k
    return i


def _end_of_coordination(toks: list[_Token], j: int) -> int:
    """Walk right over ", Y and Z" chains of noun phrases; the index after them."""
    while j + 1 < len(toks) and toks[j].low in {"and", "or", ","} and _starts_name(toks, j + 1):
        k = j + 1
        while k < len(toks) and _np_token(toks[k]):
            k += 1
        j = k
    return j


def _verb_after_adjuncts(toks: list[_Token], j: int) -> _Token | None:
    """The verb that follows a subject, past short time adjuncts ("on Thursday")."""
    for k in range(j, min(j + 5, len(toks))):
        t = toks[k]
        if _is_verb(t) or (t.low.endswith("ly") and k + 1 < len(toks) and _is_verb(toks[k + 1])):
            return t if _is_verb(t) else toks[k + 1]
        if t.low not in ADJUNCTS and not t.text.isdigit():
            return None
    return None


def _passive(toks: list[_Token], verb: _Token) -> bool:
    """"was (not) invited" / "were hit": a form of *be* followed by a participle, no "by"."""
    k = toks.index(verb)
    if verb.low not in BE_FORMS:
        return False
    for t in toks[k + 1 : k + 4]:
        if t.low in {"not", "never", "also", "later", "then", "reportedly", "being", "been"}:
            continue
        if t.low.endswith(("ed", "en")) or t.low in {"hit", "struck", "shot", "held", "sent", "told",
                                                     "kept", "left", "cut", "shut", "put", "seen"}:
            by = [u.low for u in toks[k + 2 : k + 10]]
            return "by" not in by
        return False
    return False


def _speech_follows(ahead: list[_Token]) -> bool:
    return any(t.low in SPEECH_VERBS for t in ahead[:3])


def _verb_after_coordination(toks: list[_Token], k: int) -> _Token | None:
    """"Russia and Ukraine signed…": the verb after a coordinated subject, if any."""
    for t in toks[k : k + 8]:
        if _is_verb(t):
            return t
        if not (t.low in DETERMINERS or t.low in OFFICIALS or _is_name(t) or t.low in {"and", "’s", "'s"}):
            return None
    return None


def _speech_after_apposition(toks: list[_Token], j: int) -> bool:
    """An apposition closes within a few words and a speech verb follows it."""
    for k in range(j, min(j + 24, len(toks) - 1)):
        if toks[k].text in {",", ")"} and toks[k + 1].low in SPEECH_VERBS:
            return True
    return False


def _apposition_of_speaker(toks: list[_Token], comma: int) -> bool:
    """The phrase is an apposition to a name introduced by a speech verb ("said X, …")."""
    k = comma - 1
    while k >= 0 and _is_name(toks[k]):
        k -= 1
    return k < comma - 1 and k >= 0 and toks[k].low in SPEECH_VERBS
