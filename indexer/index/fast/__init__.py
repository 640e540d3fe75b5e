"""A faster Whoosh segment writer that writes the same segments (see ``writer``)."""

from indexer.index.fast.writer import FastWriter, field_postings

__all__ = ["FastWriter", "field_postings"]
