package dev.zxport;

import dev.zxport.sys.zx_port_packet_t;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import static dev.zxport.sys.zircon_h.*;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class KernelSmokeTest {
    @Test
    void queueThenWaitReturnsSamePacket() {
        try (Kernel kernel = Kernel.create(); Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(JAVA_INT);
            assertEquals(ZX_OK(), kernel.zx_port_create(0, out));
            int port = out.get(JAVA_INT, 0);
            assertEquals(3, port & 3);

            MemorySegment packet = zx_port_packet_t.allocate(arena);
            zx_port_packet_t.key(packet, 42);
            zx_port_packet_t.type(packet, 5);
            zx_port_packet_t.status(packet, -3);
            assertEquals(ZX_OK(), kernel.zx_port_queue(port, packet));

            MemorySegment received = zx_port_packet_t.allocate(arena);
            assertEquals(ZX_OK(), kernel.zx_port_wait(port, ZX_TIME_INFINITE(), received));
            assertEquals(42, zx_port_packet_t.key(received));
            assertEquals(ZX_PKT_TYPE_USER(), zx_port_packet_t.type(received));
            assertEquals(-3, zx_port_packet_t.status(received));
            assertEquals(ZX_ERR_TIMED_OUT(), kernel.zx_port_wait(port, 0, received));
        }
    }

    @Test
    void closedKernelCreatesNothing() {
        Kernel kernel = Kernel.create();
        kernel.close();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(JAVA_INT);
            out.set(JAVA_INT, 0, 0x5A5A5A5A);

            int port = kernel.zx_port_create(0, out);
            int event = kernel.zx_event_create(0, out);
            int interrupt = kernel.zx_interrupt_create(ZX_HANDLE_INVALID(), 0, ZX_INTERRUPT_VIRTUAL(), out);

            assertEquals(ZX_ERR_BAD_STATE(), port);
            assertEquals(ZX_ERR_BAD_STATE(), event);
            assertEquals(ZX_ERR_BAD_STATE(), interrupt);
            assertEquals(0x5A5A5A5A, out.get(JAVA_INT, 0), "nothing is written");
            assertEquals(0, kernel.handleCount());
        }
    }

    @Test
    void builderRejectsHandleLimitAtOnce() {
        Kernel.Builder builder = Kernel.builder();

        assertThrows(IllegalArgumentException.class, () -> builder.maxHandles(0));
    }
}
