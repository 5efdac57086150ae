# Two commands on a fresh machine: `make run` and `make test`. See README.md.
PYTHON ?= $(shell for p in python3 python3.11 python3.12 python3.13; do command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null && echo $$p && break; done)
VENV := .venv
BIN := $(VENV)/bin
BOOT := $(BIN)/python -m wsis_portal.boot
PYTEST_ARGS ?=

.PHONY: run test lint format typecheck bench worker check-migrations messages report-messages clean-data help

help:
	@echo "make run | test | lint | typecheck | bench | worker | check-migrations | messages | clean-data"

$(BIN)/python:
	@test -n "$(PYTHON)" || (echo "Python 3.11 or newer is required" && exit 1)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.runtime: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	@touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	@touch $@ $(VENV)/.runtime

## Serve the portal with demo data at http://127.0.0.1:$${PORT:-8000} (embedded PostgreSQL and Celery unless configured)
run: $(VENV)/.runtime
	$(BOOT) run

## Run the whole test suite against PostgreSQL (the embedded one unless DATABASE_URL is set)
test: $(VENV)/.dev
	$(BOOT) test -- $(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(VENV)/.dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

typecheck: $(VENV)/.dev
	$(BOOT) exec -- $(BIN)/mypy .

check-migrations: $(VENV)/.dev
	$(BOOT) exec -- $(BIN)/python manage.py makemigrations --check --dry-run

## The annual report's own catalogue (reports/locale): extract its fixed text and update the five .po files
report-messages: $(VENV)/.dev
	$(BIN)/python -c "from reports.compile.catalogue import main; main()"

## A Celery worker alone (for a worker host; needs DATABASE_URL and CELERY_BROKER_URL)
worker: $(VENV)/.runtime
	$(BIN)/celery -A wsis_portal worker --loglevel INFO

bench: $(VENV)/.dev
	$(BOOT) exec -- $(BIN)/python -m bench.run

## Refresh the translation catalogues (the interface's, needing GNU gettext, and the report's) from the code, then compile them
messages: $(VENV)/.dev
	$(BIN)/python -m wsis_portal.catalogues extract
	$(BIN)/python -c "from reports.compile.catalogue import update; update()"
	$(BIN)/python -m wsis_portal.catalogues compile

clean-data:
	rm -rf .data
