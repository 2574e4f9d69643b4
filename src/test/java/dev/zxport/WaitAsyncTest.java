package dev.zxport;

import dev.zxport.sys.zx_packet_signal_t;
import dev.zxport.sys.zx_port_packet_t;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.foreign.MemorySegment;
import java.util.BitSet;

import static dev.zxport.StatusNames.assertStatus;
import static dev.zxport.sys.zircon_h.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code zx_object_wait_async} and the signal packets it produces. */
class WaitAsyncTest {
    private static final int MAX_USER_PACKETS = 4096;

    private final ManualClock clock = new ManualClock(5_000);
    private final SyscallFixture zx = SyscallFixture.withClock(clock);
    private final Kernel kernel = zx.kernel;

    @AfterEach
    void closeFixture() {
        zx.close();
    }

    // ---------------------------------------------------------------------------------------
    // Options and argument checks
    // ---------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 4, 3, 6})
    void validOptionsRegister(int options) {
        int port = zx.createPort();
        int event = zx.createEvent();

        int status = kernel.zx_object_wait_async(event, port, 1, ZX_USER_SIGNAL_0(), options);
        zx.signal(event, 0, ZX_USER_SIGNAL_0());

        assertStatus(ZX_OK(), status);
        assertEquals(1, zx_port_packet_t.key(zx.take(port)));
    }

    @ParameterizedTest
    @ValueSource(ints = {5, 7, 8, 20, 0x8000_0000, -1})
    void invalidOptionsAreRejected(int options) {
        int port = zx.createPort();
        int event = zx.createEvent();

        int status = kernel.zx_object_wait_async(event, port, 1, ZX_USER_SIGNAL_0(), options);
        zx.signal(event, 0, ZX_USER_SIGNAL_0());

        assertStatus(ZX_ERR_INVALID_ARGS(), status);
        zx.assertEmpty(port);
    }

    @Test
    void optionsCheckedBeforeHandles() {
        int status = kernel.zx_object_wait_async(0x1234_5673, 0x1234_5673, 1, ZX_USER_SIGNAL_0(), 20);

        assertStatus(ZX_ERR_INVALID_ARGS(), status);
    }

    @Test
    void portCheckedBeforeWatchedHandle() {
        int port = zx.createPort();
        int withoutWrite = zx.duplicate(port, ZX_DEFAULT_PORT_RIGHTS() & ~ZX_RIGHT_WRITE());

        int badPort = kernel.zx_object_wait_async(0x1234_5673, 0x1234_5677, 1, ZX_USER_SIGNAL_0(), 0);
        int deniedPort = kernel.zx_object_wait_async(0x1234_5673, withoutWrite, 1, ZX_USER_SIGNAL_0(), 0);

        assertStatus(ZX_ERR_BAD_HANDLE(), badPort);
        assertStatus(ZX_ERR_ACCESS_DENIED(), deniedPort);
    }

    @Test
    void eventAsPortIsWrongType() {
        int event = zx.createEvent();
        int other = zx.createEvent();

        int status = kernel.zx_object_wait_async(event, other, 1, ZX_USER_SIGNAL_0(), 0);

        assertStatus(ZX_ERR_WRONG_TYPE(), status);
    }

    @Test
    void watchingPortIsAccessDenied() {
        int port = zx.createPort();
        int watched = zx.createPort();

        int status = kernel.zx_object_wait_async(watched, port, 1, ZX_USER_SIGNAL_0(), 0);

        assertStatus(ZX_ERR_ACCESS_DENIED(), status);
    }

    @Test
    void watchingPortItselfIsAccessDenied() {
        int port = zx.createPort();

        int status = kernel.zx_object_wait_async(port, port, 1, ZX_USER_SIGNAL_0(), 0);

        assertStatus(ZX_ERR_ACCESS_DENIED(), status);
    }

    @Test
    void watchedHandleNeedsWaitRight() {
        int port = zx.createPort();
        int event = zx.createEvent();
        int withoutWait = zx.duplicate(event, ZX_DEFAULT_EVENT_RIGHTS() & ~ZX_RIGHT_WAIT());

        int status = kernel.zx_object_wait_async(withoutWait, port, 1, ZX_USER_SIGNAL_0(), 0);

        assertStatus(ZX_ERR_ACCESS_DENIED(), status);
    }

    @Test
    void watchedBadHandle() {
        int port = zx.createPort();

        int status = kernel.zx_object_wait_async(0x1234_5673, port, 1, ZX_USER_SIGNAL_0(), 0);

        assertStatus(ZX_ERR_BAD_HANDLE(), status);
    }

    @Test
    void watchingInterruptIsAllowed() {
        int port = zx.createPort();
        int interrupt = zx.createInterrupt();

        int status = kernel.zx_object_wait_async(interrupt, port, 1, ZX_VIRTUAL_INTERRUPT_UNTRIGGERED(), 0);

        assertStatus(ZX_OK(), status);
        MemorySegment packet = zx.take(port);
        assertEquals(ZX_VIRTUAL_INTERRUPT_UNTRIGGERED(), observed(packet), "a new virtual interrupt is untriggered");
    }

    // ---------------------------------------------------------------------------------------
    // When observers fire
    // ---------------------------------------------------------------------------------------

    @Test
    void observerIsOneShot() {
        int port = zx.createPort();
        int event = zx.createEvent();
        zx.waitAsync(event, port, 1, ZX_USER_SIGNAL_0(), 0);

        zx.signal(event, 0, ZX_USER_SIGNAL_0());
        zx.take(port);
        zx.signal(event, ZX_USER_SIGNAL_0(), 0);
        zx.signal(event, 0, ZX_USER_SIGNAL_0());

        zx.assertEmpty(port);
    }

    @Test
    void levelFiresAtOnceWhenSatisfied() {
        int port = zx.createPort();
        int event = zx.createEvent();
        zx.signal(event, 0, ZX_USER_SIGNAL_0() | ZX_USER_SIGNAL_1());

        zx.waitAsync(event, port, 3, ZX_USER_SIGNAL_0(), 0);

        MemorySegment packet = zx.take(port);
        assertEquals(ZX_USER_SIGNAL_0(), trigger(packet));
        assertEquals(ZX_USER_SIGNAL_0() | ZX_USER_SIGNAL_1(), observed(packet), "observed is every active signal");
    }

    @Test
    void levelWaitsWhenNotSatisfied() {
        int port = zx.createPort();
        int event = zx.createEvent();
        zx.signal(event, 0, ZX_USER_SIGNAL_1());

        zx.waitAsync(event, port, 3, ZX_USER_SIGNAL_0(), 0);

        zx.assertEmpty(port);
    }

    @Test
    void edgeIgnoresCurrentState() {
        int port = zx.createPort();
        int event = zx.createEvent();
        zx.signal(event, 0, ZX_USER_SIGNAL_0());

        zx.waitAsync(event, port, 3, ZX_USER_SIGNAL_0(), ZX_WAIT_ASYNC_EDGE());

        zx.assertEmpty(port);
    }

    @Test
    void edgeFiresOnNextTransition() {
        int port = zx.createPort();
        int event = zx.createEvent();
        zx.signal(event, 0, ZX_USER_SIGNAL_0());
        zx.waitAsync(event, port, 3, ZX_USER_SIGNAL_0(), ZX_WAIT_ASYNC_EDGE());

        zx.signal(event, ZX_USER_SIGNAL_0(), 0);
        zx.assertEmpty(port);
        zx.signal(event, 0, ZX_USER_SIGNAL_0());

        MemorySegment packet = zx.take(port);
        assertEquals(3, zx_port_packet_t.key(packet));
        assertEquals(ZX_USER_SIGNAL_0(), observed(packet));
    }

    @Test
    void edgeFiresWhenOtherSignalRises() {
        int port = zx.createPort();
        int event = zx.createEvent();
        zx.signal(event, 0, ZX_USER_SIGNAL_0());
        zx.waitAsync(event, port, 3, ZX_USER_SIGNAL_0(), ZX_WAIT_ASYNC_EDGE());

        // Kernel quirk: the update raises USER_SIGNAL_1, and the trigger bit USER_SIGNAL_0 is
        // in the new active set, so the edge observer fires.
        zx.signal(event, 0, ZX_USER_SIGNAL_1());

        MemorySegment packet = zx.take(port);
        assertEquals(ZX_USER_SIGNAL_0(), trigger(packet));
        assertEquals(ZX_USER_SIGNAL_0() | ZX_USER_SIGNAL_1(), observed(packet));
    }

    @Test
    void settingActiveSignalDoesNotFire() {
        int port = zx.createPort();
        int event = zx.createEvent();
        zx.signal(event, 0, ZX_USER_SIGNAL_0());
        zx.waitAsync(event, port, 3, ZX_USER_SIGNAL_0(), ZX_WAIT_ASYNC_EDGE());

        zx.signal(event, 0, ZX_USER_SIGNAL_0());

        zx.assertEmpty(port);
    }

    @Test
    void clearingDoesNotFire() {
        int port = zx.createPort();
        int event = zx.createEvent();
        zx.signal(event, 0, ZX_USER_SIGNAL_0() | ZX_USER_SIGNAL_1());
        zx.waitAsync(event, port, 3, ZX_USER_SIGNAL_0(), ZX_WAIT_ASYNC_EDGE());

        zx.signal(event, ZX_USER_SIGNAL_1(), 0);

        zx.assertEmpty(port);
    }

    @Test
    void unrelatedRiseDoesNotFireLevel() {
        int port = zx.createPort();
        int event = zx.createEvent();
        zx.waitAsync(event, port, 3, ZX_USER_SIGNAL_0(), 0);

        zx.signal(event, 0, ZX_USER_SIGNAL_1());
        zx.signal(event, 0, ZX_USER_SIGNAL_1());
        zx.signal(event, ZX_USER_SIGNAL_1(), 0);

        zx.assertEmpty(port);
    }

    @Test
    void emptyTriggerNeverFires() {
        int port = zx.createPort();
        int event = zx.createEvent();
        zx.waitAsync(event, port, 3, 0, 0);

        zx.signal(event, 0, ZX_EVENT_SIGNAL_MASK());

        zx.assertEmpty(port);
    }

    @Test
    void identicalRegistrationsGiveOnePacketEach() {
        int port = zx.createPort();
        int event = zx.createEvent();
        for (int i = 0; i < 5; i++) {
            zx.waitAsync(event, port, 9, ZX_USER_SIGNAL_0(), 0);
        }

        zx.signal(event, 0, ZX_USER_SIGNAL_0());

        for (int i = 0; i < 5; i++) {
            assertEquals(9, zx_port_packet_t.key(zx.take(port)), "packet " + i);
        }
        zx.assertEmpty(port);
    }

    @Test
    void newestRegistrationFiresFirst() {
        int port = zx.createPort();
        int event = zx.createEvent();
        for (int key = 0; key <= 6; key++) {
            zx.waitAsync(event, port, key, ZX_EVENT_SIGNALED(), 0);
        }

        zx.signal(event, 0, ZX_EVENT_SIGNALED());

        for (int key = 6; key >= 0; key--) {
            assertEquals(key, zx_port_packet_t.key(zx.take(port)));
        }
    }

    // ---------------------------------------------------------------------------------------
    // Packet contents
    // ---------------------------------------------------------------------------------------

    @Test
    void packetFieldsOfSignal() {
        int port = zx.createPort();
        int event = zx.createEvent();
        int mask = ZX_USER_SIGNAL_0() | ZX_USER_SIGNAL_3() | ZX_EVENT_SIGNALED();
        zx.waitAsync(event, port, 0x1122_3344_5566_7788L, mask, 0);
        zx.signal(event, 0, ZX_USER_SIGNAL_3() | ZX_USER_SIGNAL_6());
        MemorySegment packet = zx.newPacket();
        packet.fill((byte) 0xEE);

        assertStatus(ZX_OK(), kernel.zx_port_wait(port, ZX_TIME_INFINITE_PAST(), packet));

        MemorySegment signal = zx_port_packet_t.signal(packet);
        assertEquals(0x1122_3344_5566_7788L, zx_port_packet_t.key(packet));
        assertEquals(ZX_PKT_TYPE_SIGNAL_ONE(), zx_port_packet_t.type(packet));
        assertEquals(ZX_OK(), zx_port_packet_t.status(packet));
        assertEquals(mask, zx_packet_signal_t.trigger(signal), "trigger is the mask as passed");
        assertEquals(ZX_USER_SIGNAL_3() | ZX_USER_SIGNAL_6(), zx_packet_signal_t.observed(signal));
        assertEquals(1, zx_packet_signal_t.count(signal));
        assertEquals(0, zx_packet_signal_t.timestamp(signal), "no timestamp without an option");
        assertEquals(0, zx_packet_signal_t.reserved1(signal));
    }

    @Test
    void observedKeepsStateAtFiring() {
        int port = zx.createPort();
        int event = zx.createEvent();
        zx.waitAsync(event, port, 1, ZX_USER_SIGNAL_0(), 0);
        zx.signal(event, 0, ZX_USER_SIGNAL_0());

        zx.signal(event, ZX_USER_SIGNAL_0(), ZX_USER_SIGNAL_2());

        assertEquals(ZX_USER_SIGNAL_0(), observed(zx.take(port)), "observed may show a signal cleared since");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4, 3, 6})
    void timestampOptionRecordsSignalTime(int options) {
        int port = zx.createPort();
        int event = zx.createEvent();
        zx.waitAsync(event, port, 1, ZX_USER_SIGNAL_0(), options);

        clock.set(123_456);
        zx.signal(event, 0, ZX_USER_SIGNAL_0());
        clock.advance(1_000);

        assertEquals(123_456, timestamp(zx.take(port)));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void timestampOfImmediateFiring(int options) {
        int port = zx.createPort();
        int event = zx.createEvent();
        zx.signal(event, 0, ZX_USER_SIGNAL_0());
        clock.set(77_000);

        zx.waitAsync(event, port, 1, ZX_USER_SIGNAL_0(), options);
        clock.advance(1_000);

        assertEquals(77_000, timestamp(zx.take(port)));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 2})
    void noTimestampWithoutOption(int options) {
        int port = zx.createPort();
        int event = zx.createEvent();
        zx.waitAsync(event, port, 1, ZX_USER_SIGNAL_0(), options);

        clock.set(99_000);
        zx.signal(event, 0, ZX_USER_SIGNAL_0());

        assertEquals(0, timestamp(zx.take(port)));
    }

    // ---------------------------------------------------------------------------------------
    // Signal packets in the port queue
    // ---------------------------------------------------------------------------------------

    @Test
    void signalPacketsShareFifoWithUserPackets() {
        int port = zx.createPort();
        int event = zx.createEvent();
        zx.waitAsync(event, port, 2, ZX_USER_SIGNAL_0(), 0);

        zx.queue(port, 1);
        zx.signal(event, 0, ZX_USER_SIGNAL_0());
        zx.queue(port, 3);

        assertEquals(1, zx_port_packet_t.key(zx.take(port)));
        MemorySegment second = zx.take(port);
        assertEquals(2, zx_port_packet_t.key(second));
        assertEquals(ZX_PKT_TYPE_SIGNAL_ONE(), zx_port_packet_t.type(second));
        assertEquals(3, zx_port_packet_t.key(zx.take(port)));
    }

    @Test
    void interleavedPacketsKeepFifoOrder() {
        int port = zx.createPort();
        int event = zx.createEvent();
        zx.signal(event, 0, ZX_USER_SIGNAL_0());

        for (int key = 0; key < 200; key++) {
            if (key % 3 == 1) {
                zx.waitAsync(event, port, key, ZX_USER_SIGNAL_0(), 0);
            } else {
                zx.queue(port, key);
            }
        }

        for (int key = 0; key < 200; key++) {
            MemorySegment packet = zx.take(port);
            assertEquals(key, zx_port_packet_t.key(packet));
            int expectedType = key % 3 == 1 ? ZX_PKT_TYPE_SIGNAL_ONE() : ZX_PKT_TYPE_USER();
            assertEquals(expectedType, zx_port_packet_t.type(packet), "type of packet " + key);
        }
    }

    @Test
    void signalPacketsIgnoreUserLimit() {
        int port = zx.createPort();
        int event = zx.createEvent();
        for (int i = 0; i <= MAX_USER_PACKETS; i++) {
            zx.queue(port, i);
        }
        assertStatus(ZX_ERR_SHOULD_WAIT(), zx.tryQueue(port, -1));
        for (int i = 0; i < 10; i++) {
            zx.waitAsync(event, port, 10_000 + i, ZX_USER_SIGNAL_0(), 0);
        }

        zx.signal(event, 0, ZX_USER_SIGNAL_0());

        for (int i = 0; i <= MAX_USER_PACKETS; i++) {
            assertEquals(i, zx_port_packet_t.key(zx.take(port)));
        }
        for (int i = 9; i >= 0; i--) {
            assertEquals(10_000 + i, zx_port_packet_t.key(zx.take(port)));
        }
        zx.assertEmpty(port);
        assertEquals(1, kernel.policyViolations(ZX_EXCP_POLICY_CODE_PORT_TOO_MANY_PACKETS()));
    }

    @Test
    void signalPacketsDoNotUseUserSlots() {
        int port = zx.createPort();
        int event = zx.createEvent();
        zx.signal(event, 0, ZX_USER_SIGNAL_0());
        for (int i = 0; i < 100; i++) {
            zx.waitAsync(event, port, -1, ZX_USER_SIGNAL_0(), 0);
        }

        for (int i = 0; i <= MAX_USER_PACKETS; i++) {
            assertStatus(ZX_OK(), zx.tryQueue(port, i), "user packet " + i);
        }

        assertStatus(ZX_ERR_SHOULD_WAIT(), zx.tryQueue(port, -2));
    }

    @Test
    void portHoldsTensOfThousandsOfSignals() {
        int port = zx.createPort();
        int count = 30_000;
        int[] events = new int[count];
        for (int i = 0; i < count; i++) {
            events[i] = zx.createEvent();
            zx.waitAsync(events[i], port, i, ZX_USER_SIGNAL_0(), 0);
        }

        for (int event : events) {
            zx.signal(event, 0, ZX_USER_SIGNAL_0());
        }

        BitSet seen = new BitSet(count);
        for (int i = 0; i < count; i++) {
            int key = (int) zx_port_packet_t.key(zx.take(port));
            assertEquals(i, key, "signal packets come out in the order they were queued");
            seen.set(key);
        }
        assertEquals(count, seen.cardinality());
        zx.assertEmpty(port);
        assertEquals(0, kernel.policyViolations(ZX_EXCP_POLICY_CODE_PORT_TOO_MANY_OBSERVERS()));
    }

    // ---------------------------------------------------------------------------------------
    // Handle closes
    // ---------------------------------------------------------------------------------------

    @Test
    void closingWatchedHandleCancelsSilently() {
        int port = zx.createPort();
        int event = zx.createEvent();
        int other = zx.duplicate(event, ZX_RIGHT_SAME_RIGHTS());
        zx.waitAsync(event, port, 1, ZX_USER_SIGNAL_0(), 0);
        zx.waitAsync(event, port, 2, ZX_USER_SIGNAL_1(), 0);
        zx.signal(other, 0, ZX_USER_SIGNAL_1());

        assertStatus(ZX_OK(), kernel.zx_handle_close(event));
        zx.signal(other, 0, ZX_USER_SIGNAL_0());

        assertEquals(2, zx_port_packet_t.key(zx.take(port)), "a packet queued before the close stays");
        zx.assertEmpty(port);
    }

    @Test
    void otherHandleKeepsItsRegistration() {
        int port = zx.createPort();
        int event = zx.createEvent();
        int other = zx.duplicate(event, ZX_RIGHT_SAME_RIGHTS());
        zx.waitAsync(event, port, 1, ZX_USER_SIGNAL_0(), 0);
        zx.waitAsync(other, port, 2, ZX_USER_SIGNAL_0(), 0);

        assertStatus(ZX_OK(), kernel.zx_handle_close(event));
        zx.signal(other, 0, ZX_USER_SIGNAL_0());

        assertEquals(2, zx_port_packet_t.key(zx.take(port)));
        zx.assertEmpty(port);
    }

    @Test
    void closingLastWatchedHandleKeepsQueuedPacket() {
        int port = zx.createPort();
        int event = zx.createEvent();
        zx.waitAsync(event, port, 1, ZX_USER_SIGNAL_0(), 0);
        zx.waitAsync(event, port, 2, ZX_USER_SIGNAL_1(), 0);
        zx.signal(event, 0, ZX_USER_SIGNAL_0());

        assertStatus(ZX_OK(), kernel.zx_handle_close(event));

        MemorySegment packet = zx.take(port);
        assertEquals(1, zx_port_packet_t.key(packet));
        assertEquals(ZX_USER_SIGNAL_0(), observed(packet));
        zx.assertEmpty(port);
    }

    @Test
    void closingPortStopsItsObservers() {
        int port = zx.createPort();
        int other = zx.createPort();
        int event = zx.createEvent();
        zx.waitAsync(event, port, 1, ZX_USER_SIGNAL_0(), 0);
        zx.waitAsync(event, other, 2, ZX_USER_SIGNAL_0(), 0);

        assertStatus(ZX_OK(), kernel.zx_handle_close(port));
        zx.signal(event, 0, ZX_USER_SIGNAL_0());

        assertEquals(2, zx_port_packet_t.key(zx.take(other)), "observers of another port still fire");
        zx.assertEmpty(other);
    }

    @Test
    void closingPortFreesItsObserverQuota() {
        try (SyscallFixture limited = SyscallFixture.of(Kernel.builder().maxObservers(10).build())) {
            int event = limited.createEvent();
            int first = limited.createPort();
            for (int i = 0; i < 10; i++) {
                limited.waitAsync(event, first, i, ZX_USER_SIGNAL_0(), 0);
            }
            assertStatus(ZX_OK(), limited.kernel.zx_handle_close(first));

            int second = limited.createPort();
            for (int i = 0; i < 10; i++) {
                limited.waitAsync(event, second, i, ZX_USER_SIGNAL_0(), 0);
            }

            assertEquals(0, limited.kernel.policyViolations(ZX_EXCP_POLICY_CODE_PORT_TOO_MANY_OBSERVERS()));
        }
    }

    @Test
    void waitAsyncOnClosedPortIsBadHandle() {
        int port = zx.createPort();
        int event = zx.createEvent();
        assertStatus(ZX_OK(), kernel.zx_handle_close(port));

        int status = kernel.zx_object_wait_async(event, port, 1, ZX_USER_SIGNAL_0(), 0);

        assertStatus(ZX_ERR_BAD_HANDLE(), status);
    }

    // ---------------------------------------------------------------------------------------
    // Observer limit
    // ---------------------------------------------------------------------------------------

    @Test
    void observerLimitCountsViolation() {
        try (SyscallFixture limited = SyscallFixture.of(Kernel.builder().maxObservers(10).build())) {
            int port = limited.createPort();
            int event = limited.createEvent();
            for (int i = 0; i < 10; i++) {
                limited.waitAsync(event, port, i, ZX_USER_SIGNAL_0(), 0);
            }
            assertEquals(0, limited.kernel.policyViolations(ZX_EXCP_POLICY_CODE_PORT_TOO_MANY_OBSERVERS()));

            int status = limited.kernel.zx_object_wait_async(event, port, 10, ZX_USER_SIGNAL_0(), 0);

            assertStatus(ZX_OK(), status, "the observer is still added past the limit");
            assertEquals(1, limited.kernel.policyViolations(ZX_EXCP_POLICY_CODE_PORT_TOO_MANY_OBSERVERS()));
            assertEquals(0, limited.kernel.policyViolations(ZX_EXCP_POLICY_CODE_PORT_TOO_MANY_PACKETS()));
            limited.signal(event, 0, ZX_USER_SIGNAL_0());
            assertEquals(10, zx_port_packet_t.key(limited.take(port)), "the observer past the limit fires");
        }
    }

    @Test
    void observerLimitIsPerPort() {
        try (SyscallFixture limited = SyscallFixture.of(Kernel.builder().maxObservers(10).build())) {
            int first = limited.createPort();
            int second = limited.createPort();
            int event = limited.createEvent();

            for (int i = 0; i < 10; i++) {
                limited.waitAsync(event, first, i, ZX_USER_SIGNAL_0(), 0);
                limited.waitAsync(event, second, i, ZX_USER_SIGNAL_0(), 0);
            }

            assertEquals(0, limited.kernel.policyViolations(ZX_EXCP_POLICY_CODE_PORT_TOO_MANY_OBSERVERS()));
        }
    }

    @Test
    void deliveredObserversLeaveQuota() {
        try (SyscallFixture limited = SyscallFixture.of(Kernel.builder().maxObservers(10).build())) {
            int port = limited.createPort();
            int event = limited.createEvent();
            for (int round = 0; round < 5; round++) {
                for (int i = 0; i < 10; i++) {
                    limited.waitAsync(event, port, i, ZX_USER_SIGNAL_0(), 0);
                }
                limited.signal(event, 0, ZX_USER_SIGNAL_0());
                for (int i = 0; i < 10; i++) {
                    limited.take(port);
                }
                limited.signal(event, ZX_USER_SIGNAL_0(), 0);
            }

            assertEquals(0, limited.kernel.policyViolations(ZX_EXCP_POLICY_CODE_PORT_TOO_MANY_OBSERVERS()));
        }
    }

    private static int trigger(MemorySegment packet) {
        return zx_packet_signal_t.trigger(zx_port_packet_t.signal(packet));
    }

    private static int observed(MemorySegment packet) {
        return zx_packet_signal_t.observed(zx_port_packet_t.signal(packet));
    }

    private static long timestamp(MemorySegment packet) {
        return zx_packet_signal_t.timestamp(zx_port_packet_t.signal(packet));
    }
}
