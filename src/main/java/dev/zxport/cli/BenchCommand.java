package dev.zxport.cli;

import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code zxport bench}: a quick load on one port of the engine, for one number without JMH.
 * Producer threads queue and consumer threads wait. The command prints throughput,
 * queue-to-dequeue latency percentiles and the bytes the worker threads allocated per call. Exit code 0 when
 * every queued packet was dequeued, 1 otherwise.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        header = "Measures port throughput, latency and allocation with a quick load.",
        description = {
            "Runs a quick load on one port: producer threads call zx_port_queue as fast as they can, consumer "
                    + "threads block in zx_port_wait. Prints packets per second, queue-to-dequeue latency "
                    + "percentiles and bytes allocated per call, measured after a warm-up (the first fifth of the "
                    + "run, at most 1 s). For comparisons with other queues use the JMH suite in jmh/.",
            "Latency under a saturating load is mostly time spent queued behind other packets."})
public final class BenchCommand implements Callable<Integer> {
    private static final int BAR_WIDTH = 30;
    private static final long MAX_SECONDS = 3600;

    @Spec
    CommandSpec spec;

    @Option(names = "--producers", paramLabel = "N", defaultValue = "1",
            description = "Threads that queue packets (default: ${DEFAULT-VALUE}).")
    int producers;

    @Option(names = "--consumers", paramLabel = "M", defaultValue = "1",
            description = "Threads that wait for packets (default: ${DEFAULT-VALUE}).")
    int consumers;

    @Option(names = "--seconds", paramLabel = "S", defaultValue = "5",
            description = "Length of the run in seconds, warm-up included (default: ${DEFAULT-VALUE}).")
    double seconds;

    @Override
    public Integer call() throws InterruptedException {
        validate();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        out.printf(Locale.ROOT, "zxport bench: %d producer(s), %d consumer(s), one port, %.1f s%n",
                producers, consumers, seconds);
        out.flush();

        PortLoad load = new PortLoad(producers, consumers, Math.round(seconds * 1e9));
        PortLoad.Result result = load.run((elapsed, total, dequeued) -> drawProgress(err, elapsed, total, dequeued));
        err.println();
        err.flush();

        print(out, result);
        if (result.queued() != result.dequeued()) {
            err.printf(Locale.ROOT, "error: %,d packets were queued but %,d dequeued.%n", result.queued(), result.dequeued());
            return 1;
        }
        return 0;
    }

    private void validate() {
        if (producers < 1) {
            throw new ParameterException(spec.commandLine(), "--producers must be at least 1, got " + producers);
        }
        if (consumers < 1) {
            throw new ParameterException(spec.commandLine(), "--consumers must be at least 1, got " + consumers);
        }
        if (!(seconds > 0) || seconds > MAX_SECONDS) {
            throw new ParameterException(spec.commandLine(),
                    "--seconds must be above 0 and at most " + MAX_SECONDS + ", got " + seconds);
        }
    }

    private static void drawProgress(PrintWriter err, long elapsedNanos, long totalNanos, long dequeued) {
        double fraction = Math.min(1.0, (double) elapsedNanos / totalNanos);
        int filled = (int) Math.round(fraction * BAR_WIDTH);
        String bar = "#".repeat(filled) + ".".repeat(BAR_WIDTH - filled);
        err.printf(Locale.ROOT, "\r[%s] %3.0f%%  %5.1f s  %,d packets dequeued", bar, fraction * 100,
                elapsedNanos / 1e9, dequeued);
        err.flush();
    }

    private static void print(PrintWriter out, PortLoad.Result result) {
        Histogram latency = result.latency();
        out.printf(Locale.ROOT, "measured     %.2f s after %.2f s of warm-up%n", result.measuredNanos() / 1e9,
                result.warmupNanos() / 1e9);
        out.printf(Locale.ROOT, "throughput   %,.0f packets/s%n", result.packetsPerSecond());
        out.printf(Locale.ROOT, "queued       %,d (%,d calls found the port full and were retried)%n",
                result.queued(), result.rejected());
        out.printf(Locale.ROOT, "dequeued     %,d%n", result.dequeued());
        if (latency.getTotalCount() == 0) {
            out.println("latency      no packet was queued after the warm-up");
        } else {
            out.printf(Locale.ROOT, "latency      queue to dequeue, ns: p50 %,d  p90 %,d  p99 %,d  p99.9 %,d  max %,d"
                            + " (%,d packets)%n",
                    latency.getValueAtPercentile(50), latency.getValueAtPercentile(90),
                    latency.getValueAtPercentile(99), latency.getValueAtPercentile(99.9), latency.getMaxValue(),
                    latency.getTotalCount());
        }
        out.printf(Locale.ROOT, "allocated    %.3f bytes per queue or wait call (worker threads, after warm-up)%n",
                result.bytesPerCall());
        out.flush();
    }
}
