VENV ?= .venv
PYTHON ?= python3
BIN := $(VENV)/bin

.PHONY: demo test lint bench docs-pictures clean

# The environment, made once and refreshed when pyproject.toml changes.
$(BIN)/python:
	@$(PYTHON) -c "import sys; sys.exit(0 if sys.version_info >= (3, 11) else \"hrddp needs Python 3.11 or newer; set PYTHON=python3.11 (or newer)\")"
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e ".[all]"
	touch $@

$(VENV)/.installed-test: $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@ $(VENV)/.installed

## make demo: set up .venv and run hrddp on the sample dossier
demo: $(VENV)/.installed
	$(BIN)/hrddp validate sample-dossier
	$(BIN)/hrddp status sample-dossier
	$(BIN)/hrddp brief sample-dossier --format html -o sample-memo.html
	@echo "The decision memo for an internal audience: sample-memo.html"

## make test: set up .venv with the test tools and run the whole suite
test: $(VENV)/.installed-test
	$(BIN)/python -m pytest

## make lint: ruff and mypy
lint: $(VENV)/.installed-test
	$(BIN)/ruff check hrddp_cli tests benchmarks
	$(BIN)/ruff format --check hrddp_cli tests benchmarks
	$(BIN)/mypy

$(VENV)/.installed-bench: $(VENV)/.installed-test
	$(BIN)/python -m pip install --quiet -e ".[dev,bench]"
	touch $@

## make bench: the benchmarks of benchmarks/README.md (installs check-jsonschema to compare with)
bench: $(VENV)/.installed-bench
	$(BIN)/python benchmarks/run.py
	$(BIN)/python benchmarks/history.py
	$(BIN)/python benchmarks/brief.py

## make docs-pictures: the memo's look in docs/images (needs chromium and pdftoppm; not part of make test)
docs-pictures: $(VENV)/.installed
	$(BIN)/hrddp brief sample-dossier --as-of 2026-11-29 -o build/sample-memo.html
	$(BIN)/hrddp brief sample-dossier --as-of 2026-11-29 -o build/sample-memo.pdf
	chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1000,1400 \
		--screenshot=docs/images/memo-html.png file://$(CURDIR)/build/sample-memo.html
	pdftoppm -png -r 60 -singlefile -f 1 -l 1 build/sample-memo.pdf docs/images/memo-pdf-page1
	pdftoppm -png -r 60 -singlefile -f 3 -l 3 build/sample-memo.pdf docs/images/memo-pdf-page3

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache .hypothesis
