"""Resumable, verified downloads against a loopback HTTP server."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.archive_server import ArchiveServer, ServerState, serve
from translate.errors import ModelInstallError
from translate.models.download import check_url, download

DATA = bytes(range(256)) * 400  # 102,400 bytes
SHA = hashlib.sha256(DATA).hexdigest()


@pytest.fixture
def server() -> Iterator[ArchiveServer]:
    with serve(ServerState(files={"/m.zip": DATA})) as srv:
        yield srv


def _get(server: ArchiveServer, dest: Path, **kwargs: object) -> Path:
    options: dict[str, object] = {"allow_http": True, "backoff": 0.0, "chunk_size": 4096}
    options.update(kwargs)
    return download(server.url("/m.zip"), dest, **options)  # type: ignore[arg-type]


def test_full_download_is_verified_and_renamed(server: ArchiveServer, tmp_path: Path) -> None:
    seen: list[tuple[int, int | None]] = []
    dest = _get(
        server, tmp_path / "m.zip", expected_sha256=SHA, expected_size=len(DATA),
        progress=lambda done, total: seen.append((done, total)),
    )  # fmt: skip
    assert dest.read_bytes() == DATA
    assert not (tmp_path / "m.zip.part").exists()
    assert seen[-1] == (len(DATA), len(DATA))
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)


@pytest.mark.parametrize(
    ("url", "allow_http", "ok"),
    [
        ("https://example.org/a.zip", False, True),
        ("http://example.org/a.zip", False, False),
        ("http://example.org/a.zip", True, True),
        ("ftp://example.org/a.zip", True, False),
        ("file:///etc/passwd", True, False),
    ],
)
def test_only_https_unless_http_is_allowed(url: str, allow_http: bool, ok: bool) -> None:
    if ok:
        check_url(url, allow_http)
    else:
        with pytest.raises(ModelInstallError):
            check_url(url, allow_http)


def test_plain_http_refused_by_default(server: ArchiveServer, tmp_path: Path) -> None:
    with pytest.raises(ModelInstallError, match="plain-HTTP"):
        _get(server, tmp_path / "m.zip", allow_http=False)
    assert server.state.requests == []


def test_cut_connection_is_resumed_on_the_next_run(server: ArchiveServer, tmp_path: Path) -> None:
    server.state.cut_once["/m.zip"] = 30_000
    with pytest.raises(ModelInstallError, match="resumes"):
        _get(server, tmp_path / "m.zip", retries=0)
    part = tmp_path / "m.zip.part"
    assert part.stat().st_size == 30_000
    dest = _get(server, tmp_path / "m.zip", retries=0, expected_sha256=SHA)
    assert dest.read_bytes() == DATA
    assert server.state.requests[-1] == ("/m.zip", "bytes=30000-")


def test_cut_connection_is_resumed_within_one_call(server: ArchiveServer, tmp_path: Path) -> None:
    server.state.cut_once["/m.zip"] = 5_000
    dest = _get(server, tmp_path / "m.zip", retries=2, expected_sha256=SHA)
    assert dest.read_bytes() == DATA
    assert [r for _, r in server.state.requests] == [None, "bytes=5000-"]


def test_server_ignoring_range_restarts_cleanly(server: ArchiveServer, tmp_path: Path) -> None:
    server.state.ignore_range.add("/m.zip")
    server.state.cut_once["/m.zip"] = 7_000
    dest = _get(server, tmp_path / "m.zip", retries=1, expected_sha256=SHA)
    assert dest.read_bytes() == DATA


def test_complete_part_file_is_finished_after_416(server: ArchiveServer, tmp_path: Path) -> None:
    (tmp_path / "m.zip.part").write_bytes(DATA)
    dest = _get(server, tmp_path / "m.zip", expected_sha256=SHA)
    assert dest.read_bytes() == DATA


def test_wrong_checksum_deletes_the_download(server: ArchiveServer, tmp_path: Path) -> None:
    with pytest.raises(ModelInstallError, match="checksum mismatch"):
        _get(server, tmp_path / "m.zip", expected_sha256="0" * 64)
    assert list(tmp_path.iterdir()) == []


def test_wrong_size_is_refused(server: ArchiveServer, tmp_path: Path) -> None:
    with pytest.raises(ModelInstallError, match="were expected"):
        _get(server, tmp_path / "m.zip", expected_size=len(DATA) + 1)
    assert list(tmp_path.iterdir()) == []


def test_missing_file_names_the_http_status(server: ArchiveServer, tmp_path: Path) -> None:
    with pytest.raises(ModelInstallError, match="HTTP 404"):
        download(server.url("/nope.zip"), tmp_path / "x.zip", allow_http=True)


def test_redirects_are_followed_within_the_limit(server: ArchiveServer, tmp_path: Path) -> None:
    server.state.redirects["/a"] = server.url("/b")
    server.state.redirects["/b"] = server.url("/m.zip")
    dest = download(server.url("/a"), tmp_path / "m.zip", allow_http=True, max_redirects=2)
    assert dest.read_bytes() == DATA


def test_redirect_loop_is_stopped(server: ArchiveServer, tmp_path: Path) -> None:
    server.state.redirects["/a"] = server.url("/b")
    server.state.redirects["/b"] = server.url("/a")
    with pytest.raises(ModelInstallError, match="too many redirects"):
        download(server.url("/a"), tmp_path / "m.zip", allow_http=True, max_redirects=3)
    assert len(server.state.requests) == 4


def test_redirect_to_another_scheme_is_refused(server: ArchiveServer, tmp_path: Path) -> None:
    server.state.redirects["/a"] = "ftp://127.0.0.1/m.zip"
    with pytest.raises(ModelInstallError, match="only https"):
        download(server.url("/a"), tmp_path / "m.zip", allow_http=True)


def test_unreachable_host_fails_at_once_with_a_clear_error(tmp_path: Path) -> None:
    import socket

    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(ModelInstallError, match="cannot download"):
        download(f"http://127.0.0.1:{port}/m.zip", tmp_path / "m.zip", allow_http=True)


def test_existing_verified_download_is_reused(server: ArchiveServer, tmp_path: Path) -> None:
    (tmp_path / "m.zip").write_bytes(DATA)
    assert _get(server, tmp_path / "m.zip", expected_sha256=SHA).read_bytes() == DATA
    assert server.state.requests == []
