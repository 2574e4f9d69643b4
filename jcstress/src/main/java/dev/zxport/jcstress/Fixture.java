package dev.zxport.jcstress;

import dev.zxport.Kernel;

import java.lang.foreign.MemorySegment;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import static dev.zxport.sys.zircon_h.ZX_HANDLE_INVALID;
import static dev.zxport.sys.zircon_h.ZX_INTERRUPT_BIND;
import static dev.zxport.sys.zircon_h.ZX_INTERRUPT_VIRTUAL;
import static dev.zxport.sys.zircon_h.ZX_OK;
import static dev.zxport.sys.zircon_h.ZX_PORT_BIND_TO_INTERRUPT;
import static dev.zxport.sys.zircon_h.ZX_PKT_TYPE_SIGNAL_ONE;
import static dev.zxport.sys.zircon_h.ZX_RIGHT_SAME_RIGHTS;
import static dev.zxport.sys.zircon_h.ZX_TIME_INFINITE_PAST;
import static dev.zxport.sys.zircon_h.ZX_USER_SIGNAL_0;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * Setup and checking helpers shared by the jcstress states. Every call goes through the public
 * {@link Kernel} API. Segments are heap arrays of longs: the kernel accepts heap memory, and a
 * long array gives the 8-byte alignment that the generated packet accessors require.
 *
 * <p>A user packet built by {@link #userPacket} carries a pattern derived from its key in all 48
 * bytes, except the type field, which the kernel overwrites with {@code ZX_PKT_TYPE_USER} (0).
 */
final class Fixture {
    /** Returned by {@link #keyOf} for a packet whose bytes do not match the pattern of its key. */
    static final int TORN = -1;

    private static final long STATUS_SALT = 0x5A5A_0000L;
    private static final long PAYLOAD_MULTIPLIER = 0x9E37_79B9_7F4A_7C15L;

    /**
     * Idle ports with a user-packet limit of 1 and of 3. Closing a port frees its shared arena, which
     * costs a handshake with every thread of the JVM; pooling keeps that cost out of the tests
     * that do not race the close itself. A reused port also starts at a different ring position
     * in every state, so the races run across wraps.
     */
    private static final Queue<PooledPort> SMALL_PORTS = new ConcurrentLinkedQueue<>();
    private static final Queue<PooledPort> LARGE_PORTS = new ConcurrentLinkedQueue<>();

    /** Idle {@code ZX_PORT_BIND_TO_INTERRUPT} ports, each with an idle virtual interrupt bound to it. */
    private static final Queue<InterruptPort> INTERRUPT_PORTS = new ConcurrentLinkedQueue<>();

    /** An empty port and the kernel that owns it. */
    record PooledPort(Kernel kernel, int port, int maxUserPackets) {
    }

    /** An empty interrupt port, the virtual interrupt bound to it with {@link #INTERRUPT_KEY}, and their kernel. */
    record InterruptPort(Kernel kernel, int port, int interrupt) {
    }

    /** The key of the interrupt packets of an {@link InterruptPort}. */
    static final int INTERRUPT_KEY = 7;

    private Fixture() {
    }

    /** Takes an empty port with a user-packet limit of 1 or 3 from the pool, or creates one. */
    static PooledPort takePort(int maxUserPackets) {
        PooledPort pooled = pool(maxUserPackets).poll();
        if (pooled != null) {
            return pooled;
        }
        Kernel kernel = kernel(maxUserPackets);
        return new PooledPort(kernel, createPort(kernel), maxUserPackets);
    }

    /** Drains {@code pooled} and puts it back for the next state. */
    static void recyclePort(PooledPort pooled) {
        drainCount(pooled.kernel(), pooled.port());
        pool(pooled.maxUserPackets()).offer(pooled);
    }

    /** Takes an idle interrupt port from the pool, or creates one with a limit of 3 user packets. */
    static InterruptPort takeInterruptPort() {
        InterruptPort pooled = INTERRUPT_PORTS.poll();
        if (pooled != null) {
            return pooled;
        }
        Kernel kernel = kernel(3);
        MemorySegment out = MemorySegment.ofArray(new int[1]);
        check(kernel.zx_port_create(ZX_PORT_BIND_TO_INTERRUPT(), out), "zx_port_create");
        int port = out.get(JAVA_INT, 0);
        check(kernel.zx_interrupt_create(ZX_HANDLE_INVALID(), 0, ZX_INTERRUPT_VIRTUAL(), out), "zx_interrupt_create");
        int interrupt = out.get(JAVA_INT, 0);
        check(kernel.zx_interrupt_bind(interrupt, port, INTERRUPT_KEY, ZX_INTERRUPT_BIND()), "zx_interrupt_bind");
        return new InterruptPort(kernel, port, interrupt);
    }

    /** Drains {@code pooled}, acknowledges its interrupt so that it is idle again, and puts it back. */
    static void recycleInterruptPort(InterruptPort pooled) {
        drainCount(pooled.kernel(), pooled.port());
        check(pooled.kernel().zx_interrupt_ack(pooled.interrupt()), "zx_interrupt_ack");
        INTERRUPT_PORTS.offer(pooled);
    }

    private static Queue<PooledPort> pool(int maxUserPackets) {
        return switch (maxUserPackets) {
            case 1 -> SMALL_PORTS;
            case 3 -> LARGE_PORTS;
            default -> throw new IllegalArgumentException("maxUserPackets=" + maxUserPackets + ", must be 1 or 3");
        };
    }

    /** Creates a kernel with a fixed handle seed and a user-packet limit of {@code maxUserPackets}. */
    static Kernel kernel(int maxUserPackets) {
        return Kernel.builder().maxUserPackets(maxUserPackets).handleSeed(42).build();
    }

    static MemorySegment packetBuffer() {
        return MemorySegment.ofArray(new long[6]);
    }

    static int createPort(Kernel kernel) {
        MemorySegment out = MemorySegment.ofArray(new int[1]);
        check(kernel.zx_port_create(0, out), "zx_port_create");
        return out.get(JAVA_INT, 0);
    }

    static int createEvent(Kernel kernel) {
        MemorySegment out = MemorySegment.ofArray(new int[1]);
        check(kernel.zx_event_create(0, out), "zx_event_create");
        return out.get(JAVA_INT, 0);
    }

    static int duplicate(Kernel kernel, int handle) {
        MemorySegment out = MemorySegment.ofArray(new int[1]);
        check(kernel.zx_handle_duplicate(handle, ZX_RIGHT_SAME_RIGHTS(), out), "zx_handle_duplicate");
        return out.get(JAVA_INT, 0);
    }

    /** Builds a user packet whose 48 bytes follow the pattern of {@code key}. */
    static MemorySegment userPacket(long key) {
        MemorySegment packet = packetBuffer();
        packet.set(JAVA_LONG, 0, key);
        packet.set(JAVA_INT, 8, 0);
        packet.set(JAVA_INT, 12, (int) (STATUS_SALT ^ key));
        for (int i = 0; i < 4; i++) {
            packet.set(JAVA_LONG, 16 + 8L * i, payloadWord(key, i));
        }
        return packet;
    }

    /** Queues the packet of {@code key} and fails the setup when the kernel rejects it. */
    static void queue(Kernel kernel, int port, long key) {
        check(kernel.zx_port_queue(port, userPacket(key)), "zx_port_queue");
    }

    /**
     * Returns the key of a user packet when all 48 bytes match the pattern of that key, or
     * {@link #TORN} when any byte differs.
     */
    static int keyOf(MemorySegment packet) {
        long key = packet.get(JAVA_LONG, 0);
        if (packet.get(JAVA_INT, 8) != 0 || packet.get(JAVA_INT, 12) != (int) (STATUS_SALT ^ key)) {
            return TORN;
        }
        for (int i = 0; i < 4; i++) {
            if (packet.get(JAVA_LONG, 16 + 8L * i) != payloadWord(key, i)) {
                return TORN;
            }
        }
        return key >= 0 && key < 1000 ? (int) key : TORN;
    }

    /**
     * Returns the key of a signal packet ({@code ZX_PKT_TYPE_SIGNAL_ONE} with trigger
     * {@code ZX_USER_SIGNAL_0} and count 1), or {@link #TORN} for any other packet.
     */
    static int signalKeyOf(MemorySegment packet) {
        long key = packet.get(JAVA_LONG, 0);
        boolean valid = packet.get(JAVA_INT, 8) == ZX_PKT_TYPE_SIGNAL_ONE()
                && packet.get(JAVA_INT, 16) == ZX_USER_SIGNAL_0()
                && packet.get(JAVA_LONG, 24) == 1L
                && key >= 0 && key < 1000;
        return valid ? (int) key : TORN;
    }

    /**
     * Dequeues every packet left in {@code port} without waiting and returns their keys as decimal
     * digits in dequeue order (keys 2 then 3 give 23), or {@link #TORN} when a packet is torn.
     */
    static int drainKeys(Kernel kernel, int port) {
        MemorySegment packet = packetBuffer();
        int digits = 0;
        while (kernel.zx_port_wait(port, ZX_TIME_INFINITE_PAST(), packet) == ZX_OK()) {
            int key = keyOf(packet);
            if (key == TORN || key > 9) {
                return TORN;
            }
            digits = digits * 10 + key;
        }
        return digits;
    }

    /** Dequeues every packet left in {@code port} without waiting and returns how many there were. */
    static int drainCount(Kernel kernel, int port) {
        MemorySegment packet = packetBuffer();
        int count = 0;
        while (kernel.zx_port_wait(port, ZX_TIME_INFINITE_PAST(), packet) == ZX_OK()) {
            count++;
        }
        return count;
    }

    private static long payloadWord(long key, int index) {
        return (key + 1) * PAYLOAD_MULTIPLIER + index;
    }

    /** Registers a one-shot level-triggered wait for {@code ZX_USER_SIGNAL_0} with {@code key}. */
    static void waitAsync(Kernel kernel, int object, int port, long key) {
        check(kernel.zx_object_wait_async(object, port, key, ZX_USER_SIGNAL_0(), 0), "zx_object_wait_async");
    }

    static void signal(Kernel kernel, int object) {
        check(kernel.zx_object_signal(object, 0, ZX_USER_SIGNAL_0()), "zx_object_signal");
    }

    static void check(int status, String call) {
        if (status != ZX_OK()) {
            throw new IllegalStateException(call + " failed with status " + status + " during setup");
        }
    }
}
