"""Index writing: the Whoosh schema, documents, builds and updates, generations, the writer
lock, reports and shards."""
