package dev.zxport.kernel;

import java.lang.foreign.MemorySegment;

import static java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED;
import static java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED;

/**
 * One {@code zx_object_wait_async} registration: a one-shot wait on an object's signals that
 * turns into a signal packet in a port. The packet lives in the observer itself, so delivering
 * it allocates nothing; registering allocates this one object.
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

    final WaitableObject object;
    final Handle handle;
    final Port port;
    final long key;
    final int trigger;
    final boolean edge;
    final boolean timestamped;

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

    Observer(WaitableObject object, Handle handle, Port port, long key, int trigger, boolean edge, boolean timestamped) {
        this.object = object;
        this.handle = handle;
        this.port = port;
        this.key = key;
        this.trigger = trigger;
        this.edge = edge;
        this.timestamped = timestamped;
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
