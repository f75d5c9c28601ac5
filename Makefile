# equalocal: `make run` serves the demo, `make test` runs the whole suite.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1:8000
PYTEST_ARGS ?=

# A Python 3.12: $PYTHON if given, else python3.12, pyenv's 3.12 or python3 (scripts/find-python312.sh).
PYTHON_312 = $(shell PYTHON="$(PYTHON)" scripts/find-python312.sh)

.PHONY: help system venv run demo worker test test-fast e2e lint format messages api-schema bench bench-env bench-load bench-load-smoke check clean

help:
	@echo "make system    install the Debian packages (scripts/system-packages.txt), or say how"
	@echo "make run       install, migrate, load the demo and serve on http://$(HOST)"
	@echo "make test      run the whole test suite (unit, URL-by-persona, browser + axe)"
	@echo "make test-fast run the suite without the browser tests"
	@echo "make lint      ruff, migrations check, translations check"
	@echo "make messages  update and compile the translations (en, sv)"
	@echo "make api-schema write the REST API's OpenAPI document (equalocal/api/openapi.json)"
	@echo "make bench     run the benchmarks, print a table, write bench-results.json"
	@echo "make bench-load  load benchmark: gunicorn + locust, SQLite and PostgreSQL, 10/25/50 users"
	@echo "make bench-load-smoke  20 s of it on SQLite (or: make bench-load SMOKE=1); fails on errors"

$(STAMP): pyproject.toml requirements.lock
	@test -n "$(PYTHON_312)" || { PYTHON="$(PYTHON)" scripts/find-python312.sh; exit 1; }
	test -x $(BIN)/python || $(PYTHON_312) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c requirements.lock -e '.[dev]'
	touch $(STAMP)

venv: $(STAMP)

# Debian packages (Tesseract and its languages, Pango, gettext, Chromium): one list, one script,
# shared with .ci/run. It runs apt-get when it can, else prints the command and fails.
system:
	@scripts/install-system-packages.sh

run: system $(STAMP)
	$(BIN)/equalocal migrate --no-input -v0
	$(BIN)/equalocal demo --if-empty
	@trap 'kill 0' EXIT; \
	export SITE_URL=$${SITE_URL:-http://$(HOST)}; \
	$(BIN)/equalocal worker & \
	$(BIN)/equalocal run $(HOST) --no-demo

demo: $(STAMP)
	$(BIN)/equalocal migrate --no-input -v0
	$(BIN)/equalocal demo

worker: $(STAMP)
	$(BIN)/equalocal worker

# The engine's tests (equalocal/docmine) run on their own first, without Django settings.
test: system $(STAMP)
	$(BIN)/pytest equalocal/docmine -q -n auto
	$(BIN)/pytest -m "not e2e" -q -n auto --ignore=equalocal/docmine $(PYTEST_ARGS)
	DJANGO_ALLOW_ASYNC_UNSAFE=true $(BIN)/pytest -m e2e -q -p no:xdist $(PYTEST_ARGS)

test-fast: system $(STAMP)
	$(BIN)/pytest equalocal/docmine -q -n auto
	$(BIN)/pytest -m "not e2e" -q -n auto --ignore=equalocal/docmine

e2e: system $(STAMP)
	DJANGO_ALLOW_ASYNC_UNSAFE=true $(BIN)/pytest -m e2e -q -p no:xdist

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python scripts/check_imports.py
	DJANGO_SETTINGS_MODULE=equalocal.config.settings.test $(BIN)/equalocal makemigrations --check --dry-run -v1
	$(BIN)/python scripts/check_translations.py

# The committed OpenAPI document; a test fails when the API changes without it.
api-schema: $(STAMP)
	DJANGO_SETTINGS_MODULE=equalocal.config.settings.test $(BIN)/equalocal api_schema

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

messages: $(STAMP)
	cd equalocal && DJANGO_SETTINGS_MODULE=equalocal.config.settings.test ../$(BIN)/django-admin makemessages -l sv --no-obsolete --no-location --ignore 'static/*' -v0
	cd equalocal && DJANGO_SETTINGS_MODULE=equalocal.config.settings.test ../$(BIN)/django-admin compilemessages -v0

# `unstructured` in its own environment, to compare text extraction side by side in `make bench`.
# Its [pdf] extra pulls a multi-GB CUDA stack; the base package with pdfminer.six and the few
# modules its PDF partitioner imports is enough for the fast strategy (about 1.3 GB).
UNSTRUCTURED_VENV := .venv-unstructured

$(UNSTRUCTURED_VENV)/.installed:
	test -x $(UNSTRUCTURED_VENV)/bin/python || $(PYTHON_312) -m venv $(UNSTRUCTURED_VENV)
	$(UNSTRUCTURED_VENV)/bin/python -m pip install --quiet unstructured pdfminer.six pikepdf pi-heif \
		pdf2image opencv-python-headless pandas scipy onnx onnxruntime huggingface_hub matplotlib
	$(UNSTRUCTURED_VENV)/bin/python -m pip install --quiet --no-deps unstructured-inference
	touch $@

# ocrmypdf (Debian), measured beside the pipeline's OCR: scripts/system-packages-bench.txt.
bench-env: $(UNSTRUCTURED_VENV)/.installed
	@scripts/install-system-packages.sh --with-bench

bench: $(STAMP) bench-env
	DJANGO_SETTINGS_MODULE=equalocal.config.settings.test UNSTRUCTURED_PYTHON=$(UNSTRUCTURED_VENV)/bin/python \
		$(BIN)/equalocal bench

# The load benchmark: gunicorn (production extra) driven by locust (bench extra), in .venv.
LOAD_STAMP := $(VENV)/.installed-load
LOAD_ARGS ?=

$(LOAD_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -c requirements.lock -e '.[dev,production,bench]'
	touch $@

bench-load: $(LOAD_STAMP)
	$(BIN)/python scripts/bench_load.py $(if $(SMOKE),--smoke) $(LOAD_ARGS)

bench-load-smoke: $(LOAD_STAMP)
	$(BIN)/python scripts/bench_load.py --smoke $(LOAD_ARGS)

check: $(STAMP)
	DJANGO_SETTINGS_MODULE=equalocal.config.settings.production SECRET_KEY="$$(python3 -c 'import secrets;print(secrets.token_urlsafe(60))')" \
		ALLOWED_HOSTS=equalocal.example.org $(BIN)/equalocal check --deploy --fail-level WARNING

clean:
	rm -rf $(VENV) $(UNSTRUCTURED_VENV) var/ bench-results.json
