"""Small folders of Arabic documents in every batch format, written by code for the tests
of ``translate files`` (local and Ray engines)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

RLM = "\u200f"  # right-to-left mark, common in text copied from web pages
LRM = "\u200e"

TXT = (
    f"{RLM}قال الوزير إن المحادثات ستستمر يوم ١٢ مارس.\n"
    "\n"
    "  وأضاف أن الاجتماع المقبل في موسكو عام 2024. وصل الوفد.\n"
    "\n"
    f"بلغ عدد السكان {LRM}3.5{LRM} مليون نسمة\n"
    "والتقى بوتين وزير الدفاع شويغو في موسكو.\n"  # glossary names, one with a clitic
)
SRT = (
    "1\n00:00:01,000 --> 00:00:03,500\nمرحبا بكم\nفي نشرة الأخبار\n\n"
    "2\n00:00:04,000 --> 00:00:06,000\n<i>قال الوزير ١٢٣</i>\n\n"
    "3\n00:00:07,000 --> 00:00:08,000\n♪\n"
)
JSONL = (
    '{"id": 1, "text": "وصل الوفد إلى القاهرة.", "meta": {"source": "ar"}}\n'
    '{"id": 2, "text": "قال المتحدث إن عدد الضحايا 15."}\n'
)
HTML = (
    '<!DOCTYPE html>\n<html lang="ar" dir="rtl"><head><title>الأخبار</title>'
    "<style>p { color: red; }</style></head>\n"
    '<body><p>قال الوزير <b>إن المحادثات</b> ستستمر.</p><img src="a.png" alt="صورة الوزير">'
    "<pre>code 1 2 3</pre></body></html>\n"
)
MD = (
    "---\ntitle: تقرير\n---\n\n# عنوان التقرير\n\n"
    "قال الوزير إن `code` المحادثات [ستستمر](https://example.com/a).\n\n"
    "```\nprint('لا تترجم')\n```\n"
)


def docx_available() -> bool:
    return importlib.util.find_spec("docx") is not None


def write_docx(path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("قال الوزير إن المحادثات ستستمر.")
    document.add_paragraph("عدد المشاركين ٢٥ شخصا.")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "الاسم"
    table.cell(0, 1).text = "القاهرة"
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))


def write_mixed_folder(root: Path, *, with_docx: bool = True) -> list[Path]:
    """Inputs in sub-folders, in every format; returns their paths relative to ``root``."""
    files = {
        "news/report.ar.txt": TXT,
        "news/deep/clip.srt": SRT,
        "data/items.jsonl": JSONL,
        "web/page.html": HTML,
        "notes.md": MD,
    }
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8", newline="\n")
    written = [Path(name) for name in files]
    if with_docx and docx_available():
        write_docx(root / "office" / "memo.docx")
        written.append(Path("office/memo.docx"))
    return written


EXPECTED_OUTPUTS = {
    "news/report.ar.txt": "news/report.en.txt",
    "news/deep/clip.srt": "news/deep/clip.en.srt",
    "data/items.jsonl": "data/items.en.jsonl",
    "web/page.html": "web/page.en.html",
    "notes.md": "notes.en.md",
    "office/memo.docx": "office/memo.en.docx",
}


def same_output(first: bytes, second: bytes, name: str) -> bool:
    """Byte equality, for every format (.docx included: its zip stamps are fixed)."""
    return first == second


def tree(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` (hidden ones included) by relative path."""
    return {
        str(path.relative_to(root)): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }
