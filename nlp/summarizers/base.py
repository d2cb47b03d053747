"""What every summarizer shares: the length budget, the ``Summary`` result, the interface."""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field

from ..article import Article, Sentence
from ..errors import UsageError

DEFAULT_MAX_WORDS = 60


@dataclass(frozen=True)
class Budget:
    """How long a summary may be: a word budget, or a number of sentences.

    Parsed once at the boundary (CLI, eval) so summarizers never see a bad value. With
    ``sentences`` set, that many sentences are taken whatever their length; otherwise
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
class Summary:
    """A summary. Extractive ones keep source sentences (with offsets); abstractive ones
    carry generated sentences whose ``start``/``end`` are None."""

    text: str
    method: str
    sentences: tuple[Sentence | str, ...]
    info: dict = field(default_factory=dict)

    @property
    def words(self) -> int:
        return len(self.text.split())

    def as_dict(self) -> dict:
        sentences = [
            s.as_dict() if isinstance(s, Sentence) else {"text": s, "start": None, "end": None}
            for s in self.sentences
        ]
        return {"text": self.text, "method": self.method, "sentences": sentences, **self.info}


class Summarizer(ABC):
    """A summarization method. Subclasses set ``name`` and implement ``__call__``."""

    name: str = ""
    #: Whether the summary is made of the article's own sentences.
    extractive: bool = True

    @abstractmethod
    def __call__(self, article: Article, budget: Budget) -> Summary:
        """Summarize ``article`` within ``budget``."""

    @property
    def model_name(self) -> str | None:
        """The model behind the method, reported in the output's ``meta``."""
        return None


def extract(article: Article, chosen: list[Sentence], method: str) -> Summary:
    """A summary made of ``chosen`` sentences, put back in article order."""
    ordered = tuple(sorted(chosen, key=lambda s: s.index))
    return Summary(" ".join(s.text for s in ordered), method, ordered)
