# Turbota: `make run` starts the demo, `make test` is the single gate.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint types fmt migrations-check pytest install clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

install: $(VENV)/.installed

run: install
	$(BIN)/turbota migrate --no-input
	$(BIN)/turbota load_reference
	$(BIN)/turbota load_demo
	@# A worker for background jobs (long imports) runs beside the server and stops with it.
	$(BIN)/turbota qcluster & trap 'kill $$! 2>/dev/null' EXIT INT TERM; \
	  TURBOTA_DEBUG=1 $(BIN)/turbota runserver $(HOST):$(PORT)

test: install lint types migrations-check pytest

lint: install
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .

types: install
	$(BIN)/mypy

migrations-check: install
	$(BIN)/turbota makemigrations --check --dry-run

pytest: install
	$(BIN)/pytest $(PYTEST_ARGS)

fmt: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache
