"""The compression rules: patterns over a sentence's raw text that find what a summary can
do without. See :mod:`nlp.summarizers.compress` for how they are applied.

No parser is available offline, so each rule only fires where the cut is safe in news
English and stays silent when unsure:

- ``dateline``: ``KYIV, March 29 — `` at the start of a story;
- ``attribution``: a tail such as ``…, he told reporters on Friday.`` or ``…, according to
  officials.`` after a complete clause that reports a fact (never after a quotation, and
  never when the clause is a promise, a demand or an opinion: a modal verb or ``we``);
- ``parenthetical``: ``(386 square miles)``, and a pair of dashes ``— a port city —``;
- ``relative clause``: ``the deal, which was brokered by Turkey, expires`` -> ``the deal
  expires``: a who/which/whose clause set off by commas, at the end of the sentence,
  between the subject and its verb, or before ``, and``;
- ``appositive``: ``Trevor Reed, a former US Marine, was freed`` -> ``Trevor Reed was
  freed``: a noun phrase after a name, between the subject and its verb or at the end;
- ``time``: ``on Tuesday``, ``late on Friday night``.

Each rule returns (start, end) ranges of the sentence's raw text.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..evidence.lexicon import FUNCTION_WORDS, VERBS

#: A compressed sentence keeps at least this many words.
MIN_KEPT_WORDS = 6
#: Longest appositive, relative clause or dash/bracket aside that is cut, in words.
MAX_ASIDE_WORDS = 20

_DAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_DATELINE = re.compile(
    r"[A-Z][A-Z.'’-]+(?:[ /][A-Z][A-Z.'’-]+)*"            # KYIV, UNITED NATIONS, MOSCOW/KYIV
    r"(?:,\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+)*)*"              # , Saudi Arabia
    r"(?:,\s+" + _MONTH + r"\s+\d{1,2})?"                  # , March 29
    r"(?:\s+\([A-Za-z .]+\))?"                              # (Reuters)
    r"\s+[-—–]{1,2}\s+(?=[A-Z“\"‘])"
)
_SPEECH = r"(?:said|says|told|added|wrote|reported|announced|stated|confirmed|posted|tweeted)"
#: Modal verbs and first-person words: a clause with one is a claim, not a reported fact.
_STANCE_WORDS = frozenset({"should", "could", "would", "must", "might", "may", "will", "can", "cannot",
                           "shall", "we", "i", "our", "us", "my", "me"})
_SPEECH_WORDS = frozenset(_SPEECH[3:-1].split("|")) | {"according"}
_PRONOUN = r"(?:he|she|they|it|we|I)"
_WORD = r"[A-Za-z0-9](?:[\w'’-]|\.(?=[\w\s]))*"  # U.S. and U.N. inside, never the closing full stop
_NP = r"(?:" + _WORD + r"\s+){0,6}?" + _WORD  # up to 7 words, no punctuation
_COMPLEMENT = (r"(?:\s+(?:reporters|journalists|lawmakers|[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*){0,2}))?"
               r"(?:\s+(?:on|in|at|after|during|before|from|by|via|through|to|late|early|later|"
               r"earlier|this|last|on)\b(?:\s+" + _WORD + r"){0,6})?")
_ATTRIBUTION = re.compile(
    r",\s+(?:"
    r"(?:" + _PRONOUN + r"|(?!(?:and|but|or|while|as|when|because|after|before|since|although|though|so|which|"
    r"who|that|where|if|then|yet|nor|what|whatever|whoever|however)\b)" + _NP + r")\s+" + _SPEECH + _COMPLEMENT +
    r"|" + _SPEECH + r"\s+(?=[A-Z]|(?:a|an|the|one|two|three|several|senior)\s)" + _NP + r"(?:,\s+(?:a|an|the|his|her|its|their)\s+" + _NP + r")?" + _COMPLEMENT +
    r"|according\s+to\s+" + _NP + r"(?:\s+and\s+" + _NP + r")?"
    r")(?=[.!?]?[”\"’]?$)"
)
_PARENTHESIS = re.compile(r"\s*\([^()]{1,160}\)")
_DASH_PAIR = re.compile(r"\s+[—–]\s+[^—–]{1,200}?\s+[—–](?=\s)|\s+--\s+[^-]{1,200}?\s+--(?=\s)")
_TIME = re.compile(r"(?:\b(?:[Ee]arly|[Ll]ate)\s+)?\b[Oo]n\s+" + _DAY + r"(?:\s+(?:morning|afternoon|evening|night))?"
                   r"(?=[\s,.;:])")
#: A day after these words is part of a longer expression ("only on Sunday", "until Friday").
_TIME_BOUND = frozenset({"only", "until", "till", "since", "by", "from", "before", "after", "as", "earlier",
                         "later", "and", "or", "but", "than", "every", "each", "early", "late"})
_FINITE_VERBS = frozenset({
    "is", "are", "was", "were", "be", "been", "has", "have", "had", "will", "would", "can", "could", "should",
    "may", "might", "must", "did", "does", "do", "said", "says", "told", "struck", "sent", "took", "gave",
    "made", "began", "fought", "held", "met", "left", "brought", "sought", "won", "lost", "shot", "led",
    "drew", "froze", "broke", "chose", "rose", "fell", "stood", "kept", "ran", "went", "came", "saw", "got",
    "sold", "paid", "spent", "built", "fled", "withdrew", "retook", "overran", "sank", "flew", "drove",
})
#: Pronouns that may point back into an aside.
_PRONOUNS = frozenset({"he", "him", "his", "she", "her", "hers", "they", "them", "their", "theirs"})
_ASIDE_STOP = re.compile(r"[,;:()“”\"—–]")
_SENTENCE_END = re.compile(r"[.!?][”\"’)]*$")
_INTRO_PREPOSITIONS = frozenset({"in", "on", "at", "after", "during", "from", "for", "by", "with",
                                 "since", "before", "under", "as", "when", "while", "despite"})
_DETERMINERS = frozenset({"a", "an", "the", "his", "her", "its", "their"})
_DISCOURSE = frozenset({"however", "meanwhile", "separately", "earlier", "later", "still", "instead", "yet",
                        "moreover", "also", "nevertheless", "nonetheless", "indeed", "now", "then",
                        "today", "yesterday", "overall", "initially", "finally", "first", "second"})
#: Words an appositive does not start with: prepositions, conjunctions and the like open
#: adjuncts and list items, which are not always safe to lift out.
_NOT_APPOSITIVE = (FUNCTION_WORDS - _DETERMINERS) | {"including", "among", "more", "less", "not", "known",
                                                       "whose"}


def _dateline(raw: str) -> list[tuple[int, int]]:
    m = _DATELINE.match(raw)
    return [(0, m.end())] if m and len(raw[m.end():].split()) >= MIN_KEPT_WORDS else []


def _attribution(raw: str) -> list[tuple[int, int]]:
    m = _ATTRIBUTION.search(raw)
    if m is None:
        return []
    before = raw[: m.start()].rstrip()
    if not before or before[-1] in "”\"’':;" or len(before.split()) < MIN_KEPT_WORDS:
        return []  # after a quotation the tail is the attribution of the speaker's words
    tail = m.group().lstrip(",").split()
    if any(w.lower() in VERBS - _SPEECH_WORDS or w.lower().endswith("ed") and w.lower() not in _SPEECH_WORDS
           for w in tail):
        return []  # a clause ("said 116 Ukrainians had been returned"), not who said it
    if any(w.lower().strip(",.") in _STANCE_WORDS for w in before.split()):
        return []  # a promise, a demand or an opinion stays the speaker's, not the summary's
    return [(m.start(), m.end())]


def _parentheses(raw: str) -> list[tuple[int, int]]:
    out = [(m.start(), m.end()) for m in _PARENTHESIS.finditer(raw) if m.start() > 0]
    out += [(m.start(), m.end()) for m in _DASH_PAIR.finditer(raw)
            if len(m.group().split()) - 2 <= MAX_ASIDE_WORDS]
    return out


def _finite(word: str) -> bool:
    """An unambiguous finite verb (``was``, ``had``, ``struck``, ``travelled``), not a noun
    that is also a verb's base form (``state``, ``attack``, ``plan``)."""
    w = word.strip(",.;:").lower()
    return w in _FINITE_VERBS or (w.endswith("ed") and word[:1].islower())


def _verb_like(word: str) -> bool:
    """A lower-case word that reads as a finite verb (``said``, ``was``, ``travelled``)."""
    w = word.strip(",.;:")
    return w[:1].islower() and (w in VERBS or w.endswith("ed"))


def _subject_before(raw: str, comma: int) -> bool:
    """Whether ``raw[:comma]`` is the sentence's subject alone: no comma, no verb, no opener."""
    words = raw[:comma].split()
    return (bool(words) and not _ASIDE_STOP.search(raw[:comma]) and not any(map(_verb_like, words))
            and words[0].lower() not in _INTRO_PREPOSITIONS)


def _asides(raw: str, opener: re.Pattern) -> list[tuple[int, int, str, list[str]]]:
    """Stretches that open with ``, `` + ``opener`` and close at the next comma or at the
    sentence's final punctuation: (comma, close, what follows, the aside's words), where
    what follows is ``end`` or the word after the closing comma."""
    out = []
    final = _SENTENCE_END.search(raw)
    stop = final.start() if final else len(raw)
    for m in opener.finditer(raw):
        nxt = _ASIDE_STOP.search(raw, m.end())
        if nxt is None or nxt.start() >= stop:
            close, follows = stop, "end"
        elif raw[nxt.start()] == ",":
            close, after = nxt.start(), raw[nxt.end():].split()
            follows = after[0] if after else "end"
        else:
            continue  # a semicolon, a bracket, a quote or a dash: a longer construction
        words = raw[m.start() + 1:close].split()
        if 2 <= len(words) <= MAX_ASIDE_WORDS + 1:
            out.append((m.start(), close, follows, words))
    return out


def clause_before(raw: str, comma: int) -> list[str]:
    """The words between the previous clause punctuation and ``comma``."""
    return raw[max(raw.rfind(c, 0, comma) for c in ",;:—(") + 1:comma].split()


def _cut_aside(raw: str, comma: int, close: int, follows: str, *, and_ok: bool) -> tuple[int, int] | None:
    """Where an aside from ``comma`` to ``close`` can go: at the end of the sentence; between
    the subject and its verb (both commas go); before ``, and …`` (the second comma stays).
    Never when it names someone a pronoun after it stands for ("Nawrocki, who met Trump
    last week, said he had spoken to him")."""
    names = [w for w in raw[comma:close].split()[1:] if w[:1].isupper()]
    if names and any(w.strip(".,;:!?”’\"").lower() in _PRONOUNS for w in raw[close:].split()):
        return None
    if follows == "end":
        return comma, close
    if _verb_like(follows) and _subject_before(raw, comma):
        return comma, close + 1
    if and_ok and follows in {"and", "but", "while"}:
        return comma, close
    return None


_RELATIVE_OPENER = re.compile(r",\s+(?=(?:who|which|whose)\s)")
_APPOSITIVE_OPENER = re.compile(r",\s+(?=[a-z])")


def _relative(raw: str) -> list[tuple[int, int]]:
    out = []
    for comma, close, follows, words in _asides(raw, _RELATIVE_OPENER):
        if len(words) >= 3 and (cut := _cut_aside(raw, comma, close, follows, and_ok=True)):
            out.append(cut)
    return out


def _appositive(raw: str) -> list[tuple[int, int]]:
    out = []
    for comma, close, follows, words in _asides(raw, _APPOSITIVE_OPENER):
        before = raw[:comma].split()
        if not before or not before[-1][:1].isupper() or before[-1].lower() in _DISCOURSE:
            continue  # an appositive follows a name
        first = words[0].lower()
        if first in _NOT_APPOSITIVE:
            continue  # an adjunct or a list item
        head = re.split(r"\b(?:who|which|that|whose)\b", " ".join(words), maxsplit=1)[0].split()
        if follows == "end" and (first not in _DETERMINERS or {"and", "or"} & set(head)
                                 or len(clause_before(raw, comma)) < 3):
            continue  # at the end, a list's last item or a verb's complement looks the same
        if any(map(_finite, head[1:] if first.endswith("ing") else head)):
            continue  # a clause, not a noun phrase
        clause = clause_before(raw, comma)
        if clause and clause[0].lower() in _INTRO_PREPOSITIONS:
            continue  # "In Kyiv, the commander…": the comma closes an opening phrase
        if cut := _cut_aside(raw, comma, close, follows, and_ok=False):
            out.append(cut)
    return out


def _time(raw: str) -> list[tuple[int, int]]:
    out = []
    for m in _TIME.finditer(raw):
        before = raw[: m.start()].rstrip()
        if not before:
            if raw[m.end():].startswith(","):  # "On Monday, Russia …"
                out.append((m.start(), m.end() + 1))
            continue
        if before[-1].isalnum() or before[-1] in "”\"’":
            previous, after = before.split()[-1].lower(), raw[m.end():].split()[:1]
            if previous in _TIME_BOUND or (previous.endswith("ed") and after not in (["that"], ["to"])):
                continue  # "the deal signed on Friday": the day belongs to a participle
            out.append((len(before), m.end()))
    return out


#: The rules, in the order they are tried; a later cut that overlaps an earlier one is dropped.
RULES: dict[str, Callable[[str], list[tuple[int, int]]]] = {
    "dateline": _dateline,
    "attribution": _attribution,
    "parenthetical": _parentheses,
    "relative clause": _relative,
    "appositive": _appositive,
    "time": _time,
}

#: The rules the ``embedded`` summarizer applies by default. ``appositive`` is left out: on
#: the dev references it cost ROUGE (titles such as "Ukraine's top commander" are what
#: reference summaries keep); see docs/summaries.md.
DEFAULT_RULES: tuple[str, ...] = tuple(name for name in RULES if name != "appositive")
