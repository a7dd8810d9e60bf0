import pytest

from translate.text.protect import find_protected, spans_kept, split_around


@pytest.mark.parametrize(
    ("text", "spans"),
    [
        ("زوروا https://example.com/path?q=1.", ["https://example.com/path?q=1"]),
        ("الموقع www.aljazeera.net، ثم", ["www.aljazeera.net"]),
        ("راسلونا info@news.co.uk الآن", ["info@news.co.uk"]),
        ("غرد @UN_News عن #غزة و#Gaza2024", ["@UN_News", "#غزة", "#Gaza2024"]),
        (
            "(see https://en.wikipedia.org/wiki/Foo_(bar))",
            ["https://en.wikipedia.org/wiki/Foo_(bar)"],
        ),
        ("العدد #5 فقط", []),  # a number sign before a number is no hashtag
        ("لا شيء هنا", []),
    ],
)
def test_find_protected(text: str, spans: list[str]) -> None:
    assert [s.text for s in find_protected(text)] == spans


def test_split_around_keeps_every_character() -> None:
    text = "قال @user إن https://x.org مهم"
    parts = split_around(text, find_protected(text))
    assert "".join(p for p, _ in parts) == text
    assert [p for p, protected in parts if protected] == ["@user", "https://x.org"]


def test_spans_kept_counts_exact_occurrences() -> None:
    spans = find_protected("#news و #news")
    assert spans_kept("#news and #news", spans)
    assert not spans_kept("#news", spans)
    assert not spans_kept("#newsroom and #news", spans)
