"""Generators of hostile crawl inputs, written streaming (never held whole in memory)."""

from __future__ import annotations

import json
import shutil
import struct
import zlib
from pathlib import Path

from tests.crawls import folder_to_warc

MIB = 1 << 20
ARTICLE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>
<meta property="article:published_time" content="2023-10-12"></head><body><article>
<h1>{title}</h1><p>{body}</p></article></body></html>"""
PROSE = ("Researchers of the university presented the results of a three-year project on water "
         "resources of the Syr Darya basin at an international conference, together with "
         "students and partners from abroad, and announced new grants for young scientists. ")


def article_html(title: str, body: str = PROSE * 3) -> str:
    """A page the extractor accepts as a dated English news article."""
    return ARTICLE.format(title=title, body=body)


def write_big_page(path: Path, size: int = 50 * MIB) -> Path:
    """An HTML page of ``size`` bytes, written in 1 MiB pieces."""
    para = ("<p>" + PROSE.strip() + "</p>\n").encode()
    block = para * (MIB // len(para) + 1)
    with path.open("wb") as out:
        out.write(b"<!doctype html><html><head><title>Big</title></head><body>")
        written = 0
        while written < size:
            out.write(block[:MIB])
            written += MIB
        out.write(b"</body></html>")
    return path


def write_deep_page(path: Path, depth: int = 100_000) -> Path:
    """Text inside ``depth`` nested ``<div>`` elements."""
    with path.open("w", encoding="utf-8") as out:
        out.write("<!doctype html><html><head><title>Deep nesting</title></head><body>")
        out.write("<div>" * depth)
        out.write("<p>" + PROSE * 3 + "</p>")
        out.write("</div>" * depth)
        out.write("</body></html>")
    return path


def write_gzip_bomb(path: Path, expanded: int = 1100 * MIB) -> Path:
    """A valid ``.gz`` of about 1 MB that expands to ``expanded`` bytes of spaces.

    One deflate block of 1 MiB of spaces, byte-aligned by a full flush (which also
    resets the window), is repeated; the trailer carries the true CRC and size.
    """
    head = b"<!doctype html><html><body><p>"
    chunk = b" " * MIB
    count = expanded // MIB
    compress = zlib.compressobj(9, zlib.DEFLATED, -15)
    first = compress.compress(head) + compress.flush(zlib.Z_FULL_FLUSH)
    block = compress.compress(chunk) + compress.flush(zlib.Z_FULL_FLUSH)
    crc = zlib.crc32(head)
    for _ in range(count):
        crc = zlib.crc32(chunk, crc)
    with path.open("wb") as out:
        out.write(b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff" + first)
        for _ in range(count):
            out.write(block)
        out.write(b"\x03\x00")  # final empty fixed-Huffman block
        out.write(struct.pack("<II", crc, (len(head) + count * MIB) & 0xFFFFFFFF))
    return path


def write_invalid_utf8(path: Path) -> Path:
    """A page declared UTF-8 with broken sequences in the title and body."""
    body = "Университеттің ғалымдары халықаралық конференцияда жаңа зерттеулерді ұсынды. " * 6
    html = article_html("Жаңалықтар \udcff университет", body + "\udcc3( \udce2\udc82")
    path.write_bytes(html.encode("utf-8", errors="surrogateescape"))
    return path


def write_nul_page(path: Path) -> Path:
    """An article with NUL bytes in its title and text."""
    html = article_html("NUL\x00bytes\x00headline", PROSE.replace(" ", " \x00", 5) * 3)
    path.write_bytes(html.encode("utf-8"))
    return path


def write_binary_page(path: Path, size: int = 64 * 1024) -> Path:
    """Pseudo-random bytes (an image or archive saved as .html)."""
    data = bytearray()
    state = 12345
    while len(data) < size:
        state = (state * 1103515245 + 12345) & 0x7FFFFFFF
        data += struct.pack("<I", state)
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00" + bytes(data))
    return path


def write_truncated_warc(folder: Path, path: Path, keep: float = 0.6) -> Path:
    """A WARC of the pages in ``folder``, cut at ``keep`` of its length (mid-record)."""
    folder_to_warc(folder, path)
    size = path.stat().st_size
    with path.open("r+b") as stream:
        stream.truncate(int(size * keep))
    return path


def write_jsonl(path: Path, good_html: list[tuple[str, str]], big: int = 50 * MIB) -> Path:
    """Good rows, rows that are not JSON or not objects, and one ``big``-byte row."""
    with path.open("w", encoding="utf-8") as out:
        for url, html in good_html[:1]:
            out.write(json.dumps({"url": url, "html": html}) + "\n")
        out.write('{"url": "https://bad.kz/news/1.html", "html": "<p>unterminated\n')
        out.write("this is not json at all\n")
        out.write("[1, 2, 3]\n")
        out.write('{"url": 5, "html": "<p>x</p>"}\n')
        out.write('{"url": "https://big.kz/news/huge.html", "html": "')
        para = "<p>" + PROSE.strip() + "</p>"
        block = para * (MIB // len(para) + 1)
        for _ in range(big // MIB):
            out.write(block[:MIB])
        out.write('"}\n')
        for url, html in good_html[1:]:
            out.write(json.dumps({"url": url, "html": html}) + "\n")
    return path


def make_hostile_crawl(base: Path, corpus: Path) -> list[Path]:
    """Every hostile input beside one ordinary site; returns the sources to build."""
    folder = base / "crawl"
    news = folder / "hostile.kz" / "news"
    news.mkdir(parents=True)
    write_big_page(news / "big.html")
    write_deep_page(news / "deep.html")
    write_gzip_bomb(news / "bomb.html.gz")
    write_invalid_utf8(news / "badutf8.html")
    write_nul_page(news / "nul.html")
    write_binary_page(news / "binary.html")
    (news / "fine.html").write_text(article_html("An ordinary article"), encoding="utf-8")
    shutil.copytree(corpus / "korkyt.kz", folder / "korkyt.kz")
    warc_pages = base / "warc-pages"
    (warc_pages / "warc.kz" / "news").mkdir(parents=True)
    for n in range(1, 4):
        (warc_pages / "warc.kz" / "news" / f"{n}.html").write_text(
            article_html(f"WARC article {n}", f"Item {n}. " + PROSE * 3), encoding="utf-8")
    warc = write_truncated_warc(warc_pages, base / "truncated.warc")
    warc_gz = write_truncated_warc(warc_pages, base / "truncated.warc.gz")
    good = [(f"https://json.kz/news/{n}.html", article_html(f"JSON article {n}",
                                                          f"Row {n}. " + PROSE * 3))
            for n in (1, 2)]
    jsonl = write_jsonl(base / "rows.jsonl", good)
    return [folder, warc, warc_gz, jsonl]
