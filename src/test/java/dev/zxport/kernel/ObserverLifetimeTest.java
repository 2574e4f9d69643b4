package dev.zxport.kernel;

import dev.zxport.sys.zx_port_packet_t;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static dev.zxport.sys.zircon_h.ZX_ERR_TIMED_OUT;
import static dev.zxport.sys.zircon_h.ZX_OK;
import static dev.zxport.sys.zircon_h.ZX_TIME_INFINITE_PAST;
import static dev.zxport.sys.zircon_h.ZX_USER_SIGNAL_0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Where observers end up, seen from inside the engine. Every path that ends a wait (delivery,
 * cancel, closing the watched handle, closing the port) must leave it neither attached to its
 * object nor registered with its port. The same holds when those paths race.
 */
class ObserverLifetimeTest {
    private static final int ROUNDS = Math.max(5, Integer.getInteger("stress.packets", 200_000) / 10_000);
    private static final int OBSERVERS = 100;

    private final KernelContext context = new KernelContext(SystemClock.INSTANCE, 4096, 50_000);
    private final HandleTable table = new HandleTable(1 << 16, new SplittableRandom(7));
    private final Arena arena = Arena.ofShared();
    private final MemorySegment packet = zx_port_packet_t.allocate(arena);

    @AfterEach
    void closeArena() {
        table.removeAll();
        arena.close();
    }

    @Test
    void portCloseDetachesObservers() {
        Port port = newPort();
        Handle portHandle = table.add(port, port.defaultRights());
        Event event = newEvent();
        Handle eventHandle = table.add(event, event.defaultRights());
        for (int i = 0; i < 3; i++) {
            assertTrue(event.waitAsync(eventHandle, port, i, ZX_USER_SIGNAL_0(), false, false));
        }
        assertEquals(3, event.attachedObservers());

        table.remove(portHandle.value());

        assertEquals(0, event.attachedObservers());
        assertEquals(0, port.observerCount());
    }

    @Test
    void watchedCloseDetachesOnlyItsObservers() {
        Port port = newPort();
        table.add(port, port.defaultRights());
        Event event = newEvent();
        Handle first = table.add(event, event.defaultRights());
        Handle second = table.add(event, event.defaultRights());
        event.waitAsync(first, port, 1, ZX_USER_SIGNAL_0(), false, false);
        event.waitAsync(first, port, 2, ZX_USER_SIGNAL_0(), false, false);
        event.waitAsync(second, port, 3, ZX_USER_SIGNAL_0(), false, false);

        table.remove(first.value());

        assertEquals(1, event.attachedObservers());
        assertEquals(1, port.observerCount());
    }

    @Test
    void cancelDetachesObserver() {
        Port port = newPort();
        table.add(port, port.defaultRights());
        Event event = newEvent();
        Handle eventHandle = table.add(event, event.defaultRights());
        event.waitAsync(eventHandle, port, 1, ZX_USER_SIGNAL_0(), false, false);

        int removed = port.cancel(eventHandle, 1, false);

        assertEquals(1, removed);
        assertEquals(0, event.attachedObservers());
        assertEquals(0, port.observerCount());
    }

    @Test
    void deliveryEndsObserver() {
        Port port = newPort();
        table.add(port, port.defaultRights());
        Event event = newEvent();
        Handle eventHandle = table.add(event, event.defaultRights());
        event.waitAsync(eventHandle, port, 1, ZX_USER_SIGNAL_0(), false, false);

        event.updateSignals(0, ZX_USER_SIGNAL_0());
        assertEquals(1, port.observerCount(), "a queued packet keeps its observer registered");
        assertEquals(ZX_OK(), port.await(ZX_TIME_INFINITE_PAST(), packet));

        assertEquals(0, event.attachedObservers());
        assertEquals(0, port.observerCount());
    }

    @Test
    void closedPortDeliversNothing() {
        Port port = newPort();
        Handle portHandle = table.add(port, port.defaultRights());
        Event event = newEvent();
        Handle eventHandle = table.add(event, event.defaultRights());
        event.waitAsync(eventHandle, port, 1, ZX_USER_SIGNAL_0(), false, false);
        event.updateSignals(0, ZX_USER_SIGNAL_0());
        assertEquals(ZX_OK(), port.queueUser(packet));

        table.remove(portHandle.value());

        assertEquals(ZX_ERR_TIMED_OUT(), port.await(ZX_TIME_INFINITE_PAST(), packet),
                "a consumer that still holds the port finds its packets freed");
        assertEquals(0, port.userPacketCount());
    }

    @Test
    void signalRacingPortCloseLeaksNothing() {
        for (int round = 0; round < ROUNDS; round++) {
            Port port = newPort();
            Handle portHandle = table.add(port, port.defaultRights());
            List<Event> events = new ArrayList<>();
            for (int i = 0; i < OBSERVERS; i++) {
                Event event = newEvent();
                Handle eventHandle = table.add(event, event.defaultRights());
                event.waitAsync(eventHandle, port, i, ZX_USER_SIGNAL_0(), false, false);
                events.add(event);
            }

            race(() -> events.forEach(event -> event.updateSignals(0, ZX_USER_SIGNAL_0())),
                    () -> table.remove(portHandle.value()));

            for (Event event : events) {
                assertEquals(0, event.attachedObservers(), "round " + round);
            }
            assertEquals(0, port.observerCount(), "round " + round);
            assertEquals(ZX_ERR_TIMED_OUT(), port.await(ZX_TIME_INFINITE_PAST(), packet),
                    "a closed port must not deliver, round " + round);
        }
    }

    @Test
    void signalRacingWatchedCloseLeaksNothing() {
        Port port = newPort();
        table.add(port, port.defaultRights());
        for (int round = 0; round < ROUNDS; round++) {
            Event event = newEvent();
            Handle watched = table.add(event, event.defaultRights());
            table.add(event, event.defaultRights());
            for (int i = 0; i < OBSERVERS; i++) {
                event.waitAsync(watched, port, i, ZX_USER_SIGNAL_0(), false, false);
            }

            race(() -> event.updateSignals(0, ZX_USER_SIGNAL_0()), () -> table.remove(watched.value()));

            assertEquals(0, event.attachedObservers(), "round " + round);
            int queued = port.observerCount();
            assertTrue(queued == 0 || queued == OBSERVERS, "all or none fired, but " + queued + " did");
            for (int i = 0; i < queued; i++) {
                assertEquals(ZX_OK(), port.await(ZX_TIME_INFINITE_PAST(), packet));
            }
            assertEquals(ZX_ERR_TIMED_OUT(), port.await(ZX_TIME_INFINITE_PAST(), packet));
            assertEquals(0, port.observerCount(), "round " + round);
        }
    }

    @Test
    void cancelRacingDeliveryLeaksNothing() {
        Port port = newPort();
        table.add(port, port.defaultRights());
        for (int round = 0; round < ROUNDS; round++) {
            Event event = newEvent();
            Handle eventHandle = table.add(event, event.defaultRights());
            for (int i = 0; i < OBSERVERS; i++) {
                event.waitAsync(eventHandle, port, i, ZX_USER_SIGNAL_0(), false, false);
            }
            int[] outcomes = new int[2];

            race(() -> event.updateSignals(0, ZX_USER_SIGNAL_0()),
                    () -> {
                        for (int i = OBSERVERS - 1; i >= 0; i--) {
                            outcomes[0] += port.cancel(eventHandle, i, false);
                        }
                    },
                    () -> {
                        try (Arena own = Arena.ofConfined()) {
                            MemorySegment target = zx_port_packet_t.allocate(own);
                            for (int i = 0; i < 2 * OBSERVERS; i++) {
                                if (port.await(ZX_TIME_INFINITE_PAST(), target) == ZX_OK()) {
                                    outcomes[1]++;
                                }
                            }
                        }
                    });
            while (port.await(ZX_TIME_INFINITE_PAST(), packet) == ZX_OK()) {
                outcomes[1]++;
            }

            assertEquals(OBSERVERS, outcomes[0] + outcomes[1],
                    "cancelled " + outcomes[0] + " and delivered " + outcomes[1] + " in round " + round);
            assertEquals(0, event.attachedObservers(), "round " + round);
            assertEquals(0, port.observerCount(), "round " + round);
        }
    }

    private Port newPort() {
        return new Port(context, context.newKoid(), false);
    }

    private Event newEvent() {
        return new Event(context, context.newKoid());
    }

    /** Runs every action on its own thread, all released at once, and fails on any throwable. */
    private static void race(Runnable... actions) {
        CountDownLatch start = new CountDownLatch(1);
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        List<Thread> threads = new ArrayList<>();
        for (Runnable action : actions) {
            threads.add(Thread.ofPlatform().daemon().start(() -> {
                try {
                    start.await();
                    action.run();
                } catch (Throwable t) {
                    failures.add(t);
                }
            }));
        }
        start.countDown();
        for (Thread thread : threads) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(20));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted while joining a racing thread");
            }
            assertFalse(thread.isAlive(), "a racing thread did not finish within 20 s");
        }
        if (!failures.isEmpty()) {
            fail("a racing thread threw", failures.peek());
        }
    }
}
