# Two commands set everything up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=
# pytest-xdist workers: one per core; each gets its own test database (test_<name>_gw0, …).
# loadscope keeps a module (or class) on one worker, so data built once per module is built once.
TEST_WORKERS ?= auto
LOCK_COMPILE = $(VENV)/bin/uv pip compile pyproject.toml --extra dev --quiet \
	--python $(PY) --custom-compile-command "make lock"

.PHONY: run test lint install migrate demo bench lock check-lock frozen-dates messages clean \
	backup restore

$(STAMP): requirements.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.lock
	touch $(STAMP)

install: $(STAMP)

# Web server, Celery worker and Celery beat together; Ctrl-C stops all three.
run: install
	mkdir -p var/log var/broker/queue var/broker/processed
	DEBUG=$${DEBUG:-1} $(PY) manage.py migrate --noinput
	DEBUG=$${DEBUG:-1} $(PY) manage.py seed_demo --if-empty
	DEBUG=$${DEBUG:-1} HOST=$(HOST) PORT=$(PORT) bash scripts/run-all.sh

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	DEBUG=1 $(PY) manage.py makemigrations --check --dry-run

test: install lint
	$(VENV)/bin/pytest -n $(TEST_WORKERS) --dist loadscope $(PYTEST_ARGS)

# The date-sensitive tests on the first and last days of months, quarters and years, a leap
# day and the real today (FROZEN_DATES and FROZEN_WORKERS override).
frozen-dates: install
	bash scripts/frozen-dates.sh

# The database (pg_dump, or a copy of the SQLite file) and the uploads of MEDIA_ROOT into a new
# folder var/backups/<UTC time> (BACKUP_DIR overrides); see "Backup and restore" in README.md.
backup:
	bash scripts/backup.sh

# make restore BACKUP=var/backups/<time>: into the (empty) PostgreSQL database of DATABASE_URL;
# RESTORE_FORCE=1 replaces what a database that is not empty holds.
restore:
	BACKUP="$(BACKUP)" bash scripts/restore.sh

# The benchmark on PostgreSQL (DATABASE_URL, default postgres://postgres@127.0.0.1:5432/bench):
# datasets S and L, pages over HTTP under gunicorn, jobs, memory, throughput with locust;
# bench/results.json and a table. BENCH_SIZES=S for a quick run (README, "Performance").
bench: install
	$(PY) -m bench.run

# requirements.lock is resolved from pyproject.toml (runtime and dev dependencies) by uv, keeping
# the versions already pinned where they still fit: `make lock` after editing pyproject.toml.
lock: install
	$(LOCK_COMPILE) -o requirements.lock

# The lock is exactly what pyproject.toml resolves to: nothing missing, nothing unused.
check-lock: install
	@tmp=$$(mktemp -d) && cp requirements.lock $$tmp/requirements.lock \
	&& $(LOCK_COMPILE) -o $$tmp/requirements.lock \
	&& if diff -u requirements.lock $$tmp/requirements.lock; then rm -r $$tmp; \
	else rm -r $$tmp; echo "requirements.lock does not match pyproject.toml: run make lock"; exit 1; fi

messages: install
	DEBUG=1 $(PY) manage.py makemessages -l zh_Hans --add-location=file --ignore='.venv/*' --ignore='static/vendor/*' --ignore='var/*'
	DEBUG=1 $(PY) manage.py compilemessages -l zh_Hans --ignore='.venv/*'

clean:
	rm -rf var/broker var/staticfiles
