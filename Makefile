# The README's two commands: `make run` and `make test`. Both set up .venv themselves.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
INDEX  ?= index
HOST   ?= 127.0.0.1
PORT   ?= 5000

.PHONY: run test test-fast lint fuzz loadtest bench bench-perf bench-extract bench-conflation bench-langid \
	bench-relevance bench-known-item bench-ranking bench-scaling corpus translations clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python setup.cfg pyproject.toml
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

$(VENV)/.installed-bench: $(VENV)/.installed
	$(BIN)/pip install --quiet -e '.[bench]'
	touch $@

$(INDEX)/CURRENT: | $(VENV)/.installed
	$(BIN)/qazsearch build corpus/ --index $(INDEX)

run: $(VENV)/.installed $(INDEX)/CURRENT
	$(BIN)/qazsearch serve --index $(INDEX) --host $(HOST) --port $(PORT)

test: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/pytest

# Everything but the tests marked slow (Spark, kill -9, disk full, whole-corpus builds).
test-fast: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/pytest -m "not slow"

$(VENV)/.installed-dev: $(VENV)/.installed-test
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/mypy

bench-extract: $(VENV)/.installed-bench
	$(BIN)/python bench/extraction.py --markdown
	$(BIN)/python bench/realnews_extract.py

bench-conflation: $(VENV)/.installed
	$(BIN)/python bench/conflation.py

bench-langid: $(VENV)/.installed
	$(BIN)/python bench/langid.py

bench-relevance: $(VENV)/.installed
	$(BIN)/python bench/relevance.py

# Known-item search on real pages (needs ../shared/data/realnews-dev).
bench-known-item: $(VENV)/.installed
	$(BIN)/python bench/known_item.py

bench-ranking: $(VENV)/.installed
	$(BIN)/python bench/ranking.py

bench-perf: $(VENV)/.installed-bench
	$(BIN)/python bench/run.py --markdown bench-perf.md

bench-scaling: $(VENV)/.installed-bench
	$(BIN)/python bench/scaling.py

bench: bench-extract bench-conflation bench-langid bench-relevance bench-known-item bench-ranking bench-perf

# >= 10k hypothesis examples per fuzz test (make test runs a few dozen).
fuzz: $(VENV)/.installed-test
	QAZSEARCH_FUZZ_EXAMPLES=10000 $(BIN)/pytest -p no:cacheprovider tests/test_fuzz.py \
		--hypothesis-show-statistics

# 50 clients for 60 s on 127.0.0.1 while two updates switch generations.
loadtest: $(VENV)/.installed
	$(BIN)/python bench/loadtest.py --markdown

corpus: $(VENV)/.installed
	$(BIN)/python tools/make_corpus.py

translations: $(VENV)/.installed
	$(BIN)/pybabel extract -F babel.cfg -k _ -k N_ -o webapp/translations/messages.pot webapp indexer
	$(BIN)/pybabel update -i webapp/translations/messages.pot -d webapp/translations
	$(BIN)/pybabel compile -d webapp/translations

clean:
	rm -rf $(VENV) $(INDEX) .pytest_cache .ruff_cache
