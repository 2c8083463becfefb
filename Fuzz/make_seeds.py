#!/usr/bin/env python3
"""Writes the seed corpus under Fuzz/corpus/<target>/ (run again to refresh; only the x25519/EC
PEMs differ between runs).

Keys are the fuzz fixture's: HS256 with the RFC 7515 A.1 key (kid "hs") and Ed25519 with the
RFC 8037 A.1 key (kid "ed"); tokens are valid at the fixture clock 1700000000.
"""
import base64, hashlib, hmac, json, os, subprocess, tempfile
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ed25519

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "corpus")
HS_KEY = base64.urlsafe_b64decode("AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow==")
ED_SEED = base64.urlsafe_b64decode("nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A=")
ED = ed25519.Ed25519PrivateKey.from_private_bytes(ED_SEED)
NOW = 1700000000


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def compact(value) -> bytes:
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False).encode()


def token(header: bytes, payload: bytes, kid: str) -> bytes:
    signing_input = (b64(header) + "." + b64(payload)).encode()
    sig = hmac.new(HS_KEY, signing_input, hashlib.sha256).digest() if kid == "hs" else ED.sign(signing_input)
    return signing_input + b"." + b64(sig).encode()


def header(kid: str) -> bytes:
    return compact({"alg": "HS256" if kid == "hs" else "EdDSA", "kid": kid, "typ": "at+jwt"})


def write(target: str, name: str, data: bytes) -> None:
    os.makedirs(os.path.join(ROOT, target), exist_ok=True)
    with open(os.path.join(ROOT, target, name), "wb") as f:
        f.write(data)


GOOD = {"iss": "https://auth.example", "sub": "alice", "aud": "api", "exp": NOW + 900, "iat": NOW,
        "jti": "AAAAAAAAAAAAAAAAAAAAAA", "sid": "BBBBBBBBBBBBBBBBBBBBBB", "scope": "read write"}
PAYLOADS = {
    "good": compact(GOOD),
    "aud-array": compact({**GOOD, "aud": ["other", "api"]}),
    "nbf-auth-time-ep": compact({**GOOD, "nbf": NOW - 10, "auth_time": NOW - 100, "ep": 7}),
    "expired": compact({**GOOD, "exp": NOW - 3600}),
    "fractional": b'{"iss":"https://auth.example","sub":"alice","aud":"api","exp":1.7000009e9,"iat":1700000000.5}',
    "revoked-jti": compact({**GOOD, "jti": "revoked-jti"}),
    "revoked-sid": compact({**GOOD, "sid": "revoked-sid"}),
    "old-epoch": compact({**GOOD, "sub": "epoch-user", "ep": 4}),
    "escaped": b'{"iss":"https:\\/\\/auth.example","sub":"\\u00e9l\\ud83d\\ude00","aud":["api"],"exp":1700000900,"x":{"y":[1,true,null]}}',
}
HEADERS = {
    "no-typ": b'{"alg":"HS256","kid":"hs"}',
    "app-typ": b'{"kid":"ed","alg":"EdDSA","typ":"application/at+jwt"}',
    "ed25519-name": b'{"alg":"Ed25519","kid":"ed","typ":"AT+JWT"}',
    "crit": b'{"alg":"HS256","kid":"hs","typ":"at+jwt","crit":["exp"]}',
    "jwk": b'{"alg":"HS256","kid":"hs","jwk":{"kty":"oct","k":"AA"}}',
    "none": b'{"alg":"none","kid":"hs","typ":"at+jwt"}',
    "escaped-name": b'{"\\u0061lg":"HS256","kid":"h\\u0073","typ":"at+jwt","ext":[1,{"a":"b"}]}',
}


def verify_seeds():
    for kid in ("hs", "ed"):
        for name, payload in PAYLOADS.items():
            write("verify", f"token-{kid}-{name}", token(header(kid), payload, kid))
        for name, head in HEADERS.items():
            write("verify", f"token-{kid}-header-{name}", token(head, PAYLOADS["good"], kid))
    for name, payload in PAYLOADS.items():
        write("verify", f"payload-{name}", payload)
    for name, head in HEADERS.items():
        write("verify", f"header-{name}", head + b"\0" + PAYLOADS["good"])
    write("verify", "segments-5", b"a.b.c.d.e")
    write("verify", "empty-segments", b"..")


JSON_EDGES = {
    "nested": b'{"a":[[[[{"b":{}}]]]]}',
    "numbers": b'[0,-0,1.5e10,-1E-5,1e400,99999999999999999999,123456789012345678]',
    "strings": b'["", "\\"\\\\\\/\\b\\f\\n\\r\\t", "\\u0000\\u001f", "\\ud83d\\ude00", "\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80"]',
    "literals": b' [true , false,null ] ',
    "dup": b'{"a":1,"a":2}',
    "dup-escaped": b'{"a":1,"\\u0061":2}',
    "lone-surrogate": b'["\\ud800"]',
    "overlong": b'["\xc0\xaf"]',
    "bom": b'\xef\xbb\xbf{}',
    "nan": b'[NaN]',
    "scalar": b'"top"',
    "wide": compact({f"k{i}": i for i in range(20)}),
    "kelvin": '{"\u212a":1,"K":2}'.encode(),
    "combining": '{"\u00e9":1,"e\u0301":2}'.encode(),
}


def json_seeds():
    for target in ("claims", "json_diff"):
        for name, data in {**JSON_EDGES, **PAYLOADS}.items():
            write(target, name, data)
        for name, data in HEADERS.items():
            write(target, f"header-{name}", data)


def jwk_seeds():
    x = b64(ED.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw))
    okp_pub = {"kty": "OKP", "crv": "Ed25519", "kid": "ed", "x": x, "use": "sig", "alg": "EdDSA"}
    okp_priv = {**okp_pub, "d": b64(ED_SEED)}
    octk = {"kty": "oct", "alg": "HS256", "kid": "hs", "k": b64(HS_KEY)}
    seeds = {
        "okp-public": compact(okp_pub), "okp-private": compact(okp_priv), "oct": compact(octk),
        "oct-hs512": compact({"kty": "oct", "alg": "HS512", "k": b64(bytes(range(64)))}),
        "set": compact({"keys": [okp_pub, octk, {"kty": "RSA", "n": "AQAB", "e": "AQAB"}]}),
        "oct-short": compact({**octk, "k": "AA"}), "okp-31": compact({**okp_pub, "x": b64(bytes(31))}),
        "mismatch": compact({**okp_priv, "x": b64(bytes(32))}), "use-enc": compact({**octk, "use": "enc"}),
        "empty-set": b'{"keys":[]}', "ws": b"  \n" + compact(octk) + b"\n",
    }
    for name, data in seeds.items():
        write("jwk", name, data)


def pem_seeds():
    priv = ED.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    pub = ED.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    write("pem", "ed25519-private", priv)
    write("pem", "ed25519-public", pub)
    write("pem", "truncated", priv[: len(priv) // 2])
    write("pem", "encrypted-header", priv.replace(b"-----\n", b"-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00112233445566778899AABBCCDDEEFF\n\n", 1))
    with tempfile.TemporaryDirectory() as tmp:
        for name, args in {"x25519": ["-algorithm", "x25519"], "ec-p256": ["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256"]}.items():
            path = os.path.join(tmp, name)
            subprocess.run(["openssl", "genpkey", *args, "-out", path], check=True, capture_output=True)
            write("pem", f"{name}-private", open(path, "rb").read())
            out = subprocess.run(["openssl", "pkey", "-in", path, "-pubout"], check=True, capture_output=True).stdout
            write("pem", f"{name}-public", out)
    for target in ("jwk",):
        write(target, "pem-ed25519-private", priv)


def base64_seeds():
    for name, data in {"empty": b"", "one": b"QQ", "two": b"QUI", "three": b"QUJD", "alphabet": b"-_09azAZ",
                       "bad-bits": b"QR", "padded": b"QQ==", "plus-slash": b"+/+/", "len1mod4": b"QUJDR"}.items():
        write("base64url", name, data)


if __name__ == "__main__":
    verify_seeds(); json_seeds(); jwk_seeds(); pem_seeds(); base64_seeds()
