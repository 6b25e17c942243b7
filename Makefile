# Two commands set everything up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=

.PHONY: run test lint install migrate demo bench lock messages clean

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
	DEBUG=1 $(PY) manage.py makemigrations --check --dry-run

test: install lint
	$(VENV)/bin/pytest $(PYTEST_ARGS)

bench: install
	$(PY) -m bench.run

lock:
	$(PY) -m pip freeze | grep -v '^-e' > requirements.lock.new
	( echo '# Exact versions installed by `make` (runtime and test tools). Regenerate with `make lock`.'; cat requirements.lock.new ) > requirements.lock
	rm requirements.lock.new

messages: install
	DEBUG=1 $(PY) manage.py makemessages -l zh_Hans --add-location=file --ignore='.venv/*' --ignore='static/vendor/*' --ignore='var/*'
	DEBUG=1 $(PY) manage.py compilemessages -l zh_Hans --ignore='.venv/*'

clean:
	rm -rf var/broker var/staticfiles
