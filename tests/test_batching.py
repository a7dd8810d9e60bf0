from translate.batching import LRUCache, Request, SentenceTranslator, plan_batches
from translate.options import TranslationOptions

from .fakes import FakeBackend, WhitespaceTokenizer


def test_plan_batches_respects_padded_budget_and_sorts() -> None:
    lengths = [5, 1, 9, 3, 3, 7]
    batches = plan_batches(lengths, batch_tokens=10)
    assert sorted(i for b in batches for i in b) == list(range(len(lengths)))
    for batch in batches:
        longest = max(lengths[i] for i in batch)
        assert len(batch) == 1 or longest * len(batch) <= 10
        assert [lengths[i] for i in batch] == sorted(lengths[i] for i in batch)


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
    translator.translate(["w " * 4, "w " * 100])
    assert backend.max_lengths == [16, 50]


def test_lru_cache_is_bounded() -> None:
    cache = LRUCache(capacity=2)
    for word in ["a", "b", "c"]:
        cache.put(Request(word), object())  # type: ignore[arg-type]
    assert cache.get(Request("a")) is None
    assert cache.get(Request("c")) is not None
