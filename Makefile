# Plain entry points for editors, CI and the publish workflow.
# Needs only python3 (3.11+) and make: everything else is installed into .venv.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.regkb-installed
SOURCES ?= sources.yml
export NO_MKDOCS_2_WARNING := 1

.PHONY: site serve serve-fast test lint scrape bench clean help

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Reinstall when the dependencies change.
$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,search]'
	@touch $@

scrape: $(STAMP)  ## ingest the sources listed in sources.yml into docs/
	$(BIN)/regkb scrape --sources $(SOURCES)

site: scrape  ## ingest sources, then build the site into site/ (strict)
	$(BIN)/mkdocs build --strict --site-dir site

serve: $(STAMP)  ## live preview for editors on http://127.0.0.1:8000
	$(BIN)/mkdocs serve

serve-fast: $(STAMP)  ## the same, rebuilding only changed pages (large sites; other pages catch up on the next full build)
	$(BIN)/mkdocs serve --dirty

lint: $(STAMP)  ## ruff: checks and formatting
	$(BIN)/ruff check scraper plugins tests benchmarks
	$(BIN)/ruff format --check scraper plugins tests benchmarks

test: $(STAMP) lint  ## lint, then run the whole test suite
	$(BIN)/python -m pytest

bench: $(STAMP)  ## run the benchmarks (they print numbers; build.py takes a while)
	$(BIN)/python benchmarks/extraction.py
	$(BIN)/python benchmarks/text_capture.py
	$(BIN)/python benchmarks/glossary.py
	$(BIN)/python benchmarks/pathological.py --stages capture,html,markup,excerpt
	$(BIN)/python benchmarks/build.py --sizes 1000 --terms 200 --plain-nav none --keep .cache/bench
	$(BIN)/python benchmarks/page_load.py .cache/bench/n1000-t200/site-regkb

clean:  ## remove build output (keeps .venv)
	rm -rf site .cache
