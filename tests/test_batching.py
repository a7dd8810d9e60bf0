from translate.engine.decoding import LRUCache, Request, SentenceTranslator
from translate.options import TranslationOptions

from .fakes import FakeBackend, WhitespaceTokenizer


def test_groups_are_sorted_by_length_and_bounded() -> None:
    from translate.engine.decoding import _length_groups

    lengths = [5, 1, 9, 3, 3, 7]
    groups = _length_groups(lengths, 10)
    assert sorted(i for g in groups for i in g) == list(range(len(lengths)))
    for group in groups:
        assert [lengths[i] for i in group] == sorted(lengths[i] for i in group)
        assert len(group) == 1 or max(lengths[i] for i in group) * len(group) <= 10


def test_the_token_budget_reaches_the_backend() -> None:
    backend = FakeBackend()
    options = TranslationOptions(batch_tokens=123)
    translator = SentenceTranslator(backend, WhitespaceTokenizer(), options)  # type: ignore[arg-type]
    translator.translate(["a b", "c"])
    assert backend.batch_tokens == 123


def test_identical_sentences_are_decoded_once_and_order_is_kept() -> None:
    backend = FakeBackend({"a": "A", "b": "B"})
    translator = SentenceTranslator(backend, WhitespaceTokenizer(), TranslationOptions())  # type: ignore[arg-type]
    out = translator.translate(["a b", "b", "a b", "b a", "b"])
    assert [t.text for t in out] == ["A B", "B", "A B", "B A", "B"]
    decoded = [tokens for batch in backend.batches for tokens in batch]
    assert len(decoded) == 3
    # a later call hits the cache: nothing new is decoded
    translator.translate(["b a"])
    assert sum(len(b) for b in backend.batches) == 3


def test_decoding_length_follows_the_longest_source() -> None:
    backend = FakeBackend()
    options = TranslationOptions(max_decoding_length=50, length_ratio=1.5, batch_tokens=120)
    translator = SentenceTranslator(backend, WhitespaceTokenizer(), options)  # type: ignore[arg-type]
    translator.translate(["w " * 4])
    translator.translate(["w " * 4, "w " * 100])
    assert backend.max_lengths == [16, 50]  # capped by the option


def test_lru_cache_is_bounded() -> None:
    cache = LRUCache(capacity=2)
    for word in ["a", "b", "c"]:
        cache.put(Request(word), object())  # type: ignore[arg-type]
    assert cache.get(Request("a")) is None
    assert cache.get(Request("c")) is not None
