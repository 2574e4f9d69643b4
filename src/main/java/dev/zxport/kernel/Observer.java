package dev.zxport.kernel;

import java.lang.foreign.MemorySegment;

import static java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED;
import static java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED;

/**
 * One {@code zx_object_wait_async} registration: a one-shot wait on an object's signals that
 * turns into a signal packet in a port. The packet lives in the observer itself, so delivering
 * it allocates nothing. Registering reuses a finished observer of the same port when one is spare,
 * so a steady re-arm cycle allocates nothing either.
 *
 * <p>Life cycle, every transition under the port's lock: {@code ARMED} (waiting on the object)
 * goes to {@code QUEUED} when it fires or to {@code CANCELED}; {@code QUEUED} goes to
 * {@code DONE} when a consumer dequeues the packet or to {@code CANCELED} when a cancel removes
 * it first. A cancel and a delivery therefore never both succeed.
 */
final class Observer extends QueuedPacket {
    static final int ARMED = 0;
    static final int QUEUED = 1;
    static final int DONE = 2;
    static final int CANCELED = 3;

    private static final int ZX_PKT_TYPE_SIGNAL_ONE = 1;

    /** The port this observer queues into; it is reused only by that port (see {@link Port#register}). */
    final Port port;
    // Set at registration and read under the port's or the object's lock; a finished observer
    // is re-armed with new values by its port.
    WaitableObject object;
    Handle handle;
    long key;
    int trigger;
    boolean edge;
    boolean timestamped;

    /** Guarded by the port's lock. */
    int state = ARMED;
    /** Written before the packet is queued, read by the consumer under the port lock. */
    int observed;
    long timestamp;

    /** Links in the object's observer list, newest first; guarded by the object's lock. */
    Observer objectPrev;
    Observer objectNext;
    boolean attached;
    /** Links in the port's registry; guarded by the port's lock. */
    Observer portPrev;
    Observer portNext;

    Observer(Port port) {
        this.port = port;
    }

    /** Prepares this observer for a new registration; the caller holds the port's lock. */
    void arm(WaitableObject object, Handle handle, long key, int trigger, boolean edge, boolean timestamped) {
        this.object = object;
        this.handle = handle;
        this.key = key;
        this.trigger = trigger;
        this.edge = edge;
        this.timestamped = timestamped;
        this.state = ARMED;
        this.observed = 0;
        this.timestamp = 0;
        this.attached = false;
        this.queuedIn = null;
        this.ticket = 0;
    }

    /** Drops the references a finished observer no longer needs, so a spare one keeps nothing alive. */
    void release() {
        this.object = null;
        this.handle = null;
    }

    @Override
    long key() {
        return key;
    }

    /** Writes {@code zx_port_packet_t} with the {@code signal} member: count 1, reserved fields 0. */
    @Override
    void writeTo(MemorySegment target) {
        target.set(JAVA_LONG_UNALIGNED, 0, key);
        target.set(JAVA_INT_UNALIGNED, 8, ZX_PKT_TYPE_SIGNAL_ONE);
        target.set(JAVA_INT_UNALIGNED, 12, 0);
        target.set(JAVA_INT_UNALIGNED, 16, trigger);
        target.set(JAVA_INT_UNALIGNED, 20, observed);
        target.set(JAVA_LONG_UNALIGNED, 24, 1L);
        target.set(JAVA_LONG_UNALIGNED, 32, timestamp);
        target.set(JAVA_LONG_UNALIGNED, 40, 0L);
    }

    @Override
    void onDequeued(Port from) {
        from.finish(this);
    }
}
