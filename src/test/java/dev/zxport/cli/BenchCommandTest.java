package dev.zxport.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BenchCommandTest {
    @Test
    void benchDequeuesEveryQueuedPacket() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine command = new CommandLine(new Main());
        command.setOut(new PrintWriter(out));
        command.setErr(new PrintWriter(err));

        int exitCode = command.execute("bench", "--producers", "2", "--consumers", "2", "--seconds", "1");

        assertEquals(0, exitCode, () -> "stdout:\n" + out + "\nstderr:\n" + err);
        long queued = count(out.toString(), "queued");
        long dequeued = count(out.toString(), "dequeued");
        assertTrue(queued > 0, () -> "nothing was queued:\n" + out);
        assertEquals(queued, dequeued, () -> "stdout:\n" + out);
        assertTrue(out.toString().contains("packets/s"), () -> "no throughput line:\n" + out);
        assertTrue(err.toString().contains("100%"), () -> "progress bar never reached 100%:\n" + err);
    }

    @Test
    void portLoadCountsAddUp() throws InterruptedException {
        PortLoad load = new PortLoad(1, 2, 500_000_000L);

        PortLoad.Result result = load.run((elapsed, total, dequeued) -> { });

        assertTrue(result.queued() > 0, "nothing was queued");
        assertEquals(result.queued(), result.dequeued());
        assertTrue(result.latency().getTotalCount() > 0, "no latency was recorded");
        assertTrue(result.latency().getTotalCount() <= result.dequeued(), "more latencies than packets");
        assertTrue(result.packetsPerSecond() > 0, "no throughput");
    }

    @Test
    void benchRejectsZeroProducers() {
        StringWriter err = new StringWriter();
        CommandLine command = new CommandLine(new Main());
        command.setErr(new PrintWriter(err));

        int exitCode = command.execute("bench", "--producers", "0", "--seconds", "1");

        assertEquals(CommandLine.ExitCode.USAGE, exitCode);
        assertTrue(err.toString().contains("--producers must be at least 1"), () -> "stderr:\n" + err);
    }

    /** Returns the number after {@code label} at the start of a line, digits grouped with commas. */
    private static long count(String output, String label) {
        Matcher matcher = Pattern.compile("(?m)^" + label + "\\s+([0-9,]+)").matcher(output);
        assertTrue(matcher.find(), () -> "no '" + label + "' line in:\n" + output);
        return Long.parseLong(matcher.group(1).replace(",", ""));
    }
}
