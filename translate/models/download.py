"""Resumable, verified downloads of model archives.

Bytes go to ``<dest>.part``; an interrupted download resumes from there with an HTTP
``Range`` request (the server may ignore it, then the download starts over). Only when
the size and sha256 match does the file get its final name, so a file at ``dest`` is
always complete. HTTPS only, unless plain HTTP is explicitly allowed; redirects are
followed a bounded number of times and never from HTTPS down to HTTP.
"""

from __future__ import annotations

import http.client
import logging
import os
import re
import socket
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any
from urllib.parse import urlsplit

from translate.errors import CorruptArchiveError, ModelInstallError
from translate.fileio import os_reason, sha256_file

logger = logging.getLogger(__name__)

ProgressFn = Callable[[int, int | None], None]
_CONTENT_RANGE = re.compile(r"bytes (\d+)-(\d+)/(\d+|\*)")
_NETWORK_ERRORS = (
    urllib.error.URLError,
    http.client.HTTPException,
    ConnectionError,
    TimeoutError,
    socket.timeout,
)


class _Interrupted(Exception):
    """The transfer stopped early; what arrived is kept in the .part file."""


def check_url(url: str, allow_http: bool) -> None:
    scheme = urlsplit(url).scheme.lower()
    if scheme == "https" or (scheme == "http" and allow_http):
        return
    if scheme == "http":
        raise ModelInstallError(
            f"refusing plain-HTTP download {url}; use an https:// address "
            "(or --allow-http if you trust the network)"
        )
    raise ModelInstallError(f"cannot download {url!r}: only https:// addresses are supported")


class _Redirects(urllib.request.HTTPRedirectHandler):
    def __init__(self, max_redirects: int, allow_http: bool) -> None:
        super().__init__()
        self.max_redirects = max_redirects
        self.allow_http = allow_http

    def redirect_request(
        self, req: urllib.request.Request, fp: IO[bytes], code: int, msg: str,
        headers: Any, newurl: str,
    ) -> urllib.request.Request | None:  # fmt: skip
        if urlsplit(req.full_url).scheme == "https" and urlsplit(newurl).scheme != "https":
            if not self.allow_http:
                raise ModelInstallError(f"refusing redirect from https to {newurl}")
        check_url(newurl, self.allow_http)
        # urllib bounds repeats of one address and the number of distinct addresses;
        # this bounds the length of the whole chain.
        hops = getattr(req, "redirect_hops", 0) + 1
        if hops > self.max_redirects:
            raise ModelInstallError(f"too many redirects (more than {self.max_redirects})")
        new = super().redirect_request(req, fp, code, msg, headers, newurl)
        if new is not None:
            new.redirect_hops = hops  # type: ignore[attr-defined]
        return new


def _attempt(
    opener: urllib.request.OpenerDirector, url: str, part: Path, timeout: float,
    progress: ProgressFn | None, chunk_size: int,
) -> int | None:  # fmt: skip
    """Fetch the rest of ``url`` into ``part``; return the total size when known."""
    offset = part.stat().st_size if part.exists() else 0
    request = urllib.request.Request(url, headers={"User-Agent": "arabic-translate-cli"})
    if offset:
        request.add_header("Range", f"bytes={offset}-")
    try:
        response = opener.open(request, timeout=timeout)
    except urllib.error.HTTPError as exc:
        if exc.code == 416 and offset:
            # Our .part is as long as (or longer than) the file: let verification decide.
            return offset
        raise
    with response:
        length = response.headers.get("Content-Length")
        remaining = int(length) if length and length.isdigit() else None
        total: int | None = None
        mode = "ab"
        if response.status == 206:
            match = _CONTENT_RANGE.match(response.headers.get("Content-Range", ""))
            if not match or int(match.group(1)) != offset:
                # An answer we cannot splice onto what we have: start over.
                part.unlink(missing_ok=True)
                raise _Interrupted("server sent an unexpected range")
            total = int(match.group(3)) if match.group(3) != "*" else None
        else:
            mode, offset = "wb", 0  # the server ignored Range: the body is the whole file
            total = remaining
        done = offset
        with part.open(mode) as out:
            while True:
                try:
                    chunk = response.read(chunk_size)
                except http.client.IncompleteRead as exc:
                    out.write(exc.partial)
                    raise _Interrupted("connection closed mid-file") from exc
                if not chunk:
                    break
                out.write(chunk)
                done += len(chunk)
                if progress:
                    progress(done, total)
        if remaining is not None and done - offset < remaining:
            raise _Interrupted(f"connection closed after {done} bytes")
        return total if total is not None else done


def download(
    url: str,
    dest: Path,
    *,
    expected_size: int | None = None,
    expected_sha256: str | None = None,
    allow_http: bool = False,
    timeout: float = 30.0,
    max_redirects: int = 5,
    retries: int = 3,
    backoff: float = 1.0,
    progress: ProgressFn | None = None,
    chunk_size: int = 1 << 16,
) -> Path:
    """Download ``url`` to ``dest`` (resuming ``dest.part``); return ``dest``.

    ``progress(done_bytes, total_bytes_or_None)`` is called as data arrives. After
    ``retries`` failed resumptions a ModelInstallError says the download can be resumed
    by running the command again; a wrong size or checksum deletes the partial file.
    """
    check_url(url, allow_http)
    if dest.is_file():
        # Only a verified download ever gets this name; check again what we can.
        _verify(dest, url, None, expected_size, expected_sha256)
        return dest
    dest.parent.mkdir(parents=True, exist_ok=True)
    part = dest.with_name(dest.name + ".part")
    opener = urllib.request.build_opener(_Redirects(max_redirects, allow_http))
    total: int | None = None
    for attempt in range(retries + 1):
        before = part.stat().st_size if part.exists() else 0
        try:
            total = _attempt(opener, url, part, timeout, progress, chunk_size)
            break
        except urllib.error.HTTPError as exc:
            if exc.code < 500 or attempt == retries:
                raise ModelInstallError(
                    f"download of {url} failed: HTTP {exc.code} {exc.reason}"
                ) from exc
            reason = f"HTTP {exc.code}"
        except (_Interrupted, *_NETWORK_ERRORS) as exc:
            reason = str(getattr(exc, "reason", exc)) or type(exc).__name__
            received = part.stat().st_size if part.exists() else 0
            if attempt == retries or (received == before and not isinstance(exc, _Interrupted)):
                # Retrying at once only helps when the last try got somewhere (no point
                # hammering a host that refuses connections or does not resolve).
                if not received:
                    raise ModelInstallError(f"cannot download {url}: {reason}") from exc
                raise ModelInstallError(
                    f"download of {url} was interrupted ({reason}); {received} bytes are kept "
                    "and the next attempt resumes from there"
                ) from exc
        except OSError as exc:
            raise ModelInstallError(f"download of {url} failed: {os_reason(exc)}") from exc
        logger.warning("download interrupted (%s); resuming (%d/%d)", reason, attempt + 1, retries)
        time.sleep(backoff * (attempt + 1))
    _verify(part, url, total, expected_size, expected_sha256)
    os.replace(part, dest)
    return dest


def _verify(
    part: Path, url: str, total: int | None, expected_size: int | None, expected_sha256: str | None
) -> None:
    size = part.stat().st_size
    wanted = expected_size if expected_size is not None else total
    if wanted is not None and size != wanted:
        part.unlink(missing_ok=True)
        raise CorruptArchiveError(
            f"download of {url} has {size} bytes but {wanted} were expected; "
            "the partial file was deleted, run the command again"
        )
    if expected_sha256:
        digest = sha256_file(part)
        if digest != expected_sha256.lower():
            part.unlink(missing_ok=True)
            raise CorruptArchiveError(
                f"checksum mismatch for {url}: expected sha256 {expected_sha256}, got {digest}; "
                "the download was deleted"
            )
