#ifndef TESSERA_BENCH_OPENSSL_SHIM_H
#define TESSERA_BENCH_OPENSSL_SHIM_H

// Why this header exists: SwiftPM's system-library target needs one umbrella header. The
// benchmarks call libcrypto directly to measure the raw floor (EVP_MAC HMAC with a reused
// context, EVP_DigestSign/Verify for Ed25519) beside Tessera in the same run.

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/params.h>

#endif
