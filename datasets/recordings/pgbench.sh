#!/usr/bin/env bash
# PostgreSQL on 127.0.0.1 (a throw-away cluster: initdb, no fsync), a scale-1 pgbench database made
# with server-side data generation (no bulk COPY on the wire, over the Unix socket), then pgbench's
# TPC-B-like transactions over TCP: 7 statements per transaction, each a request read by a backend
# and a reply read by pgbench.
# CLIENTS connections (one backend process each) from THREADS pgbench threads.
# Usage: pgbench.sh pinned|unpinned [TRANSACTIONS per client] [CLIENTS] [THREADS]
source "$(dirname "$0")/lib.sh"
placement "${1:-}"
transactions="${2:-20}"; clients="${3:-2}"; threads="${4:-1}"
bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
[[ -x "$bin/postgres" ]] || fail "PostgreSQL server not found under /usr/lib/postgresql (apt-get install postgresql)"
port="$(free_port)"
as_postgres=(setpriv --reuid postgres --regid postgres --init-groups)
mkdir -p "$WORK/data" "$WORK/sock"
chown postgres:postgres "$WORK/data" "$WORK/sock"
"${as_postgres[@]}" "$bin/initdb" -D "$WORK/data" -A trust -U postgres --no-sync >"$WORK/initdb.log" 2>&1 \
  || fail "initdb failed: $(cat "$WORK/initdb.log")"
start postgres.log "${SERVER_CPU[@]}" "${as_postgres[@]}" "$bin/postgres" -D "$WORK/data" -p "$port" -c listen_addresses=127.0.0.1 \
  -k "$WORK/sock" -c fsync=off -c synchronous_commit=off -c full_page_writes=off
wait_listening "$port"
timeout 60 "$bin/pgbench" -h "$WORK/sock" -p "$port" -U postgres -i -I dtGvp -s 1 -q postgres >"$WORK/init.log" 2>&1 \
  || fail "pgbench -i failed: $(cat "$WORK/init.log")"
out="$(timeout 60 "${CLIENT_CPU[@]}" "$bin/pgbench" -h 127.0.0.1 -p "$port" -U postgres -n -c "$clients" -j "$threads" \
  -t "$transactions" postgres 2>&1)" || fail "pgbench failed: $out"
echo "$out"
want=$((transactions * clients))
grep -q "number of transactions actually processed: $want/$want" <<<"$out" || fail "not all $want transactions ran"
echo "pgbench: $want TPC-B-like transactions over $clients connections from $threads threads ($1)"
