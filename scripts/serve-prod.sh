#!/usr/bin/env bash
# Serve the platform as in production on one machine: PostgreSQL, migrations, collectstatic (WhiteNoise),
# WORKERS task workers (db_worker) and gunicorn on 127.0.0.1:$PORT with JSON logs. Ctrl+C stops everything.
# SECURE_SSL_REDIRECT=0 because loopback has no TLS; behind a TLS proxy leave it on (see docs/deployment.md).
set -euo pipefail
PY=${PY:-.venv/bin/python}
PORT=${PORT:-8000}
WORKERS=${WORKERS:-2}
WEB_WORKERS=${WEB_WORKERS:-3}
export DJANGO_SETTINGS_MODULE=config.settings.production
export SECRET_KEY=${SECRET_KEY:-$(head -c 64 /dev/urandom | base64 | tr -d '\n/+=' | head -c 60)}
export SECURE_SSL_REDIRECT=${SECURE_SSL_REDIRECT:-0}
export ALLOWED_HOSTS=${ALLOWED_HOSTS:-localhost,127.0.0.1}
export TASKS_BACKEND=database
export DB_CONN_MAX_AGE=${DB_CONN_MAX_AGE:-60}
if [ -z "${DATABASE_URL:-}" ]; then
  # Debian's PostgreSQL on loopback, database inclusive_prod (made once).
  eval "$(bash scripts/with-postgres.sh bash -c 'echo export DATABASE_URL=$DATABASE_URL')"
  DATABASE_URL=${DATABASE_URL%/*}/inclusive_prod
  su postgres -c "psql -qtAc \"SELECT 1 FROM pg_database WHERE datname='inclusive_prod'\"" | grep -q 1 \
    || su postgres -c "createdb -O inclusive inclusive_prod"
  export DATABASE_URL
fi
mkdir -p var/static var/media var/cache
$PY manage.py migrate --noinput
$PY manage.py collectstatic --noinput -v 0
$PY manage.py load_demo
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait; }
trap cleanup EXIT INT TERM
$PY manage.py tasks_lost  # tasks left RUNNING by a worker that died (docs/deployment.md)
for i in $(seq 1 "$WORKERS"); do
  $PY manage.py db_worker --worker-id "worker-$i" &
  pids+=($!)
done
$PY -m gunicorn config.wsgi:application --bind "127.0.0.1:$PORT" --workers "$WEB_WORKERS" \
  --access-logfile - --error-logfile - --timeout 60 --graceful-timeout 20 &
pids+=($!)
echo "Serving on http://127.0.0.1:$PORT (health /healthz, readiness /readyz); $WORKERS task workers"
wait -n
