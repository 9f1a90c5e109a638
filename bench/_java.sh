# Shared by the bench/ scripts: builds main and test classes, then runs a main class from the test classpath.
# Usage (from a bench script): . "$(dirname "$0")/_java.sh"; bench_run org.mailferry.bench.X args...
. "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../bin/_launcher.sh"
bench_run() {
  main=$1; shift
  cd "$MF_HOME"
  mvn -q -B -DskipTests test-compile >&2 || mf_die "build failed"
  cp_file="$MF_HOME/target/bench.classpath"
  mvn -q -B dependency:build-classpath -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test >&2 || mf_die "classpath failed"
  exec "$JAVA_HOME/bin/java" ${BENCH_JAVA_OPTS:-} --enable-native-access=ALL-UNNAMED \
    -cp "$MF_HOME/target/test-classes:$MF_HOME/target/classes:$(cat "$cp_file")" "$main" "$@"
}
