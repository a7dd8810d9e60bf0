"""Safe extraction: zip-slip, links, special files and bombs are refused."""

from __future__ import annotations

import io
import stat
import tarfile
import zipfile
from pathlib import Path

import pytest

from translate.errors import ModelInstallError
from translate.models.archive import ExtractLimits, safe_extract


def _zip(path: Path, members: dict[str, bytes], modes: dict[str, int] | None = None) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            info = zipfile.ZipInfo(name)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = (modes or {}).get(name, stat.S_IFREG | 0o644) << 16
            archive.writestr(info, data)
    return path


def _tar(path: Path, members: list[tarfile.TarInfo], data: bytes = b"") -> Path:
    with tarfile.open(path, "w:gz") as archive:
        for member in members:
            archive.addfile(member, io.BytesIO(data) if member.isfile() else None)
    return path


def test_plain_archive_is_unpacked(tmp_path: Path) -> None:
    archive = _zip(tmp_path / "a.zip", {"decoder.yml": b"x", "sub/dir/f.txt": b"hello"})
    files = safe_extract(archive, tmp_path / "out")
    assert sorted(p.relative_to(tmp_path / "out").as_posix() for p in files) == [
        "decoder.yml",
        "sub/dir/f.txt",
    ]
    assert (tmp_path / "out" / "sub" / "dir" / "f.txt").read_bytes() == b"hello"


@pytest.mark.parametrize(
    "name", ["../evil.txt", "ok/../../evil.txt", "/etc/evil.txt", "C:/evil.txt", "..\\evil.txt"]
)
def test_zip_slip_names_are_refused(tmp_path: Path, name: str) -> None:
    archive = _zip(tmp_path / "a.zip", {"good.txt": b"g", name: b"evil"})
    with pytest.raises(ModelInstallError, match=r"refusing|unsafe"):
        safe_extract(archive, tmp_path / "out" / "inner")
    assert not (tmp_path / "evil.txt").exists()
    assert not (tmp_path / "out" / "evil.txt").exists()


def test_zip_symlink_is_refused(tmp_path: Path) -> None:
    archive = _zip(
        tmp_path / "a.zip", {"link": b"/etc/passwd"}, modes={"link": stat.S_IFLNK | 0o777}
    )
    with pytest.raises(ModelInstallError, match="symbolic link"):
        safe_extract(archive, tmp_path / "out")


@pytest.mark.parametrize(
    "kind", [tarfile.SYMTYPE, tarfile.LNKTYPE, tarfile.CHRTYPE, tarfile.FIFOTYPE]
)
def test_tar_links_and_devices_are_refused(tmp_path: Path, kind: bytes) -> None:
    member = tarfile.TarInfo("thing")
    member.type = kind
    member.linkname = "/etc/passwd"
    archive = _tar(tmp_path / "a.tar.gz", [member])
    with pytest.raises(ModelInstallError, match=r"link|special"):
        safe_extract(archive, tmp_path / "out")
    assert not (tmp_path / "out" / "thing").exists()


def test_tar_regular_files_are_unpacked(tmp_path: Path) -> None:
    member = tarfile.TarInfo("model/decoder.yml")
    member.size = 3
    archive = _tar(tmp_path / "a.tar.gz", [member], b"abc")
    safe_extract(archive, tmp_path / "out")
    assert (tmp_path / "out" / "model" / "decoder.yml").read_bytes() == b"abc"


def test_zip_bomb_is_stopped_by_the_ratio(tmp_path: Path) -> None:
    archive = _zip(tmp_path / "bomb.zip", {"zeros.bin": bytes(8 * 1024**2)})
    limits = ExtractLimits(max_ratio=20, ratio_floor=1024**2)
    with pytest.raises(ModelInstallError, match="expands"):
        safe_extract(archive, tmp_path / "out", limits)


def test_total_size_is_bounded(tmp_path: Path) -> None:
    archive = _zip(tmp_path / "big.zip", {"a": bytes(4096), "b": bytes(4096)})
    with pytest.raises(ModelInstallError, match="unpack"):
        safe_extract(archive, tmp_path / "out", ExtractLimits(max_total_bytes=6000))


def test_member_count_is_bounded(tmp_path: Path) -> None:
    archive = _zip(tmp_path / "many.zip", {f"f{i}": b"x" for i in range(5)})
    with pytest.raises(ModelInstallError, match="members"):
        safe_extract(archive, tmp_path / "out", ExtractLimits(max_members=4))


def test_truncated_zip_is_reported(tmp_path: Path) -> None:
    archive = _zip(tmp_path / "a.zip", {"decoder.yml": b"x" * 1000, "b": b"y" * 1000})
    data = archive.read_bytes()
    archive.write_bytes(data[: len(data) // 2])
    with pytest.raises(ModelInstallError, match="corrupt or truncated"):
        safe_extract(archive, tmp_path / "out")


def test_corrupt_member_is_reported(tmp_path: Path) -> None:
    archive = _zip(tmp_path / "a.zip", {"a.txt": b"hello world " * 100})
    data = bytearray(archive.read_bytes())
    data[40] ^= 0xFF  # inside the compressed data of the only member
    archive.write_bytes(bytes(data))
    with pytest.raises(ModelInstallError, match="corrupt or truncated"):
        safe_extract(archive, tmp_path / "out")


def test_not_an_archive(tmp_path: Path) -> None:
    path = tmp_path / "x.zip"
    path.write_bytes(b"<html>not found</html>")
    with pytest.raises(ModelInstallError, match="not a zip or tar"):
        safe_extract(path, tmp_path / "out")
