package dev.zxport.interop;

import dev.zxport.Kernel;
import dev.zxport.sys.zx_info_handle_basic;
import dev.zxport.sys.zx_packet_interrupt;
import dev.zxport.sys.zx_packet_signal;
import dev.zxport.sys.zx_port_packet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.zxport.sys.zircon_h.*;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** C code compiled against the headers talks to the Java kernel through the shim, byte for byte. */
class CAbiTest {
    private static final int PACKET_SIZE = (int) zx_port_packet.sizeof();
    /** The calls abi_bad_pointer_calls makes, in order; each must return ZX_ERR_INVALID_ARGS. */
    private static final List<String> BAD_POINTER_CALLS = List.of(
            "zx_port_create(0, NULL)",
            "zx_port_create(0, (void*)8)",
            "zx_port_create(0, unmapped)",
            "zx_port_create(0, literal)",
            "zx_port_queue(port, NULL)",
            "zx_port_queue(port, (void*)8)",
            "zx_port_queue(port, unmapped)",
            "zx_port_wait(port, 0, (void*)8)",
            "zx_port_wait(port, 0, unmapped)",
            "zx_port_wait(port, 0, literal)",
            "zx_object_wait_one(event, ..., literal)",
            "zx_object_get_info(event, ..., unmapped, ...)",
            "zx_handle_close_many(unmapped, 1)",
            "zx_handle_duplicate(event, ..., literal)");

    private static Shim shim;
    private static CProgram library;

    @BeforeAll
    static void compileLibrary() {
        shim = TestLibraries.shim();
        library = TestLibraries.abiProbe();
    }

    @Test
    void shouldMatchGeneratedLayout() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment layout = arena.allocate(JAVA_LONG, 11);

            call("abi_layout", FunctionDescriptor.ofVoid(ADDRESS), layout);

            var packet = zx_port_packet.layout();
            assertEquals(packet.byteSize(), layout.getAtIndex(JAVA_LONG, 0), "sizeof(zx_port_packet_t)");
            assertEquals(zx_port_packet.key$offset(), layout.getAtIndex(JAVA_LONG, 1), "key");
            assertEquals(zx_port_packet.type$offset(), layout.getAtIndex(JAVA_LONG, 2), "type");
            assertEquals(zx_port_packet.status$offset(), layout.getAtIndex(JAVA_LONG, 3), "status");
            assertEquals(zx_port_packet.user$offset(), layout.getAtIndex(JAVA_LONG, 4), "user");
            long signal = zx_port_packet.signal$offset();
            assertEquals(signal + zx_packet_signal.trigger$offset(), layout.getAtIndex(JAVA_LONG, 5), "signal.trigger");
            assertEquals(signal + zx_packet_signal.observed$offset(), layout.getAtIndex(JAVA_LONG, 6), "signal.observed");
            assertEquals(signal + zx_packet_signal.count$offset(), layout.getAtIndex(JAVA_LONG, 7), "signal.count");
            assertEquals(signal + zx_packet_signal.timestamp$offset(), layout.getAtIndex(JAVA_LONG, 8),
                    "signal.timestamp");
            assertEquals(zx_port_packet.interrupt$offset() + zx_packet_interrupt.timestamp$offset(),
                    layout.getAtIndex(JAVA_LONG, 9), "interrupt.timestamp");
            assertEquals(zx_info_handle_basic.sizeof(), layout.getAtIndex(JAVA_LONG, 10), "sizeof(zx_info_handle_basic_t)");
        }
    }

    @Test
    void shouldReadCPacketByteForByte() {
        try (Kernel kernel = Kernel.create(); Shim.Installation _ = shim.install(kernel);
             Arena arena = Arena.ofConfined()) {
            int port = createPort(kernel, arena);
            MemorySegment received = zx_port_packet.allocate(arena);

            int queued = (int) call("abi_queue_pattern", FunctionDescriptor.of(JAVA_INT, JAVA_INT), port);
            int waited = kernel.zx_port_wait(port, 0, received);

            assertEquals(ZX_OK(), queued);
            assertEquals(ZX_OK(), waited);
            for (int i = 0; i < PACKET_SIZE; i++) {
                boolean typeField = i >= 8 && i < 12;
                byte expected = typeField ? 0 : patternByte(i);
                assertEquals(expected, received.get(JAVA_BYTE, i), "byte " + i + " of the packet");
            }
        }
    }

    @Test
    void shouldWriteSignalPacketToC() {
        try (Kernel kernel = Kernel.create(); Shim.Installation _ = shim.install(kernel);
             Arena arena = Arena.ofConfined()) {
            int port = createPort(kernel, arena);
            MemorySegment out = arena.allocate(JAVA_INT);
            kernel.zx_event_create(0, out);
            int event = out.get(JAVA_INT, 0);
            kernel.zx_object_wait_async(event, port, 0xABCDL, ZX_USER_SIGNAL_1(), ZX_WAIT_ASYNC_TIMESTAMP());
            kernel.zx_object_signal(event, 0, ZX_USER_SIGNAL_1() | ZX_EVENT_SIGNALED());
            MemorySegment copy = arena.allocate(PACKET_SIZE, 8);

            int status = (int) call("abi_wait_copy", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, ADDRESS),
                    port, 0L, copy);

            MemorySegment signal = zx_port_packet.signal(copy);
            assertEquals(ZX_OK(), status);
            assertEquals(0xABCDL, zx_port_packet.key(copy));
            assertEquals(ZX_PKT_TYPE_SIGNAL_ONE(), zx_port_packet.type(copy));
            assertEquals(ZX_OK(), zx_port_packet.status(copy));
            assertEquals(ZX_USER_SIGNAL_1(), zx_packet_signal.trigger(signal));
            assertEquals(ZX_USER_SIGNAL_1() | ZX_EVENT_SIGNALED(), zx_packet_signal.observed(signal));
            assertEquals(1L, zx_packet_signal.count(signal));
            assertTrue(zx_packet_signal.timestamp(signal) > 0, "timestamp set by ZX_WAIT_ASYNC_TIMESTAMP");
            assertEquals(0L, zx_packet_signal.reserved1(signal));
        }
    }

    @Test
    void shouldWriteInterruptPacketToC() {
        try (Kernel kernel = Kernel.create(); Shim.Installation _ = shim.install(kernel);
             Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(JAVA_INT);
            kernel.zx_port_create(ZX_PORT_BIND_TO_INTERRUPT(), out);
            int port = out.get(JAVA_INT, 0);
            kernel.zx_interrupt_create(0, 0, ZX_INTERRUPT_VIRTUAL(), out);
            int interrupt = out.get(JAVA_INT, 0);
            kernel.zx_interrupt_bind(interrupt, port, 77, ZX_INTERRUPT_BIND());
            kernel.zx_interrupt_trigger(interrupt, 0, 123_456_789L);
            MemorySegment copy = arena.allocate(PACKET_SIZE, 8);

            int status = (int) call("abi_wait_copy", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, ADDRESS),
                    port, 0L, copy);

            assertEquals(ZX_OK(), status);
            assertEquals(77L, zx_port_packet.key(copy));
            assertEquals(ZX_PKT_TYPE_INTERRUPT(), zx_port_packet.type(copy));
            assertEquals(123_456_789L, zx_packet_interrupt.timestamp(zx_port_packet.interrupt(copy)));
            for (int offset = 24; offset < PACKET_SIZE; offset++) {
                assertEquals(0, copy.get(JAVA_BYTE, offset), "reserved byte " + offset);
            }
        }
    }

    @Test
    void shouldRejectBadPointersFromC() {
        try (Kernel kernel = Kernel.create(); Shim.Installation _ = shim.install(kernel);
             Arena arena = Arena.ofConfined()) {
            int port = createPort(kernel, arena);
            MemorySegment out = arena.allocate(JAVA_INT);
            kernel.zx_event_create(0, out);
            int event = out.get(JAVA_INT, 0);
            kernel.zx_port_queue(port, zx_port_packet.allocate(arena));
            MemorySegment statuses = arena.allocate(JAVA_INT, 32);

            int count = (int) call("abi_bad_pointer_calls",
                    FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS), port, event, statuses);

            assertEquals(BAD_POINTER_CALLS.size(), count);
            for (int i = 0; i < count; i++) {
                assertEquals(ZX_ERR_INVALID_ARGS(), statuses.getAtIndex(JAVA_INT, i), BAD_POINTER_CALLS.get(i));
            }
            assertEquals(ZX_OK(), kernel.zx_port_wait(port, 0, zx_port_packet.allocate(arena)),
                    "the packet stays queued after the failed waits");
        }
    }

    @Test
    void shouldServeBlockedCThreads() throws InterruptedException {
        int waiters = 4;
        int producers = 2;
        int packetsPerProducer = 2_000;
        long stopKey = -1L;
        try (Kernel kernel = Kernel.create(); Shim.Installation _ = shim.install(kernel);
             Arena arena = Arena.ofShared()) {
            int port = createPort(kernel, arena);
            int started = (int) call("abi_start_waiters", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_LONG),
                    port, waiters, stopKey);
            AtomicInteger failedQueues = new AtomicInteger();
            List<Thread> threads = new ArrayList<>();
            for (int p = 0; p < producers; p++) {
                int producer = p;
                threads.add(Thread.ofPlatform().start(() -> {
                    try (Arena local = Arena.ofConfined()) {
                        MemorySegment packet = zx_port_packet.allocate(local);
                        for (int i = 1; i <= packetsPerProducer; i++) {
                            zx_port_packet.key(packet, (long) producer * packetsPerProducer + i);
                            // Back off while the port is at its limit of queued user packets.
                            int status;
                            while ((status = kernel.zx_port_queue(port, packet)) == ZX_ERR_SHOULD_WAIT()) {
                                Thread.onSpinWait();
                            }
                            if (status != ZX_OK()) {
                                failedQueues.incrementAndGet();
                            }
                        }
                    }
                }));
            }
            for (Thread thread : threads) {
                thread.join();
            }
            MemorySegment stop = zx_port_packet.allocate(arena);
            zx_port_packet.key(stop, stopKey);
            for (int i = 0; i < waiters; i++) {
                kernel.zx_port_queue(port, stop);
            }
            MemorySegment results = arena.allocate(JAVA_LONG, 3L * waiters);

            call("abi_join_waiters", FunctionDescriptor.ofVoid(ADDRESS), results);

            long total = producers * (long) packetsPerProducer;
            long packets = 0;
            long keySum = 0;
            for (int i = 0; i < waiters; i++) {
                packets += results.getAtIndex(JAVA_LONG, 3L * i);
                keySum += results.getAtIndex(JAVA_LONG, 3L * i + 1);
                assertEquals(ZX_OK(), (int) results.getAtIndex(JAVA_LONG, 3L * i + 2), "status of waiter " + i);
            }
            assertEquals(0, started, "abi_start_waiters");
            assertEquals(0, failedQueues.get(), "failed zx_port_queue calls");
            assertEquals(total, packets, "packets taken by the C threads");
            assertEquals(total * (total + 1) / 2, keySum, "sum of the keys taken");
        }
    }

    private static int createPort(Kernel kernel, Arena arena) {
        MemorySegment out = arena.allocate(JAVA_INT);
        assertEquals(ZX_OK(), kernel.zx_port_create(0, out), "zx_port_create");
        return out.get(JAVA_INT, 0);
    }

    private static byte patternByte(int i) {
        return (byte) (i * 7 + 3);
    }

    private static Object call(String function, FunctionDescriptor descriptor, Object... arguments) {
        MemorySegment address = library.symbols().find(function).orElseThrow();
        MethodHandle handle = Linker.nativeLinker().downcallHandle(address, descriptor);
        try {
            return handle.invokeWithArguments(arguments);
        } catch (Throwable e) {
            throw new AssertionError("calling " + function + " failed", e);
        }
    }
}
