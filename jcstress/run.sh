#!/usr/bin/env bash
# Builds the jcstress module against the root jar in target/ and runs it.
#
# Usage: jcstress/run.sh MODE [jcstress options...]
#   MODE is a jcstress preset (sanity, quick, default, tough, stress) or "ci". The "ci" mode runs
#   quick mode in one JVM configuration without split compilation, so that the root build stays
#   within a few minutes.
# Environment:
#   MVN               Maven command, default: the root mvnw
#   MVN_OPTS          extra Maven options
#   MVN_OFFLINE       "true" or "offline=true" adds -o, so the root build's offline mode carries over
#   JAVA              java launcher, default: $JAVA_HOME/bin/java
#   JCSTRESS_TIMEOUT  seconds for the whole jcstress run, default 600
# Exits non-zero when the build fails, when jcstress reports a FORBIDDEN outcome, an error or a
# timeout, or when the run exceeds JCSTRESS_TIMEOUT.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
mode="${1:?usage: jcstress/run.sh MODE [jcstress options...]}"
shift
mvn="${MVN:-$root/mvnw}"
mvn_opts="${MVN_OPTS:-}"
if [[ "${MVN_OFFLINE:-}" == true || "${MVN_OFFLINE:-}" == offline=true ]]; then
    mvn_opts="$mvn_opts -o"
fi
java="${JAVA:-${JAVA_HOME:+$JAVA_HOME/bin/}java}"
version=0.1.0-SNAPSHOT
jar="$root/target/zxport-$version.jar"

if [[ ! -f "$jar" ]]; then
    echo "jcstress/run.sh: $jar not found; run ./mvnw package first" >&2
    exit 2
fi

# The module depends on dev.zxport:zxport:$version, so put this jar into the local repository.
# The root build runs this script in its verify phase, before its own install phase.
# shellcheck disable=SC2086
"$mvn" -q -B $mvn_opts org.apache.maven.plugins:maven-install-plugin:3.1.4:install-file \
    -Dfile="$jar" -DpomFile="$root/pom.xml"
# shellcheck disable=SC2086
"$mvn" -q -B $mvn_opts -f "$root/jcstress/pom.xml" package

args=(-jvmArgsPrepend "--enable-native-access=ALL-UNNAMED")
if [[ "$mode" == ci ]]; then
    # One JVM configuration instead of the stress-flag matrix keeps quick mode short.
    args=(-m quick -sc false -jvmArgs "--enable-native-access=ALL-UNNAMED")
else
    args+=(-m "$mode")
fi

results="$root/jcstress/target/results"
mkdir -p "$results"
cd "$root/jcstress/target"
timeout --kill-after=10 "${JCSTRESS_TIMEOUT:-600}" \
    "$java" --enable-native-access=ALL-UNNAMED -jar jcstress.jar "${args[@]}" -r "$results" "$@"
