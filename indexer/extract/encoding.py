"""Turn a page's bytes into text: HTTP charset, BOM, ``<meta charset>``, then detection.

Many .kz sites still serve windows-1251 (and a few KOI8-R). A page that is binary or that no
candidate encoding decodes cleanly raises :class:`~indexer.errors.ExtractionError`; it never
comes out as mojibake.

Libraries do the reading: the HTTP header's charset is parsed by the standard library's
``email.message``, the byte-order mark and the ``<meta charset>`` / ``http-equiv``
declaration by beautifulsoup4's ``EncodingDetector``, and detection is charset-normalizer's,
restricted to the encodings a page from Kazakhstan plausibly uses. This module decides the
order and what to distrust.
"""

from __future__ import annotations

import codecs
import logging
from email.message import Message

from bs4.dammit import EncodingDetector
from charset_normalizer import from_bytes

from indexer.errors import ExtractionError
from indexer.models import RawPage

logger = logging.getLogger(__name__)

_UNICODE_WIDE = ("utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be")
_BINARY_MAGIC = (
    b"%PDF", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04", b"\x1f\x8b", b"Rar!",
    b"\xd0\xcf\x11\xe0", b"RIFF", b"\x00\x00\x01\x00", b"OggS", b"ID3", b"7z\xbc\xaf",
)
_BINARY_TYPES = ("image/", "audio/", "video/", "application/pdf", "application/zip",
                 "application/octet-stream", "font/")
# Detection is only trusted among encodings a page from Kazakhstan plausibly uses.
_DETECTABLE = ("utf_8", "cp1251", "koi8_r", "cp866", "iso8859_5", "mac_cyrillic", "cp1252",
               "ascii", "latin_1", "kz1048")
# C0 controls other than the white space ones (\t \n \v \f \r), and DEL.
_CONTROL_BYTES = bytes((*range(0x00, 0x09), *range(0x0E, 0x20), 0x7F))


def _known(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name.strip().strip("\"'").lower()).name
    except LookupError:
        logger.debug("unknown charset %r", name)
        return None


def _decode(body: bytes, encoding: str, url: str) -> str | None:
    try:
        text = body.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        logger.debug("%s: declared %s does not decode", url, encoding)
        return None
    return text


def _looks_binary(page: RawPage) -> str | None:
    ctype = page.headers.get("content-type", "").lower()
    if any(ctype.startswith(t) for t in _BINARY_TYPES):
        return f"content type {ctype.split(';')[0]} is not HTML"
    head = page.body[:16]
    if any(head.startswith(m) for m in _BINARY_MAGIC):
        return "the body is a binary file (magic number), not HTML"
    sample = page.body[:4096]
    if b"\x00" in sample and not sample.startswith(
        (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
    ):
        return "the body holds NUL bytes (binary data)"
    return None


def _declared(page: RawPage) -> tuple[list[str], bool]:
    """Encodings the page declares, strongest first: BOM, HTTP header, ``<meta>``; and
    whether the page starts with a byte-order mark."""
    found: list[str] = []
    _rest, bom = EncodingDetector.strip_byte_order_mark(page.body[:4])
    if name := _known(bom):
        found.append(name)  # a BOM beats a stale header
    header = Message()
    header["content-type"] = page.headers.get("content-type", "")
    if name := _known(header.get_content_charset()):
        found.append(name)
    meta = EncodingDetector.find_declared_encoding(page.body[:4096], is_html=True)
    if name := _known(meta):
        found.append(name)
    return found, bom is not None


def _detect(body: bytes) -> str | None:
    best = from_bytes(body[:65536], cp_isolation=list(_DETECTABLE)).best()
    return best.encoding if best is not None else None


def decode_page(page: RawPage) -> str:
    """Decode a page's bytes to text.

    Order: the HTTP ``Content-Type`` charset, a byte-order mark, ``<meta charset>`` or
    ``http-equiv``, then detection with charset-normalizer. A declared encoding that fails
    to decode the bytes is skipped (servers often lie); detection decides then.

    Args:
        page: The raw page.

    Returns:
        The page as text, without a BOM.

    Raises:
        ExtractionError: The page is empty, binary, or no encoding decodes it cleanly.
    """
    if not page.body or page.body.isspace():  # = not body.strip(), without the copy
        raise ExtractionError(f"{page.url}: empty page")
    reason = _looks_binary(page)
    if reason:
        raise ExtractionError(f"{page.url}: {reason}")
    utf8 = _decode(page.body, "utf-8", page.url)
    if utf8 is not None and not page.body.isascii():
        # Valid multi-byte UTF-8 almost never happens by chance in a single-byte
        # encoding, so it beats a stale windows-1251 declaration.
        return _checked(utf8.lstrip("\ufeff"), page.url)
    declared, has_bom = _declared(page)
    for encoding in declared:
        if encoding in _UNICODE_WIDE and not has_bom:
            continue  # an ASCII page cannot really be UTF-16; the <meta> is wrong
        text = _decode(page.body, encoding, page.url)
        if text is not None:
            return _checked(text.lstrip("\ufeff"), page.url)
    if utf8 is not None:
        return _checked(utf8, page.url)
    detected = _detect(page.body)
    if detected:
        text = _decode(page.body, detected, page.url)
        if text is not None:
            logger.debug("%s: detected %s", page.url, detected)
            return _checked(text, page.url)
    raise ExtractionError(f"{page.url}: undecodable bytes (no declared or detected charset fits)")


def _control_chars(text: str) -> int:
    """How many characters of ``text`` are controls (:data:`_CONTROL_BYTES`).

    Counted in the UTF-8 bytes, where each of them is that one byte and no other character
    has a byte below 0x80: ``bytes.translate`` deletes them in C, several times faster
    than a regex scan of the page.
    """
    raw = text.encode("utf-8", "surrogatepass")
    return len(raw) - len(raw.translate(None, _CONTROL_BYTES))


def _checked(text: str, url: str) -> str:
    """Reject text that decoded but is clearly not a document (control characters)."""
    sample = text[:8192]
    if sample and _control_chars(sample) > 0.01 * len(sample):
        raise ExtractionError(f"{url}: the body is binary data, not text")
    return text
