package dev.zxport;

import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

import static dev.zxport.sys.zircon_h.*;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Soak test of the whole engine through the public API. On each of two ports, producers queue
 * user packets and consumers wait with mixed deadlines. A signaler re-arms wait_async on an event
 * and signals it, a canceller removes user and signal packets with cancel_key, and a virtual
 * interrupt bound to the port is triggered by one thread and acked by the consumers.
 *
 * <p>Every packet is counted by key and sequence in bitmaps: a bit set twice is a duplicate, a
 * bit never set is a lost packet. Each consumer checks that it sees each producer's packets in
 * increasing sequence (FIFO per producer), and every user packet carries a pattern derived from
 * its key in all 48 bytes. A watchdog dumps every thread's stack and fails the test when no
 * packet moves for {@link #STALL_SECONDS} seconds.
 *
 * <p>Size: {@code -Dsoak.packets=N} user packets in total (default 200000, which took 5 seconds on
 * a shared 2-core machine). Signals are N/16 and interrupts N/64.
 */
class SoakTest {
    private static final int PORTS = 2;
    private static final int PRODUCERS_PER_PORT = 2;
    private static final int CONSUMERS_PER_PORT = 2;
    private static final int MAX_USER_PACKETS = 256;
    private static final long STALL_SECONDS = 10;

    /** Key layout: the kind in bits 60-63, then for user keys a cancellable flag, the producer and the sequence. */
    private static final long KIND_USER = 1L << 60;
    private static final long KIND_SIGNAL = 2L << 60;
    private static final long KIND_INTERRUPT = 3L << 60;
    private static final long KIND_STOP = 4L << 60;
    private static final long KIND_MASK = 0xFL << 60;
    private static final long CANCELLABLE = 1L << 59;
    private static final int SOURCE_SHIFT = 40;
    private static final long SOURCE_MASK = 0x7FFFF;
    private static final long SEQUENCE_MASK = (1L << SOURCE_SHIFT) - 1;
    /** Every 8th user packet and every 8th signal generation is offered to the canceller. */
    private static final int CANCELLABLE_EVERY = 8;

    private final long packets = Long.getLong("soak.packets", 200_000);
    private final long packetsPerProducer = Math.max(1, packets / (PORTS * PRODUCERS_PER_PORT));
    private final long signalsPerPort = Math.max(1, packets / 16 / PORTS);
    private final long interruptsPerPort = Math.max(1, packets / 64 / PORTS);

    private final Kernel kernel = Kernel.builder().maxUserPackets(MAX_USER_PACKETS).build();
    private final int[] ports = new int[PORTS];
    private final int[] events = new int[PORTS];
    private final int[] interrupts = new int[PORTS];

    /** One bitmap per producer and per signaler. A set bit is a packet that was delivered or cancelled. */
    private final AtomicLongArray[] userSeen = new AtomicLongArray[PORTS * PRODUCERS_PER_PORT];
    private final AtomicLongArray[] signalSeen = new AtomicLongArray[PORTS];
    /** Signal generations per port that were delivered or cancelled. */
    private final AtomicLong[] signalsFinished = new AtomicLong[PORTS];
    private final AtomicLong[] lastInterruptTimestamp = new AtomicLong[PORTS];
    private final List<Queue<Long>> cancelCandidates = new ArrayList<>();

    private final AtomicLong progress = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong torn = new AtomicLong();
    private final AtomicLong fifoViolations = new AtomicLong();
    private final AtomicLong interruptViolations = new AtomicLong();
    private final AtomicLong cancelled = new AtomicLong();
    private final AtomicLong cancelledSignals = new AtomicLong();
    private final AtomicLong shouldWaits = new AtomicLong();
    private final AtomicBoolean stalled = new AtomicBoolean();
    private final AtomicBoolean producersDone = new AtomicBoolean();
    private final Queue<Throwable> errors = new ConcurrentLinkedQueue<>();

    @Test
    void shouldDeliverEveryPacketOnce() throws InterruptedException {
        long start = System.nanoTime();
        setUp();
        List<Thread> consumers = new ArrayList<>();
        List<Thread> sources = new ArrayList<>();
        List<Thread> cancellers = new ArrayList<>();
        for (int p = 0; p < PORTS; p++) {
            int port = p;
            for (int c = 0; c < CONSUMERS_PER_PORT; c++) {
                consumers.add(start("consumer-" + p + "-" + c, () -> consume(port)));
            }
            for (int i = 0; i < PRODUCERS_PER_PORT; i++) {
                int producer = p * PRODUCERS_PER_PORT + i;
                sources.add(start("producer-" + producer, () -> produce(port, producer)));
            }
            sources.add(start("signaler-" + p, () -> signal(port)));
            sources.add(start("interrupter-" + p, () -> trigger(port)));
            cancellers.add(start("canceller-" + p, () -> cancel(port)));
        }
        Thread watchdog = start("watchdog", this::watch);

        joinAll(sources);
        producersDone.set(true);
        joinAll(cancellers);
        stopConsumers();
        joinAll(consumers);
        watchdog.interrupt();
        watchdog.join();
        long lost = countLost();
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("soak: %d packets, %d signals, %d interrupts, %d cancels (%d of signal packets),"
                        + " %d should-wait retries, %.1f seconds%n", packetsPerProducer * userSeen.length,
                signalsPerPort * PORTS, interruptsPerPort * PORTS, cancelled.get(), cancelledSignals.get(),
                shouldWaits.get(), seconds);
        kernel.close();

        assertEquals(List.of(), List.copyOf(errors), "exceptions in worker threads");
        assertFalse(stalled.get(), "progress stopped; thread dump on stderr");
        assertEquals(0, lost, "packets lost");
        assertEquals(0, duplicates.get(), "packets delivered or cancelled twice");
        assertEquals(0, fifoViolations.get(), "packets of one producer out of order");
        assertEquals(0, torn.get(), "packets whose bytes differ from what was queued");
        assertEquals(0, interruptViolations.get(), "interrupt packets duplicated, lost or reordered");
    }

    private void setUp() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(JAVA_INT);
            for (int p = 0; p < PORTS; p++) {
                check(kernel.zx_port_create(ZX_PORT_BIND_TO_INTERRUPT(), out), "zx_port_create");
                ports[p] = out.get(JAVA_INT, 0);
                check(kernel.zx_event_create(0, out), "zx_event_create");
                events[p] = out.get(JAVA_INT, 0);
                check(kernel.zx_interrupt_create(ZX_HANDLE_INVALID(), 0, ZX_INTERRUPT_VIRTUAL(), out),
                        "zx_interrupt_create");
                interrupts[p] = out.get(JAVA_INT, 0);
                check(kernel.zx_interrupt_bind(interrupts[p], ports[p], KIND_INTERRUPT | p, ZX_INTERRUPT_BIND()),
                        "zx_interrupt_bind");
                signalSeen[p] = bitmap(signalsPerPort);
                signalsFinished[p] = new AtomicLong();
                lastInterruptTimestamp[p] = new AtomicLong();
                cancelCandidates.add(new ArrayBlockingQueue<>(1024));
            }
        }
        for (int i = 0; i < userSeen.length; i++) {
            userSeen[i] = bitmap(packetsPerProducer);
        }
    }

    // ---------------------------------------------------------------------------------------
    // Roles
    // ---------------------------------------------------------------------------------------

    private void produce(int port, int producer) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment packet = arena.allocate(48, 8);
            Queue<Long> candidates = cancelCandidates.get(port);
            for (long sequence = 0; sequence < packetsPerProducer; sequence++) {
                boolean cancellable = sequence % CANCELLABLE_EVERY == CANCELLABLE_EVERY - 1;
                long key = KIND_USER | (cancellable ? CANCELLABLE : 0) | (long) producer << SOURCE_SHIFT | sequence;
                fill(packet, key);
                int status;
                while ((status = kernel.zx_port_queue(ports[port], packet)) == ZX_ERR_SHOULD_WAIT()) {
                    shouldWaits.incrementAndGet();
                    Thread.yield();
                }
                check(status, "zx_port_queue");
                progress.incrementAndGet();
                if (cancellable) {
                    // A full candidate queue only means this packet goes to a consumer.
                    candidates.offer(key);
                }
            }
        }
    }

    private void consume(int port) {
        long[] lastSequence = new long[userSeen.length];
        java.util.Arrays.fill(lastSequence, -1);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment packet = arena.allocate(48, 8);
            for (long i = 0; ; i++) {
                long deadline = switch ((int) (i % 3)) {
                    case 0 -> ZX_TIME_INFINITE();
                    case 1 -> ZX_TIME_INFINITE_PAST();
                    default -> kernel.zx_deadline_after(200_000);
                };
                int status = kernel.zx_port_wait(ports[port], deadline, packet);
                if (status == ZX_ERR_TIMED_OUT()) {
                    continue;
                }
                if (status == ZX_ERR_BAD_HANDLE() && stalled.get()) {
                    return;
                }
                check(status, "zx_port_wait");
                long key = packet.get(JAVA_LONG, 0);
                long kind = key & KIND_MASK;
                if (kind == KIND_STOP) {
                    return;
                } else if (kind == KIND_USER) {
                    onUserPacket(packet, key, lastSequence);
                } else if (kind == KIND_SIGNAL) {
                    onSignalPacket(packet, key, port);
                } else if (kind == KIND_INTERRUPT) {
                    onInterruptPacket(packet, port);
                } else {
                    torn.incrementAndGet();
                }
                progress.incrementAndGet();
            }
        }
    }

    private void onUserPacket(MemorySegment packet, long key, long[] lastSequence) {
        if (!matchesPattern(packet, key)) {
            torn.incrementAndGet();
            return;
        }
        int producer = (int) ((key >>> SOURCE_SHIFT) & SOURCE_MASK);
        long sequence = key & SEQUENCE_MASK;
        if (sequence <= lastSequence[producer]) {
            fifoViolations.incrementAndGet();
        }
        lastSequence[producer] = sequence;
        mark(userSeen[producer], sequence);
    }

    private void onSignalPacket(MemorySegment packet, long key, int port) {
        boolean valid = packet.get(JAVA_INT, 8) == ZX_PKT_TYPE_SIGNAL_ONE()
                && packet.get(JAVA_INT, 16) == ZX_USER_SIGNAL_0()
                && (packet.get(JAVA_INT, 20) & ZX_USER_SIGNAL_0()) != 0
                && packet.get(JAVA_LONG, 24) == 1
                && ((key >>> SOURCE_SHIFT) & SOURCE_MASK) == port;
        if (!valid) {
            torn.incrementAndGet();
            return;
        }
        mark(signalSeen[port], key & SEQUENCE_MASK);
        signalsFinished[port].incrementAndGet();
    }

    private void onInterruptPacket(MemorySegment packet, int port) {
        long timestamp = packet.get(JAVA_LONG, 16);
        if (packet.get(JAVA_INT, 8) != ZX_PKT_TYPE_INTERRUPT() || packet.get(JAVA_LONG, 0) != (KIND_INTERRUPT | port)) {
            torn.incrementAndGet();
            return;
        }
        // The interrupter waits for each packet before the next trigger, so timestamps arrive 1, 2, 3, ...
        long previous = lastInterruptTimestamp[port].get();
        if (timestamp != previous + 1) {
            interruptViolations.incrementAndGet();
        }
        check(kernel.zx_interrupt_ack(interrupts[port]), "zx_interrupt_ack");
        lastInterruptTimestamp[port].set(timestamp);
    }

    /** Re-arms a one-shot wait_async for each generation, then raises the signal that fires it. */
    private void signal(int port) {
        Queue<Long> candidates = cancelCandidates.get(port);
        for (long generation = 0; generation < signalsPerPort; generation++) {
            check(kernel.zx_object_signal(events[port], ZX_USER_SIGNAL_0(), 0), "zx_object_signal clear");
            long key = KIND_SIGNAL | (long) port << SOURCE_SHIFT | generation;
            check(kernel.zx_object_wait_async(events[port], ports[port], key, ZX_USER_SIGNAL_0(), 0),
                    "zx_object_wait_async");
            check(kernel.zx_object_signal(events[port], 0, ZX_USER_SIGNAL_0()), "zx_object_signal set");
            progress.incrementAndGet();
            if (generation % CANCELLABLE_EVERY == CANCELLABLE_EVERY - 1) {
                candidates.offer(key);
            }
            // Keep at most 64 signal packets outstanding, because they take no ring slot.
            while (generation - signalsFinished[port].get() > 64 && !stalled.get()) {
                Thread.yield();
            }
        }
    }

    private void trigger(int port) {
        for (long timestamp = 1; timestamp <= interruptsPerPort; timestamp++) {
            check(kernel.zx_interrupt_trigger(interrupts[port], 0, timestamp), "zx_interrupt_trigger");
            progress.incrementAndGet();
            // One trigger in flight at a time, so each trigger yields exactly one packet.
            while (lastInterruptTimestamp[port].get() < timestamp && !stalled.get()) {
                Thread.yield();
            }
        }
    }

    private void cancel(int port) {
        Queue<Long> candidates = cancelCandidates.get(port);
        while (true) {
            Long key = candidates.poll();
            if (key == null) {
                if (producersDone.get() && candidates.isEmpty()) {
                    return;
                }
                Thread.yield();
                continue;
            }
            int status = kernel.zx_port_cancel_key(ports[port], 0, key);
            if (status == ZX_OK()) {
                // Keys are unique, so ZX_OK means exactly this one packet was removed.
                cancelled.incrementAndGet();
                progress.incrementAndGet();
                if ((key & KIND_MASK) == KIND_SIGNAL) {
                    cancelledSignals.incrementAndGet();
                    mark(signalSeen[port], key & SEQUENCE_MASK);
                    signalsFinished[port].incrementAndGet();
                } else {
                    mark(userSeen[(int) ((key >>> SOURCE_SHIFT) & SOURCE_MASK)], key & SEQUENCE_MASK);
                }
            } else if (status != ZX_ERR_NOT_FOUND()) {
                check(status, "zx_port_cancel_key");
            }
        }
    }

    /** Queues one stop packet per consumer; FIFO puts them behind every user and signal packet. */
    private void stopConsumers() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment packet = arena.allocate(48, 8);
            fill(packet, KIND_STOP);
            for (int port : ports) {
                for (int c = 0; c < CONSUMERS_PER_PORT; c++) {
                    int status;
                    while ((status = kernel.zx_port_queue(port, packet)) == ZX_ERR_SHOULD_WAIT()) {
                        Thread.yield();
                    }
                    if (status != ZX_OK() && !stalled.get()) {
                        check(status, "zx_port_queue of a stop packet");
                    }
                }
            }
        }
    }

    /** Fails the test and unblocks every thread, by closing the kernel, when progress stops. */
    private void watch() {
        long last = -1;
        long stillSince = System.nanoTime();
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                return;
            }
            long now = progress.get();
            if (now != last) {
                last = now;
                stillSince = System.nanoTime();
            } else if (System.nanoTime() - stillSince > STALL_SECONDS * 1_000_000_000L) {
                dumpThreads();
                stalled.set(true);
                kernel.close();
                return;
            }
        }
    }

    // ---------------------------------------------------------------------------------------
    // Helpers
    // ---------------------------------------------------------------------------------------

    private Thread start(String name, Runnable body) {
        Thread thread = new Thread(() -> {
            try {
                body.run();
            } catch (Throwable t) {
                errors.add(t);
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private void joinAll(List<Thread> threads) throws InterruptedException {
        for (Thread thread : threads) {
            thread.join();
        }
    }

    private long countLost() {
        long lost = 0;
        for (AtomicLongArray seen : userSeen) {
            lost += packetsPerProducer - countBits(seen);
        }
        for (AtomicLongArray seen : signalSeen) {
            lost += signalsPerPort - countBits(seen);
        }
        for (AtomicLong timestamp : lastInterruptTimestamp) {
            lost += interruptsPerPort - timestamp.get();
        }
        return lost;
    }

    private void mark(AtomicLongArray seen, long index) {
        long bit = 1L << (index & 63);
        long previous = seen.getAndAccumulate((int) (index >>> 6), bit, (word, mask) -> word | mask);
        if ((previous & bit) != 0) {
            duplicates.incrementAndGet();
        }
    }

    private static AtomicLongArray bitmap(long bits) {
        return new AtomicLongArray(Math.toIntExact((bits + 63) >>> 6));
    }

    private static long countBits(AtomicLongArray seen) {
        long count = 0;
        for (int i = 0; i < seen.length(); i++) {
            count += Long.bitCount(seen.get(i));
        }
        return count;
    }

    /** Fills the 48 bytes from {@code key}: key, type 0, status and payload derived from it. */
    private static void fill(MemorySegment packet, long key) {
        packet.set(JAVA_LONG, 0, key);
        packet.set(JAVA_INT, 8, 0);
        packet.set(JAVA_INT, 12, (int) (key ^ (key >>> 32)));
        for (int i = 0; i < 4; i++) {
            packet.set(JAVA_LONG, 16 + 8L * i, payloadWord(key, i));
        }
    }

    private static boolean matchesPattern(MemorySegment packet, long key) {
        if (packet.get(JAVA_INT, 8) != ZX_PKT_TYPE_USER() || packet.get(JAVA_INT, 12) != (int) (key ^ (key >>> 32))) {
            return false;
        }
        for (int i = 0; i < 4; i++) {
            if (packet.get(JAVA_LONG, 16 + 8L * i) != payloadWord(key, i)) {
                return false;
            }
        }
        return true;
    }

    private static long payloadWord(long key, int index) {
        return Long.rotateLeft(key * 0x9E3779B97F4A7C15L, 8 * index) + index;
    }

    private void check(int status, String call) {
        if (status != ZX_OK()) {
            throw new IllegalStateException(call + " failed with status " + status);
        }
    }

    private static void dumpThreads() {
        StringBuilder dump = new StringBuilder("soak: no progress for " + STALL_SECONDS + " s; all threads:\n");
        for (Map.Entry<Thread, StackTraceElement[]> entry : Thread.getAllStackTraces().entrySet()) {
            dump.append('"').append(entry.getKey().getName()).append("\" ").append(entry.getKey().getState())
                    .append('\n');
            for (StackTraceElement frame : entry.getValue()) {
                dump.append("    at ").append(frame).append('\n');
            }
        }
        System.err.print(dump);
    }
}
