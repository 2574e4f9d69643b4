package dev.zxport;

import dev.zxport.kernel.Clock;
import dev.zxport.kernel.Event;
import dev.zxport.kernel.FaultInjector;
import dev.zxport.kernel.Handle;
import dev.zxport.kernel.HandleTable;
import dev.zxport.kernel.Interrupt;
import dev.zxport.kernel.KernelContext;
import dev.zxport.kernel.KernelObject;
import dev.zxport.kernel.Port;
import dev.zxport.kernel.Rights;
import dev.zxport.kernel.SystemClock;
import dev.zxport.kernel.WaitableObject;

import java.lang.foreign.MemorySegment;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

import static dev.zxport.kernel.UserMemory.isNull;
import static dev.zxport.kernel.UserMemory.isReadable;
import static dev.zxport.kernel.UserMemory.isWritable;
import static dev.zxport.sys.zircon_h.*;
import static java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED;
import static java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED;

/**
 * One simulated Zircon kernel: a handle table, a clock, limits, and the syscalls with their C
 * names and shapes.
 *
 * <p>Each syscall is typed as jextract maps its C declaration ({@code uint32_t} and
 * {@code int32_t} to {@code int}, 64-bit integers to {@code long}, pointers to
 * {@link MemorySegment}) and returns a {@code zx_status_t}. Failures are {@code ZX_ERR_*}
 * statuses, never exceptions. Pointers are checked before any state changes: {@code NULL}, a
 * segment shorter than the C type, a read-only output segment, or a segment whose arena is
 * closed gives {@code ZX_ERR_INVALID_ARGS} and leaves everything as it was.
 *
 * <pre>{@code
 * try (Kernel kernel = Kernel.create(); Arena arena = Arena.ofConfined()) {
 *     MemorySegment handle = arena.allocate(zircon_h.zx_handle_t);
 *     kernel.zx_port_create(0, handle);
 *     int port = handle.get(zircon_h.zx_handle_t, 0);
 *
 *     MemorySegment packet = zx_port_packet_t.allocate(arena);
 *     zx_port_packet_t.key(packet, 42);
 *     kernel.zx_port_queue(port, packet);
 *     kernel.zx_port_wait(port, zircon_h.ZX_TIME_INFINITE(), packet);   // key 42, type USER
 * }
 * }</pre>
 *
 * <p>Where the Zircon documentation and the kernel disagree, this class follows the kernel; the
 * README lists those places.
 */
public final class Kernel implements AutoCloseable {
    /** The user-packet limit of a Zircon port: more than this many queued makes queue fail. */
    public static final int DEFAULT_MAX_USER_PACKETS = 4096;
    /** The observer limit of a Zircon port ({@code kernel.port.max-observers}). */
    public static final int DEFAULT_MAX_OBSERVERS = 50_000;
    public static final int DEFAULT_MAX_HANDLES = 1 << 18;

    private static final long PACKET_SIZE = 48;
    private static final long HANDLE_SIZE = 4;
    private static final long INFO_HANDLE_BASIC_SIZE = 32;
    private static final int WAIT_ASYNC_OPTIONS = 0x7;
    private static final int WAIT_ASYNC_TIMESTAMPS = 0x5;

    private final KernelContext context;
    private final HandleTable handles;
    private volatile boolean closed;

    private Kernel(Builder builder) {
        FaultInjector faults = builder.faultPlan == null
                ? FaultInjector.NONE
                : new FaultInjector(builder.faultPlan.predicate());
        this.context = new KernelContext(builder.clock, builder.maxUserPackets, builder.maxObservers, faults);
        this.handles = new HandleTable(builder.maxHandles, builder.random, faults);
    }

    /** Creates a kernel with the host monotonic clock and Zircon's default limits. */
    public static Kernel create() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Options of a {@link Kernel}: clock, limits and the seed of the handle values. */
    public static final class Builder {
        private Clock clock = SystemClock.INSTANCE;
        private int maxUserPackets = DEFAULT_MAX_USER_PACKETS;
        private int maxObservers = DEFAULT_MAX_OBSERVERS;
        private int maxHandles = DEFAULT_MAX_HANDLES;
        private RandomGenerator random = new SecureRandom();
        private FaultPlan faultPlan;

        private Builder() {
        }

        /** Uses {@code clock} for time, deadlines and timestamps instead of the host clock. */
        public Builder clock(ManualClock clock) {
            Objects.requireNonNull(clock, "clock");
            this.clock = new Clock() {
                @Override
                public long now() {
                    return clock.now();
                }

                @Override
                public void parkUntil(Object blocker, long deadline) {
                    clock.parkUntil(blocker, deadline);
                }
            };
            return this;
        }

        /**
         * Sets the user-packet limit of each port. As in the kernel, a queue fails only when more
         * than the limit are queued, so a port takes {@code maxUserPackets + 1} user packets.
         */
        public Builder maxUserPackets(int maxUserPackets) {
            if (maxUserPackets < 1 || maxUserPackets > (1 << 22)) {
                throw new IllegalArgumentException("maxUserPackets=" + maxUserPackets + ", must be in [1, 4194304]");
            }
            this.maxUserPackets = maxUserPackets;
            return this;
        }

        /** Sets how many observers a port takes before each further one counts a policy violation. */
        public Builder maxObservers(int maxObservers) {
            if (maxObservers < 1) {
                throw new IllegalArgumentException("maxObservers=" + maxObservers + ", must be positive");
            }
            this.maxObservers = maxObservers;
            return this;
        }

        /**
         * Sets how many handles may be open at once, from 1 to 262144 (the default); past it,
         * creating one fails with {@code ZX_ERR_NO_MEMORY}.
         */
        public Builder maxHandles(int maxHandles) {
            if (maxHandles < 1 || maxHandles > DEFAULT_MAX_HANDLES) {
                throw new IllegalArgumentException("maxHandles=" + maxHandles + ", must be in [1, "
                        + DEFAULT_MAX_HANDLES + "]");
            }
            this.maxHandles = maxHandles;
            return this;
        }

        /** Makes handle values reproducible: the same seed gives the same values in the same order. */
        public Builder handleSeed(long seed) {
            this.random = RandomGeneratorFactory.<RandomGenerator>of("L64X128MixRandom").create(seed);
            return this;
        }

        /**
         * Makes the allocations that {@code plan} selects fail with {@code ZX_ERR_NO_MEMORY}, to
         * test failure paths. Without this option no allocation is counted.
         */
        public Builder faultInjection(FaultPlan plan) {
            this.faultPlan = Objects.requireNonNull(plan, "plan");
            return this;
        }

        public Kernel build() {
            return new Kernel(this);
        }
    }

    // -------------------------------------------------------------------------------------------
    // Ports
    // -------------------------------------------------------------------------------------------

    /**
     * {@snippet lang=c : zx_status_t zx_port_create(uint32_t options, zx_handle_t* out); }
     * Creates a port; the handle carries {@code ZX_DEFAULT_PORT_RIGHTS} (0x800F).
     *
     * @return {@code ZX_OK}; {@code ZX_ERR_INVALID_ARGS} when {@code options} is neither 0 nor
     *         {@code ZX_PORT_BIND_TO_INTERRUPT} or {@code out} is not a writable 4-byte segment;
     *         {@code ZX_ERR_NO_MEMORY} when the ring or the handle cannot be allocated;
     *         {@code ZX_ERR_BAD_STATE} after {@link #close()}
     */
    public int zx_port_create(int options, MemorySegment out) {
        if (options != 0 && options != ZX_PORT_BIND_TO_INTERRUPT()) {
            return ZX_ERR_INVALID_ARGS();
        }
        if (!isWritable(out, HANDLE_SIZE)) {
            return ZX_ERR_INVALID_ARGS();
        }
        Port port;
        try {
            port = new Port(context, context.newKoid(), options == ZX_PORT_BIND_TO_INTERRUPT());
        } catch (OutOfMemoryError e) {
            return ZX_ERR_NO_MEMORY();
        }
        return publish(port, out);
    }

    /**
     * {@snippet lang=c : zx_status_t zx_port_queue(zx_handle_t handle, const zx_port_packet_t* packet); }
     * Queues a user packet: key, status and the 32-byte payload are copied as they are, and the
     * type becomes {@code ZX_PKT_TYPE_USER} whatever the caller passed.
     *
     * @return {@code ZX_OK}; {@code ZX_ERR_BAD_HANDLE}, {@code ZX_ERR_WRONG_TYPE} (not a port),
     *         {@code ZX_ERR_ACCESS_DENIED} (no {@code ZX_RIGHT_WRITE}); {@code ZX_ERR_INVALID_ARGS}
     *         when {@code packet} is not a readable 48-byte segment; {@code ZX_ERR_SHOULD_WAIT}
     *         when more than the limit of user packets (4096 by default) are queued, which also
     *         counts a {@code ZX_EXCP_POLICY_CODE_PORT_TOO_MANY_PACKETS} violation
     */
    public int zx_port_queue(int handle, MemorySegment packet) {
        Handle entry = handles.get(handle);
        int status = lookup(entry, Port.class, ZX_RIGHT_WRITE());
        if (status != ZX_OK()) {
            return status;
        }
        Port port = (Port) entry.object();
        if (!isReadable(packet, PACKET_SIZE)) {
            return ZX_ERR_INVALID_ARGS();
        }
        return port.queueUser(packet);
    }

    /**
     * {@snippet lang=c : zx_status_t zx_port_wait(zx_handle_t handle, zx_instant_mono_t deadline, zx_port_packet_t* packet); }
     * Dequeues the next packet, waiting until {@code deadline} on the monotonic clock. Interrupt
     * packets come first; user and signal packets follow in the order they were queued. Each
     * packet wakes exactly one waiting thread.
     *
     * <p>As in the kernel, a bad {@code packet} pointer is reported only once a packet is there to
     * copy out, so a wait on an empty port still blocks and times out. Unlike the kernel, which
     * dequeues first and loses the packet when the copy-out fails, zxport leaves it queued.
     *
     * @return {@code ZX_OK}; {@code ZX_ERR_TIMED_OUT} when the deadline passes with nothing
     *         queued ({@code ZX_TIME_INFINITE_PAST} polls once); {@code ZX_ERR_BAD_HANDLE},
     *         {@code ZX_ERR_WRONG_TYPE}, {@code ZX_ERR_ACCESS_DENIED} (no {@code ZX_RIGHT_READ});
     *         {@code ZX_ERR_INVALID_ARGS} when a packet is queued and {@code packet} is not a
     *         writable 48-byte segment
     */
    public int zx_port_wait(int handle, long deadline, MemorySegment packet) {
        Handle entry = handles.get(handle);
        int status = lookup(entry, Port.class, ZX_RIGHT_READ());
        if (status != ZX_OK()) {
            return status;
        }
        Port port = (Port) entry.object();
        if (!isWritable(packet, PACKET_SIZE)) {
            // A null target makes the port wait for a packet without taking it.
            return port.await(deadline, null);
        }
        return port.await(deadline, packet);
    }

    /**
     * {@snippet lang=c : zx_status_t zx_port_cancel(zx_handle_t handle, zx_handle_t source, uint64_t key); }
     * Cancels the observers registered on this port through exactly the handle {@code source}
     * with {@code key}, and removes their queued signal packets. User and interrupt packets stay.
     * The kernel requires {@code ZX_RIGHT_WAIT} on {@code source}, not the {@code ZX_RIGHT_WRITE}
     * the documentation names.
     *
     * @return {@code ZX_OK}; {@code ZX_ERR_NOT_FOUND} when nothing matched;
     *         {@code ZX_ERR_BAD_HANDLE}, {@code ZX_ERR_WRONG_TYPE}, {@code ZX_ERR_ACCESS_DENIED}
     *         for {@code handle} (a port with {@code ZX_RIGHT_WRITE}); then {@code ZX_ERR_BAD_HANDLE}
     *         and {@code ZX_ERR_ACCESS_DENIED} for {@code source}; {@code ZX_ERR_NOT_SUPPORTED}
     *         when {@code source} is not waitable
     */
    public int zx_port_cancel(int handle, int source, long key) {
        Handle portEntry = handles.get(handle);
        int portStatus = lookup(portEntry, Port.class, ZX_RIGHT_WRITE());
        if (portStatus != ZX_OK()) {
            return portStatus;
        }
        Port port = (Port) portEntry.object();
        Handle sourceEntry = handles.get(source);
        if (sourceEntry == null) {
            return ZX_ERR_BAD_HANDLE();
        }
        if (!sourceEntry.hasRights(ZX_RIGHT_WAIT())) {
            return ZX_ERR_ACCESS_DENIED();
        }
        if (!sourceEntry.object().isWaitable()) {
            return ZX_ERR_NOT_SUPPORTED();
        }
        return port.cancel(sourceEntry, key, false) > 0 ? ZX_OK() : ZX_ERR_NOT_FOUND();
    }

    /**
     * {@snippet lang=c : zx_status_t zx_port_cancel_key(zx_handle_t handle, uint32_t options, uint64_t key); }
     * Cancels every observer on this port with {@code key}, whatever object or handle it watches,
     * and removes every queued signal and user packet with that key. Interrupt packets stay.
     *
     * @return {@code ZX_OK}; {@code ZX_ERR_NOT_FOUND} when nothing matched;
     *         {@code ZX_ERR_INVALID_ARGS} when {@code options} is not 0 (checked first);
     *         {@code ZX_ERR_BAD_HANDLE}, {@code ZX_ERR_WRONG_TYPE}, {@code ZX_ERR_ACCESS_DENIED}
     *         (no {@code ZX_RIGHT_WRITE})
     */
    public int zx_port_cancel_key(int handle, int options, long key) {
        if (options != 0) {
            return ZX_ERR_INVALID_ARGS();
        }
        Handle entry = handles.get(handle);
        int status = lookup(entry, Port.class, ZX_RIGHT_WRITE());
        if (status != ZX_OK()) {
            return status;
        }
        Port port = (Port) entry.object();
        return port.cancel(null, key, true) > 0 ? ZX_OK() : ZX_ERR_NOT_FOUND();
    }

    // -------------------------------------------------------------------------------------------
    // Objects and signals
    // -------------------------------------------------------------------------------------------

    /**
     * {@snippet lang=c : zx_status_t zx_object_wait_async(zx_handle_t handle, zx_handle_t port, uint64_t key, zx_signals_t signals, uint32_t options); }
     * Registers a one-shot observer: when one of {@code signals} becomes active on the object,
     * a signal packet with {@code key} is queued in {@code port}. Without
     * {@code ZX_WAIT_ASYNC_EDGE} the packet is queued at once if a signal is already active.
     *
     * @return {@code ZX_OK}; {@code ZX_ERR_INVALID_ARGS} for an unknown option bit or
     *         {@code TIMESTAMP} with {@code BOOT_TIMESTAMP}; then, for {@code port},
     *         {@code ZX_ERR_BAD_HANDLE}, {@code ZX_ERR_WRONG_TYPE}, {@code ZX_ERR_ACCESS_DENIED}
     *         (no {@code ZX_RIGHT_WRITE}); then, for {@code handle}, {@code ZX_ERR_BAD_HANDLE},
     *         {@code ZX_ERR_ACCESS_DENIED} (no {@code ZX_RIGHT_WAIT}) and
     *         {@code ZX_ERR_NOT_SUPPORTED} (not waitable). Past the observer limit (50000 by
     *         default) the call still succeeds and counts a
     *         {@code ZX_EXCP_POLICY_CODE_PORT_TOO_MANY_OBSERVERS} violation.
     */
    public int zx_object_wait_async(int handle, int port, long key, int signals, int options) {
        if ((options & ~WAIT_ASYNC_OPTIONS) != 0 || (options & WAIT_ASYNC_TIMESTAMPS) == WAIT_ASYNC_TIMESTAMPS) {
            return ZX_ERR_INVALID_ARGS();
        }
        Handle portEntry = handles.get(port);
        int portStatus = lookup(portEntry, Port.class, ZX_RIGHT_WRITE());
        if (portStatus != ZX_OK()) {
            return portStatus;
        }
        Port target = (Port) portEntry.object();
        Handle entry = handles.get(handle);
        if (entry == null) {
            return ZX_ERR_BAD_HANDLE();
        }
        if (!entry.hasRights(ZX_RIGHT_WAIT())) {
            return ZX_ERR_ACCESS_DENIED();
        }
        if (!(entry.object() instanceof WaitableObject object)) {
            return ZX_ERR_NOT_SUPPORTED();
        }
        if (context.faults().shouldFail(FaultInjector.Site.OBSERVER)) {
            return ZX_ERR_NO_MEMORY();
        }
        boolean edge = (options & ZX_WAIT_ASYNC_EDGE()) != 0;
        boolean timestamped = (options & (ZX_WAIT_ASYNC_TIMESTAMP() | ZX_WAIT_ASYNC_BOOT_TIMESTAMP())) != 0;
        return object.waitAsync(entry, target, key, signals, edge, timestamped) ? ZX_OK() : ZX_ERR_BAD_HANDLE();
    }

    /**
     * {@snippet lang=c : zx_status_t zx_object_wait_one(zx_handle_t handle, zx_signals_t signals, zx_instant_mono_t deadline, zx_signals_t* observed); }
     * Blocks until one of {@code signals} is active on the object, the deadline passes, or
     * {@code handle} is closed. {@code observed} may be {@code NULL}; otherwise it receives the
     * active signals in every outcome, plus {@code ZX_SIGNAL_HANDLE_CLOSED} when the handle was closed.
     *
     * @return {@code ZX_OK}; {@code ZX_ERR_TIMED_OUT}; {@code ZX_ERR_CANCELED} when the handle was
     *         closed during the wait; {@code ZX_ERR_BAD_HANDLE}; {@code ZX_ERR_ACCESS_DENIED} (no
     *         {@code ZX_RIGHT_WAIT}, which is also what a port handle gets, since the rights check
     *         comes before the waitability check); {@code ZX_ERR_NOT_SUPPORTED};
     *         {@code ZX_ERR_INVALID_ARGS} for a non-NULL {@code observed} that is not writable
     */
    public int zx_object_wait_one(int handle, int signals, long deadline, MemorySegment observed) {
        Handle entry = handles.get(handle);
        if (entry == null) {
            return ZX_ERR_BAD_HANDLE();
        }
        if (!entry.hasRights(ZX_RIGHT_WAIT())) {
            return ZX_ERR_ACCESS_DENIED();
        }
        if (!(entry.object() instanceof WaitableObject object)) {
            return ZX_ERR_NOT_SUPPORTED();
        }
        if (!isNull(observed) && !isWritable(observed, 4)) {
            return ZX_ERR_INVALID_ARGS();
        }
        long result = object.awaitSignals(signals, deadline, () -> handles.get(handle) == entry);
        int outcome = (int) (result >>> 32);
        int active = (int) result;
        if (outcome == WaitableObject.CANCELED) {
            // The kernel's wait observer reports a handle closed during the wait as this signal.
            active |= ZX_SIGNAL_HANDLE_CLOSED();
        }
        if (!isNull(observed)) {
            observed.set(JAVA_INT_UNALIGNED, 0, active);
        }
        return switch (outcome) {
            case WaitableObject.SATISFIED -> ZX_OK();
            case WaitableObject.TIMED_OUT -> ZX_ERR_TIMED_OUT();
            default -> ZX_ERR_CANCELED();
        };
    }

    /**
     * {@snippet lang=c : zx_status_t zx_object_signal(zx_handle_t handle, uint32_t clear_mask, uint32_t set_mask); }
     * Clears, then sets signals on the object, and fires the observers that the update activates.
     *
     * @return {@code ZX_OK}; {@code ZX_ERR_BAD_HANDLE}; {@code ZX_ERR_ACCESS_DENIED} (no
     *         {@code ZX_RIGHT_SIGNAL}, which is what a port handle gets);
     *         {@code ZX_ERR_NOT_SUPPORTED} (not waitable); {@code ZX_ERR_INVALID_ARGS} when a mask
     *         has a bit outside the object's user-settable signals (0xFF000008 for events)
     */
    public int zx_object_signal(int handle, int clearMask, int setMask) {
        Handle entry = handles.get(handle);
        if (entry == null) {
            return ZX_ERR_BAD_HANDLE();
        }
        if (!entry.hasRights(ZX_RIGHT_SIGNAL())) {
            return ZX_ERR_ACCESS_DENIED();
        }
        if (!(entry.object() instanceof WaitableObject object)) {
            return ZX_ERR_NOT_SUPPORTED();
        }
        int allowed = object.userSignalMask();
        if (((clearMask | setMask) & ~allowed) != 0) {
            return ZX_ERR_INVALID_ARGS();
        }
        object.updateSignals(clearMask, setMask);
        return ZX_OK();
    }

    /**
     * {@snippet lang=c : zx_status_t zx_object_get_info(zx_handle_t handle, uint32_t topic, void* buffer, size_t buffer_size, size_t* actual, size_t* avail); }
     * Returns information about a handle for the topics {@code ZX_INFO_HANDLE_VALID} and {@code ZX_INFO_HANDLE_BASIC} (one
     * {@code zx_info_handle_basic_t}; no right needed). {@code actual} and {@code avail} may be
     * {@code NULL}; when given they are written, also on {@code ZX_ERR_BUFFER_TOO_SMALL}.
     *
     * @return {@code ZX_OK}; {@code ZX_ERR_BAD_HANDLE}; {@code ZX_ERR_BUFFER_TOO_SMALL} when
     *         {@code buffer_size} is below 32 for {@code HANDLE_BASIC}; {@code ZX_ERR_INVALID_ARGS}
     *         when {@code buffer_size} is 32 or more and {@code buffer} cannot take the 32-byte
     *         record (as in the kernel, only the record is copied, so a larger
     *         {@code buffer_size} is not checked against {@code buffer}), or when {@code actual}
     *         or {@code avail} is not writable; {@code ZX_ERR_NOT_SUPPORTED} for any other topic
     */
    public int zx_object_get_info(int handle, int topic, MemorySegment buffer, long bufferSize,
                                  MemorySegment actual, MemorySegment avail) {
        if (topic == ZX_INFO_HANDLE_VALID()) {
            return handles.get(handle) != null ? ZX_OK() : ZX_ERR_BAD_HANDLE();
        }
        if (topic != ZX_INFO_HANDLE_BASIC()) {
            return ZX_ERR_NOT_SUPPORTED();
        }
        Handle entry = handles.get(handle);
        if (entry == null) {
            return ZX_ERR_BAD_HANDLE();
        }
        boolean fits = Long.compareUnsigned(bufferSize, INFO_HANDLE_BASIC_SIZE) >= 0;
        if (fits && !isWritable(buffer, INFO_HANDLE_BASIC_SIZE)) {
            return ZX_ERR_INVALID_ARGS();
        }
        if ((!isNull(actual) && !isWritable(actual, 8)) || (!isNull(avail) && !isWritable(avail, 8))) {
            return ZX_ERR_INVALID_ARGS();
        }
        if (fits) {
            KernelObject object = entry.object();
            buffer.set(JAVA_LONG_UNALIGNED, 0, object.koid());
            buffer.set(JAVA_INT_UNALIGNED, 8, entry.rights());
            buffer.set(JAVA_INT_UNALIGNED, 12, object.type());
            buffer.set(JAVA_LONG_UNALIGNED, 16, 0L);
            buffer.set(JAVA_INT_UNALIGNED, 24, 0);
            buffer.set(JAVA_INT_UNALIGNED, 28, 0);
        }
        if (!isNull(actual)) {
            actual.set(JAVA_LONG_UNALIGNED, 0, fits ? 1L : 0L);
        }
        if (!isNull(avail)) {
            avail.set(JAVA_LONG_UNALIGNED, 0, 1L);
        }
        return fits ? ZX_OK() : ZX_ERR_BUFFER_TOO_SMALL();
    }

    /**
     * {@snippet lang=c : zx_status_t zx_event_create(uint32_t options, zx_handle_t* out); }
     * Creates an event with no signal active; the handle carries {@code ZX_DEFAULT_EVENT_RIGHTS} (0xD003).
     *
     * @return {@code ZX_OK}; {@code ZX_ERR_INVALID_ARGS} when {@code options} is not 0 or
     *         {@code out} is not writable; {@code ZX_ERR_NO_MEMORY}; {@code ZX_ERR_BAD_STATE}
     *         after {@link #close()}
     */
    public int zx_event_create(int options, MemorySegment out) {
        if (options != 0 || !isWritable(out, HANDLE_SIZE)) {
            return ZX_ERR_INVALID_ARGS();
        }
        return publish(new Event(context, context.newKoid()), out);
    }

    // -------------------------------------------------------------------------------------------
    // Handles
    // -------------------------------------------------------------------------------------------

    /**
     * {@snippet lang=c : zx_status_t zx_handle_close(zx_handle_t handle); }
     * Closes a handle. Closing {@code ZX_HANDLE_INVALID} does nothing and succeeds. Observers
     * registered through the handle are canceled silently; the last handle of an object frees it.
     *
     * @return {@code ZX_OK}; {@code ZX_ERR_BAD_HANDLE}
     */
    public int zx_handle_close(int handle) {
        if (handle == ZX_HANDLE_INVALID()) {
            return ZX_OK();
        }
        return handles.remove(handle) != null ? ZX_OK() : ZX_ERR_BAD_HANDLE();
    }

    /**
     * {@snippet lang=c : zx_status_t zx_handle_close_many(const zx_handle_t* handles, size_t num_handles); }
     * Closes {@code num_handles} handles, skipping {@code ZX_HANDLE_INVALID} entries. A bad entry
     * does not stop the others from being closed.
     *
     * @return {@code ZX_OK}; {@code ZX_ERR_BAD_HANDLE} when any entry was bad;
     *         {@code ZX_ERR_INVALID_ARGS} when the array cannot be read
     */
    public int zx_handle_close_many(MemorySegment handles, long numHandles) {
        if (numHandles == 0) {
            return ZX_OK();
        }
        if (numHandles < 0 || numHandles > Long.MAX_VALUE / HANDLE_SIZE
                || !isReadable(handles, numHandles * HANDLE_SIZE)) {
            return ZX_ERR_INVALID_ARGS();
        }
        int[] values = new int[Math.toIntExact(Math.min(numHandles, Integer.MAX_VALUE))];
        try {
            MemorySegment.copy(handles, JAVA_INT_UNALIGNED, 0, values, 0, values.length);
        } catch (IllegalStateException | WrongThreadException e) {
            return ZX_ERR_INVALID_ARGS();
        }
        boolean allValid = true;
        for (int value : values) {
            if (value != ZX_HANDLE_INVALID() && this.handles.remove(value) == null) {
                allValid = false;
            }
        }
        return allValid ? ZX_OK() : ZX_ERR_BAD_HANDLE();
    }

    /**
     * {@snippet lang=c : zx_status_t zx_handle_duplicate(zx_handle_t handle, zx_rights_t rights, zx_handle_t* out); }
     * Creates a second handle to the same object. {@code rights} is either exactly
     * {@code ZX_RIGHT_SAME_RIGHTS} or a subset of the source's rights ({@code ZX_RIGHT_NONE} included).
     *
     * @return {@code ZX_OK}; {@code ZX_ERR_BAD_HANDLE}; {@code ZX_ERR_ACCESS_DENIED} (no
     *         {@code ZX_RIGHT_DUPLICATE}); {@code ZX_ERR_INVALID_ARGS} when {@code rights} is not
     *         a subset or {@code out} is not writable; {@code ZX_ERR_NO_MEMORY}
     */
    public int zx_handle_duplicate(int handle, int rights, MemorySegment out) {
        Handle entry = handles.get(handle);
        if (entry == null) {
            return ZX_ERR_BAD_HANDLE();
        }
        if (!entry.hasRights(ZX_RIGHT_DUPLICATE())) {
            return ZX_ERR_ACCESS_DENIED();
        }
        long derived = Rights.derive(entry.rights(), rights);
        if (derived < 0 || !isWritable(out, HANDLE_SIZE)) {
            return ZX_ERR_INVALID_ARGS();
        }
        Handle duplicate = handles.add(entry.object(), (int) derived);
        if (duplicate == null) {
            return ZX_ERR_NO_MEMORY();
        }
        out.set(JAVA_INT_UNALIGNED, 0, duplicate.value());
        return ZX_OK();
    }

    /**
     * {@snippet lang=c : zx_status_t zx_handle_replace(zx_handle_t handle, zx_rights_t rights, zx_handle_t* out); }
     * Replaces a handle by a new one with {@code rights} (exactly {@code ZX_RIGHT_SAME_RIGHTS},
     * or a subset). No right is needed. When {@code rights} is not a subset the source handle is
     * closed anyway, as in the kernel.
     *
     * @return {@code ZX_OK}; {@code ZX_ERR_BAD_HANDLE} (nothing changes);
     *         {@code ZX_ERR_INVALID_ARGS} when {@code rights} is not a subset (the source is
     *         closed) or {@code out} is not writable (checked first; the source stays open);
     *         {@code ZX_ERR_NO_MEMORY} (the source stays open)
     */
    public int zx_handle_replace(int handle, int rights, MemorySegment out) {
        Handle entry = handles.get(handle);
        if (entry == null) {
            return ZX_ERR_BAD_HANDLE();
        }
        if (!isWritable(out, HANDLE_SIZE)) {
            return ZX_ERR_INVALID_ARGS();
        }
        long derived = Rights.derive(entry.rights(), rights);
        if (derived < 0) {
            handles.remove(handle);
            return ZX_ERR_INVALID_ARGS();
        }
        Handle replacement = handles.replace(entry, (int) derived);
        if (replacement == null) {
            return handles.get(handle) == entry ? ZX_ERR_NO_MEMORY() : ZX_ERR_BAD_HANDLE();
        }
        out.set(JAVA_INT_UNALIGNED, 0, replacement.value());
        return ZX_OK();
    }

    // -------------------------------------------------------------------------------------------
    // Interrupts
    // -------------------------------------------------------------------------------------------

    /**
     * {@snippet lang=c : zx_status_t zx_interrupt_create(zx_handle_t src_obj, uint32_t src_num, uint32_t options, zx_handle_t* out_handle); }
     * Creates a virtual interrupt ({@code options == ZX_INTERRUPT_VIRTUAL}; {@code src_obj} and
     * {@code src_num} are ignored). The handle carries {@code ZX_DEFAULT_INTERRUPT_RIGHTS} (0xD00F)
     * and the interrupt starts with {@code ZX_VIRTUAL_INTERRUPT_UNTRIGGERED} active. zxport has no
     * interrupt resources, so a physical interrupt cannot be created.
     *
     * @return {@code ZX_OK}; {@code ZX_ERR_INVALID_ARGS} when {@code ZX_INTERRUPT_VIRTUAL} is
     *         combined with other bits or {@code out_handle} is not writable; for a physical
     *         interrupt, {@code ZX_ERR_BAD_HANDLE} or {@code ZX_ERR_WRONG_TYPE} for {@code src_obj};
     *         {@code ZX_ERR_NO_MEMORY}; {@code ZX_ERR_BAD_STATE} after {@link #close()}
     */
    public int zx_interrupt_create(int srcObj, int srcNum, int options, MemorySegment outHandle) {
        if ((options & ZX_INTERRUPT_VIRTUAL()) == 0) {
            // A physical interrupt needs a resource handle, and no handle here is a resource.
            return handles.get(srcObj) == null ? ZX_ERR_BAD_HANDLE() : ZX_ERR_WRONG_TYPE();
        }
        if (options != ZX_INTERRUPT_VIRTUAL() || !isWritable(outHandle, HANDLE_SIZE)) {
            return ZX_ERR_INVALID_ARGS();
        }
        return publish(new Interrupt(context, context.newKoid()), outHandle);
    }

    /**
     * {@snippet lang=c : zx_status_t zx_interrupt_bind(zx_handle_t handle, zx_handle_t port_handle, uint64_t key, uint32_t options); }
     * Binds the interrupt to a port created with {@code ZX_PORT_BIND_TO_INTERRUPT}
     * ({@code options} {@code ZX_INTERRUPT_BIND}), or unbinds it ({@code ZX_INTERRUPT_UNBIND}),
     * which removes its queued packet. Binding an interrupt that was triggered while unbound
     * queues its packet at once.
     *
     * @return {@code ZX_OK}; {@code ZX_ERR_INVALID_ARGS} for other options (checked first);
     *         {@code ZX_ERR_BAD_HANDLE}, {@code ZX_ERR_WRONG_TYPE}, {@code ZX_ERR_ACCESS_DENIED}
     *         for the interrupt ({@code ZX_RIGHT_READ}) and then the port ({@code ZX_RIGHT_WRITE});
     *         {@code ZX_ERR_WRONG_TYPE} when the port lacks {@code ZX_PORT_BIND_TO_INTERRUPT};
     *         bind: {@code ZX_ERR_CANCELED} (destroyed), {@code ZX_ERR_BAD_STATE} (a thread waits
     *         in {@code zx_interrupt_wait}), {@code ZX_ERR_ALREADY_BOUND}; unbind:
     *         {@code ZX_ERR_NOT_FOUND} (bound elsewhere or not at all), {@code ZX_ERR_CANCELED}
     */
    public int zx_interrupt_bind(int handle, int portHandle, long key, int options) {
        if (options != ZX_INTERRUPT_BIND() && options != ZX_INTERRUPT_UNBIND()) {
            return ZX_ERR_INVALID_ARGS();
        }
        Handle entry = handles.get(handle);
        int status = lookup(entry, Interrupt.class, ZX_RIGHT_READ());
        if (status != ZX_OK()) {
            return status;
        }
        Interrupt interrupt = (Interrupt) entry.object();
        Handle portEntry = handles.get(portHandle);
        int portStatus = lookup(portEntry, Port.class, ZX_RIGHT_WRITE());
        if (portStatus != ZX_OK()) {
            return portStatus;
        }
        Port port = (Port) portEntry.object();
        if (!port.bindToInterrupt()) {
            return ZX_ERR_WRONG_TYPE();
        }
        return options == ZX_INTERRUPT_BIND() ? interrupt.bind(port, key) : interrupt.unbind(port);
    }

    /**
     * {@snippet lang=c : zx_status_t zx_interrupt_trigger(zx_handle_t handle, uint32_t options, zx_instant_boot_t timestamp); }
     * Triggers a virtual interrupt: a bound one queues a packet carrying {@code timestamp}
     * unless it waits for an ack; an unbound one wakes {@code zx_interrupt_wait}.
     *
     * @return {@code ZX_OK}; {@code ZX_ERR_INVALID_ARGS} when {@code options} is not 0 (checked
     *         first); {@code ZX_ERR_BAD_HANDLE}, {@code ZX_ERR_WRONG_TYPE},
     *         {@code ZX_ERR_ACCESS_DENIED} (no {@code ZX_RIGHT_SIGNAL}); {@code ZX_ERR_CANCELED}
     *         when destroyed
     */
    public int zx_interrupt_trigger(int handle, int options, long timestamp) {
        if (options != 0) {
            return ZX_ERR_INVALID_ARGS();
        }
        Handle entry = handles.get(handle);
        int status = lookup(entry, Interrupt.class, ZX_RIGHT_SIGNAL());
        if (status != ZX_OK()) {
            return status;
        }
        Interrupt interrupt = (Interrupt) entry.object();
        return interrupt.trigger(timestamp);
    }

    /**
     * {@snippet lang=c : zx_status_t zx_interrupt_ack(zx_handle_t handle); }
     * Re-arms a bound interrupt after its packet was handled; a trigger recorded meanwhile is
     * delivered now as a new packet.
     *
     * @return {@code ZX_OK}; {@code ZX_ERR_BAD_HANDLE}, {@code ZX_ERR_WRONG_TYPE},
     *         {@code ZX_ERR_ACCESS_DENIED} (no {@code ZX_RIGHT_WRITE}); {@code ZX_ERR_BAD_STATE}
     *         when unbound, or when a trigger is pending and the previous packet is still queued;
     *         {@code ZX_ERR_CANCELED} when destroyed
     */
    public int zx_interrupt_ack(int handle) {
        Handle entry = handles.get(handle);
        int status = lookup(entry, Interrupt.class, ZX_RIGHT_WRITE());
        if (status != ZX_OK()) {
            return status;
        }
        Interrupt interrupt = (Interrupt) entry.object();
        return interrupt.ack();
    }

    /**
     * {@snippet lang=c : zx_status_t zx_interrupt_destroy(zx_handle_t handle); }
     * Destroys the interrupt (no right needed): a queued packet is removed, waiters in
     * {@code zx_interrupt_wait} return {@code ZX_ERR_CANCELED}. It stays bound.
     *
     * @return {@code ZX_OK}; {@code ZX_ERR_NOT_FOUND} when it was bound, waited for an ack and
     *         its packet had already been read; {@code ZX_ERR_BAD_HANDLE}; {@code ZX_ERR_WRONG_TYPE}
     */
    public int zx_interrupt_destroy(int handle) {
        Handle entry = handles.get(handle);
        int status = lookup(entry, Interrupt.class, ZX_RIGHT_NONE());
        if (status != ZX_OK()) {
            return status;
        }
        return ((Interrupt) entry.object()).destroy();
    }

    /**
     * {@snippet lang=c : zx_status_t zx_interrupt_wait(zx_handle_t handle, zx_instant_boot_t* out_timestamp); }
     * Waits for a trigger of an unbound interrupt and stores its timestamp in
     * {@code out_timestamp}, which may be {@code NULL}. A trigger that came before the call is
     * returned at once; otherwise the call re-arms the interrupt and blocks.
     *
     * @return {@code ZX_OK}; {@code ZX_ERR_BAD_HANDLE}, {@code ZX_ERR_WRONG_TYPE},
     *         {@code ZX_ERR_ACCESS_DENIED} (no {@code ZX_RIGHT_WAIT}); {@code ZX_ERR_BAD_STATE}
     *         when bound or when another thread already waits; {@code ZX_ERR_CANCELED} when
     *         destroyed before or during the wait; then {@code ZX_ERR_INVALID_ARGS} for a
     *         non-NULL {@code out_timestamp} that is not writable, returned at once and with the
     *         trigger left pending (the kernel would wait, consume the trigger and then fail)
     */
    public int zx_interrupt_wait(int handle, MemorySegment outTimestamp) {
        Handle entry = handles.get(handle);
        int status = lookup(entry, Interrupt.class, ZX_RIGHT_WAIT());
        if (status != ZX_OK()) {
            return status;
        }
        Interrupt interrupt = (Interrupt) entry.object();
        boolean writable = isNull(outTimestamp) || isWritable(outTimestamp, 8);
        long[] timestamp = new long[1];
        try {
            status = interrupt.await(timestamp, writable);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ZX_ERR_CANCELED();
        }
        if (status == ZX_OK() && !isNull(outTimestamp)) {
            outTimestamp.set(JAVA_LONG_UNALIGNED, 0, timestamp[0]);
        }
        return status;
    }

    // -------------------------------------------------------------------------------------------
    // Time
    // -------------------------------------------------------------------------------------------

    /** {@snippet lang=c : zx_instant_mono_t zx_clock_get_monotonic(void); } Returns the kernel clock in nanoseconds. */
    public long zx_clock_get_monotonic() {
        return context.clock().now();
    }

    /**
     * {@snippet lang=c : zx_instant_mono_t zx_deadline_after(zx_duration_mono_t nanoseconds); }
     * Returns now plus {@code nanoseconds}, saturated to {@code ZX_TIME_INFINITE} or
     * {@code ZX_TIME_INFINITE_PAST} on overflow.
     */
    public long zx_deadline_after(long nanoseconds) {
        long now = context.clock().now();
        long deadline = now + nanoseconds;
        if (((now ^ deadline) & (nanoseconds ^ deadline)) < 0) {
            return nanoseconds > 0 ? ZX_TIME_INFINITE() : ZX_TIME_INFINITE_PAST();
        }
        return deadline;
    }

    // -------------------------------------------------------------------------------------------
    // Kernel
    // -------------------------------------------------------------------------------------------

    /**
     * Returns how many times the job-policy exception {@code code} ({@code ZX_EXCP_POLICY_CODE_*})
     * would have been raised. The real kernel raises it in the calling thread; zxport returns the
     * status that a resumed thread gets and counts the violation here.
     */
    public long policyViolations(int code) {
        return context.policyViolations(code);
    }

    /** Returns the number of open handles. */
    public int handleCount() {
        return handles.size();
    }

    /**
     * Returns how many allocations this kernel made or attempted at {@code site} since it was
     * built; 0 unless it was built with {@link Builder#faultInjection}.
     */
    public long allocations(FaultPlan.Site site) {
        return context.faults().allocations(FaultInjector.Site.valueOf(site.name()));
    }

    /** Returns how many allocations at {@code site} the fault plan made fail with {@code ZX_ERR_NO_MEMORY}. */
    public long faultsInjected(FaultPlan.Site site) {
        return context.faults().faults(FaultInjector.Site.valueOf(site.name()));
    }

    /**
     * Closes every handle, which frees every port's memory, and wakes threads blocked in
     * {@code zx_port_wait} with {@code ZX_ERR_BAD_HANDLE}. Idempotent. Afterwards the syscalls
     * that create objects return {@code ZX_ERR_BAD_STATE}, the others find no handle
     * ({@code ZX_ERR_BAD_HANDLE}), and the clock calls still work.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (Handle handle : handles.removeAll()) {
            if (handle.object() instanceof Port port) {
                port.shutdown();
            }
        }
    }

    /** Returns the object behind {@code handle}, or null; lets tests in this package inspect engine state. */
    KernelObject objectOf(int handle) {
        Handle entry = handles.get(handle);
        return entry == null ? null : entry.object();
    }

    /**
     * Checks a handle-table entry in the kernel's lookup order: {@code ZX_ERR_BAD_HANDLE} when
     * {@code entry} is null, then {@code ZX_ERR_WRONG_TYPE} when its object is not a {@code type},
     * then {@code ZX_ERR_ACCESS_DENIED} when it lacks one of {@code rights}. A wrong type thus wins
     * over missing rights.
     *
     * @return {@code ZX_OK} when the entry passes, so the caller may cast its object to {@code type}
     */
    private static int lookup(Handle entry, Class<? extends KernelObject> type, int rights) {
        if (entry == null) {
            return ZX_ERR_BAD_HANDLE();
        }
        if (!type.isInstance(entry.object())) {
            return ZX_ERR_WRONG_TYPE();
        }
        return entry.hasRights(rights) ? ZX_OK() : ZX_ERR_ACCESS_DENIED();
    }

    private int publish(KernelObject object, MemorySegment out) {
        if (closed) {
            object.onCreateFailed();
            return ZX_ERR_BAD_STATE();
        }
        Handle handle = handles.add(object, object.defaultRights());
        if (handle == null) {
            object.onCreateFailed();
            return ZX_ERR_NO_MEMORY();
        }
        if (closed && handles.remove(handle.value()) != null) {
            // close() ran between the check above and the add, and missed this handle.
            return ZX_ERR_BAD_STATE();
        }
        out.set(JAVA_INT_UNALIGNED, 0, handle.value());
        return ZX_OK();
    }
}
