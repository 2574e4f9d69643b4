package dev.zxport;

import org.junit.jupiter.api.Test;

import static dev.zxport.sys.zircon_h.ZX_TIME_INFINITE;
import static dev.zxport.sys.zircon_h.ZX_TIME_INFINITE_PAST;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code zx_clock_get_monotonic} and {@code zx_deadline_after}. */
class ClockTest {
    @Test
    void monotonicFollowsManualClock() {
        ManualClock clock = new ManualClock(1_234);
        try (Kernel kernel = Kernel.builder().clock(clock).build()) {
            assertEquals(1_234, kernel.zx_clock_get_monotonic());

            clock.advance(10);
            assertEquals(1_244, kernel.zx_clock_get_monotonic());

            clock.set(5_000);
            assertEquals(5_000, kernel.zx_clock_get_monotonic());
        }
    }

    @Test
    void hostClockNeverGoesBack() {
        try (Kernel kernel = Kernel.create()) {
            long previous = kernel.zx_clock_get_monotonic();

            for (int i = 0; i < 10_000; i++) {
                long now = kernel.zx_clock_get_monotonic();
                assertTrue(now >= previous, () -> "the monotonic clock went back from " + previous + " to " + now);
            }
        }
    }

    @Test
    void deadlineAfterAddsToNow() {
        ManualClock clock = new ManualClock(1_000);
        try (Kernel kernel = Kernel.builder().clock(clock).build()) {
            assertEquals(1_500, kernel.zx_deadline_after(500));
            assertEquals(1_000, kernel.zx_deadline_after(0));
            assertEquals(400, kernel.zx_deadline_after(-600));
        }
    }

    @Test
    void deadlineAfterSaturatesToInfinite() {
        ManualClock clock = new ManualClock(1);
        try (Kernel kernel = Kernel.builder().clock(clock).build()) {
            assertEquals(ZX_TIME_INFINITE(), kernel.zx_deadline_after(Long.MAX_VALUE));
            assertEquals(ZX_TIME_INFINITE(), kernel.zx_deadline_after(Long.MAX_VALUE - 1));
            assertEquals(Long.MAX_VALUE - 1, kernel.zx_deadline_after(Long.MAX_VALUE - 2));
        }
    }

    @Test
    void infiniteDurationFromZeroIsInfinite() {
        ManualClock clock = new ManualClock(0);
        try (Kernel kernel = Kernel.builder().clock(clock).build()) {
            assertEquals(ZX_TIME_INFINITE(), kernel.zx_deadline_after(ZX_TIME_INFINITE()));
        }
    }

    @Test
    void deadlineAfterSaturatesToInfinitePast() {
        // Only a negative clock can push now + duration below INT64_MIN.
        ManualClock clock = new ManualClock(-1);
        try (Kernel kernel = Kernel.builder().clock(clock).build()) {
            assertEquals(ZX_TIME_INFINITE_PAST(), kernel.zx_deadline_after(Long.MIN_VALUE));
            assertEquals(ZX_TIME_INFINITE_PAST(), kernel.zx_deadline_after(Long.MIN_VALUE + 1));
            assertEquals(Long.MIN_VALUE + 1, kernel.zx_deadline_after(Long.MIN_VALUE + 2));
        }
    }

    @Test
    void deadlineAfterFollowsClock() {
        ManualClock clock = new ManualClock(100);
        try (Kernel kernel = Kernel.builder().clock(clock).build()) {
            long before = kernel.zx_deadline_after(50);
            clock.advance(1_000);
            long after = kernel.zx_deadline_after(50);

            assertEquals(150, before);
            assertEquals(1_150, after);
        }
    }

    @Test
    void infiniteWaitIgnoresClockAtMaximum() {
        ManualClock clock = new ManualClock(0);
        try (SyscallFixture zx = SyscallFixture.withClock(clock)) {
            int port = zx.createPort();
            clock.set(Long.MAX_VALUE);
            BlockingCall wait = BlockingCall.start("port-wait",
                    () -> zx.kernel.zx_port_wait(port, ZX_TIME_INFINITE(), zx.newPacket()));
            wait.awaitParked();

            wait.assertStillBlocked("ZX_TIME_INFINITE never passes");
            zx.queue(port, 1);

            assertEquals(0, wait.await());
        }
    }
}
