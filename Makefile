# Assurance: the two commands a fresh machine needs are `make demo` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_DATA ?= $(CURDIR)/demo-data

.PHONY: demo test lint typecheck unit install clean

$(STAMP): pyproject.toml package.json package-lock.json
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	npm ci --no-audit --no-fund --loglevel=error
	@touch $(STAMP)

install: $(STAMP)

## demo: generate the synthetic West Mercia force and its peers, ingest them, print the summary
demo: $(STAMP)
	ASSURANCE_DATA_DIR=$(DEMO_DATA) $(BIN)/assurance demo --fresh

## test: lint (ruff), type-check (mypy, strict on the pure core), run every test (pytest)
test: $(STAMP) lint typecheck
	$(BIN)/python -m pytest -n 2 -q

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

typecheck: $(STAMP)
	$(BIN)/mypy

clean:
	rm -rf $(VENV) $(DEMO_DATA) .pytest_cache .mypy_cache .ruff_cache
