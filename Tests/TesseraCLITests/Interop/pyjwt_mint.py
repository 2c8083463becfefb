#!/usr/bin/env python3
"""Mint a JWS with PyJWT (an independent implementation) from a Tessera private JWK.

Usage: pyjwt_mint.py --jwk PATH --sub SUBJECT [--aud AUD] [--typ TYP] [--no-kid] [--exp-in SECONDS]
Prints the compact token on stdout. Used by the interop tests in TesseraCLITests.
"""
import argparse
import json
import time

import jwt


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--jwk", required=True)
    parser.add_argument("--sub", required=True)
    parser.add_argument("--aud")
    parser.add_argument("--typ", default="at+jwt")
    parser.add_argument("--no-kid", action="store_true")
    parser.add_argument("--exp-in", type=int, default=300)
    args = parser.parse_args()

    with open(args.jwk) as f:
        jwk = json.load(f)
    key = jwt.PyJWK(jwk)  # OKP (Ed25519 private) or oct, bound to jwk["alg"]
    now = int(time.time())
    claims = {"sub": args.sub, "iat": now, "exp": now + args.exp_in, "jti": "pyjwt-%d" % now}
    if args.aud:
        claims["aud"] = args.aud
    headers = {"typ": args.typ}
    if not args.no_kid:
        headers["kid"] = jwk["kid"]
    print(jwt.encode(claims, key.key, algorithm=jwk["alg"], headers=headers))


if __name__ == "__main__":
    main()
