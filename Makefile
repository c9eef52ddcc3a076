# `make run`: set everything up and run the pipeline on the bundled samples.
# `make test`: set everything up and run the tests.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: setup run test dev clean

$(BIN)/newsclaims: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[test]"
	touch $@

setup: $(BIN)/newsclaims

run: setup
	$(BIN)/newsclaims run

test: setup
	$(BIN)/python -m pytest -p no:logging

dev: setup
	cd $(CURDIR) && $(BIN)/dg dev

clean:
	rm -rf warehouse/*.parquet warehouse/news.duckdb warehouse/staging warehouse/batches
