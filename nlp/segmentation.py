"""Sentence boundaries with character offsets.

pysbd's rules already handle what news copy throws at a splitter (curly quotes closing a
sentence, "Mr.", "Jan. 5", "3.5", "U.S. officials"). Two things are added here: offsets
that always point into the caller's text (pysbd's own spans drift on repeated sentences),
and a split after "U.S."/"U.K." when the next word can only start a new sentence, which
pysbd leaves joined ("…moved to the U.S. Then he left.").
"""

from __future__ import annotations

import re
from functools import lru_cache

_ABBREV_THEN_START = re.compile(
    r"\b(?:U\.S\.|U\.K\.|U\.N\.|E\.U\.)(?=\s+(?:The|He|She|It|They|We|I|But|And|In|On|At|"
    r"This|That|These|Those|There|His|Her|Their|Its|Our|A|An|Meanwhile|However|Later|Then)\b)"
)


@lru_cache(maxsize=1)
def _segmenter():
    import pysbd

    return pysbd.Segmenter(language="en", clean=False)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Split ``text`` into sentences; returns (start, end) offsets into ``text``, whitespace trimmed.

    Example:
        >>> t = "“No progress,” Kuleba said. Talks go on."
        >>> [t[a:b] for a, b in sentence_spans(t)]
        ['“No progress,” Kuleba said.', 'Talks go on.']
    """
    spans: list[tuple[int, int]] = []
    cursor = 0
    for piece in _segmenter().segment(text):
        stripped = piece.strip()
        if not stripped:
            continue
        start = text.find(stripped, cursor)
        if start < 0:  # pysbd never rewrites text with clean=False; guard all the same
            start = cursor
        end = start + len(stripped)
        cursor = end
        spans.extend(_split_after_abbreviation(text, start, end))
    return spans


def _split_after_abbreviation(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out = []
    for m in _ABBREV_THEN_START.finditer(text, start, end):
        out.append((start, m.end()))
        start = m.end()
        while start < end and text[start].isspace():
            start += 1
    out.append((start, end))
    return out
