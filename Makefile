# Inclusive Cities platform. `make run` serves the demo; `make test` runs every check.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
STAMP := $(VENV)/.installed

.PHONY: help run test test-sqlite test-postgres lint format bench install system-deps-run system-deps-test demo migrate worker check-deploy

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-16s %s\n", $$1, $$2}'

$(STAMP): requirements.txt requirements-dev.txt
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 is needed ($(PYTHON) not found)"; exit 1; }
	[ -x $(PY) ] || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

install: $(STAMP) ## Create .venv and install pinned dependencies

system-deps-run:
	@bash scripts/system-deps.sh run

system-deps-test:
	@bash scripts/system-deps.sh test

migrate: install
	@mkdir -p var/static
	$(PY) manage.py migrate --noinput

demo: migrate ## Load the real demo network (idempotent)
	$(PY) manage.py load_demo

run: system-deps-run demo ## Install, migrate, load the demo and serve on http://127.0.0.1:$(PORT)
	@$(PY) manage.py demo_accounts
	@echo "Serving on http://127.0.0.1:$(PORT)  (Ctrl+C to stop)"
	DEBUG=$${DEBUG:-0} $(PY) manage.py runserver 127.0.0.1:$(PORT)

lint: install ## ruff lint and format check
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

test-sqlite: install
	@mkdir -p var
	$(PY) manage.py makemigrations --check --dry-run --settings=config.settings.test
	$(PY) -m pytest -q

test-postgres: install
	bash scripts/with-postgres.sh $(PY) -m pytest -q -m "not e2e"

check-deploy: install ## Django's deployment checklist with production settings
	SECRET_KEY=$$(head -c 48 /dev/urandom | base64 | tr -d '\n') DJANGO_SETTINGS_MODULE=config.settings.production \
	  $(PY) manage.py check --deploy --fail-level WARNING

test: system-deps-test install lint check-deploy test-sqlite test-postgres ## Install everything and run every check on SQLite and PostgreSQL

bench: install ## Benchmarks on realistic volume; figures go in docs/performance.md
	$(PY) -m inclusive_cities.core.bench

worker: install ## Run the background task worker (production uses TASKS_BACKEND=database)
	$(PY) manage.py db_worker
