package dev.zxport;

import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;

import static dev.zxport.StatusNames.assertStatus;
import static dev.zxport.sys.zircon_h.*;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED;
import static java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every single option bit of every syscall that takes options: the bits the kernel accepts
 * succeed, every other bit gives {@code ZX_ERR_INVALID_ARGS} with nothing created, written or
 * queued. Also checks that misaligned caller memory is accepted, because the kernel copies user
 * memory byte by byte.
 */
class OptionCatalogTest {
    private static final int MARKER = 0x5A5A5A5A;

    @Test
    void portCreateAcceptsOnlyBindToInterrupt() {
        try (SyscallFixture fixture = SyscallFixture.create()) {
            for (int bit = 0; bit < 32; bit++) {
                int options = 1 << bit;
                MemorySegment out = fixture.handleSlot();
                int handles = fixture.kernel.handleCount();

                int status = fixture.kernel.zx_port_create(options, out);

                int expected = options == ZX_PORT_BIND_TO_INTERRUPT() ? ZX_OK() : ZX_ERR_INVALID_ARGS();
                assertStatus(expected, status, "zx_port_create options 0x" + Integer.toHexString(options));
                if (expected != ZX_OK()) {
                    assertEquals(MARKER, out.get(JAVA_INT, 0), "out written for bit " + bit);
                    assertEquals(handles, fixture.kernel.handleCount(), "handle created for bit " + bit);
                }
            }
        }
    }

    @Test
    void eventCreateRejectsEveryOptionBit() {
        try (SyscallFixture fixture = SyscallFixture.create()) {
            for (int bit = 0; bit < 32; bit++) {
                MemorySegment out = fixture.handleSlot();

                int status = fixture.kernel.zx_event_create(1 << bit, out);

                assertStatus(ZX_ERR_INVALID_ARGS(), status, "zx_event_create bit " + bit);
                assertEquals(MARKER, out.get(JAVA_INT, 0), "out written for bit " + bit);
            }
            assertEquals(0, fixture.kernel.handleCount());
        }
    }

    @Test
    void waitAsyncAcceptsOnlyItsThreeOptions() {
        try (SyscallFixture fixture = SyscallFixture.create()) {
            int port = fixture.createPort();
            int event = fixture.createEvent();
            for (int bit = 0; bit < 32; bit++) {
                int options = 1 << bit;

                int status = fixture.kernel.zx_object_wait_async(event, port, bit, ZX_USER_SIGNAL_0(), options);

                boolean valid = options == ZX_WAIT_ASYNC_TIMESTAMP() || options == ZX_WAIT_ASYNC_EDGE()
                        || options == ZX_WAIT_ASYNC_BOOT_TIMESTAMP();
                assertStatus(valid ? ZX_OK() : ZX_ERR_INVALID_ARGS(), status, "zx_object_wait_async bit " + bit);
            }
            int both = ZX_WAIT_ASYNC_TIMESTAMP() | ZX_WAIT_ASYNC_BOOT_TIMESTAMP();
            assertStatus(ZX_ERR_INVALID_ARGS(),
                    fixture.kernel.zx_object_wait_async(event, port, 99, ZX_USER_SIGNAL_0(), both),
                    "zx_object_wait_async TIMESTAMP|BOOT_TIMESTAMP");

            // Only the three valid registrations exist: one signal fires exactly three packets.
            fixture.signal(event, 0, ZX_USER_SIGNAL_0());
            fixture.take(port);
            fixture.take(port);
            fixture.take(port);
            fixture.assertEmpty(port);
        }
    }

    @Test
    void cancelKeyRejectsEveryOptionBit() {
        try (SyscallFixture fixture = SyscallFixture.create()) {
            int port = fixture.createPort();
            fixture.queue(port, 7);
            for (int bit = 0; bit < 32; bit++) {
                assertStatus(ZX_ERR_INVALID_ARGS(), fixture.kernel.zx_port_cancel_key(port, 1 << bit, 7),
                        "zx_port_cancel_key bit " + bit);
            }

            assertEquals(7, fixture.take(port).get(JAVA_LONG_UNALIGNED, 0), "the packet with key 7 stays queued");
        }
    }

    @Test
    void interruptCreateAcceptsOnlyVirtualAlone() {
        try (SyscallFixture fixture = SyscallFixture.create()) {
            for (int bit = 0; bit < 32; bit++) {
                int options = ZX_INTERRUPT_VIRTUAL() | (1 << bit);
                MemorySegment out = fixture.handleSlot();

                int status = fixture.kernel.zx_interrupt_create(ZX_HANDLE_INVALID(), 0, options, out);

                int expected = options == ZX_INTERRUPT_VIRTUAL() ? ZX_OK() : ZX_ERR_INVALID_ARGS();
                assertStatus(expected, status, "zx_interrupt_create options 0x" + Integer.toHexString(options));
                if (expected != ZX_OK()) {
                    assertEquals(MARKER, out.get(JAVA_INT, 0), "out written for bit " + bit);
                }
            }
            assertEquals(1, fixture.kernel.handleCount());
        }
    }

    @Test
    void interruptBindAndTriggerRejectOtherBits() {
        try (SyscallFixture fixture = SyscallFixture.create()) {
            int port = fixture.createPort(ZX_PORT_BIND_TO_INTERRUPT());
            int interrupt = fixture.createInterrupt();
            for (int bit = 0; bit < 32; bit++) {
                int options = 1 << bit;
                if (options != ZX_INTERRUPT_UNBIND()) {
                    assertStatus(ZX_ERR_INVALID_ARGS(), fixture.kernel.zx_interrupt_bind(interrupt, port, 1, options),
                            "zx_interrupt_bind bit " + bit);
                }
                assertStatus(ZX_ERR_INVALID_ARGS(), fixture.kernel.zx_interrupt_trigger(interrupt, options, 5),
                        "zx_interrupt_trigger bit " + bit);
            }

            // Nothing was bound or triggered: binding now works and queues nothing.
            assertStatus(ZX_OK(), fixture.kernel.zx_interrupt_bind(interrupt, port, 1, ZX_INTERRUPT_BIND()));
            fixture.assertEmpty(port);
        }
    }

    @Test
    void misalignedSegmentsAreAccepted() {
        try (SyscallFixture fixture = SyscallFixture.create()) {
            MemorySegment block = fixture.arena.allocate(128, 8);
            MemorySegment handleOut = block.asSlice(1, 4);
            assertStatus(ZX_OK(), fixture.kernel.zx_port_create(0, handleOut), "zx_port_create, out at offset 1");
            int port = handleOut.get(JAVA_INT_UNALIGNED, 0);

            MemorySegment packet = block.asSlice(3, 48);
            packet.fill((byte) 0);
            packet.set(JAVA_LONG_UNALIGNED, 0, 0x1234_5678_9ABCL);
            assertStatus(ZX_OK(), fixture.kernel.zx_port_queue(port, packet), "zx_port_queue, packet at offset 3");

            MemorySegment received = block.asSlice(61, 48);
            assertStatus(ZX_OK(), fixture.kernel.zx_port_wait(port, ZX_TIME_INFINITE_PAST(), received),
                    "zx_port_wait, packet at offset 61");
            assertEquals(0x1234_5678_9ABCL, received.get(JAVA_LONG_UNALIGNED, 0));
        }
    }
}
