package dev.zxport;

import dev.zxport.sys.zx_port_packet_t;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerArray;

import static dev.zxport.StatusNames.assertStatus;
import static dev.zxport.StatusNames.name;
import static dev.zxport.sys.zircon_h.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Races between firing an observer, cancelling it, taking its packet, and closing the port or
 * the watched handle. A cancel and a delivery of the same wait never both succeed, and every
 * wait ends in exactly one of them. Racing closes never make a syscall throw or fail.
 */
class ObserverRaceTest {
    private static final int OBSERVERS_PER_ROUND = 500;
    private static final long JOIN_SECONDS = 20;

    private final SyscallFixture zx = SyscallFixture.create();
    private final Kernel kernel = zx.kernel;

    @AfterEach
    void closeFixture() {
        zx.close();
    }

    /** The syscall that cancels one wait. */
    enum Cancel { PORT_CANCEL, PORT_CANCEL_KEY }

    @ParameterizedTest
    @EnumSource(Cancel.class)
    void cancelAndDeliveryNeverBothSucceed(Cancel cancel) {
        int rounds = Math.max(2, Workers.stressPackets() / 20_000);
        for (int round = 0; round < rounds; round++) {
            int port = zx.createPort();
            int[] events = new int[OBSERVERS_PER_ROUND];
            for (int i = 0; i < events.length; i++) {
                events[i] = zx.createEvent();
                zx.waitAsync(events[i], port, i, ZX_USER_SIGNAL_0(), 0);
            }
            AtomicIntegerArray delivered = new AtomicIntegerArray(events.length);
            AtomicIntegerArray cancelled = new AtomicIntegerArray(events.length);
            AtomicBoolean racing = new AtomicBoolean(true);
            CountDownLatch start = new CountDownLatch(1);
            Workers racers = new Workers();
            Workers consumer = new Workers();

            racers.start("signaller", () -> {
                start.await();
                for (int event : events) {
                    assertStatus(ZX_OK(), kernel.zx_object_signal(event, 0, ZX_USER_SIGNAL_0()), "zx_object_signal");
                }
            });
            racers.start("canceller", () -> {
                start.await();
                for (int i = events.length - 1; i >= 0; i--) {
                    int status = cancel == Cancel.PORT_CANCEL
                            ? kernel.zx_port_cancel(port, events[i], i)
                            : kernel.zx_port_cancel_key(port, 0, i);
                    if (status == ZX_OK()) {
                        cancelled.incrementAndGet(i);
                    } else if (status != ZX_ERR_NOT_FOUND()) {
                        fail(cancel + " returned " + name(status));
                    }
                }
            });
            consumer.start("consumer", () -> {
                start.await();
                drain(port, racing, delivered);
            });
            start.countDown();
            try {
                racers.joinAll(JOIN_SECONDS);
            } finally {
                racing.set(false);
            }
            consumer.joinAll(JOIN_SECONDS);

            for (int i = 0; i < events.length; i++) {
                int key = i;
                assertEquals(1, delivered.get(i) + cancelled.get(i), () -> "wait " + key + " was delivered "
                        + delivered.get(key) + " times and cancelled " + cancelled.get(key) + " times");
            }
            zx.assertEmpty(port);
            closeAll(port, events);
        }
    }

    @Test
    void signalRacingPortCloseNeverFails() {
        int rounds = Math.max(5, Workers.stressPackets() / 10_000);
        for (int round = 0; round < rounds; round++) {
            int port = zx.createPort();
            int[] events = new int[OBSERVERS_PER_ROUND / 5];
            for (int i = 0; i < events.length; i++) {
                events[i] = zx.createEvent();
                zx.waitAsync(events[i], port, i, ZX_USER_SIGNAL_0(), 0);
            }
            CountDownLatch start = new CountDownLatch(1);
            Workers workers = new Workers();

            workers.start("signaller", () -> {
                start.await();
                for (int event : events) {
                    assertStatus(ZX_OK(), kernel.zx_object_signal(event, 0, ZX_USER_SIGNAL_0()), "zx_object_signal");
                }
            });
            workers.start("registrar", () -> {
                start.await();
                for (int i = 0; i < events.length; i++) {
                    int status = kernel.zx_object_wait_async(events[i], port, -i, ZX_USER_SIGNAL_1(), 0);
                    assertTrue(status == ZX_OK() || status == ZX_ERR_BAD_HANDLE(),
                            () -> "zx_object_wait_async racing the port close returned " + name(status));
                }
            });
            workers.start("closer", () -> {
                start.await();
                assertStatus(ZX_OK(), kernel.zx_handle_close(port), "zx_handle_close");
            });
            start.countDown();
            workers.joinAll(JOIN_SECONDS);

            for (int event : events) {
                assertStatus(ZX_OK(), kernel.zx_object_signal(event, 0, ZX_USER_SIGNAL_1()),
                        "signalling after the port is gone");
                assertStatus(ZX_OK(), kernel.zx_handle_close(event));
            }
            assertStatus(ZX_ERR_BAD_HANDLE(), kernel.zx_port_wait(port, ZX_TIME_INFINITE_PAST(), zx.newPacket()));
        }
        assertEquals(0, kernel.handleCount(), "every handle was closed");
    }

    @Test
    void signalRacingWatchedCloseDeliversAtMostOnce() {
        int rounds = Math.max(5, Workers.stressPackets() / 10_000);
        int port = zx.createPort();
        for (int round = 0; round < rounds; round++) {
            int event = zx.createEvent();
            int other = zx.duplicate(event, ZX_RIGHT_SAME_RIGHTS());
            for (int i = 0; i < OBSERVERS_PER_ROUND / 5; i++) {
                zx.waitAsync(event, port, i, ZX_USER_SIGNAL_0(), 0);
            }
            CountDownLatch start = new CountDownLatch(1);
            Workers workers = new Workers();

            workers.start("signaller", () -> {
                start.await();
                assertStatus(ZX_OK(), kernel.zx_object_signal(other, 0, ZX_USER_SIGNAL_0()), "zx_object_signal");
            });
            workers.start("closer", () -> {
                start.await();
                assertStatus(ZX_OK(), kernel.zx_handle_close(event), "zx_handle_close");
            });
            start.countDown();
            workers.joinAll(JOIN_SECONDS);

            AtomicIntegerArray delivered = new AtomicIntegerArray(OBSERVERS_PER_ROUND / 5);
            drain(port, new AtomicBoolean(false), delivered);
            int total = 0;
            for (int i = 0; i < delivered.length(); i++) {
                int key = i;
                assertTrue(delivered.get(i) <= 1, () -> "wait " + key + " was delivered " + delivered.get(key) + " times");
                total += delivered.get(i);
            }
            // The signal either came first and fired every observer, or the close came first and
            // canceled them all, because the object's lock orders the two.
            assertTrue(total == 0 || total == delivered.length(),
                    "either every observer fired or none did, but " + total + " did");
            assertStatus(ZX_OK(), kernel.zx_object_signal(other, ZX_USER_SIGNAL_0(), 0));
            assertStatus(ZX_OK(), kernel.zx_object_signal(other, 0, ZX_USER_SIGNAL_0()));
            zx.assertEmpty(port);
            assertStatus(ZX_OK(), kernel.zx_handle_close(other));
        }
    }

    /** Takes packets and counts them by key until {@code racing} is false and the port is empty. */
    private void drain(int port, AtomicBoolean racing, AtomicIntegerArray delivered) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment packet = zx_port_packet_t.allocate(arena);
            while (true) {
                boolean lastPass = !racing.get();
                int status = kernel.zx_port_wait(port, ZX_TIME_INFINITE_PAST(), packet);
                if (status == ZX_OK()) {
                    assertEquals(ZX_PKT_TYPE_SIGNAL_ONE(), zx_port_packet_t.type(packet));
                    delivered.incrementAndGet((int) zx_port_packet_t.key(packet));
                    continue;
                }
                assertStatus(ZX_ERR_TIMED_OUT(), status, "zx_port_wait");
                if (lastPass) {
                    return;
                }
                Thread.yield();
            }
        }
    }

    private void closeAll(int port, int[] events) {
        assertStatus(ZX_OK(), kernel.zx_handle_close(port));
        for (int event : events) {
            assertStatus(ZX_OK(), kernel.zx_handle_close(event));
        }
    }
}
