# `make run` opens the REPL on the embedded SQLite demo database; `make test` runs the suite.
# Both create .venv and install the project into it on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test lint bench clean

$(BIN)/querynl: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(BIN)/querynl

run: $(BIN)/querynl
	$(BIN)/querynl

test: $(BIN)/querynl
	$(BIN)/pytest -q $(PYTEST_ARGS)

lint: $(BIN)/querynl
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

bench: $(BIN)/querynl
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info
