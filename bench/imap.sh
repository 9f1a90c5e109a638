#!/usr/bin/env bash
# IMAP load against Mailferry and Dovecot in the same run (see ImapBench). Usage: bench/imap.sh [CLIENTS] [MESSAGES] [SECONDS]
set -eu
. "$(dirname "$(readlink -f "$0")")/_java.sh"
bench_run org.mailferry.bench.ImapBench "${1:-16}" "${2:-200}" "${3:-20}"
