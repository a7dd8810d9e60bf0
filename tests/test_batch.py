"""The batch job: planning, shared batches, atomic outputs, resume, bad files, progress."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Sequence
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from tests.file_samples import (
    EXPECTED_OUTPUTS,
    docx_available,
    tree,
    write_docx,
    write_mixed_folder,
)
from translate import TranslationOptions, Translator
from translate.engine.decoding import SentenceTranslation, SentenceTranslator
from translate.engine.pipeline import LineResult, SentenceReport
from translate.errors import ConfigError, InputError
from translate.files.output import RECORD_SUFFIX, record_path
from translate.files.plan import plan_batch
from translate.files.run import (
    TEMP_SUFFIX,
    BatchProgress,
    Engine,
    EngineSpec,
    LocalEngine,
    translate_files,
    write_atomic,
)

OPTIONS = TranslationOptions(beam_size=1, max_decoding_length=8)


@pytest.fixture(scope="module")
def translator(tiny_model_dir: Path) -> Translator:
    return Translator(tiny_model_dir, OPTIONS)


class RecordingEngine(LocalEngine):
    """The local engine, remembering the chunks it got; can die after ``fail_after`` chunks."""

    def __init__(self, translator: Translator, fail_after: int | None = None) -> None:
        super().__init__(translator)
        self.chunks: list[list[str]] = []
        self.fail_after = fail_after

    def translate_chunks(self, chunks: Iterable[Sequence[str]]) -> Iterator[LineResult]:
        def watched() -> Iterator[Sequence[str]]:
            for chunk in chunks:
                if self.fail_after is not None and len(self.chunks) >= self.fail_after:
                    raise KeyboardInterrupt  # what a Ctrl-C or kill does mid-run
                self.chunks.append(list(chunk))
                yield chunk

        return super().translate_chunks(watched())


def run(inputs: Sequence[Path | str], out: Path, engine: Engine, **kwargs: Any) -> Any:
    return translate_files(inputs, out, lambda: engine, **kwargs)


def outputs(root: Path) -> dict[str, bytes]:
    """The outputs under ``root``, without the hidden records beside them."""
    return {name: data for name, data in tree(root).items() if not name.endswith(RECORD_SUFFIX)}


def no_temporaries(root: Path) -> bool:
    return not [p for p in root.rglob("*") if p.name.endswith(TEMP_SUFFIX)]


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_endtag(self, tag: str) -> None:
        self.tags.append("/" + tag)


def html_tags(text: str) -> list[str]:
    parser = _Tags()
    parser.feed(text)
    return parser.tags


def test_outputs_mirror_inputs_and_keep_structure(translator: Translator, tmp_path: Path) -> None:
    inputs = write_mixed_folder(tmp_path / "in")
    summary = run([tmp_path / "in"], tmp_path / "out", LocalEngine(translator))
    expected = {EXPECTED_OUTPUTS[str(p)] for p in inputs}
    assert set(outputs(tmp_path / "out")) == expected
    assert all((tmp_path / "out" / record_path(Path(name))).is_file() for name in expected)
    assert (summary.files_done, summary.files_skipped, summary.files_failed) == (len(inputs), 0, 0)
    assert summary.sentences > 0 and summary.sentences_per_second > 0

    source = (tmp_path / "in/news/report.ar.txt").read_text(encoding="utf-8").split("\n")
    output = (tmp_path / "out/news/report.en.txt").read_text(encoding="utf-8").split("\n")
    assert len(output) == len(source)
    assert all(not output[i] for i, line in enumerate(source) if not line)
    assert output[2].startswith("  ")  # indentation kept

    def timings(text: str) -> list[str]:
        return [line for line in text.splitlines() if "-->" in line or line.isdigit()]

    srt_in = (tmp_path / "in/news/deep/clip.srt").read_text(encoding="utf-8")
    srt_out = (tmp_path / "out/news/deep/clip.en.srt").read_text(encoding="utf-8")
    assert timings(srt_out) == timings(srt_in) and "♪" in srt_out

    rows = (tmp_path / "out/data/items.en.jsonl").read_text(encoding="utf-8").splitlines()
    assert [list(json.loads(row)) for row in rows] == [
        ["id", "text", "text_en", "meta"],
        ["id", "text", "text_en"],
    ]
    page_in = (tmp_path / "in/web/page.html").read_text(encoding="utf-8")
    page_out = (tmp_path / "out/web/page.en.html").read_text(encoding="utf-8")
    assert html_tags(page_out) == html_tags(page_in)
    assert "<pre>code 1 2 3</pre>" in page_out and 'dir="ltr"' in page_out
    notes = (tmp_path / "out/notes.en.md").read_text(encoding="utf-8")
    assert "```\nprint('لا تترجم')\n```" in notes and "](https://example.com/a)" in notes
    assert no_temporaries(tmp_path / "out")


@pytest.mark.skipif(not docx_available(), reason="python-docx is not installed")
def test_docx_keeps_paragraph_and_table_counts(translator: Translator, tmp_path: Path) -> None:
    import docx

    write_docx(tmp_path / "in" / "memo.ar.docx")
    run([tmp_path / "in"], tmp_path / "out", LocalEngine(translator))
    before = docx.Document(str(tmp_path / "in" / "memo.ar.docx"))
    after = docx.Document(str(tmp_path / "out" / "memo.en.docx"))
    assert len(after.paragraphs) == len(before.paragraphs)
    assert len(after.tables) == len(before.tables) == 1


def test_files_share_chunks_and_repeats_are_decoded_once(
    tiny_model_dir: Path, tmp_path: Path
) -> None:
    line = "قال الوزير إن المحادثات ستستمر."
    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / "in" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "in" / name).write_text(f"{line}\nمرحبا {name[0]}\n", encoding="utf-8")
    engine = RecordingEngine(Translator(tiny_model_dir, OPTIONS))
    summary = run([tmp_path / "in"], tmp_path / "out", engine, chunk_units=256)
    assert len(engine.chunks) == 1 and len(engine.chunks[0]) == 6  # all three files, one chunk
    assert summary.sentences == 6
    assert summary.decoded_sentences == 4  # the shared line once, three different greetings


@pytest.mark.parametrize(
    ("name", "suffix", "expected"),
    [
        ("report.ar.txt", ".en", "report.en.txt"),
        ("report.txt", ".en", "report.en.txt"),
        ("clip.ara.srt", ".en", "clip.en.srt"),
        ("page.html", ".english", "page.english.html"),
    ],
)
def test_output_names(tmp_path: Path, name: str, suffix: str, expected: str) -> None:
    (tmp_path / name).write_text("مرحبا\n", encoding="utf-8")
    plan = plan_batch([tmp_path / name], tmp_path / "out", suffix=suffix)
    assert [job.output.name for job in plan.jobs] == [expected]


def test_globs_and_folders_mirror_below_their_fixed_part(tmp_path: Path) -> None:
    write_mixed_folder(tmp_path / "in", with_docx=False)
    (tmp_path / "in/news/.hidden.txt").write_text("مرحبا\n", encoding="utf-8")
    (tmp_path / "in/news/image.png").write_bytes(b"\x89PNG")
    plan = plan_batch([str(tmp_path / "in" / "**" / "*.srt"), tmp_path / "in/notes.md"], tmp_path)
    assert {str(j.output.relative_to(tmp_path)) for j in plan.jobs} == {
        "news/deep/clip.en.srt",
        "notes.en.md",
    }
    walked = plan_batch([tmp_path / "in" / "news"], tmp_path / "out")
    assert [j.source.name for j in walked.jobs] == ["report.ar.txt", "clip.srt"]  # folder first


def test_plan_problems_are_reported_together_before_any_work(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("a.ar.txt", "a.txt", "data.bin"):
        (folder / name).write_text("مرحبا\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        plan_batch(
            [folder, folder / "data.bin", tmp_path / "missing", str(tmp_path / "*.zz")],
            tmp_path / "out",
        )
    message = str(caught.value)
    assert message.startswith("cannot start (4 problems):")
    assert "would both be written to" in message  # a.ar.txt and a.txt
    assert "unsupported file type" in message and "data.bin" in message
    assert "missing: no such file or directory" in message
    assert "matches no file" in message


def test_an_output_never_replaces_an_input(tmp_path: Path) -> None:
    (tmp_path / "x.ar.txt").write_text("مرحبا\n", encoding="utf-8")
    with pytest.raises(InputError, match="its output would replace it"):
        plan_batch([tmp_path], tmp_path, suffix=".ar")
    (tmp_path / "y.txt").write_text("مرحبا\n", encoding="utf-8")
    (tmp_path / "y.en.txt").write_text("an input too\n", encoding="utf-8")
    with pytest.raises(InputError, match="is an input of this run"):
        plan_batch([tmp_path / "y.txt", tmp_path / "y.en.txt"], tmp_path)


def test_a_rerun_into_the_input_folder_does_not_take_its_outputs_as_inputs(
    translator: Translator, tmp_path: Path
) -> None:
    (tmp_path / "a.ar.txt").write_text("مرحبا\n", encoding="utf-8")
    run([tmp_path], tmp_path, LocalEngine(translator))
    plan = plan_batch([tmp_path], tmp_path)
    assert plan.jobs == () and [j.source.name for j in plan.skipped] == ["a.ar.txt"]


def test_finished_outputs_are_skipped_unless_forced(translator: Translator, tmp_path: Path) -> None:
    write_mixed_folder(tmp_path / "in", with_docx=False)
    run([tmp_path / "in"], tmp_path / "out", LocalEngine(translator))
    marker = tmp_path / "out" / "notes.en.md"
    marker.write_text("finished earlier\n", encoding="utf-8")
    loads: list[int] = []

    def factory() -> Engine:
        loads.append(1)
        return LocalEngine(translator)

    # With the run's signature known up front (the CLI computes it from the EngineSpec),
    # checking the records needs no model.
    known = LocalEngine(translator).signature()
    again = translate_files([tmp_path / "in"], tmp_path / "out", factory, signature=known)
    assert (again.files_done, again.files_skipped) == (0, 5)
    assert loads == []  # nothing to do: the model is not even loaded
    assert marker.read_text(encoding="utf-8") == "finished earlier\n"
    forced = run([tmp_path / "in"], tmp_path / "out", LocalEngine(translator), force=True)
    assert (forced.files_done, forced.files_skipped) == (5, 0)
    assert marker.read_text(encoding="utf-8") != "finished earlier\n"


def test_resume_after_a_kill(translator: Translator, tmp_path: Path) -> None:
    inputs = write_mixed_folder(tmp_path / "in", with_docx=False)
    run([tmp_path / "in"], tmp_path / "reference", LocalEngine(translator), chunk_units=2)
    reference = tree(tmp_path / "reference")
    out = tmp_path / "out"
    (out / "news").mkdir(parents=True)
    stale = out / "news" / f".report.en.txt.dead{TEMP_SUFFIX}"  # left by a SIGKILL
    stale.write_text("half", encoding="utf-8")

    dying = RecordingEngine(translator, fail_after=3)
    with pytest.raises(KeyboardInterrupt):
        run([tmp_path / "in"], out, dying, chunk_units=2)
    finished = outputs(out)
    assert 0 < len(finished) < len(inputs)
    assert all(reference[name] == data for name, data in finished.items())  # whole or absent
    assert no_temporaries(out)

    resumed = run([tmp_path / "in"], out, LocalEngine(translator), chunk_units=2)
    assert resumed.files_skipped == len(finished)
    assert resumed.files_done == len(inputs) - len(finished)
    assert tree(out) == reference


def test_write_atomic_leaves_nothing_when_writing_fails(tmp_path: Path) -> None:
    target = tmp_path / "x.en.txt"
    with pytest.raises(TypeError):
        write_atomic(target, "not bytes")  # type: ignore[arg-type]
    assert list(tmp_path.iterdir()) == []
    write_atomic(target, b"ok")
    assert target.read_bytes() == b"ok" and no_temporaries(tmp_path)


def test_one_bad_file_among_many(translator: Translator, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write_mixed_folder(folder, with_docx=False)
    (folder / "bad.txt").write_bytes("سطر جيد\n".encode() + b"\xc3\x28 broken\n")
    (folder / "corrupt.docx").write_bytes(b"this is not a zip archive")
    (folder / "broken.html").write_text("<p>نص <!-- never closed", encoding="utf-8")
    (folder / "rows.jsonl").write_text(
        '{"text": "مرحبا"}\n{"text": broken\n{"text": "وداعا"}\n[1, 2]\n', encoding="utf-8"
    )
    summary = run([folder], tmp_path / "out", LocalEngine(translator))
    reasons = {failure.path.name: failure.reason for failure in summary.failures}
    assert set(reasons) == {"bad.txt", "corrupt.docx", "broken.html"}
    assert "line 2" in reasons["bad.txt"] and "UTF-8" in reasons["bad.txt"]
    assert summary.files_done == 6 and summary.files_failed == 3
    assert not (tmp_path / "out" / "bad.en.txt").exists()
    assert [p for p in summary.problems if "rows.jsonl" in p and "line 2" in p]
    assert [p for p in summary.problems if "rows.jsonl" in p and "line 4" in p]
    rows = (tmp_path / "out" / "rows.en.jsonl").read_text(encoding="utf-8").splitlines()
    assert rows[1] == '{"text": broken' and "text_en" in rows[2]


@pytest.mark.parametrize("blocker", ["file", "parent-file"])
def test_unwritable_output_folder_fails_before_work(tmp_path: Path, blocker: str) -> None:
    write_mixed_folder(tmp_path / "in", with_docx=False)
    (tmp_path / "taken").write_text("a file, not a folder", encoding="utf-8")
    out = tmp_path / "taken" if blocker == "file" else tmp_path / "taken" / "out"
    loads: list[int] = []

    def factory() -> Engine:
        loads.append(1)
        raise AssertionError("the model must not be loaded")

    with pytest.raises(ConfigError, match="cannot write to the output folder"):
        translate_files([tmp_path / "in"], out, factory)
    assert loads == []


def test_progress_reports_totals_then_counts_up(translator: Translator, tmp_path: Path) -> None:
    write_mixed_folder(tmp_path / "in", with_docx=False)
    seen: list[BatchProgress] = []
    summary = run(
        [tmp_path / "in"], tmp_path / "out", LocalEngine(translator), progress=seen.append
    )
    assert seen[0].sentences_done == 0 and seen[0].sentences_total == summary.sentences
    assert seen[-1].sentences_done == seen[-1].sentences_total and seen[-1].files_done == 5
    done = [p.sentences_done for p in seen]
    assert done == sorted(done)


class ReportingHook:
    """Reports every sentence, as the glossary hook reports its decisions."""

    def finish(
        self,
        sentences: Sequence[str],
        translations: Sequence[SentenceTranslation],
        decoder: SentenceTranslator,
    ) -> list[tuple[str, SentenceReport | None]]:
        return [(t.text, SentenceReport(s, ())) for s, t in zip(sentences, translations)]


def test_report_names_file_and_location(tiny_model_dir: Path, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("\n\nقال الوزير. وصل الوفد.\n", encoding="utf-8")
    (folder / "b.jsonl").write_text('{"text": "مرحبا"}\n', encoding="utf-8")
    engine = LocalEngine(Translator(tiny_model_dir, OPTIONS, hook=ReportingHook()))
    run([folder], tmp_path / "out", engine, report=tmp_path / "report.jsonl")
    entries = [json.loads(line) for line in (tmp_path / "report.jsonl").read_text().splitlines()]
    assert [(Path(e["file"]).name, e["location"]) for e in entries] == [
        ("a.txt", "line 3"),
        ("a.txt", "line 3"),
        ("b.jsonl", "line 1, field text"),
    ]
    assert re.search("الوزير", entries[0]["sentence"])


def test_a_file_without_text_is_written_unchanged(translator: Translator, tmp_path: Path) -> None:
    (tmp_path / "blank.txt").write_bytes(b"\n  \n\r\n")
    summary = run([tmp_path / "blank.txt"], tmp_path / "out", LocalEngine(translator))
    assert summary.files_done == 1
    assert (tmp_path / "out" / "blank.en.txt").read_bytes() == b"\n  \n\r\n"


def test_progress_moves_within_a_chunk_as_batches_are_decoded(
    tiny_model_dir: Path, tmp_path: Path
) -> None:
    lines = [f"قال الوزير إن الاجتماع رقم {n} سيعقد غدا." for n in range(12)]
    (tmp_path / "in.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    small_batches = OPTIONS.with_changes(batch_tokens=10)  # a few sentences per call
    engine = LocalEngine(Translator(tiny_model_dir, small_batches))
    seen: list[BatchProgress] = []
    run([tmp_path / "in.txt"], tmp_path / "out", engine, chunk_units=100, progress=seen.append)
    inside = [p.sentences_done for p in seen if 0 < p.sentences_done < 12]
    assert inside and inside == sorted(inside)  # moved before the chunk's results came back
    assert seen[-1].sentences_done == 12
    assert type(engine.translator.sentence_translator.backend).__name__ != "_WatchedBackend"


def test_glossary_terms_come_through_and_the_report_names_file_and_line(tmp_path: Path) -> None:
    # The toy model really translates, so the glossary really has to place Shoigu (a
    # name it has never seen); random weights would leave nothing to place it in.
    from translate.glossary import load_glossaries

    glossary = load_glossaries([], include_default=True)
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("\nالتقى بوتين مع شويغو في موسكو.\n", encoding="utf-8")
    (folder / "b.jsonl").write_text('{"text": "قال لافروف إن المحادثات مستمرة."}\n', "utf-8")
    spec = EngineSpec(model="toy-news", glossary=glossary)
    summary = translate_files(
        [folder], tmp_path / "out", lambda: LocalEngine.open(spec), report=tmp_path / "r.jsonl"
    )
    assert summary.files_done == 2 and summary.signature["glossary"] == glossary.digest
    text = (tmp_path / "out" / "a.en.txt").read_text(encoding="utf-8")
    assert "Putin" in text and "Shoigu" in text
    assert "Lavrov" in (tmp_path / "out" / "b.en.jsonl").read_text(encoding="utf-8")
    entries = [json.loads(line) for line in (tmp_path / "r.jsonl").read_text().splitlines()]
    assert [(Path(e["file"]).name, e["location"]) for e in entries] == [
        ("a.txt", "line 2"),
        ("b.jsonl", "line 1, field text"),
    ]


def _many_files(folder: Path, files: int, lines: int) -> list[Path]:
    folder.mkdir(parents=True)
    paths = []
    for n in range(files):
        path = folder / f"f{n:02d}.txt"
        path.write_text("".join(f"مرحبا {n} {i}\n" for i in range(lines)), encoding="utf-8")
        paths.append(path)
    return paths


def test_files_are_written_as_they_finish_not_at_the_end_of_a_chunk(
    translator: Translator, tmp_path: Path
) -> None:
    """Sixty short files fit in one 1,024-unit chunk; a run killed before its end used to
    lose them all. Chunks now end at file boundaries, so finished files are kept."""
    _many_files(tmp_path / "in", files=60, lines=15)
    dying = RecordingEngine(translator, fail_after=2)
    with pytest.raises(KeyboardInterrupt):
        run([tmp_path / "in"], tmp_path / "out", dying)
    kept = outputs(tmp_path / "out")
    assert 0 < len(kept) < 60
    assert all(len(chunk) <= LocalEngine.chunk_units for chunk in dying.chunks)
    resumed = run([tmp_path / "in"], tmp_path / "out", LocalEngine(translator))
    assert (resumed.files_done, resumed.files_skipped) == (60 - len(kept), len(kept))


def test_progress_reaches_the_total_only_when_every_file_is_written(
    translator: Translator, tmp_path: Path
) -> None:
    _many_files(tmp_path / "in", files=6, lines=4)
    seen: list[BatchProgress] = []
    run([tmp_path / "in"], tmp_path / "out", LocalEngine(translator), progress=seen.append)
    for state in seen:
        if state.sentences_done >= state.sentences_total:
            assert state.files_done + state.files_failed == state.files_total


def test_stale_outputs_are_redone_and_counted(translator: Translator, tmp_path: Path) -> None:
    _many_files(tmp_path / "in", files=3, lines=3)
    out = tmp_path / "out"
    first = run([tmp_path / "in"], out, LocalEngine(translator))
    assert (first.files_done, first.files_redone) == (3, 0)
    (tmp_path / "in" / "f01.txt").write_text("مرحبا\nسلام\nشكرا\nأهلا\n", encoding="utf-8")
    edited = run([tmp_path / "in"], out, LocalEngine(translator))
    assert (edited.files_done, edited.files_redone, edited.files_skipped) == (1, 1, 2)
    assert len((out / "f01.en.txt").read_text(encoding="utf-8").splitlines()) == 4
    # Other settings (here: options, as another -m or --glossary would) make every
    # output stale; the engine's signature is checked when none is given up front.
    other = Translator(translator.model.path, OPTIONS.with_changes(max_decoding_length=6))
    redone = run([tmp_path / "in"], out, LocalEngine(other))
    assert (redone.files_done, redone.files_redone, redone.files_skipped) == (3, 3, 0)
    again = run([tmp_path / "in"], out, LocalEngine(other), signature=redone.signature)
    assert (again.files_done, again.files_skipped) == (0, 3)
    record = json.loads(record_path(out / "f00.en.txt").read_text(encoding="utf-8"))
    assert record["signature"] == json.loads(json.dumps(redone.signature))


def test_earlier_outputs_in_an_input_folder_are_not_inputs(
    translator: Translator, tmp_path: Path
) -> None:
    _many_files(tmp_path / "in", files=2, lines=2)
    run([tmp_path / "in"], tmp_path / "in" / "en", LocalEngine(translator))
    summary = run([tmp_path / "in"], tmp_path / "other", LocalEngine(translator))
    assert (summary.files_done, summary.files_ignored) == (2, 2)
    assert sorted(p.name for p in (tmp_path / "other").rglob("*.txt")) == [
        "f00.en.txt",
        "f01.en.txt",
    ]
    named = plan_batch([tmp_path / "in" / "en" / "f00.en.txt"], tmp_path / "x")
    assert len(named.jobs) == 1 and named.ignored == ()  # a file named explicitly is taken


def test_the_spec_knows_the_signature_before_the_model_loads(tiny_model_dir: Path) -> None:
    spec = EngineSpec(str(tiny_model_dir), OPTIONS)
    engine = LocalEngine.open(spec)
    try:
        assert spec.signature() == engine.signature()
    finally:
        engine.close()
    assert EngineSpec("opus-mt-ar-en", OPTIONS, offline=True).signature() is None


class FailingDocumentPass(LocalEngine):
    """The local engine whose document pass (--consistent-names) fails on one file."""

    def make_consistent(
        self, units: Sequence[str], results: Sequence[LineResult]
    ) -> list[LineResult]:
        if any("فشل" in unit for unit in units):
            raise ValueError("document pass failed")
        return super().make_consistent(units, results)


def test_a_file_whose_document_pass_fails_is_reported_and_the_others_go_on(
    tiny_model_dir: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.ar.txt").write_text("مرحبا بكم\n", encoding="utf-8")
    (folder / "bad.ar.txt").write_text("فشل هنا\n", encoding="utf-8")
    options = OPTIONS.with_changes(consistent_names=True)
    engine = FailingDocumentPass(Translator(tiny_model_dir, options))
    summary = run([folder], tmp_path / "out", engine)
    assert (summary.files_done, summary.files_failed) == (1, 1)
    assert "document pass failed" in summary.failures[0].reason
    assert sorted(outputs(tmp_path / "out")) == ["good.en.txt"]
