# The two commands a newcomer needs (see README):
#   make maps   - create .venv, install argmap, draw every map in arguments/ into maps/
#                 (and the small example map in examples/ beside it)
#   make test   - create .venv, install argmap with test extras, run the whole test suite
# and for developers (see CONTRIBUTING.md):
#   make quick  - the suite without slow and browser tests, for the edit-test loop
#   make readme - re-run every example of README.md and write its real output into the file (cog),
#                 and the performance tables of README.md and docs/performance.md from bench/stages.json
#   make bench  - run the benchmarks (bench/stages.py keeps its figures in bench/stages.json)
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: maps test quick readme bench install install-test clean

maps: $(VENV)/.installed
	$(BIN)/argmap build arguments -o maps --engine embedded --parts 16
	$(BIN)/argmap build examples -o examples --engine embedded

# -n auto: one pytest-xdist worker per core
test: $(VENV)/.installed-test
	$(BIN)/python -m pytest -n auto

quick: $(VENV)/.installed-test
	$(BIN)/python -m pytest -n auto -m "not slow and not browser"

readme: $(VENV)/.installed-test
	$(BIN)/cog -r -I tests README.md
	$(BIN)/cog -r -I tests $$(grep -l "\[\[\[cog" docs/*.md)

bench: $(VENV)/.installed-bench
	$(BIN)/python bench/stages.py --json bench/stages.json
	$(BIN)/python bench/pipeline.py
	$(BIN)/python bench/semantics.py
	$(BIN)/python bench/engines.py
	$(BIN)/python bench/scc.py
	$(BIN)/python bench/scaling.py --quick
	$(BIN)/python bench/gradual.py
	$(BIN)/python bench/import.py

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

$(BIN)/python:
	$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "argmap needs Python 3.11 or newer"'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade -e '.[test]'
	touch $@ $(VENV)/.installed

$(VENV)/.installed-bench: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade -e '.[test,bench]'
	touch $@ $(VENV)/.installed-test $(VENV)/.installed

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info
