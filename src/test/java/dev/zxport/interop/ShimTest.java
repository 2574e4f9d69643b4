package dev.zxport.interop;

import dev.zxport.Kernel;
import dev.zxport.sys.zircon_h;
import dev.zxport.sys.zx_port_packet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;

import static dev.zxport.sys.zircon_h.*;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Java calls through the shim's C entry points (the generated downcalls) into an installed kernel. */
class ShimTest {
    private static final int PACKET_SIZE = (int) zx_port_packet.sizeof();

    private static Shim shim;

    @BeforeAll
    static void loadShim() {
        shim = TestLibraries.shim();
    }

    @Test
    void shouldQueueThroughCEntryPoint() {
        try (Kernel kernel = Kernel.create(); Shim.Installation _ = shim.install(kernel);
             Arena arena = Arena.ofConfined()) {
            int port = createPort(arena);
            MemorySegment packet = zx_port_packet.allocate(arena);
            for (int i = 0; i < PACKET_SIZE; i++) {
                packet.set(JAVA_BYTE, i, (byte) (i * 5 + 1));
            }
            MemorySegment received = zx_port_packet.allocate(arena);

            int queued = zircon_h.zx_port_queue(port, packet);
            int waited = kernel.zx_port_wait(port, 0, received);

            assertEquals(ZX_OK(), queued);
            assertEquals(ZX_OK(), waited);
            assertArrayEquals(bytes(packet, 0, 8), bytes(received, 0, 8), "key");
            assertEquals(ZX_PKT_TYPE_USER(), zx_port_packet.type(received), "type");
            assertArrayEquals(bytes(packet, 12, PACKET_SIZE), bytes(received, 12, PACKET_SIZE), "status and payload");
        }
    }

    @Test
    void shouldWaitThroughCEntryPoint() {
        try (Kernel kernel = Kernel.create(); Shim.Installation _ = shim.install(kernel);
             Arena arena = Arena.ofConfined()) {
            int port = createPort(arena);
            MemorySegment packet = zx_port_packet.allocate(arena);
            zx_port_packet.key(packet, 0x1122334455667788L);
            zx_port_packet.status(packet, -42);
            kernel.zx_port_queue(port, packet);
            MemorySegment received = zx_port_packet.allocate(arena);

            int waited = zircon_h.zx_port_wait(port, ZX_TIME_INFINITE(), received);

            assertEquals(ZX_OK(), waited);
            assertEquals(0x1122334455667788L, zx_port_packet.key(received));
            assertEquals(-42, zx_port_packet.status(received));
        }
    }

    @Test
    void shouldRejectBadPointersFromJava() {
        try (Kernel kernel = Kernel.create(); Shim.Installation _ = shim.install(kernel);
             Arena arena = Arena.ofConfined()) {
            int port = createPort(arena);

            int nullPacket = zircon_h.zx_port_queue(port, MemorySegment.NULL);
            int zeroPagePacket = zircon_h.zx_port_queue(port, MemorySegment.ofAddress(8));
            int nullOut = zircon_h.zx_port_create(0, MemorySegment.NULL);

            assertEquals(ZX_ERR_INVALID_ARGS(), nullPacket);
            assertEquals(ZX_ERR_INVALID_ARGS(), zeroPagePacket);
            assertEquals(ZX_ERR_INVALID_ARGS(), nullOut);
        }
    }

    @Test
    void shouldReturnBadStateWithoutKernel() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(JAVA_INT);

            int status = zircon_h.zx_port_create(0, out);
            long now = zircon_h.zx_clock_get_monotonic();

            assertEquals(ZX_ERR_BAD_STATE(), status);
            assertEquals(0, now);
        }
    }

    @Test
    void shouldReturnBadStateAfterUninstall() {
        try (Kernel kernel = Kernel.create(); Arena arena = Arena.ofConfined()) {
            Shim.Installation installation = shim.install(kernel);
            int port = createPort(arena);
            installation.close();

            int status = zircon_h.zx_port_queue(port, zx_port_packet.allocate(arena));

            assertEquals(ZX_ERR_BAD_STATE(), status);
        }
    }

    @Test
    void shouldRejectSecondInstall() {
        try (Kernel first = Kernel.create(); Kernel second = Kernel.create();
             Shim.Installation _ = shim.install(first)) {

            IllegalStateException error = assertThrows(IllegalStateException.class, () -> shim.install(second));

            assertTrue(error.getMessage().contains("already installed"), error.getMessage());
        }
    }

    @Test
    void shouldTurnUpcallExceptionIntoInternal() {
        OutputStream failing = new OutputStream() {
            @Override
            public void write(int b) {
                throw new IllegalStateException("trace stream failed on purpose");
            }
        };
        try (Kernel kernel = Kernel.create(); Shim.Installation _ = shim.install(kernel, new PrintStream(failing));
             Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(JAVA_INT);

            int status = zircon_h.zx_port_create(0, out);

            assertEquals(ZX_ERR_INTERNAL(), status);
        }
    }

    @Test
    void shouldTraceCallsWithNames() {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream trace = new PrintStream(buffer, true, StandardCharsets.UTF_8);
        try (Kernel kernel = Kernel.create(); Shim.Installation _ = shim.install(kernel, trace);
             Arena arena = Arena.ofConfined()) {
            int port = createPort(arena);
            MemorySegment packet = zx_port_packet.allocate(arena);
            zx_port_packet.key(packet, 9);
            zircon_h.zx_port_queue(port, packet);
            zircon_h.zx_port_wait(port, ZX_TIME_INFINITE(), packet);
            zircon_h.zx_port_wait(port, ZX_TIME_INFINITE_PAST(), packet);
            zircon_h.zx_handle_duplicate(port, ZX_RIGHT_READ() | ZX_RIGHT_WRITE(), MemorySegment.NULL);

            String[] lines = buffer.toString(StandardCharsets.UTF_8).split("\n");
            String handle = "0x" + Integer.toHexString(port);

            assertEquals(5, lines.length, String.join("\n", lines));
            assertEquals("zx_port_create(0, [" + handle + "]) = ZX_OK", lines[0]);
            assertEquals("zx_port_wait(" + handle + ", ZX_TIME_INFINITE, {key=9, type=ZX_PKT_TYPE_USER, status=ZX_OK, "
                    + "user={u64=[0, 0, 0, 0]}}) = ZX_OK", lines[2]);
            assertEquals("zx_port_wait(" + handle + ", ZX_TIME_INFINITE_PAST, 0x" + Long.toHexString(packet.address())
                    + ") = ZX_ERR_TIMED_OUT", lines[3]);
            assertEquals("zx_handle_duplicate(" + handle + ", ZX_RIGHT_READ|ZX_RIGHT_WRITE, NULL) = ZX_ERR_INVALID_ARGS",
                    lines[4]);
        }
    }

    private static int createPort(Arena arena) {
        MemorySegment out = arena.allocate(JAVA_INT);
        int status = zircon_h.zx_port_create(0, out);
        assertEquals(ZX_OK(), status, "zx_port_create");
        return out.get(JAVA_INT, 0);
    }

    private static byte[] bytes(MemorySegment segment, int from, int to) {
        return segment.asSlice(from, to - from).toArray(JAVA_BYTE);
    }
}
