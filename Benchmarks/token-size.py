#!/usr/bin/env python3
"""Prints the length of the token PyJWT mints for the given claims, for the size comparison in
the benchmark output.

Usage: token-size.py ALG KID < payload.json

The header carries the same fields as Tessera's (alg, kid, typ "at+jwt"). The key is random (a
token's length does not depend on it); nothing but the length is printed.
"""
import json
import secrets
import sys

import jwt
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey


def main() -> None:
    alg, kid = sys.argv[1], sys.argv[2]
    claims = json.loads(sys.stdin.read())
    if alg == "EdDSA":
        key = Ed25519PrivateKey.generate()
    else:
        key = secrets.token_bytes({"HS256": 32, "HS384": 48, "HS512": 64}[alg])
    token = jwt.encode(claims, key, algorithm=alg, headers={"kid": kid, "typ": "at+jwt"})
    print(len(token))


if __name__ == "__main__":
    main()
