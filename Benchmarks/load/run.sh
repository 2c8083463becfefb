#!/usr/bin/env bash
# Load test of `tessera serve` /verify (EdDSA and HS256 tokens) beside two ceilings on the same
# machine in the same run: nginx answering a static 200, and a bare Hummingbird route answering
# 200 with the same server settings as `tessera serve` (Benchmarks/Sources/BareHummingbird), the
# ceiling Tessera's own /verify can reach. Prints requests/s and latency percentiles for each,
# /verify as a fraction of the bare route, and tessera's RSS before and after the load. Not part
# of `swift test`.
#
#   Benchmarks/load/run.sh                      # 10 s per target, 2 threads, 32 connections
#   DURATION=30s CONNECTIONS=64 Benchmarks/load/run.sh
#
# wrk runs on the same cores as the servers, so absolute figures are a lower bound; compare
# the rows with each other.
set -euo pipefail
cd "$(dirname "$0")/../.."
DURATION=${DURATION:-10s}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-32}
HERE=Benchmarks/load

SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
need=()
command -v wrk >/dev/null 2>&1 || need+=(wrk)
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || need+=(nginx-light)
if [ ${#need[@]} -gt 0 ]; then
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

work=$(mktemp -d)
# Both servers from the Benchmarks package's release build (one build folder, shared packages).
for product in tessera BareHummingbird; do
  swift build --package-path Benchmarks -c release --product "$product" >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; exit 1; }
done
TESSERA=Benchmarks/.build/release/tessera
BARE=Benchmarks/.build/release/BareHummingbird

pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
rss_kb() { awk '/^VmRSS/ {print $2}' "/proc/$1/status"; }
wait_for() {  # url
  for _ in $(seq 100); do curl -fs -o /dev/null "$1" && return 0; sleep 0.1; done
  echo "not serving: $1" >&2; return 1
}

# Keys: one EdDSA and one HS256 key in a JWK Set served by one tessera; a revocation store with
# one entry so the revocation step runs as in production.
"$TESSERA" keygen --alg EdDSA --out "$work/ed.jwk" >/dev/null 2>&1
"$TESSERA" keygen --alg HS256 --out "$work/hs.jwk" >/dev/null 2>&1
python3 - "$work" <<'PY'
import json, os, sys
d = sys.argv[1]
keys = [json.load(open(os.path.join(d, f))) for f in ("ed.jwk", "hs.jwk")]
path = os.path.join(d, "keys.json")
fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
os.write(fd, json.dumps({"keys": keys}).encode())
os.close(fd)
PY
"$TESSERA" revoke --store "$work/revocations.db" --jti warm-up --until $(( $(date +%s) + 3600 )) >/dev/null
ED_TOKEN=$("$TESSERA" mint --key "$work/ed.jwk" --sub alice --scope "read write" --new-session --ttl 1h)
HS_TOKEN=$("$TESSERA" mint --key "$work/hs.jwk" --sub alice --scope "read write" --new-session --ttl 1h)

TPORT=$(free_port); NPORT=$(free_port); BPORT=$(free_port)
"$TESSERA" serve --key "$work/keys.json" --store "$work/revocations.db" --port "$TPORT" --log-level warning \
  2>"$work/tessera.log" &
pids+=($!); TPID=$!
cat >"$work/nginx.conf" <<NGINX
daemon off;
worker_processes 1;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 1024; }
http {
    access_log off;
    client_body_temp_path $work/cb; proxy_temp_path $work/px; fastcgi_temp_path $work/fc;
    uwsgi_temp_path $work/uw; scgi_temp_path $work/sc;
    server { listen 127.0.0.1:$NPORT; location / { return 200 ""; } }
}
NGINX
"$NGINX" -p "$work" -c "$work/nginx.conf" -e "$work/nginx-error.log" &
pids+=($!)
"$BARE" "$BPORT" 2>"$work/bare.log" &
pids+=($!)
wait_for "http://127.0.0.1:$BPORT/healthz"
wait_for "http://127.0.0.1:$TPORT/healthz"
wait_for "http://127.0.0.1:$NPORT/"
for t in "$ED_TOKEN" "$HS_TOKEN"; do
  [ "$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $t" "http://127.0.0.1:$TPORT/verify")" = 200 ] \
    || { echo "a benchmark token does not verify" >&2; exit 1; }
done

run() {  # label url token [tokens-file]
  local line
  line=$(TOKEN="$3" TOKENS_FILE="${4:-}" wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" -s "$HERE/verify.lua" "$2" | grep '^RESULT')
  printf '%-34s %s\n' "$1" "${line#RESULT }"
  LAST_RPS=$(sed -E 's/.*rps=([0-9.]+).*/\1/' <<<"$line")
}
fraction() { python3 -c "import sys; print(f'{float(sys.argv[1]) / float(sys.argv[2]):.0%}')" "$1" "$2"; }

# Distinct tokens, three times the verified-token cache's default capacity (10,000), minted by
# PyJWT: cycled by wrk, they measure uncached verification.
DISTINCT=${DISTINCT:-30000}
mint_many() {  # key-file out-file
  python3 - "$1" "$2" "$DISTINCT" <<'PY'
import json, sys, time, jwt
path, out, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
jwk = json.load(open(path))
key = jwt.PyJWK(jwk)
now = int(time.time())
with open(out, "w") as f:
    for i in range(count):
        claims = {"sub": f"user-{i}", "exp": now + 3600, "iat": now, "jti": f"load-{i:06d}", "scope": "read write"}
        f.write(jwt.encode(claims, key.key, algorithm=jwk["alg"], headers={"kid": jwk["kid"], "typ": "at+jwt"}) + "\n")
PY
}
mint_many "$work/ed.jwk" "$work/ed-tokens.txt"
mint_many "$work/hs.jwk" "$work/hs-tokens.txt"

# Warm-up (connections, caches), then measure.
TOKEN="$ED_TOKEN" wrk -t"$THREADS" -c"$CONNECTIONS" -d2s -s "$HERE/verify.lua" "http://127.0.0.1:$TPORT/verify" >/dev/null
rss_before=$(rss_kb "$TPID")
echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION on $(nproc) cores ($(uname -m)); tessera $(git rev-parse --short HEAD)"
run "bare Hummingbird 200 (ceiling)" "http://127.0.0.1:$BPORT/verify" "$ED_TOKEN"; BARE_RPS=$LAST_RPS
run "tessera /verify EdDSA" "http://127.0.0.1:$TPORT/verify" "$ED_TOKEN"; ED_RPS=$LAST_RPS
rss_mid=$(rss_kb "$TPID")
run "tessera /verify HS256" "http://127.0.0.1:$TPORT/verify" "$HS_TOKEN"; HS_RPS=$LAST_RPS
run "nginx static 200" "http://127.0.0.1:$NPORT/" ""
run "tessera /verify EdDSA again" "http://127.0.0.1:$TPORT/verify" "$ED_TOKEN"
run "tessera /verify EdDSA, $DISTINCT tokens" "http://127.0.0.1:$TPORT/verify" "" "$work/ed-tokens.txt"
run "tessera /verify HS256, $DISTINCT tokens" "http://127.0.0.1:$TPORT/verify" "" "$work/hs-tokens.txt"
rss_after=$(rss_kb "$TPID")
echo "repeated token, /verify as a fraction of the bare Hummingbird route: EdDSA $(fraction "$ED_RPS" "$BARE_RPS"), HS256 $(fraction "$HS_RPS" "$BARE_RPS")"
echo "tessera RSS: ${rss_before} kB after warm-up, ${rss_mid} kB after EdDSA, ${rss_after} kB at the end"
curl -s "http://127.0.0.1:$TPORT/metrics" | grep -E '^tessera_verifications_total\{result="(ok|missing|bad_signature)"\}' || true
