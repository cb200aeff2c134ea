#!/usr/bin/env bash
# nginx (a master and THREADS worker processes) serving one static file on 127.0.0.1, read by wrk
# (THREADS threads) over CONNECTIONS keep-alive connections. Requests (about 80 bytes) are read by
# nginx's workers, responses (SIZE bytes of body) by wrk.
# Usage: nginx_wrk.sh pinned|unpinned [REQUESTS] [SIZE] [CONNECTIONS] [THREADS]
source "$(dirname "$0")/lib.sh"
placement "${1:-}"
requests="${2:-300}"; size="${3:-4096}"; connections="${4:-2}"; threads="${5:-1}"
((requests % threads == 0)) || fail "REQUESTS must be a multiple of THREADS"
port="$(free_port)"
mkdir -p "$WORK/www" "$WORK/tmp"
head -c "$size" /dev/zero | tr '\0' 'x' > "$WORK/www/file"
cat > "$WORK/nginx.conf" <<CONF
daemon off;
worker_processes $threads;
pid $WORK/nginx.pid;
error_log $WORK/error.log;
events { worker_connections 64; }
http {
  access_log off;
  client_body_temp_path $WORK/tmp; proxy_temp_path $WORK/tmp; fastcgi_temp_path $WORK/tmp;
  uwsgi_temp_path $WORK/tmp; scgi_temp_path $WORK/tmp;
  keepalive_requests 1000000;
  server { listen 127.0.0.1:$port; root $WORK/www; }
}
CONF
start nginx.out "${SERVER_CPU[@]}" nginx -c "$WORK/nginx.conf" -e "$WORK/error.log"
wait_listening "$port"
# each wrk thread stops after REQUESTS / THREADS responses; the main thread still waits out -d, which bounds the time
cat > "$WORK/stop.lua" <<'LUA'
local done = 0
local limit = tonumber(os.getenv("WRK_REQUESTS"))
function response(status)
  if status ~= 200 then error("status " .. status) end
  done = done + 1
  if done >= limit then wrk.thread:stop() end
end
LUA
out="$(WRK_REQUESTS="$((requests / threads))" timeout 30 "${CLIENT_CPU[@]}" wrk -t"$threads" -c"$connections" -d4s -s "$WORK/stop.lua" \
  "http://127.0.0.1:$port/file")" || fail "wrk failed: $out"
echo "$out"
grep -q "Non-2xx\|Socket errors" <<<"$out" && fail "wrk reported errors"
done_requests="$(grep -o '[0-9]* requests in' <<<"$out" | cut -d' ' -f1)"
[[ "$done_requests" == "$requests" ]] || fail "$done_requests of $requests requests answered in time"
echo "nginx_wrk: $done_requests requests of $size bytes over $connections connections, $threads threads a side ($1)"
