package dev.zxport.jmh.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Writes {@code docs/benchmarks.md} and the throughput chart from the files that
 * {@code jmh/run.sh} leaves in its results directory:
 * <ul>
 *   <li>{@code throughput.json}, {@code latency.json}, {@code allocation.json}: JMH {@code -rf json};</li>
 *   <li>{@code profile.log}: JMH's text output of the {@code -prof stack} pass over zxport;</li>
 *   <li>{@code c-ring.txt}: the C reference ring's lines;</li>
 *   <li>{@code wake-zxport.txt}, {@code wake-abq.txt}: the wake-up harness's lines;</li>
 *   <li>{@code run-info.txt} ({@code key=value}), {@code java-version.txt}, {@code commands.txt}.</li>
 * </ul>
 * Usage: {@code BenchmarkReport RESULTS_DIR MARKDOWN_FILE PNG_FILE}.
 */
public final class BenchmarkReport {
    static final String SHAPE_1P1C = "1 producer, 1 consumer";
    static final String SHAPE_PAIR = "contended pair";
    /** Below this many bytes per operation a path counts as allocation-free (JMH's own bookkeeping shows up as ~0.01-0.2). */
    static final double ZERO_BYTES_THRESHOLD = 1.0;
    static final double C_RING_FACTOR = 1.5;

    private final Path results;
    private final Path chartFile;
    private final List<JmhRun> throughput;
    private final List<JmhRun> latency;
    private final List<JmhRun> allocation;
    private final List<JmhRun> shim;
    private final List<Map<String, String>> cRing;
    private final Map<String, String> info;
    private final StringBuilder out = new StringBuilder();
    private final List<String> shortfalls = new ArrayList<>();

    private BenchmarkReport(Path results, Path chartFile) throws IOException {
        this.results = results;
        this.chartFile = chartFile;
        this.throughput = JmhRun.read(results.resolve("throughput.json"));
        this.latency = JmhRun.read(results.resolve("latency.json"));
        this.allocation = JmhRun.read(results.resolve("allocation.json"));
        this.shim = JmhRun.read(results.resolve("shim.json"));
        this.cRing = KeyValueLines.read(results.resolve("c-ring.txt"));
        this.info = KeyValueLines.readProperties(results.resolve("run-info.txt"));
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: BenchmarkReport RESULTS_DIR MARKDOWN_FILE PNG_FILE");
            System.exit(2);
        }
        Path results = Path.of(args[0]);
        Path markdown = Path.of(args[1]);
        Path chart = Path.of(args[2]);
        BenchmarkReport report = new BenchmarkReport(results, chart);
        String text = report.render(markdown.toAbsolutePath().getParent().relativize(chart.toAbsolutePath()).toString());
        Files.writeString(markdown, text, StandardCharsets.UTF_8);
        System.out.println("wrote " + markdown + " and " + chart);
    }

    private String render(String chartLink) throws IOException {
        header();
        // The sections collect the shortfalls, and the goals section that lists them comes right after the header.
        StringBuilder body = new StringBuilder();
        capture(body, () -> throughput1p1c(chartLink));
        capture(body, this::contendedPair);
        capture(body, this::roundTrip);
        capture(body, this::wakeUp);
        capture(body, this::allocationSection);
        capture(body, this::shimSection);
        capture(body, this::cRingSection);
        capture(body, this::profileSection);
        goals();
        out.append(body);
        writeChart();
        return out.toString();
    }

    private interface Section {
        void write() throws IOException;
    }

    /** Runs {@code section} against a fresh buffer and appends what it wrote to {@code target}. */
    private void capture(StringBuilder target, Section section) throws IOException {
        int start = out.length();
        section.write();
        target.append(out, start, out.length());
        out.setLength(start);
    }

    // ---------------------------------------------------------------------------------------
    // Header and goals
    // ---------------------------------------------------------------------------------------

    private void header() throws IOException {
        String mode = info.getOrDefault("mode", "unknown");
        line("# zxport benchmarks");
        line("");
        if (!"full".equals(mode)) {
            line("> **Smoke run on a busy machine.** These figures come from `jmh/run.sh " + mode + "` (1 fork, "
                    + "1 short warm-up, 1-2 measured iterations per case) while other builds and tests shared the "
                    + "2 cores. They only show that every benchmark runs and what the page looks like; they rank "
                    + "nothing. The full run (`bash jmh/run.sh full`) replaces this page.");
            line("");
        }

        line("Generated by `jmh/run.sh` (" + info.getOrDefault("date", "?") + ") from the JMH suite in `jmh/`, the "
                + "C reference ring in `jmh/src/main/c/ring.c` and the wake-up harness `dev.zxport.jmh.WakeLatency`. "
                + "Do not edit by hand: rerun the script.");
        line("");

        line("## Machine and run");
        line("");
        line("| | |");
        line("| --- | --- |");
        row("CPU", info.getOrDefault("cpu", "?"));
        row("cores (online)", info.getOrDefault("cores", "?"));
        row("memory", info.getOrDefault("memory", "?"));
        row("kernel", info.getOrDefault("kernel", "?"));
        row("hypervisor", info.getOrDefault("hypervisor", "none reported"));
        row("JDK", String.join("<br>", readLines("java-version.txt")));
        row("C compiler", info.getOrDefault("cc", "?"));
        row("load average at start / end", info.getOrDefault("load_start", "?") + " / " + info.getOrDefault("load_end", "?"));
        row("CPU time stolen by the hypervisor during the run", info.getOrDefault("steal", "?"));
        row("mode", mode);
        row("each timed JMH case", info.getOrDefault("forks", "?") + " fork(s), each with "
                + info.getOrDefault("warmups", "?") + " warm-up and " + info.getOrDefault("iterations", "?")
                + " measured iterations of " + info.getOrDefault("iteration_time", "?"));
        line("");

        line("Commands, exactly as run:");
        line("");
        line("```");
        for (String command : readLines("commands.txt")) {
            line(command);
        }
        line("```");
        line("");

        line("How to read the figures:");
        line("");
        line("- Every figure is the **median of all measured iterations across all forks**, with the minimum and "
                + "maximum iteration beside it. JMH's mean and error bar are not used: on this 2-core VM one case "
                + "swings several times between forks (vCPU placement, queue near full or near empty), so its "
                + "iterations form separate clusters and a mean falls between them.");
        line("- Every contender moves the same 48-byte payload per operation, copied in by the producer and out "
                + "by the consumer. Object queues (JCTools, Disruptor, ArrayBlockingQueue) carry pooled records "
                + "padded to their own cache lines (4 x capacity per producer); nothing is allocated in steady "
                + "state. zxport's packets are segments of an arena allocated in setup.");
        line("- Capacity 1,024 everywhere (zxport: a kernel with `maxUserPackets(1023)`, whose ports take at "
                + "most 1,024 packets; the ring behind them has 2,048 slots, the spare half for tombstones of "
                + "cancelled packets). Agrona's rings have 64 KiB of data; a 48-byte message takes a 56-byte "
                + "record there, so they take about 1,170.");
        line("- Throughput cases make one attempt per invocation and count successes and failures per thread "
                + "(`@AuxCounters`); a failed attempt backs off with one `Thread.onSpinWait()` for every "
                + "contender. zxport polls with `zx_port_wait(..., ZX_TIME_INFINITE_PAST, ...)`.");
        line("- No case runs more busy threads than the 2 cores, so there is no oversubscribed case.");
        line("- The Agrona cases run in classes of their own (`Throughput1P1CAgrona`, `RoundTripAgrona`) because "
                + "Agrona 2.6.0 needs `--add-opens java.base/jdk.internal.misc=ALL-UNNAMED` on JDK 25; their "
                + "forks also set `-Dagrona.disable.bounds.checks=true`. zxport keeps every FFM check.");
        line("- `ShimSyscallCost` measures syscalls made through the C entry points of the zxport shim, the "
                + "path of a C program under `zxport run`; see its section below.");
        line("");
    }

    private void goals() {
        line("## Goals and verdicts");
        line("");
        line("1. 0 B/op on every engine path (queue, wait, wait_async re-arm with signal delivery, interrupt "
                + "trigger with ack).");
        line("2. `zx_port_queue` + `zx_port_wait` throughput at or above the fastest JVM contender in each shape, "
                + "although zxport is MPMC and copies 48 bytes each way.");
        line("3. Round-trip p99 no worse than the best contender.");
        line("4. Within " + C_RING_FACTOR + "x of the C ring that runs the same algorithm.");
        line("");
        if (shortfalls.isEmpty()) {
            line("Every goal was met in this run.");
        } else {
            line("Where zxport falls short in this run:");
            line("");
            for (String shortfall : shortfalls) {
                line("- " + shortfall);
            }
            line("");
            line("Causes are in the section \"Where the time goes\" at the end.");
        }
        line("");
    }

    // ---------------------------------------------------------------------------------------
    // Throughput
    // ---------------------------------------------------------------------------------------

    private Summary throughputOf(String benchmarkClass, String impl) {
        return findRun(throughput, benchmarkClass, impl)
                .map(run -> Summary.of(run.secondaryValues("pollsMade")).scaled(1e-6))
                .orElse(Summary.EMPTY);
    }

    private List<JmhRun> throughputRuns(String... benchmarkClasses) {
        List<JmhRun> runs = new ArrayList<>();
        for (JmhRun run : throughput) {
            for (String benchmarkClass : benchmarkClasses) {
                if (run.benchmark().startsWith(benchmarkClass + ".")) {
                    runs.add(run);
                }
            }
        }
        runs.sort(Comparator.comparingInt(run -> Contenders.rank(run.impl())));
        return runs;
    }

    private void throughput1p1c(String chartLink) {
        line("## Throughput: " + SHAPE_1P1C);
        line("");
        line("`Throughput1P1C` and `Throughput1P1CAgrona`: a JMH group of one producer thread and one consumer "
                + "thread. Payloads moved per second (`pollsMade`), million per second.");
        line("");
        line("![throughput per shape](" + chartLink + ")");
        line("");
        List<JmhRun> runs = throughputRuns("Throughput1P1C", "Throughput1P1CAgrona");
        Summary zxport = throughputOf("Throughput1P1C", Contenders.ZXPORT);
        line("| contender | median M/s | min | max | zxport / contender | failed offers M/s | failed polls M/s |");
        line("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        for (JmhRun run : runs) {
            Summary moved = Summary.of(run.secondaryValues("pollsMade")).scaled(1e-6);
            Summary failedOffers = Summary.of(run.secondaryValues("offersFailed")).scaled(1e-6);
            Summary failedPolls = Summary.of(run.secondaryValues("pollsFailed")).scaled(1e-6);
            line("| " + Contenders.label(run.impl()) + " | " + num(moved.median(), 2) + " | " + num(moved.min(), 2)
                    + " | " + num(moved.max(), 2) + " | " + ratio(zxport.median(), moved.median(), run.impl())
                    + " | " + num(failedOffers.median(), 2) + " | " + num(failedPolls.median(), 2) + " |");
        }
        Summary c = cRingThroughput("throughput_1p1c");
        if (!c.isEmpty()) {
            line("| C ring, same algorithm (reference) | " + num(c.median(), 2) + " | " + num(c.min(), 2) + " | "
                    + num(c.max(), 2) + " | " + ratio(zxport.median(), c.median(), "C") + " | | |");
        }
        line("");
        checkThroughputGoal(SHAPE_1P1C, zxport, runs, c);
    }

    private void contendedPair() {
        line("## Throughput: " + SHAPE_PAIR);
        line("");
        line("`ContendedPair`: two threads on one queue, each invocation an enqueue followed by a dequeue, so "
                + "both threads produce and consume. Pairs per second for both threads together, million per "
                + "second; the split between the two threads shows fairness (an unfair lock lets one thread run "
                + "alone and inflates the total).");
        line("");

        List<JmhRun> runs = throughputRuns("ContendedPair");
        Summary zxport = findRun(throughput, "ContendedPair", Contenders.ZXPORT)
                .map(run -> Summary.of(run.primaryValues()).scaled(1e-6)).orElse(Summary.EMPTY);
        line("| contender | median M pairs/s | min | max | zxport / contender | thread 1 / thread 2 (median M/s) |");
        line("| --- | ---: | ---: | ---: | ---: | ---: |");
        List<JmhRun> pairRuns = new ArrayList<>();
        for (JmhRun run : runs) {
            Summary pairs = Summary.of(run.primaryValues()).scaled(1e-6);
            Summary first = Summary.of(run.secondaryValues("first")).scaled(1e-6);
            Summary second = Summary.of(run.secondaryValues("second")).scaled(1e-6);
            line("| " + Contenders.label(run.impl()) + " | " + num(pairs.median(), 2) + " | " + num(pairs.min(), 2)
                    + " | " + num(pairs.max(), 2) + " | " + ratio(zxport.median(), pairs.median(), run.impl())
                    + " | " + num(first.median(), 2) + " / " + num(second.median(), 2) + " |");
            pairRuns.add(run);
        }

        Summary c = cRingThroughput("contended_pair");
        if (!c.isEmpty()) {
            line("| C ring, same algorithm (reference) | " + num(c.median(), 2) + " | " + num(c.min(), 2) + " | "
                    + num(c.max(), 2) + " | " + ratio(zxport.median(), c.median(), "C") + " | |");
        }
        line("");

        Summary best = Summary.EMPTY;
        String bestImpl = null;
        for (JmhRun run : pairRuns) {
            if (Contenders.isZxport(run.impl())) {
                continue;
            }
            Summary pairs = Summary.of(run.primaryValues()).scaled(1e-6);
            if (best.isEmpty() || pairs.median() > best.median()) {
                best = pairs;
                bestImpl = run.impl();
            }
        }
        compareToBest(SHAPE_PAIR, zxport, best, bestImpl);
        compareToC(SHAPE_PAIR + " throughput", zxport.median(), c.median(), true);
    }

    private void checkThroughputGoal(String shape, Summary zxport, List<JmhRun> runs, Summary c) {
        Summary best = Summary.EMPTY;
        String bestImpl = null;
        for (JmhRun run : runs) {
            if (Contenders.isZxport(run.impl())) {
                continue;
            }
            Summary moved = Summary.of(run.secondaryValues("pollsMade")).scaled(1e-6);
            if (best.isEmpty() || moved.median() > best.median()) {
                best = moved;
                bestImpl = run.impl();
            }
        }
        compareToBest(shape, zxport, best, bestImpl);
        compareToC(shape + " throughput", zxport.median(), c.median(), true);
    }

    private void compareToBest(String shape, Summary zxport, Summary best, String bestImpl) {
        if (zxport.isEmpty() || best.isEmpty()) {
            return;
        }
        if (zxport.median() < best.median()) {
            shortfalls.add(String.format(Locale.ROOT,
                    "%s throughput: zxport %.2f M/s, below %s at %.2f M/s (%.2fx).", shape, zxport.median(),
                    Contenders.label(bestImpl), best.median(), zxport.median() / best.median()));
        }
    }

    private void compareToC(String what, double zxport, double c, boolean higherIsBetter) {
        if (Double.isNaN(zxport) || Double.isNaN(c)) {
            return;
        }
        double factor = higherIsBetter ? c / zxport : zxport / c;
        if (factor > C_RING_FACTOR) {
            shortfalls.add(String.format(Locale.ROOT, "%s: the C ring is %.2fx better (goal: within %.1fx).",
                    what, factor, C_RING_FACTOR));
        }
    }

    private Summary cRingThroughput(String shape) {
        List<Double> values = new ArrayList<>();
        for (Map<String, String> line : cRing) {
            if (shape.equals(line.get("shape")) && line.containsKey("ops_per_s")) {
                values.add(Double.parseDouble(line.get("ops_per_s")) * 1e-6);
            }
        }
        return Summary.of(values);
    }

    // ---------------------------------------------------------------------------------------
    // Latency
    // ---------------------------------------------------------------------------------------

    private static final double[] PERCENTILES = {50, 90, 99, 99.9};

    /** Per-percentile summaries (over measured iterations) of one SampleTime run. */
    private static Summary[] latencySummaries(JmhRun run) {
        List<double[][]> iterations = run.iterationHistograms();
        Summary[] summaries = new Summary[PERCENTILES.length];
        for (int p = 0; p < PERCENTILES.length; p++) {
            double[] values = new double[iterations.size()];
            for (int i = 0; i < iterations.size(); i++) {
                values[i] = Summary.percentile(iterations.get(i), PERCENTILES[p]);
            }
            summaries[p] = Summary.of(values);
        }
        return summaries;
    }

    private void roundTrip() {
        line("## Round-trip latency");
        line("");
        line("`RoundTrip` and `RoundTripAgrona` (JMH `Mode.SampleTime`): the benchmark thread enqueues on queue A, "
                + "an echo thread dequeues and enqueues on queue B, the benchmark thread dequeues from B; two "
                + "hand-offs and four 48-byte copies per round trip. zxport runs through two ports of one kernel. "
                + "The blocking variants park their consumers after a short spin. `PingPong` is the baseline: one "
                + "padded `long` bounced between two threads, the cost of the cache line alone at the moment of "
                + "the run. Each cell is the median over measured iterations of that iteration's percentile, "
                + "nanoseconds, with the range of the iterations below it.");
        line("");
        line("| contender | p50 | p90 | p99 | p99.9 | zxport p99 / contender p99 |");
        line("| --- | ---: | ---: | ---: | ---: | ---: |");

        List<JmhRun> runs = new ArrayList<>();
        for (JmhRun run : latency) {
            if (run.benchmark().startsWith("RoundTrip")) {
                runs.add(run);
            }
        }
        runs.sort(Comparator.comparingInt(run -> Contenders.rank(run.impl())));

        Summary[] zxport = findRun(latency, "RoundTrip", Contenders.ZXPORT).map(BenchmarkReport::latencySummaries)
                .orElse(null);
        Summary bestP99 = Summary.EMPTY;
        String bestImpl = null;
        for (JmhRun run : runs) {
            Summary[] s = latencySummaries(run);
            line("| " + Contenders.label(run.impl()) + " | " + latencyCells(s) + " | "
                    + (zxport == null ? "" : ratio(zxport[2].median(), s[2].median(), run.impl())) + " |");
            boolean spinningContender = !Contenders.isZxport(run.impl()) && !Contenders.isBlocking(run.impl());
            if (spinningContender && (bestP99.isEmpty() || s[2].median() < bestP99.median())) {
                bestP99 = s[2];
                bestImpl = run.impl();
            }
        }

        Optional<JmhRun> pingPong = latency.stream().filter(run -> run.benchmark().startsWith("PingPong")).findFirst();
        pingPong.ifPresent(run -> line("| baseline: cache-line ping-pong | " + latencyCells(latencySummaries(run)) + " | |"));
        Summary[] c = cRingLatency();
        if (c != null) {
            line("| C ring, same algorithm (reference) | " + latencyCells(c) + " | "
                    + (zxport == null ? "" : ratio(zxport[2].median(), c[2].median(), "C")) + " |");
        }
        line("");
        line("Ratios above 1 mean zxport is slower (its percentile is higher).");
        line("");

        if (zxport != null && !bestP99.isEmpty() && zxport[2].median() > bestP99.median()) {
            shortfalls.add(String.format(Locale.ROOT, "Round-trip p99: zxport %.0f ns, above %s at %.0f ns (%.2fx).",
                    zxport[2].median(), Contenders.label(bestImpl), bestP99.median(),
                    zxport[2].median() / bestP99.median()));
        }
        if (zxport != null && c != null) {
            compareToC("Round-trip p50", zxport[0].median(), c[0].median(), false);
        }
    }

    private static String latencyCells(Summary[] summaries) {
        StringBuilder cells = new StringBuilder();
        for (int p = 0; p < summaries.length; p++) {
            if (p > 0) {
                cells.append(" | ");
            }
            Summary s = summaries[p];
            cells.append(num(s.median(), 0));
            if (s.count() > 1) {
                cells.append("<br>").append(num(s.min(), 0)).append("-").append(num(s.max(), 0));
            }
        }
        return cells.toString();
    }

    private Summary[] cRingLatency() {
        String[] keys = {"p50", "p90", "p99", "p999"};
        Summary[] summaries = new Summary[keys.length];
        for (int k = 0; k < keys.length; k++) {
            List<Double> values = new ArrayList<>();
            for (Map<String, String> line : cRing) {
                if ("round_trip".equals(line.get("shape")) && line.containsKey(keys[k])) {
                    values.add(Double.parseDouble(line.get(keys[k])));
                }
            }
            summaries[k] = Summary.of(values);
        }
        return summaries[0].isEmpty() ? null : summaries;
    }

    private void wakeUp() throws IOException {
        line("## Wake-up latency of a blocked consumer");
        line("");
        line("`dev.zxport.jmh.WakeLatency`: a consumer blocks on an empty queue (`zx_port_wait` with "
                + "`ZX_TIME_INFINITE`, or `ArrayBlockingQueue.take`); the producer pauses about 200 µs between "
                + "packets, so the consumer has stopped spinning and parked, then enqueues one packet carrying "
                + "`System.nanoTime()`. Recorded with HdrHistogram from just before the enqueue to the return of "
                + "the blocking call, in nanoseconds. \"Parked\" counts the packets sent while the consumer "
                + "thread was in state WAITING.");
        line("");
        line("| contender | packets | parked | p50 | p90 | p99 | p99.9 | max |");
        line("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        for (String impl : List.of("zxport", "abq")) {
            List<Map<String, String>> lines = KeyValueLines.read(results.resolve("wake-" + impl + ".txt"));
            if (lines.isEmpty()) {
                continue;
            }
            Map<String, String> r = lines.getFirst();
            String label = impl.equals("zxport") ? "zxport zx_port_wait(ZX_TIME_INFINITE)" : "ArrayBlockingQueue.take";
            line("| " + label + " | " + r.get("packets") + " | " + r.get("parked") + " | " + r.get("p50") + " | "
                    + r.get("p90") + " | " + r.get("p99") + " | " + r.get("p999") + " | " + r.get("max") + " |");
        }
        line("");
    }

    // ---------------------------------------------------------------------------------------
    // Allocation
    // ---------------------------------------------------------------------------------------

    private void allocationSection() {
        line("## Allocation");
        line("");
        line("Bytes allocated per operation, from JMH's `-prof gc` (`gc.alloc.rate.norm`), in a separate run "
                + "of one fork per case (the profiler perturbs timing, so no throughput above comes from it). "
                + "`EngineAllocation` "
                + "measures the engine paths; for `queueWait` each thread also reports the bytes it allocated "
                + "itself per successful call (`com.sun.management.ThreadMXBean`), which splits the figure "
                + "between `zx_port_queue` and `zx_port_wait`. JMH's own bookkeeping shows up as a few hundredths "
                + "of a byte per operation.");
        line("");
        line("| path | B/op median | min | max |");
        line("| --- | ---: | ---: | ---: |");

        boolean allZero = true;
        for (JmhRun run : allocation) {
            if (!run.benchmark().startsWith("EngineAllocation")) {
                continue;
            }
            Summary bytes = Summary.of(run.secondaryValues("gc.alloc.rate.norm"));
            String name = switch (run.benchmark()) {
                case "EngineAllocation.queueWait" -> "zx_port_queue + zx_port_wait, per call (group of 2 threads)";
                case "EngineAllocation.signalCycle" -> "zx_object_wait_async + zx_object_signal + zx_port_wait + clear";
                case "EngineAllocation.interruptCycle" -> "zx_interrupt_trigger + zx_port_wait + zx_interrupt_ack";
                default -> run.benchmark();
            };
            line("| " + name + " | " + num(bytes.median(), 3) + " | " + num(bytes.min(), 3) + " | "
                    + num(bytes.max(), 3) + " |");
            allZero &= checkZero(name, bytes);
            if (run.benchmark().equals("EngineAllocation.queueWait")) {
                allZero &= perThreadRow(run, "zx_port_queue alone (producer thread)", "queueThreadBytes", "queueCalls");
                allZero &= perThreadRow(run, "zx_port_wait alone (consumer thread)", "waitThreadBytes", "waitCalls");
            }
        }
        line("");

        List<JmhRun> contenders = new ArrayList<>();
        for (JmhRun run : allocation) {
            if (!run.benchmark().startsWith("EngineAllocation")) {
                contenders.add(run);
            }
        }
        if (!contenders.isEmpty()) {
            line("The throughput cases under the same profiler, B per invocation (one attempt in the 1P1C "
                    + "groups, one enqueue-dequeue pair in the contended pair):");
            line("");
            line("| case | contender | B/op median | min | max |");
            line("| --- | --- | ---: | ---: | ---: |");
            contenders.sort(Comparator.comparing(JmhRun::benchmark).thenComparingInt(run -> Contenders.rank(run.impl())));
            for (JmhRun run : contenders) {
                Summary bytes = Summary.of(run.secondaryValues("gc.alloc.rate.norm"));
                line("| " + run.benchmark() + " | " + Contenders.label(run.impl()) + " | " + num(bytes.median(), 3)
                        + " | " + num(bytes.min(), 3) + " | " + num(bytes.max(), 3) + " |");
            }
            line("");
        }

        if (allocation.isEmpty()) {
            line("No allocation results were found.");
            line("");
        } else if (allZero) {
            line("Every engine path stayed below " + ZERO_BYTES_THRESHOLD + " B/op.");
            line("");
        }
    }

    private boolean perThreadRow(JmhRun run, String name, String bytesMetric, String callsMetric) {
        double[] bytes = run.secondaryValues(bytesMetric);
        double[] calls = run.secondaryValues(callsMetric);
        double[] perCall = new double[Math.min(bytes.length, calls.length)];
        for (int i = 0; i < perCall.length; i++) {
            perCall[i] = calls[i] == 0 ? Double.NaN : bytes[i] / calls[i];
        }
        Summary summary = Summary.of(perCall);
        line("| " + name + " | " + num(summary.median(), 3) + " | " + num(summary.min(), 3) + " | "
                + num(summary.max(), 3) + " |");
        return checkZero(name, summary);
    }

    private boolean checkZero(String name, Summary bytes) {
        if (!bytes.isEmpty() && bytes.median() >= ZERO_BYTES_THRESHOLD) {
            shortfalls.add(String.format(Locale.ROOT, "Allocation: %s allocates %.1f B/op (goal: 0).", name,
                    bytes.median()));
            return false;
        }
        return true;
    }

    // ---------------------------------------------------------------------------------------
    // C ring and profile
    // ---------------------------------------------------------------------------------------

    private void shimSection() {
        line("## Syscalls from C through the shim");
        line("");
        line("`dev.zxport.jmh.ShimSyscallCost`, one thread, ns per invocation: a Java downcall into the "
                + "shim's `zx_*` export, which calls the installed kernel's upcall stub; the Java side probes "
                + "every pointer argument with `process_vm_readv` / `process_vm_writev` before the kernel "
                + "runs. `javaQueueWait` is the same queue and wait on `Kernel` directly.");
        line("");
        if (shim.isEmpty()) {
            line("No shim results in this run.");
            line("");
            return;
        }
        line("| benchmark | median, ns | min | max |");
        line("| --- | ---: | ---: | ---: |");
        for (JmhRun run : shim) {
            Summary ns = Summary.of(run.primaryValues());
            line("| `" + run.benchmark() + "` | " + num(ns.median(), 0) + " | " + num(ns.min(), 0) + " | "
                    + num(ns.max(), 0) + " |");
        }
        line("");
    }

    private void cRingSection() {
        line("## C reference ring");
        line("");
        line("`jmh/src/main/c/ring.c`, built with `gcc -O2 -pthread`: the engine's ring (Vyukov bounded MPMC, "
                + "64-byte slots, 48-byte packet copied in and out, CAS claim, speculative copy out then CAS on "
                + "the head then CAS on the slot's sequence, sequentially consistent publish) in C11 atomics, in "
                + "the same three shapes, with unpinned threads. It has no handle table, rights, pointer checks "
                + "or waiter bookkeeping, so it is the practical limit of the algorithm on this machine, not a "
                + "fair contender. Its rows appear in the tables above; the ratio to it is goal 4.");
        line("");
        Summary tput = cRingThroughput("throughput_1p1c");
        Summary pair = cRingThroughput("contended_pair");
        Summary[] rtt = cRingLatency();
        line("| shape | median | min | max |");
        line("| --- | ---: | ---: | ---: |");
        line("| " + SHAPE_1P1C + ", M/s | " + num(tput.median(), 2) + " | " + num(tput.min(), 2) + " | "
                + num(tput.max(), 2) + " |");
        line("| " + SHAPE_PAIR + ", M pairs/s | " + num(pair.median(), 2) + " | " + num(pair.min(), 2) + " | "
                + num(pair.max(), 2) + " |");
        if (rtt != null) {
            line("| round trip p50, ns | " + num(rtt[0].median(), 0) + " | " + num(rtt[0].min(), 0) + " | "
                    + num(rtt[0].max(), 0) + " |");
            line("| round trip p99, ns | " + num(rtt[2].median(), 0) + " | " + num(rtt[2].min(), 0) + " | "
                    + num(rtt[2].max(), 0) + " |");
        }
        line("");
    }

    private void profileSection() throws IOException {
        line("## Where the time goes");
        line("");
        Path causes = results.resolve("causes.md");
        if (Files.exists(causes)) {
            out.append(Files.readString(causes, StandardCharsets.UTF_8).strip()).append('\n');
            line("");
        }
        List<String> profile = readLines("profile.log");
        List<String> stacks = stackSections(profile);
        if (stacks.isEmpty()) {
            line("No `-prof stack` output was found in this run.");
            line("");
            return;
        }
        line("Hot stacks of the zxport cases from JMH's `-prof stack` (thread-state sampling, "
                + info.getOrDefault("profile_note", "one short fork per case") + "). This VM exposes no "
                + "hardware performance counters, so `-prof perfnorm` has nothing to report here.");
        line("");
        line("```");
        for (String stack : stacks) {
            line(stack);
        }
        line("```");
        line("");
    }

    /** Extracts the RUNNABLE part of each {@code ·stack} secondary result from JMH's text output. */
    private static List<String> stackSections(List<String> log) {
        List<String> sections = new ArrayList<>();
        String parameters = "";
        for (int i = 0; i < log.size(); i++) {
            String line = log.get(i);
            if (line.startsWith("# Parameters:")) {
                parameters = line.substring("# Parameters:".length()).trim();
            }
            if (!line.startsWith("Secondary result \"") || !line.contains(":stack\"")) {
                continue;
            }
            String name = line.substring("Secondary result \"".length(), line.indexOf(":stack\""));
            sections.add("== " + name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1) + " " + parameters);
            boolean runnable = false;
            for (int j = i + 1; j < log.size(); j++) {
                String next = log.get(j);
                if (next.startsWith("....[Thread state: ")) {
                    runnable = next.contains("RUNNABLE");
                    continue;
                }
                if (next.startsWith("Secondary result") || next.startsWith("# Run complete") || next.startsWith("# JMH")) {
                    break;
                }
                if (runnable && !next.isBlank()) {
                    sections.add(next);
                }
            }
        }
        return sections;
    }

    // ---------------------------------------------------------------------------------------
    // Chart
    // ---------------------------------------------------------------------------------------

    private void writeChart() throws IOException {
        List<ThroughputChart.Bar> bars = new ArrayList<>();
        for (JmhRun run : throughputRuns("Throughput1P1C", "Throughput1P1CAgrona")) {
            bars.add(new ThroughputChart.Bar(Contenders.shortLabel(run.impl()), SHAPE_1P1C,
                    scale(run.secondaryValues("pollsMade"), 1e-6)));
        }
        for (JmhRun run : throughputRuns("ContendedPair")) {
            bars.add(new ThroughputChart.Bar(Contenders.shortLabel(run.impl()), SHAPE_PAIR + " (pairs/s)",
                    scale(run.primaryValues(), 1e-6)));
        }
        addCBar(bars, "throughput_1p1c", SHAPE_1P1C);
        addCBar(bars, "contended_pair", SHAPE_PAIR + " (pairs/s)");
        String mode = info.getOrDefault("mode", "unknown");
        String subtitle = ("full".equals(mode) ? "" : "SMOKE RUN ON A BUSY MACHINE, ranks nothing. ")
                + info.getOrDefault("cpu", "") + ", " + info.getOrDefault("cores", "?") + " cores, "
                + info.getOrDefault("java_short", "") + ", " + info.getOrDefault("date", "");
        ThroughputChart.write(chartFile, "zxport queue + wait throughput against JVM queues (48-byte payload)",
                subtitle, bars);
    }

    private void addCBar(List<ThroughputChart.Bar> bars, String shape, String category) {
        List<Double> values = new ArrayList<>();
        for (Map<String, String> line : cRing) {
            if (shape.equals(line.get("shape"))) {
                values.add(Double.parseDouble(line.get("ops_per_s")) * 1e-6);
            }
        }
        if (!values.isEmpty()) {
            bars.add(new ThroughputChart.Bar("C ring (reference)", category,
                    values.stream().mapToDouble(Double::doubleValue).toArray()));
        }
    }

    // ---------------------------------------------------------------------------------------
    // Helpers
    // ---------------------------------------------------------------------------------------

    private static Optional<JmhRun> findRun(List<JmhRun> runs, String benchmarkClass, String impl) {
        return runs.stream()
                .filter(run -> run.benchmark().startsWith(benchmarkClass + ".") && run.impl().equals(impl))
                .findFirst();
    }

    private static double[] scale(double[] values, double factor) {
        double[] scaled = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            scaled[i] = values[i] * factor;
        }
        return scaled;
    }

    private List<String> readLines(String name) throws IOException {
        Path file = results.resolve(name);
        return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
    }

    private static String num(double value, int decimals) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        return String.format(Locale.ROOT, "%,." + decimals + "f", value);
    }

    private static String ratio(double zxport, double other, String impl) {
        if (Contenders.ZXPORT.equals(impl) || Double.isNaN(zxport) || Double.isNaN(other) || other == 0) {
            return "";
        }
        return String.format(Locale.ROOT, "%.2fx", zxport / other);
    }

    private void row(String key, String value) {
        line("| " + key + " | " + value + " |");
    }

    private void line(String text) {
        out.append(text).append('\n');
    }
}
