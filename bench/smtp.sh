#!/usr/bin/env bash
# SMTP: Postfix's smtp-source into Mailferry and into a private Postfix delivering locally, same run (see
# SmtpBench; needs root for Postfix). Usage: bench/smtp.sh [MESSAGES] [SESSIONS] [BYTES]
set -eu
. "$(dirname "$(readlink -f "$0")")/_java.sh"
bench_run org.mailferry.bench.SmtpBench "${1:-5000}" "${2:-10}" "${3:-10240}"
