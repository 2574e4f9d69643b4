package dev.zxport.cli;

import dev.zxport.Kernel;
import org.HdrHistogram.Histogram;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import static dev.zxport.sys.zircon_h.ZX_ERR_SHOULD_WAIT;
import static dev.zxport.sys.zircon_h.ZX_OK;
import static dev.zxport.sys.zircon_h.ZX_TIME_INFINITE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * A timed load on one port: producer threads call {@code zx_port_queue} as fast as they can,
 * consumer threads block in {@code zx_port_wait} with {@code ZX_TIME_INFINITE}. Each packet
 * carries the {@link System#nanoTime()} of its queueing in its payload, so consumers record
 * queue-to-dequeue latency in per-thread HdrHistograms. The first part of the run is warm-up and
 * is not counted, because the JIT compiles the paths then and interpreted code allocates what
 * compiled code does not. At the end the producers stop, one stop packet per consumer follows
 * every data packet, and the consumers drain the port, so every queued packet is accounted for.
 */
final class PortLoad {
    /** Key of the packets that tell a consumer to exit. Data packets use key 1. */
    private static final long STOP_KEY = -1;
    private static final long DATA_KEY = 1;
    /** Offset of the send time in zx_port_packet_t: the first word of the 32-byte user payload. */
    private static final long SENT_AT_OFFSET = 16;
    private static final long HIGHEST_TRACKED_NANOS = 60_000_000_000L;
    /** Per-thread counters sit 16 longs (128 bytes) apart, so no two threads write one cache line. */
    private static final int STRIDE = 16;
    private static final long PROGRESS_INTERVAL_NANOS = 100_000_000;
    private static final int OK = ZX_OK();
    private static final int SHOULD_WAIT = ZX_ERR_SHOULD_WAIT();

    /** Receives the progress of a run, about ten times a second, from the thread that called {@link #run}. */
    interface Progress {
        /**
         * @param elapsedNanos time since the start, warm-up included
         * @param totalNanos   planned length of the run
         * @param dequeued     packets dequeued so far
         */
        void update(long elapsedNanos, long totalNanos, long dequeued);
    }

    /**
     * The measurements of one run. Counts and rates cover the measured window only, except {@code queued}
     * and {@code dequeued}, which cover the whole run including warm-up and the final drain.
     *
     * @param queued           data packets queued over the whole run
     * @param dequeued         data packets dequeued over the whole run
     * @param rejected         {@code zx_port_queue} calls that found the port full (retried)
     * @param packetsPerSecond data packets dequeued per second in the measured window
     * @param latency          queue-to-dequeue latency of the packets queued in the measured window, ns
     * @param bytesPerCall     bytes the worker threads allocated per successful queue or wait call
     *                         in the measured window
     */
    record Result(int producers, int consumers, long measuredNanos, long warmupNanos, long queued, long dequeued,
                  long rejected, double packetsPerSecond, Histogram latency, double bytesPerCall) {
    }

    private final int producers;
    private final int consumers;
    private final long totalNanos;
    private final long warmupNanos;
    /** Successful queue calls of producer i at index i * STRIDE, then the dequeued data packets of each consumer. */
    private final AtomicLongArray counts;
    private final AtomicLongArray rejections;
    private final List<Histogram> histograms = new ArrayList<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile boolean stopping;
    /** Send time from which consumers record latency, {@code Long.MAX_VALUE} until the warm-up ends. */
    private volatile long recordFrom = Long.MAX_VALUE;

    /**
     * @param totalNanos length of the run, warm-up included. The warm-up is the first fifth, at most one second.
     */
    PortLoad(int producers, int consumers, long totalNanos) {
        if (producers < 1 || consumers < 1) {
            throw new IllegalArgumentException("producers=" + producers + ", consumers=" + consumers + ", both must be at least 1");
        }
        if (totalNanos <= 0) {
            throw new IllegalArgumentException("totalNanos=" + totalNanos + ", must be positive");
        }
        this.producers = producers;
        this.consumers = consumers;
        this.totalNanos = totalNanos;
        this.warmupNanos = Math.min(1_000_000_000L, totalNanos / 5);
        this.counts = new AtomicLongArray((producers + consumers) * STRIDE);
        this.rejections = new AtomicLongArray(producers * STRIDE);
    }

    /**
     * Runs the load and waits for every thread to finish.
     *
     * @throws IllegalStateException when a syscall fails unexpectedly or a worker thread throws
     */
    Result run(Progress progress) throws InterruptedException {
        com.sun.management.ThreadMXBean threadBean =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        try (Kernel kernel = Kernel.create(); Arena arena = Arena.ofShared()) {
            MemorySegment handle = arena.allocate(JAVA_INT);
            check(kernel.zx_port_create(0, handle), "zx_port_create");
            int port = handle.get(JAVA_INT, 0);

            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < producers; i++) {
                MemorySegment packet = newPacket(arena);
                int index = i;
                threads.add(Thread.ofPlatform().name("bench-producer-" + i).unstarted(
                        () -> guard(() -> produce(kernel, port, packet, index))));
            }
            for (int j = 0; j < consumers; j++) {
                MemorySegment packet = newPacket(arena);
                Histogram histogram = new Histogram(HIGHEST_TRACKED_NANOS, 3);
                histograms.add(histogram);
                int index = producers + j;
                threads.add(Thread.ofPlatform().name("bench-consumer-" + j).unstarted(
                        () -> guard(() -> consume(kernel, port, packet, index, histogram))));
            }

            long start = System.nanoTime();
            threads.forEach(Thread::start);
            long warmupEnd = start + warmupNanos;
            long end = start + totalNanos;
            Snapshot atWarmupEnd = null;
            while (true) {
                long now = System.nanoTime();
                if (atWarmupEnd == null && now >= warmupEnd) {
                    recordFrom = now;
                    atWarmupEnd = snapshot(threadBean, threads, now);
                }
                if (now >= end || failure.get() != null) {
                    break;
                }
                progress.update(now - start, totalNanos, sum(producers, producers + consumers));
                LockSupport.parkNanos(Math.min(PROGRESS_INTERVAL_NANOS, end - now));
            }
            Snapshot atEnd = snapshot(threadBean, threads, System.nanoTime());
            progress.update(totalNanos, totalNanos, atEnd.dequeued);

            stopping = true;
            for (int i = 0; i < producers; i++) {
                threads.get(i).join();
            }
            if (!queueStopPackets(kernel, port, newPacket(arena))) {
                // A worker failed, so the consumers may not drain the port. Closing the kernel
                // wakes them with ZX_ERR_BAD_HANDLE.
                kernel.close();
            }
            for (Thread thread : threads) {
                thread.join();
            }
            Throwable error = failure.get();
            if (error != null) {
                throw new IllegalStateException("a benchmark thread failed: " + error, error);
            }
            return result(atWarmupEnd == null ? atEnd : atWarmupEnd, atEnd);
        }
    }

    /**
     * Queues one stop packet per consumer. Every data packet is in the ring by now, so the stop
     * packets come out after all of them (user packets are FIFO).
     *
     * @return false when a worker failed, so the consumers may never take the stop packets
     */
    private boolean queueStopPackets(Kernel kernel, int port, MemorySegment stop) {
        stop.set(JAVA_LONG, 0, STOP_KEY);
        for (int j = 0; j < consumers; j++) {
            while (true) {
                if (failure.get() != null) {
                    return false;
                }
                int status = kernel.zx_port_queue(port, stop);
                if (status == OK) {
                    break;
                }
                if (status != SHOULD_WAIT) {
                    failure.compareAndSet(null, new IllegalStateException("zx_port_queue failed with status " + status));
                    return false;
                }
                Thread.yield();
            }
        }
        return true;
    }

    private record Snapshot(long time, long queued, long dequeued, long allocatedBytes) {
    }

    private Snapshot snapshot(com.sun.management.ThreadMXBean threadBean, List<Thread> threads, long now) {
        long allocated = 0;
        for (Thread thread : threads) {
            long bytes = threadBean.getThreadAllocatedBytes(thread.threadId());
            allocated += Math.max(0, bytes);
        }
        return new Snapshot(now, sum(0, producers), sum(producers, producers + consumers), allocated);
    }

    private Result result(Snapshot from, Snapshot to) {
        long measured = Math.max(1, to.time - from.time);
        long dequeuedInWindow = to.dequeued - from.dequeued;
        long callsInWindow = (to.queued - from.queued) + dequeuedInWindow;
        Histogram latency = new Histogram(HIGHEST_TRACKED_NANOS, 3);
        for (Histogram histogram : histograms) {
            latency.add(histogram);
        }
        long rejected = 0;
        for (int i = 0; i < producers; i++) {
            rejected += rejections.get(i * STRIDE);
        }
        double bytesPerCall = callsInWindow == 0 ? Double.NaN : (double) (to.allocatedBytes - from.allocatedBytes) / callsInWindow;
        return new Result(producers, consumers, measured, warmupNanos, sum(0, producers),
                sum(producers, producers + consumers), rejected, dequeuedInWindow * 1e9 / measured, latency,
                bytesPerCall);
    }

    private void produce(Kernel kernel, int port, MemorySegment packet, int index) {
        packet.set(JAVA_LONG, 0, DATA_KEY);
        long queued = 0;
        long rejected = 0;
        while (!stopping) {
            packet.set(JAVA_LONG, SENT_AT_OFFSET, System.nanoTime());
            int status = kernel.zx_port_queue(port, packet);
            if (status == OK) {
                counts.lazySet(index * STRIDE, ++queued);
            } else if (status == SHOULD_WAIT) {
                rejections.lazySet(index * STRIDE, ++rejected);
                // The port is full: let a consumer run, which matters when threads outnumber cores.
                Thread.yield();
            } else {
                check(status, "zx_port_queue");
            }
        }
    }

    private void consume(Kernel kernel, int port, MemorySegment packet, int index, Histogram histogram) {
        long forever = ZX_TIME_INFINITE();
        long dequeued = 0;
        while (true) {
            check(kernel.zx_port_wait(port, forever, packet), "zx_port_wait");
            if (packet.get(JAVA_LONG, 0) == STOP_KEY) {
                return;
            }
            long now = System.nanoTime();
            long sentAt = packet.get(JAVA_LONG, SENT_AT_OFFSET);
            if (sentAt >= recordFrom) {
                histogram.recordValue(Math.min(Math.max(0, now - sentAt), HIGHEST_TRACKED_NANOS));
            }
            counts.lazySet(index * STRIDE, ++dequeued);
        }
    }

    private void guard(Runnable body) {
        try {
            body.run();
        } catch (Throwable e) {
            failure.compareAndSet(null, e);
            // Producers may be spinning on a port that no consumer drains any more.
            stopping = true;
        }
    }

    private long sum(int from, int to) {
        long total = 0;
        for (int i = from; i < to; i++) {
            total += counts.get(i * STRIDE);
        }
        return total;
    }

    private static MemorySegment newPacket(Arena arena) {
        // 128-byte blocks, so that no two threads' packets share a cache line.
        return arena.allocate(128, 128).asSlice(0, 48);
    }

    private static void check(int status, String call) {
        if (status != OK) {
            throw new IllegalStateException(call + " failed with status " + status);
        }
    }
}
