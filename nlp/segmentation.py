"""Sentence boundaries with character offsets.

Splitting is done by sentencex (Wikimedia's rule-based segmenter, maintained, no
dependencies): on this project's 66 reference articles it gives exactly the sentences
pysbd gives, at about 0.1 ms per article instead of 22 ms, which matters once the encoder
is no longer the only cost. It handles what news copy throws at a splitter: curly quotes
closing a sentence, "Mr.", "Jan. 5", "3.5", "U.S. officials" and "…the U.S. The next…".
Offsets are computed here so that they always point into the caller's text.
"""

from __future__ import annotations


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Split ``text`` into sentences; returns (start, end) offsets into ``text``, whitespace trimmed.

    Example:
        >>> t = "“No progress,” Kuleba said. Talks go on."
        >>> [t[a:b] for a, b in sentence_spans(t)]
        ['“No progress,” Kuleba said.', 'Talks go on.']
    """
    from sentencex import segment

    spans: list[tuple[int, int]] = []
    cursor = 0
    for piece in segment("en", text):
        stripped = piece.strip()
        if not stripped:
            continue
        start = text.find(stripped, cursor)
        if start < 0:  # the segmenter does not rewrite text; guard all the same
            start = cursor
        end = start + len(stripped)
        spans.append((start, end))
        cursor = end
    return spans
