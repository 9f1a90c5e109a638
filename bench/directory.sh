#!/usr/bin/env bash
# Creates N accounts (default 100000) over one CLI connection, every change durable, then measures the
# server's start-up time with them. Prints accounts/s and start-up seconds. Usage: bench/directory.sh [N]
set -eu
. "$(dirname "$(readlink -f "$0")")/_java.sh"
bench_run org.mailferry.bench.DirectoryBench "${1:-100000}"
