"""The one word tokenizer: what every comparison of texts sees of a seed sentence."""

from __future__ import annotations

from newstrace.algo import passages
from newstrace.algo.tokens import tokenize
from newstrace.clean import clean_page, split_sentences
from tests.conftest import SEEDS


def test_seed_sentences_become_lowercase_words_and_whole_numbers() -> None:
    text = clean_page((SEEDS / "004_7c033945fca6c72f.txt").read_text(encoding="utf-8")).text
    sentences = split_sentences(text)
    tokens = [t for s in sentences for t in tokenize(s)]
    assert tokens and all(t == t.lower() and t.isalnum() for t in tokens)
    assert "pasukan" in tokens and "pyongyang" in tokens  # the tribun copy's changed words
    assert tokenize("Rp 13.500 untuk 2.000 pemain.") == ["rp", "13500", "untuk", "2000", "pemain"]
    # Passages, diffs and tracing import the same function.
    assert passages.tokenize is tokenize
