package dev.zxport;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.foreign.MemorySegment;

import static dev.zxport.StatusNames.assertStatus;
import static dev.zxport.sys.zircon_h.*;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code zx_event_create}, {@code zx_object_signal} and {@code zx_object_wait_one}.
 *
 * <p>{@code ZX_ERR_NOT_SUPPORTED} of {@code zx_object_signal} and {@code zx_object_wait_one} is
 * not reachable here: it needs a non-waitable object whose handle carries the checked right, and
 * the only non-waitable object, the port, never carries {@code ZX_RIGHT_SIGNAL} or
 * {@code ZX_RIGHT_WAIT}.
 */
class EventSignalTest {
    private final ManualClock clock = new ManualClock(1_000);
    private final SyscallFixture zx = SyscallFixture.withClock(clock);
    private final Kernel kernel = zx.kernel;

    @AfterEach
    void closeFixture() {
        zx.close();
    }

    // ---------------------------------------------------------------------------------------
    // zx_event_create
    // ---------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 0x10, 0x8000_0000, -1})
    void eventCreateRejectsOptions(int options) {
        int before = kernel.handleCount();
        MemorySegment out = zx.handleSlot();

        int status = kernel.zx_event_create(options, out);

        assertStatus(ZX_ERR_INVALID_ARGS(), status);
        assertEquals(before, kernel.handleCount());
        assertEquals(0x5A5A5A5A, out.get(JAVA_INT, 0), "nothing may be written on failure");
    }

    @Test
    void newEventHasNoSignals() {
        int event = zx.createEvent();
        MemorySegment observed = observedSlot();

        int status = kernel.zx_object_wait_one(event, -1, ZX_TIME_INFINITE_PAST(), observed);

        assertStatus(ZX_ERR_TIMED_OUT(), status);
        assertEquals(0, observed.get(JAVA_INT, 0));
    }

    // ---------------------------------------------------------------------------------------
    // zx_object_signal
    // ---------------------------------------------------------------------------------------

    @Test
    void signalSetsAndClears() {
        int event = zx.createEvent();

        zx.signal(event, 0, ZX_EVENT_SIGNALED() | ZX_USER_SIGNAL_3());
        zx.signal(event, ZX_USER_SIGNAL_3(), ZX_USER_SIGNAL_7());

        assertEquals(ZX_EVENT_SIGNALED() | ZX_USER_SIGNAL_7(), activeSignals(event));
    }

    @Test
    void signalClearsBeforeSetting() {
        int event = zx.createEvent();

        zx.signal(event, ZX_USER_SIGNAL_0(), ZX_USER_SIGNAL_0());

        assertEquals(ZX_USER_SIGNAL_0(), activeSignals(event), "a bit in both masks ends up set");
    }

    @Test
    void signalAcceptsWholeEventMask() {
        int event = zx.createEvent();

        int status = kernel.zx_object_signal(event, 0, ZX_EVENT_SIGNAL_MASK());

        assertStatus(ZX_OK(), status);
        assertEquals(0xFF00_0008, activeSignals(event));
    }

    @Test
    void signalBadHandle() {
        int status = kernel.zx_object_signal(0x1234_5673, 0, ZX_USER_SIGNAL_0());

        assertStatus(ZX_ERR_BAD_HANDLE(), status);
    }

    @Test
    void signalOnPortIsAccessDenied() {
        int port = zx.createPort();

        int status = kernel.zx_object_signal(port, 0, ZX_USER_SIGNAL_0());

        assertStatus(ZX_ERR_ACCESS_DENIED(), status);
    }

    @Test
    void signalRightCheckedBeforeMask() {
        int port = zx.createPort();

        int status = kernel.zx_object_signal(port, 0, 0x1);

        assertStatus(ZX_ERR_ACCESS_DENIED(), status);
    }

    @Test
    void signalNeedsSignalRight() {
        int event = zx.createEvent();
        int withoutSignal = zx.duplicate(event, ZX_DEFAULT_EVENT_RIGHTS() & ~ZX_RIGHT_SIGNAL());

        int status = kernel.zx_object_signal(withoutSignal, 0, 0x1);

        assertStatus(ZX_ERR_ACCESS_DENIED(), status);
        assertEquals(0, activeSignals(event));
    }

    @ParameterizedTest
    @ValueSource(ints = {0x1, 0x2, 0x4, 0x10, 0x0080_0000, 0x00FF_FFF7})
    void signalRejectsBitsOutsideEventMask(int bits) {
        int event = zx.createEvent();

        int status = kernel.zx_object_signal(event, 0, bits | ZX_USER_SIGNAL_0());

        assertStatus(ZX_ERR_INVALID_ARGS(), status);
        assertEquals(0, activeSignals(event), "a rejected call changes no signal");
    }

    @Test
    void signalRejectsBadClearMask() {
        int event = zx.createEvent();
        zx.signal(event, 0, ZX_USER_SIGNAL_0());

        int status = kernel.zx_object_signal(event, ZX_USER_SIGNAL_0() | 0x1, 0);

        assertStatus(ZX_ERR_INVALID_ARGS(), status);
        assertEquals(ZX_USER_SIGNAL_0(), activeSignals(event), "a rejected call changes no signal");
    }

    @Test
    void signalOnInterruptAllowsUserSignalsOnly() {
        int interrupt = zx.createInterrupt();

        int eventBit = kernel.zx_object_signal(interrupt, 0, ZX_EVENT_SIGNALED());
        int userBits = kernel.zx_object_signal(interrupt, 0, ZX_USER_SIGNAL_ALL());

        assertStatus(ZX_ERR_INVALID_ARGS(), eventBit);
        assertStatus(ZX_OK(), userBits);
    }

    // ---------------------------------------------------------------------------------------
    // zx_object_wait_one
    // ---------------------------------------------------------------------------------------

    @Test
    void waitOneOnPortIsAccessDenied() {
        int port = zx.createPort();

        int status = kernel.zx_object_wait_one(port, ZX_USER_SIGNAL_0(), ZX_TIME_INFINITE_PAST(), observedSlot());

        assertStatus(ZX_ERR_ACCESS_DENIED(), status);
    }

    @Test
    void waitOneBadHandle() {
        int status = kernel.zx_object_wait_one(0x1234_5673, ZX_USER_SIGNAL_0(), ZX_TIME_INFINITE_PAST(),
                observedSlot());

        assertStatus(ZX_ERR_BAD_HANDLE(), status);
    }

    @Test
    void waitOneNeedsWaitRight() {
        int event = zx.createEvent();
        zx.signal(event, 0, ZX_USER_SIGNAL_0());
        int withoutWait = zx.duplicate(event, ZX_DEFAULT_EVENT_RIGHTS() & ~ZX_RIGHT_WAIT());

        int status = kernel.zx_object_wait_one(withoutWait, ZX_USER_SIGNAL_0(), ZX_TIME_INFINITE_PAST(),
                observedSlot());

        assertStatus(ZX_ERR_ACCESS_DENIED(), status);
    }

    @Test
    void waitOneAlreadySatisfied() {
        int event = zx.createEvent();
        zx.signal(event, 0, ZX_USER_SIGNAL_0() | ZX_USER_SIGNAL_5());
        MemorySegment observed = observedSlot();

        int status = kernel.zx_object_wait_one(event, ZX_USER_SIGNAL_0(), ZX_TIME_INFINITE_PAST(), observed);

        assertStatus(ZX_OK(), status);
        assertEquals(ZX_USER_SIGNAL_0() | ZX_USER_SIGNAL_5(), observed.get(JAVA_INT, 0), "all active signals");
    }

    @Test
    void waitOneAcceptsNullObserved() {
        int event = zx.createEvent();
        zx.signal(event, 0, ZX_USER_SIGNAL_0());

        int status = kernel.zx_object_wait_one(event, ZX_USER_SIGNAL_0(), ZX_TIME_INFINITE_PAST(), MemorySegment.NULL);

        assertStatus(ZX_OK(), status);
    }

    @Test
    void waitOneTimesOutWithObserved() {
        int event = zx.createEvent();
        zx.signal(event, 0, ZX_USER_SIGNAL_1());
        MemorySegment observed = observedSlot();

        int status = kernel.zx_object_wait_one(event, ZX_USER_SIGNAL_0(), ZX_TIME_INFINITE_PAST(), observed);

        assertStatus(ZX_ERR_TIMED_OUT(), status);
        assertEquals(ZX_USER_SIGNAL_1(), observed.get(JAVA_INT, 0));
    }

    @Test
    void waitOneTimesOutAtDeadline() {
        int event = zx.createEvent();
        long deadline = clock.now() + 500;
        MemorySegment observed = observedSlot();
        BlockingCall wait = BlockingCall.start("wait-one",
                () -> kernel.zx_object_wait_one(event, ZX_USER_SIGNAL_0(), deadline, observed));
        wait.awaitParked();

        clock.advance(499);
        wait.assertStillBlocked("the clock is 1 ns before the deadline");
        clock.advance(1);

        assertStatus(ZX_ERR_TIMED_OUT(), wait.await());
        assertEquals(0, observed.get(JAVA_INT, 0));
    }

    @Test
    void waitOneWokenBySignal() {
        int event = zx.createEvent();
        MemorySegment observed = observedSlot();
        BlockingCall wait = BlockingCall.start("wait-one",
                () -> kernel.zx_object_wait_one(event, ZX_USER_SIGNAL_2(), ZX_TIME_INFINITE(), observed));
        wait.awaitParked();

        zx.signal(event, 0, ZX_USER_SIGNAL_1());
        wait.assertStillBlocked("a signal outside the mask does not satisfy the wait");
        zx.signal(event, 0, ZX_USER_SIGNAL_2());

        assertStatus(ZX_OK(), wait.await());
        assertEquals(ZX_USER_SIGNAL_1() | ZX_USER_SIGNAL_2(), observed.get(JAVA_INT, 0));
    }

    @Test
    void waitOneCanceledByClose() {
        int event = zx.createEvent();
        int keepAlive = zx.duplicate(event, ZX_RIGHT_SAME_RIGHTS());
        zx.signal(event, 0, ZX_USER_SIGNAL_4());
        MemorySegment observed = observedSlot();
        BlockingCall wait = BlockingCall.start("wait-one",
                () -> kernel.zx_object_wait_one(event, ZX_USER_SIGNAL_0(), ZX_TIME_INFINITE(), observed));
        wait.awaitParked();

        assertStatus(ZX_OK(), kernel.zx_handle_close(event));

        assertStatus(ZX_ERR_CANCELED(), wait.await());
        int signals = observed.get(JAVA_INT, 0);
        assertEquals(ZX_USER_SIGNAL_4(), signals & ZX_USER_SIGNAL_4(), "observed holds the active signals");
        // The kernel's wait observer adds ZX_SIGNAL_HANDLE_CLOSED when its handle goes away.
        assertEquals(ZX_SIGNAL_HANDLE_CLOSED(), signals & ZX_SIGNAL_HANDLE_CLOSED());
        assertEquals(ZX_USER_SIGNAL_4(), activeSignals(keepAlive));
    }

    @Test
    void waitOneCanceledByLastClose() {
        int event = zx.createEvent();
        BlockingCall wait = BlockingCall.start("wait-one",
                () -> kernel.zx_object_wait_one(event, ZX_USER_SIGNAL_0(), ZX_TIME_INFINITE(), observedSlot()));
        wait.awaitParked();

        assertStatus(ZX_OK(), kernel.zx_handle_close(event));

        assertStatus(ZX_ERR_CANCELED(), wait.await());
    }

    @Test
    void waitOneSurvivesCloseOfOtherHandle() {
        int event = zx.createEvent();
        int other = zx.duplicate(event, ZX_RIGHT_SAME_RIGHTS());
        BlockingCall wait = BlockingCall.start("wait-one",
                () -> kernel.zx_object_wait_one(event, ZX_USER_SIGNAL_0(), ZX_TIME_INFINITE(), observedSlot()));
        wait.awaitParked();

        assertStatus(ZX_OK(), kernel.zx_handle_close(other));
        wait.assertStillBlocked("only the waited-on handle cancels the wait");
        zx.signal(event, 0, ZX_USER_SIGNAL_0());

        assertStatus(ZX_OK(), wait.await());
    }

    private MemorySegment observedSlot() {
        MemorySegment observed = zx.arena.allocate(JAVA_INT);
        observed.set(JAVA_INT, 0, 0x5A5A5A5A);
        return observed;
    }

    /** Returns the signals active on the object, read through {@code zx_object_wait_one}. */
    private int activeSignals(int handle) {
        MemorySegment observed = observedSlot();
        int status = kernel.zx_object_wait_one(handle, 0, ZX_TIME_INFINITE_PAST(), observed);
        assertStatus(ZX_ERR_TIMED_OUT(), status, "zx_object_wait_one with an empty mask");
        return observed.get(JAVA_INT, 0);
    }
}
