"""A faster Whoosh segment writer that writes the same segments (see ``writer``)."""

from indexer.index.fast.writer import Analysed, FastWriter, analyse_document, field_postings

__all__ = ["Analysed", "FastWriter", "analyse_document", "field_postings"]
