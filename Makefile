# The two commands a new user needs: `make run` (embedded demo) and `make test` (the whole suite).
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
# `make test` runs the suite in this many processes (pytest-xdist; each has its own database, Redis database
# and files — casework/settings/test.py). PYTEST_WORKERS=0 runs it in one.
PYTEST_WORKERS ?= 2

.PHONY: run test lint messages sysdeps test-sysdeps services clean bench

$(VENV)/.installed: pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e .
	@touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(PY) -m pip install --quiet -e '.[test]'
	@touch $@

sysdeps:
	@scripts/ensure-system-packages runtime

test-sysdeps:
	@scripts/ensure-system-packages test

services:
	@scripts/ensure-services

## make run — embedded demo: SQLite, filesystem broker, a real Celery worker; Ctrl-C stops both.
run: sysdeps $(VENV)/.installed
	DJANGO_SETTINGS_MODULE=casework.settings.local $(PY) manage.py migrate --noinput
	DJANGO_SETTINGS_MODULE=casework.settings.local $(PY) manage.py demo_data
	PORT=$(PORT) scripts/run-embedded

## make test — ruff, bandit, migrations check, then pytest against real PostgreSQL and Redis.
test: test-sysdeps $(VENV)/.installed-test services
	$(VENV)/bin/ruff check .
	$(VENV)/bin/bandit -q -r casework beneficiaries reintegration_plans grants reports -ll -ii
	DJANGO_SETTINGS_MODULE=casework.settings.test $(PY) manage.py makemigrations --check --dry-run
	DJANGO_SETTINGS_MODULE=casework.settings.test $(VENV)/bin/pytest -n $(PYTEST_WORKERS) --dist load $(PYTEST_ARGS)

## make bench — performance at national scale (issue #8; not part of `make test`): builds or reuses the
## datasets in their own PostgreSQL databases (casework_bench_*), measures, writes bench/results.json and
## BENCHMARKS.md. BENCH_REBUILD=1 rebuilds the datasets; BENCH_SCALE=0.05 runs a small version.
$(VENV)/.installed-bench: $(VENV)/.installed pyproject.toml
	$(PY) -m pip install --quiet -e '.[bench]'
	@touch $@

bench: sysdeps $(VENV)/.installed-bench services
	$(PY) -m bench run

lint: $(VENV)/.installed-test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

## make messages — refresh the Arabic and French catalogues after changing strings (needs gettext).
messages: $(VENV)/.installed
	$(PY) manage.py makemessages -l ar -l fr --no-obsolete --ignore='.venv/*' --ignore='var/*' --ignore='tests/*' \
		--ignore='staticfiles/*' --ignore='build/*' --ignore='*.egg-info/*' --ignore='bench/*'
	$(PY) manage.py compilemessages --ignore='.venv/*'

clean:
	rm -rf $(VENV) var staticfiles
