# Two commands do all set-up on a fresh machine:
#   make demo   install, ingest the bundled examples/ into DuckDB and print what was found
#   make test   install everything the tests need (Debian's chromium included) and run them
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
DB ?= capexwatch.duckdb

.PHONY: demo test install install-test browser lint bench clean

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install -q -e .

install-test: $(BIN)/python
	$(BIN)/pip install -q -e '.[test]'

# Debian's chromium for the browser tests (Playwright drives it through executablePath).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium fonts-dejavu-core >/dev/null; }

demo: install
	rm -f $(DB)
	$(BIN)/capexwatch ingest examples --db $(DB)
	$(BIN)/capexwatch facts --db $(DB) --metric capex_plan
	$(BIN)/capexwatch report --db $(DB) --html capexwatch-report.html

test: install-test browser
	$(BIN)/python -m pytest -q

lint: install-test
	$(BIN)/pip install -q ruff mypy
	$(BIN)/ruff check capexwatch tests benchmarks
	$(BIN)/mypy capexwatch

bench: install
	$(BIN)/python benchmarks/extract.py

clean:
	rm -rf $(VENV) $(DB) test-artifacts capexwatch-report.html
