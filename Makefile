# equalocal: `make run` serves the demo, `make test` runs the whole suite.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1:8000

# Find a Python 3.12: $PYTHON, python3.12 on PATH, or pyenv's 3.12.
PYTHON ?= $(shell command -v python3.12 2>/dev/null || \
	( command -v pyenv >/dev/null 2>&1 && ls -d "$$(pyenv root)"/versions/3.12*/bin/python3.12 2>/dev/null | sort -V | tail -1 ) || \
	ls -d $$HOME/.pyenv/versions/3.12*/bin/python3.12 2>/dev/null | sort -V | tail -1)

.PHONY: help venv run demo worker test test-fast e2e lint format messages bench check clean

help:
	@echo "make run       install, migrate, load the demo and serve on http://$(HOST)"
	@echo "make test      run the whole test suite (unit, URL-by-persona, browser + axe)"
	@echo "make test-fast run the suite without the browser tests"
	@echo "make lint      ruff, migrations check, translations check"
	@echo "make messages  update and compile the translations (en, sv)"
	@echo "make bench     run the benchmarks, print a table, write bench-results.json"

$(STAMP): pyproject.toml requirements.lock
	@if [ -z "$(PYTHON)" ]; then \
		echo "No Python 3.12 found. Install it (e.g. 'pyenv install 3.12' or 'apt-get install python3.12')"; \
		echo "or point to one: make run PYTHON=/path/to/python3.12"; exit 1; fi
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 12) else 1)' || \
		{ echo "$(PYTHON) is not Python 3.12; set PYTHON=/path/to/python3.12"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c requirements.lock -e '.[dev]'
	touch $(STAMP)

venv: $(STAMP)

run: $(STAMP)
	$(BIN)/equalocal compilemessages --ignore '.venv' -v0 || true
	$(BIN)/equalocal migrate --no-input -v0
	$(BIN)/equalocal demo --if-empty
	@trap 'kill 0' EXIT; \
	$(BIN)/equalocal worker & \
	$(BIN)/equalocal run $(HOST) --no-demo

demo: $(STAMP)
	$(BIN)/equalocal migrate --no-input -v0
	$(BIN)/equalocal demo

worker: $(STAMP)
	$(BIN)/equalocal worker

test: $(STAMP)
	$(BIN)/pytest -m "not e2e" -q
	DJANGO_ALLOW_ASYNC_UNSAFE=true $(BIN)/pytest -m e2e -q -p no:xdist

test-fast: $(STAMP)
	$(BIN)/pytest -m "not e2e" -q

e2e: $(STAMP)
	DJANGO_ALLOW_ASYNC_UNSAFE=true $(BIN)/pytest -m e2e -q -p no:xdist

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	DJANGO_SETTINGS_MODULE=equalocal.config.settings.test $(BIN)/equalocal makemigrations --check --dry-run -v1
	$(BIN)/python scripts/check_translations.py

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

messages: $(STAMP)
	cd equalocal && ../$(BIN)/django-admin makemessages -l sv --no-obsolete --no-location --ignore 'static/*'
	cd equalocal && ../$(BIN)/django-admin compilemessages -v0

bench: $(STAMP)
	DJANGO_SETTINGS_MODULE=equalocal.config.settings.test $(BIN)/equalocal bench

check: $(STAMP)
	DJANGO_SETTINGS_MODULE=equalocal.config.settings.production SECRET_KEY="$$(python3 -c 'import secrets;print(secrets.token_urlsafe(60))')" \
		ALLOWED_HOSTS=equalocal.example.org $(BIN)/equalocal check --deploy --fail-level WARNING

clean:
	rm -rf $(VENV) var/ bench-results.json
