# Hearth's two commands: `make run` and `make test`. Everything else here serves them.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8000

.PHONY: run test bench install install-dev lint audit clean messages

run: export DEBUG ?= true
run: export PATH := $(abspath $(VENV))/bin:$(PATH)
# Links in messages and emails point at the port this run serves on.
run: export HEARTH_BASE_URL ?= http://127.0.0.1:$(PORT)
run:
	@echo "[1/4] Installing Hearth and its dependencies into $(VENV) (the first time takes a minute or two)..."
	@$(MAKE) --no-print-directory install
	@echo "[2/4] Bringing the database in var/ up to date (the first time creates it)..."
	$(PY) manage.py migrate --noinput
	@$(MAKE) --no-print-directory messages
	@echo "[3/4] Loading the demo (the first time builds weeks of history: about a minute; later, seconds)..."
	$(PY) manage.py seed_demo
	@echo "[4/4] Hearth is starting on http://127.0.0.1:$(PORT)/ (web, worker, scheduler). Ctrl-C stops them all."
	@echo "      Emails are printed here, in full, on the web.1 and worker.1 lines. To start over: rm -rf var && make run"
	honcho start --procfile Procfile --port $(PORT)

test: install-dev
	@if [ -n "$$DATABASE_URL" ]; then echo "Tests use the database in DATABASE_URL ($${DATABASE_URL%%:*})."; \
		else echo "Tests use the embedded SQLite database (DATABASE_URL is not set)."; fi
	@if [ -n "$$REDIS_URL" ]; then echo "Tests use Redis from REDIS_URL for Celery and the cache."; \
		else echo "Tests use the embedded file queue (REDIS_URL is not set); Redis-only tests skip."; fi
	$(VENV)/bin/ruff check .
	@$(MAKE) --no-print-directory messages
	$(VENV)/bin/pytest

# Spanish next to English (issue 18): the catalogue in locale/ is kept as .po text; both commands compile it.
# Needs GNU gettext's msgfmt: apt-get install gettext.
messages: install
	@command -v msgfmt >/dev/null || { echo "Translations need GNU gettext: apt-get install gettext"; exit 1; }
	$(PY) manage.py compilemessages --ignore=.venv --ignore=var -v 0

# The benchmark (issue 20; README, "Benchmark"): the scale operator at SIZE (1 is a large operator, 0.1 a tenth),
# then each key page on gunicorn at 16 connections. Needs ApacheBench: apt-get install apache2-utils.
SIZE ?= 0.1
bench: export DEBUG ?= true
bench: install
	@command -v ab >/dev/null || { echo "The benchmark needs ApacheBench: apt-get install apache2-utils"; exit 1; }
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_scale --size $(SIZE)
	$(PY) manage.py bench

lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

# Known vulnerabilities in the installed dependencies (pip-audit). --strict: a dependency that could not be audited
# (the advisory service unreachable, a package unknown to it) fails the audit rather than passing unchecked.
AUDIT_SERVICE ?= pypi
audit: install-dev
	$(VENV)/bin/pip-audit --strict --skip-editable --progress-spinner off --vulnerability-service $(AUDIT_SERVICE)

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

$(PY):
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml constraints.txt | $(PY)
	$(PY) -m pip install --quiet --disable-pip-version-check -c constraints.txt -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml constraints.txt | $(PY)
	$(PY) -m pip install --quiet --disable-pip-version-check -c constraints.txt -e ".[dev]"
	touch $@ $(VENV)/.installed

clean:
	rm -rf $(VENV) var staticfiles *.egg-info
