package dev.zxport;

import dev.zxport.sys.zx_info_handle_basic_t;
import dev.zxport.sys.zx_port_packet_t;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import static dev.zxport.StatusNames.assertStatus;
import static dev.zxport.sys.zircon_h.*;
import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * One kernel and a shared arena, with short forms of the syscalls that a test needs as set-up.
 * Each short form asserts {@code ZX_OK}, so a failing set-up step names its syscall. The arena is
 * shared so that helper threads can pass its segments to blocking syscalls.
 */
final class SyscallFixture implements AutoCloseable {
    final Kernel kernel;
    /** The kernel's clock, or null when the kernel uses the host clock. */
    final ManualClock clock;
    final Arena arena = Arena.ofShared();

    private SyscallFixture(Kernel kernel, ManualClock clock) {
        this.kernel = kernel;
        this.clock = clock;
    }

    /** Creates a fixture around a kernel with the host clock and default limits. */
    static SyscallFixture create() {
        return new SyscallFixture(Kernel.create(), null);
    }

    /** Creates a fixture around a kernel driven by {@code clock}. */
    static SyscallFixture withClock(ManualClock clock) {
        return new SyscallFixture(Kernel.builder().clock(clock).build(), clock);
    }

    /** Creates a fixture around {@code kernel}, whose clock the fixture does not control. */
    static SyscallFixture of(Kernel kernel) {
        return new SyscallFixture(kernel, null);
    }

    int createPort() {
        return createPort(0);
    }

    int createPort(int options) {
        MemorySegment out = handleSlot();
        assertStatus(ZX_OK(), kernel.zx_port_create(options, out), "zx_port_create");
        return out.get(JAVA_INT, 0);
    }

    int createEvent() {
        MemorySegment out = handleSlot();
        assertStatus(ZX_OK(), kernel.zx_event_create(0, out), "zx_event_create");
        return out.get(JAVA_INT, 0);
    }

    int createInterrupt() {
        MemorySegment out = handleSlot();
        assertStatus(ZX_OK(), kernel.zx_interrupt_create(ZX_HANDLE_INVALID(), 0, ZX_INTERRUPT_VIRTUAL(), out),
                "zx_interrupt_create");
        return out.get(JAVA_INT, 0);
    }

    /** Returns a new handle to the object of {@code handle} with exactly {@code rights}. */
    int duplicate(int handle, int rights) {
        MemorySegment out = handleSlot();
        assertStatus(ZX_OK(), kernel.zx_handle_duplicate(handle, rights, out), "zx_handle_duplicate");
        return out.get(JAVA_INT, 0);
    }

    /** Returns a 4-byte segment for a {@code zx_handle_t} out parameter, filled with a marker value. */
    MemorySegment handleSlot() {
        MemorySegment out = arena.allocate(JAVA_INT);
        out.set(JAVA_INT, 0, 0x5A5A5A5A);
        return out;
    }

    /** Returns a zeroed {@code zx_port_packet_t}. */
    MemorySegment newPacket() {
        return zx_port_packet_t.allocate(arena);
    }

    /** Returns a user packet with {@code key} and a zero payload. */
    MemorySegment userPacket(long key) {
        MemorySegment packet = newPacket();
        zx_port_packet_t.key(packet, key);
        return packet;
    }

    /** Queues a user packet with {@code key}, asserting {@code ZX_OK}. */
    void queue(int port, long key) {
        assertStatus(ZX_OK(), kernel.zx_port_queue(port, userPacket(key)), "zx_port_queue key " + key);
    }

    /** Returns the status of queuing a user packet with {@code key}. */
    int tryQueue(int port, long key) {
        return kernel.zx_port_queue(port, userPacket(key));
    }

    /** Dequeues the next packet without waiting, asserting {@code ZX_OK}. */
    MemorySegment take(int port) {
        MemorySegment packet = newPacket();
        assertStatus(ZX_OK(), kernel.zx_port_wait(port, ZX_TIME_INFINITE_PAST(), packet), "zx_port_wait");
        return packet;
    }

    /** Asserts that the port has no packet to deliver right now. */
    void assertEmpty(int port) {
        MemorySegment packet = newPacket();
        assertStatus(ZX_ERR_TIMED_OUT(), kernel.zx_port_wait(port, ZX_TIME_INFINITE_PAST(), packet),
                "zx_port_wait on a port expected to be empty");
    }

    void signal(int handle, int clearMask, int setMask) {
        assertStatus(ZX_OK(), kernel.zx_object_signal(handle, clearMask, setMask), "zx_object_signal");
    }

    void waitAsync(int handle, int port, long key, int signals, int options) {
        assertStatus(ZX_OK(), kernel.zx_object_wait_async(handle, port, key, signals, options),
                "zx_object_wait_async key " + key);
    }

    /** Returns true while {@code handle} is in the handle table. */
    boolean isValid(int handle) {
        return kernel.zx_object_get_info(handle, ZX_INFO_HANDLE_VALID(), MemorySegment.NULL, 0,
                MemorySegment.NULL, MemorySegment.NULL) == ZX_OK();
    }

    /** Returns the {@code zx_info_handle_basic_t} record of {@code handle}. */
    MemorySegment basicInfo(int handle) {
        MemorySegment info = zx_info_handle_basic_t.allocate(arena);
        assertStatus(ZX_OK(), kernel.zx_object_get_info(handle, ZX_INFO_HANDLE_BASIC(), info, info.byteSize(),
                MemorySegment.NULL, MemorySegment.NULL), "zx_object_get_info HANDLE_BASIC");
        return info;
    }

    int rights(int handle) {
        return zx_info_handle_basic_t.rights(basicInfo(handle));
    }

    long koid(int handle) {
        return zx_info_handle_basic_t.koid(basicInfo(handle));
    }

    @Override
    public void close() {
        kernel.close();
        arena.close();
    }
}
