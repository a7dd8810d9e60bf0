"""The one progress renderer: a rich bar on a terminal, plain lines elsewhere, or nothing."""

from __future__ import annotations

import io

from translate.files.run import BatchProgress
from translate.progress import (
    BatchProgressPrinter,
    DownloadProgress,
    ProgressDisplay,
    batch_status,
    clock,
    text_bar,
)

MB = 1024**2
SHOW_CURSOR = "\x1b[?25h"


def progress(done: int, total: int = 200, files: int = 0, elapsed: float = 10.0) -> BatchProgress:
    return BatchProgress(
        files_total=4,
        files_done=files,
        files_failed=0,
        files_skipped=1,
        sentences_total=total,
        sentences_done=done,
        elapsed=elapsed,
    )


def test_text_bar_and_clock() -> None:
    assert text_bar(0.5, 24) == "[############............]"
    assert text_bar(1.7, 4) == "[####]" and text_bar(-1, 2) == "[..]"
    assert clock(None) == "--:--" and clock(83) == "01:23" and clock(3725) == "1:02:05"


def test_batch_status() -> None:
    text = batch_status(progress(100, files=4))
    assert text == "100/200 sentences (50%), 10.0/s, ETA 00:10, files 4/4"


def test_download_on_a_pipe_prints_a_line_per_tenth() -> None:
    stream = io.StringIO()
    bar = DownloadProgress("dl", stream=stream)
    for done in range(0, 1001, 50):
        bar(done, 1000)
    bar.close()
    lines = stream.getvalue().splitlines()
    assert len(lines) == 11 and "\r" not in stream.getvalue()
    assert lines[0].startswith("dl [..............................]   0.0% ")
    assert lines[-1].startswith("dl [##############################] 100.0% ")
    assert lines[-1].endswith("MB/s")


def test_download_of_unknown_size_prints_a_line_per_100_mb() -> None:
    stream = io.StringIO()
    bar = DownloadProgress("dl", stream=stream, tty=False)
    for done in range(0, 350 * MB, 10 * MB):
        bar(done, None)
    lines = stream.getvalue().splitlines()
    assert [line.split(" MB ")[0] for line in lines] == [
        "dl 0.0",
        "dl 100.0",
        "dl 200.0",
        "dl 300.0",
    ]


def test_download_on_a_terminal_draws_a_bar_and_ends_the_line() -> None:
    stream = io.StringIO()
    bar = DownloadProgress("downloading m", stream=stream, tty=True, width=100)
    for done in range(0, 51):
        bar(done * MB, 50 * MB)
    bar.close()
    bar.close()  # twice is harmless
    text = stream.getvalue()
    assert "downloading m" in text and "━" in text  # rich's bar
    assert "100.0% 50.0/50.0 MB" in text  # the final state is always drawn
    assert text.replace(SHOW_CURSOR, "").endswith("\n")  # the bar is left on its own line
    assert "[###" not in text


def test_batch_on_a_terminal() -> None:
    stream = io.StringIO()
    printer = BatchProgressPrinter(stream, tty=True, width=120)
    printer(progress(0))
    printer(progress(100, files=4))  # finished files are always drawn, whatever the interval
    printer.close()
    text = stream.getvalue()
    assert "100/200 sentences (50%), 10.0/s, ETA 00:10, files 4/4" in text
    assert text.replace(SHOW_CURSOR, "").endswith("\n")


def test_batch_plain_lines_when_not_a_terminal() -> None:
    stream = io.StringIO()
    printer = BatchProgressPrinter(stream, tty=False)
    printer(progress(0))
    printer(progress(50))  # within the interval: nothing
    printer.plain_interval = 0.0
    printer(progress(60))
    printer(progress(200, files=4))  # finished: the caller prints the summary
    printer.close()
    assert stream.getvalue().splitlines() == [
        "translate files: 4 files, 200 sentences to translate (1 already done)",
        "translate files: 60/200 sentences (30%), 6.0/s, ETA 00:23, files 0/4",
    ]


def test_quiet_prints_nothing() -> None:
    stream = io.StringIO()
    printer = BatchProgressPrinter(stream, quiet=True, tty=True)
    printer(progress(0))
    printer(progress(200, files=4))
    printer.close()
    download = DownloadProgress("dl", stream=stream, quiet=True, tty=False)
    download(10, 10)
    download.close()
    assert stream.getvalue() == ""


def test_a_display_never_drawn_leaves_no_trace() -> None:
    stream = io.StringIO()
    with ProgressDisplay("x", stream=stream, tty=True):
        pass
    assert stream.getvalue() == ""


def test_lines_go_above_a_live_bar() -> None:
    stream = io.StringIO()
    with ProgressDisplay("x", stream=stream, tty=True, width=80) as display:
        display.draw(1, 2, "half")
        display.line("a message")
    text = stream.getvalue()
    assert "a message\n" in text and text.index("a message") > text.index("half")
