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
    names = [plain[2].split()[0], plain[3].split()[0]]
    assert names[0] != names[1]  # two renderings without it
    done = [r.text for r in translator.translate_document(DOCUMENT)]
    # One way now: one of the model's own two renderings (a tie in votes goes to the
    # one it was surer of), the other sentence word for word as it was apart from it.
    assert done[2].split()[0] == done[3].split()[0] in names
    assert [d.split()[1:] for d in done[2:]] == [p.split()[1:] for p in plain[2:]]
    assert done[:2] == plain[:2]
    changed = [i for i in (2, 3) if done[i] != plain[i]]
    assert len(changed) == 1
    made = translator.translate_document(DOCUMENT)
    spelling = "شويغو" if changed == [2] else "شويجو"
    assert renderings(made, {spelling}) == [(spelling, "consistency")]


@needs_toys
def test_documents_are_independent() -> None:
    translator = Translator("toy-translit", TranslationOptions(threads=2))
    made = translator.translate_document(DOCUMENT)  # one Shoigu spelling made consistent
    changed = [i for i in (2, 3) if renderings(made, {DOCUMENT[i].split()[1]})[0][1] != "model"]
    assert len(changed) == 1
    # The next document holds that sentence alone: nothing carries over.
    alone = [r.text for r in translator.translate_document(DOCUMENT[changed[0] : changed[0] + 1])]
    assert alone == [
        r.text for r in translator.translate_lines(DOCUMENT[changed[0] : changed[0] + 1])
    ]
    assert alone != [made[changed[0]].text]


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
