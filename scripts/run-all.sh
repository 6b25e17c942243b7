#!/usr/bin/env bash
# Starts the web server, a Celery worker and Celery beat; Ctrl-C (or any of them dying) stops all.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
mkdir -p var/broker/queue var/broker/processed var/log
pids=()
cleanup() {
  trap - INT TERM EXIT
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup INT TERM EXIT

$PY -m celery -A config worker --loglevel=INFO --concurrency=2 >var/log/worker.log 2>&1 &
pids+=($!)
$PY -m celery -A config beat --loglevel=INFO --pidfile= >var/log/beat.log 2>&1 &
pids+=($!)

cat <<MSG

  Party building in grid management is running at http://${HOST:-127.0.0.1}:${PORT:-8000}/

  Demo logins:
$(DEBUG=${DEBUG:-1} $PY manage.py shell --no-imports -c "from organizations.demo import demo_logins_table; print(chr(10).join(demo_logins_table()))")

  Worker and beat logs: var/log/worker.log, var/log/beat.log. Ctrl-C stops everything.

MSG
$PY manage.py runserver "${HOST:-127.0.0.1}:${PORT:-8000}" &
pids+=($!)
wait -n "${pids[@]}"
