# Inclusive Cities platform. `make run` serves the demo; `make test` runs every check.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
STAMP := $(VENV)/.installed
# Test processes (pytest-xdist); each gets its own test database (test_<name>_gw0, ...).
TEST_WORKERS ?= auto
PYTEST_ARGS ?= -q -n $(TEST_WORKERS) --durations=15

.PHONY: messages help run test test-sqlite test-postgres lint format bench bench-http install system-deps-run system-deps-test system-deps-bench demo migrate worker check-deploy serve-prod

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-16s %s\n", $$1, $$2}'

$(STAMP): requirements.txt requirements-dev.txt
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 is needed ($(PYTHON) not found)"; exit 1; }
	[ -x $(PY) ] || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

# The Welsh interface: the catalogue is compiled at install (needs Debian's gettext, from system-deps).
MO := locale/cy/LC_MESSAGES/django.mo
$(MO): locale/cy/LC_MESSAGES/django.po $(STAMP)
	$(PY) manage.py compilemessages --ignore=$(VENV) --verbosity 0

install: $(STAMP) $(MO) ## Create .venv, install pinned dependencies, compile the Welsh catalogue

system-deps-run:
	@bash scripts/system-deps.sh run

system-deps-test:
	@bash scripts/system-deps.sh test

system-deps-bench:
	@bash scripts/system-deps.sh bench

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

messages: install ## Update the Welsh catalogue from the code (then translate: docs/translation.md)
	$(PY) manage.py makemessages -l cy --ignore=$(VENV) --ignore=node_modules --ignore=var --ignore=tests --no-obsolete

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

test-sqlite: install
	@mkdir -p var
	$(PY) manage.py makemigrations --check --dry-run --settings=config.settings.test
	$(PY) -m pytest $(PYTEST_ARGS)

test-postgres: install
	bash scripts/with-postgres.sh $(PY) -m pytest $(PYTEST_ARGS) -m "not e2e"

check-deploy: install ## Django's deployment checklist with production settings
	SECRET_KEY=$$(head -c 48 /dev/urandom | base64 | tr -d '\n') DJANGO_SETTINGS_MODULE=config.settings.production \
	  $(PY) manage.py check --deploy --fail-level WARNING

test: system-deps-test install lint check-deploy test-sqlite test-postgres ## Install everything and run every check on SQLite and PostgreSQL

bench: system-deps-bench install ## Benchmarks on realistic volume, then the HTTP stage; figures go in docs/performance.md
	$(PY) -m inclusive_cities.core.bench
	$(PY) -m inclusive_cities.core.bench_http

bench-http: system-deps-bench install ## Only the HTTP stage (gunicorn + wrk) on the database the last `make bench` built
	$(PY) -m inclusive_cities.core.bench_http

serve-prod: system-deps-test install ## Serve as in production: PostgreSQL, gunicorn, task workers, static files, JSON logs
	PY=$(PY) PORT=$(PORT) bash scripts/serve-prod.sh

worker: install ## Run the background task worker (production uses TASKS_BACKEND=database)
	$(PY) manage.py tasks_lost
	$(PY) manage.py db_worker
