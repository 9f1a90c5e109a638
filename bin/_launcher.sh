# Shared by every launcher in bin/: finds a JDK 25+, builds the jar on first use or when
# sources are newer, then runs the main class given as $1 with the remaining arguments.
# Not meant to be run directly.

mf_die() { echo "mailferry: $*" >&2; exit 2; }

mf_java_major() { # prints the feature version of the java binary $1: from the JDK's release file, else by asking java
  r="$(dirname "$(dirname "$1")")/release"
  if [ -f "$r" ]; then
    v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$r")
    if [ -n "$v" ]; then echo "$v"; return; fi
  fi
  "$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}'
}

mf_find_jdk() {
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
    v=$(mf_java_major "$JAVA_HOME/bin/java")
    if [ "${v:-0}" -ge 25 ] 2>/dev/null; then echo "$JAVA_HOME"; return; fi
  fi
  for d in /usr/lib/jvm/temurin-2[5-9]* /usr/lib/jvm/temurin-[3-9][0-9]* /usr/lib/jvm/*; do
    [ -x "$d/bin/java" ] && [ -x "$d/bin/javac" ] || continue
    v=$(mf_java_major "$d/bin/java")
    if [ "${v:-0}" -ge 25 ] 2>/dev/null; then echo "$d"; return; fi
  done
  return 1
}

MF_HOME=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
MF_JDK=$(mf_find_jdk) || mf_die "no JDK 25 or newer found: set JAVA_HOME to one (checked \$JAVA_HOME and /usr/lib/jvm)"
export JAVA_HOME="$MF_JDK"
MF_JAR="$MF_HOME/target/mailferry.jar"

mf_build_needed() {
  [ -f "$MF_JAR" ] || return 0
  [ -n "$(find "$MF_HOME/src/main" "$MF_HOME/pom.xml" -newer "$MF_JAR" -print -quit 2>/dev/null)" ]
}

if mf_build_needed; then
  command -v mvn >/dev/null 2>&1 || mf_die "Maven (mvn) is needed to build Mailferry on first use"
  echo "mailferry: building (first use or sources changed)…" >&2
  rm -rf "$MF_HOME/target/cds" "$MF_HOME/target/aot"
  ( cd "$MF_HOME" && mvn -q -B -DskipTests package >&2 ) || mf_die "build failed"
fi

# Ahead-of-time cache (JDK 25, JEP 483/514/515; docs/adr/0009-launcher-aot-cache.md): the first run of a command
# after a build records which classes it loads and how its methods behave; if it ends with exit code 0, the
# launcher then builds target/aot/<main class>-<JDK>.aot from that record in the background. Later runs map
# that cache: classes come loaded and linked, and the JIT starts from the recorded profiles, so a short run
# spends less CPU on start-up and compilation. A cache is made through a temp file and a rename, so a run sees
# a whole cache or none; one older than the jar is not used, and the launcher deletes target/aot on rebuild.
# Only one run records at a time (flock on target/aot/<main class>.lock, held by the background build too);
# the others run without a cache meanwhile. No cache for the server (it runs for months), for --help and
# --version runs (their record would lack what real runs load), when target/ is not writable, without flock,
# or with MAILFERRY_AOT=no.
mf_aot() { # sets MF_AOT_OPTS and MF_AOT_RECORD for main class $1 (runs in this shell: the lock must stay with it)
  MF_AOT_OPTS=""
  MF_AOT_RECORD=""
  [ "${MAILFERRY_AOT:-yes}" != no ] || return 0
  d="$MF_HOME/target/aot"
  MF_AOT_CACHE="$d/$1-$(basename "$JAVA_HOME").aot"
  if [ -f "$MF_AOT_CACHE" ] && [ "$MF_AOT_CACHE" -nt "$MF_JAR" ]; then
    MF_AOT_OPTS="-XX:AOTCache=$MF_AOT_CACHE -Xlog:aot=off -Xlog:cds=off"
    return 0
  fi
  mkdir -p "$d" 2>/dev/null || return 0
  [ -w "$d" ] || return 0
  [ ! -e "$d/$1.lock" ] || [ -w "$d/$1.lock" ] || return 0
  command -v flock >/dev/null 2>&1 || return 0
  exec 9>"$d/$1.lock"
  flock -n 9 || { exec 9>&-; return 0; }
  rm -f "$MF_AOT_CACHE" "$MF_AOT_CACHE.tmp" "$MF_AOT_CACHE.conf"
  MF_AOT_RECORD=yes
  MF_AOT_OPTS="-XX:AOTMode=record -XX:AOTConfiguration=$MF_AOT_CACHE.conf -XX:+UnlockDiagnosticVMOptions -XX:-DisplayVMOutput -Xlog:aot=off -Xlog:cds=off"
}

# Runs the recording JVM ("$@") as a child, so that the launcher sees its exit code: signals that reach the
# launcher (TERM, HUP, INT) are passed on to it, and stdin stays the JVM's. On exit code 0 the cache is built
# in the background (its output to /dev/null, so that a caller reading the launcher's output is not kept
# waiting), still under the lock; the launcher exits with the JVM's code.
mf_record() {
  "$@" <&0 &
  pid=$!
  trap 'kill -TERM "$pid" 2>/dev/null' TERM HUP INT
  while kill -0 "$pid" 2>/dev/null; do wait "$pid" || true; done
  rc=0
  wait "$pid" || rc=$?
  trap - TERM HUP INT
  if [ "$rc" -eq 0 ] && [ -s "$MF_AOT_CACHE.conf" ]; then
    ( "$JAVA_HOME/bin/java" -XX:AOTMode=create -XX:AOTConfiguration="$MF_AOT_CACHE.conf" \
        -XX:AOTCache="$MF_AOT_CACHE.tmp" -Xlog:aot=off -Xlog:cds=off --enable-native-access=ALL-UNNAMED \
        -cp "$MF_JAR:$MF_HOME/target/lib/*" && mv -f "$MF_AOT_CACHE.tmp" "$MF_AOT_CACHE"
      rm -f "$MF_AOT_CACHE.conf" "$MF_AOT_CACHE.tmp" ) </dev/null >/dev/null 2>&1 &
  else
    rm -f "$MF_AOT_CACHE.conf"
  fi
  exit "$rc"
}

mf_run() {
  main=$1; shift
  for a in "$@"; do # a cache recorded by a --help run would lack the classes real runs load
    case $a in -h|--help|-V|--version|help) MAILFERRY_AOT=no ;; esac
  done
  jit="-XX:CompileThresholdScaling=2" # short runs: compile fewer lukewarm start-up methods (ADR 0008, 0009)
  if [ "${1:-}" = server ]; then # runs for months: nothing to gain at start
    MAILFERRY_AOT=no
    jit=""
  fi
  mf_aot "$main"
  set -- "$JAVA_HOME/bin/java" $MF_AOT_OPTS $jit ${MAILFERRY_JAVA_OPTS:-} --enable-native-access=ALL-UNNAMED \
    -cp "$MF_JAR:$MF_HOME/target/lib/*" "$main" "$@"
  if [ -n "$MF_AOT_RECORD" ]; then
    mf_record "$@"
  fi
  exec "$@"
}
