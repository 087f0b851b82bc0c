#!/usr/bin/env bash
# Start Debian's PostgreSQL on loopback (installed by system-deps.sh), make a test role, then run "$@"
# with DATABASE_URL pointing at it.
set -euo pipefail
ver=$(ls /usr/lib/postgresql | sort -n | tail -1)
cluster_dir=/etc/postgresql/$ver/main
if [ ! -d "$cluster_dir" ]; then
  pg_createcluster "$ver" main >/dev/null
fi
pg_ctlcluster "$ver" main status >/dev/null 2>&1 || pg_ctlcluster "$ver" main start
for _ in $(seq 1 30); do
  su postgres -c "psql -qtAc 'select 1'" >/dev/null 2>&1 && break
  sleep 0.5
done
su postgres -c "psql -qtAc \"DO \\\$\\\$BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname='inclusive') THEN CREATE ROLE inclusive LOGIN CREATEDB PASSWORD 'inclusive'; END IF; END\\\$\\\$;\"" >/dev/null
port=$(su postgres -c "psql -qtAc 'show port'")
export DATABASE_URL="postgres://inclusive:inclusive@127.0.0.1:${port}/inclusive"
echo "PostgreSQL $ver on 127.0.0.1:$port"
"$@"
