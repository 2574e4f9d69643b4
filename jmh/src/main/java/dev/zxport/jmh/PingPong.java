package dev.zxport.jmh;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.TimeUnit;

/**
 * Baseline of the machine at the moment of the run: one padded {@code long} bounced between the
 * benchmark thread and an echo thread, in the same shape and mode as {@link RoundTripShape}.
 * The benchmark thread stores an odd value and waits for the echo thread to store the next even
 * one, so one invocation is one cache-line round trip between the cores (two transfers) with
 * nothing else in it. On a VM this moves between modes from run to run, which is why it runs
 * beside the queues.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 3, jvmArgsAppend = {JvmFlags.HEAP_MIN, JvmFlags.HEAP_MAX, JvmFlags.PRE_TOUCH})
public class PingPong {
    private static final VarHandle VALUE;

    static {
        try {
            VALUE = MethodHandles.lookup().findVarHandle(Cell.class, "value", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The bounced word, padded on both sides. */
    static class Cell extends Pad128 {
        long value;
    }

    static final class PaddedCell extends Cell {
        byte q000, q001, q002, q003, q004, q005, q006, q007, q008, q009, q010, q011, q012, q013, q014, q015;
        byte q016, q017, q018, q019, q020, q021, q022, q023, q024, q025, q026, q027, q028, q029, q030, q031;
        byte q032, q033, q034, q035, q036, q037, q038, q039, q040, q041, q042, q043, q044, q045, q046, q047;
        byte q048, q049, q050, q051, q052, q053, q054, q055, q056, q057, q058, q059, q060, q061, q062, q063;
        byte q064, q065, q066, q067, q068, q069, q070, q071, q072, q073, q074, q075, q076, q077, q078, q079;
        byte q080, q081, q082, q083, q084, q085, q086, q087, q088, q089, q090, q091, q092, q093, q094, q095;
        byte q096, q097, q098, q099, q100, q101, q102, q103, q104, q105, q106, q107, q108, q109, q110, q111;
        byte q112, q113, q114, q115, q116, q117, q118, q119, q120, q121, q122, q123, q124, q125, q126, q127;
    }

    /** The stop request, on lines of its own: the echo thread reads it on every spin. */
    static final class StopFlag extends Pad128 {
        volatile boolean raised;
    }

    private final PaddedCell cell = new PaddedCell();
    private final StopFlag stop = new StopFlag();
    /** The last value the benchmark thread stored; only that thread touches it. */
    private long sent;
    private Thread echo;

    @Setup(Level.Trial)
    public void start() {
        echo = new Thread(this::echo, "ping-pong-echo");
        echo.setDaemon(true);
        echo.start();
    }

    private void echo() {
        PaddedCell line = cell;
        StopFlag flag = stop;
        long expected = 1;
        while (!flag.raised) {
            if ((long) VALUE.getAcquire(line) == expected) {
                VALUE.setRelease(line, expected + 1);
                expected += 2;
            } else {
                Thread.onSpinWait();
            }
        }
    }

    @TearDown(Level.Trial)
    public void stop() throws InterruptedException {
        stop.raised = true;
        echo.join(10_000);
        if (echo.isAlive()) {
            throw new IllegalStateException("echo thread did not stop");
        }
    }

    @Benchmark
    public void roundTrip() {
        long ping = sent + 1;
        VALUE.setRelease(cell, ping);
        while ((long) VALUE.getAcquire(cell) != ping + 1) {
            Thread.onSpinWait();
        }
        sent = ping + 1;
    }
}
