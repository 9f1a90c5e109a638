#!/usr/bin/env python3
# sasl_client.py — the client side of SASL exchanges, for Mailferry's tests; one process runs many exchanges.
#
# Speaks lines on stdin/stdout with the Java test driving Mailferry's mechanism:
#   in:  "START MECH b64(user) b64(password) b64(authzid)"   begins an exchange
#   out: "IR <base64>" or "NOIR"      the initial response (SASL-IR) or none
#   in:  "C <base64>"                 a server challenge;   out: "R <base64>" the response
#   in:  "S" / "F"                    server says success / failure
#   out: "EXIT n"                     the client's verdict: 0 success seen, 3 failure seen, 4 bad server signature
# PLAIN, LOGIN and CRAM-MD5 answers come from Python's own smtplib client code (SMTP.auth_plain, auth_login,
# auth_cram_md5, driven by a copy of SMTP.auth()'s loop; ASCII passwords only, as smtplib). SCRAM-SHA-256 is
# written here from RFC 5802/7677 with hashlib and hmac only, and checks the server signature.
import base64, hashlib, hmac, os, smtplib, sys


class Done(Exception):
    def __init__(self, code):
        self.code = code


def send(tag, data=None):
    print(tag if data is None else f"{tag} {base64.b64encode(data).decode()}", flush=True)


def recv():
    line = sys.stdin.readline().strip()
    if line == "S":
        raise Done(0)
    if line == "F":
        raise Done(3)
    assert line.startswith("C"), line
    return base64.b64decode(line[2:]) if len(line) > 2 else b""


def smtplib_exchange(mech, user, password):
    smtp = smtplib.SMTP()
    smtp.user, smtp.password = user, password
    # The loop of smtplib.SMTP.auth(), minus the socket.
    authobject = {"PLAIN": smtp.auth_plain, "LOGIN": smtp.auth_login, "CRAM-MD5": smtp.auth_cram_md5}[mech]
    initial = authobject()
    if initial is not None:
        send("IR", initial.encode("ascii"))
        smtp._auth_challenge_count = 1
    else:
        send("NOIR")
        smtp._auth_challenge_count = 0
    while True:
        challenge = recv()
        smtp._auth_challenge_count += 1
        send("R", authobject(challenge).encode("ascii"))


def scram_sha256(user, password, authzid):
    def H(b): return hashlib.sha256(b).digest()
    def HMAC(k, b): return hmac.new(k, b, hashlib.sha256).digest()
    def saslname(s): return s.replace("=", "=3D").replace(",", "=2C")
    cnonce = base64.b64encode(os.urandom(18)).decode()
    gs2 = "n," + (f"a={saslname(authzid)}" if authzid else "") + ","
    first_bare = f"n={saslname(user)},r={cnonce}"
    send("IR", (gs2 + first_bare).encode())
    server_first = recv().decode()
    attrs = dict(a.split("=", 1) for a in server_first.split(","))
    assert attrs["r"].startswith(cnonce) and len(attrs["r"]) > len(cnonce), server_first
    salt, iterations = base64.b64decode(attrs["s"]), int(attrs["i"])
    salted = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, iterations)
    client_key = HMAC(salted, b"Client Key")
    stored_key = H(client_key)
    final_wo_proof = f"c={base64.b64encode(gs2.encode()).decode()},r={attrs['r']}"
    auth_message = f"{first_bare},{server_first},{final_wo_proof}".encode()
    proof = bytes(a ^ b for a, b in zip(client_key, HMAC(stored_key, auth_message)))
    send("R", f"{final_wo_proof},p={base64.b64encode(proof).decode()}".encode())
    server_final = recv().decode()
    expected = HMAC(HMAC(salted, b"Server Key"), auth_message)
    if not server_final.startswith("v=") or not hmac.compare_digest(base64.b64decode(server_final[2:]), expected):
        raise Done(4)
    send("R", b"")
    recv()


for line in sys.stdin:
    words = line.split()
    assert words[0] == "START", line
    mech = words[1]
    user, password, authzid = (base64.b64decode(w).decode() for w in (words[2:] + ["", "", ""])[:3])
    try:
        if mech == "SCRAM-SHA-256":
            scram_sha256(user, password, authzid)
        elif mech == "PLAIN" and authzid:
            send("IR", f"{authzid}\0{user}\0{password}".encode())
            recv()
        else:
            smtplib_exchange(mech, user, password)
    except Done as d:
        print(f"EXIT {d.code}", flush=True)
