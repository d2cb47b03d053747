"""What every summarizer shares: the length budget, the ``Summary`` result, the interface,
and the one greedy loop that fills a budget."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from ..article import Sentence
from ..errors import UsageError

if TYPE_CHECKING:
    from ..features import ArticleFeatures

DEFAULT_MAX_WORDS = 60


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
    generated ones have ``start``/``end`` None."""

    text: str
    start: int | None = None
    end: int | None = None
    #: The sentence's position in the article, for extractive summaries.
    index: int | None = None

    @classmethod
    def of(cls, sentence: Sentence) -> SummarySentence:
        return cls(sentence.text, sentence.start, sentence.end, sentence.index)

    def as_dict(self) -> dict:
        return {"text": self.text, "start": self.start, "end": self.end}


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
    ordered = sorted(chosen, key=lambda s: s.index)
    return Summary(" ".join(s.text for s in ordered), method, tuple(SummarySentence.of(s) for s in ordered))
