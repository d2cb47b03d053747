"""``Article``: raw text turned into a title, clean paragraphs and sentences with offsets.

Every later step (summarizers, evidence, stance) works on ``Article.sentences``, and every
sentence keeps its (start, end) offsets in the text the user gave, so output can always be
traced back to the source.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .cleaning import (
    _END_REASONS,
    RemovedLine,
    furniture_reason,
    is_footer_line,
    looks_like_headline,
)
from .errors import InputError
from .segmentation import sentence_spans

#: A line this short that does not end like a sentence is a heading or label, not a wrapped line.
_MAX_HEADING_WORDS = 8


@dataclass(frozen=True)
class Sentence:
    """One sentence. ``text`` is whitespace-normalised; ``source[start:end]`` is the raw span."""

    text: str
    start: int
    end: int
    index: int
    paragraph: int

    @property
    def words(self) -> int:
        return len(self.text.split())

    def as_dict(self) -> dict:
        return {"text": self.text, "start": self.start, "end": self.end}


@dataclass(frozen=True)
class Article:
    """A cleaned article. Build one with :meth:`Article.from_text`."""

    source: str
    title: str | None
    sentences: tuple[Sentence, ...]
    removed: tuple[RemovedLine, ...] = ()
    id: str | None = None
    _paragraphs: tuple[tuple[int, int], ...] = field(default=(), repr=False)

    @property
    def text(self) -> str:
        """The story without furniture or headline, paragraphs separated by blank lines."""
        paragraphs: dict[int, list[str]] = {}
        for s in self.sentences:
            paragraphs.setdefault(s.paragraph, []).append(s.text)
        return "\n\n".join(" ".join(p) for p in paragraphs.values())

    @property
    def words(self) -> int:
        return sum(s.words for s in self.sentences)

    @classmethod
    def from_text(cls, raw: str, *, id: str | None = None, title: str | None = None) -> Article:
        """Clean ``raw`` and split it into sentences.

        Args:
            raw: the text as the user gave it (a scraped page, a pasted article).
            id: an identifier carried through to the output.
            title: the headline when it is known separately; otherwise a first line that
                reads as a headline is taken as the title.

        Raises:
            InputError: when nothing of the story is left (empty or furniture only).
        """
        lines = _lines_with_offsets(raw)
        removed: list[RemovedLine] = []
        blocks: list[tuple[int, int]] = []  # raw (start, end) of runs of kept lines
        current: list[int] | None = None
        story_over = False
        seen_text = False
        for number, (start, end) in enumerate(lines, 1):
            line = raw[start:end].strip()
            if not line:
                current = _close(blocks, current)
                continue
            if not seen_text:
                seen_text = True
                if title is not None and " ".join(line.split()) == " ".join(title.split()):
                    continue  # the known headline repeated at the top of the page
                if (title is None and looks_like_headline(line) and furniture_reason(line) is None
                        and len(lines) > number  # a lone line is the story, not its headline
                        and not _wrapped(raw, lines, number)):
                    title = " ".join(line.split())
                    continue
            reason = furniture_reason(line)
            if reason is None and story_over and is_footer_line(line):
                reason = "footer"
            if reason is not None:
                removed.append(RemovedLine(number, line, reason))
                story_over = story_over or reason in _END_REASONS
                current = _close(blocks, current)
                continue
            if (looks_like_headline(line) and len(line.split()) <= _MAX_HEADING_WORDS
                    and not _wrapped(raw, lines, number)):
                # A subheading or stray label on its own line: its own paragraph, never glued
                # to the sentence on the next line.
                current = _close(blocks, current)
                blocks.append((start, end))
                continue
            if current is None:
                current = [start, end]
            else:
                current[1] = end
        _close(blocks, current)

        sentences = []
        for paragraph, (b_start, b_end) in enumerate(blocks):
            block = raw[b_start:b_end]
            for s_start, s_end in sentence_spans(block):
                text = " ".join(block[s_start:s_end].split())
                sentences.append(
                    Sentence(text, b_start + s_start, b_start + s_end, len(sentences), paragraph)
                )
        if not sentences:
            raise InputError("no article text left after removing page furniture")
        return cls(raw, title, tuple(sentences), tuple(removed), id, tuple(blocks))


def _wrapped(raw: str, lines: list[tuple[int, int]], number: int) -> bool:
    """Whether line ``number`` (1-based) runs on into the next line: hard-wrapped prose."""
    if number >= len(lines):
        return False
    start, end = lines[number]
    following = raw[start:end].lstrip()
    return bool(following) and following[0].islower()


def _lines_with_offsets(raw: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for line in raw.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        out.append((pos, pos + len(body)))
        pos += len(line)
    return out


def _close(blocks: list[tuple[int, int]], current: list[int] | None) -> None:
    if current is not None:
        blocks.append((current[0], current[1]))
    return None
