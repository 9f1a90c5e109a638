#!/usr/bin/env bash
# Creates N accounts (default 100000) over one CLI connection, every change durable, then measures the
# server's start-up time with them. Prints accounts/s and start-up seconds.
# Usage: bench/directory.sh [N]            (default 100000; leaves the base directory in /tmp)
#        bench/directory.sh --startup-only BASE   (start-up figures only, on a base directory made before)
set -eu
. "$(dirname "$(readlink -f "$0")")/_java.sh"
bench_run org.mailferry.bench.DirectoryBench "${@:-100000}"
