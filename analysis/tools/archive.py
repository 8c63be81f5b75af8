"""The book's source as one archive on the site, so that a reader away from the repository can build it.

The archive holds the checkout without what a build, the tests or the virtual environment make
(``LEFT_OUT``); it needs no ``.git``, so an unpacked archive builds, and can itself be archived again.
It is byte-for-byte the same for the same files: sorted members, each dated the edition's release date
(so that ``make`` sees the unpacked files as older than an existing ``.venv/.ready``), no owner names.
"""
from __future__ import annotations

import gzip
import io
import os
import tarfile
from datetime import datetime, timezone
from html import escape
from pathlib import Path

from analysis.core.book import BUILD, REPO_ROOT
from analysis.site.editions import current
from analysis.site.downloads import archive_name

LEFT_OUT = {".git", ".venv", "_build", "test-artifacts", "__pycache__", ".pytest_cache", ".ipynb_checkpoints"}
name = archive_name  # the archive's file name on the site, with the current edition


def link_html() -> str:
    """The download link as the site's pages show it (they sit one folder below the archive)."""
    return f'<a href="../{escape(name())}" download><code>{escape(name())}</code></a>'


def members(root: Path = REPO_ROOT) -> list[Path]:
    """Every file of the checkout that belongs to the source, sorted; left-out folders are not walked
    (``.venv`` alone holds far more files than the book)."""
    found = []
    for folder, subfolders, files in os.walk(root):
        subfolders[:] = [name for name in subfolders if name not in LEFT_OUT]
        found += [Path(folder, name).relative_to(root) for name in files
                  if name not in LEFT_OUT and not name.endswith(".pyc")]
    return sorted(found)


def write(folder: Path = BUILD / "html") -> Path:
    """Write the archive into ``folder``; its members unpack into one folder named like the archive."""
    top = name().removesuffix(".tar.gz")
    released = int(datetime.fromisoformat(current()[1]).replace(tzinfo=timezone.utc).timestamp())
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for relative in members():
            source = REPO_ROOT / relative
            info = tarfile.TarInfo(f"{top}/{relative.as_posix()}")
            info.size, info.mtime = source.stat().st_size, released
            info.mode = 0o755 if source.stat().st_mode & 0o100 else 0o644
            with source.open("rb") as content:
                tar.addfile(info, content)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / name()
    with target.open("wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as packed:
        packed.write(buffer.getvalue())
    return target
