"""The Whoosh speed-ups: the only code that reads Whoosh's codec, matchers and files directly."""
