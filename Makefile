# Every target bootstraps .venv from the pinned requirements on its own.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat requirements.txt requirements-dev.txt | cksum | cut -d' ' -f1)
export DJANGO_SETTINGS_MODULE := iopfinder.settings
DEV := DEBUG=true

.PHONY: run test test-postgres test-stack bench lint format lock messages clean

$(STAMP): requirements.txt requirements-dev.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt -r requirements-dev.txt
	@rm -f $(VENV)/.installed-* && touch $@

run: $(STAMP)
	$(DEV) $(BIN)/python manage.py migrate --noinput
	$(DEV) $(BIN)/python manage.py ensure_directory
	$(DEV) $(BIN)/python manage.py runserver 127.0.0.1:8000

# Two processes (pytest-xdist), each with its own test database; PYTEST_WORKERS=0 runs in this one.
# Tests are handed out in the order conftest.py sorts them (xdist's default --dist load): keep it.
PYTEST_WORKERS ?= 2

test: $(STAMP)
	@scripts/ensure-debian-package chromium chromium
	@scripts/ensure-debian-package /usr/sbin/nginx nginx-light
	$(DEV) $(BIN)/python -m pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

# nginx (TLS) in front of two gunicorn app servers and Redis on loopback, and a real backup and restore.
test-stack:
	$(MAKE) test PYTEST_ARGS="operations"

test-postgres:
	DATABASE_URL=postgres://postgres@127.0.0.1:5432/test $(MAKE) test

bench: $(STAMP)
	@scripts/ensure-debian-package wrk wrk
	$(DEV) $(BIN)/python -m bench

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(DEV) $(BIN)/mypy .
	$(BIN)/bandit --quiet --configfile pyproject.toml --recursive .
	$(DEV) $(BIN)/python manage.py makemigrations --check --dry-run
	DEBUG=false SECRET_KEY=$$(openssl rand -hex 32) ALLOWED_HOSTS=iopfinder.example SITE_URL=https://iopfinder.example \
		FIELD_ENCRYPTION_KEYS=$$($(BIN)/python -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())') \
		$(BIN)/python manage.py check --deploy --fail-level WARNING

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

messages: $(STAMP)
	$(DEV) $(BIN)/python manage.py makemessages -l es --ignore '.venv/*'
	$(DEV) $(BIN)/python manage.py compilemessages --ignore '.venv/*'

# Re-pin the requirements after editing requirements*.in.
lock:
	$(PYTHON) -m pip install --quiet uv
	$(PYTHON) -m uv pip compile --quiet --python-version 3.11 requirements.in -o requirements.txt
	$(PYTHON) -m uv pip compile --quiet --python-version 3.11 requirements-dev.in -o requirements-dev.txt

clean:
	rm -rf $(VENV) var staticfiles .mypy_cache .ruff_cache .pytest_cache
