package dev.zxport;

import dev.zxport.sys.zx_port_packet_t;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

import static dev.zxport.StatusNames.assertStatus;
import static dev.zxport.StatusNames.name;
import static dev.zxport.sys.zircon_h.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Several producers and consumers on one port. Every packet carries its producer and sequence
 * number in the key, and every packet is counted: none may be lost, none delivered twice, and
 * each consumer must see each producer's packets in the order they were queued. The packet
 * count comes from the system property {@code stress.packets}.
 */
class PortConcurrencyTest {
    private static final int PRODUCERS = 2;
    private static final int CONSUMERS = 2;
    private static final long POISON = -1L;
    private static final long JOIN_SECONDS = 120;

    private final SyscallFixture zx = SyscallFixture.create();
    private final Kernel kernel = zx.kernel;

    @AfterEach
    void closeFixture() {
        zx.close();
    }

    /** How a consumer waits for the next packet. */
    enum WaitMode { INFINITE, DEADLINE, POLL }

    @Test
    void infiniteWaitsLoseNothing() {
        runProducersAndConsumers(WaitMode.INFINITE, Workers.stressPackets(), false);
    }

    @Test
    void deadlineWaitsLoseNothing() {
        runProducersAndConsumers(WaitMode.DEADLINE, Workers.stressPackets(), false);
    }

    @Test
    void pollingLosesNothing() {
        runProducersAndConsumers(WaitMode.POLL, Workers.stressPackets(), false);
    }

    @Test
    void signalPacketsKeepProducerOrder() {
        runProducersAndConsumers(WaitMode.INFINITE, Workers.stressPackets() / 4, true);
    }

    @Test
    void cancelKeyRaceCountsEveryPacket() {
        cancelKeyRace(zx);
    }

    @Test
    void cancelKeyRaceWithSmallLimit() {
        try (SyscallFixture small = SyscallFixture.of(Kernel.builder().maxUserPackets(31).build())) {
            cancelKeyRace(small);
        }
    }

    @Test
    void cancelKeyBehindWaitingPacket() {
        // Nobody takes the first packet, so the tombstones of the cancelled ones behind it fill
        // the small ring, and producers keep packets outside the ring while the canceller
        // removes them from there as well.
        try (SyscallFixture small = SyscallFixture.of(Kernel.builder().maxUserPackets(31).build())) {
            Kernel kernel = small.kernel;
            int port = small.createPort();
            small.queue(port, POISON);
            int perProducer = Workers.stressPackets() / 10 / PRODUCERS;
            AtomicLongArray queued = new AtomicLongArray(PRODUCERS);
            Workers workers = new Workers();

            for (int p = 0; p < PRODUCERS; p++) {
                int producer = p;
                workers.start("producer-" + p, () -> {
                    MemorySegment packet = small.userPacket(0);
                    for (int sequence = 0; sequence < perProducer; sequence++) {
                        zx_port_packet_t.key(packet, key(producer, sequence));
                        int status;
                        while ((status = kernel.zx_port_queue(port, packet)) == ZX_ERR_SHOULD_WAIT()) {
                            Thread.yield();
                        }
                        assertStatus(ZX_OK(), status, "zx_port_queue");
                        queued.set(producer, sequence + 1);
                    }
                });
            }
            workers.start("canceller", () -> {
                int[] next = new int[PRODUCERS];
                int done = 0;
                while (done < PRODUCERS) {
                    done = 0;
                    for (int producer = 0; producer < PRODUCERS; producer++) {
                        long queuedSoFar = queued.get(producer);
                        for (; next[producer] < queuedSoFar; next[producer]++) {
                            // Nothing takes packets during the race, so every queued one is found.
                            assertStatus(ZX_OK(), kernel.zx_port_cancel_key(port, 0, key(producer, next[producer])),
                                    "zx_port_cancel_key of packet " + producer + "/" + next[producer]);
                        }
                        if (next[producer] == perProducer) {
                            done++;
                        }
                    }
                    Thread.onSpinWait();
                }
            });
            workers.joinAll(JOIN_SECONDS);

            assertEquals(POISON, zx_port_packet_t.key(small.take(port)), "the first packet stays first");
            small.assertEmpty(port);
        }
    }

    private void cancelKeyRace(SyscallFixture zx) {
        Kernel kernel = zx.kernel;
        int port = zx.createPort();
        int perProducer = Workers.stressPackets() / PRODUCERS;
        AtomicIntegerArray delivered = new AtomicIntegerArray(PRODUCERS * perProducer);
        AtomicIntegerArray cancelled = new AtomicIntegerArray(PRODUCERS * perProducer);
        AtomicLongArray queued = new AtomicLongArray(PRODUCERS);
        AtomicBoolean producing = new AtomicBoolean(true);
        Workers workers = new Workers();

        for (int p = 0; p < PRODUCERS; p++) {
            int producer = p;
            workers.start("producer-" + p, () -> {
                produce(zx, port, producer, perProducer, false, 0);
                queued.set(producer, perProducer);
            });
        }
        workers.start("canceller", () -> {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            while (producing.get()) {
                int producer = random.nextInt(PRODUCERS);
                int sequence = random.nextInt(perProducer);
                int status = kernel.zx_port_cancel_key(port, 0, key(producer, sequence));
                if (status == ZX_OK()) {
                    cancelled.incrementAndGet(producer * perProducer + sequence);
                } else if (status != ZX_ERR_NOT_FOUND()) {
                    fail("zx_port_cancel_key returned " + name(status));
                }
            }
        });
        for (int c = 0; c < CONSUMERS; c++) {
            workers.start("consumer-" + c, () -> consume(zx, port, WaitMode.INFINITE, (producer, sequence) ->
                    delivered.incrementAndGet(producer * perProducer + sequence)));
        }
        waitForProducers(queued, perProducer);
        producing.set(false);
        poisonConsumers(zx, port);
        workers.joinAll(JOIN_SECONDS);

        int deliveredCount = 0;
        int cancelledCount = 0;
        for (int i = 0; i < delivered.length(); i++) {
            int outcomes = delivered.get(i) + cancelled.get(i);
            int index = i;
            assertEquals(1, outcomes, () -> "packet " + (index / perProducer) + "/" + (index % perProducer)
                    + " delivered " + delivered.get(index) + " times and cancelled " + cancelled.get(index) + " times");
            deliveredCount += delivered.get(i);
            cancelledCount += cancelled.get(i);
        }
        assertEquals(PRODUCERS * perProducer, deliveredCount + cancelledCount);
        zx.assertEmpty(port);
    }

    @Test
    void queueRacingCloseGivesOnlyStatuses() {
        int rounds = Math.max(10, Workers.stressPackets() / 2_000);
        for (int round = 0; round < rounds; round++) {
            int port = zx.createPort();
            AtomicBoolean closed = new AtomicBoolean();
            AtomicLong calls = new AtomicLong();
            Workers workers = new Workers();
            workers.start("producer", () -> {
                MemorySegment packet = zx.userPacket(1);
                while (!closed.get()) {
                    int status = kernel.zx_port_queue(port, packet);
                    calls.incrementAndGet();
                    assertTrue(status == ZX_OK() || status == ZX_ERR_BAD_HANDLE() || status == ZX_ERR_SHOULD_WAIT(),
                            () -> "zx_port_queue racing the last close returned " + name(status));
                }
            });
            for (int c = 0; c < CONSUMERS; c++) {
                workers.start("consumer-" + c, () -> {
                    try (Arena arena = Arena.ofConfined()) {
                        MemorySegment packet = zx_port_packet_t.allocate(arena);
                        while (!closed.get()) {
                            int status = kernel.zx_port_wait(port, ZX_TIME_INFINITE_PAST(), packet);
                            calls.incrementAndGet();
                            assertTrue(status == ZX_OK() || status == ZX_ERR_TIMED_OUT()
                                            || status == ZX_ERR_BAD_HANDLE(),
                                    () -> "zx_port_wait racing the last close returned " + name(status));
                        }
                    }
                });
            }
            // Close only once every thread is busy, so that the close lands between their calls.
            while (calls.get() < 3_000) {
                Thread.onSpinWait();
            }

            assertStatus(ZX_OK(), kernel.zx_handle_close(port));
            closed.set(true);
            workers.joinAll(JOIN_SECONDS);
        }
    }

    @Test
    void interruptOvertakesLaterUserPacket() {
        interruptRacesLaterPacket(false);
    }

    @Test
    void interruptOvertakesLaterSignalPacket() {
        interruptRacesLaterPacket(true);
    }

    /**
     * Runs a producer that triggers an interrupt and only then queues a user packet, or raises a
     * signal that a port observer waits for, while a consumer polls the port. The interrupt packet is queued
     * before the later packet exists, so it must always come out first.
     */
    private void interruptRacesLaterPacket(boolean signalPacket) {
        int rounds = Math.max(1_000, Workers.stressPackets() / 20);
        int port = zx.createPort(ZX_PORT_BIND_TO_INTERRUPT());
        int interrupt = zx.createInterrupt();
        int event = zx.createEvent();
        assertStatus(ZX_OK(), kernel.zx_interrupt_bind(interrupt, port, 1, ZX_INTERRUPT_BIND()));
        AtomicLong served = new AtomicLong();
        Workers workers = new Workers();
        workers.start("consumer", () -> {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment packet = zx_port_packet_t.allocate(arena);
                for (int round = 0; round < rounds; round++) {
                    assertStatus(ZX_OK(), kernel.zx_port_wait(port, ZX_TIME_INFINITE(), packet));
                    int type = zx_port_packet_t.type(packet);
                    int r = round;
                    assertEquals(ZX_PKT_TYPE_INTERRUPT(), type,
                            () -> "round " + r + ": packet type " + type + " left before the interrupt");
                    assertStatus(ZX_OK(), kernel.zx_port_wait(port, ZX_TIME_INFINITE(), packet));
                    assertEquals(2, zx_port_packet_t.key(packet));
                    assertStatus(ZX_OK(), kernel.zx_interrupt_ack(interrupt));
                    served.set(round + 1);
                }
            }
        });
        MemorySegment user = zx.userPacket(2);
        for (int round = 0; round < rounds && workers.isHealthy(); round++) {
            if (signalPacket) {
                zx.signal(event, ZX_USER_SIGNAL_0(), 0);
                zx.waitAsync(event, port, 2, ZX_USER_SIGNAL_0(), 0);
            }
            assertStatus(ZX_OK(), kernel.zx_interrupt_trigger(interrupt, 0, round + 1));
            if (signalPacket) {
                zx.signal(event, 0, ZX_USER_SIGNAL_0());
            } else {
                assertStatus(ZX_OK(), kernel.zx_port_queue(port, user));
            }
            while (served.get() <= round && workers.isHealthy()) {
                Thread.onSpinWait();
            }
        }
        workers.joinAll(JOIN_SECONDS);
    }

    /** Consumer callback for one delivered packet. */
    @FunctionalInterface
    private interface Delivery {
        void accept(int producer, int sequence);
    }

    private void runProducersAndConsumers(WaitMode mode, int packets, boolean withSignals) {
        int port = zx.createPort();
        int perProducer = packets / PRODUCERS;
        AtomicIntegerArray delivered = new AtomicIntegerArray(PRODUCERS * perProducer);
        AtomicLongArray queued = new AtomicLongArray(PRODUCERS);
        int[] events = new int[PRODUCERS];
        for (int p = 0; p < PRODUCERS; p++) {
            events[p] = zx.createEvent();
            zx.signal(events[p], 0, ZX_USER_SIGNAL_0());
        }
        Workers workers = new Workers();

        for (int p = 0; p < PRODUCERS; p++) {
            int producer = p;
            workers.start("producer-" + p, () -> {
                produce(zx, port, producer, perProducer, withSignals, events[producer]);
                queued.set(producer, perProducer);
            });
        }
        for (int c = 0; c < CONSUMERS; c++) {
            workers.start("consumer-" + c, () -> consume(zx, port, mode, (producer, sequence) ->
                    delivered.incrementAndGet(producer * perProducer + sequence)));
        }
        waitForProducers(queued, perProducer);
        poisonConsumers(zx, port);
        workers.joinAll(JOIN_SECONDS);

        for (int i = 0; i < delivered.length(); i++) {
            int index = i;
            assertEquals(1, delivered.get(i), () -> "packet " + (index / perProducer) + "/" + (index % perProducer)
                    + " was delivered " + delivered.get(index) + " times");
        }
        zx.assertEmpty(port);
    }

    /**
     * Queues {@code count} packets keyed by producer and sequence, retrying while the port is
     * full. With {@code withSignals}, every third packet is a signal packet from a level observer
     * on an event whose signal is already active, so it is queued during the call.
     */
    private static void produce(SyscallFixture zx, int port, int producer, int count, boolean withSignals, int event) {
        MemorySegment packet = zx.userPacket(0);
        for (int sequence = 0; sequence < count; sequence++) {
            long key = key(producer, sequence);
            if (withSignals && sequence % 3 == 1) {
                assertStatus(ZX_OK(), zx.kernel.zx_object_wait_async(event, port, key, ZX_USER_SIGNAL_0(), 0),
                        "zx_object_wait_async");
                continue;
            }
            zx_port_packet_t.key(packet, key);
            while (true) {
                int status = zx.kernel.zx_port_queue(port, packet);
                if (status == ZX_OK()) {
                    break;
                }
                assertStatus(ZX_ERR_SHOULD_WAIT(), status, "zx_port_queue");
                Thread.yield();
            }
        }
    }

    /** Takes packets until a poison packet arrives, checking the order of each producer's packets. */
    private static void consume(SyscallFixture zx, int port, WaitMode mode, Delivery delivery) {
        int[] lastSequence = new int[PRODUCERS];
        Arrays.fill(lastSequence, -1);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment packet = zx_port_packet_t.allocate(arena);
            while (true) {
                long deadline = switch (mode) {
                    case INFINITE -> ZX_TIME_INFINITE();
                    case DEADLINE -> zx.kernel.zx_deadline_after(1_000_000);
                    case POLL -> ZX_TIME_INFINITE_PAST();
                };
                int status = zx.kernel.zx_port_wait(port, deadline, packet);
                if (status == ZX_ERR_TIMED_OUT() && mode != WaitMode.INFINITE) {
                    Thread.yield();
                    continue;
                }
                assertStatus(ZX_OK(), status, "zx_port_wait");
                long key = zx_port_packet_t.key(packet);
                if (key == POISON) {
                    return;
                }
                int producer = (int) (key >>> 32);
                int sequence = (int) key;
                if (sequence <= lastSequence[producer]) {
                    fail("producer " + producer + " packet " + sequence + " arrived after packet "
                            + lastSequence[producer]);
                }
                lastSequence[producer] = sequence;
                delivery.accept(producer, sequence);
            }
        }
    }

    private static void poisonConsumers(SyscallFixture zx, int port) {
        List<Integer> statuses = new ArrayList<>();
        for (int c = 0; c < CONSUMERS; c++) {
            int status;
            do {
                status = zx.tryQueue(port, POISON);
                Thread.yield();
            } while (status == ZX_ERR_SHOULD_WAIT());
            statuses.add(status);
        }
        for (int status : statuses) {
            assertStatus(ZX_OK(), status, "queueing the end marker");
        }
    }

    private static void waitForProducers(AtomicLongArray queued, int perProducer) {
        long deadline = System.nanoTime() + JOIN_SECONDS * 1_000_000_000L;
        for (int p = 0; p < queued.length(); p++) {
            while (queued.get(p) != perProducer) {
                if (System.nanoTime() > deadline) {
                    fail("producer " + p + " did not finish within " + JOIN_SECONDS + " s");
                }
                Thread.onSpinWait();
                Thread.yield();
            }
        }
    }

    private static long key(int producer, int sequence) {
        return (long) producer << 32 | sequence;
    }
}
