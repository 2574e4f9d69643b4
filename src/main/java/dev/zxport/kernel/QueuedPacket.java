package dev.zxport.kernel;

import java.lang.foreign.MemorySegment;

/**
 * A kernel-generated packet that lives inside the object that produces it (an observer's signal
 * packet, an interrupt's packet) and links itself into a port's queue, so queuing it allocates
 * nothing. At most one copy of it can be queued at a time.
 */
abstract class QueuedPacket {
    QueuedPacket prev;
    QueuedPacket next;
    /** The port whose queue this packet is in, or null. Guarded by that port's lock. */
    Port queuedIn;
    /**
     * The tail of the port's user-packet ring when this packet was queued: user packets with a
     * smaller sequence are older and are delivered first.
     */
    long ticket;

    /** Returns the packet's key, which cancellation by key compares. */
    abstract long key();

    /** Writes the whole 48-byte packet to the start of {@code target}. */
    abstract void writeTo(MemorySegment target);

    /** Runs when a consumer dequeues the packet, under the port lock; takes no other lock. */
    abstract void onDequeued(Port port);
}
