"""Text relevance for the scoring core: a small tokeniser and a BM25 index (bm25s).

Plain Python and NumPy, no ORM: the loaders hand over texts, the bench hands over tokens."""

import logging
import re
import unicodedata

import bm25s
import numpy as np
from bm25s import stopwords

# bm25s sets its own logger to DEBUG; its progress notes are noise in pages, commands and tests.
logging.getLogger("bm25s").setLevel(logging.WARNING)

STOPWORDS = frozenset(
    [*stopwords.STOPWORDS_EN_PLUS, *stopwords.STOPWORDS_FRENCH, *stopwords.STOPWORDS_SPANISH, *stopwords.STOPWORDS_DUTCH]
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


def tokenize(text: str) -> list[str]:
    """Lower-cased, accent-folded words without stop words, lightly stemmed."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    folded = "".join(char for char in folded if not unicodedata.combining(char))
    return [_stem(word) for word in WORD.findall(folded) if word not in STOPWORDS]


class TextIndex:
    """BM25 scores of one query against a fixed list of documents, as one NumPy array."""

    def __init__(self, documents: list[list[str]]):
        self.size = len(documents)
        self._bm25 = None
        if self.size and any(documents):
            self._bm25 = bm25s.BM25()
            self._bm25.index(documents, show_progress=False)

    def scores(self, query: tuple[str, ...] | list[str]) -> np.ndarray:
        if self._bm25 is None:
            return np.zeros(self.size, dtype=np.float32)
        ids = self._bm25.get_tokens_ids(sorted(set(query)))  # sorted: the same sum order every time
        if not ids:
            return np.zeros(self.size, dtype=np.float32)
        return self._bm25.get_scores_from_ids(ids)
