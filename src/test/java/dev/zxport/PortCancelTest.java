package dev.zxport;

import dev.zxport.sys.zx_port_packet_t;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.zxport.StatusNames.assertStatus;
import static dev.zxport.sys.zircon_h.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code zx_port_cancel} and {@code zx_port_cancel_key}.
 *
 * <p>{@code ZX_ERR_NOT_SUPPORTED} of {@code zx_port_cancel} is not reachable here: a source must
 * first pass the {@code ZX_RIGHT_WAIT} check, and only waitable objects carry that right.
 */
class PortCancelTest {
    private static final int MAX_USER_PACKETS = 4096;

    private final SyscallFixture zx = SyscallFixture.create();
    private final Kernel kernel = zx.kernel;

    @AfterEach
    void closeFixture() {
        zx.close();
    }

    // ---------------------------------------------------------------------------------------
    // zx_port_cancel: argument checks
    // ---------------------------------------------------------------------------------------

    @Test
    void cancelBadPort() {
        int event = zx.createEvent();

        int status = kernel.zx_port_cancel(0x1234_5673, event, 1);

        assertStatus(ZX_ERR_BAD_HANDLE(), status);
    }

    @Test
    void cancelOnEventIsWrongType() {
        int event = zx.createEvent();

        int status = kernel.zx_port_cancel(event, event, 1);

        assertStatus(ZX_ERR_WRONG_TYPE(), status);
    }

    @Test
    void cancelNeedsWriteOnPort() {
        int port = zx.createPort();
        int withoutWrite = zx.duplicate(port, ZX_DEFAULT_PORT_RIGHTS() & ~ZX_RIGHT_WRITE());
        int event = zx.createEvent();
        zx.waitAsync(event, port, 1, ZX_USER_SIGNAL_0(), 0);

        int status = kernel.zx_port_cancel(withoutWrite, event, 1);

        assertStatus(ZX_ERR_ACCESS_DENIED(), status);
        zx.signal(event, 0, ZX_USER_SIGNAL_0());
        assertEquals(1, zx_port_packet_t.key(zx.take(port)), "the observer must survive");
    }

    @Test
    void cancelBadSource() {
        int port = zx.createPort();

        int status = kernel.zx_port_cancel(port, 0x1234_5673, 1);

        assertStatus(ZX_ERR_BAD_HANDLE(), status);
    }

    @Test
    void cancelClosedSource() {
        int port = zx.createPort();
        int event = zx.createEvent();
        assertStatus(ZX_OK(), kernel.zx_handle_close(event));

        int status = kernel.zx_port_cancel(port, event, 1);

        assertStatus(ZX_ERR_BAD_HANDLE(), status);
    }

    @Test
    void cancelNeedsWaitOnSource() {
        int port = zx.createPort();
        int event = zx.createEvent();
        // The documentation names ZX_RIGHT_WRITE for the source, but the kernel checks ZX_RIGHT_WAIT.
        int withoutWait = zx.duplicate(event, ZX_DEFAULT_EVENT_RIGHTS() & ~ZX_RIGHT_WAIT());

        int status = kernel.zx_port_cancel(port, withoutWait, 1);

        assertStatus(ZX_ERR_ACCESS_DENIED(), status);
    }

    @Test
    void cancelSourceNeedsNoWriteRight() {
        int port = zx.createPort();
        int event = zx.createEvent();
        int waitOnly = zx.duplicate(event, ZX_RIGHT_WAIT());
        zx.waitAsync(waitOnly, port, 1, ZX_USER_SIGNAL_0(), 0);

        int status = kernel.zx_port_cancel(port, waitOnly, 1);

        assertStatus(ZX_OK(), status);
    }

    @Test
    void portAsSourceIsAccessDenied() {
        int port = zx.createPort();

        int status = kernel.zx_port_cancel(port, port, 1);

        assertStatus(ZX_ERR_ACCESS_DENIED(), status);
    }

    // ---------------------------------------------------------------------------------------
    // zx_port_cancel: what it removes
    // ---------------------------------------------------------------------------------------

    @Test
    void cancelRemovesPendingObserver() {
        int port = zx.createPort();
        int event = zx.createEvent();
        zx.waitAsync(event, port, 1, ZX_USER_SIGNAL_0(), 0);

        int status = kernel.zx_port_cancel(port, event, 1);
        zx.signal(event, 0, ZX_USER_SIGNAL_0());

        assertStatus(ZX_OK(), status);
        zx.assertEmpty(port);
    }

    @Test
    void cancelRemovesQueuedSignalPacket() {
        int port = zx.createPort();
        int event = zx.createEvent();
        zx.waitAsync(event, port, 1, ZX_USER_SIGNAL_0(), 0);
        zx.signal(event, 0, ZX_USER_SIGNAL_0());

        int status = kernel.zx_port_cancel(port, event, 1);

        assertStatus(ZX_OK(), status);
        zx.assertEmpty(port);
    }

    @Test
    void cancelRemovesPendingAndQueued() {
        int port = zx.createPort();
        int event = zx.createEvent();
        zx.waitAsync(event, port, 1, ZX_USER_SIGNAL_0(), 0);
        zx.waitAsync(event, port, 1, ZX_USER_SIGNAL_1(), 0);
        zx.signal(event, 0, ZX_USER_SIGNAL_0());

        int status = kernel.zx_port_cancel(port, event, 1);
        zx.signal(event, 0, ZX_USER_SIGNAL_1());

        assertStatus(ZX_OK(), status);
        zx.assertEmpty(port);
    }

    @Test
    void cancelMatchesKey() {
        int port = zx.createPort();
        int event = zx.createEvent();
        zx.waitAsync(event, port, 1, ZX_USER_SIGNAL_0(), 0);

        int status = kernel.zx_port_cancel(port, event, 2);
        zx.signal(event, 0, ZX_USER_SIGNAL_0());

        assertStatus(ZX_ERR_NOT_FOUND(), status);
        assertEquals(1, zx_port_packet_t.key(zx.take(port)));
    }

    @Test
    void cancelThroughDuplicateFindsNothing() {
        int port = zx.createPort();
        int event = zx.createEvent();
        int copy = zx.duplicate(event, ZX_RIGHT_SAME_RIGHTS());
        zx.waitAsync(event, port, 1, ZX_USER_SIGNAL_0(), 0);

        int status = kernel.zx_port_cancel(port, copy, 1);
        zx.signal(event, 0, ZX_USER_SIGNAL_0());

        assertStatus(ZX_ERR_NOT_FOUND(), status);
        assertEquals(1, zx_port_packet_t.key(zx.take(port)));
    }

    @Test
    void cancelLeavesOtherHandlesObservers() {
        int port = zx.createPort();
        int event = zx.createEvent();
        int copy = zx.duplicate(event, ZX_RIGHT_SAME_RIGHTS());
        zx.waitAsync(event, port, 1, ZX_USER_SIGNAL_0(), 0);
        zx.waitAsync(copy, port, 1, ZX_USER_SIGNAL_0(), 0);

        int status = kernel.zx_port_cancel(port, event, 1);
        zx.signal(event, 0, ZX_USER_SIGNAL_0());

        assertStatus(ZX_OK(), status);
        assertEquals(1, zx_port_packet_t.key(zx.take(port)), "the duplicate's observer fires");
        zx.assertEmpty(port);
    }

    @Test
    void cancelOnOtherPortFindsNothing() {
        int port = zx.createPort();
        int other = zx.createPort();
        int event = zx.createEvent();
        zx.waitAsync(event, port, 1, ZX_USER_SIGNAL_0(), 0);

        int status = kernel.zx_port_cancel(other, event, 1);
        zx.signal(event, 0, ZX_USER_SIGNAL_0());

        assertStatus(ZX_ERR_NOT_FOUND(), status);
        assertEquals(1, zx_port_packet_t.key(zx.take(port)));
    }

    @Test
    void cancelLeavesUserPackets() {
        int port = zx.createPort();
        int event = zx.createEvent();
        zx.queue(port, 1);
        zx.waitAsync(event, port, 1, ZX_USER_SIGNAL_0(), 0);
        zx.signal(event, 0, ZX_USER_SIGNAL_0());
        zx.queue(port, 1);

        int status = kernel.zx_port_cancel(port, event, 1);

        assertStatus(ZX_OK(), status);
        assertEquals(ZX_PKT_TYPE_USER(), zx_port_packet_t.type(zx.take(port)));
        assertEquals(ZX_PKT_TYPE_USER(), zx_port_packet_t.type(zx.take(port)));
        zx.assertEmpty(port);
    }

    @Test
    void cancelWithOnlyUserPacketsFindsNothing() {
        int port = zx.createPort();
        int event = zx.createEvent();
        zx.queue(port, 1);

        int status = kernel.zx_port_cancel(port, event, 1);

        assertStatus(ZX_ERR_NOT_FOUND(), status);
        assertEquals(1, zx_port_packet_t.key(zx.take(port)));
    }

    @Test
    void cancelAfterDeliveryFindsNothing() {
        int port = zx.createPort();
        int event = zx.createEvent();
        zx.waitAsync(event, port, 1, ZX_USER_SIGNAL_0(), 0);
        zx.signal(event, 0, ZX_USER_SIGNAL_0());
        zx.take(port);

        int status = kernel.zx_port_cancel(port, event, 1);

        assertStatus(ZX_ERR_NOT_FOUND(), status);
    }

    @Test
    void cancelTwiceFindsNothing() {
        int port = zx.createPort();
        int event = zx.createEvent();
        zx.waitAsync(event, port, 1, ZX_USER_SIGNAL_0(), 0);
        assertStatus(ZX_OK(), kernel.zx_port_cancel(port, event, 1));

        int status = kernel.zx_port_cancel(port, event, 1);

        assertStatus(ZX_ERR_NOT_FOUND(), status);
    }

    @Test
    void cancelOnInterruptSource() {
        int port = zx.createPort();
        int interrupt = zx.createInterrupt();
        zx.waitAsync(interrupt, port, 1, ZX_USER_SIGNAL_0(), 0);

        int status = kernel.zx_port_cancel(port, interrupt, 1);

        assertStatus(ZX_OK(), status);
    }

    // ---------------------------------------------------------------------------------------
    // zx_port_cancel_key
    // ---------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 0x8000_0000, -1})
    void cancelKeyRejectsOptionsFirst(int options) {
        int status = kernel.zx_port_cancel_key(0x1234_5673, options, 1);

        assertStatus(ZX_ERR_INVALID_ARGS(), status);
    }

    @Test
    void cancelKeyRejectsOptionsAndKeepsPackets() {
        int port = zx.createPort();
        zx.queue(port, 1);

        int status = kernel.zx_port_cancel_key(port, 1, 1);

        assertStatus(ZX_ERR_INVALID_ARGS(), status);
        assertEquals(1, zx_port_packet_t.key(zx.take(port)));
    }

    @Test
    void cancelKeyMatchesAnyObject() {
        int port = zx.createPort();
        int first = zx.createEvent();
        int second = zx.createEvent();
        int copy = zx.duplicate(second, ZX_RIGHT_SAME_RIGHTS());
        zx.waitAsync(first, port, 5, ZX_USER_SIGNAL_0(), 0);
        zx.waitAsync(copy, port, 5, ZX_USER_SIGNAL_0(), 0);
        zx.waitAsync(second, port, 6, ZX_USER_SIGNAL_0(), 0);

        int status = kernel.zx_port_cancel_key(port, 0, 5);
        zx.signal(first, 0, ZX_USER_SIGNAL_0());
        zx.signal(second, 0, ZX_USER_SIGNAL_0());

        assertStatus(ZX_OK(), status);
        assertEquals(6, zx_port_packet_t.key(zx.take(port)));
        zx.assertEmpty(port);
    }

    @Test
    void cancelKeyRemovesQueuedSignalPackets() {
        int port = zx.createPort();
        int event = zx.createEvent();
        zx.waitAsync(event, port, 5, ZX_USER_SIGNAL_0(), 0);
        zx.signal(event, 0, ZX_USER_SIGNAL_0());

        int status = kernel.zx_port_cancel_key(port, 0, 5);

        assertStatus(ZX_OK(), status);
        zx.assertEmpty(port);
    }

    @Test
    void cancelKeyRemovesUserPackets() {
        int port = zx.createPort();
        zx.queue(port, 1);
        zx.queue(port, 2);
        zx.queue(port, 1);
        zx.queue(port, 3);

        int status = kernel.zx_port_cancel_key(port, 0, 1);

        assertStatus(ZX_OK(), status);
        assertEquals(2, zx_port_packet_t.key(zx.take(port)));
        assertEquals(3, zx_port_packet_t.key(zx.take(port)));
        zx.assertEmpty(port);
    }

    @Test
    void cancelKeyKeepsOrderOfRest() {
        int port = zx.createPort();
        int event = zx.createEvent();
        zx.signal(event, 0, ZX_USER_SIGNAL_0());
        zx.queue(port, 1);
        zx.waitAsync(event, port, 9, ZX_USER_SIGNAL_0(), 0);
        zx.waitAsync(event, port, 2, ZX_USER_SIGNAL_0(), 0);
        zx.queue(port, 9);
        zx.queue(port, 3);

        assertStatus(ZX_OK(), kernel.zx_port_cancel_key(port, 0, 9));

        assertEquals(1, zx_port_packet_t.key(zx.take(port)));
        assertEquals(2, zx_port_packet_t.key(zx.take(port)));
        assertEquals(3, zx_port_packet_t.key(zx.take(port)));
        zx.assertEmpty(port);
    }

    @Test
    void cancelKeyFindsNothing() {
        int port = zx.createPort();
        int event = zx.createEvent();
        zx.queue(port, 1);
        zx.waitAsync(event, port, 2, ZX_USER_SIGNAL_0(), 0);

        int status = kernel.zx_port_cancel_key(port, 0, 3);

        assertStatus(ZX_ERR_NOT_FOUND(), status);
    }

    @Test
    void cancelKeyOnEmptyPortFindsNothing() {
        int port = zx.createPort();

        int status = kernel.zx_port_cancel_key(port, 0, 0);

        assertStatus(ZX_ERR_NOT_FOUND(), status);
    }

    @Test
    void cancelKeyAfterDeliveryFindsNothing() {
        int port = zx.createPort();
        zx.queue(port, 4);
        zx.take(port);

        int status = kernel.zx_port_cancel_key(port, 0, 4);

        assertStatus(ZX_ERR_NOT_FOUND(), status);
    }

    @Test
    void cancelKeyNeedsWriteRight() {
        int port = zx.createPort();
        int withoutWrite = zx.duplicate(port, ZX_DEFAULT_PORT_RIGHTS() & ~ZX_RIGHT_WRITE());
        zx.queue(port, 1);

        int status = kernel.zx_port_cancel_key(withoutWrite, 0, 1);

        assertStatus(ZX_ERR_ACCESS_DENIED(), status);
        assertEquals(1, zx_port_packet_t.key(zx.take(port)));
    }

    @Test
    void cancelKeyFreesUserLimit() {
        int port = zx.createPort();
        fill(port, 9, MAX_USER_PACKETS + 1);
        assertStatus(ZX_ERR_SHOULD_WAIT(), zx.tryQueue(port, 9));

        assertStatus(ZX_OK(), kernel.zx_port_cancel_key(port, 0, 9));

        fill(port, 10, MAX_USER_PACKETS + 1);
        assertStatus(ZX_ERR_SHOULD_WAIT(), zx.tryQueue(port, 10));
        for (int i = 0; i <= MAX_USER_PACKETS; i++) {
            assertEquals(10, zx_port_packet_t.key(zx.take(port)), "packet " + i);
        }
        zx.assertEmpty(port);
    }

    @Test
    void cancelKeyFreesLimitBehindLivePacket() {
        int port = zx.createPort();
        zx.queue(port, 1);
        fill(port, 2, MAX_USER_PACKETS);
        assertStatus(ZX_ERR_SHOULD_WAIT(), zx.tryQueue(port, 2));

        assertStatus(ZX_OK(), kernel.zx_port_cancel_key(port, 0, 2));

        // One packet is left, so the limit lets 4096 more in, and not one beyond.
        fill(port, 3, MAX_USER_PACKETS);
        assertStatus(ZX_ERR_SHOULD_WAIT(), zx.tryQueue(port, 3));
        assertEquals(1, zx_port_packet_t.key(zx.take(port)));
        for (int i = 0; i < MAX_USER_PACKETS; i++) {
            assertEquals(3, zx_port_packet_t.key(zx.take(port)), "packet " + i);
        }
        zx.assertEmpty(port);
    }

    @Test
    void repeatedCancelKeyKeepsLimitExact() {
        int port = zx.createPort();
        zx.queue(port, 1);

        for (int round = 0; round < 4; round++) {
            fill(port, 100 + round, MAX_USER_PACKETS);
            assertStatus(ZX_ERR_SHOULD_WAIT(), zx.tryQueue(port, -1), "round " + round);
            assertStatus(ZX_OK(), kernel.zx_port_cancel_key(port, 0, 100 + round));
        }

        assertEquals(1, zx_port_packet_t.key(zx.take(port)));
        zx.assertEmpty(port);
    }

    private void fill(int port, long key, int count) {
        for (int i = 0; i < count; i++) {
            assertStatus(ZX_OK(), zx.tryQueue(port, key), "packet " + i + " with key " + key);
        }
    }
}
