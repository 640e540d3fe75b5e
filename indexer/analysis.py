"""Where indexes written before the stage subpackages find their analyzers.

Whoosh pickles the schema, analyzer classes included, into every index. Generations
written when the analyzers lived in this module name ``indexer.analysis.StemFilter``
and its siblings, so these names stay importable here: such generations still open
for rollback and ``update``. New code imports :mod:`indexer.text.analysis`.
"""

from indexer.text.analysis import FoldFilter, NormalizeFilter, StemFilter

__all__ = ["FoldFilter", "NormalizeFilter", "StemFilter"]
