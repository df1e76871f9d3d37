# Two commands do all set-up on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install demo test lint clean bench

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	rm -f eventcoder.db
	$(BIN)/eventcoder code examples/articles --db eventcoder.db -o demo-output.jsonl
	$(BIN)/eventcoder events --db eventcoder.db --limit 40
	@echo "Open the dashboard on this database: $(BIN)/eventcoder serve --db eventcoder.db   (then http://127.0.0.1:8000/)"

test: $(STAMP)
	$(BIN)/python -m pytest

# ruff, mypy, and no function above cyclomatic complexity 30 (radon grades E and F print)
lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy
	@complex="$$($(BIN)/radon cc -n E src)"; if [ -n "$$complex" ]; then \
		echo "functions above cyclomatic complexity 30:"; echo "$$complex"; exit 1; fi

bench: $(STAMP)
	$(BIN)/python bench/throughput.py --articles 200

clean:
	rm -rf $(VENV) eventcoder.db demo-output.jsonl
