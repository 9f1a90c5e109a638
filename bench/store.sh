#!/usr/bin/env bash
# The store bench, Mailferry against Dovecot on the same files in one run: writes N messages (default 100000,
# median 10 KB) to DIR/source.mbox, then for Mailferry's .mbox and .mdir and Dovecot's mbox and Maildir: append
# (import the file), cold open unchanged and after a legacy append, expunge 1 % spread.
# Usage: bench/store.sh [N] [DIR] [all|ours|dovecot]
set -eu
. "$(dirname "$(readlink -f "$0")")/_java.sh"
dir=${2:-$(mktemp -d)}
bench_run org.mailferry.bench.StoreBench "${1:-100000}" "$dir" "${3:-all}"
