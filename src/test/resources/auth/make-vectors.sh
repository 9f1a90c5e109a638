#!/usr/bin/env bash
# make-vectors.sh — regenerates vectors.tsv: password hashes made by tools Mailferry did not write.
#
# Columns (tab-separated): scheme (Mailferry's census name), password, stored hash (as the tool printed it, without
# the \002 byte Mailferry adds), and the command that produced it. Passwords contain no tabs. Salts are random, so
# every run writes different hashes; each must still verify. Tools: openssl, mkpasswd (Debian whois), htpasswd
# (apache2-utils), Python 3.11's crypt and hashlib, doveadm pw (dovecot-core), argon2 (Debian argon2).
# Run from anywhere: src/test/resources/auth/make-vectors.sh > src/test/resources/auth/vectors.tsv
set -eu
export LC_ALL=C.UTF-8

row() { printf '%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4"; }

PWS=("secret" "pencil" "Tr0ub4dor&3" "correct horse battery staple" "pässwörd €")
LONG="aaaaaaaaaabbbbbbbbbbccccccccccddddddddddeeeeeeeeeeffffffffffgggggggggghhhhhhhhhh-80"

echo -e "# scheme\tpassword\tstored\ttool"

# --- The seed's DES case: the "test" account of Migration.txt, made with three independent DES implementations.
row DES-CRYPT "test-pw1" "$(mkpasswd -m descrypt -S As test-pw1)" "mkpasswd -m descrypt -S As test-pw1"
row DES-CRYPT "test-pw1" "$(htpasswd -nbd u test-pw1 | cut -d: -f2-)" "htpasswd -nbd u test-pw1"
row DES-CRYPT "test-pw1" "$(python3 -W ignore -c 'import crypt,sys; print(crypt.crypt(sys.argv[1], "As"))' test-pw1)" \
    "python3 crypt.crypt(pw, 'As')"

for pw in "${PWS[@]}"; do
  row MD5-CRYPT "$pw" "$(openssl passwd -1 "$pw")" "openssl passwd -1"
  row APR1-MD5 "$pw" "$(openssl passwd -apr1 "$pw")" "openssl passwd -apr1"
  row SHA256-CRYPT "$pw" "$(openssl passwd -5 "$pw")" "openssl passwd -5"
  row SHA512-CRYPT "$pw" "$(openssl passwd -6 "$pw")" "openssl passwd -6"
  row DES-CRYPT "$pw" "$(mkpasswd -m descrypt "$pw")" "mkpasswd -m descrypt"
  row MD5-CRYPT "$pw" "$(mkpasswd -m md5crypt "$pw")" "mkpasswd -m md5crypt"
  row SHA256-CRYPT "$pw" "$(mkpasswd -m sha256crypt -R 1000 "$pw")" "mkpasswd -m sha256crypt -R 1000"
  row SHA512-CRYPT "$pw" "$(mkpasswd -m sha512crypt -R 1000 "$pw")" "mkpasswd -m sha512crypt -R 1000"
  row BLF-CRYPT "$pw" "$(mkpasswd -m bcrypt -R 4 "$pw")" "mkpasswd -m bcrypt -R 4"
  row BLF-CRYPT "$pw" "$(mkpasswd -m bcrypt-a -R 4 "$pw")" "mkpasswd -m bcrypt-a -R 4"
  row YESCRYPT "$pw" "$(mkpasswd -m yescrypt -R 1 "$pw")" "mkpasswd -m yescrypt -R 1"
  row BLF-CRYPT "$pw" "$(htpasswd -nbB -C 4 u "$pw" | cut -d: -f2-)" "htpasswd -nbB -C 4"
  row SHA "$pw" "$(htpasswd -nbs u "$pw" | cut -d: -f2-)" "htpasswd -nbs"
  row APR1-MD5 "$pw" "$(htpasswd -nbm u "$pw" | cut -d: -f2-)" "htpasswd -nbm"
  row SHA256-CRYPT "$pw" "$(htpasswd -nb2 -r 1000 u "$pw" | cut -d: -f2-)" "htpasswd -nb2 -r 1000"
  row SHA512-CRYPT "$pw" "$(htpasswd -nb5 -r 1000 u "$pw" | cut -d: -f2-)" "htpasswd -nb5 -r 1000"
  for s in SHA512-CRYPT SHA256-CRYPT MD5-CRYPT SSHA SSHA256 SSHA512 SHA SHA1 SHA256 SHA512 SMD5 LDAP-MD5 PLAIN-MD5 \
           PLAIN-MD4 CRAM-MD5 HMAC-MD5 SCRAM-SHA-1 SCRAM-SHA-256 PLAIN CLEAR CLEARTEXT MD5 PBKDF2 \
           SHA256.HEX SSHA.B64 SSHA512.HEX PLAIN-MD5.B64; do
    case $s in
      SHA1) name=SHA ;; HMAC-MD5) name=CRAM-MD5 ;; CLEAR|CLEARTEXT) name=PLAIN ;; MD5) name=MD5-CRYPT ;;
      *.*) name=${s%.*} ;; *) name=$s ;;
    esac
    row "$name" "$pw" "$(doveadm pw -s "$s" -p "$pw")" "doveadm pw -s $s"
  done
  row BLF-CRYPT "$pw" "$(doveadm pw -s BLF-CRYPT -r 4 -p "$pw")" "doveadm pw -s BLF-CRYPT -r 4"
  row DES-CRYPT "$pw" "$(doveadm pw -s DES-CRYPT -p "$pw")" "doveadm pw -s DES-CRYPT"
  row ARGON2ID "$pw" "$(printf %s "$pw" | argon2 saltsalt$RANDOM -id -t 1 -k 64 -p 1 -e)" "argon2 SALT -id -t 1 -k 64 -p 1 -e"
  row ARGON2I "$pw" "$(printf %s "$pw" | argon2 saltsalt$RANDOM -i -t 2 -k 32 -p 2 -e)" "argon2 SALT -i -t 2 -k 32 -p 2 -e"
  row ARGON2D "$pw" "$(printf %s "$pw" | argon2 saltsalt$RANDOM -d -t 1 -k 16 -p 1 -e)" "argon2 SALT -d -t 1 -k 16 -p 1 -e"
  row ARGON2I "$pw" "$(printf %s "$pw" | argon2 saltsalt$RANDOM -i -t 1 -k 16 -v 10 -e)" "argon2 SALT -i -t 1 -k 16 -v 10 -e"
  python3 -W ignore - "$pw" <<'PY'
import base64, crypt, hashlib, os, sys
pw = sys.argv[1]
b = pw.encode()
def row(scheme, stored, tool):
    print(f"{scheme}\t{pw}\t{stored}\t{tool}")
def salted(name, algo):
    salt = os.urandom(8)
    return "{%s}%s" % (name, base64.b64encode(hashlib.new(algo, b + salt).digest() + salt).decode())
row("DES-CRYPT", crypt.crypt(pw, crypt.METHOD_CRYPT), "python3 crypt.crypt(pw, METHOD_CRYPT)")
row("MD5-CRYPT", crypt.crypt(pw, crypt.METHOD_MD5), "python3 crypt.crypt(pw, METHOD_MD5)")
row("SHA256-CRYPT", crypt.crypt(pw, crypt.METHOD_SHA256), "python3 crypt.crypt(pw, METHOD_SHA256)")
row("SHA512-CRYPT", crypt.crypt(pw, crypt.mksalt(crypt.METHOD_SHA512, rounds=2000)), "python3 crypt.crypt(pw, mksalt(METHOD_SHA512, rounds=2000))")
row("BLF-CRYPT", crypt.crypt(pw, crypt.mksalt(crypt.METHOD_BLOWFISH, rounds=16)), "python3 crypt.crypt(pw, mksalt(METHOD_BLOWFISH, rounds=16))")
row("SSHA", salted("SSHA", "sha1"), "python3 hashlib: {SSHA} b64(sha1(pw+salt8)+salt8)")
row("SSHA256", salted("SSHA256", "sha256"), "python3 hashlib: {SSHA256} b64(sha256(pw+salt8)+salt8)")
row("SSHA512", salted("SSHA512", "sha512"), "python3 hashlib: {SSHA512} b64(sha512(pw+salt8)+salt8)")
row("SMD5", salted("SMD5", "md5"), "python3 hashlib: {SMD5} b64(md5(pw+salt8)+salt8)")
row("SHA", "{SHA}" + base64.b64encode(hashlib.sha1(b).digest()).decode(), "python3 hashlib: {SHA} b64(sha1(pw))")
row("LDAP-MD5", "{MD5}" + base64.b64encode(hashlib.md5(b).digest()).decode(), "python3 hashlib: {MD5} b64(md5(pw))")
row("PLAIN-MD5", "{PLAIN-MD5}" + hashlib.md5(b).hexdigest(), "python3 hashlib: {PLAIN-MD5} hex(md5(pw))")
row("SHA256", "{SHA256}" + hashlib.sha256(b).hexdigest(), "python3 hashlib: {SHA256} hex(sha256(pw)), auto-detected hex")
row("PLAIN", "{CLEAR}" + pw, "python3: {CLEAR}pw")
row("SHA", "{sha}" + base64.b64encode(hashlib.sha1(b).digest()).decode(), "python3 hashlib: lower-case {sha}")
row("DES-CRYPT", "{crypt}" + crypt.crypt(pw, crypt.METHOD_CRYPT), "python3 crypt: {crypt} + METHOD_CRYPT")
row("SHA512-CRYPT", "{CRYPT}" + crypt.crypt(pw, crypt.mksalt(crypt.METHOD_SHA512, rounds=1000)), "python3 crypt: {CRYPT} + METHOD_SHA512")
PY
done

# bcrypt cuts passwords at 72 bytes; DES at 8 characters: long passwords test both.
row BLF-CRYPT "$LONG" "$(htpasswd -nbB -C 4 u "$LONG" | cut -d: -f2-)" "htpasswd -nbB -C 4 (80-byte password)"
row BLF-CRYPT "$LONG" "$(mkpasswd -m bcrypt -R 4 "$LONG")" "mkpasswd -m bcrypt -R 4 (80-byte password)"
row SHA512-CRYPT "$LONG" "$(openssl passwd -6 "$LONG")" "openssl passwd -6 (80-byte password)"

# Default costs, once each (slower: what real systems write).
row YESCRYPT "secret" "$(mkpasswd -m yescrypt secret)" "mkpasswd -m yescrypt"
row BLF-CRYPT "secret" "$(doveadm pw -s BLF-CRYPT -p secret)" "doveadm pw -s BLF-CRYPT"
row ARGON2ID "secret" "$(doveadm pw -s ARGON2ID -p secret)" "doveadm pw -s ARGON2ID (libsodium, 64 MiB)"
row ARGON2I "secret" "$(doveadm pw -s ARGON2I -p secret)" "doveadm pw -s ARGON2I (libsodium, 32 MiB)"
# Other crypt(3) methods, through the system's libcrypt.
row GOST-YESCRYPT "secret" "$(mkpasswd -m gost-yescrypt -R 1 secret)" "mkpasswd -m gost-yescrypt -R 1"
row SCRYPT "secret" "$(mkpasswd -m scrypt -R 6 secret)" "mkpasswd -m scrypt -R 6"
row BSDI-CRYPT "secret" "$(mkpasswd -m bsdicrypt secret)" "mkpasswd -m bsdicrypt"
row SUN-MD5 "secret" "$(mkpasswd -m sunmd5 secret)" "mkpasswd -m sunmd5"
row NT-HASH "secret" "$(mkpasswd -m nt secret)" "mkpasswd -m nt"
