# `make run` opens the REPL on the embedded SQLite demo database; `make test` runs the suite.
# Both create .venv and install the project into it on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test lint bench fuzz sweep clean

$(BIN)/querynl: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(BIN)/querynl

run: $(BIN)/querynl
	$(BIN)/querynl

# Two workers: the suite is mostly whole `querynl` processes and database round trips, and
# every test has a database of its own, so halves of it run side by side. Work stealing: a
# worker that runs out takes tests queued for the other, so neither ends alone (the long
# multi-seed tests run first, tests/conftest.py).
TEST_WORKERS ?= 2
test: $(BIN)/querynl
	$(BIN)/pytest -q -n $(TEST_WORKERS) --dist worksteal $(PYTEST_ARGS)

lint: $(BIN)/querynl
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

bench: $(BIN)/querynl
	$(BIN)/python bench/run.py

# The schema fuzzer with fresh random draws: FUZZ_EXAMPLES schemas per dialect (CI runs a fixed few).
FUZZ_EXAMPLES ?= 170
fuzz: $(BIN)/querynl
	QUERYNL_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) QUERYNL_FUZZ_RANDOM=1 $(BIN)/pytest -q tests/fuzz -p no:cacheprovider

# Every multi-seed suite (real, own and edge-case schemas: the `seeds` marker, tests/seeds.py)
# on ten seeds each; CI runs two per schema.
SWEEP_SEEDS ?= 1 2 3 4 5 6 7 8 9 10
sweep: $(BIN)/querynl
	QUERYNL_SEEDS="$(SWEEP_SEEDS)" $(BIN)/pytest -q -n $(TEST_WORKERS) --dist worksteal -m seeds -p no:cacheprovider

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info
