package dev.zxport;

import dev.zxport.sys.zx_packet_interrupt_t;
import dev.zxport.sys.zx_port_packet_t;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.foreign.MemorySegment;

import static dev.zxport.StatusNames.assertStatus;
import static dev.zxport.sys.zircon_h.*;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Virtual interrupts and their packets: {@code zx_interrupt_create}, {@code _bind},
 * {@code _trigger}, {@code _ack}, {@code _destroy} and {@code _wait}, and how a port created with
 * {@code ZX_PORT_BIND_TO_INTERRUPT} serves interrupt packets.
 */
class InterruptTest {
    private final SyscallFixture zx = SyscallFixture.create();
    private final Kernel kernel = zx.kernel;

    @AfterEach
    void closeFixture() {
        zx.close();
    }

    // ---------------------------------------------------------------------------------------
    // zx_interrupt_create
    // ---------------------------------------------------------------------------------------

    @Test
    void createVirtualInterrupt() {
        MemorySegment out = zx.handleSlot();

        int status = kernel.zx_interrupt_create(ZX_HANDLE_INVALID(), 0, ZX_INTERRUPT_VIRTUAL(), out);

        assertStatus(ZX_OK(), status);
        assertEquals(ZX_DEFAULT_INTERRUPT_RIGHTS(), zx.rights(out.get(JAVA_INT, 0)));
    }

    @Test
    void newInterruptIsUntriggered() {
        int interrupt = zx.createInterrupt();
        MemorySegment observed = zx.arena.allocate(JAVA_INT);

        int status = kernel.zx_object_wait_one(interrupt, ZX_VIRTUAL_INTERRUPT_UNTRIGGERED(), ZX_TIME_INFINITE_PAST(),
                observed);

        assertStatus(ZX_OK(), status);
        assertEquals(ZX_VIRTUAL_INTERRUPT_UNTRIGGERED(), observed.get(JAVA_INT, 0));
    }

    @ParameterizedTest
    @ValueSource(ints = {0x10 | 0x20, 62, 0x10 | 0x40, 0x10 | 0x1, 0x10 | 0x8})
    void createRejectsVirtualWithOtherBits(int options) {
        int before = kernel.handleCount();
        MemorySegment out = zx.handleSlot();

        int status = kernel.zx_interrupt_create(ZX_HANDLE_INVALID(), 0, options, out);

        assertStatus(ZX_ERR_INVALID_ARGS(), status);
        assertEquals(before, kernel.handleCount());
        assertEquals(0x5A5A5A5A, out.get(JAVA_INT, 0), "nothing may be written on failure");
    }

    @Test
    void wakeVectorAndSlotUserAreInvalid() {
        int wakeVector = kernel.zx_interrupt_create(ZX_HANDLE_INVALID(), 0,
                ZX_INTERRUPT_VIRTUAL() | ZX_INTERRUPT_WAKE_VECTOR(), zx.handleSlot());
        int slotUser = kernel.zx_interrupt_create(ZX_HANDLE_INVALID(), 0, ZX_INTERRUPT_SLOT_USER(), zx.handleSlot());

        assertStatus(ZX_ERR_INVALID_ARGS(), wakeVector);
        assertStatus(ZX_ERR_INVALID_ARGS(), slotUser);
    }

    @Test
    void physicalInterruptChecksResource() {
        int event = zx.createEvent();

        int noResource = kernel.zx_interrupt_create(ZX_HANDLE_INVALID(), 0, 0, zx.handleSlot());
        int notResource = kernel.zx_interrupt_create(event, 0, 0, zx.handleSlot());

        assertStatus(ZX_ERR_BAD_HANDLE(), noResource);
        assertStatus(ZX_ERR_WRONG_TYPE(), notResource);
    }

    // ---------------------------------------------------------------------------------------
    // zx_interrupt_bind
    // ---------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(ints = {2, 3, -1})
    void bindRejectsOptionsFirst(int options) {
        int status = kernel.zx_interrupt_bind(0x1234_5673, 0x1234_5677, 1, options);

        assertStatus(ZX_ERR_INVALID_ARGS(), status);
    }

    @Test
    void bindToPlainPortIsWrongType() {
        int interrupt = zx.createInterrupt();
        int port = zx.createPort();

        int status = kernel.zx_interrupt_bind(interrupt, port, 1, ZX_INTERRUPT_BIND());

        assertStatus(ZX_ERR_WRONG_TYPE(), status);
    }

    @Test
    void unbindFromPlainPortIsWrongType() {
        int interrupt = zx.createInterrupt();
        int port = zx.createPort();

        int status = kernel.zx_interrupt_bind(interrupt, port, 1, ZX_INTERRUPT_UNBIND());

        assertStatus(ZX_ERR_WRONG_TYPE(), status);
    }

    @Test
    void bindTwiceIsAlreadyBound() {
        int interrupt = zx.createInterrupt();
        int port = interruptPort();
        int other = interruptPort();
        bind(interrupt, port, 1);

        int samePort = kernel.zx_interrupt_bind(interrupt, port, 2, ZX_INTERRUPT_BIND());
        int otherPort = kernel.zx_interrupt_bind(interrupt, other, 2, ZX_INTERRUPT_BIND());

        assertStatus(ZX_ERR_ALREADY_BOUND(), samePort);
        assertStatus(ZX_ERR_ALREADY_BOUND(), otherPort);
    }

    @Test
    void bindWhileWaitBlockedIsBadState() {
        int interrupt = zx.createInterrupt();
        int port = interruptPort();
        BlockingCall wait = BlockingCall.start("interrupt-wait", () -> kernel.zx_interrupt_wait(interrupt,
                MemorySegment.NULL));
        wait.awaitParked();

        int status = kernel.zx_interrupt_bind(interrupt, port, 1, ZX_INTERRUPT_BIND());

        assertStatus(ZX_ERR_BAD_STATE(), status);
        assertStatus(ZX_OK(), kernel.zx_interrupt_destroy(interrupt));
        assertStatus(ZX_ERR_CANCELED(), wait.await());
    }

    @Test
    void bindTriggeredQueuesAtOnce() {
        int interrupt = zx.createInterrupt();
        int port = interruptPort();
        trigger(interrupt, 55);

        bind(interrupt, port, 9);

        MemorySegment packet = zx.take(port);
        assertEquals(9, zx_port_packet_t.key(packet));
        assertEquals(55, timestamp(packet));
    }

    @Test
    void bindTriggeredWaitsForAck() {
        int interrupt = zx.createInterrupt();
        int port = interruptPort();
        trigger(interrupt, 55);
        bind(interrupt, port, 9);
        zx.take(port);

        trigger(interrupt, 66);
        zx.assertEmpty(port);
        assertStatus(ZX_OK(), kernel.zx_interrupt_ack(interrupt));

        assertEquals(66, timestamp(zx.take(port)));
    }

    @Test
    void bindAfterDestroyIsCanceled() {
        int interrupt = zx.createInterrupt();
        int port = interruptPort();
        assertStatus(ZX_OK(), kernel.zx_interrupt_destroy(interrupt));

        int status = kernel.zx_interrupt_bind(interrupt, port, 1, ZX_INTERRUPT_BIND());

        assertStatus(ZX_ERR_CANCELED(), status);
    }

    // ---------------------------------------------------------------------------------------
    // Unbind
    // ---------------------------------------------------------------------------------------

    @Test
    void unbindRemovesQueuedPacket() {
        int interrupt = zx.createInterrupt();
        int port = interruptPort();
        bind(interrupt, port, 1);
        trigger(interrupt, 10);

        int status = kernel.zx_interrupt_bind(interrupt, port, 0, ZX_INTERRUPT_UNBIND());

        assertStatus(ZX_OK(), status);
        zx.assertEmpty(port);
    }

    @Test
    void unbindFromOtherPortIsNotFound() {
        int interrupt = zx.createInterrupt();
        int port = interruptPort();
        int other = interruptPort();
        bind(interrupt, port, 1);
        trigger(interrupt, 10);

        int status = kernel.zx_interrupt_bind(interrupt, other, 1, ZX_INTERRUPT_UNBIND());

        assertStatus(ZX_ERR_NOT_FOUND(), status);
        assertEquals(10, timestamp(zx.take(port)), "the packet in the bound port stays");
    }

    @Test
    void unbindUnboundIsNotFound() {
        int interrupt = zx.createInterrupt();
        int port = interruptPort();

        int status = kernel.zx_interrupt_bind(interrupt, port, 1, ZX_INTERRUPT_UNBIND());

        assertStatus(ZX_ERR_NOT_FOUND(), status);
    }

    @Test
    void unbindChecksPortBeforeDestroyed() {
        int interrupt = zx.createInterrupt();
        int port = interruptPort();
        int other = interruptPort();
        bind(interrupt, port, 1);
        assertStatus(ZX_OK(), kernel.zx_interrupt_destroy(interrupt));

        int wrongPort = kernel.zx_interrupt_bind(interrupt, other, 1, ZX_INTERRUPT_UNBIND());
        int boundPort = kernel.zx_interrupt_bind(interrupt, port, 1, ZX_INTERRUPT_UNBIND());

        assertStatus(ZX_ERR_NOT_FOUND(), wrongPort);
        assertStatus(ZX_ERR_CANCELED(), boundPort);
    }

    @Test
    void unbindIgnoresKey() {
        int interrupt = zx.createInterrupt();
        int port = interruptPort();
        bind(interrupt, port, 1);

        int status = kernel.zx_interrupt_bind(interrupt, port, 12345, ZX_INTERRUPT_UNBIND());

        assertStatus(ZX_OK(), status);
    }

    @Test
    void rebindAfterUnbindUsesNewKey() {
        int interrupt = zx.createInterrupt();
        int port = interruptPort();
        int other = interruptPort();
        bind(interrupt, port, 1);
        assertStatus(ZX_OK(), kernel.zx_interrupt_bind(interrupt, port, 0, ZX_INTERRUPT_UNBIND()));

        bind(interrupt, other, 2);
        trigger(interrupt, 30);

        assertEquals(2, zx_port_packet_t.key(zx.take(other)));
        zx.assertEmpty(port);
    }

    // ---------------------------------------------------------------------------------------
    // zx_interrupt_trigger and packets
    // ---------------------------------------------------------------------------------------

    @Test
    void triggerRejectsOptionsFirst() {
        int status = kernel.zx_interrupt_trigger(0x1234_5673, 1, 10);

        assertStatus(ZX_ERR_INVALID_ARGS(), status);
    }

    @Test
    void triggerRejectsOptions() {
        int interrupt = zx.createInterrupt();
        int port = interruptPort();
        bind(interrupt, port, 1);

        int status = kernel.zx_interrupt_trigger(interrupt, 1, 10);

        assertStatus(ZX_ERR_INVALID_ARGS(), status);
        zx.assertEmpty(port);
    }

    @Test
    void packetFieldsOfInterrupt() {
        int interrupt = zx.createInterrupt();
        int port = interruptPort();
        bind(interrupt, port, 0x0102_0304_0506_0708L);
        trigger(interrupt, 0x7766_5544_3322_1100L);
        MemorySegment packet = zx.newPacket();
        packet.fill((byte) 0xEE);

        assertStatus(ZX_OK(), kernel.zx_port_wait(port, ZX_TIME_INFINITE_PAST(), packet));

        MemorySegment body = zx_port_packet_t.interrupt(packet);
        assertEquals(0x0102_0304_0506_0708L, zx_port_packet_t.key(packet));
        assertEquals(ZX_PKT_TYPE_INTERRUPT(), zx_port_packet_t.type(packet));
        assertEquals(ZX_OK(), zx_port_packet_t.status(packet));
        assertEquals(0x7766_5544_3322_1100L, zx_packet_interrupt_t.timestamp(body));
        assertEquals(0, zx_packet_interrupt_t.reserved0(body));
        assertEquals(0, zx_packet_interrupt_t.reserved1(body));
        assertEquals(0, zx_packet_interrupt_t.reserved2(body));
    }

    @Test
    void atMostOnePacketPerInterrupt() {
        int interrupt = zx.createInterrupt();
        int port = interruptPort();
        bind(interrupt, port, 1);

        trigger(interrupt, 10);
        trigger(interrupt, 20);
        trigger(interrupt, 30);

        assertEquals(10, timestamp(zx.take(port)));
        zx.assertEmpty(port);
    }

    @Test
    void triggerWhileNeedAckQueuesNothing() {
        int interrupt = zx.createInterrupt();
        int port = interruptPort();
        bind(interrupt, port, 1);
        trigger(interrupt, 10);
        zx.take(port);

        trigger(interrupt, 20);

        zx.assertEmpty(port);
    }

    @Test
    void ackDeliversRecordedTimestamp() {
        int interrupt = zx.createInterrupt();
        int port = interruptPort();
        bind(interrupt, port, 1);
        trigger(interrupt, 10);
        zx.take(port);
        trigger(interrupt, 20);

        assertStatus(ZX_OK(), kernel.zx_interrupt_ack(interrupt));

        MemorySegment packet = zx.take(port);
        assertEquals(1, zx_port_packet_t.key(packet));
        assertEquals(20, timestamp(packet));
    }

    @Test
    void firstRecordedTimestampWins() {
        int interrupt = zx.createInterrupt();
        int port = interruptPort();
        bind(interrupt, port, 1);
        trigger(interrupt, 10);
        zx.take(port);
        trigger(interrupt, 20);
        trigger(interrupt, 30);

        assertStatus(ZX_OK(), kernel.zx_interrupt_ack(interrupt));

        assertEquals(20, timestamp(zx.take(port)));
        zx.assertEmpty(port);
    }

    @Test
    void zeroTimestampIsLostOnAck() {
        int interrupt = zx.createInterrupt();
        int port = interruptPort();
        bind(interrupt, port, 1);
        trigger(interrupt, 10);
        zx.take(port);
        trigger(interrupt, 0);

        assertStatus(ZX_OK(), kernel.zx_interrupt_ack(interrupt));

        zx.assertEmpty(port);
    }

    @Test
    void ackWithoutTriggerRearms() {
        int interrupt = zx.createInterrupt();
        int port = interruptPort();
        bind(interrupt, port, 1);
        trigger(interrupt, 10);
        zx.take(port);

        assertStatus(ZX_OK(), kernel.zx_interrupt_ack(interrupt));
        zx.assertEmpty(port);
        trigger(interrupt, 40);

        assertEquals(40, timestamp(zx.take(port)));
    }

    @Test
    void triggerAfterDestroyIsCanceled() {
        int interrupt = zx.createInterrupt();
        assertStatus(ZX_OK(), kernel.zx_interrupt_destroy(interrupt));

        int status = kernel.zx_interrupt_trigger(interrupt, 0, 10);

        assertStatus(ZX_ERR_CANCELED(), status);
    }

    // ---------------------------------------------------------------------------------------
    // zx_interrupt_ack
    // ---------------------------------------------------------------------------------------

    @Test
    void ackUnboundIsBadState() {
        int interrupt = zx.createInterrupt();

        int status = kernel.zx_interrupt_ack(interrupt);

        assertStatus(ZX_ERR_BAD_STATE(), status);
    }

    @Test
    void ackWithPacketStillQueuedIsBadState() {
        int interrupt = zx.createInterrupt();
        int port = interruptPort();
        bind(interrupt, port, 1);
        trigger(interrupt, 10);
        trigger(interrupt, 20);

        int status = kernel.zx_interrupt_ack(interrupt);

        assertStatus(ZX_ERR_BAD_STATE(), status);
        assertEquals(10, timestamp(zx.take(port)));
        zx.assertEmpty(port);
    }

    @Test
    void ackWhileIdleIsNoOp() {
        int interrupt = zx.createInterrupt();
        int port = interruptPort();
        bind(interrupt, port, 1);

        int status = kernel.zx_interrupt_ack(interrupt);

        assertStatus(ZX_OK(), status);
        zx.assertEmpty(port);
    }

    @Test
    void ackAfterDestroyIsCanceled() {
        int interrupt = zx.createInterrupt();
        int port = interruptPort();
        bind(interrupt, port, 1);
        assertStatus(ZX_OK(), kernel.zx_interrupt_destroy(interrupt));

        int status = kernel.zx_interrupt_ack(interrupt);

        assertStatus(ZX_ERR_CANCELED(), status);
    }

    // ---------------------------------------------------------------------------------------
    // zx_interrupt_destroy
    // ---------------------------------------------------------------------------------------

    @Test
    void destroyAfterPacketReadIsNotFound() {
        int interrupt = zx.createInterrupt();
        int port = interruptPort();
        bind(interrupt, port, 1);
        trigger(interrupt, 10);
        zx.take(port);

        int status = kernel.zx_interrupt_destroy(interrupt);

        assertStatus(ZX_ERR_NOT_FOUND(), status);
        assertStatus(ZX_ERR_CANCELED(), kernel.zx_interrupt_trigger(interrupt, 0, 20), "destroyed anyway");
    }

    @Test
    void destroyRemovesQueuedPacket() {
        int interrupt = zx.createInterrupt();
        int port = interruptPort();
        bind(interrupt, port, 1);
        trigger(interrupt, 10);

        int status = kernel.zx_interrupt_destroy(interrupt);

        assertStatus(ZX_OK(), status);
        zx.assertEmpty(port);
    }

    @Test
    void destroyBoundIdle() {
        int interrupt = zx.createInterrupt();
        int port = interruptPort();
        bind(interrupt, port, 1);

        int status = kernel.zx_interrupt_destroy(interrupt);

        assertStatus(ZX_OK(), status);
    }

    @Test
    void destroyUnbound() {
        int interrupt = zx.createInterrupt();

        int status = kernel.zx_interrupt_destroy(interrupt);

        assertStatus(ZX_OK(), status);
    }

    @Test
    void destroyWakesBlockedWait() {
        int interrupt = zx.createInterrupt();
        BlockingCall wait = BlockingCall.start("interrupt-wait",
                () -> kernel.zx_interrupt_wait(interrupt, zx.arena.allocate(JAVA_LONG)));
        wait.awaitParked();

        assertStatus(ZX_OK(), kernel.zx_interrupt_destroy(interrupt));

        assertStatus(ZX_ERR_CANCELED(), wait.await());
    }

    @Test
    void waitAfterDestroyIsCanceled() {
        int interrupt = zx.createInterrupt();
        assertStatus(ZX_OK(), kernel.zx_interrupt_destroy(interrupt));

        int status = kernel.zx_interrupt_wait(interrupt, MemorySegment.NULL);

        assertStatus(ZX_ERR_CANCELED(), status);
    }

    @Test
    void closingLastHandleDestroys() {
        int interrupt = zx.createInterrupt();
        int port = interruptPort();
        bind(interrupt, port, 1);
        trigger(interrupt, 10);

        assertStatus(ZX_OK(), kernel.zx_handle_close(interrupt));

        zx.assertEmpty(port);
    }

    @Test
    void closingLastHandleCancelsWait() {
        int interrupt = zx.createInterrupt();
        BlockingCall wait = BlockingCall.start("interrupt-wait",
                () -> kernel.zx_interrupt_wait(interrupt, MemorySegment.NULL));
        wait.awaitParked();

        assertStatus(ZX_OK(), kernel.zx_handle_close(interrupt));

        assertStatus(ZX_ERR_CANCELED(), wait.await());
    }

    @Test
    void closingDuplicateDoesNotDestroy() {
        int interrupt = zx.createInterrupt();
        int copy = zx.duplicate(interrupt, ZX_RIGHT_SAME_RIGHTS());
        int port = interruptPort();
        bind(interrupt, port, 1);

        assertStatus(ZX_OK(), kernel.zx_handle_close(copy));
        trigger(interrupt, 10);

        assertEquals(10, timestamp(zx.take(port)));
    }

    // ---------------------------------------------------------------------------------------
    // zx_interrupt_wait
    // ---------------------------------------------------------------------------------------

    @Test
    void waitOnBoundIsBadState() {
        int interrupt = zx.createInterrupt();
        int port = interruptPort();
        bind(interrupt, port, 1);

        int status = kernel.zx_interrupt_wait(interrupt, MemorySegment.NULL);

        assertStatus(ZX_ERR_BAD_STATE(), status);
    }

    @Test
    void waitReturnsPendingTimestamp() {
        int interrupt = zx.createInterrupt();
        trigger(interrupt, 99);
        MemorySegment timestamp = zx.arena.allocate(JAVA_LONG);

        int status = kernel.zx_interrupt_wait(interrupt, timestamp);

        assertStatus(ZX_OK(), status);
        assertEquals(99, timestamp.get(JAVA_LONG, 0));
    }

    @Test
    void waitAcceptsNullTimestamp() {
        int interrupt = zx.createInterrupt();
        trigger(interrupt, 99);

        int status = kernel.zx_interrupt_wait(interrupt, MemorySegment.NULL);

        assertStatus(ZX_OK(), status);
    }

    @Test
    void waitKeepsFirstTriggerTimestamp() {
        int interrupt = zx.createInterrupt();
        trigger(interrupt, 10);
        trigger(interrupt, 20);
        MemorySegment timestamp = zx.arena.allocate(JAVA_LONG);

        assertStatus(ZX_OK(), kernel.zx_interrupt_wait(interrupt, timestamp));

        assertEquals(10, timestamp.get(JAVA_LONG, 0));
    }

    @Test
    void waitBlocksUntilTrigger() {
        int interrupt = zx.createInterrupt();
        MemorySegment timestamp = zx.arena.allocate(JAVA_LONG);
        BlockingCall wait = BlockingCall.start("interrupt-wait", () -> kernel.zx_interrupt_wait(interrupt, timestamp));
        wait.awaitParked();

        trigger(interrupt, 123);

        assertStatus(ZX_OK(), wait.await());
        assertEquals(123, timestamp.get(JAVA_LONG, 0));
    }

    @Test
    void secondWaitBlocksAgain() {
        int interrupt = zx.createInterrupt();
        trigger(interrupt, 1);
        assertStatus(ZX_OK(), kernel.zx_interrupt_wait(interrupt, MemorySegment.NULL));
        MemorySegment timestamp = zx.arena.allocate(JAVA_LONG);
        BlockingCall wait = BlockingCall.start("interrupt-wait", () -> kernel.zx_interrupt_wait(interrupt, timestamp));
        wait.awaitParked();

        wait.assertStillBlocked("the first trigger was already collected");
        trigger(interrupt, 2);

        assertStatus(ZX_OK(), wait.await());
        assertEquals(2, timestamp.get(JAVA_LONG, 0));
    }

    // ---------------------------------------------------------------------------------------
    // Interrupt packets in the port
    // ---------------------------------------------------------------------------------------

    @Test
    void interruptPacketsComeFirst() {
        int port = interruptPort();
        int event = zx.createEvent();
        int interrupt = zx.createInterrupt();
        bind(interrupt, port, 3);
        zx.waitAsync(event, port, 2, ZX_USER_SIGNAL_0(), 0);
        zx.queue(port, 1);
        zx.signal(event, 0, ZX_USER_SIGNAL_0());

        trigger(interrupt, 10);

        assertEquals(ZX_PKT_TYPE_INTERRUPT(), zx_port_packet_t.type(zx.take(port)));
        assertEquals(1, zx_port_packet_t.key(zx.take(port)));
        assertEquals(2, zx_port_packet_t.key(zx.take(port)));
        zx.assertEmpty(port);
    }

    @Test
    void interruptPacketsKeepTheirOrder() {
        int port = interruptPort();
        int first = zx.createInterrupt();
        int second = zx.createInterrupt();
        bind(first, port, 1);
        bind(second, port, 2);

        trigger(second, 20);
        trigger(first, 10);

        assertEquals(2, zx_port_packet_t.key(zx.take(port)));
        assertEquals(1, zx_port_packet_t.key(zx.take(port)));
    }

    @Test
    void blockedWaiterGetsInterruptPacket() {
        int port = interruptPort();
        int interrupt = zx.createInterrupt();
        bind(interrupt, port, 4);
        MemorySegment received = zx.newPacket();
        BlockingCall wait = BlockingCall.start("port-wait", () -> kernel.zx_port_wait(port, ZX_TIME_INFINITE(), received));
        wait.awaitParked();

        trigger(interrupt, 77);

        assertStatus(ZX_OK(), wait.await());
        assertEquals(77, timestamp(received));
    }

    @Test
    void cancelNeverRemovesInterruptPacket() {
        int port = interruptPort();
        int interrupt = zx.createInterrupt();
        bind(interrupt, port, 5);
        trigger(interrupt, 10);

        int cancel = kernel.zx_port_cancel(port, interrupt, 5);
        int cancelKey = kernel.zx_port_cancel_key(port, 0, 5);

        assertStatus(ZX_ERR_NOT_FOUND(), cancel);
        assertStatus(ZX_ERR_NOT_FOUND(), cancelKey);
        assertEquals(10, timestamp(zx.take(port)));
    }

    @Test
    void cancelKeySparesInterruptWithSameKey() {
        int port = interruptPort();
        int interrupt = zx.createInterrupt();
        bind(interrupt, port, 5);
        zx.queue(port, 5);
        trigger(interrupt, 10);

        int status = kernel.zx_port_cancel_key(port, 0, 5);

        assertStatus(ZX_OK(), status, "the user packet with the key is removed");
        assertEquals(ZX_PKT_TYPE_INTERRUPT(), zx_port_packet_t.type(zx.take(port)));
        zx.assertEmpty(port);
    }

    @Test
    void interruptPacketOutlivesPortHandles() {
        int port = interruptPort();
        int interrupt = zx.createInterrupt();
        bind(interrupt, port, 5);
        trigger(interrupt, 10);

        assertStatus(ZX_OK(), kernel.zx_handle_close(port));
        trigger(interrupt, 20);

        // The bound interrupt keeps the port and its packet: the ack still finds the first
        // packet queued, and destroy still finds a packet to remove.
        assertStatus(ZX_ERR_BAD_STATE(), kernel.zx_interrupt_ack(interrupt));
        assertStatus(ZX_OK(), kernel.zx_interrupt_destroy(interrupt));
    }

    @Test
    void blockedWaiterGetsInterruptAfterClose() {
        int port = interruptPort();
        int interrupt = zx.createInterrupt();
        bind(interrupt, port, 6);
        MemorySegment received = zx.newPacket();
        BlockingCall wait = BlockingCall.start("port-wait", () -> kernel.zx_port_wait(port, ZX_TIME_INFINITE(), received));
        wait.awaitParked();

        assertStatus(ZX_OK(), kernel.zx_handle_close(port));
        trigger(interrupt, 88);

        assertStatus(ZX_OK(), wait.await());
        assertEquals(6, zx_port_packet_t.key(received));
        assertEquals(88, timestamp(received));
    }

    // ---------------------------------------------------------------------------------------
    // State kept across unbind, failed acks, concurrent waits
    // ---------------------------------------------------------------------------------------

    @Test
    void unbindKeepsNeedAckState() {
        int interrupt = zx.createInterrupt();
        int port = interruptPort();
        bind(interrupt, port, 1);
        trigger(interrupt, 10);
        zx.take(port);
        assertStatus(ZX_OK(), kernel.zx_interrupt_bind(interrupt, port, 0, ZX_INTERRUPT_UNBIND()));
        bind(interrupt, port, 2);

        trigger(interrupt, 20);

        zx.assertEmpty(port);
        assertStatus(ZX_OK(), kernel.zx_interrupt_ack(interrupt));
        MemorySegment packet = zx.take(port);
        assertEquals(2, zx_port_packet_t.key(packet));
        assertEquals(20, timestamp(packet));
    }

    @Test
    void destroyAfterRebindIsNotFound() {
        int interrupt = zx.createInterrupt();
        int port = interruptPort();
        bind(interrupt, port, 1);
        trigger(interrupt, 10);
        zx.take(port);
        assertStatus(ZX_OK(), kernel.zx_interrupt_bind(interrupt, port, 0, ZX_INTERRUPT_UNBIND()));
        bind(interrupt, port, 2);

        int status = kernel.zx_interrupt_destroy(interrupt);

        assertStatus(ZX_ERR_NOT_FOUND(), status);
    }

    @Test
    void unbindKeepsRecordedTimestamp() {
        int interrupt = zx.createInterrupt();
        int port = interruptPort();
        bind(interrupt, port, 4);
        trigger(interrupt, 40);
        trigger(interrupt, 41);
        assertStatus(ZX_OK(), kernel.zx_interrupt_bind(interrupt, port, 0, ZX_INTERRUPT_UNBIND()));
        trigger(interrupt, 42);
        MemorySegment timestamp = zx.arena.allocate(JAVA_LONG);

        int status = kernel.zx_interrupt_wait(interrupt, timestamp);

        assertStatus(ZX_OK(), status);
        assertEquals(41, timestamp.get(JAVA_LONG, 0), "the timestamp recorded before the unbind is kept");
    }

    @Test
    void failedAckDropsRecordedTimestamp() {
        int interrupt = zx.createInterrupt();
        int port = interruptPort();
        bind(interrupt, port, 5);
        trigger(interrupt, 50);
        trigger(interrupt, 51);

        int failed = kernel.zx_interrupt_ack(interrupt);

        assertStatus(ZX_ERR_BAD_STATE(), failed);
        assertEquals(50, timestamp(zx.take(port)));
        assertStatus(ZX_OK(), kernel.zx_interrupt_ack(interrupt));
        zx.assertEmpty(port);
    }

    @Test
    void secondConcurrentWaitIsBadState() {
        int interrupt = zx.createInterrupt();
        BlockingCall first = BlockingCall.start("interrupt-wait", () -> kernel.zx_interrupt_wait(interrupt,
                MemorySegment.NULL));
        first.awaitParked();

        int second = kernel.zx_interrupt_wait(interrupt, MemorySegment.NULL);

        assertStatus(ZX_ERR_BAD_STATE(), second);
        first.assertStillBlocked("the second wait must not disturb the first");
        trigger(interrupt, 7);
        assertStatus(ZX_OK(), first.await());
    }

    @Test
    void waitChecksStateBeforePointer() {
        int bound = zx.createInterrupt();
        bind(bound, interruptPort(), 1);
        int destroyed = zx.createInterrupt();
        assertStatus(ZX_OK(), kernel.zx_interrupt_destroy(destroyed));
        MemorySegment readOnly = zx.arena.allocate(JAVA_LONG).asReadOnly();

        int boundStatus = kernel.zx_interrupt_wait(bound, readOnly);
        int destroyedStatus = kernel.zx_interrupt_wait(destroyed, readOnly);

        assertStatus(ZX_ERR_BAD_STATE(), boundStatus);
        assertStatus(ZX_ERR_CANCELED(), destroyedStatus);
    }

    // ---------------------------------------------------------------------------------------
    // ZX_VIRTUAL_INTERRUPT_UNTRIGGERED
    // ---------------------------------------------------------------------------------------

    @Test
    void ackThatRetriggersStrobesUntriggered() {
        int interrupt = zx.createInterrupt();
        int port = interruptPort();
        int signalPort = zx.createPort();
        bind(interrupt, port, 1);
        trigger(interrupt, 10);
        trigger(interrupt, 11);
        zx.take(port);
        zx.waitAsync(interrupt, signalPort, 9, ZX_VIRTUAL_INTERRUPT_UNTRIGGERED(), 0);

        assertStatus(ZX_OK(), kernel.zx_interrupt_ack(interrupt));

        MemorySegment signal = zx.take(signalPort);
        assertEquals(9, zx_port_packet_t.key(signal), "the ack asserts UNTRIGGERED for a moment");
        assertEquals(0, activeSignals(interrupt), "the new packet clears it again");
        assertEquals(11, timestamp(zx.take(port)));
    }

    @Test
    void destroyAssertsUntriggered() {
        int interrupt = zx.createInterrupt();
        bind(interrupt, interruptPort(), 1);
        trigger(interrupt, 10);
        assertEquals(0, activeSignals(interrupt));

        assertStatus(ZX_OK(), kernel.zx_interrupt_destroy(interrupt));

        assertEquals(ZX_VIRTUAL_INTERRUPT_UNTRIGGERED(), activeSignals(interrupt));
    }

    @Test
    void waitReturningAtOnceKeepsUntriggeredClear() {
        int interrupt = zx.createInterrupt();
        trigger(interrupt, 10);

        assertStatus(ZX_OK(), kernel.zx_interrupt_wait(interrupt, MemorySegment.NULL));

        assertEquals(0, activeSignals(interrupt), "only a wait that blocks re-arms the interrupt");
    }

    private int activeSignals(int handle) {
        MemorySegment observed = zx.arena.allocate(JAVA_INT);
        kernel.zx_object_wait_one(handle, 0, ZX_TIME_INFINITE_PAST(), observed);
        return observed.get(JAVA_INT, 0);
    }

    private int interruptPort() {
        return zx.createPort(ZX_PORT_BIND_TO_INTERRUPT());
    }

    private void bind(int interrupt, int port, long key) {
        assertStatus(ZX_OK(), kernel.zx_interrupt_bind(interrupt, port, key, ZX_INTERRUPT_BIND()), "zx_interrupt_bind");
    }

    private void trigger(int interrupt, long timestamp) {
        assertStatus(ZX_OK(), kernel.zx_interrupt_trigger(interrupt, 0, timestamp), "zx_interrupt_trigger");
    }

    private static long timestamp(MemorySegment packet) {
        return zx_packet_interrupt_t.timestamp(zx_port_packet_t.interrupt(packet));
    }
}
