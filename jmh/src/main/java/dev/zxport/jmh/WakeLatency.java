package dev.zxport.jmh;

import dev.zxport.Kernel;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static dev.zxport.sys.zircon_h.ZX_OK;
import static dev.zxport.sys.zircon_h.ZX_TIME_INFINITE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * Wake-up latency of a consumer blocked on an empty queue: from just before the producer's
 * enqueue to the moment the consumer's blocking call returns, recorded in an HdrHistogram.
 * zxport's consumer blocks in {@code zx_port_wait} with {@code ZX_TIME_INFINITE};
 * the reference blocks in {@link ArrayBlockingQueue#take()}. The producer pauses between packets
 * (200 µs requested; {@code parkNanos} sleeps longer on Linux) so that the consumer has given up
 * spinning and parked; before each enqueue it checks the consumer's thread state and counts the
 * packets sent to a parked consumer, which the output reports.
 *
 * <p>A plain program rather than a JMH benchmark because the measured interval starts in one
 * thread and ends in another. Usage: {@code WakeLatency zxport|abq WARMUP_PACKETS PACKETS OUTPUT}.
 * The output file contains one line of {@code key=value} pairs.
 */
public final class WakeLatency {
    private static final long PAUSE_NANOS = 200_000;
    private static final long HIGHEST_TRACKED_NANOS = TimeUnit.SECONDS.toNanos(10);

    private WakeLatency() {
    }

    /** A blocking queue of one payload at a time, driven from the producer and the consumer thread. */
    private interface Pipe extends AutoCloseable {
        /** Enqueues a payload that carries {@code sentAt} (System.nanoTime). */
        void send(long sentAt);

        /** Blocks until a payload arrives and returns its {@code sentAt}. */
        long receive();

        @Override
        void close();
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: WakeLatency zxport|abq WARMUP_PACKETS PACKETS OUTPUT_FILE");
            System.exit(2);
        }
        String impl = args[0];
        int warmup = Integer.parseInt(args[1]);
        int packets = Integer.parseInt(args[2]);
        Path output = Path.of(args[3]);

        try (Pipe pipe = switch (impl) {
            case "zxport" -> new PortPipe();
            case "abq" -> new QueuePipe();
            default -> throw new IllegalArgumentException("unknown implementation '" + impl + "', expected zxport or abq");
        }) {
            Result result = measure(pipe, warmup, packets);
            String line = result.format(impl);
            Files.writeString(output, line + System.lineSeparator(), StandardCharsets.UTF_8);
            PrintStream out = System.out;
            out.println(line);
        }
    }

    private record Result(Histogram histogram, int parkedPackets, int packets) {
        String format(String impl) {
            return String.format(Locale.ROOT,
                    "impl=%s packets=%d parked=%d p50=%d p90=%d p99=%d p999=%d max=%d mean=%.1f",
                    impl, packets, parkedPackets,
                    histogram.getValueAtPercentile(50), histogram.getValueAtPercentile(90),
                    histogram.getValueAtPercentile(99), histogram.getValueAtPercentile(99.9),
                    histogram.getMaxValue(), histogram.getMean());
        }
    }

    private static Result measure(Pipe pipe, int warmup, int packets) throws InterruptedException {
        Histogram histogram = new Histogram(HIGHEST_TRACKED_NANOS, 3);
        int total = warmup + packets;
        Thread consumer = new Thread(() -> {
            for (int i = 0; i < total; i++) {
                long sentAt = pipe.receive();
                long latency = System.nanoTime() - sentAt;
                if (i >= warmup) {
                    histogram.recordValue(Math.min(latency, HIGHEST_TRACKED_NANOS));
                }
            }
        }, "wake-latency-consumer");
        consumer.start();

        int parked = 0;
        for (int i = 0; i < total; i++) {
            LockSupport.parkNanos(PAUSE_NANOS);
            Thread.State state = consumer.getState();
            if (i >= warmup && (state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING)) {
                parked++;
            }
            pipe.send(System.nanoTime());
        }
        consumer.join();
        return new Result(histogram, parked, packets);
    }

    /** A zxport port; the consumer waits with {@code ZX_TIME_INFINITE}. */
    private static final class PortPipe implements Pipe {
        private final Kernel kernel = ZxportChannel.newKernel();
        private final Arena arena = Arena.ofShared();
        private final MemorySegment source = arena.allocate(128, 128).asSlice(0, 48);
        private final MemorySegment target = arena.allocate(128, 128).asSlice(0, 48);
        private final int port;

        PortPipe() {
            MemorySegment handle = arena.allocate(JAVA_INT);
            ZxportChannel.check(kernel.zx_port_create(0, handle), "zx_port_create");
            port = handle.get(JAVA_INT, 0);
        }

        @Override
        public void send(long sentAt) {
            // Bytes 16..47 are the user payload of a zx_port_packet_t.
            source.set(JAVA_LONG, 16, sentAt);
            ZxportChannel.check(kernel.zx_port_queue(port, source), "zx_port_queue");
        }

        @Override
        public long receive() {
            int status = kernel.zx_port_wait(port, ZX_TIME_INFINITE(), target);
            if (status != ZX_OK()) {
                throw new IllegalStateException("zx_port_wait failed with status " + status);
            }
            return target.get(JAVA_LONG, 16);
        }

        @Override
        public void close() {
            kernel.close();
            arena.close();
        }
    }

    /** An ArrayBlockingQueue of boxed timestamps; the consumer blocks in {@code take}. */
    private static final class QueuePipe implements Pipe {
        private final ArrayBlockingQueue<Long> queue = new ArrayBlockingQueue<>(Channel.CAPACITY);

        @Override
        public void send(long sentAt) {
            if (!queue.offer(sentAt)) {
                throw new IllegalStateException("ArrayBlockingQueue full");
            }
        }

        @Override
        public long receive() {
            try {
                return queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted in take", e);
            }
        }

        @Override
        public void close() {
        }
    }
}
