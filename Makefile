# Two commands do all set-up on a fresh machine:
#   make demo   install, ingest the bundled examples/ into DuckDB and print what was found
#   make test   install everything the tests need (Debian's chromium included) and run them
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
DB ?= capexwatch.duckdb

.PHONY: demo test install install-test browser compiler lint bench clean compiled test-compiled

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
	$(MAKE) --no-print-directory test-compiled

# A C compiler for the compiled build (Debian's gcc; the Python headers come with the Python).
compiler:
	@command -v gcc >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq gcc >/dev/null; }

# The reader compiled with mypyc (the hatch-mypyc hook in pyproject.toml, off by default) in
# its own environment: a wheel built from this checkout, installed with the test extras.
# Needs a C compiler and the headers of the Python that builds it. The wheel is built from an
# sdist in a temporary folder, so no compiled module is left beside the sources to shadow edits.
CVENV ?= .venv-compiled
CBIN := $(CVENV)/bin

compiled: compiler
	test -x $(CBIN)/python || $(PY) -m venv $(CVENV)
	$(CBIN)/pip install -q --upgrade pip
	$(CBIN)/pip install -q build
	rm -rf build/wheels
	HATCH_BUILD_HOOK_ENABLE_MYPYC=1 $(CBIN)/python -m build -q -o build/wheels .
	$(CBIN)/pip install -q --force-reinstall --no-deps build/wheels/capexwatch-*.whl
	$(CBIN)/pip install -q "$$(ls build/wheels/capexwatch-*.whl)[test]"

# The test suite against the compiled reader (run by `make test`). `pytest` the script, not
# `python -m pytest`, so that the checkout's pure-Python package is not first on sys.path;
# tests/test_compiled.py checks that the compiled modules are the ones imported.
test-compiled: compiled
	CAPEXWATCH_EXPECT_COMPILED=1 $(CBIN)/pytest -q -o addopts="-p no:cacheprovider" -m "not browser" tests

lint: install-test
	$(BIN)/pip install -q ruff mypy
	$(BIN)/ruff check capexwatch tests benchmarks
	$(BIN)/mypy capexwatch

# Reader speed in both builds: pure Python (the editable install) and compiled (mypyc).
bench: install compiled
	$(BIN)/python benchmarks/extract.py
	$(CBIN)/python benchmarks/extract.py

clean:
	rm -rf $(VENV) $(CVENV) build $(DB) test-artifacts capexwatch-report.html
