# huiwu: `make run` serves the demo conference; `make test` runs every test. Both set everything up.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
# `make test` runs the suite in one process per core, at most four (pytest-xdist; each file stays in one process;
# the long files first, in the order tests/conftest.py gives).
TEST_PROCESSES ?= $(shell n=$$(nproc 2>/dev/null || echo 1); echo $$(( n < 4 ? n : 4 )))

# Where msgids are: every app (those present) and the templates.
MESSAGE_DIRS := $(wildcard config events agenda signing seating documents organizers audit accounts followup reception reports) templates

.PHONY: run test setup lint format bench clean messages

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@scripts/system-deps.sh build
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	@touch $(STAMP)

setup: $(STAMP)
	@mkdir -p var
	@$(VENV)/bin/pybabel -q compile -d locale -D django
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
	$(VENV)/bin/pytest -n $(TEST_PROCESSES) --dist loadfile --no-loadscope-reorder

# After changing a page's or a message's text: collect every msgid into both catalogs (locale/<lang>), then
# write the Chinese in locale/zh_Hans/LC_MESSAGES/django.po (tests/test_i18n.py fails on a missing one).
messages: $(STAMP)
	$(VENV)/bin/pybabel -q extract -F babel.cfg -k gettext_lazy -k pgettext_lazy:1c,2 -k ngettext_lazy:1,2 \
	  --no-location --sort-output -o var/messages.pot $(MESSAGE_DIRS)
	$(VENV)/bin/pybabel -q update --no-fuzzy-matching --ignore-obsolete --no-wrap -i var/messages.pot -d locale -D django

lint:
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

clean:
	rm -rf $(VENV) var
