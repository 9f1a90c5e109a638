#!/usr/bin/env bash
# POP3 retrieval of a big maildrop from Mailferry and from Dovecot in the same run (see Pop3Bench). Usage: bench/pop3.sh [MESSAGES]
set -eu
. "$(dirname "$(readlink -f "$0")")/_java.sh"
bench_run org.mailferry.bench.Pop3Bench "${1:-10000}"
