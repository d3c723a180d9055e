"""Precompressed `.gz` and `.br` copies beside text files, for servers that send them
as they are (nginx `gzip_static` / `brotli_static`).

Pure core apart from the files it is given. Output is reproducible: gzip gets no file
name and a zero timestamp, so an unchanged page gives the same bytes in every build.
"""

from __future__ import annotations

import gzip
from pathlib import Path

import brotli

__all__ = ["TEXT_EXTENSIONS", "compress_bytes", "precompress"]

TEXT_EXTENSIONS = (
    ".html", ".css", ".js", ".mjs", ".json", ".xml", ".txt", ".svg", ".ics",
    ".webmanifest",
)  # fmt: skip


def compress_bytes(data: bytes, brotli_quality: int = 11) -> tuple[bytes, bytes]:
    """`data` as gzip (level 9) and as brotli (text mode)."""
    gz = gzip.compress(data, compresslevel=9, mtime=0)
    br = brotli.compress(data, mode=brotli.MODE_TEXT, quality=brotli_quality)
    return gz, br


def precompress(path: Path, brotli_quality: int = 11) -> tuple[Path, Path]:
    """Write `path.gz` and `path.br` beside `path`; return their paths."""
    gz, br = compress_bytes(path.read_bytes(), brotli_quality)
    gz_path = path.with_name(path.name + ".gz")
    br_path = path.with_name(path.name + ".br")
    gz_path.write_bytes(gz)
    br_path.write_bytes(br)
    return gz_path, br_path
