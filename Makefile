# `make run`: set everything up and run the pipeline on the bundled samples.
# `make test`: set everything up, check the code's rules (`make lint`) and run the tests.
# `make quick`: the tests that do not run the whole pipeline (under a minute).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: setup run lint test quick dev clean

$(BIN)/newsclaims: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[test,train,accurate]"
	touch $@

setup: $(BIN)/newsclaims

run: setup
	$(BIN)/newsclaims run

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

test: lint
	$(BIN)/python -m pytest -p no:logging

quick: setup
	$(BIN)/python -m pytest -p no:logging -m "not pipeline"

# The UI on the warehouse's own Dagster instance (warehouse/dagster/): it shows what `make run`
# did, keeps its runs across restarts, and plans the samples when no batch is planned yet.
dev: setup
	cd $(CURDIR) && $(BIN)/newsclaims dev

clean:
	rm -rf warehouse/*.parquet warehouse/news.duckdb warehouse/staging warehouse/batches warehouse/dagster
