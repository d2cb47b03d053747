"""``seq2seq``: abstractive summaries from a BART-class model (``AutoModelForSeq2SeqLM`` +
``generate``; transformers v5 has no summarization pipeline).

Long articles are never silently truncated. Sentences are packed, in order, into chunks
that fit the model's input limit (in tokens); the chunks are summarized in batches; if
the joined chunk summaries are still longer than the budget or the input limit, they are
condensed again (map-reduce). The output reports how many chunks and passes it took.
"""

from __future__ import annotations

import inspect
import logging
from collections.abc import Sequence

from ..features import ArticleFeatures
from ..models import Seq2SeqBundle
from ..segmentation import sentence_spans
from .base import Budget, Summary, SummarySentence, fill_budget, leading

logger = logging.getLogger(__name__)

#: Tokens per English word for BPE/WordPiece vocabularies, to turn a word budget into a
#: generation length.
TOKENS_PER_WORD = 1.4
#: Words assumed per sentence when the budget is given in sentences.
WORDS_PER_SENTENCE = 25
#: At most this many passes (one map, then reduces); a reduce that does not shrink the
#: text ends the loop early.
MAX_PASSES = 4
#: Input limit when the model and tokenizer do not state one.
FALLBACK_MAX_TOKENS = 1024

DEFAULT_GENERATION = {"num_beams": 4, "no_repeat_ngram_size": 3, "early_stopping": True}


class Seq2SeqSummarizer:
    """Map-reduce abstractive summarization with a seq2seq model.

    Args:
        bundle: the loaded model, tokenizer and device (from ``Models.seq2seq``).
        generation: options for ``generate`` that override the defaults (beam search with
            ``no_repeat_ngram_size=3``; lengths follow the budget).
        batch_size: chunks per ``generate`` call.
    """

    name = "seq2seq"

    def __init__(self, bundle: Seq2SeqBundle, *, generation: dict | None = None, batch_size: int):
        self.bundle = bundle
        self.generation = {**DEFAULT_GENERATION, **(generation or {})}
        self.batch_size = batch_size
        model, tokenizer = bundle.model, bundle.tokenizer
        limits = [getattr(model.config, "max_position_embeddings", None), tokenizer.model_max_length]
        sane = [int(x) for x in limits if isinstance(x, int) and 0 < x < 100_000]
        self.max_input_tokens = min(sane) if sane else FALLBACK_MAX_TOKENS
        # Generated length is bounded by the decoder's positions, as the input is by the encoder's.
        self.max_output_tokens = max(8, (getattr(model.config, "max_position_embeddings", None)
                                         or FALLBACK_MAX_TOKENS) - 2)
        self._accepted_inputs = set(inspect.signature(model.forward).parameters)

    # -- chunking -------------------------------------------------------------------------
    def n_tokens(self, text: str) -> int:
        return len(self.bundle.tokenizer(text, add_special_tokens=False)["input_ids"])

    def chunk(self, sentences: Sequence[str]) -> list[str]:
        """Pack ``sentences`` in order into texts of at most the model's input limit.

        A single sentence longer than the limit is split between words, so no text is lost.
        """
        room = self.max_input_tokens - self.bundle.tokenizer.num_special_tokens_to_add()
        chunks: list[str] = []
        current: list[str] = []
        used = 0
        for sentence in sentences:
            for piece in self._fit(sentence, room):
                n = self.n_tokens(piece) + (1 if current else 0)
                if current and used + n > room:
                    chunks.append(" ".join(current))
                    current, used = [], 0
                    n = self.n_tokens(piece)
                current.append(piece)
                used += n
        if current:
            chunks.append(" ".join(current))
        return chunks

    def _fit(self, sentence: str, room: int) -> list[str]:
        if self.n_tokens(sentence) <= room:
            return [sentence]
        pieces, words = [], sentence.split()
        while words:
            lo, hi = 1, len(words)
            while lo < hi:  # the longest prefix of words that fits
                mid = (lo + hi + 1) // 2
                if self.n_tokens(" ".join(words[:mid])) <= room:
                    lo = mid
                else:
                    hi = mid - 1
            pieces.append(" ".join(words[:lo]))
            words = words[lo:]
        return pieces

    # -- generation ------------------------------------------------------------------------
    def _generate(self, texts: list[str], budget: Budget) -> list[str]:
        import torch

        words = budget.sentences * WORDS_PER_SENTENCE if budget.sentences else budget.max_words
        max_new = min(max(8, int(words * TOKENS_PER_WORD)), self.max_output_tokens)
        options = {"max_new_tokens": max_new, "min_new_tokens": max(1, max_new // 3), **self.generation}
        tokenizer, model = self.bundle.tokenizer, self.bundle.model
        out: list[str] = []
        for lo in range(0, len(texts), self.batch_size):
            batch = tokenizer(texts[lo : lo + self.batch_size], return_tensors="pt", padding=True,
                              truncation=False)
            # BERT-style tokenizers add token_type_ids, which seq2seq models do not take.
            inputs = {k: v.to(self.bundle.device) for k, v in batch.items() if k in self._accepted_inputs}
            with torch.inference_mode():
                generated = model.generate(**inputs, **options)
            out += [t.strip() for t in tokenizer.batch_decode(generated, skip_special_tokens=True)]
        return out

    def __call__(self, features: ArticleFeatures, budget: Budget) -> Summary:
        chunks = self.chunk([s.text for s in features.article.sentences])
        n_chunks = len(chunks)
        summary = " ".join(self._generate(chunks, budget))
        passes = 1
        while len(chunks) > 1 and passes < MAX_PASSES and self._too_long(summary, budget):
            chunks = self.chunk(_sentences(summary))  # reduce: condense the joined chunk summaries
            shorter = " ".join(self._generate(chunks, budget))
            passes += 1
            shrank = self.n_tokens(shorter) < self.n_tokens(summary)
            summary = shorter
            if not shrank:
                break
        sentences = _sentences(summary)
        kept = [sentences[i] for i in fill_budget([len(t.split()) for t in sentences], budget,
                                                  leading(len(sentences)))]
        info: dict = {"chunks": n_chunks, "passes": passes}
        if len(kept) < len(sentences):
            info["dropped_sentences"] = len(sentences) - len(kept)
        text = " ".join(kept)
        if budget.sentences is None and len(text.split()) > budget.max_words:
            info["over_budget"] = True  # one generated sentence longer than the budget
        return Summary(text, self.name, tuple(SummarySentence(t) for t in kept), info)

    def _too_long(self, summary: str, budget: Budget) -> bool:
        return len(summary.split()) > budget.max_words or self.n_tokens(summary) > self.max_input_tokens


def _sentences(text: str) -> list[str]:
    return [text[a:b] for a, b in sentence_spans(text)] or ([text] if text.strip() else [])
