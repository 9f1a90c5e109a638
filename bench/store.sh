#!/usr/bin/env bash
# The store bench: appends N messages (default 100000, median 10 KB) into one mailbox, then times a cold
# open (unchanged, and after a legacy append) and an expunge of 1 %. Usage: bench/store.sh [N] [mbox|mdir] [DIR]
set -eu
. "$(dirname "$(readlink -f "$0")")/_java.sh"
dir=${3:-$(mktemp -d)}
bench_run org.mailferry.bench.StoreBench "${1:-100000}" "${2:-mbox}" "$dir"
