"""Search: query parsing, matching, ranking, facets, snippets, stories, suggestions and
the live index."""
