"""The token cache holds a global community's texts: a second ranking tokenises nothing again."""

from matching import text


def test_a_corpus_of_a_global_community_is_tokenised_once():
    corpus = [f"accreditation procedure number {k:x}" for k in range(160_000)]  # 105,000 hosts + 50,000 experts
    text.tokens.cache_clear()
    for document in corpus:
        text.tokens(document)
    before = text.tokens.cache_info()
    for document in corpus:
        text.tokens(document)
    after = text.tokens.cache_info()
    assert after.misses == before.misses
    assert after.hits - before.hits == len(corpus)
