#!/usr/bin/env bash
# Installs (if needed) and starts a PostgreSQL server on loopback for the store-postgres suite, and
# prints the connection string. Debian package `postgresql`; runs as root on CI machines.
set -euo pipefail
if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
fi
version=$(ls /usr/lib/postgresql | sort -V | tail -1)
if ! pg_lsclusters -h | grep -q "^${version} main"; then
  pg_createcluster "$version" main >&2
fi
pg_ctlcluster "$version" main start >&2 || true
for _ in $(seq 1 30); do
  if su postgres -c "pg_isready -q -h 127.0.0.1 -p 5432"; then break; fi
  sleep 1
done
su postgres -c "psql -q -h 127.0.0.1 -c \"ALTER USER postgres PASSWORD 'zhidu'\"" >&2 2>/dev/null \
  || su postgres -c "psql -q -c \"ALTER USER postgres PASSWORD 'zhidu'\"" >&2
echo "postgres://postgres:zhidu@127.0.0.1:5432/postgres"
