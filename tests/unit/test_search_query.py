"""The Lucene query that search builds: words only, so nothing typed reaches Lucene's syntax."""

from __future__ import annotations

import pytest

from vfgraph.store.search import MAX_WORDS, lucene_query


def test_each_word_must_match_whole_or_as_a_prefix() -> None:
    assert lucene_query("Flour batch") == "(flour AND batch)^4 OR (flour* AND batch*)"


def test_tracking_identifiers_split_like_the_index_splits_them() -> None:
    assert lucene_query("SM-F-0007") == "(sm AND f AND 0007)^4 OR (sm* AND f* AND 0007*)"


@pytest.mark.parametrize("text", ['a:b("', "title:x OR y*", "\\ + - && || ! ( ) { } [ ] ^ ~ ? / AND"])
def test_lucene_operators_and_escapes_are_dropped(text: str) -> None:
    query = lucene_query(text)
    assert query is not None
    assert not set(query) & set(':\\+-&|!{}[]~?/"')
    words = query.split(" OR ")[0].strip("()^4").split(" AND ")
    assert all(w.isalnum() and w == w.lower() for w in words)


def test_no_words_is_no_query() -> None:
    assert lucene_query("  -- ** ") is None


def test_long_texts_are_cut_to_a_few_words() -> None:
    query = lucene_query(" ".join(f"w{i}" for i in range(50)))
    assert query is not None
    assert query.split(" OR ")[0].count(" AND ") == MAX_WORDS - 1
