#!/usr/bin/env bash
# redis-server on 127.0.0.1 (no persistence), driven by redis-benchmark: REQUESTS SETs of SIZE-byte
# values (read by the server), then REQUESTS GETs of them (replies read by the client), over
# CONNECTIONS connections per test, from THREADS client threads (the server is single-threaded).
# Usage: redis_benchmark.sh pinned|unpinned [REQUESTS] [SIZE] [CONNECTIONS] [THREADS]
source "$(dirname "$0")/lib.sh"
placement "${1:-}"
requests="${2:-100}"; size="${3:-1024}"; connections="${4:-2}"; threads="${5:-1}"
port="$(free_port)"
start redis.out "${SERVER_CPU[@]}" redis-server --bind 127.0.0.1 --port "$port" --unixsocket '' --save '' --appendonly no \
  --dir "$WORK" --logfile "$WORK/redis.log" --daemonize no
wait_listening "$port"
out="$(timeout 60 "${CLIENT_CPU[@]}" redis-benchmark -h 127.0.0.1 -p "$port" -n "$requests" -c "$connections" \
  --threads "$threads" -d "$size" \
  -t set,get --csv)" || fail "redis-benchmark failed: $out"
echo "$out"
for test in SET GET; do
  grep -q "^\"$test\"," <<<"$out" || fail "no result for $test"
done
echo "redis_benchmark: $requests SETs and GETs of $size bytes over $connections connections, $threads client threads ($1)"
