#ifndef TESSERA_COPENSSL_SHIM_H
#define TESSERA_COPENSSL_SHIM_H

// Why this header exists: SwiftPM's system-library target needs one umbrella header.
//
// Why OPENSSL_SUPPRESS_DEPRECATED: Tessera's HMAC keeps the keyed SHA-2 inner and outer states
// (RFC 2104) precomputed per key and copies them per call, as BoringSSL's HMAC_CTX does. That
// needs the SHA256_CTX / SHA512_CTX functions, which OpenSSL 3 marks deprecated but still ships
// and supports. It makes HMAC lock-free and allocation-free; everything else uses EVP.
#define OPENSSL_SUPPRESS_DEPRECATED 1

#include <openssl/bio.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/sha.h>

#endif
