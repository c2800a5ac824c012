#!/usr/bin/env bash
# Starts a real PostgreSQL server for Project01 in the foreground (the AppHost owns its lifetime).
# usage: P01_POSTGRES_PASSWORD=... postgres.sh <postgres-bin-dir> <data-dir> <port>
# First run: initdb and CREATE DATABASE project01. Later runs reuse the data. Every start: password authentication
# (scram-sha-256) for every connection, local socket included, and the postgres role's password set to the one the
# AppHost generated for this data directory (so an older trust-auth cluster is locked down on its next start).
# PostgreSQL refuses to run as root: as root it runs as the 'postgres' user (setpriv), and if that user cannot
# reach the data directory (e.g. under /root) the data moves to /var/lib/project01/<hash>.
set -euo pipefail
bin="$1"; data="$2"; port="$3"
password="${P01_POSTGRES_PASSWORD:-}"
if ! [[ "$password" =~ ^[A-Za-z0-9_-]{16,}$ ]]; then
  echo "[postgres] P01_POSTGRES_PASSWORD must be set (16+ characters of A-Z a-z 0-9 _ -); the AppHost generates it" >&2
  exit 2
fi
unset P01_POSTGRES_PASSWORD

if [ ! -x "$bin/postgres" ]; then
  echo "PostgreSQL is not installed ($bin/postgres missing). Run ./eng/bootstrap.sh or: sudo apt-get install -y postgresql-15" >&2
  exit 127
fi

as_pg=()
if [ "$(id -u)" = 0 ]; then
  if ! id postgres >/dev/null 2>&1; then
    echo "Running as root needs the 'postgres' system user (created by the postgresql-15 package)." >&2
    exit 1
  fi
  as_pg=(setpriv --reuid=postgres --regid=postgres --init-groups)
  mkdir -p "$data"
  chown postgres:postgres "$data"
  if ! "${as_pg[@]}" test -w "$data"; then
    alt="/var/lib/project01/$(printf '%s' "$data" | sha1sum | cut -c1-12)/postgres"
    echo "[postgres] user 'postgres' cannot reach $data; using $alt instead" >&2
    data="$alt"
    mkdir -p "$data"
    chown postgres:postgres "$data" "$(dirname "$data")"
  fi
  chmod 700 "$data"
else
  mkdir -p "$data"
  chmod 700 "$data"
fi

if [ ! -s "$data/PG_VERSION" ]; then
  echo "[postgres] initialising a new cluster in $data" >&2
  "${as_pg[@]}" "$bin/initdb" -D "$data" -U postgres -A trust --no-sync -E UTF8 --locale=C.UTF-8 >&2
  echo "CREATE DATABASE project01;" | "${as_pg[@]}" "$bin/postgres" --single -D "$data" postgres >/dev/null
fi

# Passwords for everyone, every time: the role's password through single-user mode (on stdin, not the command line).
cat > "$data/pg_hba.conf" <<'HBA'
# Written by eng/infra/postgres.sh at every start: password (scram-sha-256) authentication only.
local   all   all                  scram-sha-256
host    all   all   127.0.0.1/32   scram-sha-256
host    all   all   ::1/128        scram-sha-256
HBA
[ ${#as_pg[@]} -gt 0 ] && chown postgres:postgres "$data/pg_hba.conf"
chmod 600 "$data/pg_hba.conf"
echo "SET password_encryption = 'scram-sha-256'; ALTER ROLE postgres PASSWORD '$password';" \
  | "${as_pg[@]}" "$bin/postgres" --single -D "$data" postgres >/dev/null

# A server killed hard leaves postmaster.pid behind; postgres itself checks whether that pid is alive.
sockets=$(mktemp -d /tmp/p01-pg.XXXXXX)
[ ${#as_pg[@]} -gt 0 ] && chown postgres:postgres "$sockets"
# A stop (SIGTERM from the AppHost) becomes PostgreSQL's fast shutdown (SIGINT): its own SIGTERM is a "smart" one that
# waits for every client to disconnect, which services holding pooled connections never do.
"${as_pg[@]}" "$bin/postgres" -D "$data" -p "$port" -k "$sockets" \
  -c listen_addresses=127.0.0.1 -c password_encryption=scram-sha-256 -c max_connections=200 -c shared_buffers=128MB &
server=$!
trap 'kill -INT "$server" 2>/dev/null' TERM INT
while kill -0 "$server" 2>/dev/null; do wait "$server" || true; done
wait "$server" 2>/dev/null; exit $?
