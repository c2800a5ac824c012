#!/usr/bin/env bash
# Starts redis-server for Project01's online store in the foreground, in memory only: the online store is rebuilt
# from the offline store when the Features service starts.
# usage: P01_REDIS_PASSWORD=... redis.sh <redis-server-path> <port>
# The password (generated per data directory by the AppHost) goes to redis-server as configuration on stdin, so it
# never appears in the process list.
set -euo pipefail
server="$1"; port="$2"
if [ ! -x "$server" ]; then
  echo "redis-server is not installed. Run ./eng/bootstrap.sh or: sudo apt-get install -y redis-server" >&2
  exit 127
fi
password="${P01_REDIS_PASSWORD:-}"
if ! [[ "$password" =~ ^[A-Za-z0-9_-]{16,}$ ]]; then
  echo "[redis] P01_REDIS_PASSWORD must be set (16+ characters of A-Z a-z 0-9 _ -); the AppHost generates it" >&2
  exit 2
fi
unset P01_REDIS_PASSWORD
exec "$server" - --port "$port" --bind 127.0.0.1 --save '' --appendonly no --protected-mode yes --daemonize no --loglevel notice \
  <<< "requirepass $password"
