package dev.zxport.jmh;

/**
 * The 48-byte payload that object queues carry: six longs, the size of a
 * {@code zx_port_packet_t}, behind 128 bytes of padding so that neighbouring records in a pool
 * never share a cache line. Producers copy a source record into a pooled one before offering
 * it, consumers copy a polled record into their sink, so every contender moves 48 bytes in and
 * 48 bytes out per operation, as the off-heap rings do.
 */
final class Record extends Pad128 {
    long word0;
    long word1;
    long word2;
    long word3;
    long word4;
    long word5;

    /** Copies all 48 bytes of {@code source} into this record. */
    void copyFrom(Record source) {
        word0 = source.word0;
        word1 = source.word1;
        word2 = source.word2;
        word3 = source.word3;
        word4 = source.word4;
        word5 = source.word5;
    }

    /** Returns a record whose words hold recognisable, non-zero values. */
    static Record sample() {
        Record record = new Record();
        record.word0 = 0x1111_1111L;
        record.word1 = 0x2222_2222L;
        record.word2 = 0x3333_3333L;
        record.word3 = 0x4444_4444L;
        record.word4 = 0x5555_5555L;
        record.word5 = 0x6666_6666L;
        return record;
    }

    /** Allocates {@code size} records, a power of two, for a producer to fill in turn. */
    static Record[] pool(int size) {
        if (Integer.bitCount(size) != 1) {
            throw new IllegalArgumentException("pool size " + size + " is not a power of two");
        }
        Record[] pool = new Record[size];
        for (int i = 0; i < size; i++) {
            pool[i] = new Record();
        }
        return pool;
    }
}
