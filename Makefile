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
	$(BIN)/eventcoder kb index  # the first run then starts from the prebuilt indexes
	touch $(STAMP)

install: $(STAMP)

# The demo has its own database, so it never touches eventcoder.db (every command's default).
DEMO_DB := demo.db
DEMO_OUT := demo-output.jsonl

demo: $(STAMP)
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm $(DEMO_OUT)
	$(BIN)/eventcoder code examples/articles --db $(DEMO_DB) -o $(DEMO_OUT) --workers 1
	$(BIN)/eventcoder events --db $(DEMO_DB) --limit 40
	@echo
	@echo "Outputs: $(DEMO_DB) (SQLite: documents, events, quotes, actors, errors)"
	@echo "         $(DEMO_OUT) (one JSON document per line, see docs/schema.md)"
	@echo "Try next:"
	@echo "  $(BIN)/eventcoder events --db $(DEMO_DB) --dyad USA:RUS"
	@echo "  $(BIN)/eventcoder events --db $(DEMO_DB) --actor RUS --root 19"
	@echo "  $(BIN)/eventcoder quotes --db $(DEMO_DB) --speaker Sybiha --about RUS"
	@echo "  $(BIN)/eventcoder code your-articles/ -o events.jsonl     # your own files into eventcoder.db"
	@echo "Open the dashboard on this database: $(BIN)/eventcoder serve --db $(DEMO_DB)   (then http://127.0.0.1:8000/)"

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
	rm -rf $(VENV) $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm $(DEMO_OUT)
