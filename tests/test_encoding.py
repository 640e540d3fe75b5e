"""Tests of indexer.extract.encoding.decode_page."""

from __future__ import annotations

import codecs

import pytest

from indexer.errors import ExtractionError
from indexer.extract.encoding import decode_page
from indexer.models import RawPage

TEXT = "Қазақстан университеттері: жаңалықтар және Новости университета"
RU = "Новости университета: открытие лаборатории материаловедения и научного центра"


def _html(text: str, meta: str = "") -> str:
    return f"<html><head>{meta}</head><body><p>{text}</p></body></html>"


def test_decode_http_header_charset() -> None:
    header = {"content-type": "text/html; charset=windows-1251"}
    page = RawPage("u", _html(RU).encode("cp1251"), header)
    assert RU in decode_page(page)


def test_decode_meta_charset_koi8r() -> None:
    page = RawPage("u", _html(RU, '<meta charset="koi8-r">').encode("koi8_r"))
    assert RU in decode_page(page)


def test_decode_http_equiv_cp1251() -> None:
    meta = '<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">'
    assert RU in decode_page(RawPage("u", _html(RU, meta).encode("cp1251")))


def test_decode_utf8_bom() -> None:
    page = RawPage("u", codecs.BOM_UTF8 + _html(TEXT).encode("utf-8"))
    text = decode_page(page)
    assert TEXT in text and not text.startswith("\ufeff")


def test_decode_utf8_beats_stale_cp1251_header() -> None:
    page = RawPage("u", _html(TEXT).encode("utf-8"), {"content-type": "text/html; charset=cp1251"})
    assert TEXT in decode_page(page)


@pytest.mark.parametrize("codec", ["cp1251", "koi8_r"])
def test_decode_detects_undeclared_cyrillic(codec: str) -> None:
    body = _html(RU * 5).encode(codec)
    assert RU in decode_page(RawPage("u", body))


@pytest.mark.parametrize(
    "body",
    [b"", b"   ", b"%PDF-1.7 binary", b"\x89PNG\r\n\x1a\n....", b"<html>\x00\x00\x00</html>"],
)
def test_decode_rejects_empty_and_binary(body: bytes) -> None:
    with pytest.raises(ExtractionError):
        decode_page(RawPage("u", body))


def test_decode_rejects_image_content_type() -> None:
    with pytest.raises(ExtractionError, match="image/jpeg"):
        decode_page(RawPage("u", b"<html></html>", {"content-type": "image/jpeg"}))


def test_decode_koi8r_http_header() -> None:
    header = {"content-type": "text/html; charset=KOI8-R"}
    assert RU in decode_page(RawPage("u", _html(RU).encode("koi8_r"), header))


def test_decode_cp1251_kazakh_letters() -> None:
    # windows-1251 has no Kazakh letters (ә, ғ, қ...); Russian text on a cp1251 page must
    # come out as Cyrillic, never as "Ð"/"Ñ" mojibake.
    meta = '<meta charset="windows-1251">'
    text = decode_page(RawPage("u", _html(RU, meta).encode("cp1251")))
    assert RU in text and "Ð" not in text


def _noise(seed: int, size: int = 3000) -> bytes:
    import random

    rng = random.Random(seed)
    return bytes(rng.randrange(0x80, 0x100) for _ in range(size))


def test_decode_reports_undecodable_page() -> None:
    body = b'<html><head><meta charset="utf-8"></head><body><p>' + _noise(1) + b"</p></body></html>"
    with pytest.raises(ExtractionError, match="undecodable"):
        decode_page(RawPage("https://x.kz/a", body))


def test_decode_reports_undeclared_noise() -> None:
    with pytest.raises(ExtractionError, match="https://x.kz/b"):
        decode_page(RawPage("https://x.kz/b", _noise(2)))


@pytest.mark.parametrize("text", [
    "", "plain", "\x00\x01\x08", "\t\n\x0b\x0c\r \x0e\x1f\x7f\x80\x9f", "Қазақ\x1bтілі",
    "\ud800\x05\udfff", "🎓\x7f" * 3, "".join(map(chr, range(0x300))),
])
def test_control_chars_counts_what_the_regex_finds(text: str) -> None:
    import re

    from indexer.extract.encoding import _control_chars

    assert _control_chars(text) == len(re.findall(r"[\x00-\x08\x0e-\x1f\x7f]", text))


def test_decode_rejects_control_character_soup() -> None:
    body = ("<html><body><p>" + "a\x01" * 500 + "</p></body></html>").encode()
    with pytest.raises(ExtractionError, match="binary"):
        decode_page(RawPage("https://x.kz/c", body))
