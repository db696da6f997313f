# huiwu: `make run` serves the demo conference; `make test` runs every test. Both set everything up.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test setup lint format bench clean

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@scripts/system-deps.sh build
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	@touch $(STAMP)

setup: $(STAMP)
	@mkdir -p var
	@scripts/system-deps.sh run
	@scripts/checkin-vendor.sh

run: setup
	@test -n "$$DJANGO_SECRET_KEY" || test -s var/secret_key || $(PY) -c "import secrets; print(secrets.token_hex(32))" > var/secret_key
	@export DJANGO_SECRET_KEY=$${DJANGO_SECRET_KEY:-$$(cat var/secret_key)}; \
	  $(PY) manage.py migrate --noinput -v 0 && \
	  $(PY) manage.py load_demo --if-empty && \
	  $(PY) manage.py schedule_purge && \
	  $(PY) manage.py requeue_jobs && \
	  $(PY) manage.py collectstatic --noinput -v 0 && \
	  exec scripts/serve.sh

test: setup
	@scripts/system-deps.sh test
	@scripts/test-vendor.sh
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/pytest

lint:
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

clean:
	rm -rf $(VENV) var
