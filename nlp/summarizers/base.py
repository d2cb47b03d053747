"""What every summarizer shares: the length budget, the ``Summary`` result, the interface,
and the one greedy loop that fills a budget."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from ..article import Sentence
from ..errors import UsageError

if TYPE_CHECKING:
    from ..features import ArticleFeatures

DEFAULT_MAX_WORDS = 60
#: A token longer than this counts as one word per this many characters against the budget,
#: so a URL or a base64 blob cannot pass for a word.
LONG_TOKEN_CHARS = 20
_TOKEN = re.compile(r"\S+")
_CLAUSE_END = re.compile(r"[,;:]$|^[—–-]{1,2}$")


def budget_words(text: str) -> int:
    """Length of ``text`` against a word budget: its words, with over-long tokens counted
    as several (``"a " + "x" * 45`` is 1 + 3 words).

    Example:
        >>> budget_words("Talks resumed in Istanbul."), budget_words("QUJD" * 250)
        (4, 50)
    """
    return sum(-(-len(t) // LONG_TOKEN_CHARS) for t in text.split())


@dataclass(frozen=True)
class Budget:
    """How long a summary may be: a word budget, or a number of sentences.

    Parsed once at the boundary (``AnalyzerConfig``) so summarizers never see a bad value.
    With ``sentences`` set, that many sentences are taken whatever their length; otherwise
    whole sentences are added while the total stays within ``max_words``.
    """

    max_words: int = DEFAULT_MAX_WORDS
    sentences: int | None = None

    def __post_init__(self):
        if self.max_words < 1:
            raise UsageError(f"--max-words must be at least 1, got {self.max_words}")
        if self.sentences is not None and self.sentences < 1:
            raise UsageError(f"--sentences must be at least 1, got {self.sentences}")

    def fits(self, chosen_words: int, n_chosen: int, candidate_words: int) -> bool:
        """Whether a sentence of ``candidate_words`` may join the ones already chosen."""
        if self.sentences is not None:
            return n_chosen < self.sentences
        return chosen_words + candidate_words <= self.max_words

    def full(self, chosen_words: int, n_chosen: int) -> bool:
        if self.sentences is not None:
            return n_chosen >= self.sentences
        return chosen_words >= self.max_words


@dataclass(frozen=True)
class SummarySentence:
    """One sentence of a summary. Extractive sentences keep their offsets into the input;
    generated ones have ``start``/``end`` None.

    A compressed or truncated sentence keeps the ``start``/``end`` of its source sentence
    and says which pieces of the input it is made of (``spans``), what was cut from it and
    why (``removed``), and whether it was cut short to fit the budget (``truncated``).
    """

    text: str
    start: int | None = None
    end: int | None = None
    #: The sentence's position in the article, for extractive summaries.
    index: int | None = None
    #: The kept pieces, as (start, end) offsets into the input; None when it is whole.
    spans: tuple[tuple[int, int], ...] | None = None
    #: What compression cut: ``{"text": ..., "reason": ...}`` per cut, in order.
    removed: tuple[dict, ...] = ()
    #: Cut short at a clause or word boundary: the sentence alone is longer than the budget.
    truncated: bool = False

    @classmethod
    def of(cls, sentence: Sentence) -> SummarySentence:
        return cls(sentence.text, sentence.start, sentence.end, sentence.index)

    def as_dict(self) -> dict:
        out: dict = {"text": self.text, "start": self.start, "end": self.end}
        if self.spans is not None:
            out["spans"] = [list(span) for span in self.spans]
        if self.removed:
            out["removed"] = [dict(r) for r in self.removed]
        if self.truncated:
            out["truncated"] = True
        return out


@dataclass(frozen=True)
class Summary:
    """A summary: its text, the method, its sentences and method-specific ``info``."""

    text: str
    method: str
    sentences: tuple[SummarySentence, ...]
    info: dict = field(default_factory=dict)

    @property
    def words(self) -> int:
        return len(self.text.split())

    def as_dict(self) -> dict:
        return {"text": self.text, "method": self.method,
                "sentences": [s.as_dict() for s in self.sentences], **self.info}


class Summarizer(Protocol):
    """A summarization method: features of one article and a budget in, a summary out."""

    name: str

    def __call__(self, features: ArticleFeatures, budget: Budget) -> Summary: ...


#: Picks the next item: given the chosen indices and a test of whether an index still fits
#: the budget, returns an index or None to stop.
PickNext = Callable[[list[int], Callable[[int], bool]], "int | None"]


def fill_budget(words: Sequence[int], budget: Budget, pick_next: PickNext) -> list[int]:
    """The greedy loop every summarizer shares: ask ``pick_next`` for an item, add it, until
    the budget is full or nothing is picked. ``words[i]`` is item i's length.

    Example:
        >>> in_order = lambda chosen, fits: next((i for i in range(3) if i not in chosen and fits(i)), None)
        >>> fill_budget([10, 30, 15], Budget(max_words=30), in_order)
        [0, 2]
    """
    chosen: list[int] = []
    used = 0

    def fits(i: int) -> bool:
        return budget.fits(used, len(chosen), words[i])

    while not budget.full(used, len(chosen)):
        pick = pick_next(chosen, fits)
        if pick is None:
            break
        chosen.append(pick)
        used += words[pick]
    return chosen


def leading(n_items: int) -> PickNext:
    """Items in order, stopping at the first that does not fit; the first item always goes
    in, even over budget (a summary is never empty)."""

    def pick(chosen: list[int], fits: Callable[[int], bool]) -> int | None:
        nxt = len(chosen)
        if nxt >= n_items:
            return None
        return nxt if fits(nxt) or not chosen else None

    return pick


def extract(chosen: Sequence[Sentence], method: str) -> Summary:
    """A summary made of ``chosen`` article sentences, put back in article order."""
    return assemble([SummarySentence.of(s) for s in chosen], method)


def assemble(parts: Sequence[SummarySentence], method: str) -> Summary:
    """A summary made of extracted (possibly compressed) sentences, in article order."""
    ordered = sorted(parts, key=lambda s: s.index)
    return Summary(" ".join(s.text for s in ordered), method, tuple(ordered))


def join_pieces(pieces: Sequence[str]) -> str:
    """Pieces of text joined by single spaces, with no space before closing punctuation."""
    out = ""
    for piece in pieces:
        piece = " ".join(piece.split())
        if not piece:
            continue
        out += piece if not out or piece[0] in ".,;:!?)”’" else " " + piece
    return out


def truncate(source: str, sentence: SummarySentence, max_words: int) -> SummarySentence:
    """``sentence`` (whole or compressed) cut to at most ``max_words`` budget words.

    The cut falls at the last clause boundary (a comma, semicolon, colon or dash) that keeps
    at least half the budget, else at the last word boundary that fits; a single token
    longer than the budget (a blob with no spaces) is cut inside, at the budget's length in
    characters. The result keeps the source sentence's ``start``/``end`` and ``removed``,
    its ``spans`` are the kept pieces and ``truncated`` is set.
    """
    spans = sentence.spans or ((sentence.start, sentence.end),)
    tokens = [(a + m.start(), a + m.end()) for a, b in spans for m in _TOKEN.finditer(source[a:b])]
    used, fit = 0, 0
    for a, b in tokens:
        cost = -(-(b - a) // LONG_TOKEN_CHARS)
        if used + cost > max_words:
            break
        used, fit = used + cost, fit + 1
    if fit == 0:  # one giant token: cut inside it
        end = tokens[0][0] + max_words * LONG_TOKEN_CHARS
    else:
        end, used = tokens[fit - 1][1], 0
        for a, b in tokens[:fit]:
            used += -(-(b - a) // LONG_TOKEN_CHARS)
            if used * 2 >= max_words and _CLAUSE_END.search(source[a:b]):
                end = b - 1 if source[b - 1] in ",;:" else a  # the clause, not its punctuation
        end = len(source[:end].rstrip())
    kept = tuple((a, min(b, end)) for a, b in spans if a < end)
    text = join_pieces(source[a:b] for a, b in kept)
    return SummarySentence(text, sentence.start, sentence.end, sentence.index, kept, sentence.removed, True)
