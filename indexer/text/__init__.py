"""Text analysis: language identification, the per-language analyzers, the Kazakh stemmer,
transliteration and fingerprints."""
