# Two commands matter: `make run` (try the portal) and `make test` (what CI runs).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SEED := ../shared/seed/bone-density-back-pain.txt
SEED_ARG := $(if $(wildcard $(SEED)),--seed $(SEED),)
TEST_ENV := DJANGO_SETTINGS_MODULE=portal.settings.test

.PHONY: run test install install-dev services lint format serve worker

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo_content $(SEED_ARG)
	$(BIN)/python manage.py runserver 127.0.0.1:8000

services:
	bash scripts/ensure-services.sh

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install-dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

test: install-dev services lint
	$(TEST_ENV) $(BIN)/python manage.py makemigrations --check --dry-run
	$(TEST_ENV) $(BIN)/pytest $(PYTEST_ARGS)

worker: install
	$(BIN)/python manage.py db_worker
