"""Text relevance for the scoring core: a small tokeniser and a BM25 index (bm25s).

Plain Python and NumPy, no ORM: the loaders hand over texts, the bench hands over tokens. The
tokeniser leaves out stop words and the generic words of public administration
(`core.vocabulary`: ministry, programme, development…), so that two texts that share only
boilerplate do not look alike."""

import functools
import logging
import re
import sys
import threading
from collections import OrderedDict

import bm25s
import numpy as np
from bm25s import stopwords

from core.vocabulary import GENERIC_WORDS, fold

# bm25s sets its own logger to DEBUG; its progress notes are noise in pages, commands and tests.
logging.getLogger("bm25s").setLevel(logging.WARNING)

STOPWORDS = frozenset(
    [
        *stopwords.STOPWORDS_EN_PLUS,
        *stopwords.STOPWORDS_FRENCH,
        *stopwords.STOPWORDS_SPANISH,
        *stopwords.STOPWORDS_DUTCH,
        *GENERIC_WORDS,
    ]
)
WORD = re.compile(r"[^\W\d_]{2,}")


def _stem(word: str) -> str:
    """A light English plural stemmer: enough to match "procedures" with "procedure" and keep
    the terms readable in the reasons shown to officers."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


# Room for every text of a global community (about 105,000 host documents and 50,000 experts'
# expertise) and their edits: a cache smaller than the corpus would tokenise it all again on
# every ranking, as each pass pushes out the texts the next one needs first.
TOKEN_CACHE_SIZE = 400_000


@functools.lru_cache(maxsize=TOKEN_CACHE_SIZE)
def tokens(text: str) -> tuple[str, ...]:
    """`tokenize`, remembered: documents that did not change are not tokenised again."""
    return tuple(tokenize(text))


def tokenize(text: str) -> list[str]:
    """Lower-cased, accent-folded words without stop words or generic words, lightly stemmed."""
    stems = (_stem(word) for word in WORD.findall(fold(text)) if word not in STOPWORDS)
    # Interned: the same word in many documents is one string in memory.
    return [sys.intern(stem) for stem in stems if stem not in STOPWORDS]


class TextIndex:
    """BM25 scores of one query against a fixed list of documents, as one NumPy array.

    Like scikit-learn's `max_df`, in a corpus of at least `min_docs` documents the terms found in
    more than `max_df` of them are left out of queries: they say little about relevance (their
    BM25 weight is small) and, being in most documents, they would cost most of a query's time.
    Small corpora keep every term: there the counts say little and the time does not matter."""

    def __init__(self, documents: list[list[str]], *, max_df: float = 0.5, min_docs: int = 100):
        self.size = len(documents)
        self._bm25 = None
        self._common: frozenset[int] = frozenset()
        if self.size and any(documents):
            self._bm25 = bm25s.BM25()
            self._bm25.index(documents, show_progress=False)
            if self.size >= min_docs:
                df = np.diff(self._bm25.scores["indptr"])
                self._common = frozenset(np.flatnonzero(df > max_df * self.size).tolist())

    _built: "OrderedDict[tuple, TextIndex]" = OrderedDict()
    _lock = threading.Lock()

    @classmethod
    def cached(cls, documents: tuple[tuple[str, ...], ...]) -> "TextIndex":
        """The index of exactly these documents, built once and kept for the next ranking.

        Keyed by the documents' content, so it can never be stale; the last few are kept."""
        with cls._lock:
            index = cls._built.get(documents)
            if index is not None:
                cls._built.move_to_end(documents)
                return index
        index = cls(list(documents))
        with cls._lock:
            cls._built[documents] = index
            while len(cls._built) > 4:
                cls._built.popitem(last=False)
        return index

    def scores(self, query: tuple[str, ...] | list[str]) -> np.ndarray:
        """BM25 score of every document for the query's distinct terms (float64)."""
        if self._bm25 is None:
            return np.zeros(self.size)
        # sorted: the same sum order every time
        ids = [i for i in self._bm25.get_tokens_ids(sorted(set(query))) if i not in self._common]
        if not ids:
            return np.zeros(self.size)
        if self._bm25.nonoccurrence_array is not None:  # variants that score absent terms too
            return self._bm25.get_scores_from_ids(ids).astype(np.float64)
        # bm25s keeps each term's precomputed document scores as a CSC column; summing the
        # query's columns with one bincount is faster than its per-term np.add.at.
        matrix = self._bm25.scores
        indptr, indices, data = matrix["indptr"], matrix["indices"], matrix["data"]
        parts = [slice(indptr[i], indptr[i + 1]) for i in ids]
        docs = np.concatenate([indices[part] for part in parts])
        weights = np.concatenate([data[part] for part in parts])
        return np.bincount(docs, weights=weights, minlength=self.size)
