"""Reading crawls: folders, WARC files, JSON lines, and their broken parts."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from indexer.errors import SourceError
from indexer.extract.sources import MAX_PAGE_BYTES, check_sources, iter_pages, url_from_path
from indexer.models import PageFailure, RawPage

HTML = "<html><head><title>T</title></head><body><p>Сәлем</p></body></html>"


@pytest.mark.parametrize(
    ("rel", "url"),
    [
        ("kaznu.kz/kz/news/1.html", "https://kaznu.kz/kz/news/1.html"),
        ("enu.kz/ru/index.html", "https://enu.kz/ru/"),
        ("enu.kz/index.html", "https://enu.kz/"),
        ("vku.edu.kz/news/a.html.gz", "https://vku.edu.kz/news/a.html"),
        ("ektu.kz/news/жаңалық.htm", "https://ektu.kz/news/%D0%B6%D0%B0%D2%A3%D0%B0%D0%BB%D1%8B%D2%9B.htm"),
    ],
)
def test_url_from_path_follows_wget_layout(tmp_path: Path, rel: str, url: str) -> None:
    assert url_from_path(tmp_path / rel, tmp_path) == url


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def test_folder_reads_html_htm_and_gz(tmp_path: Path) -> None:
    _write(tmp_path / "enu.kz" / "a.html", HTML.encode())
    _write(tmp_path / "enu.kz" / "deep" / "b.htm", HTML.encode())
    _write(tmp_path / "enu.kz" / "c.html.gz", gzip.compress(HTML.encode()))
    _write(tmp_path / "enu.kz" / "logo.png", b"\x89PNG")
    pages = list(iter_pages([tmp_path]))
    assert [p.url for p in pages] == [
        "https://enu.kz/a.html", "https://enu.kz/c.html", "https://enu.kz/deep/b.htm"]
    assert all(isinstance(p, RawPage) and p.body == HTML.encode() for p in pages)


def test_folder_reports_corrupt_gzip_and_goes_on(tmp_path: Path) -> None:
    _write(tmp_path / "enu.kz" / "bad.html.gz", b"\x1f\x8b\x08\x00garbage")
    _write(tmp_path / "enu.kz" / "good.html", HTML.encode())
    items = list(iter_pages([tmp_path]))
    assert isinstance(items[0], PageFailure) and "unreadable" in items[0].reason
    assert isinstance(items[1], RawPage)


def test_gzip_bomb_is_refused(tmp_path: Path) -> None:
    _write(tmp_path / "enu.kz" / "bomb.html.gz", gzip.compress(b" " * (MAX_PAGE_BYTES + 10)))
    (item,) = list(iter_pages([tmp_path]))
    assert isinstance(item, PageFailure) and "expands past" in item.reason


def _warc(path: Path, records: list[tuple[str, str, bytes]]) -> None:
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=path.name.endswith(".gz"))
        for url, ctype, body in records:
            headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            record = writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                               http_headers=headers)
            writer.write_record(record)
            record.raw_stream.close()


def test_warc_yields_html_responses_with_headers(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    _warc(path, [("https://enu.kz/a", "text/html; charset=windows-1251", "Привет".encode("cp1251")),
                 ("https://enu.kz/logo.png", "image/png", b"\x89PNG")])
    (page,) = list(iter_pages([path]))
    assert page.url == "https://enu.kz/a"
    assert page.headers["content-type"] == "text/html; charset=windows-1251"
    assert page.body == "Привет".encode("cp1251")


def test_truncated_warc_keeps_earlier_records(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc"
    _warc(path, [("https://enu.kz/a", "text/html", b"<p>one</p>"),
                 ("https://enu.kz/b", "text/html", b"<p>two</p>" * 200)])
    data = path.read_bytes()
    path.write_bytes(data[: len(data) - 700])
    items = list(iter_pages([path]))
    assert isinstance(items[0], RawPage) and items[0].url == "https://enu.kz/a"
    assert any(isinstance(i, PageFailure) for i in items[1:])


def test_jsonl_reports_bad_lines(tmp_path: Path) -> None:
    path = tmp_path / "crawl.jsonl"
    path.write_text("\n".join([
        json.dumps({"url": "https://enu.kz/a", "html": HTML}, ensure_ascii=False),
        "{not json",
        json.dumps({"html": HTML}),
        json.dumps([1, 2]),
    ]), encoding="utf-8")
    items = list(iter_pages([path]))
    assert isinstance(items[0], RawPage) and items[0].body.decode() == HTML
    assert [type(i) for i in items[1:]] == [PageFailure] * 3
    assert "not JSON" in items[1].reason and "url" in items[2].reason


def test_missing_source_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="does not exist"):
        check_sources([tmp_path / "nope"])


def test_unknown_file_kind_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "x.pdf").write_bytes(b"%PDF")
    with pytest.raises(SourceError, match="not a folder"):
        check_sources([tmp_path / "x.pdf"])


def test_page_files_are_in_path_order_and_skip_linked_folders(tmp_path: Path) -> None:
    from indexer.extract.sources import page_files

    for rel in ("a/b.html", "a-b/c.html", "a/b/c.htm", "A/z.html.gz", "a/.hidden.html",
                "a/notes.txt", "b.html/x.html"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_bytes(b"<html></html>")
    (tmp_path / "link").symlink_to(tmp_path / "a", target_is_directory=True)
    (tmp_path / "c.html").symlink_to(tmp_path / "a" / "b.html")
    expected = sorted(p for p in tmp_path.rglob("*")
                      if p.is_file() and p.name.lower().endswith((".html", ".htm", ".html.gz")))
    assert page_files(tmp_path) == expected
    assert tmp_path / "c.html" in expected and not any("link" in p.parts for p in expected)
