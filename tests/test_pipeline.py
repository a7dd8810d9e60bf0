import pytest

from translate.engine.decoding import SentenceTranslator
from translate.engine.pipeline import LinePipeline
from translate.options import TranslationOptions

from .fakes import FakeBackend, WhitespaceTokenizer

WORDS = {
    "مرحبا": "hello",
    "مرحبا.": "hello.",
    "مرحبا!": "hello!",
    "بكم": "you",
    "قال": "said",
    "قال.": "said.",
    "إن": "that",
    "مهم": "important",
    "مهم.": "important.",
}


def make_pipeline(backend: FakeBackend | None = None, **options: object) -> LinePipeline:
    opts = TranslationOptions(**options)  # type: ignore[arg-type]
    sentences = SentenceTranslator(backend or FakeBackend(WORDS), WhitespaceTokenizer(), opts)  # type: ignore[arg-type]
    return LinePipeline(
        sentences, signature={"model": "fake"}, max_sentence_tokens=opts.max_sentence_tokens
    )


def test_one_output_line_per_input_line_blank_lines_kept() -> None:
    lines = ["مرحبا بكم", "", "   ", "قال إن مهم. مرحبا!", "\t"]
    results = make_pipeline().translate_chunk(lines)
    assert [r.text for r in results] == [
        "hello you",
        "",
        "   ",
        "said that important. hello!",
        "\t",
    ]
    assert [r.sentences for r in results] == [1, 0, 0, 2, 0]
    assert all(r.signature == {"model": "fake"} for r in results)


def test_sentences_of_a_line_are_joined_with_single_spaces() -> None:
    results = make_pipeline().translate_chunk(["مرحبا.    قال."])
    assert results[0].text == "hello. said."


def test_long_sentence_is_cut_not_truncated() -> None:
    backend = FakeBackend()
    # Arabic words, so the model is asked (text without Arabic letters is kept as is).
    line = " ".join(f"كلمة{i}" for i in range(50))
    results = make_pipeline(backend, max_sentence_tokens=8).translate_chunk([line])
    assert results[0].text == line
    assert backend.batches
    assert all(len(tokens) <= 8 for batch in backend.batches for tokens in batch)


def test_protected_spans_survive_a_model_that_mangles_them() -> None:
    def mangle(words: list[str]) -> list[str]:
        return [w.upper() if w.startswith(("http", "@", "#")) else w for w in words]

    pipeline = make_pipeline(FakeBackend(WORDS, rewrite=mangle))
    line = "قال @user_1 إن https://example.com/a?b=1 مهم #غزة"
    out = pipeline.translate_chunk([line])[0].text
    for span in ("@user_1", "https://example.com/a?b=1", "#غزة"):
        assert out.count(span) == 1
    assert out == "said @user_1 that https://example.com/a?b=1 important #غزة"


def test_protected_spans_not_doubled_when_model_repeats_them() -> None:
    pipeline = make_pipeline(FakeBackend(WORDS, rewrite=lambda w: w + w))
    out = pipeline.translate_chunk(["مرحبا www.x.org"])[0].text
    assert out.count("www.x.org") == 1


def test_output_has_no_control_characters() -> None:
    pipeline = make_pipeline(FakeBackend({"بكم": "x\u202ey\x07"}))
    out = pipeline.translate_chunk(["بكم"])[0].text
    assert out == "xy"


@pytest.mark.parametrize("chunking", [1, 2, 100])
def test_chunking_does_not_change_output(chunking: int) -> None:
    lines = ["مرحبا", "", "قال إن", "مهم. مهم."] * 5
    pipeline = make_pipeline()
    chunks = [lines[i : i + chunking] for i in range(0, len(lines), chunking)]
    assert [r.text for r in pipeline.translate_chunks(chunks)] == [
        r.text for r in make_pipeline().translate_chunk(lines)
    ]


@pytest.mark.parametrize(
    "line",
    ["Hello world", "12345", "&", "and", "(c) 2024 - ACME, Inc.!", "3.14   x\u00e9"],
)
def test_a_line_without_arabic_letters_is_kept_byte_for_byte(line: str) -> None:
    # A model that turns everything it sees into something else: nothing may reach it.
    backend = FakeBackend(rewrite=lambda words: ["changed"] * len(words))
    result = make_pipeline(backend).translate_chunk([line])[0]
    assert result.text == line
    assert result.target_tokens == 0
    assert backend.batches == []


def test_sentences_without_arabic_letters_keep_their_text_in_a_mixed_line() -> None:
    backend = FakeBackend(WORDS)
    results = make_pipeline(backend).translate_chunk(["مرحبا. Hello world. 12345. قال."])
    assert results[0].text == "hello. Hello world. 12345. said."
    sent = [" ".join(tokens) for batch in backend.batches for tokens in batch]
    assert sent == ["مرحبا.", "قال."]


def test_latin_between_protected_spans_is_kept_when_translating_around_them() -> None:
    # The model drops the spans, so the pipeline translates the text between them on its
    # own: "&" there has no Arabic letter and must not become anything else.
    def drop_spans(words: list[str]) -> list[str]:
        return [w for w in words if not w.startswith("@")]

    pipeline = make_pipeline(FakeBackend(WORDS, rewrite=drop_spans))
    out = pipeline.translate_chunk(["قال @a & @b مهم"])[0].text
    assert out == "said @a & @b important"
