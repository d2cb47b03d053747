"""Sentence compression: cut what a summary can do without, keep a grammatical sentence.

The rules live in :mod:`nlp.summarizers.rules`. A cut is a character range of the input;
what is kept is one or more spans of the input, so a compressed sentence still points into
the text the user gave. Nothing inside a quotation is cut (quotes are the speaker's words,
only an attribution after them may go), overlapping cuts keep the first rule's, and a
compression that would leave fewer than :data:`~nlp.summarizers.rules.MIN_KEPT_WORDS`
words, no closing punctuation or no capital letter at the start is not made.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..article import Sentence
from .base import SummarySentence, join_pieces
from .rules import DEFAULT_RULES, MIN_KEPT_WORDS, RULES

_QUOTE = re.compile(r"“[^”]*”?|\"[^\"]*\"?")


@dataclass(frozen=True)
class Cut:
    """A removed piece: ``source[start:end]`` and why it went."""

    start: int
    end: int
    reason: str


@dataclass(frozen=True)
class Compressed:
    """A sentence with zero or more cuts.

    Attributes:
        sentence: the article sentence.
        spans: the kept pieces, as (start, end) offsets into the input.
        cuts: what was removed, in order.
        text: the kept pieces joined (whitespace normalised, no space before punctuation).
    """

    sentence: Sentence
    spans: tuple[tuple[int, int], ...]
    cuts: tuple[Cut, ...]
    text: str

    @property
    def words(self) -> int:
        return len(self.text.split())

    @classmethod
    def whole(cls, sentence: Sentence) -> Compressed:
        return cls(sentence, ((sentence.start, sentence.end),), (), sentence.text)

    def removed(self, source: str) -> list[dict]:
        """What was cut, as ``{"text", "reason"}`` (the text without its framing commas)."""
        return [{"text": " ".join(source[c.start:c.end].split()).strip(",—–- "), "reason": c.reason}
                for c in self.cuts]

    def summary_sentence(self, source: str) -> SummarySentence:
        """As a summary sentence: ``spans`` and ``removed`` only when something was cut."""
        s = self.sentence
        if not self.cuts:
            return SummarySentence.of(s)
        return SummarySentence(self.text, s.start, s.end, s.index, self.spans, tuple(self.removed(source)))


def compress(sentence: Sentence, source: str, *, rules: Sequence[str] = DEFAULT_RULES) -> Compressed:
    """Apply the named ``rules`` (see :data:`~nlp.summarizers.rules.RULES`) to ``sentence``,
    whose offsets point into ``source``.

    Returns the sentence unchanged when no rule fires or when what would be left is too
    short or no longer ends like a sentence.
    """
    raw = source[sentence.start:sentence.end]
    quoted = [(m.start(), m.end()) for m in _QUOTE.finditer(raw)]
    cuts: list[tuple[int, int, str]] = []
    for name in rules:
        for a, b in RULES[name](raw):
            if any(a < e and s < b for s, e, _ in cuts):
                continue
            if name != "attribution" and any(a < qe and qs < b for qs, qe in quoted):
                continue
            cuts.append((a, b, name))
    if not cuts:
        return Compressed.whole(sentence)
    cuts.sort()
    spans, at = [], 0
    for a, b, _ in cuts:
        spans.append((at, a))
        at = b
    spans.append((at, len(raw)))
    kept = []
    for a, b in spans:
        piece = raw[a:b]
        lead = len(piece) - len(piece.lstrip())
        piece = piece.strip()
        if piece:
            kept.append((a + lead, a + lead + len(piece)))
    if len(kept) > 1 and raw[kept[-1][0]:kept[-1][1]] == "." and raw[: kept[-2][1]].endswith("."):
        kept.pop()  # "at 11:15 a.m." already ends the sentence
    text = join_pieces(raw[a:b] for a, b in kept)
    if (len(text.split()) < MIN_KEPT_WORDS or text[-1] not in ".!?”\"’"
            or not text.lstrip("“\"‘")[:1].isupper()):
        return Compressed.whole(sentence)
    base = sentence.start
    return Compressed(sentence, tuple((base + a, base + b) for a, b in kept),
                      tuple(Cut(base + a, base + b, name) for a, b, name in cuts), text)
