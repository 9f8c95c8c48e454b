#!/usr/bin/env bash
# Makes sure a Redis server answers at REDIS_URL (default redis://127.0.0.1:6379): the queues and the
# store run on a real one in tests. Starts a local redis-server if none answers, installing it from
# the system's packages where it is missing.
set -euo pipefail
url="${REDIS_URL:-redis://127.0.0.1:6379}"
hostport="${url#redis://}"; hostport="${hostport##*@}"; hostport="${hostport%%/*}"
host="${hostport%%:*}"; port="${hostport##*:}"; [ "$port" = "$host" ] && port=6379

ping() {
  if command -v redis-cli >/dev/null 2>&1; then
    redis-cli -h "$host" -p "$port" ping 2>/dev/null | grep -q PONG
  else
    (exec 3<>"/dev/tcp/$host/$port" && printf 'PING\r\n' >&3 && head -c 5 <&3 | grep -q PONG) 2>/dev/null
  fi
}

ping && { echo "Redis answers at $host:$port"; exit 0; }
if ! command -v redis-server >/dev/null 2>&1; then
  echo "No redis-server here: installing it from the system's packages"
  if [ "$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq redis-server >/dev/null
  else sudo apt-get update -qq && sudo apt-get install -y -qq redis-server >/dev/null; fi
fi
redis-server --daemonize yes --bind "$host" --port "$port" --save "" --appendonly no
for _ in $(seq 1 50); do ping && { echo "Started Redis at $host:$port"; exit 0; }; sleep 0.1; done
echo "Redis does not answer at $host:$port; start one (redis-server) or set REDIS_URL" >&2
exit 1
