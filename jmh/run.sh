#!/usr/bin/env bash
# Runs the zxport benchmark comparison on this machine and writes docs/benchmarks.md and
# docs/benchmarks-throughput.png: the JMH suite (throughput, round trip, allocation, a short
# stack profile of the zxport cases), the C reference ring and the wake-up harness.
#
# Usage: bash jmh/run.sh [full|smoke]
#   full  (default) 3 forks x 3 warm-up + 3 measured iterations of 1 s per JMH case; about 15 minutes
#                   on 2 cores. Run it on an otherwise idle machine.
#   smoke           1 fork x 1 warm-up + 2 measured iterations; about 5 minutes. Checks that everything
#                   runs; its figures rank nothing.
set -euo pipefail

mode=${1:-full}
case "$mode" in
    full)
        forks=3 warmups=3 iterations=3 gc_iterations=3 c_runs=3 wake_warmup=2000 wake_packets=20000 ;;
    smoke)
        forks=1 warmups=1 iterations=2 gc_iterations=1 c_runs=1 wake_warmup=500 wake_packets=3000 ;;
    *)
        echo "error: unknown mode '$mode'. Use 'full' or 'smoke'." >&2
        exit 2 ;;
esac
iteration_time=1s

cd "$(dirname "$0")/.."
if [ -z "${JAVA_HOME:-}" ] && [ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ]; then
    export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
results=jmh/target/results
jar=jmh/target/benchmarks.jar
ring=jmh/target/ring
rm -rf "$results"
mkdir -p "$results"

# Prints the arguments as a shell command that can be pasted back: arguments with characters
# the shell would interpret are single-quoted.
quote_command() {
    local word quoted=()
    for word in "$@"; do
        if [[ "$word" =~ ^[A-Za-z0-9_./=:,+@%-]+$ ]]; then
            quoted+=("$word")
        else
            quoted+=("'${word//\'/\'\\\'\'}'")
        fi
    done
    echo "${quoted[*]}"
}

# Runs a command and appends it, exactly as run, to the list the report prints.
run() {
    quote_command "$@" >> "$results/commands.txt"
    echo ">>> $(quote_command "$@")" >&2
    "$@"
}

cpu_times() {
    # user nice system idle iowait irq softirq steal, from the aggregate line of /proc/stat.
    awk '/^cpu /{print $2, $3, $4, $5, $6, $7, $8, $9}' /proc/stat
}

echo "== build" >&2
run ./mvnw -o -q install -DskipTests
run ./mvnw -o -q -f jmh/pom.xml package
run gcc -O2 -pthread -o "$ring" jmh/src/main/c/ring.c

{
    echo "mode=$mode"
    echo "date=$(date -u '+%Y-%m-%d %H:%M UTC')"
    echo "cpu=$(lscpu | sed -n 's/^Model name: *//p' | head -1) (family $(lscpu | sed -n 's/^CPU family: *//p'), model $(lscpu | sed -n 's/^Model: *//p'))"
    echo "cores=$(nproc)"
    echo "memory=$(free -h | awk '/^Mem:/{print $2}')"
    echo "kernel=$(uname -sr)"
    echo "hypervisor=$(lscpu | sed -n 's/^Hypervisor vendor: *//p')"
    echo "cc=$(gcc --version | head -1)"
    echo "java_short=$("$java" -version 2>&1 | sed -n '2s/.*Environment \([^ ]*\).*/\1/p')"
    echo "forks=$forks"
    echo "warmups=$warmups"
    echo "iterations=$iterations"
    echo "iteration_time=$iteration_time"
    echo "load_start=$(cut -d' ' -f1-3 /proc/loadavg)"
    echo "profile_note=1 fork, 1 warm-up and 1 measured iteration per case"
} > "$results/run-info.txt"
"$java" -version 2> "$results/java-version.txt"
start_times=$(cpu_times)

jmh=("$java" --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow -jar "$jar")
common=(-wi "$warmups" -w "$iteration_time" -i "$iterations" -r "$iteration_time")

echo "== throughput" >&2
run "${jmh[@]}" 'Throughput1P1C|ContendedPair' -f "$forks" "${common[@]}" \
    -rf json -rff "$results/throughput.json" > "$results/throughput.log"

echo "== round-trip latency" >&2
run "${jmh[@]}" 'RoundTrip|PingPong' -f "$forks" "${common[@]}" \
    -rf json -rff "$results/latency.json" > "$results/latency.log"

echo "== allocation (-prof gc)" >&2
run "${jmh[@]}" 'EngineAllocation|Throughput1P1C|ContendedPair' -f 1 -wi "$warmups" -w "$iteration_time" \
    -i "$gc_iterations" -r "$iteration_time" -prof gc -rf json -rff "$results/allocation.json" > "$results/allocation.log"

echo "== profile of the zxport cases (-prof stack)" >&2
run "${jmh[@]}" 'Throughput1P1C\.tput|ContendedPair|RoundTrip\.roundTrip' -p impl=ZXPORT -f 1 -wi 1 \
    -w "$iteration_time" -i 1 -r "$iteration_time" -prof 'stack:lines=4;top=8;detailLine=false' > "$results/profile.log"

echo "== syscalls through the C shim" >&2
run "${jmh[@]}" 'ShimSyscallCost' -f "$forks" "${common[@]}" \
    -rf json -rff "$results/shim.json" > "$results/shim.log"

echo "== C reference ring" >&2
for ((i = 1; i <= c_runs; i++)); do
    run "$ring" "$warmups" "$iterations" 1 >> "$results/c-ring.txt"
done

echo "== wake-up latency" >&2
for impl in zxport abq; do
    run "$java" --enable-native-access=ALL-UNNAMED -cp "$jar" dev.zxport.jmh.WakeLatency "$impl" \
        "$wake_warmup" "$wake_packets" "$results/wake-$impl.txt" > /dev/null
done

end_times=$(cpu_times)
{
    echo "load_end=$(cut -d' ' -f1-3 /proc/loadavg)"
    echo "steal=$(awk -v a="$start_times" -v b="$end_times" 'BEGIN {
        split(a, x, " "); split(b, y, " "); total = 0;
        for (i = 1; i <= 8; i++) total += y[i] - x[i];
        printf "%.1f %% of all CPU time", (total > 0 ? 100 * (y[8] - x[8]) / total : 0) }')"
} >> "$results/run-info.txt"

echo "== report" >&2
cp jmh/causes.md "$results/causes.md"
mkdir -p docs
"$java" -Djava.awt.headless=true -cp "$jar" dev.zxport.jmh.report.BenchmarkReport \
    "$results" docs/benchmarks.md docs/benchmarks-throughput.png
