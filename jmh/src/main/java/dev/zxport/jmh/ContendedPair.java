package dev.zxport.jmh;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * Two threads on one multi-consumer queue, each invocation an enqueue followed by a dequeue,
 * so both threads produce and consume and every index and slot line moves between the cores.
 * The score is pairs per second for the group; the {@code first} and {@code second} secondary
 * scores show how evenly the two threads were served (an unfair lock lets one thread run alone
 * and inflates the total). A dequeue always finds a payload eventually, because each thread has
 * enqueued one more payload than it has dequeued while it polls.
 */
@State(Scope.Group)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 3, jvmArgsAppend = {JvmFlags.HEAP_MIN, JvmFlags.HEAP_MAX, JvmFlags.PRE_TOUCH,
        JvmFlags.NATIVE_ACCESS, JvmFlags.UNSAFE_ALLOW})
public class ContendedPair {
    @Param({"ZXPORT", "JCTOOLS_MPMC", "JCTOOLS_MPMC_VH", "ABQ"})
    public Impl impl;

    private Channel channel;
    private Channel.Producer firstProducer;
    private Channel.Consumer firstConsumer;
    private Channel.Producer secondProducer;
    private Channel.Consumer secondConsumer;

    @Setup(Level.Trial)
    public void open() {
        if (!impl.multiConsumer()) {
            throw new IllegalArgumentException(impl + " allows one consumer only");
        }
        channel = impl.open();
        firstProducer = channel.producer();
        firstConsumer = channel.consumer();
        secondProducer = channel.producer();
        secondConsumer = channel.consumer();
    }

    @TearDown(Level.Trial)
    public void close() {
        channel.close();
    }

    /** Rejected offers and empty polls, per second, summed over both threads. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class RetryCounters {
        public long offersFailed;
        public long pollsFailed;

        @Setup(Level.Iteration)
        public void reset() {
            offersFailed = 0;
            pollsFailed = 0;
        }
    }

    @Benchmark
    @Group("pair")
    @GroupThreads(1)
    public void first(RetryCounters counters) {
        enqueueThenDequeue(firstProducer, firstConsumer, counters);
    }

    @Benchmark
    @Group("pair")
    @GroupThreads(1)
    public void second(RetryCounters counters) {
        enqueueThenDequeue(secondProducer, secondConsumer, counters);
    }

    private static void enqueueThenDequeue(Channel.Producer producer, Channel.Consumer consumer,
                                           RetryCounters counters) {
        while (!producer.offer()) {
            counters.offersFailed++;
            Thread.onSpinWait();
        }
        while (!consumer.poll()) {
            counters.pollsFailed++;
            Thread.onSpinWait();
        }
    }
}
