"""A faster Whoosh segment writer that writes the same segments (see ``writer``)."""

from indexer.index.fast.words import Analysed, analyse_document, field_postings
from indexer.index.fast.writer import FastWriter

__all__ = ["Analysed", "FastWriter", "analyse_document", "field_postings"]
