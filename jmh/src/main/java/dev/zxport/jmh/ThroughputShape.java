package dev.zxport.jmh;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * One producer thread and one consumer thread on one queue (a JMH group of two threads). Each
 * invocation makes one attempt; successes and failures are counted per thread, as JCTools'
 * throughput benchmarks do, and a failed attempt backs off with one {@link Thread#onSpinWait()}
 * for every contender. The headline is {@code pollsMade}: payloads moved per second. The
 * group's primary score counts attempts and means little.
 *
 * <p>Subclasses differ only in their list of contenders and the flags of their forks.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
public abstract class ThroughputShape {
    private Channel channel;
    private Channel.Producer producer;
    private Channel.Consumer consumer;

    /** Returns the contender of this run, the subclass's {@code @Param}. */
    protected abstract Impl impl();

    @Setup(Level.Trial)
    public void open() {
        channel = impl().open();
        producer = channel.producer();
        consumer = channel.consumer();
    }

    @TearDown(Level.Trial)
    public void close() {
        channel.close();
    }

    /** Offers made and rejected by the producer thread, per second. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class OfferCounters {
        public long offersMade;
        public long offersFailed;

        @Setup(Level.Iteration)
        public void reset() {
            offersMade = 0;
            offersFailed = 0;
        }
    }

    /** Polls that returned a payload and polls that found the queue empty, per second. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class PollCounters {
        public long pollsMade;
        public long pollsFailed;

        @Setup(Level.Iteration)
        public void reset() {
            pollsMade = 0;
            pollsFailed = 0;
        }
    }

    @Benchmark
    @Group("tput")
    @GroupThreads(1)
    public void offer(OfferCounters counters) {
        if (producer.offer()) {
            counters.offersMade++;
        } else {
            counters.offersFailed++;
            Thread.onSpinWait();
        }
    }

    @Benchmark
    @Group("tput")
    @GroupThreads(1)
    public void poll(PollCounters counters) {
        if (consumer.poll()) {
            counters.pollsMade++;
        } else {
            counters.pollsFailed++;
            Thread.onSpinWait();
        }
    }
}
