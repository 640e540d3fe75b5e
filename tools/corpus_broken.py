"""Broken files of the demo crawl: truncated, empty, binary, undecodable, corrupt gzip.

Each is stored as raw bytes (``BrokenPage``) because it cannot be an encoded
HTML string. All bytes are derived from a fixed seed, so reruns are identical.
"""

from __future__ import annotations

import gzip
import random
import struct
import zlib
from dataclasses import dataclass
from typing import Any

from corpus_plan import SITES, truth_line


@dataclass(frozen=True)
class BrokenPage:
    """A broken file: where it goes, its bytes, its truth record and what is wrong."""

    path: str
    data: bytes
    truth: dict[str, Any]
    reason: str


def png_bytes(width: int = 16, height: int = 16) -> bytes:
    """A small valid PNG (a grey square)."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body) & 0xFFFFFFFF
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)

    raw = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9))
            + chunk(b"IEND", b""))


def jpeg_bytes(rng: random.Random) -> bytes:
    """JPEG-looking bytes: SOI, a JFIF APP0 segment, scan data noise, EOI."""
    app0 = b"\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    return b"\xff\xd8" + app0 + b"\xff\xda" + rng.randbytes(3000) + b"\xff\xd9"


def undecodable_bytes(rng: random.Random, size: int = 2048) -> bytes:
    """Random high bytes that are not valid UTF-8 (nor any sensible text)."""
    data = bytearray(rng.randbytes(size))
    for i in range(0, size, 7):
        data[i] = 0xFF  # 0xFF never occurs in UTF-8
    return bytes(data)


def truncated_in_head(html: str) -> bytes:
    """Cut a page in the middle of its ``<head>``, so no body text survives."""
    head_end = html.index("</head>")
    return html[: head_end // 2].encode("utf-8")


def corrupt_gzip(html: str, rng: random.Random) -> bytes:
    """A gzip file whose deflate stream is cut and scrambled."""
    packed = bytearray(gzip.compress(html.encode("utf-8"), mtime=0))
    packed = packed[: len(packed) // 2]
    for i in range(20, len(packed), 11):
        packed[i] = rng.randrange(256)
    return bytes(packed)


def broken_pages(sample_html: dict[str, str]) -> list[BrokenPage]:
    """The broken files, one or two per site.

    Args:
        sample_html: uid -> one rendered page of that site, used as the source of the
            truncated and corrupt-gzip files (so they carry the real template).
    """
    rng = random.Random("qazsearch-broken")
    specs = [
        ("kaznu", "ru/news/2022/11/raspisanie-zimnei-sessii.html", "truncated"),
        ("enu", "kz/press/news/11199.html", "empty"),
        ("ektu", "ru/news/fotootchet-den-otkrytyh-dverei/index.html", "png"),
        ("vku", "ru/news/show/4099.htm", "jpeg"),
        ("shakarim", "ru/news/2021/03/15/obyavlenie-o-konkurse.html", "undecodable"),
        ("zhetysu", "ru/news/view/itogi-letnei-sessii.html.gz", "corrupt-gzip"),
        ("korkyt", "kz/news/869-sessiya-kestesi.html", "truncated"),
    ]
    pages = []
    for uid, path, reason in specs:
        if uid not in sample_html:
            continue
        html = sample_html[uid]
        data = {
            "truncated": lambda h=html: truncated_in_head(h),
            "empty": lambda: b"",
            "png": png_bytes,
            "jpeg": lambda: jpeg_bytes(rng),
            "undecodable": lambda: undecodable_bytes(rng),
            "corrupt-gzip": lambda h=html: corrupt_gzip(h, rng),
        }[reason]()
        site = SITES[uid]
        pages.append(BrokenPage(f"{site.host}/{path}", data,
                                truth_line(site, path, broken=True), reason))
    return pages
