#!/usr/bin/env bash
# Starts redis-server for Project01's online store in the foreground, in memory only: the online store is rebuilt
# from the offline store when the Features service starts.
# usage: redis.sh <redis-server-path> <port>
set -euo pipefail
server="$1"; port="$2"
if [ ! -x "$server" ]; then
  echo "redis-server is not installed. Run ./eng/bootstrap.sh or: sudo apt-get install -y redis-server" >&2
  exit 127
fi
exec "$server" --port "$port" --bind 127.0.0.1 --save '' --appendonly no --protected-mode yes --daemonize no --loglevel notice
