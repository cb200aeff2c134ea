#!/usr/bin/env bash
# iperf3 on 127.0.0.1: a one-off server (-1) receiving BYTES from the client, over TCP (writes of
# LENGTH bytes, default 128 KiB) or UDP (datagrams of LENGTH bytes at 200 Mbit/s; keep LENGTH above
# about 16 KB: smaller datagrams are copied by copy_linear_skb, which fires no skb_copy_datagram_iovec).
# The test's control connection (TCP, a few hundred bytes of JSON) is in the capture too.
# Usage: iperf3.sh pinned|unpinned tcp|udp [BYTES] [LENGTH]
source "$(dirname "$0")/lib.sh"
placement "${1:-}"
proto="${2:-tcp}"; bytes="${3:-8M}"; length="${4:-}"
case "$proto" in
  tcp) mode=(); length="${length:-128K}" ;;
  udp) mode=(-u -b 200M); length="${length:-32000}" ;;
  *) fail "protocol must be tcp or udp, not '$proto'" ;;
esac
port="$(free_port)"
start server.out "${SERVER_CPU[@]}" iperf3 -s -1 -B 127.0.0.1 -p "$port" --logfile "$WORK/server.log"
server=$!
wait_listening "$port"
out="$(timeout 60 "${CLIENT_CPU[@]}" iperf3 -c 127.0.0.1 -p "$port" "${mode[@]}" -n "$bytes" -l "$length" 2>&1)" \
  || fail "iperf3 client failed: $out"
echo "$out"
timeout 20 tail --pid="$server" -f /dev/null || fail "iperf3 server did not finish"
wait "$server" || fail "iperf3 server failed: $(cat "$WORK/server.log")"
echo "iperf3: $bytes over $proto in writes of $length bytes ($1)"
