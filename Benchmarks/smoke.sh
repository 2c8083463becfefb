#!/usr/bin/env bash
# A short smoke run of the hot benchmarks, for CI's log: no thresholds (machines are noisy).
# Runs the already-built release executable stand-alone (nothing more to build than
# `swift build --package-path Benchmarks -c release`), one operation per sample for at most
# 0.3 s per benchmark (TESSERA_BENCH_SMOKE), and prints each benchmark's median wall time and
# mallocs per operation, with the ratio to the OpenSSL floor measured in the same run.
#
#   swift build --package-path Benchmarks -c release && Benchmarks/smoke.sh
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=Benchmarks/.build/release/TokenBenchmarks
filters=(
  'Floor HMAC-SHA256.*' 'Floor Ed25519.*' 'HS256 sign.*' 'HS256 verify' 'HS256 verify, cached repeat'
  'EdDSA sign.*' 'EdDSA verify' 'Revocation.*' 'jwt-kit.*'
)
args=(); for f in "${filters[@]}"; do args+=(--filter "$f"); done
TESSERA_BENCH_SMOKE=1 "$BIN" --quiet true "${args[@]}" 2>&1 | awk '
  /^Debug results for / { name = substr($0, 19); sub(/:$/, "", name); order[++n] = name; next }
  /^Time \(wall clock\):/ { metric = "time"; next }
  /^Malloc \(total\):/ { metric = "malloc"; next }
  /^[A-Za-z]/ { metric = ""; next }
  metric != "" && $2 + 0 >= 0.5 && !((name, metric) in seen) { seen[name, metric] = 1; value[name, metric] = $1 + 0 }
  END {
    hmac = value["Floor HMAC-SHA256 (EVP_MAC reused ctx)", "time"]
    edsign = value["Floor Ed25519 sign (EVP_DigestSign)", "time"]
    edverify = value["Floor Ed25519 verify (EVP_DigestVerify)", "time"]
    printf "%-42s %12s %8s %9s\n", "benchmark (smoke run, medians)", "ns / op", "mallocs", "vs floor"
    for (i = 1; i <= n; i++) {
      name = order[i]; t = value[name, "time"]; floor = 0
      if (name ~ /^(HS256|jwt-kit HS256) (sign|verify)/ && name !~ /cached/) floor = hmac
      if (name ~ /^(EdDSA|jwt-kit EdDSA) sign/) floor = edsign
      if (name ~ /^(EdDSA|jwt-kit EdDSA) verify$/) floor = edverify
      ratio = floor > 0 ? sprintf("%.2fx", t / floor) : "-"
      printf "%-42s %12d %8d %9s\n", name, t, value[name, "malloc"], ratio
    }
  }'
