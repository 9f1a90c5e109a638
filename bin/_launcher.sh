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
  rm -rf "$MF_HOME/target/cds"
  ( cd "$MF_HOME" && mvn -q -B -DskipTests package >&2 ) || mf_die "build failed"
fi

# Class-data sharing (JEP 350, auto-created since JDK 19): the JVM writes the classes a command loaded into
# target/cds/<main class>.jsa when the first run ends and maps them at the start of later runs, 0.1-0.2 s
# less start-up per run (docs/adr/0008-launcher-class-data-sharing.md). The JVM remakes an archive that no
# longer fits (new jar, new JDK). A run uses the archive only while it holds the lock on it (the flock is on
# descriptor 9, which the JVM inherits and keeps until it exits), so no run reads an archive another run is
# writing; a run that finds the lock taken goes without. No archive when target/ is not writable.
mf_cds() { # sets MF_CDS_OPTS for main class $1 (runs in this shell: the lock must stay with the exec'ed JVM)
  MF_CDS_OPTS=""
  d="$MF_HOME/target/cds"
  [ "${MAILFERRY_CDS:-yes}" != no ] || return 0
  mkdir -p "$d" 2>/dev/null || return 0
  [ -w "$d" ] || return 0
  [ ! -e "$d/$1.lock" ] || [ -w "$d/$1.lock" ] || return 0
  command -v flock >/dev/null 2>&1 || return 0
  exec 9>"$d/$1.lock"
  flock -n 9 || { exec 9>&-; return 0; }
  MF_CDS_OPTS="-XX:+AutoCreateSharedArchive -XX:SharedArchiveFile=$d/$1.jsa -Xlog:cds=off -Xlog:cds+dynamic=off"
}

mf_run() {
  main=$1; shift
  for a in "$@"; do # an archive made by a --help run would lack the classes real runs load
    case $a in -h|--help|-V|--version|help) MAILFERRY_CDS=no ;; esac
  done
  jit="-XX:CompileThresholdScaling=2" # short runs: compile fewer lukewarm start-up methods (ADR 0008)
  if [ "${1:-}" = server ]; then # runs for months: nothing to gain at start, an archive to write at stop
    MAILFERRY_CDS=no
    jit=""
  fi
  mf_cds "$main"
  cds="$MF_CDS_OPTS $jit"
  exec "$JAVA_HOME/bin/java" $cds ${MAILFERRY_JAVA_OPTS:-} --enable-native-access=ALL-UNNAMED \
    -cp "$MF_JAR:$MF_HOME/target/lib/*" "$main" "$@"
}
