# The README's two commands: `make run` and `make test`. Both set up .venv themselves.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
INDEX  ?= index
HOST   ?= 127.0.0.1
PORT   ?= 5000

.PHONY: run test lint fuzz bench bench-extract bench-conflation bench-langid corpus translations clean

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

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .

bench-extract: $(VENV)/.installed-bench
	$(BIN)/python bench/extraction.py --markdown

bench-conflation: $(VENV)/.installed
	$(BIN)/python bench/conflation.py

bench-langid: $(VENV)/.installed
	$(BIN)/python bench/langid.py

bench: bench-extract bench-conflation bench-langid

corpus: $(VENV)/.installed
	$(BIN)/python tools/make_corpus.py

translations: $(VENV)/.installed
	$(BIN)/pybabel extract -F babel.cfg -k _ -o webapp/translations/messages.pot webapp
	$(BIN)/pybabel update -i webapp/translations/messages.pot -d webapp/translations
	$(BIN)/pybabel compile -d webapp/translations

clean:
	rm -rf $(VENV) $(INDEX) .pytest_cache .ruff_cache
