# Nolan: `make run` for the demo council, `make test` for the whole suite. See README.md.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
ASSETS := src/nolan/web/static/nolan/build/.built

.PHONY: run test install assets lint format clean

install: $(INSTALLED) $(ASSETS)

$(INSTALLED): pyproject.toml requirements/constraints.txt
	@$(PYTHON) -c 'import sys; assert sys.version_info[:2] == (3, 11), "Nolan needs Python 3.11"' 
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c requirements/constraints.txt -e '.[dev]'
	touch $@

$(ASSETS): package.json package-lock.json scripts/build-assets.sh $(shell find src/nolan/web/scss -type f 2>/dev/null)
	bash scripts/build-assets.sh
	touch $@

assets: $(ASSETS)

run: install
	bash scripts/run-demo.sh

# Debian packages first (Node.js and npm, PostgreSQL, Chromium: only those missing), then the venv and
# the assets, then lint and the suite on SQLite and on PostgreSQL (see scripts/run-tests.sh).
test:
	bash scripts/run-tests.sh system-packages
	@$(MAKE) --no-print-directory install
	bash scripts/run-tests.sh

lint: install
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	PYTHONPATH=scripts $(BIN)/lint-imports --no-cache

format: install
	$(BIN)/ruff check --fix src tests bench
	$(BIN)/ruff format src tests bench

clean:
	rm -rf $(VENV) node_modules var src/nolan/web/static/nolan/build
