package dev.zxport.kernel;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.VarHandle;

import static dev.zxport.kernel.RingDescriptor.CANCELLED;
import static dev.zxport.kernel.RingDescriptor.CANCELLED_OFFSET;
import static dev.zxport.kernel.RingDescriptor.HEAD_OFFSET;
import static dev.zxport.kernel.RingDescriptor.OUTSIDE_OFFSET;
import static dev.zxport.kernel.RingDescriptor.PACKET_KEY_OFFSET;
import static dev.zxport.kernel.RingDescriptor.PACKET_SIZE;
import static dev.zxport.kernel.RingDescriptor.PRODUCER_LIMIT_OFFSET;
import static dev.zxport.kernel.RingDescriptor.SLOTS_OFFSET;
import static dev.zxport.kernel.RingDescriptor.SLOT_SEQUENCE_OFFSET;
import static dev.zxport.kernel.RingDescriptor.SLOT_SIZE;
import static dev.zxport.kernel.RingDescriptor.TAIL_OFFSET;
import static java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED;

/**
 * A bounded multi-producer multi-consumer ring of user packets in off-heap memory, after
 * Dmitry Vyukov's bounded MPMC queue, with in-place cancellation.
 *
 * <p>Producers claim a sequence with one CAS on the tail, copy the caller's 48 bytes into the
 * slot and publish the slot's sequence. Consumers copy a published slot out speculatively,
 * claim it with one CAS on the head, and then release the slot to the next lap with a CAS on
 * its sequence. That last CAS fails only when a canceller turned the slot into a tombstone
 * first, so a packet is either delivered or cancelled, never both. Nothing is allocated per
 * packet. The layout is described in {@link RingDescriptor}.
 *
 * <p>The ring takes at most {@code maxPackets} live packets: tombstones between head and tail
 * occupy slots until a consumer skips them, but do not count against that limit.
 */
final class PacketRing {
    static final int OK = 0;
    /** The ring already contains {@code maxPackets} live packets. */
    static final int FULL = 1;
    static final int EMPTY = 2;
    /** The caller's source segment became inaccessible during the copy; nothing was queued. */
    static final int SOURCE_FAULT = 3;
    /** The caller's target segment became inaccessible during the copy; the packet stays queued. */
    static final int TARGET_FAULT = 4;
    /** The next packet is newer than a signal packet that must be delivered first; nothing moved. */
    static final int OLDER_PACKET_FIRST = 5;
    /**
     * The slot for the next packet is still taken by a live packet that no consumer has taken,
     * while the limit has room. Nothing was queued. Tombstones behind that packet cause this.
     */
    static final int SLOT_TAKEN = 6;

    private static final VarHandle LONG = JAVA_LONG.varHandle();
    private static final long PACKET_TYPE_OFFSET = 8;
    private static final int SPINS_BEFORE_YIELD = 64;

    private final MemorySegment memory;
    private final long capacity;
    private final long mask;
    private final long maxPackets;
    /**
     * The sequence from which consumers leave user packets queued, because the port has an
     * older signal packet queued for that position or an interrupt packet queued at all
     * ({@code Long.MIN_VALUE}), or {@code Long.MAX_VALUE} when it has neither.
     */
    private volatile long takeBefore = Long.MAX_VALUE;

    /**
     * Allocates a ring for up to {@code maxPackets} live packets in {@code arena}, which must be
     * shared (any thread may queue or wait) and outlive every use of the ring.
     */
    PacketRing(Arena arena, long maxPackets) {
        // Twice the live limit, so that tombstones left by zx_port_cancel_key behind a live
        // packet do not shrink the room for new packets. Memory is mapped lazily, so the spare
        // half costs nothing until the ring cycles through it.
        // More tombstones than that behind the oldest live packet make offerUser report
        // SLOT_TAKEN, and the port then keeps new packets outside the ring.
        this.capacity = RingDescriptor.capacityFor(2 * maxPackets);
        this.mask = capacity - 1;
        this.maxPackets = maxPackets;
        // Zero memory is a valid empty ring (see lvSequence), so untouched slots stay uncommitted.
        this.memory = NativeMemory.allocateZeroed(arena, RingDescriptor.byteSize(capacity), RingDescriptor.CACHE_PAIR);
        memory.set(JAVA_LONG, PRODUCER_LIMIT_OFFSET, maxPackets);
        VarHandle.releaseFence();
    }

    long capacity() {
        return capacity;
    }

    /**
     * Queues a copy of the 48 bytes at the start of {@code source} as a user packet, with its
     * type field overwritten by {@code ZX_PKT_TYPE_USER} (0).
     *
     * @return {@link #OK}, {@link #FULL}, {@link #SLOT_TAKEN} or {@link #SOURCE_FAULT}
     */
    int offerUser(MemorySegment source) {
        long cachedLimit = lpProducerLimit();
        long limit = cachedLimit;
        int spins = 0;
        while (true) {
            long sequence = lvTail();
            long slot = slotOffset(sequence);
            long slotSequence = lvSequence(slot);

            if (slotSequence == sequence) {
                if (sequence >= limit) {
                    // Read the tombstone count before the head: a consumer advances the head
                    // before it uncounts a tombstone, so this order can only overestimate.
                    long tombstones = lvCancelled();
                    limit = lvHead() + maxPackets + tombstones - lvOutside();
                    if (sequence >= limit) {
                        return FULL;
                    }
                    // A CAS, so that a limit computed before reserveOutside lowered it is not
                    // cached over the lowered one.
                    if (casProducerLimit(cachedLimit, limit)) {
                        cachedLimit = limit;
                    }
                }
                if (casTail(sequence, sequence + 1)) {
                    return fillAndPublish(slot, sequence, source);
                }
            } else if (slotSequence < sequence) {
                // The slot still contains the packet or tombstone of the previous lap. When a
                // consumer already claimed that packet and is about to release the slot, wait
                // for it. Otherwise that entry is at the head: a tombstone there only waits
                // for a consumer to skip it, so skip it here, or the tombstones after the last
                // packet would keep a port that cancel_key emptied full. A live packet there
                // makes the ring physically full, which tombstones behind it can cause below
                // the live-packet limit. The port then keeps the packet outside the ring.
                long head = lvHead();
                if (head <= sequence - capacity) {
                    if (slotSequence != ((head + 1) | CANCELLED)) {
                        long tombstones = lvCancelled();
                        return sequence < lvHead() + maxPackets + tombstones - lvOutside() ? SLOT_TAKEN : FULL;
                    }
                    if (casHead(head, head + 1)) {
                        releaseTombstone(slot, head);
                    }
                    continue;
                }
                Thread.onSpinWait();
            }
            if (++spins % SPINS_BEFORE_YIELD == 0) {
                Thread.yield();
            }
        }
    }

    private int fillAndPublish(long slot, long sequence, MemorySegment source) {
        try {
            MemorySegment.copy(source, 0, memory, slot, PACKET_SIZE);
        } catch (IllegalStateException | WrongThreadException | IndexOutOfBoundsException e) {
            if (isUsable(source)) {
                // The caller's segment is fine, so the ring itself is being freed.
                throw e;
            }
            // The sequence is claimed and consumers will wait for it, so publish a tombstone.
            addCancelled(1);
            svSequence(slot, (sequence + 1) | CANCELLED);
            return SOURCE_FAULT;
        }
        memory.set(JAVA_INT_UNALIGNED, slot + PACKET_TYPE_OFFSET, 0);

        // Volatile store: the publish must be visible before the caller reads the waiter count.
        svSequence(slot, sequence + 1);
        return OK;
    }

    /**
     * Moves the oldest live packet into the first 48 bytes of {@code target}.
     *
     * @return {@link #OK}, {@link #EMPTY}, {@link #TARGET_FAULT} or {@link #OLDER_PACKET_FIRST}
     */
    int poll(MemorySegment target) {
        int spins = 0;
        while (true) {
            long sequence = lvHead();
            long slot = slotOffset(sequence);
            long slotSequence = lvSequence(slot);
            long published = sequence + 1;

            if (slotSequence == published) {
                // Read after the slot: a signal or interrupt packet queued before this packet's
                // producer claimed its sequence is visible now, and it must come out first.
                if (sequence >= takeBefore) {
                    return OLDER_PACKET_FIRST;
                }
                // Speculative copy: it counts only if this consumer wins the head below, because
                // until then another consumer may take the slot and a producer may refill it.
                try {
                    MemorySegment.copy(memory, slot, target, 0, PACKET_SIZE);
                } catch (IllegalStateException | WrongThreadException | IndexOutOfBoundsException e) {
                    if (isUsable(target)) {
                        // The caller's segment is fine, so the ring itself is being freed. Its
                        // scope can still read as alive while the close is in progress.
                        throw e;
                    }
                    return TARGET_FAULT;
                }
                if (casHead(sequence, sequence + 1)) {
                    if (casSequence(slot, published, sequence + capacity)) {
                        return OK;
                    }
                    // A canceller took the packet between the copy and the claim.
                    releaseTombstone(slot, sequence);
                }
            } else if (slotSequence == (published | CANCELLED)) {
                if (casHead(sequence, sequence + 1)) {
                    releaseTombstone(slot, sequence);
                }
            } else if (slotSequence < published) {
                if (lvTail() <= sequence) {
                    return EMPTY;
                }
                // A producer claimed this sequence and is still copying its packet in.
                Thread.onSpinWait();
                if (++spins % SPINS_BEFORE_YIELD == 0) {
                    Thread.yield();
                }
            }
        }
    }

    /**
     * Moves the head past canceled packets at the front, so that the head is the sequence of the
     * oldest live or unpublished packet.
     */
    void skipCanceledAtHead() {
        while (true) {
            long sequence = lvHead();
            long slot = slotOffset(sequence);
            if (lvSequence(slot) != ((sequence + 1) | CANCELLED)) {
                return;
            }
            if (casHead(sequence, sequence + 1)) {
                releaseTombstone(slot, sequence);
            }
        }
    }

    /** Returns true when {@code segment} can still be accessed for a whole packet by this thread. */
    private static boolean isUsable(MemorySegment segment) {
        return segment.scope().isAlive()
                && segment.isAccessibleBy(Thread.currentThread())
                && segment.byteSize() >= PACKET_SIZE;
    }

    private void releaseTombstone(long slot, long sequence) {
        soSequence(slot, sequence + capacity);
        addCancelled(-1);
    }

    /**
     * Turns every published packet whose key equals {@code key} into a tombstone.
     *
     * @return the number of packets removed
     */
    int cancelKey(long key) {
        int removed = 0;
        long head = lvHead();
        long tail = lvTail();
        for (long sequence = head; sequence < tail; sequence++) {
            long slot = slotOffset(sequence);
            long published = sequence + 1;
            if (lvSequence(slot) != published) {
                continue;
            }
            // The key may belong to a later lap if the slot was reused meanwhile; the CAS on the
            // exact sequence below rejects that case.
            long packetKey = memory.get(JAVA_LONG_UNALIGNED, slot + PACKET_KEY_OFFSET);
            if (packetKey == key && casSequence(slot, published, published | CANCELLED)) {
                addCancelled(1);
                removed++;
            }
        }
        return removed;
    }

    /**
     * Makes consumers leave the packet with {@code sequence} and every later one queued, so that
     * a signal packet queued when the tail was at {@code sequence} keeps its place in the FIFO;
     * {@code Long.MIN_VALUE} holds back every user packet and {@code Long.MAX_VALUE} lifts the
     * bound.
     */
    void takeBefore(long sequence) {
        takeBefore = sequence;
    }

    /**
     * Counts one more user packet that the port keeps outside the ring, if the limit has room
     * for it, and makes producers re-read the limit.
     *
     * NOTE: a producer that read the cached limit just before this call may still claim one
     * sequence beyond the limit, because the port's lock orders only the packets kept outside.
     *
     * @return false when the ring and the packets outside it already hold {@code maxPackets}
     */
    boolean reserveOutside() {
        long outside = addOutside(1) + 1;
        long tombstones = lvCancelled();
        long live = lvTail() - lvHead() - tombstones + outside;
        if (live > maxPackets) {
            addOutside(-1);
            return false;
        }
        soProducerLimit(0);
        return true;
    }

    /** Uncounts a user packet kept outside the ring, once it was delivered or cancelled. */
    void releaseOutside() {
        addOutside(-1);
    }

    /** Returns the number of live packets, those kept outside included; exact only while no thread queues or waits. */
    long size() {
        long tombstones = lvCancelled();
        long head = lvHead();
        long tail = lvTail();
        return Math.max(0, tail - head - tombstones + lvOutside());
    }

    /** Returns true when a consumer could find a published or claimed packet. */
    boolean maybeNonEmpty() {
        return lvTail() != lvHead();
    }

    long lvHead() {
        return (long) LONG.getAcquire(memory, HEAD_OFFSET);
    }

    long lvTail() {
        return (long) LONG.getAcquire(memory, TAIL_OFFSET);
    }

    private long slotOffset(long sequence) {
        return SLOTS_OFFSET + (sequence & mask) * SLOT_SIZE;
    }

    // A slot stores its sequence minus its own index, so that the all-zero memory of a new ring
    // reads as "slot i is free for sequence i". The difference is exact for tombstones too,
    // because the stored value stays below bit 63 before the CANCELLED bit is added.

    private long slotIndex(long slot) {
        return (slot - SLOTS_OFFSET) >>> RingDescriptor.SLOT_SHIFT;
    }

    private long lvSequence(long slot) {
        return (long) LONG.getAcquire(memory, slot + SLOT_SEQUENCE_OFFSET) + slotIndex(slot);
    }

    private void soSequence(long slot, long value) {
        LONG.setRelease(memory, slot + SLOT_SEQUENCE_OFFSET, value - slotIndex(slot));
    }

    private void svSequence(long slot, long value) {
        LONG.setVolatile(memory, slot + SLOT_SEQUENCE_OFFSET, value - slotIndex(slot));
    }

    private boolean casSequence(long slot, long expected, long value) {
        long index = slotIndex(slot);
        return LONG.compareAndSet(memory, slot + SLOT_SEQUENCE_OFFSET, expected - index, value - index);
    }

    private boolean casTail(long expected, long value) {
        return LONG.compareAndSet(memory, TAIL_OFFSET, expected, value);
    }

    private boolean casHead(long expected, long value) {
        return LONG.compareAndSet(memory, HEAD_OFFSET, expected, value);
    }

    private long lpProducerLimit() {
        return (long) LONG.getOpaque(memory, PRODUCER_LIMIT_OFFSET);
    }

    private void soProducerLimit(long value) {
        LONG.setOpaque(memory, PRODUCER_LIMIT_OFFSET, value);
    }

    private boolean casProducerLimit(long expected, long value) {
        return LONG.compareAndSet(memory, PRODUCER_LIMIT_OFFSET, expected, value);
    }

    private long lvOutside() {
        return (long) LONG.getAcquire(memory, OUTSIDE_OFFSET);
    }

    private long addOutside(long delta) {
        return (long) LONG.getAndAdd(memory, OUTSIDE_OFFSET, delta);
    }

    private long lvCancelled() {
        return (long) LONG.getAcquire(memory, CANCELLED_OFFSET);
    }

    private void addCancelled(long delta) {
        LONG.getAndAdd(memory, CANCELLED_OFFSET, delta);
    }
}
