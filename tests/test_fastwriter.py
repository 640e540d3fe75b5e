"""FastWriter writes the same postings, lengths, stored fields and columns as Whoosh."""

from __future__ import annotations

from datetime import date
from typing import Any

from whoosh.filedb.filestore import RamStorage
from whoosh.writing import SegmentWriter

from indexer.index.documents import to_document
from indexer.index.fast import FastWriter, field_postings
from indexer.index.schema import build_schema
from indexer.models import Article

TEXTS = [
    ("kk", "Университеттерінде жаңа зертхана ашылды. Qazaqstandağy jastar — 2024 jyly!"),
    ("ru", "Студенты Казахского национального университета им. аль-Фараби победили."),
    ("en", "The university's students won O'Brien's prize; UBT results are out, 12 % more."),
    ("", "Жаңғыру zhangyru жаңғыруы Zhanyru ёлка ЁЛКА нұр Nur ата әл-Фараби"),
    ("kk", "  ... — !!! "),
]


def _articles() -> list[Article]:
    return [Article(url=f"https://kaznu.kz/news/{n}", title=f"Title {n} {text[:20]}",
                    text=text * (n + 1), date=date(2024, 1, 1 + n), lang=lang,
                    university="kaznu", site="kaznu.kz", alternates={}, fingerprint=str(n))
            for n, (lang, text) in enumerate(TEXTS)]


def _dump(ix: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    with ix.searcher() as searcher:
        reader = searcher.reader()
        for fieldname, text in reader.all_terms():
            matcher = reader.postings(fieldname, text)
            items = []
            while matcher.is_active():
                items.append((matcher.id(), matcher.weight(), matcher.value()))
                matcher.next()
            out[(fieldname, text)] = items
        for docnum in range(reader.doc_count_all()):
            out[("stored", docnum)] = reader.stored_fields(docnum)
            for fieldname in reader.schema.scorable_names():
                out[("length", docnum, fieldname)] = reader.doc_field_length(docnum, fieldname) or 0
        for fieldname in reader.schema.names():
            if reader.has_column(fieldname):
                out[("column", fieldname)] = list(reader.column_reader(fieldname))
            out[("total", fieldname)] = reader.field_length(fieldname)
    return out


def _write(writer_class: type) -> dict[str, Any]:
    ix = RamStorage().create_index(build_schema())
    with writer_class(ix) as writer:
        for article in _articles():
            writer.add_document(**to_document(article))
    return _dump(ix)


def test_same_index_as_segment_writer() -> None:
    assert _write(FastWriter) == _write(SegmentWriter)


def test_same_postings_per_field() -> None:
    schema = build_schema()
    for article in _articles():
        for name, value in to_document(article).items():
            field = schema[name]
            if field.indexed:
                assert sorted(field_postings(field, value)) == sorted(field.index(value)), name


def test_full_writer_rolls_into_unmerged_segments(monkeypatch) -> None:
    from indexer.index import shards
    from indexer.index.fast import writer as fast_writer

    monkeypatch.setattr(fast_writer, "POSTING_BYTES", 2**20)  # a posting is a MB: always full
    monkeypatch.setattr(shards, "WRITER_LIMIT_MB", 1)
    ix = RamStorage().create_index(build_schema())
    updater = shards._Updater(ix)
    for article in _articles():
        updater.update(to_document(article))
    updater.commit()
    assert len(ix._segments()) == len(TEXTS)
    assert _dump(ix) == _write(SegmentWriter)


def test_worker_analysis_gives_the_same_index(tmp_path, corpus_dir) -> None:
    from whoosh import index as whoosh_index

    from indexer.index import generations
    from indexer.index.build import build_index

    dumps = []
    for jobs in (1, 2):  # with 2, the extraction workers analyse the text
        root = tmp_path / f"jobs{jobs}"
        build_index([corpus_dir], root, jobs=jobs)
        dumps.append(_dump(whoosh_index.open_dir(str(generations.current_dir(root)))))
    assert dumps[0] == dumps[1]


def test_direct_word_terms_are_the_analyzers() -> None:
    from indexer.index.fast.words import _direct, fast_indexer

    words = ["Университеттерінде", "Qazaqstandağy", "jastar", "2024", "O'Brien's", "university's",
             "ёлка", "ЁЛКА", "нұр", "Nur", "ата", "әл", "Фараби", "zhangyru", "жаңғыруы", "UBT",
             "köşti", "koshti", "көшті", "tarihynyng", "студенты", "Казахского", "men", "мен",
             "й\u0306", "e\u0301cole", "ʼ", "x", "Ш", "12", "иіссу", "технология", "Gumilyov"]
    words += [w for _, text in TEXTS for w in text.split()]
    schema = build_schema()
    for name, field in schema.items():
        indexer = fast_indexer(field)
        if indexer is None:
            continue
        direct = _direct(field.analyzer.items[1:])
        for word in words:
            for found in indexer.findall(word):
                expected = [t.text for t in field.analyzer(found, mode="index")]
                assert list(direct(found)) == expected, (name, found)
