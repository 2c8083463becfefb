#!/usr/bin/env python3
"""Verify a token with PyJWT (an independent implementation), reading it from stdin.

Usage: pyjwt_verify.py (--jwks PATH | --jwk PATH) [--aud AUD] < token
  --jwks: a public JWK Set (as `tessera jwks` prints it); the key is chosen by the token's kid.
  --jwk:  a private/secret JWK (for HMAC, the shared secret).
Prints {"header": ..., "claims": ...} and exits 0 when valid; prints the reason and exits 1.
"""
import argparse
import json
import sys

import jwt


def main() -> int:
    parser = argparse.ArgumentParser()
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--jwks")
    source.add_argument("--jwk")
    parser.add_argument("--aud")
    args = parser.parse_args()

    token = sys.stdin.read().strip()
    try:
        header = jwt.get_unverified_header(token)
        if args.jwks:
            with open(args.jwks) as f:
                key = jwt.PyJWKSet.from_json(f.read())[header["kid"]]
        else:
            with open(args.jwk) as f:
                key = jwt.PyJWK(json.load(f))
        claims = jwt.decode(
            token,
            key.key,
            algorithms=[key.algorithm_name],
            audience=args.aud,
            options={"require": ["exp", "iat", "sub"]},
        )
    except (jwt.PyJWTError, KeyError) as error:
        print("pyjwt rejected: %s: %s" % (type(error).__name__, error), file=sys.stderr)
        return 1
    print(json.dumps({"header": header, "claims": claims}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
