#!/usr/bin/env bash
# Builds the libFuzzer targets under Fuzz/targets and runs each for a given time.
#
#   Fuzz/run.sh [seconds-per-target] [target...]     (default: 60 s, every target)
#
# Each target is the Tessera core sources compiled into one module with the target's
# harness (`-module-name Tessera`, so internal APIs are reachable), with libFuzzer and
# AddressSanitizer. The seed corpus in Fuzz/corpus/<target> is read but never written: new
# inputs go to Fuzz/out/<target>/corpus, crashes to Fuzz/out/<target>/. Exits non-zero when
# any target crashes, leaks, times out or fails to build. Set FUZZ_NICE=0 to run unniced.
# FUZZ_SEED and FUZZ_RUNS make a run reproducible (a fixed seed and a fixed number of inputs,
# the time still capping it): CI's smoke run uses them so that it cannot fail by chance.
set -euo pipefail
cd "$(dirname "$0")/.."
# libFuzzer reports crashes itself; Swift's backtracer would race it for the crashed process.
export SWIFT_BACKTRACE=enable=no

seconds="${1:-60}"
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  for dir in Fuzz/targets/*/; do targets+=("$(basename "$dir")"); done
fi

mkdir -p Fuzz/bin Fuzz/out
core=()
while IFS= read -r -d '' file; do core+=("$file"); done < <(find Sources/Tessera -name '*.swift' -print0 | sort -z)

build() {
  local target="$1" binary="Fuzz/bin/$1"
  local sources=("${core[@]}" Fuzz/shared/*.swift Fuzz/targets/"$target"/*.swift)
  # Rebuild only when a source is newer than the binary.
  if [ -x "$binary" ] && [ -z "$(find "${sources[@]}" -newer "$binary" | head -1)" ]; then return 0; fi
  echo "== build $target"
  swiftc -sanitize=fuzzer,address -parse-as-library -O -g \
    -swift-version 6 -enable-upcoming-feature ExistentialAny -enable-upcoming-feature InternalImportsByDefault \
    -module-name Tessera -I Sources/COpenSSL -lcrypto \
    -module-cache-path Fuzz/bin/module-cache \
    "${sources[@]}" -o "$binary.tmp" >"Fuzz/bin/$target.build.log" 2>&1 \
    || { grep -v 'Cannot export local symbol' "Fuzz/bin/$target.build.log" >&2; rm -f "$binary.tmp"; return 1; }
  mv "$binary.tmp" "$binary"
}

status=0
for target in "${targets[@]}"; do
  [ -d "Fuzz/targets/$target" ] || { echo "no such target: $target" >&2; exit 2; }
  build "$target" || { echo "== $target: BUILD FAILED" >&2; status=1; continue; }
  out="Fuzz/out/$target"
  mkdir -p "$out/corpus"
  echo "== run $target for ${seconds}s"
  log="$out/last.log"
  fixed=()
  [ -n "${FUZZ_SEED:-}" ] && fixed+=("-seed=$FUZZ_SEED")
  [ -n "${FUZZ_RUNS:-}" ] && fixed+=("-runs=$FUZZ_RUNS")
  # -rss_limit_mb: a run that grows past 2 GB is a finding; -timeout: so is one input over 5 s.
  if nice -n "${FUZZ_NICE:-10}" "Fuzz/bin/$target" "$out/corpus" "Fuzz/corpus/$target" \
      -max_total_time="$seconds" -timeout=5 -rss_limit_mb=2048 -max_len=16384 \
      -artifact_prefix="$out/" -print_final_stats=1 ${fixed[@]+"${fixed[@]}"} >"$log" 2>&1; then
    grep -aE '^#[0-9]+[[:space:]]+DONE' "$log" | tail -1 | sed "s/^/   $target: /"
    grep -aE '^stat::number_of_executed_units' "$log" | sed "s/^/   $target: /"
  else
    echo "== $target: CRASH (see $log and $out/crash-* / leak-* / timeout-*)" >&2
    grep -aE 'ERROR|Fatal error|invariant|SUMMARY|Test unit written' "$log" | head -20 >&2 || true
    status=1
  fi
done
exit $status
