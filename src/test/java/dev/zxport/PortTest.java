package dev.zxport;

import dev.zxport.sys.zx_port_packet_t;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static dev.zxport.StatusNames.assertStatus;
import static dev.zxport.sys.zircon_h.*;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/** {@code zx_port_create}, {@code zx_port_queue} and {@code zx_port_wait}. */
class PortTest {
    private static final int MAX_USER_PACKETS = 4096;

    private final ManualClock clock = new ManualClock(1_000);
    private final SyscallFixture zx = SyscallFixture.withClock(clock);
    private final Kernel kernel = zx.kernel;

    @AfterEach
    void closeFixture() {
        zx.close();
    }

    // ---------------------------------------------------------------------------------------
    // zx_port_create
    // ---------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(ints = {0, 1})
    void createAcceptsValidOptions(int options) {
        MemorySegment out = zx.handleSlot();

        int status = kernel.zx_port_create(options, out);

        assertStatus(ZX_OK(), status);
        assertEquals(0x3, out.get(JAVA_INT, 0) & 0x3);
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 4, 0x10, 0x8000_0000, -1})
    void createRejectsOtherOptions(int options) {
        int before = kernel.handleCount();
        MemorySegment out = zx.handleSlot();

        int status = kernel.zx_port_create(options, out);

        assertStatus(ZX_ERR_INVALID_ARGS(), status);
        assertEquals(before, kernel.handleCount());
        assertEquals(0x5A5A5A5A, out.get(JAVA_INT, 0), "nothing may be written on failure");
    }

    @Test
    void newPortIsEmpty() {
        int port = zx.createPort();

        zx.assertEmpty(port);
    }

    // ---------------------------------------------------------------------------------------
    // zx_port_queue
    // ---------------------------------------------------------------------------------------

    @Test
    void queueKeepsPacketBytes() {
        int port = zx.createPort();
        MemorySegment packet = zx.newPacket();
        zx_port_packet_t.key(packet, 0xFEDC_BA98_7654_3210L);
        zx_port_packet_t.type(packet, 5);
        zx_port_packet_t.status(packet, -3);
        for (int i = 16; i < 48; i++) {
            packet.set(JAVA_BYTE, i, (byte) (0x80 + i));
        }

        assertStatus(ZX_OK(), kernel.zx_port_queue(port, packet));
        MemorySegment received = zx.newPacket();
        received.fill((byte) 0xEE);
        assertStatus(ZX_OK(), kernel.zx_port_wait(port, ZX_TIME_INFINITE(), received));

        assertEquals(0xFEDC_BA98_7654_3210L, zx_port_packet_t.key(received));
        assertEquals(ZX_PKT_TYPE_USER(), zx_port_packet_t.type(received), "the kernel overwrites the type");
        assertEquals(-3, zx_port_packet_t.status(received));
        for (int i = 16; i < 48; i++) {
            assertEquals((byte) (0x80 + i), received.get(JAVA_BYTE, i), "payload byte " + i);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 9, 0xFFFF_FFFF})
    void queueOverwritesAnyType(int type) {
        int port = zx.createPort();
        MemorySegment packet = zx.userPacket(3);
        zx_port_packet_t.type(packet, type);

        assertStatus(ZX_OK(), kernel.zx_port_queue(port, packet));

        assertEquals(ZX_PKT_TYPE_USER(), zx_port_packet_t.type(zx.take(port)));
    }

    @Test
    void queueDoesNotChangeCallerPacket() {
        int port = zx.createPort();
        MemorySegment packet = zx.userPacket(3);
        zx_port_packet_t.type(packet, 5);

        assertStatus(ZX_OK(), kernel.zx_port_queue(port, packet));

        assertEquals(5, zx_port_packet_t.type(packet));
    }

    @Test
    void queueAcceptsReadOnlyPacket() {
        int port = zx.createPort();

        int status = kernel.zx_port_queue(port, zx.userPacket(11).asReadOnly());

        assertStatus(ZX_OK(), status);
        assertEquals(11, zx_port_packet_t.key(zx.take(port)));
    }

    @Test
    void queueNeedsWriteRight() {
        int port = zx.createPort();
        int readOnly = zx.duplicate(port, ZX_RIGHT_READ() | ZX_RIGHT_DUPLICATE());

        int status = zx.tryQueue(readOnly, 1);

        assertStatus(ZX_ERR_ACCESS_DENIED(), status);
        zx.assertEmpty(port);
    }

    @Test
    void queueWithWriteRightOnly() {
        int port = zx.createPort();
        int writeOnly = zx.duplicate(port, ZX_RIGHT_WRITE());

        int status = zx.tryQueue(writeOnly, 1);

        assertStatus(ZX_OK(), status);
        assertEquals(1, zx_port_packet_t.key(zx.take(port)));
    }

    @Test
    void queueOnEventIsWrongType() {
        int event = zx.createEvent();

        int status = zx.tryQueue(event, 1);

        assertStatus(ZX_ERR_WRONG_TYPE(), status);
    }

    @Test
    void limitLetsOneMorePacketIn() {
        int port = zx.createPort();

        for (int i = 0; i <= MAX_USER_PACKETS; i++) {
            assertStatus(ZX_OK(), zx.tryQueue(port, i), "packet " + i);
        }
        int status = zx.tryQueue(port, MAX_USER_PACKETS + 1);

        assertStatus(ZX_ERR_SHOULD_WAIT(), status);
        assertEquals(1, kernel.policyViolations(ZX_EXCP_POLICY_CODE_PORT_TOO_MANY_PACKETS()));
    }

    @Test
    void limitCountsEveryRejection() {
        int port = zx.createPort();
        fill(port, MAX_USER_PACKETS + 1);

        for (int i = 0; i < 3; i++) {
            assertStatus(ZX_ERR_SHOULD_WAIT(), zx.tryQueue(port, -1));
        }

        assertEquals(3, kernel.policyViolations(ZX_EXCP_POLICY_CODE_PORT_TOO_MANY_PACKETS()));
        assertEquals(0, kernel.policyViolations(ZX_EXCP_POLICY_CODE_PORT_TOO_MANY_OBSERVERS()));
    }

    @Test
    void limitFreesOneSlotPerWait() {
        int port = zx.createPort();
        fill(port, MAX_USER_PACKETS + 1);
        assertStatus(ZX_ERR_SHOULD_WAIT(), zx.tryQueue(port, -1));

        zx.take(port);

        assertStatus(ZX_OK(), zx.tryQueue(port, MAX_USER_PACKETS + 1));
        assertStatus(ZX_ERR_SHOULD_WAIT(), zx.tryQueue(port, -1));
    }

    @Test
    void rejectedQueueLosesNothing() {
        int port = zx.createPort();
        fill(port, MAX_USER_PACKETS + 1);

        assertStatus(ZX_ERR_SHOULD_WAIT(), zx.tryQueue(port, -1));

        for (int i = 0; i <= MAX_USER_PACKETS; i++) {
            assertEquals(i, zx_port_packet_t.key(zx.take(port)));
        }
        zx.assertEmpty(port);
    }

    @Test
    void limitIsPerPort() {
        int full = zx.createPort();
        int other = zx.createPort();
        fill(full, MAX_USER_PACKETS + 1);

        int status = zx.tryQueue(other, 1);

        assertStatus(ZX_OK(), status);
    }

    @Test
    void limitFollowsBuilder() {
        try (SyscallFixture small = SyscallFixture.of(Kernel.builder().maxUserPackets(8).build())) {
            int port = small.createPort();

            for (int i = 0; i < 9; i++) {
                assertStatus(ZX_OK(), small.tryQueue(port, i), "packet " + i);
            }
            int status = small.tryQueue(port, 9);

            assertStatus(ZX_ERR_SHOULD_WAIT(), status);
        }
    }

    @Test
    void queueOnClosedPortIsBadHandle() {
        int port = zx.createPort();
        assertStatus(ZX_OK(), kernel.zx_handle_close(port));

        int status = zx.tryQueue(port, 1);

        assertStatus(ZX_ERR_BAD_HANDLE(), status);
    }

    // ---------------------------------------------------------------------------------------
    // zx_port_wait
    // ---------------------------------------------------------------------------------------

    @Test
    void waitNeedsReadRight() {
        int port = zx.createPort();
        int writeOnly = zx.duplicate(port, ZX_RIGHT_WRITE());
        zx.queue(port, 1);

        int status = kernel.zx_port_wait(writeOnly, ZX_TIME_INFINITE_PAST(), zx.newPacket());

        assertStatus(ZX_ERR_ACCESS_DENIED(), status);
        assertEquals(1, zx_port_packet_t.key(zx.take(port)), "the packet must still be queued");
    }

    @Test
    void waitWithReadRightOnly() {
        int port = zx.createPort();
        int readOnly = zx.duplicate(port, ZX_RIGHT_READ());
        zx.queue(port, 1);

        MemorySegment packet = zx.take(readOnly);

        assertEquals(1, zx_port_packet_t.key(packet));
    }

    @Test
    void waitReturnsFifoOrder() {
        int port = zx.createPort();
        for (int i = 0; i < 100; i++) {
            zx.queue(port, i);
        }

        for (int i = 0; i < 100; i++) {
            assertEquals(i, zx_port_packet_t.key(zx.take(port)));
        }
        zx.assertEmpty(port);
    }

    @Test
    void pastDeadlineReturnsQueuedPacket() {
        int port = zx.createPort();
        zx.queue(port, 5);
        MemorySegment packet = zx.newPacket();

        int status = kernel.zx_port_wait(port, ZX_TIME_INFINITE_PAST(), packet);

        assertStatus(ZX_OK(), status);
        assertEquals(5, zx_port_packet_t.key(packet));
    }

    @Test
    void pastDeadlineOnEmptyPortTimesOut() {
        int port = zx.createPort();
        MemorySegment packet = zx.userPacket(77);

        int status = kernel.zx_port_wait(port, ZX_TIME_INFINITE_PAST(), packet);

        assertStatus(ZX_ERR_TIMED_OUT(), status);
        assertEquals(77, zx_port_packet_t.key(packet), "a timed-out wait writes nothing");
    }

    @Test
    void deadlineEqualToNowTimesOut() {
        int port = zx.createPort();

        int status = kernel.zx_port_wait(port, clock.now(), zx.newPacket());

        assertStatus(ZX_ERR_TIMED_OUT(), status);
    }

    @Test
    void waitTimesOutOnlyAtDeadline() {
        int port = zx.createPort();
        long deadline = clock.now() + 1_000;
        BlockingCall wait = BlockingCall.start("port-wait", () -> kernel.zx_port_wait(port, deadline, zx.newPacket()));
        wait.awaitParked();

        clock.advance(999);
        wait.assertStillBlocked("the clock is 1 ns before the deadline");
        clock.advance(1);

        assertStatus(ZX_ERR_TIMED_OUT(), wait.await());
    }

    @Test
    void waitBeforeDeadlineGetsLatePacket() {
        int port = zx.createPort();
        long deadline = clock.now() + 1_000;
        MemorySegment received = zx.newPacket();
        BlockingCall wait = BlockingCall.start("port-wait", () -> kernel.zx_port_wait(port, deadline, received));
        wait.awaitParked();

        clock.advance(999);
        zx.queue(port, 31);

        assertStatus(ZX_OK(), wait.await());
        assertEquals(31, zx_port_packet_t.key(received));
    }

    @Test
    void infiniteWaitGetsLatePacket() {
        int port = zx.createPort();
        MemorySegment received = zx.newPacket();
        BlockingCall wait = BlockingCall.start("port-wait",
                () -> kernel.zx_port_wait(port, ZX_TIME_INFINITE(), received));
        wait.awaitParked();

        zx.queue(port, 8);

        assertStatus(ZX_OK(), wait.await());
        assertEquals(8, zx_port_packet_t.key(received));
    }

    @Test
    void eachPacketWakesOneWaiter() {
        int port = zx.createPort();
        int waiterCount = 4;
        List<BlockingCall> waits = new ArrayList<>();
        List<MemorySegment> received = new ArrayList<>();
        for (int i = 0; i < waiterCount; i++) {
            MemorySegment packet = zx.newPacket();
            received.add(packet);
            waits.add(BlockingCall.start("port-wait-" + i, () -> kernel.zx_port_wait(port, ZX_TIME_INFINITE(), packet)));
        }
        waits.forEach(BlockingCall::awaitParked);

        zx.queue(port, 100);
        BlockingCall first = awaitAnyDone(waits);
        waits.stream().filter(wait -> wait != first).forEach(
                wait -> wait.assertStillBlocked("one packet may wake only one waiter"));
        for (int i = 1; i < waiterCount; i++) {
            zx.queue(port, 100 + i);
        }

        Set<Long> keys = new HashSet<>();
        for (int i = 0; i < waiterCount; i++) {
            assertStatus(ZX_OK(), waits.get(i).await());
            keys.add(zx_port_packet_t.key(received.get(i)));
        }
        assertEquals(Set.of(100L, 101L, 102L, 103L), keys, "each waiter must get a different packet");
    }

    @Test
    void duplicateKeepsQueuedPackets() {
        int port = zx.createPort();
        int copy = zx.duplicate(port, ZX_RIGHT_SAME_RIGHTS());
        zx.queue(port, 1);
        zx.queue(port, 2);

        assertStatus(ZX_OK(), kernel.zx_handle_close(port));

        assertEquals(1, zx_port_packet_t.key(zx.take(copy)));
        assertEquals(2, zx_port_packet_t.key(zx.take(copy)));
    }

    @Test
    void waitOnClosedPortIsBadHandle() {
        int port = zx.createPort();
        zx.queue(port, 1);
        assertStatus(ZX_OK(), kernel.zx_handle_close(port));

        int status = kernel.zx_port_wait(port, ZX_TIME_INFINITE_PAST(), zx.newPacket());

        assertStatus(ZX_ERR_BAD_HANDLE(), status);
    }

    @Test
    void blockedWaitOutlivesLastClose() {
        int port = zx.createPort();
        long deadline = clock.now() + 5_000;
        BlockingCall wait = BlockingCall.start("port-wait", () -> kernel.zx_port_wait(port, deadline, zx.newPacket()));
        wait.awaitParked();

        assertStatus(ZX_OK(), kernel.zx_handle_close(port));
        wait.assertStillBlocked("closing a port does not wake its waiters");
        clock.advance(5_000);

        assertStatus(ZX_ERR_TIMED_OUT(), wait.await());
    }

    @Test
    void kernelCloseWakesBlockedWaiters() {
        Kernel own = Kernel.create();
        SyscallFixture fixture = SyscallFixture.of(own);
        int port = fixture.createPort();
        BlockingCall first = BlockingCall.start("port-wait-1",
                () -> own.zx_port_wait(port, ZX_TIME_INFINITE(), fixture.newPacket()));
        BlockingCall second = BlockingCall.start("port-wait-2",
                () -> own.zx_port_wait(port, ZX_TIME_INFINITE(), fixture.newPacket()));
        first.awaitParked();
        second.awaitParked();

        own.close();

        assertStatus(ZX_ERR_BAD_HANDLE(), first.await());
        assertStatus(ZX_ERR_BAD_HANDLE(), second.await());
        fixture.close();
    }

    @Test
    void kernelCloseInvalidatesHandles() {
        int port = zx.createPort();

        kernel.close();
        kernel.close();

        assertEquals(0, kernel.handleCount());
        assertStatus(ZX_ERR_BAD_HANDLE(), zx.tryQueue(port, 1));
    }

    @Test
    void waitWritesWholePacket() {
        int port = zx.createPort();
        zx.queue(port, 9);
        MemorySegment received = zx.newPacket();
        received.fill((byte) 0xEE);

        assertStatus(ZX_OK(), kernel.zx_port_wait(port, ZX_TIME_INFINITE_PAST(), received));

        for (int i = 8; i < 48; i++) {
            assertEquals(0, received.get(JAVA_BYTE, i), "byte " + i + " of a zero user packet");
        }
    }

    @Test
    void waitAcceptsLargerSegment() {
        int port = zx.createPort();
        zx.queue(port, 9);
        MemorySegment large = zx.arena.allocate(64);
        large.fill((byte) 0xEE);

        assertStatus(ZX_OK(), kernel.zx_port_wait(port, ZX_TIME_INFINITE_PAST(), large));

        assertEquals(9, zx_port_packet_t.key(large));
        assertEquals((byte) 0xEE, large.get(JAVA_BYTE, 48), "bytes past the packet stay");
    }

    private void fill(int port, int count) {
        for (int i = 0; i < count; i++) {
            assertStatus(ZX_OK(), zx.tryQueue(port, i), "packet " + i);
        }
    }

    private static BlockingCall awaitAnyDone(List<BlockingCall> calls) {
        long deadline = System.nanoTime() + BlockingCall.PATIENCE_MILLIS * 1_000_000;
        while (System.nanoTime() < deadline) {
            for (BlockingCall call : calls) {
                if (call.isDone()) {
                    return call;
                }
            }
            Thread.onSpinWait();
        }
        return fail("no waiter returned after a packet was queued");
    }
}
