"""Names no glossary lists, rendered one way within a document (toy models: toys)."""

from __future__ import annotations

from typer.testing import CliRunner

from translate import TranslationOptions, Translator

from .toy_models import needs_toys

# toy-translit spells an unseen name out, differently where the Arabic differs.
DOCUMENT = [
    "وصل باتروشيف إلى طهران يوم الأحد.",
    "قال باتروشف إن المحادثات ستستمر.",
    "قال شويغو إن الوضع في المنطقة خطير.",
    "وصل شويجو إلى طهران يوم الأحد.",
]


def renderings(results: list, arabic: set[str]) -> list[tuple[str, str]]:  # type: ignore[type-arg]
    return [
        (m["arabic"], m["enforced"])
        for r in results
        for e in r.report
        for m in e["matches"]
        if m["arabic"] in arabic
    ]


@needs_toys
def test_a_name_spelled_two_ways_reads_one_way_and_nothing_else_changes() -> None:
    translator = Translator("toy-translit", TranslationOptions(threads=2))
    plain = [r.text for r in translator.translate_lines(DOCUMENT)]
    assert plain[2].split()[0] != plain[3].split()[0]  # two renderings without it
    done = translator.translate_document(DOCUMENT)
    first = plain[2].split()[0]
    assert done[3].text.split()[0] == first
    assert done[3].text.split()[1:] == plain[3].split()[1:]  # word for word otherwise
    assert [r.text for r in done[:3]] == plain[:3]  # the first rendering is kept
    assert renderings(done, {"شويجو"}) == [("شويجو", "consistency")]


@needs_toys
def test_documents_are_independent() -> None:
    translator = Translator("toy-translit", TranslationOptions(threads=2))
    alone = [r.text for r in translator.translate_document(DOCUMENT[1:2])]
    assert alone == [r.text for r in translator.translate_lines(DOCUMENT[1:2])]


@needs_toys
def test_a_substituted_name_is_not_spread_through_the_document() -> None:
    # toy-news substitutes known names for unseen ones: no rendering is a plausible
    # spelling of the Arabic, so nothing is made "consistent".
    translator = Translator("toy-news", TranslationOptions(threads=2))
    plain = [r.text for r in translator.translate_lines(DOCUMENT)]
    assert [r.text for r in translator.translate_document(DOCUMENT)] == plain


@needs_toys
def test_the_pipe_document_mode_equals_the_api_and_keeps_separators() -> None:
    from translate.cli import app

    text = "\n".join([*DOCUMENT[:2], "---", *DOCUMENT[2:]]) + "\n"
    result = CliRunner().invoke(
        app,
        [
            *("-m", "toy-translit", "--no-default-glossary", "--consistent-names"),
            *("--document-separator", "---"),
        ],
        input=text.encode(),
    )
    assert result.exit_code == 0, result.output
    translator = Translator("toy-translit", TranslationOptions(threads=2, consistent_names=True))
    expected = [r.text for r in translator.translate_document(DOCUMENT[:2])]
    expected += ["---"] + [r.text for r in translator.translate_document(DOCUMENT[2:])]
    assert result.stdout.splitlines() == expected
