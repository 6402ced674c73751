# The two commands a person needs: `make run` starts Tailor, `make test` runs the whole suite
# (`make test-fast` runs the unit tests only).
# Both create the virtual environment and install what is missing first.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: run test test-fast lint system-deps bench clean-data eval

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/tailor serve

# Chromium (browser tests), poppler's pdftoppm (PDF page images) and HAProxy (the balancer test)
# come from Debian's packages.
system-deps:
	@bash scripts/system-deps.sh

lint: $(STAMP)
	$(BIN)/ruff check .

test: $(STAMP) system-deps lint
	$(BIN)/python -m pytest

# The quick loop while coding: unit tests and the pure engines and documents, no database, no
# server, no browser (tests/unit only).
test-fast: $(STAMP) lint
	$(BIN)/python -m pytest tests/unit -q

bench: $(STAMP)
	$(BIN)/pip install --quiet -e '.[bench]'
	for script in bench/*.py; do $(BIN)/python $$script || exit 1; done

# Golden tailoring cases through deterministic scorers; with OPENAI_BASE_URL, OPENAI_API_KEY and
# TAILOR_MODEL_NAME set, also through the real pipeline with that model.
eval: $(STAMP)
	$(BIN)/python -m evals.run
