package dev.zxport;

import dev.zxport.sys.zx_port_packet_t;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.function.IntSupplier;

import static dev.zxport.StatusNames.assertStatus;
import static dev.zxport.sys.zircon_h.*;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad pointers on every syscall that takes one. zxport checks each pointer before it changes any
 * state, so a bad pointer gives {@code ZX_ERR_INVALID_ARGS}, writes nothing, loses no packet and
 * throws nothing. A wait with a bad packet pointer leaves the packet queued, although the Zircon
 * kernel dequeues it first and loses it.
 */
class BadPointerTest {
    private static final byte MARKER = (byte) 0xC3;

    /** The kinds of bad pointer a C caller can pass. */
    enum BadSegment {
        /** The C NULL pointer. */
        NULL,
        /** A native address in the never-mapped first page. */
        LOW_ADDRESS,
        /** A segment one byte shorter than the C type. */
        SHORT,
        /** A read-only segment, bad only for output. */
        READ_ONLY,
        /** A segment of an arena that is already closed. */
        CLOSED_ARENA,
        /** A segment confined to another thread than the caller. */
        OTHER_THREAD;

        /** Returns true when the segment's bytes can be read afterwards to check that nothing was written. */
        boolean readableAfterwards() {
            return this == SHORT || this == READ_ONLY || this == OTHER_THREAD;
        }
    }

    private final SyscallFixture zx = SyscallFixture.create();
    private final Kernel kernel = zx.kernel;
    /** Arena of the test thread, whose segments {@link BadSegment#OTHER_THREAD} calls use from another thread. */
    private final Arena confined = Arena.ofConfined();

    @AfterEach
    void closeFixture() {
        confined.close();
        zx.close();
    }

    // ---------------------------------------------------------------------------------------
    // Handle out parameters
    // ---------------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(BadSegment.class)
    void portCreateBadOut(BadSegment kind) {
        MemorySegment out = badSegment(kind, 4);
        int before = kernel.handleCount();

        int status = call(kind, () -> kernel.zx_port_create(0, out));

        assertStatus(ZX_ERR_INVALID_ARGS(), status);
        assertEquals(before, kernel.handleCount(), "no handle may be created");
        assertUnchanged(kind, out);
    }

    @ParameterizedTest
    @EnumSource(BadSegment.class)
    void eventCreateBadOut(BadSegment kind) {
        MemorySegment out = badSegment(kind, 4);
        int before = kernel.handleCount();

        int status = call(kind, () -> kernel.zx_event_create(0, out));

        assertStatus(ZX_ERR_INVALID_ARGS(), status);
        assertEquals(before, kernel.handleCount(), "no handle may be created");
        assertUnchanged(kind, out);
    }

    @ParameterizedTest
    @EnumSource(BadSegment.class)
    void interruptCreateBadOut(BadSegment kind) {
        MemorySegment out = badSegment(kind, 4);
        int before = kernel.handleCount();

        int status = call(kind, () -> kernel.zx_interrupt_create(ZX_HANDLE_INVALID(), 0, ZX_INTERRUPT_VIRTUAL(), out));

        assertStatus(ZX_ERR_INVALID_ARGS(), status);
        assertEquals(before, kernel.handleCount(), "no handle may be created");
        assertUnchanged(kind, out);
    }

    @ParameterizedTest
    @EnumSource(BadSegment.class)
    void duplicateBadOut(BadSegment kind) {
        int event = zx.createEvent();
        MemorySegment out = badSegment(kind, 4);
        int before = kernel.handleCount();

        int status = call(kind, () -> kernel.zx_handle_duplicate(event, ZX_RIGHT_SAME_RIGHTS(), out));

        assertStatus(ZX_ERR_INVALID_ARGS(), status);
        assertEquals(before, kernel.handleCount(), "no handle may be created");
        assertTrue(zx.isValid(event));
        assertUnchanged(kind, out);
    }

    @ParameterizedTest
    @EnumSource(BadSegment.class)
    void replaceBadOutKeepsSource(BadSegment kind) {
        int event = zx.createEvent();
        MemorySegment out = badSegment(kind, 4);
        int before = kernel.handleCount();

        int status = call(kind, () -> kernel.zx_handle_replace(event, ZX_RIGHT_WAIT(), out));

        assertStatus(ZX_ERR_INVALID_ARGS(), status);
        assertEquals(before, kernel.handleCount());
        assertTrue(zx.isValid(event), "the source must stay open");
        assertEquals(ZX_DEFAULT_EVENT_RIGHTS(), zx.rights(event));
        assertUnchanged(kind, out);
    }

    // ---------------------------------------------------------------------------------------
    // Packets
    // ---------------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(value = BadSegment.class, mode = EnumSource.Mode.EXCLUDE, names = "READ_ONLY")
    void portQueueBadPacket(BadSegment kind) {
        int port = zx.createPort();
        MemorySegment packet = badSegment(kind, 48);

        int status = call(kind, () -> kernel.zx_port_queue(port, packet));

        assertStatus(ZX_ERR_INVALID_ARGS(), status);
        zx.assertEmpty(port);
    }

    @ParameterizedTest
    @EnumSource(BadSegment.class)
    void portWaitKeepsUserPacket(BadSegment kind) {
        int port = zx.createPort();
        zx.queue(port, 5);
        MemorySegment packet = badSegment(kind, 48);

        int status = call(kind, () -> kernel.zx_port_wait(port, ZX_TIME_INFINITE_PAST(), packet));

        assertStatus(ZX_ERR_INVALID_ARGS(), status);
        assertUnchanged(kind, packet);
        assertEquals(5, zx_port_packet_t.key(zx.take(port)), "the packet must still be queued");
        zx.assertEmpty(port);
    }

    @ParameterizedTest
    @EnumSource(BadSegment.class)
    void portWaitOnEmptyPortTimesOut(BadSegment kind) {
        int port = zx.createPort();
        MemorySegment packet = badSegment(kind, 48);

        int status = call(kind, () -> kernel.zx_port_wait(port, ZX_TIME_INFINITE_PAST(), packet));

        assertStatus(ZX_ERR_TIMED_OUT(), status, "the kernel copies out only once it has a packet");
        assertUnchanged(kind, packet);
    }

    @Test
    void portWaitBadPointerBlocks() {
        int port = zx.createPort();
        BlockingCall wait = BlockingCall.start("port-wait",
                () -> kernel.zx_port_wait(port, ZX_TIME_INFINITE(), MemorySegment.NULL));
        wait.awaitParked();

        zx.queue(port, 8);

        assertStatus(ZX_ERR_INVALID_ARGS(), wait.await());
        assertEquals(8, zx_port_packet_t.key(zx.take(port)), "the packet must still be queued");
    }

    @Test
    void badPointerWaitHandsWakeUpOn() {
        int port = zx.createPort();
        BlockingCall bad = BlockingCall.start("bad-wait",
                () -> kernel.zx_port_wait(port, ZX_TIME_INFINITE(), MemorySegment.NULL));
        bad.awaitParked();
        MemorySegment received = zx.newPacket();
        BlockingCall good = BlockingCall.start("good-wait", () -> kernel.zx_port_wait(port, ZX_TIME_INFINITE(), received));
        good.awaitParked();

        zx.queue(port, 9);

        assertStatus(ZX_OK(), good.await(), "the packet the bad wait left must reach the other waiter");
        assertEquals(9, zx_port_packet_t.key(received));
        // The bad wait is woken first and hands the wake-up on. If the good wait was woken
        // first instead, a second packet releases the bad one.
        zx.queue(port, 10);
        assertStatus(ZX_ERR_INVALID_ARGS(), bad.await());
    }

    @ParameterizedTest
    @EnumSource(BadSegment.class)
    void portWaitKeepsSignalPacket(BadSegment kind) {
        int port = zx.createPort();
        int event = zx.createEvent();
        zx.waitAsync(event, port, 6, ZX_USER_SIGNAL_0(), 0);
        zx.signal(event, 0, ZX_USER_SIGNAL_0());
        MemorySegment packet = badSegment(kind, 48);

        int status = call(kind, () -> kernel.zx_port_wait(port, ZX_TIME_INFINITE_PAST(), packet));

        assertStatus(ZX_ERR_INVALID_ARGS(), status);
        assertUnchanged(kind, packet);
        MemorySegment received = zx.take(port);
        assertEquals(6, zx_port_packet_t.key(received), "the packet must still be queued");
        assertEquals(ZX_PKT_TYPE_SIGNAL_ONE(), zx_port_packet_t.type(received));
    }

    @ParameterizedTest
    @EnumSource(BadSegment.class)
    void portWaitKeepsInterruptPacket(BadSegment kind) {
        int port = zx.createPort(ZX_PORT_BIND_TO_INTERRUPT());
        int interrupt = zx.createInterrupt();
        assertStatus(ZX_OK(), kernel.zx_interrupt_bind(interrupt, port, 7, ZX_INTERRUPT_BIND()));
        assertStatus(ZX_OK(), kernel.zx_interrupt_trigger(interrupt, 0, 1234));
        MemorySegment packet = badSegment(kind, 48);

        int status = call(kind, () -> kernel.zx_port_wait(port, ZX_TIME_INFINITE_PAST(), packet));

        assertStatus(ZX_ERR_INVALID_ARGS(), status);
        assertUnchanged(kind, packet);
        MemorySegment received = zx.take(port);
        assertEquals(7, zx_port_packet_t.key(received), "the packet must still be queued");
        assertEquals(ZX_PKT_TYPE_INTERRUPT(), zx_port_packet_t.type(received));
    }

    // ---------------------------------------------------------------------------------------
    // Signals and interrupts
    // ---------------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(value = BadSegment.class, mode = EnumSource.Mode.EXCLUDE, names = "NULL")
    void waitOneBadObserved(BadSegment kind) {
        int event = zx.createEvent();
        zx.signal(event, 0, ZX_USER_SIGNAL_0());
        MemorySegment observed = badSegment(kind, 4);

        int status = call(kind, () -> kernel.zx_object_wait_one(event, ZX_USER_SIGNAL_0(), ZX_TIME_INFINITE_PAST(),
                observed));

        assertStatus(ZX_ERR_INVALID_ARGS(), status);
        assertUnchanged(kind, observed);
    }

    @ParameterizedTest
    @EnumSource(value = BadSegment.class, mode = EnumSource.Mode.EXCLUDE, names = "NULL")
    void interruptWaitBadTimestampKeepsTrigger(BadSegment kind) {
        int interrupt = zx.createInterrupt();
        assertStatus(ZX_OK(), kernel.zx_interrupt_trigger(interrupt, 0, 4321));
        MemorySegment timestamp = badSegment(kind, 8);

        int status = call(kind, () -> kernel.zx_interrupt_wait(interrupt, timestamp));

        assertStatus(ZX_ERR_INVALID_ARGS(), status);
        assertUnchanged(kind, timestamp);
        MemorySegment good = zx.arena.allocate(JAVA_LONG);
        assertStatus(ZX_OK(), kernel.zx_interrupt_wait(interrupt, good), "the trigger must still be pending");
        assertEquals(4321, good.get(JAVA_LONG, 0));
    }

    // ---------------------------------------------------------------------------------------
    // zx_object_get_info
    // ---------------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(BadSegment.class)
    void getInfoBadBuffer(BadSegment kind) {
        int event = zx.createEvent();
        MemorySegment buffer = badSegment(kind, 32);
        MemorySegment actual = marked(8);
        MemorySegment avail = marked(8);

        int status = call(kind, () -> kernel.zx_object_get_info(event, ZX_INFO_HANDLE_BASIC(), buffer, 32,
                actual, avail));

        assertStatus(ZX_ERR_INVALID_ARGS(), status);
        assertUnchanged(kind, buffer);
        assertMarked(actual, "actual");
        assertMarked(avail, "avail");
    }

    @ParameterizedTest
    @EnumSource(value = BadSegment.class, mode = EnumSource.Mode.EXCLUDE, names = "NULL")
    void getInfoBadActual(BadSegment kind) {
        int event = zx.createEvent();
        MemorySegment buffer = marked(32);
        MemorySegment actual = badSegment(kind, 8);
        MemorySegment avail = marked(8);

        int status = call(kind, () -> kernel.zx_object_get_info(event, ZX_INFO_HANDLE_BASIC(), buffer, 32,
                actual, avail));

        assertStatus(ZX_ERR_INVALID_ARGS(), status);
        assertUnchanged(kind, actual);
        assertMarked(buffer, "buffer");
        assertMarked(avail, "avail");
    }

    @ParameterizedTest
    @EnumSource(value = BadSegment.class, mode = EnumSource.Mode.EXCLUDE, names = "NULL")
    void getInfoBadAvail(BadSegment kind) {
        int event = zx.createEvent();
        MemorySegment buffer = marked(32);
        MemorySegment actual = marked(8);
        MemorySegment avail = badSegment(kind, 8);

        int status = call(kind, () -> kernel.zx_object_get_info(event, ZX_INFO_HANDLE_BASIC(), buffer, 32,
                actual, avail));

        assertStatus(ZX_ERR_INVALID_ARGS(), status);
        assertUnchanged(kind, avail);
        assertMarked(buffer, "buffer");
        assertMarked(actual, "actual");
    }

    @ParameterizedTest
    @EnumSource(value = BadSegment.class, mode = EnumSource.Mode.EXCLUDE, names = "NULL")
    void getInfoTooSmallBadActual(BadSegment kind) {
        int event = zx.createEvent();
        MemorySegment actual = badSegment(kind, 8);
        MemorySegment avail = marked(8);

        int status = call(kind, () -> kernel.zx_object_get_info(event, ZX_INFO_HANDLE_BASIC(), MemorySegment.NULL, 0,
                actual, avail));

        assertStatus(ZX_ERR_INVALID_ARGS(), status);
        assertMarked(avail, "avail");
    }

    // ---------------------------------------------------------------------------------------
    // zx_handle_close_many
    // ---------------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(value = BadSegment.class, mode = EnumSource.Mode.EXCLUDE, names = "READ_ONLY")
    void closeManyBadArray(BadSegment kind) {
        int event = zx.createEvent();
        MemorySegment handles = badSegment(kind, 4);
        if (kind == BadSegment.OTHER_THREAD) {
            handles.set(JAVA_INT, 0, event);
        }

        int status = call(kind, () -> kernel.zx_handle_close_many(handles, 1));

        assertStatus(ZX_ERR_INVALID_ARGS(), status);
        assertTrue(zx.isValid(event), "nothing may be closed");
    }

    /**
     * Returns a bad segment of the given kind for a C object of {@code size} bytes, filled with
     * {@link #MARKER} where it has memory.
     */
    private MemorySegment badSegment(BadSegment kind, long size) {
        return switch (kind) {
            case NULL -> MemorySegment.NULL;
            case LOW_ADDRESS -> MemorySegment.ofAddress(64).reinterpret(size);
            case SHORT -> marked(size - 1);
            case READ_ONLY -> marked(size).asReadOnly();
            case CLOSED_ARENA -> {
                Arena arena = Arena.ofShared();
                MemorySegment segment = arena.allocate(size, 8);
                arena.close();
                yield segment;
            }
            case OTHER_THREAD -> {
                MemorySegment segment = confined.allocate(size, 8);
                segment.fill(MARKER);
                yield segment;
            }
        };
    }

    private MemorySegment marked(long size) {
        MemorySegment segment = zx.arena.allocate(size, 8);
        segment.fill(MARKER);
        return segment;
    }

    /** Runs {@code syscall} on another thread for {@link BadSegment#OTHER_THREAD}, else on this one. */
    private static int call(BadSegment kind, IntSupplier syscall) {
        if (kind == BadSegment.OTHER_THREAD) {
            return BlockingCall.start("other-thread", syscall).await();
        }
        return syscall.getAsInt();
    }

    private static void assertUnchanged(BadSegment kind, MemorySegment segment) {
        if (kind.readableAfterwards()) {
            assertMarked(segment, kind.name() + " segment");
        }
    }

    private static void assertMarked(MemorySegment segment, String name) {
        for (long offset = 0; offset < segment.byteSize(); offset++) {
            assertEquals(MARKER, segment.get(JAVA_BYTE, offset), name + " byte " + offset + " was written");
        }
    }
}
