"""Read a crawl into :class:`RawPage` records.

Three layouts are understood:

* a folder as ``wget --mirror`` saves it (``<host>/<path>``, any depth;
  ``.html``, ``.htm``, ``.html.gz``); the URL is derived from the path;
* a WARC file (``.warc`` / ``.warc.gz``): response records (warcio), and revisit
  records of a 304 answer (profile server-not-modified), which come out as
  :class:`Unchanged` so an update with ``--prune`` keeps those pages, and
  the crawler's metadata records of a page it could not fetch this time
  (a failure, not a removal);
* JSON lines (``.jsonl`` / ``.jsonl.gz``) of ``{"url": ..., "html": ...}`` objects
  as Scrapy writes them.

A broken page or record is yielded as a :class:`PageFailure` and reading goes
on; only a source that cannot be opened at all raises :class:`SourceError`.
"""

from __future__ import annotations

import gzip
import json
import logging
import os
import zlib
from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime
from pathlib import Path
from urllib.parse import quote

from indexer.errors import SourceError
from indexer.models import PageFailure, RawPage, Unchanged

LOGGER = logging.getLogger(__name__)

#: Pages larger than this (after decompression) are skipped, never read whole.
MAX_PAGE_BYTES = 20 * 1024 * 1024
#: A JSON-lines row longer than this is skipped unread (escaping can double a page).
MAX_LINE_CHARS = 2 * MAX_PAGE_BYTES + 4096
PAGE_SUFFIXES = (".html", ".htm", ".html.gz", ".htm.gz")
WARC_SUFFIXES = (".warc", ".warc.gz")
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson")

SourceItem = RawPage | PageFailure
#: Revisit records that say "this page did not change" (a 304 answer).
NOT_MODIFIED_PROFILES = ("/revisit/server-not-modified",)
#: WARC extension field of a revisit record: the canonical URL of the page.
CANONICAL_FIELD = "Qazsearch-Canonical-URI"
#: WARC extension field of a metadata record: why the crawler could not fetch the page.
CRAWL_ERROR_FIELD = "Qazsearch-Crawl-Error"


def iter_pages(sources: Iterable[Path]) -> Iterator[SourceItem | Unchanged]:
    """Yield every page of every source, in a stable order.

    Args:
        sources: Folders, WARC files, JSON-lines files or single HTML files.

    Raises:
        SourceError: A source does not exist or is of an unknown kind.
    """
    for source in sources:
        yield from _iter_source(Path(source))


def check_sources(sources: Iterable[Path]) -> list[Path]:
    """Validate source paths up front so a typo fails before any work starts."""
    checked = []
    for source in sources:
        path = Path(source)
        if not path.exists():
            raise SourceError(f"source '{path}' does not exist")
        known = PAGE_SUFFIXES + WARC_SUFFIXES + JSONL_SUFFIXES
        if path.is_file() and not _name_endswith(path, known):
            raise SourceError(
                f"source '{path}' is not a folder, .warc(.gz), .jsonl or .html file"
            )
        checked.append(path)
    return checked


def _iter_source(path: Path) -> Iterator[SourceItem | Unchanged]:
    if path.is_dir():
        yield from iter_folder(path)
    elif _name_endswith(path, WARC_SUFFIXES):
        yield from iter_warc(path, revisits=True)
    elif _name_endswith(path, JSONL_SUFFIXES):
        yield from iter_jsonl(path)
    elif _name_endswith(path, PAGE_SUFFIXES):
        yield read_page_file(path, path.parent)
    elif not path.exists():
        raise SourceError(f"source '{path}' does not exist")
    else:
        raise SourceError(f"source '{path}' is not a folder, .warc(.gz), .jsonl or .html file")


def _name_endswith(path: Path, suffixes: tuple[str, ...]) -> bool:
    return path.name.lower().endswith(suffixes)


# -- folders ---------------------------------------------------------------


def iter_folder(root: Path) -> Iterator[SourceItem]:
    """Yield the pages of a ``wget --mirror`` folder, sorted by path.

    An update reads every page of a crawl to hash it, so this path is lean: the
    URL comes from the path parts already split, and a file is opened unbuffered
    (what ``read_page_file`` does, at a third of its cost per page).
    """
    root_name = root.resolve().name
    for parts, path in iter_page_entries(root):
        yield read_entry(root_name, parts, path)


def read_entry(root_name: str, parts: Sequence[str], path: str) -> SourceItem:
    """The page of a :func:`page_entries` pair, under a root folder named ``root_name``."""
    return _read_file(path, _url_of_parts(parts, root_name))


def page_files(root: Path) -> list[Path]:
    """The saved pages under ``root``, in ``sorted(root.rglob("*"))`` order.

    ``os.scandir`` tells files from folders without a ``stat`` per file, which
    ``Path.rglob`` plus ``is_file`` cost an update a fifth of a second at
    10,000 pages. Like ``rglob``, it does not descend into linked folders; a
    link to a file counts as a file.
    """
    return [Path(path) for _, path in page_entries(root)]


#: A file or folder under a root: its path parts below the root, and its path.
Entry = tuple[tuple[str, ...], str]


def page_entries(root: Path) -> list[Entry]:
    """``page_files`` as (parts under ``root``, path) pairs, for :func:`read_entry`."""
    return list(iter_page_entries(root))


def iter_page_entries(root: Path) -> Iterator[Entry]:
    """:func:`page_entries` one top-level folder at a time (the same order: path parts
    sort by their first part first), so reading can start before the listing ends."""
    top = _listing((), str(root))
    if top is None:
        return
    files, folders = top
    groups: list[tuple[tuple[str, ...], list[Entry] | None]] = [
        (parts, [(parts, path)]) for parts, path in files]
    groups += [(parts, None) for parts, _ in folders]
    paths = dict(folders)
    for parts, entries in sorted(groups):
        yield from entries if entries is not None else _tree(parts, paths[parts])


def _tree(parts: tuple[str, ...], folder: str) -> list[Entry]:
    """The pages under ``folder`` (at ``parts``), sorted."""
    found: list[Entry] = []
    pending = [(parts, folder)]
    while pending:
        listed = _listing(*pending.pop())
        if listed is not None:
            found += listed[0]
            pending += listed[1]
    found.sort()  # by path parts, as pathlib compares paths
    return found


def _listing(parts: tuple[str, ...], folder: str) -> tuple[list[Entry], list[Entry]] | None:
    """(pages, subfolders) of one folder, or None when it may not be listed (as rglob)."""
    pages: list[Entry] = []
    folders: list[Entry] = []
    try:
        listing = os.scandir(folder)
    except PermissionError:
        return None
    with listing as entries:
        for entry in entries:
            if entry.is_dir() and not entry.is_symlink():
                folders.append(((*parts, entry.name), entry.path))
            elif entry.name.lower().endswith(PAGE_SUFFIXES) and entry.is_file():
                pages.append(((*parts, entry.name), entry.path))
    return pages, folders


def url_from_path(path: Path, root: Path) -> str:
    """Derive a page URL from its place in a mirror folder.

    ``root/kaznu.kz/kz/news/1.html`` -> ``https://kaznu.kz/kz/news/1.html``;
    ``index.html`` stands for its directory; a ``.gz`` suffix is dropped.
    If the files sit directly in the root, the root's own name is the host.
    """
    return _url_of_parts(path.relative_to(root).parts, root.resolve().name)


def _url_of_parts(parts: Sequence[str], root_name: str) -> str:
    """``url_from_path`` of a file at ``parts`` under a root folder named ``root_name``."""
    if len(parts) == 1 or "." not in parts[0]:
        parts = [root_name, *parts]
    name = parts[-1]
    if name.lower().endswith(".gz"):
        name = name[:-3]
    if name.lower() in ("index.html", "index.htm"):
        name = ""
    host, *middle = parts[:-1]
    path_part = "/".join([*middle, name])
    return f"https://{host}/" + quote(path_part, safe="/?=&%:@+,;~-._")


def read_page_file(path: Path, root: Path) -> SourceItem:
    """Read one saved page of the mirror folder ``root`` (a failure record if unreadable)."""
    try:
        url = url_from_path(path, root)
    except ValueError:
        url = path.as_uri()
    return _read_file(str(path), url)


def _read_file(origin: str, url: str) -> SourceItem:
    """The page saved at path ``origin``, or a failure record saying why it cannot be read."""
    try:
        with open(origin, "rb", buffering=0) as stream:
            status = os.fstat(stream.fileno())  # one stat: size and time of the file read
            if status.st_size > MAX_PAGE_BYTES:
                return PageFailure(origin, f"file larger than {MAX_PAGE_BYTES} bytes", url)
            data = stream.readall()
        if origin.lower().endswith(".gz"):
            data = _gunzip_bounded(data)
    except (OSError, EOFError, zlib.error, gzip.BadGzipFile, ValueError) as exc:
        return PageFailure(origin, f"unreadable file: {exc}", url)
    mtime = datetime.fromtimestamp(status.st_mtime)
    return RawPage(url=url, body=data, fetched_at=mtime, origin=origin)


def _gunzip_bounded(data: bytes) -> bytes:
    """Decompress gzip data, refusing to expand past MAX_PAGE_BYTES (gzip bombs)."""
    decompressor = zlib.decompressobj(16 + zlib.MAX_WBITS)
    out = decompressor.decompress(data, MAX_PAGE_BYTES + 1)
    if len(out) > MAX_PAGE_BYTES or decompressor.unconsumed_tail:
        raise ValueError(f"gzip expands past {MAX_PAGE_BYTES} bytes")
    if not decompressor.eof:
        raise ValueError("gzip data is truncated")
    return out


# -- WARC ------------------------------------------------------------------


def iter_warc(path: Path, *, revisits: bool = False) -> Iterator[SourceItem | Unchanged]:
    """Yield the HTML response records of a WARC file.

    A truncated or corrupt record ends the file with one :class:`PageFailure`;
    the records before it are kept. With ``revisits``, a server-not-modified
    revisit record yields :class:`Unchanged` for the page (its canonical URL
    when the crawler recorded one).
    """
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    try:
        stream = path.open("rb")
    except OSError as exc:
        raise SourceError(f"cannot open WARC '{path}': {exc}") from exc
    with stream:
        records = ArchiveIterator(stream, check_digests="raise")
        try:
            for record in records:
                if record.rec_type == "revisit":
                    if revisits and (unchanged := _unchanged(record)) is not None:
                        yield unchanged
                    continue
                if record.rec_type == "metadata":
                    if (error := record.rec_headers.get_header(CRAWL_ERROR_FIELD)) is not None:
                        url = record.rec_headers.get_header("WARC-Target-URI") or ""
                        yield PageFailure(f"{path}@{records.get_record_offset()}",
                                          f"not fetched: {error}", url)
                    continue
                item = _page_from_record(record, path, records)
                if item is not None:
                    yield item
        except (ArchiveLoadFailed, OSError, EOFError, zlib.error, ValueError) as exc:
            offset = records.get_record_offset() if hasattr(records, "get_record_offset") else "?"
            yield PageFailure(f"{path}@{offset}", f"corrupt or truncated WARC record: {exc}")


def _page_from_record(record, path: Path, records) -> SourceItem | None:  # type: ignore[no-untyped-def]
    from warcio.exceptions import ArchiveLoadFailed

    if record.rec_type != "response":
        return None
    url = record.rec_headers.get_header("WARC-Target-URI") or ""
    if not url.lower().startswith(("http://", "https://")):
        return None  # dns:, whois: and other non-web records
    headers: dict[str, str] = {}
    status = ""
    if record.http_headers is not None:
        status = record.http_headers.get_statuscode() or ""
        headers = {k.lower(): v for k, v in record.http_headers.headers}
    ctype = headers.get("content-type", "text/html").lower()
    wanted = status.startswith("2") or not status
    body = b""
    if wanted and ("html" in ctype or "xml" in ctype):
        try:
            body = record.content_stream().read(MAX_PAGE_BYTES + 1)
        except ArchiveLoadFailed as exc:  # digest mismatch: a damaged record
            return PageFailure(f"{path}@{records.get_record_offset()}",
                               f"damaged WARC record: {exc}", url)
        missing = getattr(record.raw_stream, "limit", 0)
        if len(body) <= MAX_PAGE_BYTES and isinstance(missing, int) and missing > 0:
            return PageFailure(f"{path}@?", f"truncated WARC record ({missing} bytes missing)",
                               url)
    # The offset is known only once the record was read (warcio reads to its end).
    origin = f"{path}@{records.get_record_offset()}"
    if not wanted:
        return PageFailure(origin, f"HTTP status {status}", url)
    if "html" not in ctype and "xml" not in ctype:
        return None
    if len(body) > MAX_PAGE_BYTES:
        return PageFailure(origin, f"record larger than {MAX_PAGE_BYTES} bytes", url)
    fetched = _parse_warc_date(record.rec_headers.get_header("WARC-Date"))
    return RawPage(url=url, body=body, headers=headers, fetched_at=fetched, origin=origin)


def _unchanged(record) -> Unchanged | None:  # type: ignore[no-untyped-def]
    """The page a 304 revisit record vouches for, else None."""
    profile = record.rec_headers.get_header("WARC-Profile") or ""
    if not profile.endswith(NOT_MODIFIED_PROFILES):
        return None
    url = record.rec_headers.get_header("WARC-Target-URI") or ""
    canonical = record.rec_headers.get_header(CANONICAL_FIELD) or url
    return Unchanged(canonical) if canonical.lower().startswith(("http://", "https://")) else None


def _parse_warc_date(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None


# -- JSON lines ----------------------------------------------------------


def iter_jsonl(path: Path) -> Iterator[SourceItem]:
    """Yield pages from a JSON-lines file of ``{"url", "html"}`` objects.

    Optional keys: ``headers`` (object), ``fetched_at`` (ISO 8601),
    ``encoding`` (ignored: the text is already decoded).
    """
    opener = gzip.open if path.name.lower().endswith(".gz") else open
    try:
        stream = opener(path, "rt", encoding="utf-8", errors="surrogateescape")
    except OSError as exc:
        raise SourceError(f"cannot open JSON lines '{path}': {exc}") from exc
    with stream:
        number = 0
        while True:
            line = stream.readline(MAX_LINE_CHARS)
            if not line:
                return
            number += 1
            if not line.endswith("\n") and len(line) >= MAX_LINE_CHARS:
                while (rest := stream.readline(MAX_LINE_CHARS)) and not rest.endswith("\n"):
                    pass  # skip the rest of an oversized line without holding it
                yield PageFailure(f"{path}:{number}", f"line longer than {MAX_LINE_CHARS} "
                                  "characters (page larger than the limit)")
                continue
            if line.strip():
                yield _page_from_json_line(line, f"{path}:{number}")


def _page_from_json_line(line: str, origin: str) -> SourceItem:
    try:
        row = json.loads(line)
    except ValueError as exc:
        return PageFailure(origin, f"line is not JSON: {exc}")
    if not isinstance(row, dict):
        return PageFailure(origin, "line is not a JSON object")
    url, html = row.get("url"), row.get("html", row.get("body"))
    if not isinstance(url, str) or not url:
        return PageFailure(origin, "object has no 'url' string")
    if not url.lower().startswith(("http://", "https://")):
        return PageFailure(origin, f"'url' is not an http(s) URL: {url[:80]!r}")
    if not isinstance(html, str):
        return PageFailure(origin, "object has no 'html' string", url)
    body = html.encode("utf-8", errors="surrogateescape")
    if len(body) > MAX_PAGE_BYTES:
        return PageFailure(origin, f"page larger than {MAX_PAGE_BYTES} bytes", url)
    raw_headers = row.get("headers")
    headers = ({str(k).lower(): str(v) for k, v in raw_headers.items()}
               if isinstance(raw_headers, dict) else {})
    # The text is already decoded: tell the decoder so it does not guess.
    headers["content-type"] = "text/html; charset=utf-8"
    fetched_at = row.get("fetched_at")
    fetched = _parse_warc_date(fetched_at) if isinstance(fetched_at, str) else None
    return RawPage(url=url, body=body, headers=headers, fetched_at=fetched, origin=origin)
