package dev.zxport.kernel;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.StructLayout;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * Layout of a {@link PacketRing} in off-heap memory: a control block of counters, each on its
 * own pair of cache lines, followed by the slots.
 *
 * <pre>
 *   control block (384 bytes)
 *   +0    padding (128)        keeps the counters off the line before the segment
 *   +128  tail                 next sequence a producer claims (CAS by producers)
 *   +136  producerLimit        cached head + maxPackets; producers re-read head only past it
 *   +144  outside              user packets the port keeps outside the ring (slot still taken)
 *   +256  head                 next sequence a consumer claims (CAS by consumers)
 *   +264  cancelled            tombstones between head and tail not yet skipped
 *
 *   slot i, at 384 + (i &amp; mask) * 64, one cache line each
 *   +0    zx_port_packet_t     48 bytes, exactly the C layout
 *   +48   sequence             slot state minus the slot index, see below
 *   +56   (unused)             pads the slot to 64 bytes
 * </pre>
 *
 * The sequence word follows Vyukov's bounded MPMC queue. For the packet with sequence number
 * {@code n} in a ring of {@code capacity} slots:
 * <ul>
 *   <li>{@code n}: the slot is free for the producer that claims {@code n};</li>
 *   <li>{@code n + 1}: the packet is published and the consumer that claims {@code n} may take it;</li>
 *   <li>{@code (n + 1) | CANCELLED}: the packet was removed in place (a tombstone), and the
 *       consumer that claims {@code n} skips it;</li>
 *   <li>{@code n + capacity}: consumed, the slot is free for the producer of the next lap.</li>
 * </ul>
 * Each slot stores its sequence minus its index {@code i & mask}, so zeroed memory is a valid
 * empty ring in which slot {@code i} is free for sequence {@code i}.
 *
 * <p>The head and tail sit 128 bytes apart so that the adjacent-line prefetcher never pairs a line
 * that producers write with one that consumers write.
 */
final class RingDescriptor {
    /** Size of {@code zx_port_packet_t}, checked against the generated layout at class load. */
    static final long PACKET_SIZE = 48;
    static final long SLOT_SIZE = 64;
    static final int SLOT_SHIFT = 6;
    static final long CACHE_PAIR = 128;

    /** Bit 63 of a slot sequence: the packet in the slot was cancelled and is skipped. */
    static final long CANCELLED = Long.MIN_VALUE;

    static final StructLayout CONTROL_LAYOUT = MemoryLayout.structLayout(
            MemoryLayout.paddingLayout(CACHE_PAIR),
            JAVA_LONG.withName("tail"),
            JAVA_LONG.withName("producerLimit"),
            JAVA_LONG.withName("outside"),
            MemoryLayout.paddingLayout(CACHE_PAIR - 24),
            JAVA_LONG.withName("head"),
            JAVA_LONG.withName("cancelled"),
            MemoryLayout.paddingLayout(CACHE_PAIR - 16));

    static final long TAIL_OFFSET = CONTROL_LAYOUT.byteOffset(groupElement("tail"));
    static final long PRODUCER_LIMIT_OFFSET = CONTROL_LAYOUT.byteOffset(groupElement("producerLimit"));
    static final long OUTSIDE_OFFSET = CONTROL_LAYOUT.byteOffset(groupElement("outside"));
    static final long HEAD_OFFSET = CONTROL_LAYOUT.byteOffset(groupElement("head"));
    static final long CANCELLED_OFFSET = CONTROL_LAYOUT.byteOffset(groupElement("cancelled"));
    static final long SLOTS_OFFSET = CONTROL_LAYOUT.byteSize();

    static final long SLOT_PACKET_OFFSET = 0;
    static final long SLOT_SEQUENCE_OFFSET = PACKET_SIZE;

    /** Offset of the packet's {@code key} field, used by cancellation by key. */
    static final long PACKET_KEY_OFFSET = 0;

    private RingDescriptor() {
    }

    /** Returns the byte size of a ring with {@code capacity} slots. */
    static long byteSize(long capacity) {
        return SLOTS_OFFSET + capacity * SLOT_SIZE;
    }

    /**
     * Returns the smallest power of two of at least {@code packets} slots, and at least 2, because
     * with one slot the published and the consumed sequence of a packet would be equal.
     */
    static long capacityFor(long packets) {
        if (packets < 1 || packets > (1L << 24)) {
            throw new IllegalArgumentException("packets=" + packets + ", must be in [1, 16777216]");
        }
        long capacity = 2;
        while (capacity < packets) {
            capacity <<= 1;
        }
        return capacity;
    }
}
