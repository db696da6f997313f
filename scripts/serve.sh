#!/usr/bin/env bash
# Serves huiwu with gunicorn (a worker per core) and the task worker beside it, in the foreground.
# Ctrl-C or SIGTERM stops both.
set -u
cd "$(dirname "$0")/.."
PORT=${PORT:-8000}
workers=${WEB_CONCURRENCY:-$(nproc 2>/dev/null || echo 2)}
# Links in e-mails and on printed QR codes follow the address served here, unless production sets it.
export HUIWU_SITE_URL=${HUIWU_SITE_URL:-http://127.0.0.1:${PORT}}
.venv/bin/python manage.py db_worker --queue-name default -v 0 &
worker=$!
# config/gunicorn.conf.py: access log on stdout with secrets (manage-link tokens) redacted, timeouts.
.venv/bin/gunicorn -c config/gunicorn.conf.py config.wsgi:application --bind "127.0.0.1:${PORT}" \
  --workers "$workers" &
web=$!
stop() { kill -TERM "$web" "$worker" 2>/dev/null; wait "$web" "$worker" 2>/dev/null; exit 0; }
trap stop INT TERM
# `make run` is our parent: when make itself gets SIGTERM it exits without telling us, so watch it.
parent=$PPID
( while kill -0 "$parent" 2>/dev/null; do sleep 1; done; kill -TERM $$ 2>/dev/null ) &
echo "huiwu is serving on http://127.0.0.1:${PORT}/  (staff: organizer / huiwu-demo, checkin / huiwu-demo; Ctrl-C stops)"
wait -n "$web" "$worker"
status=$?
kill -TERM "$web" "$worker" 2>/dev/null
wait 2>/dev/null
exit $status
