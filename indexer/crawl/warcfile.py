"""Write the crawl as WARC records (warcio): request + response, or revisit for a 304.

The file is appended to; ``committed`` is the length that the crawl state
vouches for, and anything past it (a record half-written when the crawler was
killed) is cut off when the file is opened again. Bodies are stored decoded
(no Content-Encoding), so any WARC reader sees the HTML as is.
"""

from __future__ import annotations

import io
from pathlib import Path
from urllib.parse import urlsplit

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from indexer import __version__
from indexer.crawl.fetch import Fetched
from indexer.extract.sources import CANONICAL_FIELD, CRAWL_ERROR_FIELD

#: Revisit profile of a 304 answer (WARC 1.1, section 6.7.3).
NOT_MODIFIED = "http://netpreserve.org/warc/1.1/revisit/server-not-modified"
_DROPPED = {"content-encoding", "transfer-encoding", "content-length"}


class WarcOut:
    """An open WARC being appended to.

    Args:
        path: The ``.warc`` or ``.warc.gz`` file (gzip by suffix).
        committed: Bytes of the file known to be complete; the rest is cut off.
        info: Fields of the ``warcinfo`` record written at the start of a new file.
    """

    def __init__(self, path: Path, committed: int, info: dict[str, str]) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.stream = path.open("r+b" if path.exists() else "w+b")
        self.stream.truncate(committed)
        self.stream.seek(committed)
        self.writer = WARCWriter(self.stream, gzip=path.name.endswith(".gz"),
                                 warc_version="1.1")
        if committed == 0:
            fields = {"software": f"qazsearch/{__version__}", "format": "WARC File Format 1.1",
                      **info}
            self.writer.write_record(self.writer.create_warcinfo_record(path.name, fields))

    def close(self) -> None:
        """Flush and close the file."""
        self.stream.close()

    def commit(self) -> int:
        """Flush what was written; the new committed length."""
        self.stream.flush()
        return self.stream.tell()

    def response(self, page: Fetched) -> None:
        """Write the request and response records of one full answer."""
        request = self._request(page)
        headers = [(k, v) for k, v in page.headers if k.lower() not in _DROPPED]
        headers.append(("Content-Length", str(len(page.body))))
        http = StatusAndHeaders(f"{page.status} {page.reason}", headers, protocol="HTTP/1.1")
        record = self.writer.create_warc_record(
            page.url, "response", payload=io.BytesIO(page.body), length=len(page.body),
            http_headers=http)
        self._pair(request, record)

    def revisit(self, page: Fetched, refers_to_date: str | None, canonical: str | None) -> None:
        """Write the request and a server-not-modified revisit record of a 304."""
        request = self._request(page)
        http = StatusAndHeaders(f"{page.status} {page.reason}", list(page.headers),
                                protocol="HTTP/1.1")
        fields = {"WARC-Profile": NOT_MODIFIED, "WARC-Refers-To-Target-URI": page.url}
        if refers_to_date:
            fields["WARC-Refers-To-Date"] = refers_to_date
        if canonical and canonical != page.url:
            fields[CANONICAL_FIELD] = canonical
        record = self.writer.create_warc_record(page.url, "revisit", http_headers=http,
                                                warc_headers_dict=fields)
        self._pair(request, record)

    def failure(self, url: str, kind: str, message: str) -> None:
        """Write a metadata record saying why a page known from before was not fetched now."""
        body = f"crawl-error: {kind}\r\nmessage: {message}\r\n".encode()
        record = self.writer.create_warc_record(
            url, "metadata", payload=io.BytesIO(body), length=len(body),
            warc_content_type="application/warc-fields",
            warc_headers_dict={CRAWL_ERROR_FIELD: kind})
        self.writer.write_record(record)

    def _request(self, page: Fetched):  # type: ignore[no-untyped-def]
        parts = urlsplit(page.url)
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        http = StatusAndHeaders(f"GET {target} HTTP/1.1", list(page.request_headers),
                                is_http_request=True)
        return self.writer.create_warc_record(page.url, "request", http_headers=http)

    def _pair(self, request, record) -> None:  # type: ignore[no-untyped-def]
        record_id = record.rec_headers.get_header("WARC-Record-ID")
        request.rec_headers.add_header("WARC-Concurrent-To", record_id)
        self.writer.write_record(record)
        self.writer.write_record(request)
