#!/usr/bin/env python3
# passwords-peer.py CASES.tsv PASSWORD SECONDS — the C side of bench/passwords.
#
# For each "name<TAB>stored" line (the hashes Mailferry's bench made, without the \002 byte), verifies PASSWORD
# against it for SECONDS with a C implementation on one thread and prints "name<TAB>verifications/s<TAB>peer":
# crypt(3) from libxcrypt (Python's crypt module) for the crypt forms, libargon2 through ctypes for argon2,
# hashlib (OpenSSL) for digests and PBKDF2, hmac for CRAM-MD5. Python's own loop overhead is included (small
# next to the slow hashes, visible on the fast digests).
import base64, crypt, ctypes, hashlib, hmac, sys, time

cases, password, seconds = sys.argv[1], sys.argv[2], float(sys.argv[3])
pw = password.encode()
try:
    libargon2 = ctypes.CDLL("libargon2.so.1")
except OSError:
    libargon2 = None


def argon2_verifier(phc):
    fn = libargon2.argon2id_verify if phc.startswith("$argon2id$") else libargon2.argon2i_verify
    enc = phc.encode()
    return lambda: fn(enc, pw, len(pw)) == 0


def salted(algo, b64, n):
    raw = base64.b64decode(b64)
    digest, salt = raw[:n], raw[n:]
    return lambda: hmac.compare_digest(hashlib.new(algo, pw + salt).digest(), digest)


def verifier(stored):
    if stored.startswith("{") :
        scheme, body = stored[1:].split("}", 1)
    else:
        scheme, body = "CRYPT", stored
    if scheme == "CRYPT" and body.startswith("$argon2"):
        return (argon2_verifier(body), "libargon2 (ctypes)") if libargon2 else (None, "-")
    if scheme == "CRYPT" and body.startswith("$apr1$"):
        return None, "- (no C apr1 at hand)"
    if scheme == "CRYPT":
        return (lambda: hmac.compare_digest(crypt.crypt(password, body), body)), "libxcrypt crypt(3)"
    if scheme in ("SSHA512", "SSHA", "SMD5"):
        algo, n = {"SSHA512": ("sha512", 64), "SSHA": ("sha1", 20), "SMD5": ("md5", 16)}[scheme]
        return salted(algo, body, n), "hashlib (OpenSSL)"
    if scheme == "PLAIN-MD5":
        return (lambda: hmac.compare_digest(hashlib.md5(pw).hexdigest(), body)), "hashlib (OpenSSL)"
    if scheme == "SCRAM-SHA-256":
        i, salt, stored_key, _ = body.split(",")
        salt, stored_key, i = base64.b64decode(salt), base64.b64decode(stored_key), int(i)
        def scram():
            salted_pw = hashlib.pbkdf2_hmac("sha256", pw, salt, i)
            return hmac.compare_digest(hashlib.sha256(hmac.new(salted_pw, b"Client Key", "sha256").digest()).digest(),
                                       stored_key)
        return scram, "hashlib.pbkdf2_hmac (OpenSSL)"
    if scheme == "CRAM-MD5":
        challenge = b"<1896.697170952@postoffice.reston.mci.net>"
        return (lambda: len(hmac.new(pw, challenge, "md5").digest()) == 16), "hmac (HMAC-MD5 of a challenge)"
    return None, "-"


for line in open(cases, encoding="utf-8"):
    name, stored = line.rstrip("\n").split("\t", 1)
    if name == "clear":
        fn, peer = (lambda: hmac.compare_digest(pw, stored.encode())), "hmac.compare_digest"
    elif stored.startswith("\x01"):
        fn, peer = argon2_verifier(stored[1:].split(";")[1]) if libargon2 else None, "libargon2, argon2id part"
    else:
        fn, peer = verifier(stored)
    if fn is None:
        print(f"{name}\t-\t{peer}", flush=True)
        continue
    assert fn(), f"peer does not verify {name}"
    n, start = 0, time.perf_counter()
    while True:
        fn()
        n += 1
        elapsed = time.perf_counter() - start
        if elapsed >= seconds:
            break
    rate = n / elapsed
    print(f"{name}\t{rate:,.0f}\t{peer}" if rate >= 100 else f"{name}\t{rate:.1f}\t{peer}", flush=True)
