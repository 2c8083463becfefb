#!/usr/bin/env bash
# A walk-through of the `tessera` CLI: keys, minting, verifying, inspecting, publishing a JWKS,
# and what rejections look like. Run it from anywhere:
#
#   Examples/cli-walkthrough.sh                      # builds and uses `swift run tessera`
#   TESSERA=.build/debug/tessera Examples/cli-walkthrough.sh
#
# The CLI test suite runs this script, so every line here keeps working.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -n "${TESSERA:-}" ]; then
  tessera() { "$TESSERA" "$@"; }
else
  swift build --product tessera >/dev/null
  bin="$(swift build --show-bin-path)/tessera"
  tessera() { "$bin" "$@"; }
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
step() { printf '\n== %s\n' "$*"; }

# expect_rejected CODE COMMAND...: the command must exit 1 with `rejected: CODE: …` first on stderr.
expect_rejected() {
  local code="$1"; shift
  local status=0
  "$@" >/dev/null 2>"$work/stderr" || status=$?
  local first; first="$(head -n 1 "$work/stderr")"
  if [ "$status" -ne 1 ] || [[ "$first" != "rejected: $code: "* ]]; then
    echo "expected exit 1 and 'rejected: $code: …', got exit $status: $first" >&2
    exit 1
  fi
  echo "exit 1, $first"
}

step "1. Generate keys: an Ed25519 signing key and an HS256 secret (files are written 0600)"
tessera keygen --alg EdDSA --kid demo-ed --out "$work/signing.jwk"
tessera keygen --alg HS256 --out "$work/hmac.jwk"
ls -l "$work/signing.jwk" | cut -c1-10

step "2. Mint a token for alice (15 minutes by default)"
token="$(tessera mint --key "$work/signing.jwk" --sub alice --aud api --iss https://auth.example \
  --scope "read write" --ttl 10m --new-session)"
echo "minted a token of ${#token} characters"

step "3. Verify it: exit 0 and {\"header\":…,\"claims\":…} on stdout"
tessera verify --key "$work/signing.jwk" --aud api --iss https://auth.example "$token"

step "4. Pipes work too: mint | verify reads the token from stdin"
tessera mint --key "$work/hmac.jwk" --sub bob | tessera verify --key "$work/hmac.jwk"

step "5. Publish the public key as a JWK Set; verifiers need nothing else"
tessera jwks --key "$work/signing.jwk" --key "$work/hmac.jwk" > "$work/jwks.json" 2>"$work/jwks.err"
cat "$work/jwks.json"
cat "$work/jwks.err"   # the HMAC secret was skipped, with a warning
if grep -q '"d"' "$work/jwks.json"; then echo "a private key leaked into the JWKS" >&2; exit 1; fi
tessera verify --key "$work/jwks.json" --aud api "$token" >/dev/null && echo "verified with the JWKS alone"

step "6. Inspect decodes WITHOUT verifying (debugging only; never trust its output)"
tessera inspect "$token"

step "7. Rejections exit 1; the first stderr line is 'rejected: CODE: detail'"
expect_rejected wrong_audience tessera verify --key "$work/jwks.json" --aud billing "$token"
expect_rejected wrong_issuer   tessera verify --key "$work/jwks.json" --aud api --iss https://other.example "$token"
expect_rejected key_not_found  tessera verify --key "$work/hmac.jwk" "$token"
expect_rejected malformed      tessera verify --key "$work/signing.jwk" "not-a-token"
# Swap in the claims of a token for mallory: the signature no longer covers them.
forged="$(tessera mint --key "$work/signing.jwk" --sub mallory --aud api)"
IFS=. read -r head _ sig <<<"$token"; IFS=. read -r _ body _ <<<"$forged"
tampered="$head.$body.$sig"
expect_rejected bad_signature  tessera verify --key "$work/signing.jwk" --aud api "$tampered"
expect_rejected wrong_type     tessera verify --key "$work/signing.jwk" --aud api --type JWT "$token"

step "8. Usage and configuration errors exit 2"
status=0; tessera verify --key "$work/missing.jwk" "$token" 2>/dev/null || status=$?
echo "missing key file: exit $status"; [ "$status" -eq 2 ]
status=0; tessera mint --key "$work/signing.jwk" --sub alice --ttl 5x 2>/dev/null || status=$?
echo "bad --ttl: exit $status"; [ "$status" -eq 2 ]

step "walk-through complete"
