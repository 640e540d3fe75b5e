"""Extraction: a crawl's pages -> articles (sources, encoding, HTML, boilerplate, metadata,
dates, universities, site templates, the Spark runner)."""
