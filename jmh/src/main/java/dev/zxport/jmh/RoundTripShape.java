package dev.zxport.jmh;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * Round trip through two queues: the benchmark thread enqueues a payload on queue A, an echo
 * thread started in setup dequeues it and enqueues it on queue B, and the benchmark thread
 * dequeues it from B. Each hop copies 48 bytes out and 48 bytes in. Sampled per invocation
 * ({@link Mode#SampleTime}) for percentiles. Two busy threads, one per core; the blocking
 * contenders park instead of spinning when their queue is empty.
 *
 * <p>Subclasses differ only in their list of contenders and the flags of their forks.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
public abstract class RoundTripShape {
    private Channel[] channels;
    private Channel.Producer sendA;
    private Channel.Consumer receiveB;
    private Channel.Producer stopper;
    private Thread echo;
    private volatile boolean stopping;

    /** Returns the contender of this run, the subclass's {@code @Param}. */
    protected abstract Impl impl();

    @Setup(Level.Trial)
    public void start() {
        channels = impl().openTwo();
        sendA = channels[0].producer();
        receiveB = channels[1].consumer();
        Channel.Consumer echoIn = channels[0].consumer();
        Channel.Producer echoOut = channels[1].producer();
        echo = new Thread(() -> echo(echoIn, echoOut), "round-trip-echo");
        echo.setDaemon(true);
        echo.setUncaughtExceptionHandler((thread, error) -> {
            // The benchmark thread would wait for the reply forever; end the fork instead.
            error.printStackTrace();
            Runtime.getRuntime().halt(3);
        });
        echo.start();
    }

    private void echo(Channel.Consumer in, Channel.Producer out) {
        while (true) {
            in.take();
            if (stopping) {
                return;
            }
            while (!out.offer()) {
                Thread.onSpinWait();
            }
        }
    }

    @TearDown(Level.Trial)
    public void stop() throws InterruptedException {
        // The last round trip has completed, so the echo thread is waiting on queue A: one more
        // payload wakes it, and it reads the flag before replying.
        stopping = true;
        while (!sendA.offer()) {
            Thread.onSpinWait();
        }
        echo.join(10_000);
        if (echo.isAlive()) {
            throw new IllegalStateException("echo thread did not stop");
        }
        channels[0].close();
        channels[1].close();
    }

    @Benchmark
    public void roundTrip() {
        while (!sendA.offer()) {
            Thread.onSpinWait();
        }
        receiveB.take();
    }
}
