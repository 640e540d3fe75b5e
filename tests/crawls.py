"""Make successive crawls of the demo corpus in the three source formats."""

from __future__ import annotations

import io
import json
import shutil
from collections.abc import Iterable
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from indexer.extract.sources import iter_folder
from indexer.models import RawPage

EDIT_MARKER = "Жаңартылған мәлімет. Updated information. Обновлённая информация."


#: The sites of the small crawl the update tests start from (fixtures ``crawl1``, ``root``).
UPDATE_SITES = ("enu.kz", "kaznu.kz")


def copy_sites(corpus: Path, target: Path, sites: Iterable[str]) -> Path:
    """Copy some sites of the corpus into ``target`` (a new crawl folder)."""
    target.mkdir(parents=True, exist_ok=True)
    for site in sites:
        shutil.copytree(corpus / site, target / site)
    return target


def article_files(folder: Path, truth: list[dict], site: str) -> list[Path]:
    """Article files of ``site`` in a crawl folder, by the truth file."""
    return [folder / t["path"] for t in truth
            if t["is_article"] and not t["broken"] and t["path"].split("/")[0] == site
            and (folder / t["path"]).exists() and not t["path"].endswith(".gz")]


def edit_article(path: Path) -> None:
    """Add a paragraph to the article body (a real content change)."""
    html = path.read_bytes().decode("utf-8")
    marker = "</p>"
    index = html.find(marker)
    assert index > 0, path
    path.write_text(html[: index + 4] + f"<p>{EDIT_MARKER}</p>" + html[index + 4:],
                    encoding="utf-8")


def change_template(path: Path) -> None:
    """Add a banner to the template only (not a content change)."""
    html = path.read_bytes().decode("utf-8")
    path.write_text(html.replace("<body", "<!-- new banner --><body", 1), encoding="utf-8")


def folder_to_warc(folder: Path, path: Path) -> Path:
    """Write the pages of a crawl folder as WARC response records."""
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=path.name.endswith(".gz"))
        for page in iter_folder(folder):
            assert isinstance(page, RawPage)
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")],
                                       protocol="HTTP/1.1")
            record = writer.create_warc_record(page.url, "response",
                                               payload=io.BytesIO(page.body), http_headers=headers)
            writer.write_record(record)
            record.raw_stream.close()
    return path


def folder_to_jsonl(folder: Path, path: Path) -> Path:
    """Write the decodable pages of a crawl folder as JSON lines."""
    from indexer.errors import ExtractionError
    from indexer.extract.encoding import decode_page

    with path.open("w", encoding="utf-8") as stream:
        for page in iter_folder(folder):
            try:
                html = decode_page(page)  # type: ignore[arg-type]
            except (ExtractionError, AttributeError):
                continue
            stream.write(json.dumps({"url": page.url, "html": html}, ensure_ascii=False) + "\n")
    return path
