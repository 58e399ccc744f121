# Hearth's two commands: `make run` and `make test`. Everything else here serves them.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8000

.PHONY: run test install install-dev lint audit clean

run: export DEBUG ?= true
run: export PATH := $(CURDIR)/$(VENV)/bin:$(PATH)
run: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo
	@echo "Hearth is starting on http://127.0.0.1:$(PORT)/ (web, worker, scheduler). Ctrl-C stops them all."
	honcho start --procfile Procfile --port $(PORT)

test: install-dev
	@if [ -n "$$DATABASE_URL" ]; then echo "Tests use the database in DATABASE_URL ($${DATABASE_URL%%:*})."; \
		else echo "Tests use the embedded SQLite database (DATABASE_URL is not set)."; fi
	@if [ -n "$$REDIS_URL" ]; then echo "Tests use Redis from REDIS_URL for Celery and the cache."; \
		else echo "Tests use the embedded file queue (REDIS_URL is not set); Redis-only tests skip."; fi
	$(VENV)/bin/ruff check .
	$(VENV)/bin/pytest

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

$(VENV)/.installed: pyproject.toml | $(PY)
	$(PY) -m pip install --quiet --disable-pip-version-check -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(PY)
	$(PY) -m pip install --quiet --disable-pip-version-check -e ".[dev]"
	touch $@ $(VENV)/.installed

clean:
	rm -rf $(VENV) var staticfiles *.egg-info
