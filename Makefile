# The README's two commands are `make run` and `make test`; both set up everything they
# need in .venv (Python 3.11+ is all a fresh machine needs).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STORE ?= newsgraph-data
PORT ?= 8000

.PHONY: run test install install-test lint clean

# Create the environment, install newsgraph (and its spaCy model), ingest the seeds, serve.
run: install
	$(BIN)/newsgraph ingest seeds --store $(STORE)
	$(BIN)/newsgraph serve --store $(STORE) --host 127.0.0.1 --port $(PORT)

# Install as a user would (not editable) with the test tools, then lint, type-check (mypy)
# and run every test (tests/test_architecture.py keeps the imports pointing one way).
test: install-test
	@if command -v npm >/dev/null; then npm ci --prefix tests/js --no-audit --no-fund --silent; \
	else echo "npm not found: the Comunica client test will be skipped"; fi
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python tools/typecheck.py
	$(BIN)/python -m pytest $(PYTEST_ARGS)

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/python -m pip install --quiet .

install-test: $(BIN)/python
	$(BIN)/python -m pip install --quiet ".[test]"

lint: install-test
	$(BIN)/ruff check . && $(BIN)/ruff format --check . && $(BIN)/python tools/typecheck.py

clean:
	rm -rf $(VENV) build *.egg-info $(STORE)
